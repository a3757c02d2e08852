"""``/api/v1/missions``: missions, one mission, and starting a mission's screening."""

from __future__ import annotations

from fastapi import APIRouter

from corridor.services import jobs, registry
from corridor.web.api.common import AUTH, NOT_FOUND
from corridor.web.api.convert import job_public, mission_public
from corridor.web.api.schemas import JobPublic, MissionPublic, MissionsPublic
from corridor.web.deps import CurrentUser, EngineDep

router = APIRouter(prefix="/missions", tags=["missions"])


@router.get("", response_model=MissionsPublic, responses=AUTH)
def list_missions(engine: EngineDep) -> MissionsPublic:
    """Every mission with its participant and request counts."""
    found = registry.mission_summaries(engine)
    return MissionsPublic(data=[mission_public(s) for s in found], count=len(found))


@router.get("/{key}", response_model=MissionPublic, responses={**AUTH, **NOT_FOUND})
def get_mission(engine: EngineDep, key: str) -> MissionPublic:
    """One mission."""
    return mission_public(registry.mission_summary(engine, key))


@router.post(
    "/{key}/screen",
    response_model=JobPublic,
    status_code=202,
    responses={**AUTH, **NOT_FOUND},
    tags=["jobs", "screening"],
)
def screen_mission(engine: EngineDep, user: CurrentUser, key: str) -> JobPublic:
    """Queue a screening of the mission; follow it at ``/api/v1/jobs/{id}``."""
    return job_public(jobs.submit(engine, "screen_mission", {"mission": key}, user.name))
