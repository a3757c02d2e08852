"""One screening index per database, kept while the lists in force stay the same.

Building the index over every list in force takes seconds; an ad-hoc screen of one
name takes milliseconds. The web server (and any long-lived caller) therefore keeps
the built screener in this process, keyed by the database and by the list versions
in force (id and file digest of each, one cheap query). A new load or ``lists use``
changes that key, and the next call builds afresh.

Thread-safe: the web server answers requests in threads; one lock guards the table
and the build, so concurrent first calls build once and the rest wait for it.

``CORRIDOR_SCREEN_CACHE=0`` in the environment turns the cache off (every call
builds its own index, as before): what ``benchmarks/web.py --baseline`` measures.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from sqlalchemy import Engine

from corridor.core.screening import ListEntry, ListVersion
from corridor.screen.matcher import Screener
from corridor.services import heap
from corridor.services.uow import read_only

ENV = "CORRIDOR_SCREEN_CACHE"

VersionKey = tuple[tuple[str, int, str], ...]
"""(source, version id, sha256) of every list version in force, by source."""

_LOCK = threading.Lock()
_SCREENERS: dict[str, tuple[VersionKey, Screener]] = {}


def enabled() -> bool:
    """Whether the cache is on (``CORRIDOR_SCREEN_CACHE`` unset, or not 0/false/no/off)."""
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def version_key(versions: list[ListVersion]) -> VersionKey:
    """What the cached index is valid for: the versions in force."""
    return tuple(sorted((v.source, v.id, v.sha256) for v in versions if v.id is not None))


def _database(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _versions_and_entries(engine: Engine, with_entries: bool) -> tuple[VersionKey, list[ListEntry]]:
    with read_only(engine) as uow:
        key = version_key(uow.lists.active_versions())
        entries = [e for _, vid, _ in key for e in uow.lists.entries(vid)] if with_entries else []
    return key, entries


def cached_screener(
    engine: Engine, build: Callable[[list[ListEntry]], Screener]
) -> tuple[Screener | None, int]:
    """The screener over the lists in force of ``engine``'s database, and how many list
    versions it rests on (0: no lists, and then no screener).

    ``build`` makes a screener from the entries; it is called only when nothing valid
    is cached (or the cache is off).
    """
    if not enabled():
        key, entries = _versions_and_entries(engine, with_entries=True)
        return (build(entries) if entries else None), len(key)
    database = _database(engine)
    key, _ = _versions_and_entries(engine, with_entries=False)
    if len(key) == 0:
        return None, 0
    held = _SCREENERS.get(database)
    if held is not None and held[0] == key:
        return held[1], len(key)
    with _LOCK:
        held = _SCREENERS.get(database)
        if held is not None and held[0] == key:
            return held[1], len(key)
        key, entries = _versions_and_entries(engine, with_entries=True)
        screener = build(entries) if entries else None
        if screener is None:
            _SCREENERS.pop(database, None)
        else:
            _SCREENERS[database] = (key, screener)
            heap.settle()  # the index lives long: keep full collections off it
        return screener, len(key)


def clear() -> None:
    """Forget every cached screener (tests, or to free the memory)."""
    with _LOCK:
        _SCREENERS.clear()
