"""Calendars across replans: a meeting keeps its UID, its SEQUENCE rises when it
changes, a dropped meeting is cancelled, and a Korean reader reads Korean."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar, Event
from sqlalchemy import Engine

from corridor.core.mission import Meeting
from corridor.reports.ics import Revision, keyed, meeting_uid, revisions
from corridor.schedule.solution import Schedule
from corridor.services.agenda_files import agenda_file
from corridor.services.replanning import preview_replan, publish_schedule
from corridor.services.scheduling import load_mission_data, problem_of, write_outputs
from corridor.store.db import session_factory, transaction
from corridor.store.schedules import ScheduleStore
from tests.services.demo_db import MISSION, copy_of, demo_database

CANCELLED = "cn-agibot"


@pytest.fixture
def engine(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Engine:
    return copy_of(demo_database(tmp_path_factory), tmp_path)


def _published(engine: Engine) -> list[Meeting]:
    with transaction(session_factory(engine)) as session:
        found = ScheduleStore(session).published(MISSION)
    assert found is not None
    return found[1]


def _events(engine: Engine, org: str, lang: str = "en") -> dict[str, Event]:
    content = agenda_file(engine, MISSION, org, "ics", lang).content
    assert b"METHOD:PUBLISH" in content
    return {str(e["uid"]): e for e in Calendar.from_ical(content).walk("VEVENT")}


def _uid(a: str, b: str) -> str:
    return meeting_uid(MISSION, (*sorted((a, b)), 1))  # type: ignore[arg-type]


def _replan(engine: Engine, **change: list[str]) -> None:
    draft = preview_replan(engine, MISSION, actor="organiser", **change)  # type: ignore[arg-type]
    publish_schedule(engine, MISSION, draft.schedule_id, actor="organiser")


def test_uid_stays_sequence_rises_dropped_is_cancelled(engine: Engine) -> None:
    before = {(m.org_a, m.org_b): m for m in _published(engine)}
    partner = next(b if a == CANCELLED else a for a, b in before if CANCELLED in (a, b))
    first = _events(engine, partner)
    gone = _uid(partner, CANCELLED)
    assert first[gone]["status"] == "CONFIRMED" and first[gone]["sequence"] == 0
    assert all(e["sequence"] == 0 for e in first.values())

    _replan(engine, cancel=[CANCELLED])  # drops every meeting of cn-agibot
    mission = load_mission_data(engine, MISSION).mission
    interpreter = next(x.key for x in mission.interpreters)
    _replan(engine, no_show=[interpreter])  # moves the interpreter's meetings to others
    after = {(m.org_a, m.org_b): m for m in _published(engine)}

    changed = [p for p in before if p in after and before[p] != after[p]]
    kept = [p for p in before if after.get(p) == before[p]]
    assert changed and kept
    for pair, want in [(changed[0], 1), (kept[0], 0)]:
        events = _events(engine, pair[0])
        event = events[_uid(*pair)]  # the same UID as before the replans
        assert event["sequence"] >= want and event["status"] == "CONFIRMED"
        if want == 0:
            assert event["sequence"] == 0  # an untouched meeting is not re-sent
        slot = event.decoded("dtstart").replace(tzinfo=None)
        assert slot == mission.slots()[after[pair].slot].start
    cancelled = _events(engine, partner)[gone]
    assert cancelled["status"] == "CANCELLED" and cancelled["sequence"] == 1
    assert "cancelled" in str(cancelled["summary"]).lower()
    # the other side's calendar names the same event with the same UID
    assert _uid(partner, CANCELLED) == _uid(CANCELLED, partner)


def test_a_korean_reader_reads_korean_summaries(engine: Engine, tmp_path: Path) -> None:
    before = _published(engine)
    partner = next(
        m.org_a if m.org_b == CANCELLED else m.org_b
        for m in before
        if CANCELLED in (m.org_a, m.org_b)
    )
    _replan(engine, cancel=[CANCELLED])
    events = _events(engine, partner, "ko")
    live = [e for e in events.values() if e["status"] == "CONFIRMED"]
    assert live and all(str(e["summary"]).endswith("의 미팅") for e in live)
    gone = events[_uid(partner, CANCELLED)]
    assert str(gone["summary"]).startswith("취소됨:") and "취소되었습니다" in str(
        gone["description"]
    )
    zh = _events(engine, partner, "zh")
    assert all(str(e["summary"]).startswith(("与", "已取消")) for e in zh.values())


def test_written_agendas_carry_the_same_calendar(engine: Engine, tmp_path: Path) -> None:
    _replan(engine, cancel=[CANCELLED])
    data = load_mission_data(engine, MISSION)
    schedule = Schedule(_published(engine), "stored", 0, None, "stored")
    write_outputs(tmp_path, schedule, problem_of(data), data, pdf=False)
    korean = next(p for p in data.people if p.languages[:1] == ("ko",) and p.org_key != CANCELLED)
    written = (tmp_path / "agendas" / f"{korean.key}.ics").read_bytes()
    served = agenda_file(engine, MISSION, korean.org_key, "ics", "ko", person_key=korean.key)
    assert written == served.content
    assert "의 미팅".encode() in written


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        # published once: every meeting at sequence 0
        ([[("a", "b", 1, "T1", None)]], {("a", "b", 1): (0, False)}),
        # moved to another slot, then left alone: 1, and it stays 1
        (
            [[("a", "b", 1, "T1", None)], [("b", "a", 2, "T1", None)], [("a", "b", 2, "T1", None)]],
            {("a", "b", 1): (1, False)},
        ),
        # an interpreter named: a change
        ([[("a", "b", 1, "T1", None)], [("a", "b", 1, "T1", "x")]], {("a", "b", 1): (1, False)}),
        # dropped (cancelled, 1), dropped still (no new sequence), then back (2)
        (
            [[("a", "b", 1, "T1", None)], [], [], [("a", "b", 3, "T2", None)]],
            {("a", "b", 1): (2, False)},
        ),
        ([[("a", "b", 1, "T1", None)], []], {("a", "b", 1): (1, True)}),
        # a pair that meets twice: numbered in time order
        (
            [[("a", "b", 4, "T1", None), ("a", "b", 1, "T1", None)]],
            {("a", "b", 1): (0, False), ("a", "b", 2): (0, False)},
        ),
    ],
)
def test_revisions_count_changes_per_meeting(
    history: list[list[tuple[str, str, int, str, str | None]]],
    expected: dict[tuple[str, str, int], tuple[int, bool]],
) -> None:
    found = revisions([[Meeting(*m) for m in schedule] for schedule in history])
    assert {k: (r.sequence, r.cancelled) for k, r in found.items()} == expected
    assert all(isinstance(r, Revision) for r in found.values())
    assert list(keyed([Meeting("b", "a", 0, "T")])) == [("a", "b", 1)]
