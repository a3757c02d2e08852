"""Matching use cases: recommendations behind the screening gate, syndicates, hand-off."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine

from corridor.core.mission import MeetingRequest, RequestOrigin
from corridor.core.parties import OrgKind
from corridor.core.progress import Progress, silent
from corridor.core.vocab import country_language
from corridor.exc import InvalidInput, NotFound
from corridor.match.assign import assign, gini
from corridor.match.candidates import candidate_pairs
from corridor.match.profile import Profile, build_profile
from corridor.match.scoring import Scored, explain, get_algorithm
from corridor.match.syndicates import Syndicate, syndicates
from corridor.services.admission import admission_of, hold_policy
from corridor.services.screening import mission_screening
from corridor.services.uow import read_only, unit_of_work


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
    held: list[str] = field(default_factory=list)  # held out by the mission's policy


@dataclass(frozen=True, slots=True)
class _Parties:
    """The profiles matching may use (admitted organisations only), who is under
    review among them, and who screening keeps out (blocked; held under ``hold``)."""

    profiles: dict[str, Profile]
    review: set[str]
    blocked: list[str]
    held: list[str]


def _profiles(engine: Engine, mission_key: str) -> _Parties:
    with read_only(engine) as uow:
        orgs = uow.registry.organisations(keys=uow.missions.participants(mission_key))
        people = uow.registry.people()
        requests = uow.missions.requests(mission_key)
    screening = mission_screening(engine, mission_key)
    gate = admission_of(screening, hold_policy(engine, mission_key))
    by_org = defaultdict(list)
    for person in people:
        by_org[person.org_key].append(person)
    asked = defaultdict(list)
    for r in requests:
        asked[r.requester].append(r.target)
    profiles = {
        o.key: build_profile(o, by_org[o.key], asked[o.key]) for o in orgs if o.key in gate.admitted
    }
    review = {o.org.key for o in screening.orgs if o.status == "review"}
    held = sorted(gate.held_keys & gate.excluded)
    return _Parties(profiles, review, list(gate.blocked), held)


def recommend(
    engine: Engine,
    mission_key: str,
    *,
    k: int = 6,
    lang: str | None = None,
    progress: Progress = silent,
) -> Matching:
    """Each participant's recommended partners (capacity ``k`` each): blocked ones
    never, held ones (services/admission.py) not while the mission's policy holds them;
    under ``flag`` they take part, marked as under review."""
    progress(0.0, "reading profiles")
    parties = _profiles(engine, mission_key)
    profiles, review = parties.profiles, parties.review
    ordered = [profiles[key] for key in sorted(profiles)]
    algorithm = get_algorithm()
    progress(0.2, f"scoring pairs of {len(ordered)} participants")
    pairs = candidate_pairs(ordered, algorithm)
    progress(0.7, f"assigning {len(pairs)} candidate pairs within capacity")
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
    progress(0.9, "explaining the recommendations")
    counts = [len(v) for v in by_org.values()]
    reasons = {(s.a, s.b): explain(s, profiles[s.a], profiles[s.b], "en") for s in chosen}
    return Matching(
        by_org,
        chosen,
        round(gini(counts), 4),
        len(pairs),
        parties.blocked,
        reasons,
        parties.held,
    )


def interest_of(value: float) -> int:
    """Meeting-request interest from a match value (1 nice … 3 must)."""
    return 3 if value >= 0.6 else 2 if value >= 0.4 else 1


def hand_off(
    engine: Engine, mission_key: str, matching: Matching, *, actor: str | None = None
) -> int:
    """Accepted recommendations become meeting requests in both directions (mutual),
    without touching requests participants made themselves; returns how many new.
    ``actor``, when given, is named in the requests' note as who accepted them."""
    with unit_of_work(engine) as uow:
        existing = {(r.requester, r.target) for r in uow.missions.requests(mission_key)}
        new = []
        for s in matching.pairs:
            if (s.a, s.b) in existing or (s.b, s.a) in existing:
                continue
            note = (
                f"Recommended (match value {s.value:.2f}). {matching.reasons.get((s.a, s.b), '')}"
            ).strip()
            if actor is not None:
                note += f" Accepted by {actor}."
            new += [
                MeetingRequest(s.a, s.b, interest_of(s.value), note, RequestOrigin.MATCH),
                MeetingRequest(s.b, s.a, interest_of(s.value), note, RequestOrigin.MATCH),
            ]
        uow.missions.upsert_requests(mission_key, new)
    return len(new)


