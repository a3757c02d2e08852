"""The outcomes report a ministry files: the tables (written as XLSX by the registry's
workbook helper, one sheet per table) and a PDF with charts.

Takes neutral tables and bar charts (titles, headers and labels already in the
reader's language; figures as numbers) so the report knows nothing of how the figures
were counted. The PDF's own words go through the catalog of ``lang``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache

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
