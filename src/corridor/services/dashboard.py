"""What the organiser's dashboard and registry list read, in one call each.

Read-only: counts by country and kind, screening status, schedule fill and
interpreter load of a mission, and a name search that finds an organisation by any
of its names in any script (海康, 하이크비전 and hikvision find the same company).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from sqlalchemy import Engine

from corridor.core.mission import Mission
from corridor.core.names import Name
from corridor.core.parties import Organization
from corridor.exc import InvalidInput
from corridor.services.read_cache import read_model
from corridor.services.screening import OrgScreening, mission_screening
from corridor.services.uow import read_only
from corridor.text.names import forms
from corridor.text.normalize import fold
from corridor.text.scripts import detect_script

STATUSES = ("blocked", "review", "cleared")


@dataclass(slots=True)
class ScheduleFill:
    """How much of what was requested the published schedule meets."""

    meetings: int
    requested: int
    interpreted: int
    interpreter_load: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Dashboard:
    """The organiser's first look at a mission."""

    mission: Mission
    participants: int
    by_country: dict[str, int]
    by_kind: dict[str, int]
    by_country_kind: dict[tuple[str, str], int]
    screening: dict[str, int]
    screened_at: datetime | None
    schedule: ScheduleFill | None
    requests: int
    interpreters: list[str]
    attention: list[tuple[Organization, str]]
    """Participants screening has blocked or sent to review, blocked first."""


@read_model
def mission_dashboard(engine: Engine, mission_key: str) -> Dashboard:
    """Counts, screening status, schedule fill and interpreter load of one mission."""
    screening = mission_screening(engine, mission_key)
    orgs = [o.org for o in screening.orgs]
    with read_only(engine) as uow:
        requests = uow.missions.requests(mission_key)
        published = uow.schedules.published(mission_key)
    fill = None
    if published is not None:
        meetings = published[1]
        load = Counter(m.interpreter for m in meetings if m.interpreter)
        pairs = {tuple(sorted((q.requester, q.target))) for q in requests}
        fill = ScheduleFill(
            len(meetings), len(pairs), sum(load.values()), dict(sorted(load.items()))
        )
    return Dashboard(
        screening.mission,
        len(orgs),
        dict(Counter(o.country for o in orgs).most_common()),
        dict(Counter(o.kind.value for o in orgs).most_common()),
        dict(sorted(Counter((o.country, o.kind.value) for o in orgs).items())),
        {s: len(screening.by_status(s)) for s in STATUSES},
        screening.at,
        fill,
        len(requests),
        [i.key for i in screening.mission.interpreters],
        [(o.org, o.status) for o in sorted(screening.orgs, key=_urgency) if o.status != "cleared"],
    )


def _urgency(o: OrgScreening) -> tuple[int, str]:
    return (STATUSES.index(o.status), o.org.key)


@dataclass(frozen=True, slots=True)
class OrgRow:
    """An organisation in the registry list, with its screening status in a mission."""

    org: Organization
    status: str | None


@read_model
def find_organisations(
    engine: Engine,
    *,
    query: str = "",
    mission: str | None = None,
    country: str | None = None,
    kind: str | None = None,
    status: str | None = None,
) -> list[OrgRow]:
    """Organisations filtered by mission, country, screening status and a name in any script.

    A status filter needs a mission (status is a mission's screening result).
    """
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"one of {list(STATUSES)}", field="status", value=status)
    if status is not None and mission is None:
        raise InvalidInput("filtering by status needs a mission", field="mission")
    statuses: dict[str, str] = {}
    if mission is not None:
        statuses = {o.org.key: o.status for o in mission_screening(engine, mission).orgs}
    with read_only(engine) as uow:
        keys = None if mission is None else list(statuses)
        orgs = uow.registry.organisations(country=country, kind=kind, keys=keys)
    rows = [OrgRow(o, statuses.get(o.key)) for o in orgs]
    if status is not None:
        rows = [r for r in rows if r.status == status]
    wanted = query.strip()
    return rows if wanted == "" else [r for r in rows if name_matches(wanted, r.org.names)]


def name_matches(query: str, names: tuple[Name, ...]) -> bool:
    """Whether ``query`` is part of any name, as written or in any Latin form of it."""
    plain = fold(query)
    if plain == "":
        return True
    written = [fold(n.text) for n in names]
    if any(plain in w for w in written):
        return True
    wanted = _compact_forms(query)
    return any(q in f for n in names for f in _name_forms(n) for q in wanted)


def _compact_forms(text: str) -> frozenset[str]:
    return _name_forms(Name(text, detect_script(text)))


@lru_cache(maxsize=8192)
def _name_forms(name: Name) -> frozenset[str]:
    """The spaceless Latin forms of a name (cached: the registry list asks often)."""
    return frozenset(f.compact for f in forms(name) if len(f.compact) > 1)
