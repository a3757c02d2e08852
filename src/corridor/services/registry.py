"""Read-side use cases over the registry and missions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from corridor.core.mission import Mission
from corridor.core.parties import Organization, Person
from corridor.services.read_cache import read_model
from corridor.store.db import session_factory, transaction
from corridor.store.sql import SqlStore


@dataclass(frozen=True, slots=True)
class MissionSummary:
    """A mission with the counts an organiser looks at first."""

    mission: Mission
    participants: int
    requests: int


def list_organisations(
    engine: Engine,
    *,
    country: str | None = None,
    kind: str | None = None,
    mission: str | None = None,
) -> list[Organization]:
    """Organisations by key, filtered by country, kind and mission participation."""
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        keys = None if mission is None else store.participants(mission)
        return store.organisations(country=country, kind=kind, keys=keys)


def organisation_with_people(engine: Engine, key: str) -> tuple[Organization, list[Person]]:
    """One organisation and the people who represent it."""
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        return store.organisation(key), store.people(org_key=key)


def mission_summary(engine: Engine, key: str) -> MissionSummary:
    """One mission with its participant and request counts."""
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        return MissionSummary(
            store.mission(key), len(store.participants(key)), len(store.requests(key))
        )


@read_model
def mission_summaries(engine: Engine) -> list[MissionSummary]:
    """Every mission with its counts."""
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        return [
            MissionSummary(m, len(store.participants(m.key)), len(store.requests(m.key)))
            for m in store.missions()
        ]


def find_people(
    engine: Engine, *, org: str | None = None, mission: str | None = None
) -> list[Person]:
    """People ordered by key: of one organisation, of a mission's participants, or all
    (NotFound for an unknown organisation or mission)."""
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        if org is not None:
            store.organisation(org)
        if mission is None:
            return store.people(org_key=org)
        members = set(store.participants(mission))
        return [p for p in store.people(org_key=org) if p.org_key in members]


def person(engine: Engine, key: str) -> Person:
    """One person by key (NotFound when there is none)."""
    with transaction(session_factory(engine)) as session:
        return SqlStore(session).person(key)
