"""Matching use cases: recommendations behind the screening gate, syndicates, hand-off."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Engine

from corridor.core.mission import MeetingRequest, RequestOrigin
from corridor.core.parties import OrgKind
from corridor.core.vocab import country_language
from corridor.match.assign import assign, gini
from corridor.match.candidates import candidate_pairs
from corridor.match.profile import Profile, build_profile
from corridor.match.scoring import Scored, explain, get_algorithm
from corridor.match.syndicates import Syndicate, syndicates
from corridor.services.screening import mission_screening
from corridor.store.db import session_factory, transaction
from corridor.store.sql import SqlStore


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommended partner for one organisation, explained in the reader's language."""

    org: str
    partner: str
    partner_name: str
    value: float
    explanation: str
    under_review: bool


@dataclass(slots=True)
class Matching:
    """The recommendations of a mission and how evenly they spread."""

    by_org: dict[str, list[Recommendation]]
    pairs: list[Scored]
    exposure_gini: float
    candidates: int
    blocked: list[str]
    reasons: dict[tuple[str, str], str] = field(default_factory=dict)  # English, per pair


def _profiles(engine: Engine, mission_key: str) -> tuple[dict[str, Profile], set[str], list[str]]:
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        orgs = store.organisations(keys=store.participants(mission_key))
        people = store.people()
        requests = store.requests(mission_key)
    status = {o.org.key: o.status for o in mission_screening(engine, mission_key).orgs}
    blocked = sorted(k for k, s in status.items() if s == "blocked")
    by_org = defaultdict(list)
    for person in people:
        by_org[person.org_key].append(person)
    asked = defaultdict(list)
    for r in requests:
        asked[r.requester].append(r.target)
    profiles = {
        o.key: build_profile(o, by_org[o.key], asked[o.key]) for o in orgs if o.key not in blocked
    }
    review = {k for k, s in status.items() if s == "review"}
    return profiles, review, blocked


def recommend(engine: Engine, mission_key: str, *, k: int = 6, lang: str | None = None) -> Matching:
    """Each participant's recommended partners (capacity ``k`` each), blocked ones never."""
    profiles, review, blocked = _profiles(engine, mission_key)
    ordered = [profiles[key] for key in sorted(profiles)]
    algorithm = get_algorithm()
    pairs = candidate_pairs(ordered, algorithm)
    startups = {p.key for p in ordered if p.org.kind is OrgKind.STARTUP}
    chosen = assign(pairs, {p.key: k for p in ordered}, startups)
    by_org: dict[str, list[Recommendation]] = {p.key: [] for p in ordered}
    for s in chosen:
        for me, other in ((s.a, s.b), (s.b, s.a)):
            reader = lang or country_language(profiles[me].org.country)
            # Features are computed for (s.a, s.b); the sentences name both sides.
            by_org[me].append(
                Recommendation(
                    me,
                    other,
                    profiles[other].org.display(reader),
                    s.value,
                    explain(s, profiles[s.a], profiles[s.b], reader),
                    other in review,
                )
            )
    for recs in by_org.values():
        recs.sort(key=lambda r: (-r.value, r.partner))
    counts = [len(v) for v in by_org.values()]
    reasons = {(s.a, s.b): explain(s, profiles[s.a], profiles[s.b], "en") for s in chosen}
    return Matching(by_org, chosen, round(gini(counts), 4), len(pairs), blocked, reasons)


def interest_of(value: float) -> int:
    """Meeting-request interest from a match value (1 nice … 3 must)."""
    return 3 if value >= 0.6 else 2 if value >= 0.4 else 1


def hand_off(engine: Engine, mission_key: str, matching: Matching) -> int:
    """Accepted recommendations become meeting requests in both directions (mutual),
    without touching requests participants made themselves; returns how many new."""
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        existing = {(r.requester, r.target) for r in store.requests(mission_key)}
        new = []
        for s in matching.pairs:
            if (s.a, s.b) in existing or (s.b, s.a) in existing:
                continue
            note = (
                f"Recommended (match value {s.value:.2f}). {matching.reasons.get((s.a, s.b), '')}"
            ).strip()
            new += [
                MeetingRequest(s.a, s.b, interest_of(s.value), note, RequestOrigin.MATCH),
                MeetingRequest(s.b, s.a, interest_of(s.value), note, RequestOrigin.MATCH),
            ]
        store.upsert_requests(mission_key, new)
    return len(new)


def mission_syndicates(
    engine: Engine, mission_key: str, *, limit: int = 3
) -> dict[str, list[Syndicate]]:
    """Cross-border investor pairs and trios for every raising startup of a mission."""
    profiles, _, _ = _profiles(engine, mission_key)
    investors = [p for p in profiles.values() if p.org.kind is OrgKind.INVESTOR]
    out = {}
    for key in sorted(profiles):
        found = syndicates(profiles[key], investors, limit=limit)
        if found:
            out[key] = found
    return out
