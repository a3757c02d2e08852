"""What the schedule pages show, derived from one ScheduleView: the table plan grid,
the interpreter roster, an organisation's agenda, the dashboard counts, and the list
of a mission's schedules.

Each page function reads the schedule once and derives the rest in memory (a
mission's schedule is a few hundred meetings), so a page costs one read of the
schedule, the mission and its requests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Engine

from corridor.exc import NotFound
from corridor.services.schedule_views import (
    MeetingView,
    ScheduleSummary,
    ScheduleView,
    SlotView,
    TableView,
    lookup,
    meetings_by_org,
    schedule_view,
    summary_of,
)
from corridor.services.scheduling import load_mission_data, problem_of
from corridor.services.uow import read_only


@dataclass(frozen=True, slots=True)
class GridRow:
    """One slot of the plan: a cell per table, in the order of ``PlanGrid.tables``."""

    slot: SlotView
    cells: tuple[MeetingView | None, ...]


@dataclass(frozen=True, slots=True)
class PlanGrid:
    """The table plan: slots × tables, each cell a meeting or empty."""

    schedule_id: int
    tables: tuple[TableView, ...]
    rows: tuple[GridRow, ...]


@dataclass(frozen=True, slots=True)
class InterpreterLoad:
    """One interpreter's day: a cell per slot (``Roster.slots`` order), load and cap."""

    key: str
    name: str
    pairs: tuple[str, ...]
    cap: int | None
    meetings: int
    cells: tuple[MeetingView | None, ...]


@dataclass(frozen=True, slots=True)
class Roster:
    """Every interpreter of the mission against every slot."""

    schedule_id: int
    slots: tuple[SlotView, ...]
    interpreters: tuple[InterpreterLoad, ...]


@dataclass(frozen=True, slots=True)
class AgendaEntry:
    """One meeting as one organisation sees it."""

    meeting_id: int
    slot: SlotView
    table: str
    table_name: str
    counterpart: str
    counterpart_name: str
    interpreter: str | None
    interpreter_name: str | None
    why: str


@dataclass(frozen=True, slots=True)
class Agenda:
    """An organisation's meetings in slot order."""

    schedule_id: int
    org_key: str
    org_name: str
    timezone: str
    entries: tuple[AgendaEntry, ...]


@dataclass(frozen=True, slots=True)
class Dashboard:
    """The published schedule in numbers, for the organiser's dashboard."""

    schedule_id: int
    meetings: int
    pairs_requested: int
    pairs_met: int
    weight: int
    startups: int
    startups_without_meeting: tuple[str, ...]
    interpreted: int
    interpreter_load: tuple[tuple[str, int, int | None], ...]  # key, meetings, cap


def grid_of(view: ScheduleView) -> PlanGrid:
    """The plan grid of a schedule view: a table holds one meeting per slot, except an
    investor's table in rounds, whose seats of one round share its cell (the host,
    then every startup)."""
    at: dict[tuple[int, str], MeetingView] = {}
    for m in view.meetings:
        first = at.setdefault((m.slot.index, m.table), m)
        if first is not m:
            host = first.org_a if first.org_a in (m.org_a, m.org_b) else first.org_b
            guest = m.org_b_name if m.org_a == host else m.org_a_name
            host_name = first.org_a_name if first.org_a == host else first.org_b_name
            guests = first.org_b_name if first.org_a == host else first.org_a_name
            at[(m.slot.index, m.table)] = replace(
                first,
                org_a=host,
                org_a_name=host_name,
                org_b=first.org_b if first.org_a == host else first.org_a,
                org_b_name=f"{guests}, {guest}",
            )
    rows = tuple(
        GridRow(s, tuple(at.get((s.index, t.key)) for t in view.tables)) for s in view.slots
    )
    return PlanGrid(view.id, view.tables, rows)


def plan_grid(
    engine: Engine, mission_key: str, schedule_id: int | None = None, *, lang: str = "en"
) -> PlanGrid:
    """The table plan of the published schedule (or of a stored draft)."""
    return grid_of(schedule_view(engine, mission_key, schedule_id, lang=lang))


def roster_of(view: ScheduleView, engine: Engine) -> Roster:
    """The interpreter roster of a schedule view."""
    mission = lookup(engine, view.mission_key).mission
    at = {(m.slot.index, m.interpreter): m for m in view.meetings if m.interpreter}
    people = [
        InterpreterLoad(
            x.key,
            x.name,
            tuple(str(p) for p in x.pairs),
            x.max_meetings,
            sum(1 for m in view.meetings if m.interpreter == x.key),
            tuple(at.get((s.index, x.key)) for s in view.slots),
        )
        for x in mission.interpreters
    ]
    return Roster(view.id, view.slots, tuple(people))


def interpreter_roster(
    engine: Engine, mission_key: str, schedule_id: int | None = None, *, lang: str = "en"
) -> Roster:
    """Per interpreter: the meeting in each slot, how many, and the cap."""
    return roster_of(schedule_view(engine, mission_key, schedule_id, lang=lang), engine)


def agenda_of(view: ScheduleView, org_key: str, org_name: str) -> Agenda:
    """One organisation's agenda from a schedule view."""
    entries = tuple(
        AgendaEntry(
            m.id,
            m.slot,
            m.table,
            m.table_name,
            m.org_b if m.org_a == org_key else m.org_a,
            m.org_b_name if m.org_a == org_key else m.org_a_name,
            m.interpreter,
            m.interpreter_name,
            m.why,
        )
        for m in meetings_by_org(view).get(org_key, [])
    )
    return Agenda(view.id, org_key, org_name, view.timezone, entries)


def organisation_agenda(
    engine: Engine,
    mission_key: str,
    org_key: str,
    schedule_id: int | None = None,
    *,
    lang: str = "en",
) -> Agenda:
    """An organisation's meetings in the published schedule, in slot order; NotFound
    for an organisation that is not a participant of the mission."""
    found = lookup(engine, mission_key, lang)
    if org_key not in found.orgs:
        raise NotFound("participant", org_key)
    view = schedule_view(engine, mission_key, schedule_id, lang=lang)
    return agenda_of(view, org_key, found.name(org_key))


def schedule_dashboard(engine: Engine, mission_key: str) -> Dashboard:
    """Meetings scheduled against pairs requested, startups left without a meeting,
    interpreter load, for the published schedule. Pairs requested count as the
    solver sees them (screening-blocked organisations left out), so it re-reads
    the mission's screening: a second or so on the demo mission."""
    view = schedule_view(engine, mission_key)
    problem = problem_of(load_mission_data(engine, mission_key))
    met = {(m.org_a, m.org_b) for m in view.meetings}
    asking = {o for p in problem.pairs for o in (p.a, p.b)}
    startups = sorted(o for o in asking if problem.parties[o].startup)
    busy = meetings_by_org(view)
    roster = roster_of(view, engine)
    return Dashboard(
        view.id,
        len(view.meetings),
        len(problem.pairs),
        len(met & {(p.a, p.b) for p in problem.pairs}),
        view.weight,
        len(startups),
        tuple(s for s in startups if len(busy.get(s, [])) == 0),
        sum(1 for m in view.meetings if m.interpreter),
        tuple((x.key, x.meetings, x.cap) for x in roster.interpreters),
    )


def list_schedules(engine: Engine, mission_key: str) -> list[ScheduleSummary]:
    """The mission's stored schedules, newest first (NotFound for an unknown mission)."""
    lookup(engine, mission_key)
    with read_only(engine) as uow:
        rows = uow.schedules.listing(mission_key)
    return [summary_of(r) for r in rows]
