"""``/api/v1/organisations``: the registry, filtered, and one organisation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from corridor.services import registry
from corridor.services.dashboard import find_organisations
from corridor.web.api.common import AUTH, BAD_INPUT, NOT_FOUND
from corridor.web.api.convert import org_public, row_public
from corridor.web.api.schemas import OrgPublic, OrgsPublic
from corridor.web.deps import EngineDep

router = APIRouter(prefix="/organisations", tags=["organisations"])

Filter = Annotated[str | None, Query(max_length=200)]


@router.get("", response_model=OrgsPublic, responses={**AUTH, **BAD_INPUT, **NOT_FOUND})
def list_organisations(
    engine: EngineDep,
    q: Annotated[str, Query(max_length=200, description="a name in any script")] = "",
    mission: Filter = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    kind: Filter = None,
    status: Annotated[str | None, Query(pattern=r"^(blocked|review|cleared)$")] = None,
) -> OrgsPublic:
    """Organisations by key; filter by mission, country, kind, screening status, name."""
    rows = find_organisations(
        engine,
        query=q,
        mission=mission,
        country=None if country is None else country.upper(),
        kind=kind,
        status=status,
    )
    return OrgsPublic(data=[row_public(r) for r in rows], count=len(rows))


@router.get("/{key}", response_model=OrgPublic, responses={**AUTH, **NOT_FOUND})
def get_organisation(engine: EngineDep, key: str) -> OrgPublic:
    """One organisation by key."""
    org, _people = registry.organisation_with_people(engine, key)
    return org_public(org)
