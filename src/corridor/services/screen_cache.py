"""One screening index per database, kept while the lists in force stay the same.

Building the index over every list in force takes seconds; an ad-hoc screen of one
name takes milliseconds. The index is therefore kept at two levels, both keyed by the
list versions in force (id and file digest of each, one cheap query):

- in this process (the web server, any long-lived caller), as built;
- in a file next to a SQLite database (``corridor.db.screen-index``; for a server
  database, in the user's cache folder), also keyed by ``index_file.code_version()``,
  so that the next process — ``corridor screen name X`` from a shell — opens it in
  milliseconds instead of rebuilding it. The file is written atomically (temporary
  file, then rename); a stale one is rebuilt, and so is a damaged one, with a warning
  in the log rather than a failure.

A new load or ``lists use`` changes the key, and the next call builds afresh.

Thread-safe: the web server answers requests in threads; one lock guards the table
and the build, so concurrent first calls build once and the rest wait for it.

``CORRIDOR_SCREEN_CACHE=0`` in the environment turns both levels off (every call
builds its own index, as before): what ``benchmarks/web.py --baseline`` measures.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.screening import ListEntry, ListVersion
from corridor.exc import InvalidInput
from corridor.screen.index import ScreeningIndex
from corridor.screen.index_file import (
    DiskIndex,
    IndexFileBroken,
    code_version,
    index_bytes,
    index_from_bytes,
    read_index,
    write_index,
)
from corridor.screen.matcher import Screener
from corridor.services import heap
from corridor.services.uow import read_only

log = logging.getLogger(__name__)

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
    is cached in the process or on disk (or the cache is off). A screener read from
    disk uses the default algorithm over the stored index.
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
        screener = _from_disk(engine, key)
        if screener is None:
            key, screener = _build(engine, build)
        if screener is None:
            _SCREENERS.pop(database, None)
        else:
            _SCREENERS[database] = (key, screener)
            heap.settle()  # the index lives long: keep full collections off it
        return screener, len(key)


def shippable(engine: Engine, build: Callable[[list[ListEntry]], Screener]) -> tuple[str, bytes]:
    """The screening index of ``engine``'s lists in force as bytes and the key they were
    written for: what a batch ships once to each of its workers (``index_from_bytes``
    there). The kept index file when there is one, else the index packed in memory.
    ``InvalidInput`` when no list is loaded."""
    screener, _ = cached_screener(engine, build)
    if screener is None:
        raise InvalidInput("no lists loaded: run `corridor lists load` (or `corridor demo`)")
    versions, _ = _versions_and_entries(engine, with_entries=False)
    key = _file_key(versions)
    path = index_path(engine)
    if isinstance(screener.index, DiskIndex) and path is not None:
        return key, path.read_bytes()
    kept = _kept_bytes(path, key)
    if kept is not None:  # built in this process and written: ship the file, not a repack
        return key, kept
    if isinstance(screener.index, ScreeningIndex):
        return key, index_bytes(screener.index, key)
    versions, entries = _versions_and_entries(engine, with_entries=True)
    built = build(entries).index
    assert isinstance(built, ScreeningIndex)  # build makes an in-memory index
    return _file_key(versions), index_bytes(built, _file_key(versions))


def _kept_bytes(path: Path | None, key: str) -> bytes | None:
    """The bytes of the index file at ``path`` if it was written for ``key``."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
        return data if index_from_bytes(data, key) is not None else None
    except (IndexFileBroken, OSError):
        return None


def _build(
    engine: Engine, build: Callable[[list[ListEntry]], Screener]
) -> tuple[VersionKey, Screener | None]:
    key, entries = _versions_and_entries(engine, with_entries=True)
    if len(entries) == 0:
        return key, None
    log.info("building the screening index over %d list entries", len(entries))
    screener = build(entries)
    path = index_path(engine)
    if path is not None and isinstance(screener.index, ScreeningIndex):
        try:
            write_index(screener.index, path, _file_key(key))
        except OSError as err:  # a read-only folder: screening works, only slower next time
            log.warning("could not keep the screening index in %s: %s", path, err.strerror)
    return key, screener


def _from_disk(engine: Engine, key: VersionKey) -> Screener | None:
    path = index_path(engine)
    if path is None:
        return None
    try:
        index = read_index(path, _file_key(key))
    except (IndexFileBroken, OSError) as err:
        log.warning("screening index %s unusable (%s): rebuilding it", path, err)
        return None
    if index is None:
        return None
    log.debug("screening index read from %s", path)
    return Screener(index)


def _file_key(key: VersionKey) -> str:
    versions = ",".join(f"{source}#{vid}:{sha}" for source, vid, sha in key)
    return f"{versions}|code {code_version()}"


def index_path(engine: Engine) -> Path | None:
    """Where the screening index of ``engine``'s database is kept: beside a SQLite file,
    else in the user's cache folder under a digest of the URL (None: an in-memory
    SQLite database, which no other process can see)."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            return None
        path = Path(url.database)
        return path.with_name(path.name + ".screen-index")
    name = hashlib.sha256(_database(engine).encode()).hexdigest()[:16]
    return cache_folder() / f"screen-index-{name}"


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/corridor``, else ``~/.cache/corridor``."""
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "corridor"


def clear() -> None:
    """Forget every cached screener (tests, or to free the memory)."""
    with _LOCK:
        _SCREENERS.clear()
