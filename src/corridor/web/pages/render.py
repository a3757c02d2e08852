"""Rendering a page: one Jinja2 environment, autoescaped, translated per request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from corridor.locale import LOCALES
from corridor.locale.jinja import install
from corridor.services.language import fill, josa
from corridor.services.users import Role
from corridor.web.i18n import current, gettext_for

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

ENV = install(
    Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: no stat() per render
    ),
    josa=josa,
    fill=fill,
)


def render(
    request: Request, name: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    """A page with the caller, the CSRF token and ``_`` of the request's locale."""
    locale = current()
    catalog = gettext_for(locale)
    principal = getattr(request.state, "principal", None)
    base = {
        "_": catalog.gettext,
        "ngettext": catalog.ngettext,
        "locale": locale,
        "locales": LOCALES,
        "user": principal,
        "roles": Role,
        "csrf": getattr(request.state, "csrf", None) or "",
        "path": request.url.path,
    }
    html = ENV.get_template(name).render({"zone": _zone(context), **base, **context})
    return HTMLResponse(html, status_code=status)


def _zone(context: dict[str, Any]) -> str:
    """The time zone a page's dates are shown in: its mission's, else UTC."""
    for key in ("mission", "board", "agenda"):
        found = context.get(key)
        found = getattr(found, "mission", found)
        zone = getattr(found, "timezone", None)
        if isinstance(zone, str):
            return zone
    return "UTC"
