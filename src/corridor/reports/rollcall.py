"""The roll-call report for a consulate: who is safe, who needs help, who has not
answered — neutral tables in, PDF out (WeasyPrint, CJK fonts)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from corridor.reports.outcomes import Sheet
from corridor.reports.render import html_to_pdf, render


def rollcall_pdf(
    title: str, subtitle: str, sheets: Sequence[Sheet], lang: str, made: datetime
) -> bytes:
    """The roll call as PDF, one table per group, words in ``lang``."""
    html = render(
        "rollcall.html.j2", lang=lang, title=title, subtitle=subtitle, sheets=sheets, made=made
    )
    return html_to_pdf(html)
