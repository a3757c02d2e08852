"""Reading a batch of names to screen: CSV, XLSX, JSON, JSON Lines or Parquet.

The columns are those of ``corridor screen names`` (``name``; optional ``kind``,
``country``, ``birth_date``) plus ``id``, the caller's own key for the row, which each
result row carries back. Every row is checked before any work starts (a batch that
fails on row 900,000 after an hour is the worst kind of failure): all problems are
reported at once, with file, row and field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.exc import ImportRejected, InvalidInput
from corridor.registry.formats import read_capped, read_table
from corridor.services.name_files import query_for

COLUMNS = ("id", "name", "kind", "country", "birth_date")
_MAX_PROBLEMS = 1_000


@dataclass(frozen=True, slots=True)
class NameRow:
    """One name to screen, as read (strings only: cheap to pickle to a worker)."""

    id: str
    name: str
    kind: str = ""
    country: str = ""
    birth_date: str = ""


def read_name_rows(
    path: Path,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    checked: bool = False,
) -> list[NameRow]:
    """Every row of ``path``, checked; ``ImportRejected`` with every problem found.

    ``checked``: the caller knows these very bytes passed the check before (a batch
    again over the file an earlier batch read, by its digest), so only the reading is
    done — the check costs as much as the reading on a large file.
    """
    if not path.is_file():
        raise InvalidInput("file does not exist", file=str(path))
    if checked:
        return [
            NameRow(*(cells.get(c, "").strip() for c in COLUMNS))
            for _, cells in _records(path, encoding, limits, [])
        ]
    rows: list[NameRow] = []
    problems: list[InvalidInput] = []
    seen: dict[str, int] = {}
    for number, cells in _records(path, encoding, limits, problems):
        row = NameRow(*(cells.get(c, "").strip() for c in COLUMNS))
        problem = _problem(row, seen)
        if problem is None:
            seen[row.id] = number
            rows.append(row)
            continue
        field, value, rule = problem
        problems.append(InvalidInput(rule, file=str(path), row=number, field=field, value=value))
        if len(problems) >= _MAX_PROBLEMS:
            break
    if len(problems) > 0:
        raise ImportRejected(problems)
    return rows


def _problem(row: NameRow, seen: dict[str, int]) -> tuple[str, str, str] | None:
    """(field, value, rule) of the first thing wrong with ``row``; None if nothing."""
    if row.id == "":
        return "id", "", "id is empty"
    if row.id in seen:
        return "id", row.id, f"id already used on row {seen[row.id]}"
    if row.name == "":
        return "name", "", "name is empty"
    try:
        query_for(row.name, row.kind, row.country, row.birth_date)
    except InvalidInput as err:
        return err.field or "kind", str(err.value or ""), err.rule
    except ValueError as err:
        return "country", row.country, str(err)
    return None


def _records(
    path: Path, encoding: str | None, limits: Limits, problems: list[InvalidInput]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number as a person counts it, cells) of each record of the file."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield from _parquet(path, limits)
        return
    if suffix in (".jsonl", ".ndjson"):
        yield from _json_lines(path, encoding, limits)
        return
    table = read_table(path, encoding, limits)
    problems += table.problems
    for column in ("id", "name"):
        if column not in table.columns:
            raise InvalidInput(
                f"a batch file needs an '{column}' column", file=str(path), row=1, field=column
            )
    for row in table.rows:
        yield row.number, {k: _text(v) for k, v in row.cells.items()}


def _json_lines(
    path: Path, encoding: str | None, limits: Limits
) -> Iterator[tuple[int, dict[str, str]]]:
    text = read_capped(path, limits).decode(encoding or "utf-8-sig", errors="strict")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == "":
            continue
        try:
            record = json.loads(line)
        except ValueError as err:
            raise InvalidInput(f"not JSON: {err}", file=str(path), row=number) from None
        if not isinstance(record, dict):
            raise InvalidInput("each line must be a JSON object", file=str(path), row=number)
        yield number, {str(k): _text(v) for k, v in record.items()}


def _parquet(path: Path, limits: Limits) -> Iterator[tuple[int, dict[str, str]]]:
    import pyarrow.parquet as pq  # only a Parquet batch needs it

    try:
        source = pq.ParquetFile(path)
    except (OSError, ValueError) as err:
        raise InvalidInput(f"not a Parquet file: {err}", file=str(path)) from None
    names = [c for c in COLUMNS if c in source.schema_arrow.names]
    for column in ("id", "name"):
        if column not in names:
            raise InvalidInput(
                f"a batch file needs an '{column}' column", file=str(path), field=column
            )
    if source.metadata.num_rows > limits.rows:
        raise InvalidInput(f"more than {limits.rows:,} rows (CORRIDOR_MAX_ROWS)", file=str(path))
    number = 0
    for batch in source.iter_batches(columns=names, batch_size=65_536):
        columns = [batch.column(n).to_pylist() for n in names]
        for values in zip(*columns, strict=True):
            number += 1
            yield number, {n: _text(v) for n, v in zip(names, values, strict=True)}


def _text(value: object) -> str:
    return "" if value is None else str(value)
