"""What a ministry reports about a mission: the funnel from request to investment.

The unit is the meeting, i.e. the unordered pair of organisations. A pair is
*requested* when either side asked for it, *scheduled* when the published schedule
has it, *held* when a side's feedback in force says so or an outcome came from it,
*followed up* when a side intends to follow up or an outcome came from it; the last
two stages count pairs an MOU or pilot, and an investment (term sheet or closed),
came from — both inside "followed up", neither inside the other.

The same deal reported by both sides is counted once: outcomes in force with the
same kind, parties, amount, currency and date are one deal. Money is summed per
currency and kind, never across currencies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from corridor.core.mission import Meeting, Mission
from corridor.core.outcomes import (
    AGREEMENT_KINDS,
    INVESTMENT_KINDS,
    Feedback,
    Outcome,
    OutcomeKind,
    country_pair,
)
from corridor.core.parties import Organization
from corridor.services.outcomes import current, latest_feedback
from corridor.services.read_cache import read_model
from corridor.services.uow import read_only

STAGES = ("requested", "scheduled", "held", "follow_up", "agreement", "investment")
Pair = frozenset[str]


@dataclass(frozen=True, slots=True)
class FunnelRow:
    """The funnel of one group of meetings (all, a country pair, a sector, a kind
    pair): how many pairs reached each of ``STAGES``."""

    group: str
    counts: tuple[int, ...]

    def stage(self, name: str) -> int:
        """The count of one stage by name."""
        return self.counts[STAGES.index(name)]


@dataclass(frozen=True, slots=True)
class SyndicateDeal:
    """A proposed co-investment syndicate and whether it became a deal: ``deal`` when
    every investor has an investment outcome with the startup, ``partial`` when some."""

    startup: str
    investors: tuple[str, ...]
    invested: tuple[str, ...]
    status: str


@dataclass(frozen=True, slots=True)
class InterpreterUse:
    """An interpreter's meetings and minutes: scheduled, and in meetings held."""

    key: str
    name: str
    meetings: int
    minutes: int
    held_meetings: int
    held_minutes: int


@dataclass(frozen=True, slots=True)
class MoneyTotal:
    """The sum of one kind of investment in one currency."""

    kind: str
    currency: str
    total: Decimal
    deals: int


