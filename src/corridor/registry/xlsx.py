"""Writing XLSX so that no cell is ever a formula and no character breaks the file.

openpyxl turns any string starting with ``=`` into a live formula, and a string
equal to an error code (``#N/A``) into an error cell; each exported cell is forced
to be a plain string instead, so ``=HYPERLINK(...)`` in a name stays text in Excel
and reads back as itself. Characters XML cannot carry (C0 controls, lone surrogates)
are refused at import, but data stored before that rule must still export: they are
written as visible ``\\uXXXX`` escapes rather than crashing the export.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from corridor.registry.hygiene import escape_forbidden


def write_xlsx(path: Path, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """One sheet: the header, then each row, every cell an explicit string cell."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for values in (columns, *rows):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=escape_forbidden(value))
            cell.data_type = "s"  # never "f" (formula) or "e" (error code)
            cells.append(cell)
        sheet.append(cells)
    book.save(path)
