"""``/api/v1/screening``: screen one name, or a batch, against the lists in force."""

from __future__ import annotations

from fastapi import APIRouter

from corridor.core.screening import Hit
from corridor.services.name_files import query_for
from corridor.services.screening import screen_queries
from corridor.web.api.common import AUTH, BAD_INPUT
from corridor.web.api.schemas import BatchHitsPublic, HitPublic, HitsPublic, NameScreen, NamesScreen
from corridor.web.deps import EngineDep

router = APIRouter(prefix="/screening", tags=["screening"])


@router.post("/name", response_model=HitsPublic, responses={**AUTH, **BAD_INPUT})
def screen_name(engine: EngineDep, body: NameScreen) -> HitsPublic:
    """Hits for one name, best first, each saying which names matched and why."""
    query = query_for(body.name, body.kind, body.country)
    return _hits_public(body.name, screen_queries(engine, [query], limit=body.limit)[0])


@router.post("/names", response_model=BatchHitsPublic, responses={**AUTH, **BAD_INPUT})
def screen_names(engine: EngineDep, body: NamesScreen) -> BatchHitsPublic:
    """Hits for up to 1,000 names in one call, in the order sent (the mission-wide,
    recorded screening is ``POST /missions/{key}/screen``, a job)."""
    results = [
        _hits_public(
            n.name, screen_queries(engine, [query_for(n.name, n.kind, n.country)], limit=n.limit)[0]
        )
        for n in body.names
    ]
    return BatchHitsPublic(
        data=results, count=len(results), with_hits=sum(1 for r in results if r.count > 0)
    )


def _hits_public(name: str, hits: list[Hit]) -> HitsPublic:
    data = [
        HitPublic(
            source=h.source,
            source_id=h.source_id,
            name=h.entry_name,
            matched_name=h.matched_name,
            score=h.score,
            band=h.band.value,
            explanation=h.explanation,
        )
        for h in hits
    ]
    return HitsPublic(query=name, data=data, count=len(data))
