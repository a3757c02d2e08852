"""The read side of the published schedule, on the demo mission."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.core.mission import Meeting
from corridor.exc import NotFound
from corridor.services.schedule_pages import (
    interpreter_roster,
    list_schedules,
    organisation_agenda,
    plan_grid,
    schedule_dashboard,
)
from corridor.services.schedule_views import schedule_view
from corridor.services.scheduling import load_mission_data, problem_of
from corridor.store.db import make_engine, session_factory, transaction
from corridor.store.schedules import ScheduleStore
from tests.services.demo_db import MISSION, demo_database


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return make_engine(str(demo_database(tmp_path_factory)))


@pytest.fixture(scope="module")
def published(engine: Engine) -> list[Meeting]:
    with transaction(session_factory(engine)) as session:
        found = ScheduleStore(session).published(MISSION)
    assert found is not None
    return found[1]


def key(m: Meeting) -> tuple[str, str, int, str, str | None]:
    return (m.org_a, m.org_b, m.slot, m.table, m.interpreter)


def test_view_has_every_published_meeting_with_names_and_zoned_times(
    engine: Engine, published: list[Meeting]
) -> None:
    view = schedule_view(engine, MISSION, lang="zh")
    assert view.published and view.actor == "organiser" and view.published_by == "organiser"
    assert sorted(
        (m.org_a, m.org_b, m.slot.index, m.table, m.interpreter) for m in view.meetings
    ) == sorted(key(m) for m in published)
    assert all(str(m.slot.start.tzinfo) == "Asia/Shanghai" for m in view.meetings)
    assert all(m.org_a_name and m.org_b_name and m.weight >= m.interest > 0 for m in view.meetings)
    # names in the reader's language: a Chinese reader sees Chinese names where they exist
    agibot = next(m for m in view.meetings if "cn-agibot" in (m.org_a, m.org_b))
    name = agibot.org_a_name if agibot.org_a == "cn-agibot" else agibot.org_b_name
    assert any("\u4e00" <= ch <= "\u9fff" for ch in name), name
    english = schedule_view(engine, MISSION, lang="en")
    assert [m.org_a_name for m in english.meetings] != [m.org_a_name for m in view.meetings]


def test_plan_grid_holds_each_meeting_once_and_no_table_twice(
    engine: Engine, published: list[Meeting]
) -> None:
    grid = plan_grid(engine, MISSION)
    cells = [c for row in grid.rows for c in row.cells if c is not None]
    # An investor's table in rounds seats several startups a round in one cell.
    data = load_mission_data(engine, MISSION)
    rounds = problem_of(data).round_tables
    seated = [m for m in published if m.table in rounds and m.slot in rounds[m.table].slots]
    single = [m for m in published if m not in seated]
    assert seated and sorted(
        (c.org_a, c.org_b, c.slot.index, c.table, c.interpreter)
        for c in cells
        if (c.table, c.slot.index) not in {(m.table, m.slot) for m in seated}
    ) == sorted(key(m) for m in single)
    for m in seated:
        cell = next(c for c in cells if (c.table, c.slot.index) == (m.table, m.slot))
        guest = data.orgs[m.org_b if m.org_a == rounds[m.table].host else m.org_a]
        assert guest.display("en") in cell.org_b_name
    for row in grid.rows:
        for table, cell in zip(grid.tables, row.cells, strict=True):
            assert cell is None or (cell.table, cell.slot.index) == (table.key, row.slot.index)
    # the grid's positions are unique, so a double-booked table would have lost a meeting
    assert len(cells) == len({(m.slot, m.table) for m in published})
    assert len(single) == len({(m.slot, m.table) for m in single})


def test_roster_counts_equal_assignments_and_respect_caps(
    engine: Engine, published: list[Meeting]
) -> None:
    roster = interpreter_roster(engine, MISSION)
    assigned = Counter(m.interpreter for m in published if m.interpreter)
    assert sum(assigned.values()) > 0
    for person in roster.interpreters:
        assert person.meetings == assigned[person.key]
        assert sum(1 for c in person.cells if c is not None) == person.meetings
        assert person.cap is None or person.meetings <= person.cap
        assert all(c is None or c.interpreter == person.key for c in person.cells)
    assert {p.key for p in roster.interpreters} >= set(assigned)


def test_agenda_is_the_organisations_meetings_in_slot_order(
    engine: Engine, published: list[Meeting]
) -> None:
    agenda = organisation_agenda(engine, MISSION, "cn-agibot")
    mine = sorted((m for m in published if "cn-agibot" in (m.org_a, m.org_b)), key=lambda m: m.slot)
    assert len(mine) > 0
    assert [(e.slot.index, e.table, e.interpreter) for e in agenda.entries] == [
        (m.slot, m.table, m.interpreter) for m in mine
    ]
    assert [e.counterpart for e in agenda.entries] == [
        m.org_b if m.org_a == "cn-agibot" else m.org_a for m in mine
    ]
    assert all(e.meeting_id > 0 for e in agenda.entries)
    with pytest.raises(NotFound, match="participant"):
        organisation_agenda(engine, MISSION, "nobody")


def test_dashboard_counts_match_the_schedule(engine: Engine, published: list[Meeting]) -> None:
    board = schedule_dashboard(engine, MISSION)
    assert board.meetings == len(published)
    assert 0 < board.pairs_met <= board.pairs_requested
    assert board.pairs_met == len({(m.org_a, m.org_b) for m in published})
    assert board.startups > 0 and board.startups_without_meeting == ()
    assert board.interpreted == sum(1 for m in published if m.interpreter)
    assert sum(n for _, n, _ in board.interpreter_load) == board.interpreted


def test_list_schedules_says_which_is_published(engine: Engine) -> None:
    found = list_schedules(engine, MISSION)
    assert [s.published for s in found].count(True) == 1
    assert found[0].actor == "organiser" and found[0].meetings > 50
    with pytest.raises(NotFound):
        list_schedules(engine, "no-such-mission")
    with pytest.raises(NotFound, match="schedule"):
        schedule_view(engine, MISSION, 999_999)


def test_a_mission_without_a_schedule_is_not_found(tmp_path: Path) -> None:
    from corridor.store.db import migrate

    empty = make_engine(str(tmp_path / "e.db"))
    migrate(empty)
    with pytest.raises(NotFound, match="published schedule"):
        plan_grid(empty, MISSION)