def recommendations_for(
    engine: Engine, mission_key: str, org_key: str, *, k: int = 6, lang: str | None = None
) -> list[Recommendation]:
    """One organisation's recommended partners, best first, explained in ``lang`` (or
    the organisation's own language); those under review are marked, blocked ones
    never appear, and a blocked organisation gets none. Capacity-aware assignment
    needs every pair of the mission, so this costs a whole ``recommend`` (5–8 s for
    the demo's 81 participants on two busy cores, measured); a page showing several
    organisations should call ``recommend`` once, and a web page should run it in a
    worker thread (or cache it per mission until participants or screening change)."""
    if k < 1:
        raise InvalidInput("k must be at least 1", field="k", value=k)
    _participant(engine, mission_key, org_key)
    return recommend(engine, mission_key, k=k, lang=lang).by_org.get(org_key, [])


@dataclass(frozen=True, slots=True)
class Accepted:
    """Recommendations turned into meeting requests: the pairs, and how many requests
    were new (a pair already requested either way adds none)."""

    pairs: tuple[tuple[str, str], ...]
    added: int


def accept_recommendations(
    engine: Engine,
    mission_key: str,
    *,
    pairs: Sequence[tuple[str, str]] | None = None,
    org_key: str | None = None,
    actor: str,
    k: int = 6,
) -> Accepted:
    """Accept recommended pairs (either ``pairs``, each of which must be recommended,
    or every pair of ``org_key``'s list) into mutual meeting requests, naming ``actor``
    in their note. Recomputes the recommendations (``recommend``'s cost) so that only
    what is recommended now, behind today's screening, can be accepted."""
    if (pairs is None) == (org_key is None):
        raise InvalidInput("give either pairs or an organisation", field="pairs", value=pairs)
    if org_key is not None:
        _participant(engine, mission_key, org_key)
    matching = recommend(engine, mission_key, k=k)
    by_pair = {frozenset((s.a, s.b)): s for s in matching.pairs}
    if pairs is not None:
        chosen = []
        for a, b in pairs:
            found = by_pair.get(frozenset((a, b)))
            if found is None:
                raise InvalidInput("not a recommended pair", field="pairs", value=f"{a}:{b}")
            chosen.append(found)
    else:
        chosen = [s for s in matching.pairs if org_key in (s.a, s.b)]
    added = hand_off(engine, mission_key, replace(matching, pairs=chosen), actor=actor)
    return Accepted(tuple((s.a, s.b) for s in chosen), added)


def _participant(engine: Engine, mission_key: str, org_key: str) -> None:
    """NotFound unless ``org_key`` takes part in the mission (which must exist)."""
    with read_only(engine) as uow:
        uow.missions.mission(mission_key)
        if org_key not in uow.missions.participants(mission_key):
            raise NotFound("participant", org_key)


def mission_syndicates(
    engine: Engine, mission_key: str, *, limit: int = 3
) -> dict[str, list[Syndicate]]:
    """Cross-border investor pairs and trios for every raising startup of a mission."""
    profiles = _profiles(engine, mission_key).profiles
    investors = [p for p in profiles.values() if p.org.kind is OrgKind.INVESTOR]
    out = {}
    for key in sorted(profiles):
        found = syndicates(profiles[key], investors, limit=limit)
        if found:
            out[key] = found
    return out
