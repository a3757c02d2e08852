"""A table as read from any file, before any rule about its values is applied.

Text rules that hold for every field (length, control characters) are applied here,
once, so each reader (CSV, JSON, XLSX) and each caller (imports, names files) gets
them without repeating them; the rows that break them become the table's problems.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from corridor.core.limits import Limits
from corridor.exc import InvalidInput
from corridor.registry.hygiene import cell_problems, column_problems, shorten

Cell = str | list[str]


@dataclass(frozen=True, slots=True)
class RawRow:
    """One record as read: its row number as a person counts it, and its cells."""

    number: int
    cells: dict[str, Cell]


@dataclass(frozen=True, slots=True)
class RawTable:
    """Every record of a file, the columns it declared, and how it was read."""

    path: str
    fmt: str
    encoding: str | None
    columns: tuple[str, ...]
    rows: tuple[RawRow, ...]
    problems: tuple[InvalidInput, ...] = ()
    """Rows the reader could not take (a formula cell, a malformed CSV line)."""


def too_many_rows(path: Path, limits: Limits) -> InvalidInput:
    """The problem of a file with more than ``limits.rows`` rows."""
    return InvalidInput(
        f"file has more than {limits.rows:,} rows (CORRIDOR_MAX_ROWS)", file=str(path)
    )


def screened(table: RawTable, limits: Limits) -> RawTable:
    """The table without rows breaking a text rule; those rows become its problems."""
    problems = list(table.problems)
    header = 1 if table.fmt != "json" else None
    problems += column_problems(table.path, header, table.columns, limits)
    kept: list[RawRow] = []
    for row in table.rows:
        found = cell_problems(table.path, row.number, row.cells.items(), limits)
        problems += found
        if len(found) == 0:
            kept.append(row)
    if len(problems) == len(table.problems):
        return table
    columns = tuple(shorten(c) for c in table.columns)
    return replace(table, columns=columns, rows=tuple(kept), problems=tuple(problems))
