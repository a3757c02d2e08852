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
import os
import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine

from corridor.services.uow import changes

ENV = "CORRIDOR_READ_CACHE"
MAX_AGE = 2.0
"""Seconds a result may be served without a write by this process having ended it."""
MAX_ENTRIES = 256
"""Results kept per engine (the oldest go first); filters make keys many."""

P = ParamSpec("P")
T = TypeVar("T")

_LOCK = threading.Lock()
_HELD: weakref.WeakKeyDictionary[Engine, dict[Hashable, tuple[int, float, Any]]] = (
    weakref.WeakKeyDictionary()
)


def enabled() -> bool:
    """Whether the cache is on (``CORRIDOR_READ_CACHE`` unset, or not 0/false/no/off)."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def read_model(
    fn: Callable[Concatenate[Engine, P], T],
) -> Callable[Concatenate[Engine, P], T]:
    """Keep ``fn(engine, ...)``'s result while the database is unchanged (see above)."""

    @functools.wraps(fn)
    def cached(engine: Engine, /, *args: P.args, **kwargs: P.kwargs) -> T:
        if not enabled():
            return fn(engine, *args, **kwargs)
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
        generation, now = changes(engine), time.monotonic()
        with _LOCK:
            held = _HELD.get(engine, {}).get(key)
        if held is not None and held[0] == generation and now - held[1] < MAX_AGE:
            kept: T = held[2]
            return _fresh(kept)
        value = fn(engine, *args, **kwargs)
        with _LOCK:
            table = _HELD.setdefault(engine, {})
            table[key] = (generation, now, value)  # the generation read *before* computing
            while len(table) > MAX_ENTRIES:
                del table[next(iter(table))]
        return _fresh(value)

    return cached


def _fresh(value: T) -> T:
    """A list is handed out as a new list, so a caller that sorts or appends to its
    copy cannot change what the next caller gets (the items themselves are shared)."""
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]


def forget(engine: Engine) -> None:
    """Drop everything kept for ``engine`` (tests; a restore of the database file)."""
    with _LOCK:
        _HELD.pop(engine, None)
