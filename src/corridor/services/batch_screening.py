"""Screening a batch in partitions: what scale/ ships to its workers, and runs there.

``screen_queries`` screens a file in one process and holds every result until the end.
A batch of a registry (10⁵–10⁷ names) is cut into partitions that run wherever scale/
puts them — Dask workers on this machine or a cluster. Two things make that cheap:

- the screening index travels once per worker as the bytes of its file
  (``ShippedIndex``), opened there without a rebuild and kept for every later
  partition (``screen_partition`` holds it per process, by key);
- results are plain rows, one per query and hit, with the list version each hit
  rests on, written out partition by partition by the caller.

Everything here is plain data in, plain data out: it pickles, and a partition screened
on a worker gives the same hits as ``corridor screen names`` on the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from corridor.core.screening import Hit
from corridor.exc import InvalidInput
from corridor.screen.index_file import DiskIndex, index_from_bytes
from corridor.screen.matcher import Screener
from corridor.services.batch_rows import NameRow
from corridor.services.name_files import query_for
from corridor.services.screen_cache import shippable
from corridor.services.screening import active_versions, build_index

OUTPUT_COLUMNS = (
    "id",
    "query",
    "source",
    "source_id",
    "entry_name",
    "matched_name",
    "score",
    "band",
    "explanation",
    "list_version",
    "list_published",
)
"""The columns of a batch's output, one row per query and hit (a query without a hit
has no row; the summary counts it)."""


@dataclass(frozen=True)
class ShippedIndex:
    """The screening index as bytes, the key it was written for, and each source's
    version in force (id, publication date) for the result rows."""

    key: str
    data: bytes
    versions: Mapping[str, tuple[int, str]]


def ship_index(engine: Engine) -> ShippedIndex:
    """The index of the lists in force, ready to be sent to workers once each."""
    key, data = shippable(engine, lambda entries: Screener(build_index(entries)))
    versions = {
        v.source: (v.id or 0, v.published.isoformat() if v.published else "")
        for v in active_versions(engine)
    }
    return ShippedIndex(key, data, versions)


def open_shipped(index: ShippedIndex) -> DiskIndex | None:
    """The index ``index`` carries, opened from its bytes without a rebuild; None if
    they were written for other lists or other code."""
    return index_from_bytes(index.data, index.key)


_HELD: dict[str, Screener] = {}


def _screener(index: ShippedIndex) -> Screener:
    """The screener over ``index``, opened once per process and kept for the next
    partition (a worker screens many)."""
    held = _HELD.get(index.key)
    if held is None:
        opened = open_shipped(index)
        if opened is None:
            raise InvalidInput("the shipped screening index was written for other lists")
        _HELD.clear()
        held = _HELD[index.key] = Screener(opened)
    return held


def screen_partition(
    index: ShippedIndex, rows: Sequence[NameRow], limit: int = 10
) -> list[dict[str, object]]:
    """The result rows of ``rows`` (checked already by ``read_name_rows``), in order."""
    screener = _screener(index)
    out: list[dict[str, object]] = []
    for row in rows:
        query = query_for(row.name, row.kind, row.country, row.birth_date)
        out += [hit_row(row, hit, index.versions) for hit in screener.screen(query, limit=limit)]
    return out


def hit_row(row: NameRow, hit: Hit, versions: Mapping[str, tuple[int, str]]) -> dict[str, object]:
    """One output row: the query's id and name, the hit, and the list version behind it."""
    version, published = versions.get(hit.source, (0, ""))
    return {
        "id": row.id,
        "query": row.name,
        "source": hit.source,
        "source_id": hit.source_id,
        "entry_name": hit.entry_name,
        "matched_name": hit.matched_name,
        "score": hit.score,
        "band": hit.band.value,
        "explanation": hit.explanation,
        "list_version": version,
        "list_published": published,
    }
