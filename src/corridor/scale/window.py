"""Work sent to the cluster a bounded window at a time.

A batch has as many pieces as its input has partitions (10³ for a registry of 10⁶
names). Submitting them all at once would make the scheduler hold every one, and the
client every result until it is taken; instead a few per worker are in flight (enough
that a worker finishing one finds the next waiting), each result is let go once taken,
and the next piece goes out in its place. So the memory held on both sides is bounded
whatever the size of the input.

``ordered=False`` takes results as they finish (a batch writes each partition under
its own number); ``ordered=True`` takes them in the order of the pieces (a file
written in input order), with the same bound: a slow first piece holds the others'
results back, but no more than a window of them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from corridor.scale.cluster import worker_count

if TYPE_CHECKING:
    from distributed import Client, Future

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 2


def window_for(client: Client) -> int:
    """How many pieces to keep in flight on ``client``'s cluster."""
    return IN_FLIGHT_PER_WORKER * max(1, worker_count(client))


def windowed(
    submit: Callable[[T], Future[R]],
    items: Iterable[T],
    window: int,
    *,
    ordered: bool = False,
) -> Iterator[tuple[T, R]]:
    """(item, its result) for every item, ``submit``-ted at most ``window`` at a time;
    as they finish, or in the items' order when ``ordered``."""
    pending = iter(items)
    if ordered:
        return _in_order(submit, pending, max(1, window))
    return _as_finished(submit, pending, max(1, window))


def _in_order(
    submit: Callable[[T], Future[R]], pending: Iterator[T], window: int
) -> Iterator[tuple[T, R]]:
    flight = deque((item, submit(item)) for item in islice(pending, window))
    while len(flight) > 0:
        item, future = flight.popleft()
        result = future.result()
        future.release()
        for following in islice(pending, 1):
            flight.append((following, submit(following)))
        yield item, result


def _as_finished(
    submit: Callable[[T], Future[R]], pending: Iterator[T], window: int
) -> Iterator[tuple[T, R]]:
    from distributed import as_completed  # only a batch needs Dask

    flight = {submit(item): item for item in islice(pending, window)}
    flow = as_completed(list(flight))
    for future in flow:
        item = flight.pop(future)
        result = future.result()
        future.release()
        for following in islice(pending, 1):
            new = submit(following)
            flight[new] = following
            flow.add(new)
        yield item, result
