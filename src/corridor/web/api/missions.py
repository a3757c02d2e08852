"""``/api/v1/missions``: missions, one mission, and starting a mission's screening."""

from __future__ import annotations

from fastapi import APIRouter, Request

from corridor.services import jobs, registry
from corridor.services.admission import admission, set_hold_policy
from corridor.web.api.common import AUTH, BAD_INPUT, NOT_FOUND
from corridor.web.api.convert import job_public, mission_public
from corridor.web.api.schemas import (
    HeldPublic,
    HeldsPublic,
    HoldReasonPublic,
    JobPublic,
    MissionPublic,
    MissionsPublic,
    MissionUpdate,
)
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.pages.matching import forget

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


@router.patch("/{key}", response_model=MissionPublic, responses={**AUTH, **NOT_FOUND, **BAD_INPUT})
def update_mission(
    request: Request, engine: EngineDep, user: CurrentUser, key: str, body: MissionUpdate
) -> MissionPublic:
    """Change a mission's screening hold policy (``hold`` or ``flag``); who and when are
    recorded. Recommendations and the next solve or replan follow it."""
    set_hold_policy(engine, key, body.hold_policy, actor=user.name)
    forget(request, key)
    return mission_public(registry.mission_summary(engine, key))


@router.get(
    "/{key}/held", response_model=HeldsPublic, responses={**AUTH, **NOT_FOUND}, tags=["screening"]
)
def held(engine: EngineDep, key: str) -> HeldsPublic:
    """Who screening holds in the mission and why (staff only): undecided strong hits,
    blocking end-use flags, escalations."""
    found = admission(engine, key)
    data = [
        HeldPublic(
            org_key=h.org.key,
            display_name=h.org.display("en"),
            reasons=[
                HoldReasonPublic(
                    kind="hit" if r.kind == "hit" else "flag",
                    source=r.source,
                    source_id=r.source_id,
                    label=r.label,
                    detail=r.detail,
                    state="escalated" if r.state == "escalated" else "undecided",
                    strong=r.strong,
                )
                for r in h.reasons
            ],
        )
        for h in found.held
    ]
    return HeldsPublic(
        mission=key,
        hold_policy=found.policy.policy.value,
        data=data,
        count=len(data),
        blocked=list(found.blocked),
        admitted=len(found.admitted),
    )


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
