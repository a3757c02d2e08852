"""Repository protocols: what the services may ask of storage, in domain types.

The SQLAlchemy implementation is ``store.sql.SqlStore``; anything else that keeps
these promises (an in-memory store for a benchmark, say) can stand in for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from corridor.core.mission import MeetingRequest, Mission
from corridor.core.parties import Organization, Person


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    """What an upsert did: rows new, rows changed, rows already identical."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            self.created + other.created,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )


@dataclass(frozen=True, slots=True)
class ImportRun:
    """An audit record of one import."""

    at: str
    actor: str
    files: list[dict[str, str | None]]
    counts: UpsertCounts


class RegistryRepo(Protocol):
    """Organisations and people, keyed by their stable keys."""

    def upsert_organisations(self, orgs: Sequence[Organization]) -> UpsertCounts: ...
    def upsert_people(self, people: Sequence[Person]) -> UpsertCounts: ...
    def organisation(self, key: str) -> Organization: ...
    def organisations(
        self,
        *,
        country: str | None = None,
        kind: str | None = None,
        keys: Sequence[str] | None = None,
    ) -> list[Organization]: ...
    def organisation_keys(self) -> set[str]: ...
    def people(self, *, org_key: str | None = None) -> list[Person]: ...
    def count(self) -> dict[str, int]: ...


class MissionRepo(Protocol):
    """Missions, their participants and meeting requests."""

    def save_mission(self, mission: Mission) -> UpsertCounts: ...
    def mission(self, key: str) -> Mission: ...
    def missions(self) -> list[Mission]: ...
    def add_participants(self, mission_key: str, org_keys: Sequence[str]) -> int: ...
    def participants(self, mission_key: str) -> list[str]: ...
    def upsert_requests(
        self, mission_key: str, requests: Sequence[MeetingRequest]
    ) -> UpsertCounts: ...
    def requests(self, mission_key: str) -> list[MeetingRequest]: ...


class AuditRepo(Protocol):
    """The append-only record of imports."""

    def record_import(self, run: ImportRun) -> None: ...
    def imports(self) -> list[ImportRun]: ...
