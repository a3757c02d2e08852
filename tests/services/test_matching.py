"""The screening gate on recommendations, and the hand-off to scheduling."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.core.mission import RequestOrigin
from corridor.core.screening import Action
from corridor.exc import InvalidInput, NotFound
from corridor.services.admission import set_hold_policy
from corridor.services.bundled import bundled
from corridor.services.lists import load_lists
from corridor.services.matching import (
    accept_recommendations,
    hand_off,
    recommend,
    recommendations_for,
)
from corridor.services.screening import decide, screen_mission
from corridor.store.db import session_factory, transaction
from corridor.store.sql import SqlStore
from tests.factory import org_row, seed_mission
from tests.services.test_screening import LISTS, NOW
from tests.store.test_sql import MISSION

ORGS = [
    org_row(
        key="cn-dji",
        kind="corporate",
        country="CN",
        name_en="DJI",
        legal_name="深圳市大疆创新科技有限公司",
        sectors="drones",
        offers_en="Consumer and enterprise drones",
        seeks_en="distribution partners",
    ),
    org_row(
        key="kr-drone-maker",
        kind="startup",
        country="KR",
        name_en="Example Drone Startup",
        sectors="drones",
        offers_en="drone flight software",
        seeks_en="drone hardware",
    ),
    org_row(
        key="cn-robot",
        kind="corporate",
        country="CN",
        name_en="Example Robot Maker",
        sectors="robotics",
        seeks_en="collaborative robots",
    ),
    org_row(
        key="kr-cobot",
        kind="startup",
        country="KR",
        name_en="Example Cobot",
        sectors="robotics",
        offers_en="collaborative robots",
    ),
]


def _setup(engine: Engine, tmp_path: Path) -> None:
    seed_mission(engine, MISSION, ORGS, tmp_path / "o.csv")
    load_lists(engine, [LISTS / "ofac_cons" / "cons_prim.csv"], now=NOW)
    screen_mission(engine, "m1", now=NOW)


def _partners(engine: Engine) -> dict[str, set[str]]:
    result = recommend(engine, "m1", k=3)
    return {k: {r.partner for r in v} for k, v in result.by_org.items()}


def test_blocked_never_appear_review_is_marked_and_lists_follow_decisions(
    engine: Engine, tmp_path: Path
) -> None:
    _setup(engine, tmp_path)
    # Under the default policy DJI (an undecided strong hit) is held out altogether
    # (tests/services/test_holds.py); under "flag" it takes part, marked.
    set_hold_policy(engine, "m1", "flag", actor="organiser")
    before = recommend(engine, "m1", k=3)
    marked = [r for r in before.by_org["kr-drone-maker"] if r.partner == "cn-dji"]
    assert marked and marked[0].under_review  # DJI is a strong hit awaiting a decision
    decide(engine, "cn-dji", "ofac_cons", "33111", Action.BLOCK, "NS-CMIC", "ana", NOW)
    after = _partners(engine)
    assert "cn-dji" not in after
    assert all("cn-dji" not in partners for partners in after.values())
    assert "kr-cobot" in after["cn-robot"]


def test_hand_off_adds_mutual_requests_without_touching_existing(
    engine: Engine, tmp_path: Path
) -> None:
    _setup(engine, tmp_path)
    matching = recommend(engine, "m1", k=3)
    added = hand_off(engine, "m1", matching)
    assert added == 2 * len(matching.pairs) > 0
    with transaction(session_factory(engine)) as session:
        requests = SqlStore(session).requests("m1")
    pairs = {(r.requester, r.target) for r in requests}
    assert all((b, a) in pairs for a, b in pairs)  # mutual: both directions
    assert {r.origin for r in requests} == {RequestOrigin.MATCH}
    assert hand_off(engine, "m1", matching) == 0  # idempotent


def test_demo_recommendations_name_their_concepts(sqlite_engine: Engine) -> None:
    from corridor.core.vocab import SECTORS
    from corridor.services.imports import import_mission
    from corridor.text.concepts import concepts

    example = bundled("shanghai-2026")
    import_mission(sqlite_engine, example)
    result = recommend(sqlite_engine, "shanghai-2026", lang="en")
    labels = [c.label("en") for c in concepts().values()] + [v[0] for v in SECTORS.values()]
    shown = [r for recs in result.by_org.values() for r in recs]
    assert len(shown) > 100
    assert all(any(label in r.explanation for label in labels) for r in shown)
    assert all(len(recs) <= 6 for recs in result.by_org.values())  # capacity


def test_recommendations_for_one_org_never_show_the_blocked(engine: Engine, tmp_path: Path) -> None:
    _setup(engine, tmp_path)
    set_hold_policy(engine, "m1", "flag", actor="organiser")  # DJI takes part, marked
    mine = recommendations_for(engine, "m1", "kr-drone-maker", k=3)
    assert [r.partner for r in mine] == [
        r.partner for r in recommend(engine, "m1", k=3).by_org["kr-drone-maker"]
    ]
    assert any(r.partner == "cn-dji" and r.under_review for r in mine)
    decide(engine, "cn-dji", "ofac_cons", "33111", Action.BLOCK, "NS-CMIC", "ana", NOW)
    for org in ("kr-drone-maker", "kr-cobot", "cn-robot"):
        assert all(r.partner != "cn-dji" for r in recommendations_for(engine, "m1", org, k=3))
    assert recommendations_for(engine, "m1", "cn-dji", k=3) == []  # blocked: nothing
    with pytest.raises(NotFound, match="participant"):
        recommendations_for(engine, "m1", "nobody")


def test_accept_recommendations_by_pair_or_by_org(engine: Engine, tmp_path: Path) -> None:
    _setup(engine, tmp_path)
    first = recommend(engine, "m1", k=3).pairs[0]
    with pytest.raises(InvalidInput) as caught:
        accept_recommendations(engine, "m1", pairs=[("kr-cobot", "kr-drone-maker")], actor="o")
    assert caught.value.field == "pairs"
    with pytest.raises(InvalidInput):
        accept_recommendations(engine, "m1", actor="o")  # neither pairs nor org
    done = accept_recommendations(engine, "m1", pairs=[(first.b, first.a)], actor="olga")
    assert done.pairs == ((first.a, first.b),) and done.added == 2
    with transaction(session_factory(engine)) as session:
        requests = SqlStore(session).requests("m1")
    assert {(r.requester, r.target) for r in requests} == {(first.a, first.b), (first.b, first.a)}
    assert all("Accepted by olga." in (r.note or "") for r in requests)
    rest = accept_recommendations(engine, "m1", org_key="kr-cobot", actor="olga")
    assert all("kr-cobot" in p for p in rest.pairs)
    assert rest.added == 2 * sum(1 for p in rest.pairs if set(p) != {first.a, first.b})
