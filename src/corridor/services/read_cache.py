"""Read models kept between requests while nothing has changed.

The console's busiest pages (a mission's dashboard, the registry list and its
search, the missions overview) each read hundreds of organisations with their names
and screening state; rebuilding that for every request is most of a page's time.
A function decorated with ``read_model`` keeps its result per engine and arguments,
and answers from memory while both hold:

- no transaction that changed data has committed through the engine since (every
  write by this process, whoever made it, counts: ``services.uow.changes``), and
- the result is younger than ``MAX_AGE`` seconds, which bounds how long a write by
  another process (``corridor import`` from a terminal, a second server worker)
  stays unseen.

Results are shared between threads, so a read model must return values nobody
changes afterwards. ``CORRIDOR_READ_CACHE=0`` in the environment turns the cache
off (what ``benchmarks/web.py`` measures as its baseline).
"""

from __future__ import annotations

import functools
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from sqlalchemy import Engine

from corridor.services.cache_switch import ENV as ENV  # tests and callers name it here
from corridor.services.cache_switch import enabled
from corridor.services.uow import changes

MAX_AGE = 2.0
"""Seconds a result may be served without a write by this process having ended it."""
MAX_ENTRIES = 256
"""Results kept per engine (the oldest go first); filters make keys many."""

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(slots=True)
class _Table:
    """What is kept for one engine."""

    held: OrderedDict[Hashable, tuple[int, float, Any]] = field(default_factory=OrderedDict)
    """key → (write generation, monotonic time read, result), oldest first."""
    locks: dict[Hashable, threading.Lock] = field(default_factory=dict)
    refreshing: set[Hashable] = field(default_factory=set)


_LOCK = threading.Lock()
_TABLES: weakref.WeakKeyDictionary[Engine, _Table] = weakref.WeakKeyDictionary()


def _table(engine: Engine) -> _Table:
    """The engine's table (call with ``_LOCK`` held)."""
    table = _TABLES.get(engine)
    if table is None:
        table = _TABLES[engine] = _Table()
    return table


def read_model(
    fn: Callable[Concatenate[Engine, P], T],
) -> Callable[Concatenate[Engine, P], T]:
    """Keep ``fn(engine, ...)``'s result while the database is unchanged (see above)."""

    @functools.wraps(fn)
    def cached(engine: Engine, /, *args: P.args, **kwargs: P.kwargs) -> T:
        if not enabled():
            return fn(engine, *args, **kwargs)
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
        generation = changes(engine)
        held = _held(engine, key)
        if held is not None and held[0] == generation:
            if time.monotonic() - held[1] < MAX_AGE:
                return _fresh(cast(T, held[2]))
            if not _claim_refresh(engine, key):
                return _fresh(cast(T, held[2]))  # another request is refreshing it right now
            try:
                return _compute(engine, key, generation, lambda: fn(engine, *args, **kwargs))
            finally:
                _end_refresh(engine, key)
        with _key_lock(engine, key):
            held = _held(engine, key)  # computed while this request waited for it?
            if held is not None and held[0] >= generation and _young(held):
                return _fresh(cast(T, held[2]))
            return _compute(engine, key, generation, lambda: fn(engine, *args, **kwargs))

    return cached


def _held(engine: Engine, key: Hashable) -> tuple[int, float, Any] | None:
    with _LOCK:
        return _table(engine).held.get(key)


def _young(held: tuple[int, float, Any]) -> bool:
    return time.monotonic() - held[1] < MAX_AGE


def _compute(engine: Engine, key: Hashable, generation: int, read: Callable[[], T]) -> T:
    """Read afresh and keep the result under the generation read *before* reading."""
    started = time.monotonic()
    value = read()
    with _LOCK:
        table = _table(engine)
        table.held[key] = (generation, started, value)
        table.held.move_to_end(key)
        while len(table.held) > MAX_ENTRIES:
            gone, _ = table.held.popitem(last=False)
            table.locks.pop(gone, None)
    return _fresh(value)


def _claim_refresh(engine: Engine, key: Hashable) -> bool:
    """True for the one request that refreshes an aged result; the others serve the
    held one meanwhile (older than ``MAX_AGE`` by at most one read), so an expiry
    never makes every waiting request read the database at once."""
    with _LOCK:
        refreshing = _table(engine).refreshing
        if key in refreshing:
            return False
        refreshing.add(key)
        return True


def _end_refresh(engine: Engine, key: Hashable) -> None:
    with _LOCK:
        _table(engine).refreshing.discard(key)


def _key_lock(engine: Engine, key: Hashable) -> threading.Lock:
    """The lock under which a missing result is read once, while others wait for it."""
    with _LOCK:
        return _table(engine).locks.setdefault(key, threading.Lock())


def _fresh(value: T) -> T:
    """A list is handed out as a new list, so a caller that sorts or appends to its
    copy cannot change what the next caller gets (the items themselves are shared)."""
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]


def forget(engine: Engine) -> None:
    """Drop everything kept for ``engine`` (tests; a restore of the database file)."""
    with _LOCK:
        _TABLES.pop(engine, None)
