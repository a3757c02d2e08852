"""The demo's **scenario** feedback and outcomes: generated, never facts.

No organisation of the bundled Shanghai 2026 mission attended a Shanghai roundtable, so nothing
came of one; the KPI pages still need something to show. This rule makes it from the
published schedule with one seeded RNG (``random.Random(SEED)``), so anyone can re-run
and check it. Every record is made by the actor ``scenario`` and every report says so.

For each meeting of the published schedule, in (slot, table, pair) order:

1. held with probability 0.92 (one draw; both sides agree);
2. each side gives feedback with probability 0.8; a held meeting's rating is drawn
   from 1–5 with weights 5, 10, 25, 35, 25 (none when not held); a follow-up is
   intended with probability 0.6 after a rating of 4–5, 0.25 after 3, else 0.05;
3. a held meeting with a follow-up intended by either side draws one outcome, by the
   startup's side when there is one (else the first organisation by key):
   startup–investor: investment closed 0.06, term sheet 0.12, NDA 0.25, none otherwise;
   other pairs: MOU 0.20, pilot 0.12, NDA 0.15, joint development 0.05, other 0.03,
   none otherwise. An investment's amount is drawn from the investor's home currency
   list (KRW 500m/1bn/2bn/3bn/5bn, CNY 3m/5m/10m/20m, HKD 5m/10m/20m, else USD
   0.5m/1m/2m); it is dated 30–150 days after the mission's first day (never after
   today).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Engine

from corridor.core.mission import Meeting
from corridor.core.outcomes import Feedback, Outcome, OutcomeKind
from corridor.core.parties import Organization, OrgKind
from corridor.services.outcomes import SCENARIO_ACTOR, record_batch
from corridor.services.uow import read_only

SEED = 20260115
HELD, FEEDBACK = 0.92, 0.8
RATING_WEIGHTS = (5, 10, 25, 35, 25)
INVESTING = (
    (OutcomeKind.INVESTMENT_CLOSED, 0.06),
    (OutcomeKind.TERM_SHEET, 0.12),
    (OutcomeKind.NDA, 0.25),
)
PARTNERING = (
    (OutcomeKind.MOU, 0.20),
    (OutcomeKind.PILOT, 0.12),
    (OutcomeKind.NDA, 0.15),
    (OutcomeKind.JOINT_DEVELOPMENT, 0.05),
    (OutcomeKind.OTHER, 0.03),
)
TICKETS = {
    "KR": ("KRW", (500_000_000, 1_000_000_000, 2_000_000_000, 3_000_000_000, 5_000_000_000)),
    "CN": ("CNY", (3_000_000, 5_000_000, 10_000_000, 20_000_000)),
    "HK": ("HKD", (5_000_000, 10_000_000, 20_000_000)),
}
OTHER_TICKETS = ("USD", (500_000, 1_000_000, 2_000_000))


@dataclass(frozen=True, slots=True)
class ScenarioFeedback:
    """One generated feedback record."""

    org: str
    partner: str
    held: bool
    rating: int | None
    follow_up: bool


@dataclass(frozen=True, slots=True)
class ScenarioOutcome:
    """One generated outcome."""

    org: str
    partner: str
    kind: OutcomeKind
    amount: Decimal | None
    currency: str | None
    on: date


def _follow(rng: random.Random, rating: int | None) -> bool:
    chance = 0.6 if (rating or 0) >= 4 else 0.25 if rating == 3 else 0.05
    return rng.random() < chance


def _pick(rng: random.Random, table: tuple[tuple[OutcomeKind, float], ...]) -> OutcomeKind | None:
    draw, edge = rng.random(), 0.0
    for kind, chance in table:
        edge += chance
        if draw < edge:
            return kind
    return None


def scenario(
    meetings: list[Meeting],
    orgs: dict[str, Organization],
    first_day: date,
    today: date,
    seed: int = SEED,
) -> tuple[list[ScenarioFeedback], list[ScenarioOutcome]]:
    """The rule of the module docstring, applied to ``meetings`` (pure)."""
    rng = random.Random(seed)
    feedback: list[ScenarioFeedback] = []
    outcomes: list[ScenarioOutcome] = []
    for m in sorted(meetings, key=lambda m: (m.slot, m.table, m.org_a, m.org_b)):
        held = rng.random() < HELD
        follow = False
        for org, partner in ((m.org_a, m.org_b), (m.org_b, m.org_a)):
            if rng.random() >= FEEDBACK:
                continue
            rating = rng.choices(range(1, 6), RATING_WEIGHTS)[0] if held else None
            wants = held and _follow(rng, rating)
            follow = follow or wants
            feedback.append(ScenarioFeedback(org, partner, held, rating, wants))
        if held and follow:
            found = _outcome(rng, m, orgs, first_day, today)
            if found is not None:
                outcomes.append(found)
    return feedback, outcomes


def _outcome(
    rng: random.Random, m: Meeting, orgs: dict[str, Organization], first_day: date, today: date
) -> ScenarioOutcome | None:
    a, b = sorted((m.org_a, m.org_b))
    kinds = {orgs[a].kind, orgs[b].kind}
    if orgs[b].kind is OrgKind.STARTUP:
        a, b = b, a  # the startup reports
    investing = kinds == {OrgKind.STARTUP, OrgKind.INVESTOR}
    kind = _pick(rng, INVESTING if investing else PARTNERING)
    if kind is None:
        return None
    amount: Decimal | None = None
    currency: str | None = None
    if kind in (OutcomeKind.INVESTMENT_CLOSED, OutcomeKind.TERM_SHEET):
        investor = orgs[b] if orgs[b].kind is OrgKind.INVESTOR else orgs[a]
        currency, tickets = TICKETS.get(investor.country, OTHER_TICKETS)
        amount = Decimal(rng.choice(tickets))
    on = min(today, first_day + timedelta(days=rng.randint(30, 150)))
    return ScenarioOutcome(a, b, kind, amount, currency, on)


def record_scenario(engine: Engine, mission_key: str, seed: int = SEED) -> tuple[int, int]:
    """Generate the scenario from the published schedule and record it as ``scenario``
    in one transaction (skipped when the mission already has records); returns how
    many feedback and outcome records were made."""
    with read_only(engine) as uow:
        mission = uow.missions.mission(mission_key)
        published = uow.schedules.published(mission_key)
        keys = uow.missions.participants(mission_key)
        orgs = {o.key: o for o in uow.registry.organisations(keys=keys)}
        recorded = uow.outcomes.feedback(mission_key) or uow.outcomes.outcomes(mission_key)
    first = mission.first_day()
    if published is None or first is None or recorded:
        return 0, 0
    now = datetime.now(UTC).replace(tzinfo=None)
    feedback, outcomes = scenario(list(published[1]), orgs, first, now.date(), seed)
    records = [
        Feedback(
            mission_key, f.org, f.partner, f.held, f.rating, f.follow_up, "", SCENARIO_ACTOR, now
        )
        for f in feedback
    ]
    reports = [
        Outcome(
            mission_key,
            o.org,
            o.kind,
            (o.partner,),
            o.amount,
            o.currency,
            o.on,
            "",
            SCENARIO_ACTOR,
            now,
        )
        for o in outcomes
    ]
    record_batch(engine, mission_key, records, reports)
    return len(records), len(reports)
