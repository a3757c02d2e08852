"""The registry list: filter by mission, country, kind, screening status and any name."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from corridor.services import registry
from corridor.services.dashboard import STATUSES, find_organisations
from corridor.web.deps import EngineDep
from corridor.web.pages.render import render

router = APIRouter()

PAGE_SIZE = 50
"""Organisations per registry page (the filters narrow; the pager walks the rest)."""

Text = Annotated[str, Query(max_length=200)]


def _or_none(value: str) -> str | None:
    return value.strip() or None


@router.get("/orgs")
def orgs_page(
    request: Request,
    engine: EngineDep,
    q: Text = "",
    mission: Text = "",
    country: Text = "",
    kind: Text = "",
    status: Text = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Organisations matching the filters; the search box takes a name in any script."""
    rows = find_organisations(
        engine,
        query=q,
        mission=_or_none(mission),
        country=_or_none(country.upper()),
        kind=_or_none(kind),
        status=_or_none(status),
    )
    filters = {"q": q, "mission": mission, "country": country, "kind": kind, "status": status}
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(page, pages)
    first = (page - 1) * PAGE_SIZE
    return render(
        request,
        "orgs.html",
        {
            "rows": rows[first : first + PAGE_SIZE],
            "total": len(rows),
            "first": first + 1,
            "page": page,
            "pages": pages,
            "filters": filters,
            "query": {k: v for k, v in filters.items() if v},
            "missions": registry.mission_summaries(engine),
            "statuses": STATUSES,
        },
    )
