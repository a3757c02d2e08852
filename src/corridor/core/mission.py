"""A mission: where and when, its sessions, tables, interpreters and meetings.

Slots are derived from sessions and the slot length rather than stored, so a moved
session moves its slots with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class HoldPolicy(StrEnum):
    """What a mission does with an organisation screening holds (an undecided strong
    list hit or blocking end-use flag, services/admission.py): ``hold`` keeps it out of
    recommendations, the schedule and invitations until compliance clears it; ``flag``
    lets it take part, flagged to organisers only. Blocked organisations stay out under
    either."""

    HOLD = "hold"
    FLAG = "flag"


@dataclass(frozen=True, slots=True, order=True)
class LangPair:
    """An unordered pair of languages an interpreter works between (``ko``–``zh``)."""

    a: str
    b: str

    @classmethod
    def of(cls, x: str, y: str) -> LangPair:
        """The pair in canonical (sorted) order, so ko–zh equals zh–ko."""
        first, second = sorted((x, y))
        return cls(first, second)

    def __str__(self) -> str:
        return f"{self.a}-{self.b}"


@dataclass(frozen=True, slots=True)
class Session:
    """A block of time in which meetings run (a VC networking session, say)."""

    key: str
    name: str
    day: date
    start: time
    end: time


@dataclass(frozen=True, slots=True)
class Slot:
    """One meeting slot: the ``index``-th across the whole mission."""

    index: int
    session_key: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Table:
    """A meeting table; ``reserved_for`` is ``"interpreted"``, an org key, or None."""

    key: str
    name: str
    reserved_for: str | None = None


@dataclass(frozen=True, slots=True)
class Interpreter:
    """An interpreter, a scarce resource: pairs, sessions and fatigue limits."""

    key: str
    name: str
    pairs: tuple[LangPair, ...]
    sessions: tuple[str, ...] = ()  # empty: available in every session
    max_meetings: int | None = None
    max_consecutive: int | None = None

    def covers(self, x: str, y: str) -> bool:
        """Whether this interpreter can interpret between languages ``x`` and ``y``."""
        return LangPair.of(x, y) in self.pairs


class RequestOrigin(StrEnum):
    """Where a meeting request came from (its weight depends on it later)."""

    CURATED = "curated"
    PARTICIPANT = "participant"
    MATCH = "match"
    ORGANISER = "organiser"


@dataclass(frozen=True, slots=True)
class MeetingRequest:
    """``requester`` wants to meet ``target``; ``interest`` 1 (nice) … 3 (must)."""

    requester: str
    target: str
    interest: int = 2
    note: str | None = None
    origin: RequestOrigin = RequestOrigin.CURATED


@dataclass(frozen=True, slots=True)
class GroupRequest:
    """A meeting of three or four organisations asked for by the organiser: a
    syndicate (Korean and Chinese investors with one startup) meets once, together."""

    key: str
    parties: tuple[str, ...]
    interest: int = 2
    note: str | None = None
    origin: RequestOrigin = RequestOrigin.ORGANISER


@dataclass(frozen=True, slots=True)
class InvestorTable:
    """An investor hosts ``table`` for a session; startups rotate through it in rounds
    of one slot each, at most ``seats`` startups per round and each startup once."""

    host: str
    table: str
    session: str
    seats: int = 2


@dataclass(frozen=True, slots=True)
class ProgrammeItem:
    """A fixed item of the programme (a plenary, a VIP meeting) that takes the listed
    people, or every delegate of the listed organisations, out of the meetings."""

    key: str
    name: str
    start: datetime
    end: datetime
    people: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()

    def takes(self, person: str, org: str) -> bool:
        """Whether this item takes ``person`` (of ``org``) away."""
        return person in self.people or org in self.orgs


@dataclass(frozen=True, slots=True)
class Meeting:
    """A scheduled meeting: two organisations, or more with ``others`` (a group meeting).

    ``attendees`` names the delegate of each party in the order (org_a, org_b,
    *others); an organisation without registered delegates is named by its key.
    """

    org_a: str
    org_b: str
    slot: int
    table: str
    interpreter: str | None = None
    attendees: tuple[str, ...] = ()
    others: tuple[str, ...] = ()

    @property
    def parties(self) -> tuple[str, ...]:
        """Every organisation at the meeting."""
        return (self.org_a, self.org_b, *self.others)


@dataclass(frozen=True, slots=True)
class Mission:
    """Everything fixed about an event before participants arrive."""

    key: str
    name: str
    city: str
    country: str
    timezone: str
    slot_minutes: int
    languages: tuple[str, ...] = ("ko", "zh", "en")
    sessions: tuple[Session, ...] = ()
    tables: tuple[Table, ...] = ()
    interpreters: tuple[Interpreter, ...] = ()
    description: str | None = None
    sources: tuple[str, ...] = field(default=())
    programme: tuple[ProgrammeItem, ...] = ()
    group_requests: tuple[GroupRequest, ...] = ()
    investor_tables: tuple[InvestorTable, ...] = ()

    def slots(self) -> tuple[Slot, ...]:
        """Every whole slot of every session, in time order (naive local times)."""
        out: list[Slot] = []
        length = timedelta(minutes=self.slot_minutes)
        for session in sorted(self.sessions, key=lambda s: (s.day, s.start, s.key)):
            cursor = datetime.combine(session.day, session.start)
            stop = datetime.combine(session.day, session.end)
            while cursor + length <= stop:
                out.append(Slot(len(out), session.key, cursor, cursor + length))
                cursor += length
        return tuple(out)

    def first_day(self) -> date | None:
        """The day the mission starts, if it has sessions."""
        days = sorted(s.day for s in self.sessions)
        return days[0] if len(days) > 0 else None
