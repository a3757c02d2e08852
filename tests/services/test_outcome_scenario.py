"""The demo's scenario outcomes follow their stated, seeded rule."""

from __future__ import annotations

from datetime import date

from corridor.core.mission import Meeting
from corridor.core.names import Name
from corridor.core.outcomes import INVESTMENT_KINDS
from corridor.core.parties import Organization, OrgKind
from corridor.services.outcome_scenario import SEED, scenario


def org(key: str, kind: OrgKind, country: str) -> Organization:
    return Organization(key, kind, country, (Name(key, "latin"),))


ORGS = {
    **{f"kr-s{i}": org(f"kr-s{i}", OrgKind.STARTUP, "KR") for i in range(40)},
    **{f"cn-v{i}": org(f"cn-v{i}", OrgKind.INVESTOR, "CN") for i in range(10)},
    **{f"cn-c{i}": org(f"cn-c{i}", OrgKind.CORPORATE, "CN") for i in range(10)},
}
MEETINGS = [
    Meeting(f"kr-s{i}", f"cn-v{i % 10}" if i % 2 else f"cn-c{i % 10}", i, f"t{i % 4}")
    for i in range(40)
]


def test_same_seed_same_records_other_seed_other_records() -> None:
    first = scenario(MEETINGS, ORGS, date(2026, 1, 8), date(2026, 12, 5))
    assert first == scenario(MEETINGS, ORGS, date(2026, 1, 8), date(2026, 12, 5), SEED)
    assert first != scenario(MEETINGS, ORGS, date(2026, 1, 8), date(2026, 12, 5), SEED + 1)


def test_records_keep_to_the_rule() -> None:
    feedback, outcomes = scenario(MEETINGS, ORGS, date(2026, 1, 8), date(2026, 3, 1))
    assert 0 < len(feedback) <= 2 * len(MEETINGS)
    assert all((f.rating is None) == (not f.held) for f in feedback)
    assert all(not f.follow_up for f in feedback if not f.held)
    assert len(outcomes) > 0
    pairs = {frozenset((m.org_a, m.org_b)) for m in MEETINGS}
    for o in outcomes:
        assert frozenset((o.org, o.partner)) in pairs
        assert date(2026, 2, 7) <= o.on <= date(2026, 3, 1)  # 30+ days after, never after today
        assert (o.amount is not None) == (o.kind in INVESTMENT_KINDS)
        if o.amount is not None:
            assert o.currency == "CNY" and ORGS[o.org].kind is OrgKind.STARTUP
