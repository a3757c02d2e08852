"""Per-person agendas (HTML, PDF, ICS), the table plan and the interpreter roster."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from corridor.core.mission import Meeting, Mission, Slot
from corridor.core.parties import Organization, OrgKind, Person
from corridor.locale import gettext_for
from corridor.locale.labels import labels
from corridor.reports.ics import MeetingKey, Revision, keyed, meeting_uid
from corridor.reports.render import render
from corridor.text.particles import fill


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One meeting as a participant sees it; ``key``, ``sequence`` and ``cancelled``
    are what its calendar event needs (``reports/ics.py``)."""

    slot: Slot
    table: str
    counterpart: Organization
    interpreter: str | None
    languages: str
    key: MeetingKey = ("", "", 1)
    sequence: int = 0
    cancelled: bool = False
    others: tuple[Organization, ...] = ()  # further parties of a group meeting
    round: int | None = None  # the round at an investor's table in rounds
    host: bool = False  # the reader hosts that table

    def with_whom(self, lang: str) -> str:
        """Every counterpart's name, joined."""
        return ", ".join(o.display(lang) for o in (self.counterpart, *self.others))


def agenda_items(
    org_key: str,
    meetings: Sequence[Meeting],
    mission: Mission,
    orgs: dict[str, Organization],
    languages: dict[str, str],
    history: dict[MeetingKey, Revision] | None = None,
    person_key: str | None = None,
) -> list[AgendaItem]:
    """The meetings of one organisation in time order, with table and interpreter
    names; with ``history`` (``ics.revisions``), each with its calendar SEQUENCE;
    with ``person_key``, only those that delegate attends (a meeting that names no
    delegates counts for all)."""
    mine = [
        (k, m)
        for k, m in keyed(meetings).items()
        if person_key is None or len(m.attendees) == 0 or person_key in m.attendees
    ]
    return _items(org_key, mine, mission, orgs, languages, history or {})


def cancelled_items(
    org_key: str,
    history: dict[MeetingKey, Revision],
    mission: Mission,
    orgs: dict[str, Organization],
    languages: dict[str, str],
) -> list[AgendaItem]:
    """The organisation's meetings a replan dropped, as last published (for the
    calendar, which must be told to remove them)."""
    dropped = [(k, r.meeting) for k, r in history.items() if r.cancelled]
    return _items(org_key, dropped, mission, orgs, languages, history)


def _items(
    org_key: str,
    meetings: Iterable[tuple[MeetingKey, Meeting]],
    mission: Mission,
    orgs: dict[str, Organization],
    languages: dict[str, str],
    history: dict[MeetingKey, Revision],
) -> list[AgendaItem]:
    slots = {s.index: s for s in mission.slots()}
    tables = {t.key: t.name for t in mission.tables}
    interpreters = {x.key: x.name for x in mission.interpreters}
    rounds = _rounds(mission)
    out = []
    for key, m in sorted(meetings, key=lambda pair: (pair[1].slot, pair[0])):
        if org_key not in m.parties or m.slot not in slots:
            continue
        others = [o for o in m.parties if o != org_key]
        revision = history.get(key, Revision(m))
        at = rounds.get((m.table, m.slot))
        out.append(
            AgendaItem(
                slots[m.slot],
                tables.get(m.table, m.table),
                orgs.get(others[0]) or _unnamed(others[0]),
                interpreters.get(m.interpreter or ""),
                languages.get(others[0], ""),
                key,
                revision.sequence,
                revision.cancelled,
                tuple(orgs.get(o) or _unnamed(o) for o in others[1:]),
                None if at is None else at[0],
                at is not None and at[1] == org_key,
            )
        )
    return out


def _rounds(mission: Mission) -> dict[tuple[str, int], tuple[int, str]]:
    """(table, slot) → (round number from 1, host) for every table in rounds."""
    slots = mission.slots()
    out = {}
    for t in mission.investor_tables:
        mine = [s.index for s in slots if s.session_key == t.session]
        for n, s in enumerate(mine, start=1):
            out[(t.table, s)] = (n, t.host)
    return out


def _unnamed(key: str) -> Organization:
    """A counterpart no longer among the participants: known by its key alone."""
    return Organization(key, OrgKind.STARTUP, "", ())


def agenda_html(
    person: Person,
    org: Organization,
    items: Sequence[AgendaItem],
    mission: Mission,
    lang: str = "en",
) -> str:
    """A person's agenda as a standalone HTML page."""
    return render(
        "agenda.html.j2",
        lang,
        mission.timezone,
        person=person,
        org=org,
        items=items,
        mission=mission,
    )


def agenda_ics(
    person: Person,
    org: Organization,
    items: Sequence[AgendaItem],
    mission: Mission,
    lang: str = "en",
) -> bytes:
    """The agenda as an RFC 5545 calendar in the mission's time zone, its texts in
    ``lang``: one event per meeting, UID by pair and mission, SEQUENCE and
    cancellations as ``reports/ics.py`` explains."""
    cal = Calendar()
    cal.add("prodid", "-//Corridor//Roundtable agenda//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{mission.name} — {person.display(lang)}")
    for item in items:
        cal.add_component(_event(item, mission, lang))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def _event(item: AgendaItem, mission: Mission, lang: str) -> Event:
    _ = gettext_for(lang)
    zone = ZoneInfo(mission.timezone)
    counterpart = item.with_whom(lang)
    event = Event()
    event.add("uid", meeting_uid(mission.key, item.key))
    event.add("sequence", item.sequence)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("dtstamp", datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")))
    event.add("dtstart", item.slot.start.replace(tzinfo=zone))
    event.add("dtend", item.slot.end.replace(tzinfo=zone))
    summary = (
        _("Cancelled: meeting with {counterpart}")
        if item.cancelled
        else _("Investor table, round {n}: {counterpart}")
        if item.round is not None
        else _("Group meeting with {counterpart}")
        if item.others
        else _("Meeting with {counterpart}")
    )
    event.add("summary", fill(summary, counterpart=counterpart, n=item.round))
    event.add("location", f"{mission.city} — {item.table}")
    note = (
        _("Interpreter: {name}.").format(name=item.interpreter)
        if item.interpreter
        else _("No interpreter needed.")
    )
    spoken = labels("language", item.languages.split(", "), lang) if item.languages else ""
    about = fill(
        _("Working languages of {org}: {languages}."),
        org=counterpart,
        languages=spoken or _("unknown"),
    )
    cancelled = _("This meeting was cancelled when the schedule changed.") + " "
    event.add("description", (cancelled if item.cancelled else "") + note + " " + about)
    return event


def plan_html(
    mission: Mission,
    meetings: Sequence[Meeting],
    orgs: dict[str, Organization],
    summary: dict[str, object],
    lang: str = "en",
) -> str:
    """The organiser's table plan (slot × table) and interpreter roster, in ``lang``."""
    grid: dict[tuple[int, str], list[Meeting]] = {}
    for m in sorted(meetings, key=lambda m: m.parties):
        grid.setdefault((m.slot, m.table), []).append(m)
    roster: dict[tuple[int, str], Meeting] = {
        (m.slot, m.interpreter): m for m in meetings if m.interpreter is not None
    }
    return render(
        "plan.html.j2",
        lang,
        mission.timezone,
        mission=mission,
        slots=mission.slots(),
        grid=grid,
        roster=roster,
        rounds=_rounds(mission),
        orgs=orgs,
        summary=summary,
    )
