"""``/api/v1/missions/{key}/matches``: recommended partners, and accepting them."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from corridor.web.api.common import AUTH, BAD_INPUT, NOT_FOUND
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.i18n import current
from corridor.web.pages.matching import accept, cached_recommendations

router = APIRouter(prefix="/missions", tags=["matching"])


class MatchPublic(BaseModel):
    """A recommended partner, why (in the reader's language), and whether under review."""

    org: str
    partner: str
    partner_name: str
    value: float
    explanation: str
    under_review: bool


class MatchesPublic(BaseModel):
    """One organisation's recommended partners, best first."""

    data: list[MatchPublic]
    count: int


class MatchAccept(BaseModel):
    """Accept every recommendation of one organisation."""

    org: str = Field(min_length=1, max_length=200)


class AcceptedPublic(BaseModel):
    """The pairs accepted and how many meeting requests were new."""

    pairs: list[tuple[str, str]]
    added: int


@router.get(
    "/{key}/matches", response_model=MatchesPublic, responses={**AUTH, **NOT_FOUND, **BAD_INPUT}
)
async def get_matches(request: Request, engine: EngineDep, key: str, org: str) -> MatchesPublic:
    """An organisation's recommendations (5–8 s the first time, then cached)."""
    found = await cached_recommendations(request, engine, key, org, current())
    data = [
        MatchPublic(
            org=r.org,
            partner=r.partner,
            partner_name=r.partner_name,
            value=r.value,
            explanation=r.explanation,
            under_review=r.under_review,
        )
        for r in found
    ]
    return MatchesPublic(data=data, count=len(data))


@router.post(
    "/{key}/matches/accept",
    response_model=AcceptedPublic,
    responses={**AUTH, **NOT_FOUND, **BAD_INPUT},
)
async def accept_matches(
    request: Request, engine: EngineDep, user: CurrentUser, key: str, body: MatchAccept
) -> AcceptedPublic:
    """Turn the organisation's recommendations into mutual meeting requests."""
    done = await accept(request, engine, key, body.org, user.name)
    return AcceptedPublic(pairs=list(done.pairs), added=done.added)
