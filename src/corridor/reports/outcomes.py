"""The outcomes report a ministry files: XLSX (one sheet per table) and a PDF with charts.

Takes neutral tables and bar charts (titles, headers and labels already in the
reader's language; figures as numbers) so the report knows nothing of how the figures
were counted. The PDF's own words go through the catalog of ``lang``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from corridor.reports.render import html_to_pdf, render

Cell = str | int | float | Decimal | None


@cache
@dataclass(frozen=True, slots=True)
class Sheet:
    """A table: title, header row, rows of figures (``percent`` columns are shares)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    percent: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Bars:
    """A horizontal bar chart: title and (label, value) bars."""

    title: str
    items: tuple[tuple[str, int | float], ...]


def _sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique worksheet name: at most 31 characters, none of []:*?/\\."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name in taken:
        name, n = f"{base[:26]} {n}", n + 1
    taken.add(name)
    return name


def write_xlsx(sheets: Sequence[Sheet], path: Path) -> Path:
    """One worksheet per table, a bold header row, figures as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active) if book.active is not None else None
    taken: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(_sheet_name(sheet.title, taken))
        ws.append(list(sheet.header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append(list(row))
        for column in sheet.percent:
            for (cell,) in ws.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
                cell.number_format = "0.0%"
        for i, title in enumerate(sheet.header, start=1):
            width = max([len(str(title))] + [len(str(r[i - 1])) for r in sheet.rows if r[i - 1]])
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, width + 2)
        ws.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def shown(value: Cell, percent: bool = False) -> str:
    """A figure as the PDF prints it: thousands separated, shares as percentages."""
    if value is None:
        return "—"
    if percent and isinstance(value, int | float):
        return f"{100 * value:.1f}%"
    if isinstance(value, Decimal):
        return f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return value


def outcomes_pdf(
    title: str,
    subtitle: str,
    sheets: Sequence[Sheet],
    charts: Sequence[Bars],
    lang: str,
    made: datetime,
) -> bytes:
    """The report as PDF: charts first, then every table (WeasyPrint, CJK fonts)."""
    html = render(
        "outcomes.html.j2",
        lang=lang,
        title=title,
        subtitle=subtitle,
        sheets=sheets,
        charts=charts,
        made=made,
        shown=shown,
    )
    return html_to_pdf(html)
