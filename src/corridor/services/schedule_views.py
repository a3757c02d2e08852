"""The read side of scheduling: a stored schedule as the pages show it.

Plain frozen records of str, int, datetime and tuples, so the web edge can turn each
into a Pydantic schema as it is. Times are in the mission's time zone (aware), names
in the reader's language, and every meeting says why it happens when a request or
an accepted recommendation gave a reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from corridor.core.mission import Meeting, MeetingRequest, Mission, Slot
from corridor.core.parties import Organization
from corridor.exc import NotFound
from corridor.schedule.problem import group_weight, pair_weight
from corridor.services.uow import read_only
from corridor.store.base import StoredSchedule


@dataclass(frozen=True, slots=True)
class SlotView:
    """A meeting slot; ``start`` and ``end`` carry the mission's time zone."""

    index: int
    session: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class TableView:
    """A table; ``reserved_for`` is ``"interpreted"``, an organisation key, or None."""

    key: str
    name: str
    reserved_for: str | None


@dataclass(frozen=True, slots=True)
class MeetingView:
    """One meeting as the organiser's pages show it. ``id`` is the stored meeting's
    (0 for a meeting not stored, as in a change list's before side); ``attendees``
    the person (or organisation) keys of its parties' delegates, in party order."""

    id: int
    slot: SlotView
    table: str
    table_name: str
    org_a: str
    org_a_name: str
    org_b: str
    org_b_name: str
    interpreter: str | None
    interpreter_name: str | None
    interest: int
    weight: int
    why: str
    attendees: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScheduleView:
    """A stored schedule with its slots, tables and meetings (slot, then table order)."""

    id: int
    mission_key: str
    mission_name: str
    timezone: str
    published: bool
    created_at: datetime
    solver: str
    status: str
    weight: int
    actor: str | None
    published_by: str | None
    slots: tuple[SlotView, ...]
    tables: tuple[TableView, ...]
    meetings: tuple[MeetingView, ...]


@dataclass(frozen=True, slots=True)
class ScheduleSummary:
    """One stored schedule in the mission's list of schedules."""

    id: int
    created_at: datetime
    published: bool
    solver: str
    status: str
    weight: int
    meetings: int
    note: str
    actor: str | None
    base: int | None
    published_by: str | None


def summary_of(row: StoredSchedule) -> ScheduleSummary:
    """A stored schedule as a line of the mission's list of schedules."""
    return ScheduleSummary(
        row.id,
        row.created_at,
        row.published,
        row.solver,
        row.status,
        row.weight,
        len(row.meetings),
        row.note,
        row.actor,
        row.base,
        row.published_by,
    )


@dataclass(slots=True)
class Lookup:
    """What turning a stored meeting into a MeetingView needs (read once per call)."""

    mission: Mission
    orgs: dict[str, Organization]
    requests: list[MeetingRequest]
    lang: str

    def slots(self) -> dict[int, SlotView]:
        """Every slot of the mission, with its times in the mission's zone."""
        zone = ZoneInfo(self.mission.timezone)
        return {s.index: slot_view(s, zone) for s in self.mission.slots()}

    def name(self, org_key: str) -> str:
        """An organisation's name for the reader (its key if it is gone)."""
        org = self.orgs.get(org_key)
        return org_key if org is None else org.display(self.lang)

    def guests(self, m: Meeting) -> str:
        """The names of a meeting's parties after its host (a group's every member)."""
        return ", ".join(self.name(o) for o in (m.org_b, *m.others))

    def meeting(self, m: Meeting, slots: dict[int, SlotView], meeting_id: int = 0) -> MeetingView:
        """One meeting with names, interest, weight and reason."""
        tables = {t.key: t.name for t in self.mission.tables}
        interpreters = {x.key: x.name for x in self.mission.interpreters}
        asked = [r for r in self.requests if {r.requester, r.target} == {m.org_a, m.org_b}]
        interests = [r.interest for r in asked]
        weight = pair_weight(interests) if interests else 0
        why = next((r.note for r in asked if r.note), "")
        group = next(
            (g for g in self.mission.group_requests if set(g.parties) == set(m.parties)), None
        )
        if len(m.others) > 0 and group is not None:  # a group meeting: its request's terms
            interests, weight, why = [group.interest], group_weight(group), group.note or ""
        return MeetingView(
            meeting_id,
            slots[m.slot],
            m.table,
            tables.get(m.table, m.table),
            m.org_a,
            self.name(m.org_a),
            m.org_b,
            self.guests(m),
            m.interpreter,
            None if m.interpreter is None else interpreters.get(m.interpreter, m.interpreter),
            max(interests, default=0),
            weight,
            why,
            m.attendees,
        )


def slot_view(slot: Slot, zone: ZoneInfo) -> SlotView:
    """A slot with its naive local times made aware in the mission's zone."""
    return SlotView(
        slot.index, slot.session_key, slot.start.replace(tzinfo=zone), slot.end.replace(tzinfo=zone)
    )


def lookup(engine: Engine, mission_key: str, lang: str = "en") -> Lookup:
    """The mission, its participants and requests (NotFound for an unknown mission)."""
    with read_only(engine) as uow:
        mission = uow.missions.mission(mission_key)
        keys = uow.missions.participants(mission_key)
        orgs = {o.key: o for o in uow.registry.organisations(keys=keys)}
        requests = uow.missions.requests(mission_key)
    return Lookup(mission, orgs, requests, lang)


def stored(engine: Engine, mission_key: str, schedule_id: int | None = None) -> StoredSchedule:
    """A stored schedule of the mission: ``schedule_id``'s, or the published one."""
    with read_only(engine) as uow:
        if schedule_id is None:
            schedule_id = uow.schedules.published_id(mission_key)
            if schedule_id is None:
                raise NotFound("published schedule", mission_key)
        return uow.schedules.get(schedule_id, mission_key)


def view_of(row: StoredSchedule, found: Lookup) -> ScheduleView:
    """A stored schedule as a view, with the names in ``found.lang``."""
    slots = found.slots()
    meetings = sorted(
        (found.meeting(m, slots, i) for m, i in zip(row.meetings, row.meeting_ids, strict=True)),
        key=lambda v: (v.slot.index, v.table, v.org_a, v.org_b),
    )
    mission = found.mission
    return ScheduleView(
        row.id,
        mission.key,
        mission.name,
        mission.timezone,
        row.published,
        row.created_at,
        row.solver,
        row.status,
        row.weight,
        row.actor,
        row.published_by,
        tuple(slots[i] for i in sorted(slots)),
        tuple(TableView(t.key, t.name, t.reserved_for) for t in mission.tables),
        tuple(meetings),
    )


def schedule_view(
    engine: Engine, mission_key: str, schedule_id: int | None = None, *, lang: str = "en"
) -> ScheduleView:
    """A schedule of the mission as the pages show it: the published one by default,
    or any stored one (a draft) by id. NotFound when there is none."""
    row = stored(engine, mission_key, schedule_id)
    return view_of(row, lookup(engine, mission_key, lang))


def meetings_by_org(view: ScheduleView) -> dict[str, list[MeetingView]]:
    """Each organisation's meetings in slot order."""
    out: dict[str, list[MeetingView]] = defaultdict(list)
    for m in view.meetings:
        out[m.org_a].append(m)
        out[m.org_b].append(m)
    return out
