"""Scheduling: every constraint checked by the independent validator, on solved instances."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from corridor.core.mission import (
    Interpreter,
    LangPair,
    Meeting,
    MeetingRequest,
    Mission,
    Session,
    Slot,
    Table,
)
from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind, Person
from corridor.reports.agenda import agenda_ics, agenda_items
from corridor.schedule.bound import lp_bound
from corridor.schedule.greedy import solve_greedy
from corridor.schedule.pipeline import solve
from corridor.schedule.problem import InterpreterSpec, Problem, build_problem
from corridor.schedule.repair import replan
from corridor.schedule.solution import assign_interpreters
from corridor.schedule.validate import violations

MISSION = Mission(
    "m",
    "Roundtable",
    "Shanghai",
    "CN",
    "Asia/Shanghai",
    20,
    sessions=(Session("am", "Morning", date(2026, 1, 8), time(9, 0), time(11, 0)),),
    tables=(Table("T1", "Table 1", "interpreted"), Table("T2", "Table 2"), Table("T3", "Table 3")),
    interpreters=(
        Interpreter("i-kozh", "A", (LangPair.of("ko", "zh"),), max_consecutive=2),
        Interpreter("i-zhen", "B", (LangPair.of("zh", "en"),), max_meetings=3),
    ),
)


def _org(key: str, country: str, kind: OrgKind = OrgKind.STARTUP) -> Organization:
    return Organization(key, kind, country, (Name(key, Script.LATIN, "en"),))


ORGS = [_org(f"kr{i}", "KR") for i in range(6)] + [
    _org(f"cn{i}", "CN", OrgKind.CORPORATE if i < 3 else OrgKind.STARTUP) for i in range(6)
]
PEOPLE = [
    Person(
        f"p-{o.key}",
        o.key,
        (Name(f"P {o.key}", Script.LATIN, "en"),),
        languages=("ko",) if o.country == "KR" else ("zh", "en") if o.key == "cn0" else ("zh",),
    )
    for o in ORGS
]
PEOPLE.append(Person("p-kr0-b", "kr0", (Name("B kr0", Script.LATIN, "en"),), languages=("en",)))
REQUESTS = [
    MeetingRequest(f"kr{i}", f"cn{j}", 1 + (i + j) % 3)
    for i in range(6)
    for j in range(6)
    if (i + j) % 2 == 0
]
REQUESTS += [MeetingRequest("cn0", "kr0", 3), MeetingRequest("cn2", "kr2", 2)]


@pytest.fixture(scope="module")
def problem() -> Problem:
    return build_problem(MISSION, ORGS, PEOPLE, REQUESTS, max_meetings=4)


def test_problem_merges_mutual_requests_and_needs_interpreters(problem: Problem) -> None:
    pair = next(p for p in problem.pairs if (p.a, p.b) == ("cn0", "kr0"))
    assert pair.mutual and pair.weight == 3 + 1 + 1  # both interests plus the mutual bonus
    direct = [o for o in problem.options if not o.needs_interpreter]
    assert {problem.pairs[o.pair].a for o in direct} == {"cn0"}  # cn0 and kr0 share English
    for o in problem.options:
        a, b = problem.pairs[o.pair].a, problem.pairs[o.pair].b
        if "cn0" in (a, b):
            continue
        # kr0 also has an English speaker: sent to the meeting, zh–en interpreting serves.
        english = "kr0/p-kr0-b" in o.attendees
        assert o.interpreters == (("pool:i-zhen",) if english else ("pool:i-kozh",))


@pytest.mark.parametrize("solver", ["greedy", "cpsat"])
def test_solutions_satisfy_every_constraint(problem: Problem, solver: str) -> None:
    result = solve(problem, solver, time_limit=5)
    assert violations(problem, MISSION, result.meetings) == []
    assert len(result.meetings) > 0
    assert result.bound is not None and result.weight <= result.bound + 1e-6
    for m in result.meetings:
        if m.interpreter is not None:
            spec = next(x for x in MISSION.interpreters if x.key == m.interpreter)
            assert any(
                spec.covers(a, b)
                for a in problem.parties[m.org_a].languages[m.slot]
                for b in problem.parties[m.org_b].languages[m.slot]
            )


def test_interpreters_are_the_binding_resource_and_fatigue_holds(problem: Problem) -> None:
    result = solve(problem, "cpsat", time_limit=5)
    kozh = sorted(m.slot for m in result.meetings if m.interpreter == "i-kozh")
    runs = [kozh[i : i + 3] for i in range(len(kozh) - 2)]
    assert all(r != list(range(r[0], r[0] + 3)) for r in runs)  # never 3 in a row
    assert sum(1 for m in result.meetings if m.interpreter == "i-zhen") <= 3


def test_cpsat_is_deterministic_and_at_least_as_good_as_greedy(problem: Problem) -> None:
    first = solve(problem, "cpsat", time_limit=5)
    second = solve(problem, "cpsat", time_limit=5)
    assert first.meetings == second.meetings
    greedy = solve_greedy(problem)
    assert first.weight >= greedy.weight - 5  # the startup floor may cost a little weight
    assert first.weight >= 0.95 * lp_bound(problem).value


def test_validator_catches_planted_violations(problem: Problem) -> None:
    good = solve(problem, "greedy").meetings
    m = good[0]
    double = [*good, replace(good[1], org_a=m.org_a, slot=m.slot, table="T3")]
    assert any("in 2 meetings" in v for v in violations(problem, MISSION, double))
    no_interpreter = [replace(x, interpreter=None) if x.interpreter else x for x in good]
    assert any("no interpreter" in v for v in violations(problem, MISSION, no_interpreter))
    wrong = [replace(x, interpreter="i-zhen") if x.interpreter == "i-kozh" else x for x in good]
    assert any("covers no language pair" in v for v in violations(problem, MISSION, wrong))
    plain_at_interpreted = [replace(x, table="T1") if x.interpreter is None else x for x in good]
    assert any(
        "for interpreted meetings" in v or "holds" in v
        for v in violations(problem, MISSION, plain_at_interpreted)
    )
    tired = [Meeting("cn1", f"kr{i}", i, "T1", "i-kozh") for i in (1, 3, 5)]
    tired = [
        Meeting("cn1", "kr1", 0, "T1", "i-kozh"),
        Meeting("cn3", "kr1", 1, "T1", "i-kozh"),
        Meeting("cn5", "kr1", 2, "T1", "i-kozh"),
    ]
    assert any("in a row" in v for v in violations(problem, MISSION, tired))


def test_replanning_keeps_unaffected_meetings(problem: Problem) -> None:
    published = solve(problem, "cpsat", time_limit=5).meetings
    cancelled = "kr2"
    changed = build_problem(
        MISSION, [o for o in ORGS if o.key != cancelled], PEOPLE, REQUESTS, max_meetings=4
    )
    schedule, changes = replan(changed, published, time_limit=5)
    assert violations(changed, MISSION, schedule.meetings) == []
    unaffected = [m for m in published if cancelled not in (m.org_a, m.org_b)]
    kept = {(m.org_a, m.org_b, m.slot, m.table, m.interpreter) for m in changes.kept}
    assert {(m.org_a, m.org_b, m.slot, m.table, m.interpreter) for m in unaffected} <= kept
    assert all(cancelled in (m.org_a, m.org_b) for m in changes.dropped)
    assert changes.moved == []


def test_ics_imports_with_the_mission_time_zone(problem: Problem) -> None:
    meetings = solve(problem, "greedy").meetings
    orgs = {o.key: o for o in ORGS}
    org = orgs["kr0"]
    items = agenda_items("kr0", meetings, MISSION, orgs, {})
    ics = agenda_ics(PEOPLE[0], org, items, MISSION)
    cal = Calendar.from_ical(ics)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(items) > 0
    first = events[0].decoded("dtstart")
    assert str(first.tzinfo) == "Asia/Shanghai"
    assert first.replace(tzinfo=None) == items[0].slot.start
    assert "Table" in str(events[0].get("location"))
    assert any(c.name == "VTIMEZONE" for c in cal.walk())


def test_interpreter_naming_gets_out_of_a_corner_the_quick_pass_paints_itself_into() -> None:
    # Two interchangeable interpreters, at most two meetings each. Keeping both early
    # meetings with "a" (as a replan prefers) spends "a" before slot 2 needs both.
    start = datetime(2026, 6, 1, 9, 0)
    slots = tuple(
        Slot(i, "day1", start + timedelta(minutes=30 * i), start + timedelta(minutes=30 * i + 25))
        for i in range(3)
    )
    pool = InterpreterSpec("pool:a", frozenset(range(3)), 2, 2, ("a", "b"))
    problem = Problem(slots, {}, [], [], {pool.key: pool}, (), ("T1", "T2"))
    meetings = [
        Meeting("cn1", "kr1", 0, "", pool.key),
        Meeting("cn2", "kr2", 1, "", pool.key),
        Meeting("cn3", "kr3", 2, "", pool.key),
        Meeting("cn4", "kr4", 2, "", pool.key),
    ]
    prefer = {("cn1", "kr1", 0): "a", ("cn2", "kr2", 1): "a"}
    named = assign_interpreters(problem, meetings, prefer)
    load = Counter(m.interpreter for m in named)
    assert load == {"a": 2, "b": 2}
    assert len({(m.interpreter, m.slot) for m in named}) == len(named)  # one place per slot
    kept = sum(1 for m in named if prefer.get((m.org_a, m.org_b, m.slot)) == m.interpreter)
    assert kept == 1  # the most a valid naming can keep


def _two_delegates() -> list[Person]:
    """PEOPLE with a second Korean-speaking delegate for kr1: one interchangeable group."""
    second = Person("p-kr1-b", "kr1", (Name("B kr1", Script.LATIN, "en"),), languages=("ko",))
    return [*PEOPLE, second]


def _published_with_second_delegate(problem: Problem) -> list[Meeting]:
    """A published schedule that seats kr1's second delegate wherever kr1 meets alone
    in a slot (the first is the one a fresh solve names)."""
    solved = solve(problem, "cpsat", time_limit=5).meetings
    busy = Counter(m.slot for m in solved if "kr1" in m.parties)
    return [
        replace(m, attendees=tuple("p-kr1-b" if a == "p-kr1" else a for a in m.attendees))
        if busy[m.slot] == 1
        else m
        for m in solved
    ]


def test_replanning_keeps_each_meetings_delegate() -> None:
    people = _two_delegates()
    problem = build_problem(MISSION, ORGS, people, REQUESTS, max_meetings=4)
    published = _published_with_second_delegate(problem)
    assert any("p-kr1-b" in m.attendees for m in published)
    schedule, changes = replan(problem, published, time_limit=5)
    assert violations(problem, MISSION, schedule.meetings) == []
    assert changes.moved == [] and changes.dropped == []
    assert sorted(changes.kept, key=lambda m: m.parties) == sorted(
        published, key=lambda m: m.parties
    )


def test_a_meeting_whose_delegate_changes_is_listed_as_moved() -> None:
    problem = build_problem(MISSION, ORGS, _two_delegates(), REQUESTS, max_meetings=4)
    published = _published_with_second_delegate(problem)
    gone = build_problem(MISSION, ORGS, PEOPLE, REQUESTS, max_meetings=4)  # p-kr1-b left
    _, changes = replan(gone, published, time_limit=5)
    swapped = {m.parties for m in published if "p-kr1-b" in m.attendees}
    assert swapped and {old.parties for old, _ in changes.moved} >= swapped
    for old, new in changes.moved:
        if old.parties in swapped:
            assert "p-kr1" in new.attendees and "p-kr1-b" not in new.attendees
