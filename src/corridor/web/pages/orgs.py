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
    return render(
        request,
        "orgs.html",
        {
            "rows": rows,
            "filters": filters,
            "missions": registry.mission_summaries(engine),
            "statuses": STATUSES,
        },
    )
