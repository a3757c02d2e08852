"""``corridor screen batch``: a file of names screened on Dask, partition by partition.

The input is read and checked whole first (a bad row stops the batch before any work,
with every problem named). The screening index goes to every worker once
(``client.scatter(..., broadcast=True)``); partitions follow, at most a few per worker
in flight, so the client's memory holds a bounded number of results whatever the size
of the input. Each finished partition is written at once (``Parts``), which is what
makes a killed batch resumable.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from corridor.core.progress import Progress, Ticker, silent
from corridor.scale.cluster import worker_count
from corridor.scale.parts import Parts, output_format, sidecar
from corridor.scale.window import window_for, windowed
from corridor.services.batch_rows import NameRow, read_name_rows
from corridor.services.batch_screening import ShippedIndex, screen_partition, ship_index

if TYPE_CHECKING:
    from distributed import Client, Future

PARTITION_ROWS = 2_000


@dataclass(frozen=True)
class BatchSummary:
    """What a batch did, for the table at the end."""

    names: int
    partitions: int
    resumed: int
    rows: int
    names_with_hits: int
    by_band: dict[str, int]
    workers: int
    seconds: float
    output: Path
    rescreened: int | None = None  # with --since: rows screened again (the rest kept)


def screen_batch(
    engine: Engine,
    source: Path,
    output: Path,
    client: Client,
    *,
    partition_rows: int = PARTITION_ROWS,
    encoding: str | None = None,
    limit: int = 10,
    progress: Progress = silent,
) -> BatchSummary:
    """Screen every row of ``source`` against the lists in force; write ``output``."""
    started = time.perf_counter()
    output_format(output)  # refuse a bad output name before reading anything
    rows = read_name_rows(source, encoding)
    index = ship_index(engine)
    manifest = {
        "input": digest_of(source),
        "lists": index.key,
        "partition_rows": partition_rows,
        "limit": limit,
        "names": len(rows),
    }
    parts = Parts(output, manifest)
    resumed = parts.open()
    count = max(1, -(-len(rows) // partition_rows))
    todo = [n for n in range(count) if not parts.done(n)]
    ticker = Ticker(progress, count, "screening partitions")
    ticker.tick(count - len(todo))
    if len(todo) > 0:
        _run(client, index, rows, todo, parts, partition_rows, limit, ticker, manifest)
    totals = parts.finish(output, count)
    write_sidecar(output, manifest["input"], index, limit, len(rows))
    return BatchSummary(
        names=len(rows),
        partitions=count,
        resumed=resumed,
        rows=totals.rows,
        names_with_hits=totals.names_with_hits,
        by_band=dict(sorted(totals.by_band.items())),
        workers=worker_count(client),
        seconds=time.perf_counter() - started,
        output=output,
    )


def _run(
    client: Client,
    index: ShippedIndex,
    rows: list[NameRow],
    todo: list[int],
    parts: Parts,
    size: int,
    limit: int,
    ticker: Ticker,
    manifest: dict[str, object],
) -> None:
    shipped = client.scatter(index, broadcast=True)
    prefix = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:12]

    def submit(number: int) -> Future[list[dict[str, object]]]:
        chunk = rows[number * size : (number + 1) * size]
        return client.submit(
            screen_partition, shipped, chunk, limit, key=f"screen-{prefix}-{number}", pure=False
        )

    for number, result in windowed(submit, todo, window_for(client)):
        parts.write(number, result)
        ticker.tick()


def write_sidecar(
    output: Path, digest: object, index: ShippedIndex, limit: int, names: int
) -> None:
    """Say beside ``output`` what it was made from, for a later ``--since``."""
    made_from = {
        "input": digest,
        "versions": {source: version for source, (version, _) in index.versions.items()},
        "limit": limit,
        "names": names,
    }
    sidecar(output).write_text(json.dumps(made_from, sort_keys=True), encoding="utf-8")


def digest_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read a block at a time (the input may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
