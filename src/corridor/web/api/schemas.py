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
