"""``corridor screen batch --since PREVIOUS``: a batch after a list update, by the delta.

The earlier batch's output says (in its ``.batch.json``) which input and which list
versions it was made from. The rows the change can touch (``services.batch_delta``)
are screened again on the cluster; every other row keeps its earlier hits; the new
output is written whole, in the input's order, as a full batch would write it.

The registry's rows and posting keys are the one O(registry) step: computed on the
workers the first time a file is used with ``--since`` and kept in the user's cache
folder under the file's digest and the name code's version (``services.batch_keys``,
one SQLite file written by ``store.keyfile``). A later update opens that file, looks
up only the changed entries' keys and the earlier output's ids, reads only the rows to
screen again, and writes the earlier hits with the new ones: O(changes + hits),
without reading the input again (its digest is the one O(file) step left).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from corridor.core.progress import Progress, silent
from corridor.exc import Conflict, InvalidInput
from corridor.scale.batch import BatchSummary, digest_of, write_sidecar
from corridor.scale.cluster import worker_count
from corridor.scale.parts import output_format, read_output, sidecar, write_output
from corridor.scale.window import window_for, windowed
from corridor.services.batch_delta import list_changes, row_keys, rows_to_rescreen
from corridor.services.batch_keys import kept_keys
from corridor.services.batch_rows import NameRow
from corridor.services.batch_screening import (
    ShippedIndex,
    open_shipped,
    screen_partition,
    ship_index,
)

if TYPE_CHECKING:
    from distributed import Client, Future

log = logging.getLogger(__name__)


def screen_delta(
    engine: Engine,
    source: Path,
    previous: Path,
    output: Path,
    client: Client,
    *,
    partition_rows: int = 2_000,
    encoding: str | None = None,
    progress: Progress = silent,
) -> BatchSummary:
    """Screen ``source`` against the lists in force, redoing only what changed since
    the batch that wrote ``previous``."""
    started = time.perf_counter()
    output_format(output)
    made_from = _made_from(previous)
    digest = digest_of(source)
    if made_from.get("input") != digest:
        raise Conflict(f"{previous} was screened from another input than {source}")
    index = ship_index(engine)
    stated = made_from["versions"]
    assert isinstance(stated, dict)  # checked by _made_from
    versions = {str(k): int(v) for k, v in stated.items()}
    changes = list_changes(engine, versions)
    progress(0.1, f"{sum(len(c.entries()) for c in changes)} list entries changed")
    registry = kept_keys(
        source, encoding, digest, partition_rows, lambda chunks: _keys_of(client, chunks)
    )
    try:
        progress(0.4, "registry keys ready")
        before = read_output(previous)
        where = registry.positions(before)
        if len(where) != len(before):
            raise Conflict(f"{previous} holds ids that {source} does not")
        earlier = {where[k]: hits for k, hits in before.items()}
        opened = open_shipped(index)
        if opened is None:  # pragma: no cover - shipped from the lists in force just now
            raise InvalidInput("the screening index changed while the batch started")
        positions = rows_to_rescreen(changes, earlier, registry, opened)
        log.info("%d of %d rows to screen again", len(positions), registry.rows)
        rows = registry.rows_at(positions)
        names = registry.rows
    finally:
        registry.close()
    limit = int(str(made_from.get("limit", 10)))
    again = _screen(client, index, rows, partition_rows, limit)
    progress(0.9, f"{len(positions)} rows screened again")
    ids = dict(zip(sorted(positions), (r.id for r in rows), strict=True))
    chunks = (
        again.get(ids[p], []) if p in ids else _in_force(earlier[p], index)
        for p in sorted(positions | earlier.keys())
    )
    totals = write_output(output, chunks)
    write_sidecar(output, digest, index, limit, names)
    return BatchSummary(
        names=names,
        partitions=0,
        resumed=0,
        rows=totals.rows,
        names_with_hits=totals.names_with_hits,
        by_band=dict(sorted(totals.by_band.items())),
        workers=worker_count(client),
        seconds=time.perf_counter() - started,
        output=output,
        rescreened=len(positions),
    )


def _in_force(hits: list[dict[str, object]], index: ShippedIndex) -> list[dict[str, object]]:
    """Kept hits, stamped with their source's version in force (a full run's stamp: the
    entry did not change, so the hit rests on the new version as much as on the old)."""
    for hit in hits:
        hit["list_version"], hit["list_published"] = index.versions.get(str(hit["source"]), (0, ""))
    return hits


def _made_from(previous: Path) -> dict[str, object]:
    path = sidecar(previous)
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(
            f"{path} is missing: --since needs the output of an earlier `screen batch`",
            file=str(previous),
        ) from None
    except ValueError as err:
        raise InvalidInput(f"unreadable: {err}", file=str(path)) from None
    if not isinstance(found, dict) or not isinstance(found.get("versions"), dict):
        raise InvalidInput("not a batch description", file=str(path))
    return found


def _keys_of(
    client: Client, chunks: list[list[NameRow]]
) -> Iterator[tuple[list[NameRow], list[tuple[str, ...]]]]:
    """(chunk, its rows' keys) in order, computed on the workers a bounded window at a
    time (each result let go once taken: a worker does not hold the keys of the whole
    registry)."""

    def submit(chunk: list[NameRow]) -> Future[list[tuple[str, ...]]]:
        return client.submit(row_keys, chunk, pure=False)

    yield from windowed(submit, chunks, window_for(client), ordered=True)


def _screen(
    client: Client, index: ShippedIndex, rows: list[NameRow], size: int, limit: int
) -> dict[str, list[dict[str, object]]]:
    """Hit rows of ``rows`` by id, screened on the workers; here when they are no more
    than one partition (one worker would screen them all, after the index travelled to
    every worker: shipping it would cost more than the screening)."""
    if len(rows) == 0:
        return {}
    if len(rows) <= size:
        parts = [screen_partition(index, rows, limit)]
    else:
        shipped = client.scatter(index, broadcast=True)
        chunks = [rows[i : i + size] for i in range(0, len(rows), size)]
        futures = [client.submit(screen_partition, shipped, c, limit, pure=False) for c in chunks]
        parts = client.gather(futures)
    out: dict[str, list[dict[str, object]]] = {}
    for part in parts:
        for record in part:
            out.setdefault(str(record["id"]), []).append(record)
    return out
