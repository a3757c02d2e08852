"""Rows ⇄ domain objects, and the fingerprints that make re-imports no-ops."""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time
from operator import attrgetter
from typing import Any

from corridor.core.mission import (
    GroupRequest,
    Interpreter,
    InvestorTable,
    LangPair,
    Mission,
    ProgrammeItem,
    RequestOrigin,
    Session,
    Table,
)
from corridor.core.names import Name, NameKind, Script
from corridor.core.parties import (
    Identifier,
    IdScheme,
    InvestorThesis,
    Organization,
    OrgKind,
    Person,
)
from corridor.store.tables import (
    InterpreterRow,
    MissionRow,
    OrgRow,
    PersonRow,
    SessionRow,
    TableRow,
)


def fingerprint(obj: Any) -> str:
    """A stable hash of a domain object's content (order of fields fixed).

    The JSON hashed is exactly ``json.dumps(dataclasses.asdict(obj), …)``'s — stored
    hashes must keep matching, or every re-import would report every row updated —
    but the encoder meets each dataclass itself (``_as_json``) instead of walking a
    deep copy ``asdict`` made first, which took a quarter of a bulk import.
    """
    blob = json.dumps(obj, sort_keys=True, ensure_ascii=False, default=_as_json)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _as_json(value: Any) -> Any:
    """What the JSON encoder writes for a value it does not know: a dataclass as the
    dict of its fields (nested ones come back here), anything else (dates) as text."""
    found = _FIELDS.get(type(value))
    if found is None and is_dataclass(value) and not isinstance(value, type):
        found = _FIELDS.setdefault(type(value), _getter(tuple(f.name for f in fields(value))))
    if found is None:
        return str(value)
    names, values, later = found
    as_dict = dict(zip(names, values(value), strict=True))
    for name in later:
        if as_dict[name] in (None, ()):
            del as_dict[name]
    return as_dict


def _getter(names: tuple[str, ...]) -> tuple[tuple[str, ...], Any, frozenset[str]]:
    """A dataclass's field names, a function giving the tuple of their values (one C
    call for the millions of fingerprints of a bulk import), and those among _LATER."""

    def one_by_one(value: Any) -> tuple[Any, ...]:
        return tuple(getattr(value, n) for n in names)

    values = attrgetter(*names) if len(names) > 1 else one_by_one  # one name: not a tuple
    return names, values, _LATER & frozenset(names)


# Per dataclass: its field names, a getter of their values, and those among _LATER.
_FIELDS: dict[type, tuple[tuple[str, ...], Any, frozenset[str]]] = {}
# Fields added after content hashes were first stored: left out while empty, so the
# hash of an object that does not use them stays what it was.
_LATER = frozenset({"arrives", "leaves", "programme", "group_requests", "investor_tables"})


def org_values(org: Organization, digest: str, _refs: dict[str, int]) -> dict[str, Any]:
    """The columns of an organisation's row (``digest`` its fingerprint), for bulk writes."""
    return {
        "key": org.key,
        "kind": org.kind.value,
        "country": org.country,
        "city": org.city,
        "founded": org.founded,
        "website": org.website,
        "stage": org.stage,
        "sectors": list(org.sectors),
        "offers": dict(org.offers),
        "seeks": dict(org.seeks),
        "thesis": None if org.thesis is None else _thesis_json(org.thesis),
        "sources": list(org.sources),
        "content_hash": digest,
    }


def person_values(person: Person, digest: str, org_ids: dict[str, int]) -> dict[str, Any]:
    """The columns of a person's row; ``org_ids`` maps organisation keys to row ids."""
    return {
        "key": person.key,
        "org_id": org_ids[person.org_key],
        "title": person.title,
        "languages": list(person.languages),
        "email": person.email,
        "sources": list(person.sources),
        "content_hash": digest,
        "arrives": person.arrives,
        "leaves": person.leaves,
    }


def name_values(name: Name) -> dict[str, Any]:
    """The columns of a name's row, without its owner and position."""
    return {
        "text": name.text,
        "script": name.script.value,
        "lang": name.lang,
        "kind": name.kind.value,
    }


def _thesis_json(thesis: InvestorThesis) -> dict[str, Any]:
    return {
        "sectors": list(thesis.sectors),
        "stages": list(thesis.stages),
        "ticket_min_usd": thesis.ticket_min_usd,
        "ticket_max_usd": thesis.ticket_max_usd,
        "countries": list(thesis.countries),
    }


def to_org(row: OrgRow) -> Organization:
    """The domain organisation of a row."""
    thesis = None
    if row.thesis is not None:
        t = row.thesis
        thesis = InvestorThesis(
            tuple(t["sectors"]),
            tuple(t["stages"]),
            t["ticket_min_usd"],
            t["ticket_max_usd"],
            tuple(t["countries"]),
        )
    return Organization(
        key=row.key,
        kind=OrgKind(row.kind),
        country=row.country,
        names=tuple(_name(n.text, n.script, n.lang, n.kind) for n in row.names),
        city=row.city,
        founded=row.founded,
        website=row.website,
        sectors=tuple(row.sectors),
        stage=row.stage,
        identifiers=tuple(Identifier(IdScheme(i.scheme), i.value) for i in row.identifiers),
        offers=dict(row.offers),
        seeks=dict(row.seeks),
        thesis=thesis,
        sources=tuple(row.sources),
    )


