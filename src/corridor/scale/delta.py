"""``corridor screen batch --since PREVIOUS``: a batch after a list update, by the delta.

The earlier batch's output says (in its ``.batch.json``) which input and which list
versions it was made from. The rows the change can touch (``services.batch_delta``)
are screened again on the cluster; every other row keeps its earlier hits; the new
output is written whole, in the input's order, as a full batch would write it.

The registry's posting keys are the one O(registry) step: computed on the workers the
first time a file is used with ``--since`` and kept in the user's cache folder under
the file's digest and the name code's version, so later updates cost O(changes).
"""

from __future__ import annotations

import json
import logging
import pickle
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from corridor.core.progress import Progress, silent
from corridor.exc import Conflict, InvalidInput
from corridor.registry.atomic import replace_atomically
from corridor.scale.batch import BatchSummary, digest_of, write_sidecar
from corridor.scale.cluster import worker_count
from corridor.scale.parts import output_format, read_output, sidecar, write_output
from corridor.screen.index_file import code_version, index_from_bytes
from corridor.services.batch_delta import RegistryKeys, list_changes, row_keys, rows_to_rescreen
from corridor.services.batch_rows import NameRow, read_name_rows
from corridor.services.batch_screening import ShippedIndex, screen_partition, ship_index
from corridor.services.screen_cache import cache_folder

if TYPE_CHECKING:
    from distributed import Client

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
    rows = read_name_rows(source, encoding, checked=True)  # the earlier batch checked it
    index = ship_index(engine)
    stated = made_from["versions"]
    assert isinstance(stated, dict)  # checked by _made_from
    versions = {str(k): int(v) for k, v in stated.items()}
    changes = list_changes(engine, versions)
    progress(0.1, f"{sum(len(c.entries()) for c in changes)} list entries changed")
    before = read_output(previous)
    registry = _registry_keys(client, rows, digest, partition_rows)
    progress(0.4, "registry keys ready")
    opened = index_from_bytes(index.data, index.key)
    if opened is None:  # pragma: no cover - shipped from the lists in force just now
        raise InvalidInput("the screening index changed while the batch started")
    positions = rows_to_rescreen(changes, [r.id for r in rows], before, registry, opened)
    log.info("%d of %d rows to screen again", len(positions), len(rows))
    limit = int(str(made_from.get("limit", 10)))
    again = _screen(client, index, [rows[p] for p in sorted(positions)], partition_rows, limit)
    progress(0.9, f"{len(positions)} rows screened again")
    fresh = {r.id for r in (rows[p] for p in positions)}
    chunks = (again.get(row.id, []) if row.id in fresh else before.get(row.id, []) for row in rows)
    totals = write_output(output, chunks)
    write_sidecar(output, digest, index, limit, len(rows))
    return BatchSummary(
        names=len(rows),
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


def _registry_keys(client: Client, rows: list[NameRow], digest: str, size: int) -> RegistryKeys:
    """The posting keys of every row: from the cache, or computed on the workers."""
    path = cache_folder() / f"registry-keys-{digest[:24]}-{code_version()}.pickle"
    try:
        with path.open("rb") as kept:
            found = pickle.load(kept)  # written by this code for this file's digest
        if isinstance(found, RegistryKeys) and len(found.sizes) == found.rows == len(rows):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as err:
        if not isinstance(err, FileNotFoundError):
            log.warning("registry keys in %s unusable (%s): computing them again", path, err)
    chunks = [rows[i : i + size] for i in range(0, len(rows), size)]
    futures = client.map(row_keys, chunks, pure=False)
    keys = RegistryKeys(k for part in client.gather(futures) for k in part)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(keys, protocol=pickle.HIGHEST_PROTOCOL)
        replace_atomically(path, lambda tmp: tmp.write_bytes(data))
    except OSError as err:  # a read-only cache: correct, only slower next time
        log.warning("could not keep the registry keys in %s: %s", path, err.strerror)
    return keys


def _screen(
    client: Client, index: ShippedIndex, rows: list[NameRow], size: int, limit: int
) -> dict[str, list[dict[str, object]]]:
    """Hit rows of ``rows`` by id, screened on the workers."""
    if len(rows) == 0:
        return {}
    shipped = client.scatter(index, broadcast=True)
    chunks = [rows[i : i + size] for i in range(0, len(rows), size)]
    futures = [client.submit(screen_partition, shipped, c, limit, pure=False) for c in chunks]
    out: dict[str, list[dict[str, object]]] = {}
    for part in client.gather(futures):
        for record in part:
            out.setdefault(str(record["id"]), []).append(record)
    return out