@dataclass(frozen=True, slots=True)
class Kpis:
    """Every figure of the outcomes report of one mission."""

    mission: Mission
    orgs: dict[str, Organization]
    funnel: FunnelRow
    cross_border: FunnelRow
    by_country_pair: tuple[FunnelRow, ...]
    by_sector: tuple[FunnelRow, ...]
    by_kind: tuple[FunnelRow, ...]
    deals_by_kind: tuple[tuple[str, int], ...]
    deals_by_country_pair: tuple[tuple[str, int], ...]
    money: tuple[MoneyTotal, ...]
    interpreters: tuple[InterpreterUse, ...]
    syndicates: tuple[SyndicateDeal, ...] | None
    feedback_records: int
    average_rating: float | None

    def cross_border_share(self, stage: str) -> float | None:
        """The share of a stage's pairs that cross a border (None for an empty stage)."""
        total = self.funnel.stage(stage)
        return None if total == 0 else self.cross_border.stage(stage) / total


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the figures are computed from, read in one transaction."""

    mission: Mission
    orgs: dict[str, Organization]
    requested: set[Pair]
    meetings: list[Meeting]
    feedback: list[Feedback]
    outcomes: list[Outcome]


def _facts(engine: Engine, mission_key: str) -> _Facts:
    with read_only(engine) as uow:
        mission = uow.missions.mission(mission_key)
        orgs = {
            o.key: o
            for o in uow.registry.organisations(keys=uow.missions.participants(mission_key))
        }
        requests = uow.missions.requests(mission_key)
        published = uow.schedules.published(mission_key)
        feedback = latest_feedback(uow.outcomes.feedback(mission_key))
        outcomes = current(uow.outcomes.outcomes(mission_key))
    requested = {frozenset((r.requester, r.target)) for r in requests if r.requester != r.target}
    meetings = [] if published is None else list(published[1])
    return _Facts(mission, orgs, requested, meetings, feedback, outcomes)


def deals(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """One outcome per deal: both sides reporting the same one count once."""
    seen: dict[tuple[object, ...], Outcome] = {}
    for o in sorted(outcomes, key=lambda o: o.id):
        seen.setdefault((o.kind, o.parties, o.amount, o.currency, o.on), o)
    return list(seen.values())


def stages_of(facts: _Facts) -> dict[Pair, set[str]]:
    """The stages each pair reached."""
    scheduled = {frozenset((m.org_a, m.org_b)) for m in facts.meetings}
    said_held = {f.pair for f in facts.feedback if f.held}
    said_follow = {f.pair for f in facts.feedback if f.held and f.follow_up}
    came_of = {p for o in facts.outcomes for p in o.pairs} & scheduled
    agreement = {p for o in facts.outcomes if o.kind in AGREEMENT_KINDS for p in o.pairs}
    investment = {p for o in facts.outcomes if o.kind in INVESTMENT_KINDS for p in o.pairs}
    out: dict[Pair, set[str]] = {}
    for pair in facts.requested | scheduled:
        reached = set()
        if pair in facts.requested:
            reached.add("requested")
        if pair in scheduled:
            reached.add("scheduled")
            if pair in said_held | came_of:
                reached.add("held")
            if pair in said_follow | came_of:
                reached.add("follow_up")
            if pair in agreement:
                reached.add("agreement")
            if pair in investment:
                reached.add("investment")
        out[pair] = reached
    return out


def _row(group: str, reached: Iterable[set[str]]) -> FunnelRow:
    counts = Counter(s for r in reached for s in r)
    return FunnelRow(group, tuple(counts[s] for s in STAGES))


def _grouped(
    stages: dict[Pair, set[str]], groups: Callable[[Pair], Iterable[str]]
) -> tuple[FunnelRow, ...]:
    by: dict[str, list[set[str]]] = defaultdict(list)
    for pair, reached in stages.items():
        for g in set(groups(pair)):
            by[g].append(reached)
    rows = [_row(g, r) for g, r in by.items()]
    return tuple(
        sorted(rows, key=lambda r: (-r.stage("scheduled"), -r.stage("requested"), r.group))
    )


def _interpreters(facts: _Facts, held: set[Pair]) -> tuple[InterpreterUse, ...]:
    minutes = facts.mission.slot_minutes
    used: Counter[str] = Counter(m.interpreter for m in facts.meetings if m.interpreter)
    used_held: Counter[str] = Counter(
        m.interpreter
        for m in facts.meetings
        if m.interpreter and frozenset((m.org_a, m.org_b)) in held
    )
    return tuple(
        InterpreterUse(
            x.key,
            x.name,
            used[x.key],
            used[x.key] * minutes,
            used_held[x.key],
            used_held[x.key] * minutes,
        )
        for x in facts.mission.interpreters
    )


def _money(found: list[Outcome]) -> tuple[MoneyTotal, ...]:
    sums: dict[tuple[str, str], tuple[Decimal, int]] = {}
    for o in found:
        if o.kind in INVESTMENT_KINDS and o.amount is not None and o.currency is not None:
            total, count = sums.get((o.kind.value, o.currency), (Decimal(0), 0))
            sums[(o.kind.value, o.currency)] = (total + o.amount, count + 1)
    return tuple(MoneyTotal(k, c, t, n) for (k, c), (t, n) in sorted(sums.items()))


def syndicate_deals(
    proposed: dict[str, list[tuple[str, ...]]], outcomes: Iterable[Outcome]
) -> tuple[SyndicateDeal, ...]:
    """Which proposed syndicates (startup → investor groups) investments came of."""
    invested: dict[str, set[str]] = defaultdict(set)
    for o in outcomes:
        if o.kind in INVESTMENT_KINDS:
            for startup in o.parties:
                invested[startup] |= o.parties - {startup}
    out = []
    for startup, groups in sorted(proposed.items()):
        for investors in groups:
            got = tuple(i for i in investors if i in invested[startup])
            status = "deal" if got == investors else "partial" if got else "none"
            out.append(SyndicateDeal(startup, investors, got, status))
    return tuple(out)


def _label(orgs: dict[str, Organization], pair: Pair, what: Callable[[Organization], str]) -> str:
    a, b = sorted(pair)
    left, right = orgs.get(a), orgs.get(b)
    if left is None or right is None:
        return "?"
    first, second = sorted((what(left), what(right)))
    return f"{first}–{second}"


@read_model
def kpis(engine: Engine, mission_key: str, *, with_syndicates: bool = True) -> Kpis:
    """The mission's outcome figures (NotFound for an unknown mission). The syndicate
    table recomputes the matching profiles (seconds); the dashboard leaves it out."""
    facts = _facts(engine, mission_key)
    orgs = facts.orgs
    stages = stages_of(facts)

    def countries(pair: Pair) -> list[str]:
        a, b = sorted(pair)
        if a not in orgs or b not in orgs:
            return ["?"]
        return [country_pair(orgs[a].country, orgs[b].country)]

    def sectors(pair: Pair) -> list[str]:
        return [s for k in pair if k in orgs for s in orgs[k].sectors] or ["—"]

    def kinds(pair: Pair) -> list[str]:
        return [_label(orgs, pair, lambda o: o.kind.value)]

    crossing = {
        p: r for p, r in stages.items() if len({orgs[k].country for k in p if k in orgs}) > 1
    }
    found = deals(facts.outcomes)
    held = {p for p, r in stages.items() if "held" in r}
    ratings = [f.rating for f in facts.feedback if f.rating is not None]
    return Kpis(
        facts.mission,
        orgs,
        _row("all", stages.values()),
        _row("cross-border", crossing.values()),
        _grouped(stages, countries),
        _grouped(stages, sectors),
        _grouped(stages, kinds),
        tuple((k.value, n) for k in OutcomeKind if (n := sum(1 for o in found if o.kind is k))),
        tuple(sorted(Counter(_deal_pair(o, orgs) for o in found).items())),
        _money(found),
        _interpreters(facts, held),
        _syndicates(engine, mission_key, found) if with_syndicates else None,
        len(facts.feedback),
        None if len(ratings) == 0 else round(sum(ratings) / len(ratings), 2),
    )


def _deal_pair(o: Outcome, orgs: dict[str, Organization]) -> str:
    """A deal's country pair: its parties' countries (``KR–CN``, or ``KR–CN–HK``)."""
    found = sorted({orgs[k].country for k in o.parties if k in orgs}, key=lambda c: (c != "KR", c))
    return country_pair(found[0], found[0]) if len(found) == 1 else "–".join(found)


def _syndicates(
    engine: Engine, mission_key: str, found: list[Outcome]
) -> tuple[SyndicateDeal, ...]:
    from corridor.services.matching import mission_syndicates  # matching loads its engines

    proposed = {
        startup: [s.investors for s in groups]
        for startup, groups in mission_syndicates(engine, mission_key).items()
    }
    return syndicate_deals(proposed, found)