def _name(text: str, script: str, lang: str | None, kind: str) -> Name:
    return Name(text, Script(script), lang, NameKind(kind))


def to_person(row: PersonRow) -> Person:
    """The domain person of a row."""
    return Person(
        key=row.key,
        org_key=row.org.key,
        names=tuple(_name(n.text, n.script, n.lang, n.kind) for n in row.names),
        title=row.title,
        languages=tuple(row.languages),
        email=row.email,
        sources=tuple(row.sources),
        arrives=row.arrives,
        leaves=row.leaves,
    )


def programme_json(mission: Mission) -> dict[str, Any] | None:
    """The mission's programme items, group meetings and tables in rounds as JSON
    (None when it has none)."""
    if not (mission.programme or mission.group_requests or mission.investor_tables):
        return None
    return {
        "items": [
            {
                "key": i.key,
                "name": i.name,
                "start": i.start.isoformat(),
                "end": i.end.isoformat(),
                "people": list(i.people),
                "orgs": list(i.orgs),
            }
            for i in mission.programme
        ],
        "groups": [
            {
                "key": g.key,
                "parties": list(g.parties),
                "interest": g.interest,
                "note": g.note,
                "origin": g.origin.value,
            }
            for g in mission.group_requests
        ],
        "tables": [
            {"host": t.host, "table": t.table, "session": t.session, "seats": t.seats}
            for t in mission.investor_tables
        ],
    }


def from_programme_json(
    data: dict[str, Any] | None,
) -> tuple[tuple[ProgrammeItem, ...], tuple[GroupRequest, ...], tuple[InvestorTable, ...]]:
    """The inverse of ``programme_json``."""
    data = data or {}
    items = tuple(
        ProgrammeItem(
            i["key"],
            i["name"],
            datetime.fromisoformat(i["start"]),
            datetime.fromisoformat(i["end"]),
            tuple(i["people"]),
            tuple(i["orgs"]),
        )
        for i in data.get("items", [])
    )
    groups = tuple(
        GroupRequest(
            g["key"], tuple(g["parties"]), g["interest"], g["note"], RequestOrigin(g["origin"])
        )
        for g in data.get("groups", [])
    )
    tables = tuple(
        InvestorTable(t["host"], t["table"], t["session"], t["seats"])
        for t in data.get("tables", [])
    )
    return items, groups, tables


def fill_mission(row: MissionRow, mission: Mission) -> None:
    """Copy a mission onto its row, replacing sessions, tables and interpreters."""
    row.key, row.name, row.city, row.country = (
        mission.key,
        mission.name,
        mission.city,
        mission.country,
    )
    row.timezone, row.slot_minutes = mission.timezone, mission.slot_minutes
    row.languages, row.description = list(mission.languages), mission.description
    row.sources, row.content_hash = list(mission.sources), fingerprint(mission)
    row.programme = programme_json(mission)
    row.sessions = [
        SessionRow(position=i, key=s.key, name=s.name, day=s.day, start=s.start, end=s.end)
        for i, s in enumerate(mission.sessions)
    ]
    row.tables = [
        TableRow(position=i, key=t.key, name=t.name, reserved_for=t.reserved_for)
        for i, t in enumerate(mission.tables)
    ]
    row.interpreters = [
        InterpreterRow(
            position=i,
            key=x.key,
            name=x.name,
            pairs=[str(p) for p in x.pairs],
            sessions=list(x.sessions),
            max_meetings=x.max_meetings,
            max_consecutive=x.max_consecutive,
        )
        for i, x in enumerate(mission.interpreters)
    ]


def to_mission(row: MissionRow) -> Mission:
    """The domain mission of a row."""
    items, groups, rounds = from_programme_json(row.programme)
    return Mission(
        key=row.key,
        name=row.name,
        city=row.city,
        country=row.country,
        timezone=row.timezone,
        slot_minutes=row.slot_minutes,
        languages=tuple(row.languages),
        sessions=tuple(
            Session(s.key, s.name, _day(s.day), _clock(s.start), _clock(s.end))
            for s in row.sessions
        ),
        tables=tuple(Table(t.key, t.name, t.reserved_for) for t in row.tables),
        interpreters=tuple(
            Interpreter(
                x.key,
                x.name,
                tuple(LangPair.of(*p.split("-")) for p in x.pairs),
                tuple(x.sessions),
                x.max_meetings,
                x.max_consecutive,
            )
            for x in row.interpreters
        ),
        description=row.description,
        sources=tuple(row.sources),
        programme=items,
        group_requests=groups,
        investor_tables=rounds,
    )


def _day(value: date) -> date:
    return value


def _clock(value: time) -> time:
    # PostgreSQL returns the stored time unchanged; SQLite too, via SQLAlchemy's Time type.
    return value.replace(tzinfo=None)
