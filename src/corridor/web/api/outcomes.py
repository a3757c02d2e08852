"""``/api/v1/missions/{key}/feedback``, ``/outcomes`` and ``/kpis``: what came of a
mission. Organisers record on an organisation's behalf; organisers and viewers read."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from corridor.core.outcomes import Feedback, Outcome
from corridor.services import outcomes
from corridor.services.kpis import STAGES, FunnelRow, Kpis, kpis
from corridor.web.api.common import AUTH, BAD_INPUT, NOT_FOUND
from corridor.web.deps import CurrentUser, EngineDep

router = APIRouter(prefix="/missions", tags=["outcomes"])
OrgQuery = Annotated[str | None, Query(max_length=80, description="Only this reporter's.")]


class FeedbackCreate(BaseModel):
    """Feedback on one meeting, as the organisation ``org`` gives it."""

    org: str = Field(max_length=80)
    partner: str = Field(max_length=80)
    held: bool
    rating: int | None = Field(default=None, description="1 to 5, or none")
    follow_up: bool = False
    note: str = Field(default="", max_length=4000)


class FeedbackPublic(BaseModel):
    """A feedback record (the one in force for its meeting)."""

    id: int
    org: str
    partner: str
    held: bool
    rating: int | None
    follow_up: bool
    note: str
    actor: str
    at: datetime


class FeedbacksPublic(BaseModel):
    """Feedback in force."""

    data: list[FeedbackPublic]
    count: int


class OutcomeCreate(BaseModel):
    """An outcome ``org`` reports from its meeting(s) with ``partners``."""

    org: str = Field(max_length=80)
    kind: str = Field(
        max_length=40,
        description="nda, mou, pilot, joint_development, term_sheet, investment_closed, "
        "hire or other",
    )
    partners: list[str] = Field(max_length=50)
    amount: Decimal | None = Field(default=None, description="investments only")
    currency: str | None = Field(default=None, max_length=3, description="ISO 4217")
    on: date | None = Field(default=None, description="when it happened (default: today)")
    note: str = Field(default="", max_length=4000)
    supersedes: int | None = Field(default=None, description="the record this corrects")


class OutcomePublic(BaseModel):
    """An outcome record in force."""

    id: int
    org: str
    kind: str
    partners: list[str]
    amount: Decimal | None
    currency: str | None
    on: date
    note: str
    actor: str
    at: datetime
    supersedes: int | None


class OutcomesPublic(BaseModel):
    """Outcomes in force."""

    data: list[OutcomePublic]
    count: int


class FunnelPublic(BaseModel):
    """Pairs of organisations reaching each stage, for one group of meetings."""

    group: str
    stages: dict[str, int]


class MoneyPublic(BaseModel):
    """The total of one kind of investment in one currency (never summed across)."""

    kind: str
    currency: str
    total: Decimal
    deals: int


class InterpreterPublic(BaseModel):
    """An interpreter's meetings and hours, scheduled and held."""

    key: str
    name: str
    meetings: int
    hours: float
    held_meetings: int
    held_hours: float


class SyndicatePublic(BaseModel):
    """A proposed co-investment syndicate and which investors came through."""

    startup: str
    investors: list[str]
    invested: list[str]
    status: str


class KpisPublic(BaseModel):
    """The mission's outcome figures (see services/kpis.py for each definition)."""

    mission: str
    stages: list[str]
    funnel: FunnelPublic
    cross_border: FunnelPublic
    by_country_pair: list[FunnelPublic]
    by_sector: list[FunnelPublic]
    by_kind: list[FunnelPublic]
    deals_by_kind: dict[str, int]
    deals_by_country_pair: dict[str, int]
    money: list[MoneyPublic]
    interpreters: list[InterpreterPublic]
    syndicates: list[SyndicatePublic]
    feedback_records: int
    average_rating: float | None


def feedback_public(f: Feedback) -> FeedbackPublic:
    """A feedback record at the API edge."""
    return FeedbackPublic(
        id=f.id,
        org=f.org_key,
        partner=f.partner_key,
        held=f.held,
        rating=f.rating,
        follow_up=f.follow_up,
        note=f.note,
        actor=f.actor,
        at=f.at,
    )


