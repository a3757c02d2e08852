"""Pydantic schemas of every API request and response (``XPublic`` / ``XsPublic``).

Built from the services' domain objects at the edge, so the domain types stay plain
dataclasses and the API can change shape without touching them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class ErrorPublic(BaseModel):
    """An error: a message a person can act on; for bad input, the field and rule."""

    detail: str | list[dict[str, Any]]
    field: str | None = None
    value: Any = None
    rule: str | None = None


class NamePublic(BaseModel):
    """One written form of a name."""

    text: str
    script: str
    lang: str | None
    kind: str


class OrgPublic(BaseModel):
    """An organisation of the registry."""

    key: str
    kind: str
    country: str
    display_name: str
    names: list[NamePublic]
    city: str | None
    founded: int | None
    website: str | None
    sectors: list[str]
    stage: str | None
    status: str | None = Field(None, description="screening status in the filtered mission")


class OrgsPublic(BaseModel):
    """A page of organisations."""

    data: list[OrgPublic]
    count: int


class MissionPublic(BaseModel):
    """A mission with its counts."""

    key: str
    name: str
    city: str
    country: str
    timezone: str
    languages: list[str]
    participants: int
    requests: int
    hold_policy: str = Field(
        description="what screening holds do: `hold` (held organisations are not "
        "recommended, scheduled or invited until cleared) or `flag` (they take part, "
        "flagged to organisers only)"
    )


class MissionUpdate(BaseModel):
    """What an organiser may change of a mission."""

    hold_policy: str = Field(max_length=20, description="`hold` or `flag`")


class HoldReasonPublic(BaseModel):
    """One unsettled item holding an organisation: a list hit or a rule flag."""

    kind: Literal["hit", "flag"]
    source: str
    source_id: str
    label: str
    detail: str
    state: Literal["undecided", "escalated"]
    strong: bool = Field(description="a strong hit or a blocking flag")


class HeldPublic(BaseModel):
    """A held organisation and why."""

    org_key: str
    display_name: str
    reasons: list[HoldReasonPublic]


class HeldsPublic(BaseModel):
    """Who screening holds in a mission; under policy `flag` they take part, flagged."""

    mission: str
    hold_policy: str
    data: list[HeldPublic]
    count: int
    blocked: list[str]
    admitted: int = Field(description="how many participants take part")


class MissionsPublic(BaseModel):
    """Every mission."""

    data: list[MissionPublic]
    count: int


class NameScreen(BaseModel):
    """One name to screen against the lists in force (nothing is stored)."""

    name: str = Field(min_length=1, max_length=1000)
    kind: Literal["org", "person"] = "org"
    country: str = Field("", max_length=2, pattern=r"^([A-Za-z]{2})?$")
    limit: int = Field(10, ge=1, le=50)


class NamesScreen(BaseModel):
    """A batch of names to screen against the lists in force (nothing is stored)."""

    names: list[NameScreen] = Field(min_length=1, max_length=1000)


class PersonPublic(BaseModel):
    """A delegate of an organisation. E-mail addresses stay out of the API (personal
    data an API client has no need of: PIPA/PIPL data minimisation)."""

    key: str
    org_key: str
    display_name: str
    names: list[NamePublic]
    title: str | None
    languages: list[str]


class PeoplePublic(BaseModel):
    """People, ordered by key."""

    data: list[PersonPublic]
    count: int


class HitPublic(BaseModel):
    """A list entry the name looks like, which two names matched, and why."""

    source: str
    source_id: str
    name: str
    matched_name: str
    score: float
    band: str
    explanation: str


class HitsPublic(BaseModel):
    """The hits of one screened name, best first."""

    query: str
    data: list[HitPublic]
    count: int


class BatchHitsPublic(BaseModel):
    """The hits of every screened name, in the order the names were sent."""

    data: list[HitsPublic]
    count: int
    with_hits: int = Field(description="how many names have at least one hit")


class JobPublic(BaseModel):
    """A background job and how far it got."""

    id: int
    kind: str
    actor: str
    params: dict[str, Any]
    state: Literal["queued", "running", "done", "failed"]
    progress: float
    log: list[str]
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class JobsPublic(BaseModel):
    """The newest jobs."""

    data: list[JobPublic]
    count: int


class OrgHitPublic(BaseModel):
    """A stored hit on a participant: the list version it was made against, and its state."""

    org_key: str
    person_key: str | None
    source: str
    source_id: str
    entry_name: str
    matched_name: str
    score: float
    band: str
    explanation: str
    list_version: int
    decision: str | None = Field(None, description="the latest decision, if any")
    open: bool = Field(description="no decision yet, or only an escalation")


class OrgHitsPublic(BaseModel):
    """The current hits of a mission's participants, with what the lists cover."""

    data: list[OrgHitPublic]
    count: int
    checked_against: str
    not_checked: str


class DecisionCreate(BaseModel):
    """A compliance decision on a hit (or, with source ``rule``, on a flag)."""

    org_key: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=200)
    source_id: str = Field(min_length=1, max_length=200)
    action: Literal["clear", "escalate", "block"]
    reason: str = Field(min_length=1, max_length=2000, pattern=r"\S")


class DecisionPublic(BaseModel):
    """An append-only decision: who, when, what, why, against which list version."""

    org_key: str
    source: str
    source_id: str
    entry_name: str
    action: str
    reason: str
    actor: str
    at: datetime
    list_version: int | None


class DecisionsPublic(BaseModel):
    """The decision trail, oldest first."""

    data: list[DecisionPublic]
    count: int


class ListVersionPublic(BaseModel):
    """One load of a list, and whether it is the version in force."""

    id: int | None
    source: str
    label: str
    sha256: str
    published: str | None
    loaded_at: datetime
    entries: int
    in_force: bool


class ListVersionsPublic(BaseModel):
    """Every list version ever loaded, oldest first."""

    data: list[ListVersionPublic]
    count: int


class ImportCountsPublic(BaseModel):
    """Rows created, updated and already identical."""

    created: int
    updated: int
    unchanged: int


class ImportPublic(BaseModel):
    """What an import wrote, per kind of record."""

    counts: dict[str, ImportCountsPublic]
    total: ImportCountsPublic
    warnings: list[str]
    mission: str | None
    participants_added: int


class ImportRejectedPublic(BaseModel):
    """A rejected import: nothing was written; every problem, ``file:row: field='value': rule``."""

    detail: str
    problems: list[str]
