"""Delegation safety abroad: alerts from public feeds, where people are, roll calls.

An ``Alert`` is what a feed said (a CAP message, an RSS item, an advisory level),
kept in the sender's words: the info blocks per language as the sender wrote them.
Corridor adds only its own ``AlertLevel`` (from severity × urgency × certainty), so a
reader always sees which words are the sender's and which are Corridor's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class MsgType(StrEnum):
    """CAP 1.2 ``msgType``: a new alert, a replacement, or a withdrawal."""

    ALERT = "Alert"
    UPDATE = "Update"
    CANCEL = "Cancel"
    ACK = "Ack"
    ERROR = "Error"


class AlertLevel(StrEnum):
    """Corridor's levels: what organisers do about an alert (ordered, lowest first)."""

    INFO = "info"  # note it
    ADVISORY = "advisory"  # tell the people concerned
    WARNING = "warning"  # tell them now, prepare a roll call
    EMERGENCY = "emergency"  # tell them now, start a roll call


LEVEL_ORDER = tuple(AlertLevel)


class FeedKind(StrEnum):
    """How a feed's body is read."""

    CAP = "cap"  # one CAP 1.2 message, or an Atom/RSS index of CAP messages
    RSS = "rss"  # RSS or Atom items (feedparser)
    ADVISORY = "advisory"  # travel-advisory levels per country (MOFA 여행경보)


@dataclass(frozen=True, slots=True)
class Circle:
    """A CAP circle: centre (WGS 84) and radius in kilometres."""

    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True, slots=True)
class Area:
    """A CAP ``area``: its description and any polygons, circles and geocodes."""

    description: str
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()  # rings of (lat, lon)
    circles: tuple[Circle, ...] = ()
    geocodes: tuple[tuple[str, str], ...] = ()  # (valueName, value)


@dataclass(frozen=True, slots=True)
class Info:
    """One CAP ``info`` block: the sender's words in one language."""

    lang: str
    event: str
    urgency: str
    severity: str
    certainty: str
    headline: str = ""
    description: str = ""
    instruction: str = ""
    sender_name: str = ""
    effective: datetime | None = None
    onset: datetime | None = None
    expires: datetime | None = None
    areas: tuple[Area, ...] = ()


@dataclass(frozen=True, slots=True)
class Reference:
    """A CAP reference: the (sender, identifier, sent) of an earlier message."""

    sender: str
    identifier: str
    sent: str


@dataclass(frozen=True, slots=True)
class Alert:
    """One message of a feed, as the sender published it.

    ``key`` names it across feeds (``sender,identifier``); ``references`` are the keys
    of the messages an Update replaces or a Cancel withdraws.
    """

    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: MsgType
    infos: tuple[Info, ...]
    references: tuple[Reference, ...] = ()
    source: str = "cap"  # cap | rss | advisory
    advisory: Advisory | None = None  # the level it was made from (advisory feeds)

    @property
    def key(self) -> str:
        """The message's identity: sender and identifier, as CAP references name it."""
        return f"{self.sender},{self.identifier}"

    @property
    def reference_keys(self) -> tuple[str, ...]:
        """The keys of the messages this one refers to."""
        return tuple(f"{r.sender},{r.identifier}" for r in self.references)

    def info_for(self, lang: str) -> Info | None:
        """The sender's block in ``lang`` (matched on the primary subtag), if any."""
        want = lang.split("-")[0].lower()
        for info in self.infos:
            if info.lang.split("-")[0].lower() == want:
                return info
        return None

    @property
    def first(self) -> Info:
        """The first info block (the sender's primary language)."""
        return self.infos[0]


@dataclass(frozen=True, slots=True)
class Advisory:
    """A travel-advisory level for a country or region, as the publisher states it."""

    publisher: str  # "kr-mofa" | "us-state"
    country: str  # ISO 3166-1 alpha-2
    level: int  # the publisher's own scale (MOFA 1–4, US 1–4)
    region: str  # the publisher's words for where it applies ("전 지역")
    written: str | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A point where someone will be: a name and WGS 84 coordinates."""

    name: str
    lat: float
    lon: float
    country: str = ""


@dataclass(frozen=True, slots=True)
class Whereabouts:
    """Where one person is on one day (venue, hotel, site visit)."""

    mission_key: str
    person_key: str
    day: date
    kind: str  # venue | hotel | visit
    place: Place


@dataclass(frozen=True, slots=True)
class Exposure:
    """One person touched by one alert: where and on which day."""

    alert_key: str
    person_key: str
    day: date
    place: str


@dataclass(frozen=True, slots=True)
class Poll:
    """The record of one poll of a feed: when, what came back, and any error."""

    feed_id: int
    at: datetime
    status: int | None
    bytes: int
    error: str = ""
    alerts: int = 0
    id: int = 0


class Answer(StrEnum):
    """A delegate's answer to a roll call."""

    SAFE = "safe"
    NEED_HELP = "need_help"


@dataclass(frozen=True, slots=True)
class RollCall:
    """An organiser's call for every delegate of a mission to say they are safe."""

    mission_key: str
    started_by: str
    started_at: datetime
    note: str = ""
    alert_key: str | None = None
    closed_at: datetime | None = None
    id: int = 0


@dataclass(frozen=True, slots=True)
class RollCallEntry:
    """One delegate in a roll call: the answer (None until given), note, place."""

    roll_call_id: int
    person_key: str
    answer: Answer | None = None
    note: str = ""
    location: str = ""
    answered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed Corridor polls, with the validators of its last answer."""

    id: int
    url: str
    kind: FeedKind
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class StoredAlert:
    """An alert as kept: its published body, Corridor's level and its state."""

    key: str
    feed_id: int
    kind: FeedKind
    msg_type: MsgType
    level: AlertLevel
    headline: str
    state: str  # open | superseded | withdrawn
    body: str
    received_at: datetime
    replaced_by: str | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """An alert told to one person (in the portal, and by e-mail when ``emailed``)."""

    alert_key: str
    mission_key: str
    person_key: str
    day: date
    place: str
    emailed: bool
    at: datetime
