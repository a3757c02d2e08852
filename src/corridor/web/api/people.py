"""``/api/v1/people``: the delegates of the registry, filtered, and one person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from corridor.services import registry
from corridor.web.api.common import AUTH, BAD_INPUT, NOT_FOUND
from corridor.web.api.convert import person_public
from corridor.web.api.schemas import PeoplePublic, PersonPublic
from corridor.web.deps import EngineDep

router = APIRouter(prefix="/people", tags=["organisations"])

Filter = Annotated[str | None, Query(max_length=200)]


@router.get("", response_model=PeoplePublic, responses={**AUTH, **BAD_INPUT, **NOT_FOUND})
def list_people(engine: EngineDep, org: Filter = None, mission: Filter = None) -> PeoplePublic:
    """People by key: of one organisation (``org``), of a mission's participants, or all."""
    people = registry.find_people(engine, org=org, mission=mission)
    return PeoplePublic(data=[person_public(p) for p in people], count=len(people))


@router.get("/{person_key}", response_model=PersonPublic, responses={**AUTH, **NOT_FOUND})
def get_person(engine: EngineDep, person_key: str) -> PersonPublic:
    """One person by key."""
    return person_public(registry.person(engine, person_key))
