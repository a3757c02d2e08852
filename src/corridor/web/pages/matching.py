"""Recommended partners per organisation, and the organiser's "accept" into requests.

``recommend`` costs 5–8 s on the demo mission, so the page runs it in a worker thread
and keeps the answer per (mission, organisation, language) for the app's lifetime;
accepting a mission's recommendations forgets that mission's answers.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from corridor.services import matching, portal, registry
from corridor.services.matching import Recommendation
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.i18n import current
from corridor.web.pages.render import render
from corridor.web.routes import ORGANISERS

router = APIRouter()

Cache = dict[tuple[str, str, str], list[Recommendation]]


def _cache(request: Request) -> Cache:
    found: Cache | None = getattr(request.app.state, "match_cache", None)
    if found is None:
        found = {}
        request.app.state.match_cache = found
    return found


async def cached_recommendations(
    request: Request, engine: Any, mission: str, org: str, lang: str
) -> list[Recommendation]:
    """An organisation's recommendations, computed once per (mission, org, lang)."""
    cache = _cache(request)
    key = (mission, org, lang)
    if key not in cache:
        cache[key] = await run_in_threadpool(
            matching.recommendations_for, engine, mission, org, lang=lang
        )
    return cache[key]


def forget(request: Request, mission: str) -> None:
    """Drop a mission's cached recommendations (its requests just changed)."""
    cache = _cache(request)
    for key in [k for k in cache if k[0] == mission]:
        del cache[key]


async def accept(request: Request, engine: Any, mission: str, org: str, actor: str) -> Any:
    """Accept every recommendation of ``org`` (in a worker thread) and forget the cache."""
    done = await run_in_threadpool(
        lambda: matching.accept_recommendations(engine, mission, org_key=org, actor=actor)
    )
    forget(request, mission)
    return done


@router.get("/missions/{key}/matches")
async def matches_page(
    request: Request, engine: EngineDep, user: CurrentUser, key: str, org: str = ""
) -> Response:
    """Pick an organisation; see its recommended partners and why, in your language."""
    mission = registry.mission_summary(engine, key).mission
    orgs = registry.list_organisations(engine, mission=key)
    recs = await cached_recommendations(request, engine, key, org, current()) if org else []
    answers = portal.responses_of_mission(engine, key) if org else {}
    return render(
        request,
        "matches.html",
        {
            "mission": mission,
            "orgs": orgs,
            "org": org,
            "org_name": next((o.display(current()) for o in orgs if o.key == org), org),
            "recs": recs,
            "answers": answers,
            "accepted": request.query_params.get("accepted"),
            "can_accept": user.has_any(ORGANISERS.roles),
        },
    )


@router.post("/missions/{key}/matches/accept")
async def accept_page(request: Request, engine: EngineDep, user: CurrentUser, key: str) -> Response:
    """Turn an organisation's recommendations into mutual meeting requests."""
    form = await request.form()
    org = str(form.get("org") or "")
    if org == "":
        return RedirectResponse(f"/missions/{key}/matches", status_code=303)
    done = await accept(request, engine, key, org, user.name)
    return RedirectResponse(
        f"/missions/{key}/matches?org={org}&accepted={done.added}", status_code=303
    )
