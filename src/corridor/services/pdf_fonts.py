"""Before writing a batch of PDFs: can this machine print Korean and Chinese?

Agendas, dossiers and reports carry Korean and Chinese names; without fonts for them
every PDF would show empty boxes (reports/fonts.py). A batch then writes its HTML and
ICS files only and carries one loud note saying why, instead of hundreds of unreadable
PDFs or a failure half-way.
"""

from __future__ import annotations

from corridor.reports.fonts import missing_cjk_fonts


def pdf_warning() -> str | None:
    """The note to show instead of writing PDFs, or None when PDFs will be readable."""
    reason = missing_cjk_fonts()
    if reason is None:
        return None
    return f"WARNING: no PDFs written: {reason}. HTML and ICS files were written instead."
