"""The real programme: late arrivals, delegations, group meetings, tables in rounds."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time

import pytest

from corridor.core.mission import (
    GroupRequest,
    Interpreter,
    InvestorTable,
    LangPair,
    Meeting,
    MeetingRequest,
    Mission,
    ProgrammeItem,
    Session,
    Table,
)
from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind, Person
from corridor.schedule.pipeline import solve
from corridor.schedule.problem import build_problem
from corridor.schedule.validate import violations

DAY = date(2026, 1, 8)
MISSION = Mission(
    "m",
    "Roundtable",
    "Shanghai",
    "CN",
    "Asia/Shanghai",
    20,
    sessions=(Session("am", "Morning", DAY, time(9, 0), time(11, 0)),),
    tables=(
        Table("T1", "Table 1", "interpreted"),
        Table("T2", "Table 2", "interpreted"),
        *(Table(f"T{i}", f"Table {i}") for i in range(3, 9)),
    ),
    interpreters=(
        Interpreter("i-kozh", "A", (LangPair.of("ko", "zh"),)),
        Interpreter("i-kozh2", "B", (LangPair.of("ko", "zh"),)),
    ),
)


def _org(key: str, country: str, kind: OrgKind = OrgKind.STARTUP) -> Organization:
    return Organization(key, kind, country, (Name(key, Script.LATIN, "en"),))


def _person(key: str, org: str, *langs: str, **kw: datetime) -> Person:
    return Person(key, org, (Name(key, Script.LATIN, "en"),), languages=langs, **kw)


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_a_late_arriving_delegate_is_never_scheduled_before_arrival(solver: str) -> None:
    orgs = [_org("kr-late", "KR")] + [_org(f"cn{i}", "CN", OrgKind.INVESTOR) for i in range(6)]
    arrives = datetime(2026, 1, 8, 10, 0)  # slot 3 of six (09:00–11:00, 20 minutes)
    people = [_person("late", "kr-late", "ko", "zh", arrives=arrives)]
    people += [_person(f"p{i}", f"cn{i}", "zh") for i in range(6)]
    requests = [MeetingRequest("kr-late", f"cn{i}", 3) for i in range(6)]
    problem = build_problem(MISSION, orgs, people, requests)
    result = solve(problem, solver, time_limit=5)
    assert violations(problem, MISSION, result.meetings) == []
    mine = [m for m in result.meetings if "kr-late" in m.parties]
    assert len(mine) == 3  # every slot after arrival, none before
    starts = {s.index: s.start for s in problem.slots}
    assert all(starts[m.slot] >= arrives for m in mine)
    early = replace(mine[0], slot=0, table="T8")
    assert "late is not available in slot 0" in violations(problem, MISSION, [early])


def test_a_programme_item_takes_a_delegate_out_and_leaving_early_counts() -> None:
    plenary = ProgrammeItem(
        "plenary", "Plenary", datetime(2026, 1, 8, 9, 20), datetime(2026, 1, 8, 10, 0), ("a",)
    )
    mission = replace(MISSION, programme=(plenary,))
    orgs = [_org("kr", "KR"), _org("cn", "CN", OrgKind.INVESTOR)]
    people = [
        _person("a", "kr", "zh", leaves=datetime(2026, 1, 8, 10, 40)),
        _person("b", "cn", "zh"),
    ]
    problem = build_problem(mission, orgs, people, [MeetingRequest("kr", "cn")])
    assert sorted({o.slot for o in problem.options}) == [0, 3, 4]


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_a_delegation_of_two_holds_two_meetings_at_once_only_with_two_delegates(
    solver: str,
) -> None:
    orgs = [_org("kr-two", "KR"), _org("kr-one", "KR")]
    orgs += [_org(f"cn{i}", "CN", OrgKind.INVESTOR) for i in range(12)]
    people = [
        _person("two-a", "kr-two", "zh"),
        _person("two-b", "kr-two", "zh", "en"),
        _person("one", "kr-one", "zh"),
    ]
    people += [_person(f"p{i}", f"cn{i}", "zh") for i in range(12)]
    requests = [MeetingRequest(k, f"cn{i}", 3) for k in ("kr-two", "kr-one") for i in range(12)]
    problem = build_problem(MISSION, orgs, people, requests, max_meetings=12)
    result = solve(problem, solver, time_limit=5)
    assert violations(problem, MISSION, result.meetings) == []
    per_slot = Counter(m.slot for m in result.meetings if "kr-two" in m.parties)
    assert max(per_slot.values()) == 2  # the delegation splits up ...
    for slot in (s for s, n in per_slot.items() if n == 2):
        who = {
            m.attendees[m.parties.index("kr-two")]
            for m in result.meetings
            if m.slot == slot and "kr-two" in m.parties
        }
        assert who == {"two-a", "two-b"}  # ... with each delegate in one meeting
    assert max(Counter(m.slot for m in result.meetings if "kr-one" in m.parties).values()) == 1
    # The same delegate in two meetings of one slot is caught.
    pair = [m for m in result.meetings if "kr-two" in m.parties and per_slot[m.slot] == 2][:2]
    same = [
        replace(m, attendees=tuple("two-a" if a == "two-b" else a for a in m.attendees))
        for m in pair
    ]
    assert any("two-a is in 2 places" in v for v in violations(problem, MISSION, same))
    three = [*pair, Meeting("cn11", "kr-two", pair[0].slot, "T8", None, ("p11", "two-a"))]
    assert any("kr-two is in 3 meetings" in v for v in violations(problem, MISSION, three))


SYNDICATE_ORGS = [
    _org("kr-vc", "KR", OrgKind.INVESTOR),
    _org("cn-vc", "CN", OrgKind.INVESTOR),
    _org("kr-start", "KR"),
    _org("hk-vc", "HK", OrgKind.INVESTOR),
]


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_a_syndicate_meeting_has_an_interpreter_when_two_parties_share_no_language(
    solver: str,
) -> None:
    people = [
        _person("kim", "kr-vc", "ko", "en"),
        _person("wang", "cn-vc", "zh"),
        _person("lee", "kr-start", "ko", "en"),
        _person("chan", "hk-vc", "zh", "en"),
    ]
    groups = (
        GroupRequest("g-interpreted", ("kr-vc", "cn-vc", "kr-start"), 3),
        GroupRequest("g-english", ("kr-vc", "hk-vc", "kr-start"), 3),
    )
    mission = replace(MISSION, group_requests=groups)
    problem = build_problem(mission, SYNDICATE_ORGS, people, [])
    result = solve(problem, solver, time_limit=5)
    assert violations(problem, mission, result.meetings) == []
    by_parties = {frozenset(m.parties): m for m in result.meetings}
    interpreted = by_parties[frozenset(groups[0].parties)]
    assert interpreted.interpreter in ("i-kozh", "i-kozh2")  # wang shares none with kim/lee
    assert by_parties[frozenset(groups[1].parties)].interpreter is None  # all speak English
    assert set(interpreted.attendees) == {"kim", "wang", "lee"}
    bare = [replace(interpreted, interpreter=None, table="T8")]
    assert any("no interpreter" in v for v in violations(problem, mission, bare))
    # Only one pair apart is enough: wang with a Korean who speaks Chinese still needs one.
    people[0] = _person("kim", "kr-vc", "ko", "zh")
    problem = build_problem(mission, SYNDICATE_ORGS, people, [])
    assert all(o.needs_interpreter for o in problem.options if o.pair == 0)


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_an_investor_table_rotates_startups_in_rounds(solver: str) -> None:
    host = _org("vc", "CN", OrgKind.INVESTOR)
    startups = [_org(f"s{i}", "CN") for i in range(10)]
    people = [_person("host", "vc", "zh")] + [_person(f"p{i}", f"s{i}", "zh") for i in range(10)]
    requests = [MeetingRequest(f"s{i}", "vc", 1 + i % 3) for i in range(10)]
    table = InvestorTable("vc", "T8", "am", seats=2)
    mission = replace(MISSION, investor_tables=(table,))
    problem = build_problem(mission, [host, *startups], people, requests, max_meetings=8)
    result = solve(problem, solver, time_limit=5)
    assert violations(problem, mission, result.meetings) == []
    seats = [m for m in result.meetings if m.table == "T8"]
    assert len(seats) == 10  # six rounds of two seats: all ten startups fit
    assert max(Counter(m.slot for m in seats).values()) == 2
    assert all("vc" in m.parties for m in seats)
    assert len({m.parties for m in seats}) == len(seats)  # each startup once
    crowded = [*seats, replace(seats[0], org_a="s0", org_b="vc", slot=seats[1].slot)]
    found = violations(problem, mission, crowded)
    assert any("sits at table T8 2 times" in v for v in found)
    elsewhere = [replace(seats[0], table="T7")]  # the host meets a startup off its table
    assert any(
        "meets startups at table T8 only" in v for v in violations(problem, mission, elsewhere)
    )
