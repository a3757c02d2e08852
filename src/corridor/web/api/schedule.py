"""``/api/v1/missions/{key}/schedule``: the published plan, solving (a job),
replanning into a draft with its changes, and publishing a draft."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from corridor.services import jobs
from corridor.services.replanning import Change, preview_replan, publish_schedule
from corridor.services.schedule_views import MeetingView, ScheduleSummary, schedule_view
from corridor.services.scheduling import parse_request
from corridor.web.api.common import AUTH, BAD_INPUT, NOT_FOUND
from corridor.web.api.convert import job_public
from corridor.web.api.schemas import ErrorPublic, JobPublic
from corridor.web.deps import CurrentUser, EngineDep, FoldersDep
from corridor.web.i18n import current

router = APIRouter(prefix="/missions", tags=["schedule"])
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorPublic, "description": "the draft is stale"}
}


class MeetingPublic(BaseModel):
    """One meeting: when, where, who, with which interpreter, and why."""

    id: int
    slot: int
    start: datetime
    end: datetime
    table: str
    org_a: str
    org_a_name: str
    org_b: str
    org_b_name: str
    interpreter: str | None
    interest: int
    why: str


class SchedulePublic(BaseModel):
    """The mission's published schedule."""

    id: int
    mission: str
    published: bool
    solver: str
    status: str
    weight: int
    actor: str | None
    published_by: str | None
    data: list[MeetingPublic]
    count: int


class ScheduleSummaryPublic(BaseModel):
    """A stored schedule, published or a draft."""

    id: int
    published: bool
    meetings: int
    weight: int
    base: int | None
    actor: str | None
    published_by: str | None


class Replan(BaseModel):
    """What changed: organisations cancelled, interpreters absent, late requests."""

    cancel: list[str] = Field(default_factory=list, max_length=200)
    no_show: list[str] = Field(default_factory=list, max_length=200)
    add: list[str] = Field(
        default_factory=list, max_length=200, description="REQUESTER:TARGET[:INTEREST]"
    )


class ChangePublic(BaseModel):
    """One meeting before and after (either side absent when dropped or added)."""

    kind: str
    org_a: str
    org_b: str
    before: MeetingPublic | None
    after: MeetingPublic | None


class ReplanPublic(BaseModel):
    """The stored draft and how it differs from the published schedule."""

    schedule_id: int
    base_id: int
    meetings: int
    weight: int
    moved: list[ChangePublic]
    dropped: list[ChangePublic]
    added: list[ChangePublic]
    kept: int


def meeting_public(m: MeetingView) -> MeetingPublic:
    """A meeting view at the API edge."""
    return MeetingPublic(
        id=m.id,
        slot=m.slot.index,
        start=m.slot.start,
        end=m.slot.end,
        table=m.table,
        org_a=m.org_a,
        org_a_name=m.org_a_name,
        org_b=m.org_b,
        org_b_name=m.org_b_name,
        interpreter=m.interpreter,
        interest=m.interest,
        why=m.why,
    )


def change_public(c: Change) -> ChangePublic:
    """A change at the API edge."""
    before = None if c.before is None else meeting_public(c.before)
    after = None if c.after is None else meeting_public(c.after)
    return ChangePublic(kind=c.kind, org_a=c.org_a, org_b=c.org_b, before=before, after=after)


def summary_public(s: ScheduleSummary) -> ScheduleSummaryPublic:
    """A stored schedule's line at the API edge."""
    return ScheduleSummaryPublic.model_validate(s, from_attributes=True)


@router.get("/{key}/schedule", response_model=SchedulePublic, responses={**AUTH, **NOT_FOUND})
def get_schedule(engine: EngineDep, key: str) -> SchedulePublic:
    """The published schedule's meetings in slot, then table order."""
    v = schedule_view(engine, key, lang=current())
    data = [meeting_public(m) for m in v.meetings]
    return SchedulePublic(
        id=v.id,
        mission=v.mission_key,
        published=v.published,
        solver=v.solver,
        status=v.status,
        weight=v.weight,
        actor=v.actor,
        published_by=v.published_by,
        data=data,
        count=len(data),
    )


@router.post(
    "/{key}/schedule/solve",
    response_model=JobPublic,
    status_code=202,
    responses={**AUTH, **NOT_FOUND},
    tags=["jobs"],
)
def solve(engine: EngineDep, user: CurrentUser, key: str) -> JobPublic:
    """Queue solving and publishing the schedule; follow it at ``/api/v1/jobs/{id}``."""
    return job_public(jobs.submit(engine, "solve_schedule", {"mission": key}, user.name))


class DocumentsRequest(BaseModel):
    """What to render (everything; PDFs unless ``pdf`` is false, which is much faster)."""

    pdf: bool = True


@router.post(
    "/{key}/documents",
    response_model=JobPublic,
    status_code=202,
    responses={**AUTH, **NOT_FOUND},
    tags=["jobs"],
)
def documents(
    engine: EngineDep,
    folders: FoldersDep,
    user: CurrentUser,
    key: str,
    body: DocumentsRequest | None = None,
) -> JobPublic:
    """Queue rendering every agenda (HTML, ICS, PDF), the plan and every dossier of the
    published schedule into one ZIP; when done, ``/api/v1/jobs/{id}/download``."""
    pdf = True if body is None else body.pdf
    params = {"mission": key, "out": str(folders.out), "index": str(folders.index), "pdf": pdf}
    return job_public(jobs.submit(engine, "render_documents", params, user.name))


@router.post(
    "/{key}/schedule/replan",
    response_model=ReplanPublic,
    responses={**AUTH, **NOT_FOUND, **BAD_INPUT},
)
async def replan(engine: EngineDep, user: CurrentUser, key: str, body: Replan) -> ReplanPublic:
    """Replan into an unpublished draft and say what would change."""
    add = [parse_request(t, field=f"add[{i}]") for i, t in enumerate(body.add)]
    lang = current()
    p = await run_in_threadpool(
        lambda: preview_replan(
            engine,
            key,
            cancel=body.cancel,
            no_show=body.no_show,
            add=add,
            actor=user.name,
            lang=lang,
        )
    )
    return ReplanPublic(
        schedule_id=p.schedule_id,
        base_id=p.base_id,
        meetings=p.meetings,
        weight=p.weight,
        moved=[change_public(c) for c in p.moved],
        dropped=[change_public(c) for c in p.dropped],
        added=[change_public(c) for c in p.added],
        kept=len(p.kept),
    )


@router.post(
    "/{key}/schedule/{schedule_id}/publish",
    response_model=ScheduleSummaryPublic,
    responses={**AUTH, **NOT_FOUND, **CONFLICT},
)
def publish(
    engine: EngineDep, user: CurrentUser, key: str, schedule_id: int
) -> ScheduleSummaryPublic:
    """Publish a draft; a stale draft (made against an older schedule) is a 409."""
    return summary_public(publish_schedule(engine, key, schedule_id, actor=user.name))
