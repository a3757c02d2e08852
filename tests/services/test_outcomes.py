"""Feedback and outcomes: validation naming the field, supersede, and the funnel's
arithmetic on a case small enough to check by hand (tests/services/outcomes_case.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.exc import Conflict, InvalidInput, NotFound
from corridor.services.kpis import STAGES, kpis, syndicate_deals
from corridor.services.outcomes import (
    feedback_of,
    outcomes_of,
    record_feedback,
    report_outcome,
    trail,
    withdraw_outcome,
)
from tests.services.outcomes_case import KEY, B, H, L, N, S, X, build


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return build(tmp_path)


def feedback(engine: Engine, org: str, partner: str, **fields: object) -> None:
    values: dict[str, object] = {
        "held": True,
        "rating": None,
        "follow_up": False,
        "note": "",
        "actor": "t",
    }
    record_feedback(engine, KEY, org, partner, **{**values, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda e: feedback(e, S, B, rating=7), "rating"),
        (lambda e: feedback(e, S, B, rating=0), "rating"),
        (lambda e: feedback(e, S, B, held=False, rating=3), "rating"),
        (lambda e: feedback(e, L, X), "partner"),  # requested, never scheduled
        (lambda e: feedback(e, S, H), "partner"),
        (lambda e: report_outcome(e, KEY, S, kind="merger", partners=[B], actor="t"), "kind"),
        (lambda e: report_outcome(e, KEY, S, kind="mou", partners=[H], actor="t"), "partners"),
        (lambda e: report_outcome(e, KEY, S, kind="mou", partners=[], actor="t"), "partners"),
        (
            lambda e: report_outcome(
                e, KEY, S, kind="investment_closed", partners=[B], amount="5000", actor="t"
            ),
            "currency",
        ),
        (
            lambda e: report_outcome(e, KEY, S, kind="investment_closed", partners=[B], actor="t"),
            "amount",
        ),
        (
            lambda e: report_outcome(
                e, KEY, S, kind="mou", partners=[B], amount="5", currency="USD", actor="t"
            ),
            "amount",
        ),
        (
            lambda e: report_outcome(
                e, KEY, S, kind="term_sheet", partners=[B], amount="x", currency="USD", actor="t"
            ),
            "amount",
        ),
        (
            lambda e: report_outcome(
                e, KEY, S, kind="term_sheet", partners=[B], amount="-1", currency="USD", actor="t"
            ),
            "amount",
        ),
        (
            lambda e: report_outcome(
                e, KEY, S, kind="term_sheet", partners=[B], amount="1", currency="XYZ", actor="t"
            ),
            "currency",
        ),
        (
            lambda e: report_outcome(
                e, KEY, S, kind="mou", partners=[B], on="2024-12-31", actor="t"
            ),
            "on",
        ),
        (
            lambda e: report_outcome(
                e, KEY, S, kind="mou", partners=[B], on="2999-01-01", actor="t"
            ),
            "on",
        ),
        (
            lambda e: report_outcome(e, KEY, S, kind="mou", partners=[B], on="soon", actor="t"),
            "on",
        ),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    engine: Engine, call: object, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call(engine)  # type: ignore[operator]
    assert caught.value.field == field
    assert trail(engine, KEY) == ([], [])


def test_unknown_mission_and_non_participant_are_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound):
        feedback_of(engine, "no-such-mission", S)
    with pytest.raises(NotFound):
        record_feedback(
            engine, KEY, "cn-nobody", S, held=True, rating=None, follow_up=False, note="", actor="t"
        )


def test_feedback_correction_supersedes_and_keeps_the_trail(engine: Engine) -> None:
    feedback(engine, N, H, held=False)
    feedback(engine, N, H, held=True, rating=3, follow_up=True, note="came late")
    (mine,) = feedback_of(engine, KEY, N)
    assert (mine.held, mine.rating, mine.follow_up, mine.note) == (True, 3, True, "came late")
    assert [f.held for f in trail(engine, KEY)[0]] == [False, True]


def test_outcome_correction_and_withdrawal(engine: Engine) -> None:
    first = report_outcome(
        engine,
        KEY,
        X,
        kind="term_sheet",
        partners=[S],
        amount="500,000",
        currency="usd",
        on="2025-02-01",
        actor="t",
    )
    assert (first.amount, first.currency, first.partners) == (Decimal("500000"), "USD", (S,))
    fixed = report_outcome(
        engine,
        KEY,
        X,
        kind="term_sheet",
        partners=[S],
        amount="600000",
        currency="USD",
        on="2025-02-01",
        actor="t",
        supersedes=first.id,
    )
    assert [o.id for o in outcomes_of(engine, KEY, X)] == [fixed.id]
    with pytest.raises(Conflict):  # the first one is no longer in force
        report_outcome(
            engine,
            KEY,
            X,
            kind="term_sheet",
            partners=[S],
            amount="1",
            currency="USD",
            actor="t",
            supersedes=first.id,
        )
    with pytest.raises(InvalidInput) as caught:  # another organisation's record
        report_outcome(engine, KEY, S, kind="mou", partners=[B], actor="t", supersedes=fixed.id)
    assert caught.value.field == "supersedes"
    with pytest.raises(InvalidInput):
        withdraw_outcome(engine, KEY, X, fixed.id, note=" ", actor="t")
    withdraw_outcome(engine, KEY, X, fixed.id, note="reported by mistake", actor="t")
    assert outcomes_of(engine, KEY, X) == []
    assert len(trail(engine, KEY)[1]) == 3


def test_funnel_on_the_hand_checked_case(engine: Engine) -> None:
    feedback(engine, S, B, rating=5, follow_up=True)
    feedback(engine, B, S, rating=4)
    feedback(engine, S, X, rating=2)
    feedback(engine, N, H, held=False)
    feedback(engine, N, H, rating=3, follow_up=True)  # corrects the no-show
    on = "2025-03-01"
    report_outcome(engine, KEY, S, kind="mou", partners=[B], on=on, actor="t")
    report_outcome(engine, KEY, B, kind="mou", partners=[S], on=on, actor="t")  # same deal
    report_outcome(engine, KEY, N, kind="pilot", partners=[H], on=on, actor="t")
    report_outcome(
        engine,
        KEY,
        X,
        kind="term_sheet",
        partners=[S],
        amount="500000",
        currency="USD",
        on=on,
        actor="t",
    )
    report_outcome(
        engine,
        KEY,
        S,
        kind="investment_closed",
        partners=[B],
        amount="2000000000",
        currency="KRW",
        on=on,
        actor="t",
    )
    k = kpis(engine, KEY, with_syndicates=False)
    # requested: S-B, S-X, N-H, L-X, S-N; scheduled: all but L-X; held: S-B, S-X, N-H
    # (S-N has no feedback); followed up: S-B and N-H by feedback, S-X by its term sheet
    assert dict(zip(STAGES, k.funnel.counts, strict=True)) == {
        "requested": 5,
        "scheduled": 4,
        "held": 3,
        "follow_up": 3,
        "agreement": 2,
        "investment": 2,
    }
    assert k.cross_border.counts == (4, 3, 3, 3, 2, 2)
    assert k.cross_border_share("scheduled") == 0.75
    assert {r.group: r.counts for r in k.by_country_pair} == {
        "KR–CN": (4, 3, 3, 3, 2, 2),
        "KR–KR": (1, 1, 0, 0, 0, 0),
    }
    assert {r.group: r.counts for r in k.by_kind} == {"corporate–corporate": (5, 4, 3, 3, 2, 2)}
    semis = next(r for r in k.by_sector if r.group == "semiconductors")
    # Samsung's and Huawei's pairs: S-B, S-X, S-N, N-H (all scheduled; S-N not held)
    assert semis.counts == (4, 4, 3, 3, 2, 2)
    assert dict(k.deals_by_kind) == {"mou": 1, "pilot": 1, "term_sheet": 1, "investment_closed": 1}
    assert dict(k.deals_by_country_pair) == {"KR–CN": 4}
    money = {(m.kind, m.currency): (m.total, m.deals) for m in k.money}
    assert money == {
        ("investment_closed", "KRW"): (Decimal("2000000000"), 1),
        ("term_sheet", "USD"): (Decimal("500000"), 1),
    }
    (x1,) = k.interpreters
    assert (x1.meetings, x1.minutes, x1.held_meetings, x1.held_minutes) == (1, 30, 1, 30)
    assert k.feedback_records == 4 and k.average_rating == 3.5
    assert k.syndicates is None


def test_syndicates_become_deals_only_with_every_investor() -> None:
    from datetime import UTC, date, datetime

    from corridor.core.outcomes import Outcome, OutcomeKind

    def invest(
        org: str, *partners: str, kind: OutcomeKind = OutcomeKind.INVESTMENT_CLOSED
    ) -> Outcome:
        return Outcome(
            "m",
            org,
            kind,
            partners,
            Decimal(1),
            "USD",
            date(2025, 2, 1),
            "",
            "t",
            datetime(2025, 2, 1, tzinfo=UTC),
        )

    proposed = {
        "st-a": [("inv-kr", "inv-cn")],
        "st-b": [("inv-kr", "inv-cn")],
        "st-c": [("i1", "i2")],
    }
    found = syndicate_deals(
        proposed,
        [
            invest("st-a", "inv-kr"),
            invest("inv-cn", "st-a"),
            invest("st-b", "inv-kr"),
            invest("st-c", "i1", "i2", kind=OutcomeKind.MOU),
        ],
    )
    assert [(d.startup, d.status, d.invested) for d in found] == [
        ("st-a", "deal", ("inv-kr", "inv-cn")),
        ("st-b", "partial", ("inv-kr",)),
        ("st-c", "none", ()),
    ]
