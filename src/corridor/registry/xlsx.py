"""XLSX in and out: formulas are never read as blanks nor written live.

On reading, the zip is inspected first (``xlsx_guard``) and a formula cell is a
problem: openpyxl does not compute formulas, so its value would silently be blank.
On writing, openpyxl turns any string starting with ``=`` into a live formula, and a string
equal to an error code (``#N/A``) into an error cell; each exported cell is forced
to be a plain string instead (``sheets``), so ``=HYPERLINK(...)`` in a name stays text in Excel
and reads back as itself. Characters XML cannot carry (C0 controls, lone surrogates)
are refused at import, but data stored before that rule must still export: they are
written as visible ``\\uXXXX`` escapes rather than crashing the export.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from corridor.core.limits import Limits
from corridor.exc import InvalidInput
from corridor.registry.hygiene import shorten
from corridor.registry.sheets import SheetData, write_workbook
from corridor.registry.table import Cell, RawRow, RawTable, screened, too_many_rows
from corridor.registry.xlsx_guard import inspect_xlsx


def write_xlsx(path: Path, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """One sheet: the header, then each row, every cell an explicit string cell, laid
    out for reading (``sheets.write_workbook``: widths, frozen header, filter)."""
    write_workbook(path, [SheetData("Sheet", tuple(columns), rows)])


def read_xlsx(path: Path, data: bytes, limits: Limits) -> RawTable:
    """The first sheet of a workbook, after the zip passed ``inspect_xlsx``."""
    from openpyxl import load_workbook

    inspect_xlsx(str(path), data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        cells = sheet.iter_rows()
        header = next(cells, None)
    except Exception as err:  # openpyxl raises many types for a corrupt file
        raise InvalidInput(
            f"not a readable XLSX workbook ({type(err).__name__})", file=str(path)
        ) from err
    if header is None:
        raise InvalidInput("workbook's first sheet is empty (no header row)", file=str(path))
    columns = tuple("" if c.value is None else str(c.value).strip() for c in header)
    problems: list[InvalidInput] = []
    try:
        rows = _xlsx_rows(path, columns, cells, problems, limits)
    except InvalidInput:
        raise
    except Exception as err:  # a cell openpyxl cannot convert (t="n" holding text, ...)
        raise InvalidInput(
            f"not a readable XLSX workbook ({type(err).__name__}: {err})", file=str(path)
        ) from err
    finally:
        book.close()
    named = tuple(c for c in columns if c != "")
    return screened(RawTable(str(path), "xlsx", None, named, tuple(rows), tuple(problems)), limits)


def _xlsx_rows(
    path: Path,
    columns: tuple[str, ...],
    cells: Iterable[Sequence[object]],
    problems: list[InvalidInput],
    limits: Limits,
) -> list[RawRow]:
    rows: list[RawRow] = []
    for number, record in enumerate(cells, start=2):
        row = _xlsx_row(str(path), number, columns, record, problems)
        if row is not None:
            rows.append(row)
        if len(rows) > limits.rows:
            raise too_many_rows(path, limits)
    return rows


def _xlsx_row(
    file: str,
    number: int,
    columns: tuple[str, ...],
    record: Sequence[object],
    problems: list[InvalidInput],
) -> RawRow | None:
    """One sheet row; a formula cell is a problem, never read as its (absent) value.

    openpyxl does not compute formulas, so a formula's value would silently be blank.
    """
    cells: dict[str, Cell] = {}
    for i, col in enumerate(columns):
        cell = record[i] if i < len(record) else None
        value = getattr(cell, "value", None)
        if getattr(cell, "data_type", None) == "f":
            problems.append(
                InvalidInput(
                    "cell holds a formula; Corridor imports values only (paste as values)",
                    file=file,
                    row=number,
                    field=col or f"column {i + 1}",
                    value=shorten(str(value)),
                )
            )
        if col != "":
            cells[col] = _xlsx_cell(value)
    return None if all(c == "" for c in cells.values()) else RawRow(number, cells)


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
