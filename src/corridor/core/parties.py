"""Organisations and people, the parties a mission brings together."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from corridor.core.names import Name, display_name


class IdScheme(StrEnum):
    """Official identifier schemes a party can carry."""

    KR_BRN = "kr_brn"  # 사업자등록번호, Korean business registration number
    CN_USCC = "cn_uscc"  # 统一社会信用代码, Chinese unified social credit code


class OrgKind(StrEnum):
    """What an organisation is, which decides what it can be matched with."""

    STARTUP = "startup"
    CORPORATE = "corporate"
    INVESTOR = "investor"
    AGENCY = "agency"
    ASSOCIATION = "association"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"


@dataclass(frozen=True, slots=True)
class Identifier:
    """An official identifier in its canonical form (digits only for a BRN)."""

    scheme: IdScheme
    value: str


@dataclass(frozen=True, slots=True)
class InvestorThesis:
    """What an investor says it invests in; any part may be unknown (empty)."""

    sectors: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    ticket_min_usd: int | None = None
    ticket_max_usd: int | None = None
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Organization:
    """An organisation with its names, identifiers and what it offers and seeks.

    ``offers`` and ``seeks`` map a language code to free text, so each party can
    state them in its own language and in English.
    """

    key: str
    kind: OrgKind
    country: str
    names: tuple[Name, ...]
    city: str | None = None
    founded: int | None = None
    website: str | None = None
    sectors: tuple[str, ...] = ()
    stage: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    offers: dict[str, str] = field(default_factory=dict)
    seeks: dict[str, str] = field(default_factory=dict)
    thesis: InvestorThesis | None = None
    sources: tuple[str, ...] = ()

    def display(self, lang: str = "en") -> str:
        """The organisation's name for a reader of ``lang``."""
        return display_name(self.names, lang) or self.key

    def identifier(self, scheme: IdScheme) -> str | None:
        """The value of the identifier of ``scheme``, if the organisation has one."""
        for ident in self.identifiers:
            if ident.scheme is scheme:
                return ident.value
        return None


@dataclass(frozen=True, slots=True)
class Person:
    """A person who represents an organisation at a mission."""

    key: str
    org_key: str
    names: tuple[Name, ...]
    title: str | None = None
    languages: tuple[str, ...] = ()
    email: str | None = None
    sources: tuple[str, ...] = ()
    arrives: datetime | None = None  # naive local time of the mission; None: from the start
    leaves: datetime | None = None  # None: until the end

    def display(self, lang: str = "en") -> str:
        """The person's name for a reader of ``lang``."""
        return display_name(self.names, lang) or self.key
