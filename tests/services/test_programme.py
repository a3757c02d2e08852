"""The demo's VC networking programme, imported, stored, scheduled and shown."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import Engine

from corridor.core.mission import RequestOrigin
from corridor.exc import Conflict, InvalidInput, NotFound
from corridor.schedule.validate import violations
from corridor.services import portal
from corridor.services.agenda_files import agenda_file
from corridor.services.demo import EXAMPLE
from corridor.services.imports import import_mission
from corridor.services.matching import mission_syndicates
from corridor.services.scheduling import load_mission_data, problem_of
from corridor.services.syndicate_requests import accept_syndicate
from corridor.services.uow import read_only
from corridor.services.users import Principal, Role
from corridor.store.db import make_engine
from tests.services.demo_db import MISSION, copy_of, demo_database


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return make_engine(str(demo_database(tmp_path_factory)))


def test_the_programme_survives_the_store_and_the_schedule_holds_it(engine: Engine) -> None:
    data = load_mission_data(engine, MISSION)
    assert len(data.mission.group_requests) == 2
    assert data.mission.investor_tables[0].host == "cn-zhenfund"
    late = next(p for p in data.people if p.key == "p-kr-deepnoid-1")
    assert late.arrives == datetime(2026, 1, 8, 15, 0)
    with read_only(engine) as uow:
        found = uow.schedules.published(MISSION)
    assert found is not None
    meetings = found[1]
    problem = problem_of(data)
    assert violations(problem, data.mission, meetings) == []
    groups = [m for m in meetings if len(m.others) > 0]
    assert {frozenset(m.parties) for m in groups} == {
        frozenset(g.parties) for g in data.mission.group_requests
    }
    assert all(len(m.attendees) == len(m.parties) for m in meetings)
    rounds = {s.index for s in problem.slots if s.session_key == "d1-tables"}
    seats = [m for m in meetings if m.table == "T12" and m.slot in rounds]
    assert len(seats) >= 2 and all("cn-zhenfund" in m.parties for m in seats)
    starts = {s.index: s.start for s in problem.slots}
    deepnoid = [m for m in meetings if "p-kr-deepnoid-1" in m.attendees]
    assert deepnoid and all(starts[m.slot] >= late.arrives for m in deepnoid)


def test_agendas_show_the_group_meeting_and_the_rounds(engine: Engine) -> None:
    ics = agenda_file(engine, MISSION, "kr-lunit", "ics", "en").content
    summaries = [str(e.get("summary")) for e in Calendar.from_ical(ics).walk("VEVENT")]
    assert any(s.startswith("Group meeting with") and "Kakao" in s for s in summaries)
    html = agenda_file(engine, MISSION, "cn-zhenfund", "html", "zh").content.decode()
    assert len(re.findall(r"您的投资人桌第\d轮", html)) >= 2  # the host's rounds, in Chinese


def test_every_party_of_a_group_meeting_sees_it_in_the_portal_with_all_the_others(
    engine: Engine,
) -> None:
    with read_only(engine) as uow:
        found = uow.schedules.published(MISSION)
    assert found is not None
    groups = [m for m in found[1] if len(m.others) > 0]
    assert len(groups) == 2
    for meeting in groups:
        for org in meeting.parties:
            who = Principal(
                f"delegate of {org}",
                frozenset({Role.PARTICIPANT}),
                mission_key=MISSION,
                org_key=org,
            )
            listed = portal.meetings(engine, who, "en") or []
            names = portal.home(engine, who, "en")
            same_slot = [m for m in listed if m.table == _table_name(engine, meeting.table)]
            assert len(same_slot) >= 1, f"{org} does not see its group meeting"
            shown = same_slot[0].partner_name
            assert shown.count(",") == len(meeting.parties) - 2  # every other party named
            assert names.meetings == len(listed)


def _table_name(engine: Engine, key: str) -> str:
    with read_only(engine) as uow:
        mission = uow.missions.mission(MISSION)
    return next((t.name for t in mission.tables if t.key == key), key)


def _first_unasked_syndicate(engine: Engine) -> tuple[str, list[Any], set[frozenset[str]]]:
    """The first startup whose best proposed syndicate the mission does not ask for yet,
    its proposals, and the parties of the group meetings already asked for."""
    asked = {
        frozenset(g.parties) for g in load_mission_data(engine, MISSION).mission.group_requests
    }
    startup, options = next(
        (k, v)
        for k, v in mission_syndicates(engine, MISSION).items()
        if frozenset((v[0].startup, *v[0].investors)) not in asked
    )
    return startup, options, asked


def test_an_accepted_syndicate_becomes_a_group_request_the_schedule_sees(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    engine = copy_of(demo_database(tmp_path_factory), tmp_path)
    startup, options, _ = _first_unasked_syndicate(engine)
    request = accept_syndicate(engine, MISSION, startup, actor="ana")
    assert request.parties == (startup, *options[0].investors)
    assert request.origin is RequestOrigin.MATCH and "accepted by ana" in (request.note or "")
    data = load_mission_data(engine, MISSION)
    assert request in data.mission.group_requests
    assert frozenset(request.parties) in {frozenset(p.parties) for p in problem_of(data).pairs}
    with pytest.raises(Conflict, match="already asked"):
        accept_syndicate(engine, MISSION, startup, actor="ana")
    with pytest.raises(InvalidInput, match="option"):
        accept_syndicate(engine, MISSION, startup, option=len(options) + 1, actor="ana")
    with pytest.raises(NotFound):
        accept_syndicate(engine, MISSION, "cn-zhenfund", actor="ana")  # an investor


def test_importing_mission_toml_again_keeps_the_accepted_syndicates(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    engine = copy_of(demo_database(tmp_path_factory), tmp_path)
    startup, _, asked = _first_unasked_syndicate(engine)
    request = accept_syndicate(engine, MISSION, startup, actor="ana")
    import_mission(engine, EXAMPLE, actor="ana")
    kept = load_mission_data(engine, MISSION).mission.group_requests
    assert request in kept
    assert {frozenset(g.parties) for g in kept} == asked | {frozenset(request.parties)}
