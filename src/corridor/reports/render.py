"""The Jinja2 environment every report shares (autoescaped, strict about undefined
names), and HTML to PDF for the printable ones."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    """One environment per process, loading templates from the package."""
    return Environment(
        loader=PackageLoader("corridor.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context: Any) -> str:
    """Render a packaged template with ``context``."""
    return environment().get_template(template).render(**context)


def html_to_pdf(html: str) -> bytes:
    """A rendered report as PDF (WeasyPrint); needs Pango from the system (see README)."""
    from weasyprint import HTML  # imported late: it loads system libraries

    return bytes(HTML(string=html).write_pdf())
