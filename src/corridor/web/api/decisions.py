"""Compliance over the API: a mission's hits, decisions (append-only), list versions."""

from __future__ import annotations

from fastapi import APIRouter, Request

from corridor.core.screening import Action, Decision
from corridor.services import screening
from corridor.web.api.common import AUTH, BAD_INPUT, NOT_FOUND
from corridor.web.api.schemas import (
    DecisionCreate,
    DecisionPublic,
    DecisionsPublic,
    ListVersionPublic,
    ListVersionsPublic,
    OrgHitPublic,
    OrgHitsPublic,
)
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.pages.matching import forget

router = APIRouter(tags=["compliance"])


def _decision(d: Decision) -> DecisionPublic:
    return DecisionPublic(
        org_key=d.org_key,
        source=d.source,
        source_id=d.source_id,
        entry_name=d.entry_name,
        action=d.action.value,
        reason=d.reason,
        actor=d.actor,
        at=d.at,
        list_version=d.list_version,
    )


@router.get("/missions/{key}/hits", response_model=OrgHitsPublic, responses={**AUTH, **NOT_FOUND})
def mission_hits(engine: EngineDep, key: str) -> OrgHitsPublic:
    """Every current hit on the mission's participants, with its latest decision."""
    result = screening.mission_screening(engine, key)
    data = []
    for o in result.orgs:
        for h in o.hits:
            d = o.decisions.get((h.hit.source, h.hit.source_id))
            data.append(
                OrgHitPublic(
                    org_key=o.org.key,
                    person_key=h.person_key,
                    source=h.hit.source,
                    source_id=h.hit.source_id,
                    entry_name=h.hit.entry_name,
                    matched_name=h.hit.matched_name,
                    score=h.hit.score,
                    band=h.hit.band.value,
                    explanation=h.hit.explanation,
                    list_version=h.version_id,
                    decision=None if d is None else d.action.value,
                    open=d is None or d.action is Action.ESCALATE,
                )
            )
    return OrgHitsPublic(
        data=data,
        count=len(data),
        checked_against=result.coverage.against(),
        not_checked=result.coverage.not_checked(),
    )


@router.post(
    "/missions/{key}/decisions",
    response_model=DecisionPublic,
    status_code=201,
    responses={**AUTH, **NOT_FOUND, **BAD_INPUT},
)
def create_decision(
    request: Request, engine: EngineDep, user: CurrentUser, key: str, body: DecisionCreate
) -> DecisionPublic:
    """Record clear / escalate / block on a current hit (or, with source ``rule``, on a
    rule flag); the reason is required. ``GET /missions/{key}/held`` says who is held
    after it."""
    screening.mission_screening(engine, key)  # NotFound for an unknown mission
    decision = screening.decide(
        engine,
        body.org_key,
        body.source,
        body.source_id,
        Action(body.action),
        body.reason,
        user.name,
    )
    forget(request, key)  # recommendations follow the decision at once
    return _decision(decision)


@router.get("/decisions", response_model=DecisionsPublic, responses={**AUTH})
def all_decisions(engine: EngineDep) -> DecisionsPublic:
    """The whole decision trail, oldest first."""
    data = [_decision(d) for d in screening.decisions(engine)]
    return DecisionsPublic(data=data, count=len(data))


@router.get("/lists", response_model=ListVersionsPublic, responses={**AUTH})
def list_versions(engine: EngineDep) -> ListVersionsPublic:
    """Every list version ever loaded, and which one of each source is in force."""
    data = [
        ListVersionPublic(
            id=v.id,
            source=v.source,
            label=v.label,
            sha256=v.sha256,
            published=None if v.published is None else v.published.isoformat(),
            loaded_at=v.loaded_at,
            entries=v.entries,
            in_force=active,
        )
        for v, active in screening.list_versions(engine)
    ]
    return ListVersionsPublic(data=data, count=len(data))
