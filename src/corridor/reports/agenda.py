"""Per-person agendas (HTML, PDF, ICS), the table plan and the interpreter roster."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from corridor.core.mission import Meeting, Mission, Slot
from corridor.core.parties import Organization, Person
from corridor.locale import gettext_for
from corridor.locale.labels import labels
from corridor.reports.render import render


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One meeting as a participant sees it."""

    slot: Slot
    table: str
    counterpart: Organization
    interpreter: str | None
    languages: str


def agenda_items(
    org_key: str,
    meetings: Sequence[Meeting],
    mission: Mission,
    orgs: dict[str, Organization],
    languages: dict[str, str],
) -> list[AgendaItem]:
    """The meetings of one organisation in time order, with table and interpreter names."""
    slots = {s.index: s for s in mission.slots()}
    tables = {t.key: t.name for t in mission.tables}
    interpreters = {x.key: x.name for x in mission.interpreters}
    out = []
    for m in sorted(meetings, key=lambda m: m.slot):
        if org_key not in (m.org_a, m.org_b):
            continue
        other = m.org_b if m.org_a == org_key else m.org_a
        out.append(
            AgendaItem(
                slots[m.slot],
                tables.get(m.table, m.table),
                orgs[other],
                interpreters.get(m.interpreter or ""),
                languages.get(other, ""),
            )
        )
    return out


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
    ``lang``."""
    _ = gettext_for(lang)
    zone = ZoneInfo(mission.timezone)
    cal = Calendar()
    cal.add("prodid", "-//Corridor//Roundtable agenda//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{mission.name} — {person.display(lang)}")
    for item in items:
        event = Event()
        event.add(
            "uid", f"{mission.key}-{item.slot.index}-{org.key}-{item.counterpart.key}@corridor"
        )
        event.add("dtstamp", datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")))
        event.add("dtstart", item.slot.start.replace(tzinfo=zone))
        event.add("dtend", item.slot.end.replace(tzinfo=zone))
        event.add("summary", f"{org.display(lang)} × {item.counterpart.display(lang)}")
        where = f"{mission.city} — {item.table}"
        event.add("location", where)
        note = (
            _("Interpreter: {name}.").format(name=item.interpreter)
            if item.interpreter
            else _("No interpreter needed.")
        )
        spoken = labels("language", item.languages.split(", "), lang) if item.languages else ""
        event.add(
            "description",
            note
            + " "
            + _("Working languages of {org}: {languages}.").format(
                org=item.counterpart.display(lang), languages=spoken or _("unknown")
            ),
        )
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def plan_html(
    mission: Mission,
    meetings: Sequence[Meeting],
    orgs: dict[str, Organization],
    summary: dict[str, object],
    lang: str = "en",
) -> str:
    """The organiser's table plan (slot × table) and interpreter roster, in ``lang``."""
    grid: dict[tuple[int, str], Meeting] = {(m.slot, m.table): m for m in meetings}
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
        orgs=orgs,
        summary=summary,
    )
