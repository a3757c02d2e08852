"""One organisation: names in every script, identifiers, people, sources, screening
status and history per mission, and its meetings in a published schedule."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from corridor.exc import CorridorError
from corridor.services import registry, screening
from corridor.services.schedule_pages import Agenda, organisation_agenda
from corridor.services.screening import OrgScreening
from corridor.web.deps import EngineDep
from corridor.web.pages.render import render

router = APIRouter()


def _agenda(engine: EngineDep, mission: str, org_key: str) -> Agenda | None:
    try:
        return organisation_agenda(engine, mission, org_key)
    except CorridorError:  # not a participant, or no published schedule
        return None


@router.get("/orgs/{key}")
def org_page(request: Request, engine: EngineDep, key: str) -> Response:
    """Everything the registry knows about one organisation."""
    org, people = registry.organisation_with_people(engine, key)
    per_mission: list[tuple[str, OrgScreening, Agenda | None]] = []
    for mission in screening.screened_missions(engine):
        found = next(
            (o for o in screening.mission_screening(engine, mission).orgs if o.org.key == key),
            None,
        )
        if found is not None:
            per_mission.append((mission, found, _agenda(engine, mission, key)))
    trail = [d for d in screening.decisions(engine) if d.org_key == key]
    return render(
        request,
        "org.html",
        {"org": org, "people": people, "missions": per_mission, "trail": trail},
    )
