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


class ListAction(StrEnum):
    """What an audited list event did to the version in force of a source."""

    LOAD = "load"
    ACCEPT_SHRINK = "accept-shrink"
    ACCEPT_OLDER = "accept-older"
    USE = "use"


@dataclass(frozen=True, slots=True)
class ListEvent:
    """An append-only record: who put which version of a list in force, when, and why."""

    at: datetime
    actor: str
    source: str
    version_id: int
    action: ListAction
    reason: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CheckedList:
    """A list a screening was checked against: which version, and whether it is whole."""

    source: str
    label: str
    version_id: int
    published: date | None
    entries: int
    sample: bool
    """Fewer entries than a full official file: an extract or a format sample."""

    def describe(self) -> str:
        """``OFAC SDN List 2024-05-03 (#3, 14,965 entries)``."""
        day = "undated" if self.published is None else self.published.isoformat()
        return f"{self.label} {day} (#{self.version_id}, {self.entries:,} entries)"


@dataclass(frozen=True, slots=True)
class CoverageGap:
    """An expected list a screening did not (fully) check, and why."""

    source: str
    label: str
    why: str


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a screening result was checked against and what it was not.

    "cleared" only means "no match in these lists": this is what says which, so a
    missing or sample list is never read as a clean bill of health.
    """

    checked: tuple[CheckedList, ...]
    gaps: tuple[CoverageGap, ...] = ()

    @property
    def complete(self) -> bool:
        """Every expected list checked in full."""
        return len(self.gaps) == 0

    def against(self) -> str:
        """``OFAC SDN List 2024-05-03 (#3, …), …`` or ``no list``."""
        return ", ".join(c.describe() for c in self.checked) or "no list"

    def not_checked(self) -> str:
        """``BIS Entity List (only a 13-entry sample of …)``; empty when complete."""
        return "; ".join(f"{g.label} ({g.why})" for g in self.gaps)

    def qualify(self, status: str) -> str:
        """A status with its coverage: ``cleared against …; not checked: …``; other
        statuses carry it in brackets (``review (checked against …)``)."""
        gaps = "" if self.complete else f"; not checked: {self.not_checked()}"
        if status == "cleared":
            return f"cleared against {self.against()}{gaps}"
        return f"{status} (checked against {self.against()}{gaps})"


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
