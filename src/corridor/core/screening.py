"""Screening: list entries, list versions, hits, and the decisions taken on them.

A hit and a decision always name the list version they were made against, so a
list update can re-screen what changed without losing what a person decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from corridor.core.names import Name


class EntityType(StrEnum):
    """What a list entry is; a vessel is never the same party as a company."""

    ORGANIZATION = "organization"
    PERSON = "person"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


# Source ids of the lists Corridor reads (the ``source`` of every entry).
SOURCES: dict[str, str] = {
    "ofac_sdn": "OFAC Specially Designated Nationals (SDN) List",
    "ofac_cons": "OFAC Consolidated (non-SDN) Sanctions List",
    "un_sc": "UN Security Council Consolidated List",
    "bis_dpl": "BIS Denied Persons List",
    "us_csl": "US Consolidated Screening List",
}


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One listed party as its source publishes it; ``names[0]`` is the primary name."""

    source: str
    source_id: str
    type: EntityType
    names: tuple[Name, ...]
    programs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    addresses: tuple[str, ...] = ()
    remarks: str | None = None
    list_name: str | None = None

    @property
    def name(self) -> str:
        """The primary name."""
        return self.names[0].text if len(self.names) > 0 else ""


@dataclass(frozen=True, slots=True)
class ListVersion:
    """One load of a list: which source, as of when, from which bytes."""

    source: str
    sha256: str
    published: date | None
    loaded_at: datetime
    entries: int
    label: str = ""
    id: int | None = None


class Band(StrEnum):
    """How sure a hit is: ``strong`` stops a counterparty, ``review`` asks a person."""

    STRONG = "strong"
    REVIEW = "review"


class Action(StrEnum):
    """What a compliance officer decided about a hit."""

    CLEAR = "clear"
    ESCALATE = "escalate"
    BLOCK = "block"


@dataclass(frozen=True, slots=True)
class FeatureScore:
    """One feature's contribution to a score, with the values it compared."""

    name: str
    score: float
    weight: float
    detail: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A query name that looks like a list entry, which two names matched, and why."""

    source: str
    source_id: str
    entry_name: str
    query_name: str
    matched_name: str
    score: float
    band: Band
    features: tuple[FeatureScore, ...] = ()
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    """An append-only record: who decided what about a hit on an organisation, and why."""

    org_key: str
    source: str
    source_id: str
    action: Action
    reason: str
    actor: str
    at: datetime
    list_version: int | None = None
    entry_name: str = ""
    flags: tuple[str, ...] = field(default=())
