"""Pieces sent to a real LocalCluster a bounded window at a time: never more in flight
than the window, every result once, in the pieces' order when asked."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from distributed import Client, Future

from corridor.scale.cluster import connect
from corridor.scale.window import IN_FLIGHT_PER_WORKER, window_for, windowed

PIECES = 24


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with connect(workers=2) as running:
        yield running


def _late_first(item: int) -> tuple[int, float]:
    """The piece and its square root, after a wait that differs from piece to piece (so
    that they finish in an order other than theirs)."""
    time.sleep(0.01 * (item % 6))
    return item, item**0.5


@pytest.mark.parametrize("ordered", [True, False])
def test_a_window_is_never_exceeded_and_every_result_comes_once(
    client: Client, ordered: bool
) -> None:
    window = window_for(client)
    assert window == IN_FLIGHT_PER_WORKER * 2
    out_before_submit: list[int] = []
    finished: list[int] = []

    def submit(item: int) -> Future[tuple[int, float]]:
        # Pieces sent and not handed back yet (the one just taken, whose place this
        # one takes, included).
        out_before_submit.append(len(out_before_submit) - len(finished))
        return client.submit(_late_first, PIECES - 1 - item, pure=False)

    for item, (computed, root) in windowed(submit, range(PIECES), window, ordered=ordered):
        assert computed == PIECES - 1 - item and root == computed**0.5
        finished.append(item)
    assert len(out_before_submit) == PIECES
    assert out_before_submit[:window] == list(range(window))  # the window filled first
    assert max(out_before_submit) == window  # and kept full, never more than full
    assert sorted(finished) == list(range(PIECES))
    if ordered:
        assert finished == list(range(PIECES))
    deadline = time.monotonic() + 10
    while len(client.futures) > 0 and time.monotonic() < deadline:
        time.sleep(0.05)  # a future is let go on the client's event loop
    assert len(client.futures) == 0  # every result let go once taken


def test_ordered_waits_for_a_slow_first_piece(client: Client) -> None:
    def submit(item: int) -> Future[float]:
        return client.submit(time.sleep if item == 0 else float, 1.0 if item == 0 else item)

    started = time.perf_counter()
    found = [item for item, _ in windowed(submit, range(6), 3, ordered=True)]
    assert found == list(range(6))
    assert time.perf_counter() - started >= 1.0  # the first result was waited for
    unordered = [item for item, _ in windowed(submit, range(6), 3)]
    assert sorted(unordered) == list(range(6)) and unordered[0] != 0
