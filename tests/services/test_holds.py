"""Screening gates what happens: held organisations are not recommended, scheduled or
invited until compliance clears them; a mission may choose to let them take part,
flagged to organisers only (services/admission.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.core.mission import HoldPolicy
from corridor.core.screening import Action
from corridor.exc import ImportRejected, InvalidInput, NotFound
from corridor.services.admission import (
    admission,
    hold_policy,
    is_admitted,
    set_hold_policy,
)
from corridor.services.decision_effects import decide_in_mission
from corridor.services.demo import EXAMPLE
from corridor.services.imports import import_mission
from corridor.services.matching import recommend
from corridor.services.replanning import preview_replan, replan_draft
from corridor.services.scheduling import (
    load_mission_data,
    parse_request,
    problem_of,
    schedule_mission,
    set_aside_note,
    summary,
)
from corridor.services.screening import decide, mission_screening
from tests.factory import org_row, seed_mission
from tests.services.demo_db import MISSION, copy_of, demo_database
from tests.store.test_sql import MISSION as SMALL

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
HELD = {"cn-cloudwalk", "cn-dji", "cn-hikvision", "cn-megvii", "hk-sensetime"}
DJI_HIT = ("ofac_cons", "33111")  # SZ DJI TECHNOLOGY CO., LTD. (NS-CMIC list), strong


@pytest.fixture
def engine(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Engine:
    return copy_of(demo_database(tmp_path_factory), tmp_path)


def _recommended(engine: Engine) -> set[str]:
    """Every organisation that gets or is given a recommendation."""
    found = recommend(engine, MISSION, k=3)
    return {s.a for s in found.pairs} | {s.b for s in found.pairs}


def _meets(engine: Engine, org: str) -> list[object]:
    schedule, _problem, _data = schedule_mission(
        engine, MISSION, solver="greedy", time_limit=2.0, actor="organiser", now=NOW
    )
    return [m for m in schedule.meetings if org in (m.org_a, m.org_b)]


def test_undecided_strong_hits_hold_the_demo_s_five_out(engine: Engine) -> None:
    found = admission(engine, MISSION)
    assert found.policy.policy is HoldPolicy.HOLD and found.blocked == ()
    assert {h.org.key for h in found.held} == HELD
    dji = next(h for h in found.held if h.org.key == "cn-dji")
    assert [(r.kind, r.source, r.source_id, r.state, r.strong) for r in dji.reasons] == [
        ("hit", *DJI_HIT, "undecided", True)
    ]
    hik = next(h for h in found.held if h.org.key == "cn-hikvision")
    assert [r.kind for r in hik.reasons] == ["hit", "flag"]  # and the surveillance rule
    assert "Surveillance" in hik.reasons[1].label
    assert HELD.isdisjoint(found.admitted) and len(found.admitted) == len(found.participants) - 5
    assert not is_admitted(engine, MISSION, "cn-dji")
    assert is_admitted(engine, MISSION, "kr-samsung-electronics")
    assert not is_admitted(engine, MISSION, "no-such-org")
    with pytest.raises(NotFound):
        is_admitted(engine, "no-such-mission", "cn-dji")


def test_a_held_organisation_is_neither_recommended_nor_scheduled(engine: Engine) -> None:
    matching = recommend(engine, MISSION, k=3)
    assert sorted(matching.held) == sorted(HELD)
    assert HELD.isdisjoint(_recommended(engine))
    assert HELD.isdisjoint(matching.by_org)
    data = load_mission_data(engine, MISSION)
    assert HELD.isdisjoint(data.orgs) and sorted(data.held) == sorted(HELD)
    assert all(HELD.isdisjoint((r.requester, r.target)) for r in data.requests)
    assert data.set_aside == 12  # requests.csv: 12 of its requests involve the five
    schedule, problem, data = schedule_mission(
        engine, MISSION, solver="greedy", time_limit=2.0, actor="organiser", now=NOW
    )
    assert HELD.isdisjoint(problem.parties)
    assert all(HELD.isdisjoint((m.org_a, m.org_b)) for m in schedule.meetings)
    facts = summary(problem, schedule, data)
    assert facts["requests_set_aside"] == 12 and sorted(facts["set_aside_held"]) == sorted(HELD)  # type: ignore[arg-type]
    assert set_aside_note(facts).startswith("12 requests set aside by screening: 0 organisations")


def test_clearing_brings_it_back_and_blocking_keeps_it_out(engine: Engine) -> None:
    _, effect = decide_in_mission(
        engine, MISSION, "cn-dji", *DJI_HIT, Action.CLEAR, "not the listed entity", "ana"
    )
    assert (effect.before, effect.after, effect.change) == ("held", "admitted", "include")
    assert effect.schedule == "published"
    assert is_admitted(engine, MISSION, "cn-dji")
    assert "cn-dji" in _recommended(engine)
    assert len(_meets(engine, "cn-dji")) == 2  # its two requests (LG, Samsung) are met

    _, effect = decide_in_mission(
        engine, MISSION, "cn-dji", *DJI_HIT, Action.BLOCK, "listed after all", "ben"
    )
    assert (effect.before, effect.after, effect.change) == ("admitted", "blocked", "exclude")
    assert admission(engine, MISSION).blocked == ("cn-dji",)
    assert "cn-dji" not in _recommended(engine)
    assert _meets(engine, "cn-dji") == []
    set_hold_policy(engine, MISSION, "flag", actor="organiser")
    assert not is_admitted(engine, MISSION, "cn-dji")  # blocked: out under any policy


def test_escalating_keeps_it_held_and_one_open_item_is_enough(engine: Engine) -> None:
    decide(engine, "cn-dji", *DJI_HIT, Action.ESCALATE, "ask the export-control desk", "ana")
    reasons = next(h for h in admission(engine, MISSION).held if h.org.key == "cn-dji").reasons
    assert [r.state for r in reasons] == ["escalated"]
    # Hikvision is held by a strong hit and the surveillance flag: clearing one is not enough.
    hik = next(o for o in mission_screening(engine, MISSION).orgs if o.org.key == "cn-hikvision")
    hit = hik.hits[0].hit
    _, effect = decide_in_mission(
        engine, MISSION, "cn-hikvision", hit.source, hit.source_id, Action.CLEAR, "x", "ana"
    )
    assert (effect.after, effect.change) == ("held", "none")
    _, effect = decide_in_mission(
        engine, MISSION, "cn-hikvision", "rule", "surveillance", Action.CLEAR, "civil CCTV", "ana"
    )
    assert (effect.after, effect.change) == ("admitted", "include")


def test_under_flag_policy_held_organisations_take_part_flagged(engine: Engine) -> None:
    stored = set_hold_policy(engine, MISSION, " FLAG ", actor="organiser@example.org", now=NOW)
    assert (stored.policy, stored.set_by, stored.set_at) == (
        HoldPolicy.FLAG,
        "organiser@example.org",
        NOW,
    )
    found = admission(engine, MISSION)
    assert found.flagged == HELD and found.admitted >= HELD
    assert found.state("cn-dji") == "flagged"
    assert is_admitted(engine, MISSION, "cn-megvii")
    matching = recommend(engine, MISSION, k=3)
    assert matching.held == []
    marked = [r for recs in matching.by_org.values() for r in recs if r.partner in HELD]
    assert len(marked) > 0 and all(r.under_review for r in marked)  # organisers see it
    data = load_mission_data(engine, MISSION)
    assert set(data.orgs) >= HELD and data.set_aside == 0 and set(data.flagged) == HELD
    # Its requests are in the problem like anyone's (whether a weight-1 request is seated
    # depends on the programme's capacity: the solvers decide that, not the policy).
    dji = [p for p in problem_of(data).pairs if "cn-dji" in p.parties]
    assert {frozenset(p.parties) for p in dji} == {
        frozenset(("cn-dji", "kr-lg-electronics")),
        frozenset(("cn-dji", "kr-samsung-electronics")),
    }
    set_hold_policy(engine, MISSION, "hold", actor="organiser@example.org")
    held = problem_of(load_mission_data(engine, MISSION)).pairs
    assert not any("cn-dji" in p.parties for p in held)
    assert not is_admitted(engine, MISSION, "cn-megvii")


def test_a_replan_applies_the_latest_decisions(engine: Engine) -> None:
    set_hold_policy(engine, MISSION, "flag", actor="organiser")
    schedule, _problem, _data = schedule_mission(
        engine, MISSION, solver="greedy", time_limit=2.0, actor="organiser", now=NOW
    )
    flagged = {(m.org_a, m.org_b) for m in schedule.meetings if HELD & {m.org_a, m.org_b}}
    assert len(flagged) > 0
    set_hold_policy(engine, MISSION, "hold", actor="organiser")
    preview = preview_replan(engine, MISSION, actor="organiser")  # no change of its own
    assert {(c.org_a, c.org_b) for c in preview.dropped} >= flagged
    after = [*preview.kept, *preview.moved, *preview.added]
    assert all(HELD.isdisjoint((c.org_a, c.org_b)) for c in after)
    decide(engine, "cn-dji", *DJI_HIT, Action.CLEAR, "not the listed entity", "ana")
    done = replan_draft(engine, MISSION, actor="organiser")
    assert "cn-dji" in done.problem.parties
    assert (HELD - {"cn-dji"}).isdisjoint(done.problem.parties)
    with pytest.raises(InvalidInput, match="held or blocked") as caught:
        preview_replan(engine, MISSION, actor="organiser", add=[parse_request("kr-nota:cn-megvii")])
    assert caught.value.field == "add"


def test_the_policy_is_validated(engine: Engine) -> None:
    with pytest.raises(InvalidInput) as caught:
        set_hold_policy(engine, MISSION, "maybe", actor="organiser")
    assert caught.value.field == "hold_policy" and caught.value.value == "maybe"
    assert hold_policy(engine, MISSION).policy is HoldPolicy.HOLD  # unchanged
    with pytest.raises(NotFound):
        set_hold_policy(engine, "no-such-mission", "flag", actor="organiser")


DEFENCE = org_row(
    key="kr-defence-startup",
    kind="startup",
    country="KR",
    name_en="Example Defence Startup",
    sectors="robotics",
    offers_en="autonomous robots for military logistics",
)
PLAIN = org_row(
    key="kr-plain-startup",
    kind="startup",
    country="KR",
    name_en="Example Plain",
    sectors="robotics",
)
BUYER = org_row(
    key="cn-robot-buyer",
    kind="corporate",
    country="CN",
    name_en="Example Robot Buyer",
    sectors="robotics",
    seeks_en="autonomous robots",
)


def test_an_organisation_with_only_a_rule_flag_can_be_decided(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    seed_mission(sqlite_engine, SMALL, [DEFENCE, PLAIN, BUYER], tmp_path / "orgs.csv")
    found = admission(sqlite_engine, "m1")
    held = next(h for h in found.held if h.org.key == "kr-defence-startup")
    assert [(r.kind, r.source_id, r.strong) for r in held.reasons] == [
        ("flag", "military_end_use", True)
    ]
    assert "military" in held.reasons[0].detail
    assert not is_admitted(sqlite_engine, "m1", "kr-defence-startup")
    decision, effect = decide_in_mission(
        sqlite_engine,
        "m1",
        "kr-defence-startup",
        "rule",
        "military_end_use",
        Action.CLEAR,
        "logistics robots for civil warehouses; no defence customer",
        "ana",
        NOW,
    )
    assert decision.entry_name == "Military end use or defence business"
    assert decision.list_version is None
    assert effect.change == "include" and effect.schedule is None
    assert is_admitted(sqlite_engine, "m1", "kr-defence-startup")
    decide(sqlite_engine, "kr-defence-startup", "rule", "military_end_use", Action.BLOCK, "no", "b")
    status = {o.org.key: o.status for o in mission_screening(sqlite_engine, "m1").orgs}
    assert status["kr-defence-startup"] == "blocked"
    trail = [d.action for d in mission_screening(sqlite_engine, "m1").orgs[1].decisions.values()]
    assert trail == [Action.BLOCK]  # the latest decision counts; the trail keeps both
    with pytest.raises(InvalidInput, match="reason"):
        decide_in_mission(
            sqlite_engine, "m1", "kr-plain-startup", "rule", "x", Action.CLEAR, " ", "ana"
        )
    with pytest.raises(NotFound, match="flag"):
        decide_in_mission(
            sqlite_engine, "m1", "kr-plain-startup", "rule", "surveillance", Action.CLEAR, "r", "a"
        )


def test_a_mission_file_may_carry_the_policy(sqlite_engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "mission"
    folder.mkdir()
    for name in ("organisations.csv", "people.csv", "requests.csv"):
        (folder / name).write_bytes((EXAMPLE / name).read_bytes())
    text = (EXAMPLE / "mission.toml").read_text(encoding="utf-8")
    head = "slot_minutes = 20\n"
    assert head in text
    (folder / "mission.toml").write_text(
        text.replace(head, head + 'hold_policy = "flag"\n'), encoding="utf-8"
    )
    import_mission(sqlite_engine, folder, actor="importer")
    stored = hold_policy(sqlite_engine, MISSION)
    assert (stored.policy, stored.set_by) == (HoldPolicy.FLAG, "importer")
    import_mission(sqlite_engine, EXAMPLE, actor="again")  # the demo file names no policy
    assert hold_policy(sqlite_engine, MISSION) == stored  # left as set
    (folder / "mission.toml").write_text(
        text.replace(head, head + 'hold_policy = "sometimes"\n'), encoding="utf-8"
    )
    with pytest.raises(ImportRejected) as caught:
        import_mission(sqlite_engine, folder)
    assert [(p.field, p.value) for p in caught.value.problems] == [
        ("mission.hold_policy", "sometimes")
    ]
