"""Read-side use cases over the registry and missions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from corridor.core.mission import Mission
from corridor.core.parties import Organization, Person
from corridor.registry.docs import formats_markdown
from corridor.services.read_cache import read_model
from corridor.services.uow import read_only


@dataclass(frozen=True, slots=True)
class MissionSummary:
    """A mission with the counts an organiser looks at first."""

    mission: Mission
    participants: int
    requests: int
    hold_policy: str = "hold"  # what screening holds do (services/admission.py)


def list_organisations(
    engine: Engine,
    *,
    country: str | None = None,
    kind: str | None = None,
    mission: str | None = None,
) -> list[Organization]:
    """Organisations by key, filtered by country, kind and mission participation."""
    with read_only(engine) as uow:
        keys = None if mission is None else uow.missions.participants(mission)
        return uow.registry.organisations(country=country, kind=kind, keys=keys)


def organisation_with_people(engine: Engine, key: str) -> tuple[Organization, list[Person]]:
    """One organisation and the people who represent it."""
    with read_only(engine) as uow:
        return uow.registry.organisation(key), uow.registry.people(org_key=key)


def mission_summary(engine: Engine, key: str) -> MissionSummary:
    """One mission with its participant and request counts."""
    with read_only(engine) as uow:
        return MissionSummary(
            uow.missions.mission(key),
            len(uow.missions.participants(key)),
            len(uow.missions.requests(key)),
            uow.missions.hold_policy(key).policy.value,
        )


@read_model
def mission_summaries(engine: Engine) -> list[MissionSummary]:
    """Every mission with its counts."""
    with read_only(engine) as uow:
        return [
            MissionSummary(
                m,
                len(uow.missions.participants(m.key)),
                len(uow.missions.requests(m.key)),
                uow.missions.hold_policy(m.key).policy.value,
            )
            for m in uow.missions.missions()
        ]


def find_people(
    engine: Engine, *, org: str | None = None, mission: str | None = None
) -> list[Person]:
    """People ordered by key: of one organisation, of a mission's participants, or all
    (NotFound for an unknown organisation or mission)."""
    with read_only(engine) as uow:
        if org is not None:
            uow.registry.organisation(org)
        if mission is None:
            return uow.registry.people(org_key=org)
        members = set(uow.missions.participants(mission))
        return [p for p in uow.registry.people(org_key=org) if p.org_key in members]


def person(engine: Engine, key: str) -> Person:
    """One person by key (NotFound when there is none)."""
    with read_only(engine) as uow:
        return uow.registry.person(key)


def formats_reference() -> str:
    """The columns of organisations, people and requests files, as Markdown (``corridor
    formats``, docs/data-formats.md): made from the schemas imports check files against,
    so the reference cannot drift from what is accepted."""
    return formats_markdown()
