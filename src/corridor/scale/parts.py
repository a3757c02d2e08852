"""A batch's output, kept partition by partition until the whole is done.

Each finished partition is a file in ``OUTPUT.parts/`` written atomically (temporary
file, then rename), beside a manifest of what the batch is (the input's digest, the
list versions, the partition size). A batch started again with the same arguments
finds the manifest, skips the partitions already there and screens the rest; when all
are there they are joined, in order, into OUTPUT (also atomically) and the folder is
removed. So a killed batch loses at most the partitions in flight, and its final
output is byte for byte the output of a run that was never interrupted.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corridor.exc import Conflict, InvalidInput
from corridor.services.batch_files import write_text_whole, write_whole
from corridor.services.batch_screening import OUTPUT_COLUMNS

MANIFEST = "manifest.json"
_ROW_GROUP = 16_384  # hit rows per Parquet row group (a --since output joins many small chunks)
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def output_format(path: Path) -> str:
    """``jsonl`` or ``parquet``, from the output's suffix."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInput(
            f"unsupported output type {path.suffix or '(none)'}; use .parquet or .jsonl",
            file=str(path),
        )
    return fmt


@dataclass
class Totals:
    """What the joined output holds."""

    rows: int = 0
    names_with_hits: int = 0
    by_band: Counter[str] = field(default_factory=Counter)


class Parts:
    """The folder of finished partitions of one batch."""

    def __init__(self, output: Path, manifest: Mapping[str, object]) -> None:
        self.folder = output.with_name(output.name + ".parts")
        self.manifest = dict(manifest)

    def open(self) -> int:
        """Create the folder, or check that the one there is this batch's; return how
        many partitions it already holds. ``Conflict`` for another batch's folder."""
        path = self.folder / MANIFEST
        if path.is_file():
            try:
                found = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                found = None
            if found != self.manifest:
                raise Conflict(
                    f"{self.folder} holds an unfinished batch of another input, other "
                    "lists or other settings: remove it to start this one"
                )
            return len(list(self.folder.glob("part-*.jsonl")))
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.manifest, sort_keys=True)
        write_text_whole(path, text)
        return 0

    def _path(self, number: int) -> Path:
        return self.folder / f"part-{number:06d}.jsonl"

    def done(self, number: int) -> bool:
        """Whether partition ``number`` is finished."""
        return self._path(number).is_file()

    def write(self, number: int, rows: Sequence[Mapping[str, object]]) -> None:
        """Keep partition ``number``'s result rows (atomically)."""
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        write_text_whole(self._path(number), lines)

    def rows(self, number: int) -> Iterator[dict[str, object]]:
        """Partition ``number``'s rows, as written."""
        with self._path(number).open(encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)

    def finish(self, output: Path, count: int) -> Totals:
        """Join partitions 0..count-1 into ``output`` and remove the folder."""
        totals = write_output(output, (list(self.rows(n)) for n in range(count)))
        shutil.rmtree(self.folder)
        return totals


def write_output(output: Path, chunks: Iterable[Sequence[Mapping[str, object]]]) -> Totals:
    """Result rows, chunk after chunk, into ``output`` (Parquet or JSON Lines by its
    suffix) atomically; what was written."""
    totals = Totals()
    write = _write_parquet if output_format(output) == "parquet" else _write_jsonl
    write_whole(output, lambda tmp: write(tmp, chunks, totals))
    return totals


def read_output(path: Path) -> dict[str, list[dict[str, object]]]:
    """The rows of an earlier batch's output, by query id (in the file's order)."""
    if output_format(path) == "parquet":
        import pyarrow.parquet as pq

        records: Iterable[dict[str, object]] = pq.read_table(path).to_pylist()
    else:
        with path.open(encoding="utf-8") as lines:
            records = [json.loads(line) for line in lines if line.strip()]
    out: dict[str, list[dict[str, object]]] = {}
    for record in records:
        out.setdefault(str(record["id"]), []).append(record)
    return out


def sidecar(output: Path) -> Path:
    """Where a finished batch says what it was made from (input digest, list versions)."""
    return output.with_name(output.name + ".batch.json")


def _count(totals: Totals, rows: Sequence[Mapping[str, object]]) -> None:
    totals.rows += len(rows)
    totals.names_with_hits += len({r["id"] for r in rows})
    totals.by_band.update(str(r["band"]) for r in rows)


def _write_jsonl(
    target: Path, chunks: Iterable[Sequence[Mapping[str, object]]], totals: Totals
) -> None:
    with target.open("w", encoding="utf-8") as out:
        for rows in chunks:
            _count(totals, rows)
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def _write_parquet(
    target: Path, chunks: Iterable[Sequence[Mapping[str, object]]], totals: Totals
) -> None:
    import pyarrow as pa  # only a Parquet output needs it
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            (
                c,
                pa.float64()
                if c == "score"
                else pa.int64()
                if c == "list_version"
                else pa.string(),
            )
            for c in OUTPUT_COLUMNS
        ]
    )
    held: list[Mapping[str, object]] = []  # rows gathered into row groups of a useful size
    with pq.ParquetWriter(target, schema) as writer:
        for rows in chunks:
            _count(totals, rows)
            held += rows
            if len(held) >= _ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(held, schema=schema))
                held = []
        if len(held) > 0:
            writer.write_table(pa.Table.from_pylist(held, schema=schema))
