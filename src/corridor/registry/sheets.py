"""Every workbook Corridor writes, laid out the same way: one helper for all XLSX.

A spreadsheet someone opens to work in needs three things openpyxl does not do by
itself: columns wide enough to read (Excel's default is 8.43 characters, so a Korean
company name shows as ``###`` or is cut), a header row that stays put while scrolling,
and a filter on the header. Widths are counted in display cells: a Hangul syllable or
a Han character takes two (Unicode's East Asian Width "W"/"F"), so a column of Chinese
names is as wide as it looks, not half. Widths are capped so one long description does
not push every other column off screen.

Text is never written as a formula: openpyxl turns a string starting with ``=`` into a
live formula and ``#N/A`` into an error cell, so each text cell is forced to be a plain
string (the registry export and the outcomes report share that guard here).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from corridor.registry.hygiene import escape_forbidden

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

Value = str | int | float | Decimal | None

MAX_WIDTH: Final = 60
MIN_WIDTH: Final = 6
PADDING: Final = 2


@dataclass(frozen=True, slots=True)
class SheetData:
    """A worksheet to write: its title, header row and rows; ``percent`` holds the
    indexes of columns whose numbers are shares (shown as 12.5%)."""

    title: str
    header: tuple[str, ...]
    rows: Sequence[Sequence[Value]]
    percent: frozenset[int] = field(default_factory=frozenset)


def display_width(text: str) -> int:
    """How many character cells ``text`` takes on screen (CJK wide characters: two)."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _shown(value: Value, percent: bool) -> str:
    if value is None:
        return ""
    if percent and isinstance(value, int | float | Decimal):
        return f"{float(value) * 100:.1f}%"
    return str(value)


def column_widths(sheet: SheetData) -> list[float]:
    """Each column's width: its widest line (header included) plus padding, capped."""
    widths = []
    for i, title in enumerate(sheet.header):
        cells = [_shown(r[i] if i < len(r) else None, i in sheet.percent) for r in sheet.rows]
        widest = max(display_width(line) for text in (title, *cells) for line in text.split("\n"))
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, widest + PADDING))))
    return widths


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique worksheet name: at most 31 characters, none of []:*?/\\."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name in taken:
        name, n = f"{base[:26]} {n}", n + 1
    taken.add(name)
    return name


def write_workbook(path: Path, sheets: Sequence[SheetData]) -> None:
    """One worksheet per ``SheetData``: bold frozen header with a filter, columns sized
    to their content, text as plain strings, numbers as numbers."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    taken: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(sheet_name(sheet.title, taken))
        _lay_out(ws, sheet)
        ws.append(_header(ws, sheet.header))
        for row in sheet.rows:
            ws.append([_cell(ws, v, i in sheet.percent) for i, v in enumerate(row)])
    book.save(path)


def _lay_out(ws: Any, sheet: SheetData) -> None:
    """Widths, frozen header and filter (a write-only sheet takes them before rows)."""
    from openpyxl.utils import get_column_letter

    # A write-only sheet hands these attributes on to a Worksheet; the stubs omit them.
    ws = cast("Worksheet", ws)

    for i, width in enumerate(column_widths(sheet), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if len(sheet.header) > 0:
        last = get_column_letter(len(sheet.header))
        ws.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"


def _header(ws: Any, header: Sequence[str]) -> list[Cell]:
    from openpyxl.styles import Font

    cells = [_cell(ws, title, False) for title in header]
    for cell in cells:
        cell.font = Font(bold=True)
    return cells


def _cell(ws: Any, value: Value, percent: bool) -> Cell:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=escape_forbidden(value))
        cell.data_type = "s"  # never "f" (formula) or "e" (error code)
        return cell
    cell = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]  # Decimal is a number too
    if percent:
        cell.number_format = "0.0%"
    return cell
