"""The Jinja2 environment every report shares (autoescaped, strict about undefined
names), and HTML to PDF for the printable ones.

A report is rendered outside any web request, so its language is an argument: every
template gets ``_`` of that language, the ``label`` filter (codes → words), the
``josa`` filter (Korean particles) and date filters in the mission's time zone.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from corridor.locale import gettext_for, supported
from corridor.locale.jinja import install
from corridor.reports.fonts import require_cjk_fonts
from corridor.text.particles import josa


@cache
def environment() -> Environment:
    """One environment per process, loading templates from the package."""
    env = Environment(
        loader=PackageLoader("corridor.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return install(env, josa=josa)


def render(template: str, lang: str = "en", zone: str = "UTC", **context: Any) -> str:
    """Render a packaged template in ``lang`` (dates in ``zone``) with ``context``."""
    lang = supported(lang)
    words = {"lang": lang, "_": gettext_for(lang), "zone": zone}
    return environment().get_template(template).render(**words, **context)


def html_to_pdf(html: str) -> bytes:
    """A rendered report as PDF (WeasyPrint); needs Pango and fonts for Korean and
    Chinese from the system (see README): without the fonts, MissingFonts, never a PDF
    of empty boxes."""
    require_cjk_fonts()
    from weasyprint import HTML  # imported late: it loads system libraries

    return bytes(HTML(string=html).write_pdf())
