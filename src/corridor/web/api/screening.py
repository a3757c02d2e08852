"""``/api/v1/screening``: screen one name against the lists in force."""

from __future__ import annotations

from fastapi import APIRouter

from corridor.services.name_files import query_for
from corridor.services.screening import screen_queries
from corridor.web.api.common import AUTH, BAD_INPUT
from corridor.web.api.schemas import HitPublic, HitsPublic, NameScreen
from corridor.web.deps import EngineDep

router = APIRouter(prefix="/screening", tags=["screening"])


@router.post("/name", response_model=HitsPublic, responses={**AUTH, **BAD_INPUT})
def screen_name(engine: EngineDep, body: NameScreen) -> HitsPublic:
    """Hits for one name, best first, each saying which names matched and why."""
    query = query_for(body.name, body.kind, body.country)
    hits = screen_queries(engine, [query], limit=body.limit)[0]
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
    return HitsPublic(query=body.name, data=data, count=len(data))
