"""``/api/docs``: Swagger UI from vendored files (no CDN, no inline script)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from corridor.web.i18n import current, gettext_for
from corridor.web.pages.render import ENV

router = APIRouter(include_in_schema=False)


def operations(schema: dict[str, Any]) -> list[dict[str, str]]:
    """Every operation of the schema, for readers without JavaScript."""
    return [
        {"method": method.upper(), "path": path, "summary": str(op.get("summary", ""))}
        for path, item in schema.get("paths", {}).items()
        for method, op in item.items()
    ]


@router.get("/api/docs")
def api_docs(request: Request) -> HTMLResponse:
    """The interactive API documentation."""
    locale = current()
    html = ENV.get_template("api_docs.html").render(
        operations=operations(request.app.openapi()),
        _=gettext_for(locale).gettext,
        locale=locale,
    )
    return HTMLResponse(html)