def outcome_public(o: Outcome) -> OutcomePublic:
    """An outcome record at the API edge."""
    return OutcomePublic(
        id=o.id,
        org=o.org_key,
        kind=o.kind.value,
        partners=list(o.partners),
        amount=o.amount,
        currency=o.currency,
        on=o.on,
        note=o.note,
        actor=o.actor,
        at=o.at,
        supersedes=o.supersedes,
    )


def _funnel(row: FunnelRow) -> FunnelPublic:
    return FunnelPublic(group=row.group, stages=dict(zip(STAGES, row.counts, strict=True)))


def kpis_public(k: Kpis) -> KpisPublic:
    """The figures at the API edge (minutes as hours)."""
    return KpisPublic(
        mission=k.mission.key,
        stages=list(STAGES),
        funnel=_funnel(k.funnel),
        cross_border=_funnel(k.cross_border),
        by_country_pair=[_funnel(r) for r in k.by_country_pair],
        by_sector=[_funnel(r) for r in k.by_sector],
        by_kind=[_funnel(r) for r in k.by_kind],
        deals_by_kind=dict(k.deals_by_kind),
        deals_by_country_pair=dict(k.deals_by_country_pair),
        money=[
            MoneyPublic(kind=m.kind, currency=m.currency, total=m.total, deals=m.deals)
            for m in k.money
        ],
        interpreters=[
            InterpreterPublic(
                key=i.key,
                name=i.name,
                meetings=i.meetings,
                hours=i.minutes / 60,
                held_meetings=i.held_meetings,
                held_hours=i.held_minutes / 60,
            )
            for i in k.interpreters
        ],
        syndicates=[
            SyndicatePublic(
                startup=s.startup,
                investors=list(s.investors),
                invested=list(s.invested),
                status=s.status,
            )
            for s in k.syndicates or ()
        ],
        feedback_records=k.feedback_records,
        average_rating=k.average_rating,
    )


@router.get("/{key}/feedback", response_model=FeedbacksPublic, responses={**AUTH, **NOT_FOUND})
def list_feedback(engine: EngineDep, key: str, org: OrgQuery = None) -> FeedbacksPublic:
    """Feedback in force: one record per reporter and meeting."""
    found = outcomes.feedback_in_force(engine, key, org)
    return FeedbacksPublic(data=[feedback_public(f) for f in found], count=len(found))


@router.post(
    "/{key}/feedback",
    response_model=FeedbackPublic,
    status_code=201,
    responses={**AUTH, **NOT_FOUND, **BAD_INPUT},
)
def create_feedback(
    engine: EngineDep, user: CurrentUser, key: str, body: FeedbackCreate
) -> FeedbackPublic:
    """Record feedback on a meeting of the published schedule for ``org``."""
    made = outcomes.record_feedback(
        engine,
        key,
        body.org,
        body.partner,
        held=body.held,
        rating=body.rating,
        follow_up=body.follow_up,
        note=body.note,
        actor=user.name,
    )
    return feedback_public(made)


@router.get("/{key}/outcomes", response_model=OutcomesPublic, responses={**AUTH, **NOT_FOUND})
def list_outcomes(engine: EngineDep, key: str, org: OrgQuery = None) -> OutcomesPublic:
    """Outcomes in force (corrected and withdrawn ones left out)."""
    found = outcomes.outcomes_in_force(engine, key, org)
    return OutcomesPublic(data=[outcome_public(o) for o in found], count=len(found))


@router.post(
    "/{key}/outcomes",
    response_model=OutcomePublic,
    status_code=201,
    responses={**AUTH, **NOT_FOUND, **BAD_INPUT},
)
def create_outcome(
    engine: EngineDep, user: CurrentUser, key: str, body: OutcomeCreate
) -> OutcomePublic:
    """Record an outcome for ``org``; with ``supersedes``, a correction."""
    made = outcomes.report_outcome(
        engine,
        key,
        body.org,
        kind=body.kind,
        partners=body.partners,
        amount=body.amount,
        currency=body.currency,
        on=body.on,
        note=body.note,
        actor=user.name,
        supersedes=body.supersedes,
    )
    return outcome_public(made)


@router.get("/{key}/kpis", response_model=KpisPublic, responses={**AUTH, **NOT_FOUND})
async def get_kpis(engine: EngineDep, key: str) -> KpisPublic:
    """The funnel, cross-border share, deals, money per currency, interpreter hours and
    syndicates that became deals (seconds: computed in a worker thread)."""
    found = await run_in_threadpool(kpis, engine, key)
    return kpis_public(found)
