"""The scheduling problem, solver-neutral: who may meet whom, when, where, with whom.

Built from domain objects once; every solver reads the same precomputed options,
so a constraint cannot mean one thing to CP-SAT and another to the greedy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from corridor.core.mission import LangPair, MeetingRequest, Mission, Slot
from corridor.core.parties import Organization, OrgKind, Person
from corridor.core.vocab import country_languages


@dataclass(frozen=True, slots=True)
class Party:
    """An organisation at the table: its delegates' languages per slot, its limits."""

    key: str
    startup: bool
    languages: dict[int, frozenset[str]]  # slot → languages of the delegates present
    max_meetings: int

    def available(self, slot: int) -> bool:
        """Whether any delegate of the party is there in ``slot``."""
        return slot in self.languages


@dataclass(frozen=True, slots=True)
class Pair:
    """Two parties that asked to meet (once), and what the meeting is worth."""

    id: int
    a: str
    b: str
    weight: int
    mutual: bool


@dataclass(frozen=True, slots=True)
class Option:
    """A pair may meet in a slot: directly, or with one of the listed interpreters."""

    pair: int
    slot: int
    interpreters: tuple[str, ...]  # empty: the parties share a language
    needs_interpreter: bool


@dataclass(frozen=True, slots=True)
class InterpreterSpec:
    """A pool of interchangeable interpreters (same pairs, availability and limits).

    Solvers seat meetings against pools, which keeps the models small (one variable
    per pool, not per person); ``assign_interpreters`` then names the person.
    Limits are per member.
    """

    key: str
    slots: frozenset[int]
    max_meetings: int | None
    max_consecutive: int | None
    members: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """How many interpreters the pool holds."""
        return max(1, len(self.members))


@dataclass(slots=True)
class Problem:
    """Everything a solver needs, precomputed."""

    slots: tuple[Slot, ...]
    parties: dict[str, Party]
    pairs: list[Pair]
    options: list[Option]
    interpreters: dict[str, InterpreterSpec]
    free_tables: tuple[str, ...]
    interpreted_tables: tuple[str, ...]
    org_tables: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def runs(self) -> list[list[int]]:
        """Slot indices grouped into runs of back-to-back slots (a session each)."""
        groups: dict[str, list[int]] = defaultdict(list)
        for slot in self.slots:
            groups[slot.session_key].append(slot.index)
        return [sorted(v) for _, v in sorted(groups.items(), key=lambda kv: min(kv[1]))]


def pair_weight(interests: Sequence[int], mutual_bonus: int = 1) -> int:
    """What a meeting is worth: the interests of both sides, plus a bonus when mutual."""
    return sum(interests) + (mutual_bonus if len(interests) > 1 else 0)


def merge_requests(requests: Iterable[MeetingRequest], allowed: set[str]) -> list[Pair]:
    """One pair per two organisations; A→B and B→A make a mutual pair."""
    interests: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in requests:
        if r.requester in allowed and r.target in allowed and r.requester != r.target:
            a, b = sorted((r.requester, r.target))
            interests[(a, b)].append(r.interest)
    return [
        Pair(i, a, b, pair_weight(v), len(v) > 1)
        for i, ((a, b), v) in enumerate(sorted(interests.items()))
    ]


def _slot_languages(people: Sequence[Person], slots: Sequence[Slot]) -> dict[int, frozenset[str]]:
    langs = frozenset(lang for p in people for lang in p.languages)
    return {s.index: langs for s in slots} if len(langs) > 0 else {}


def build_problem(
    mission: Mission,
    orgs: Sequence[Organization],
    people: Sequence[Person],
    requests: Sequence[MeetingRequest],
    *,
    max_meetings: int = 8,
) -> Problem:
    """The problem of a mission: parties, merged pairs and every feasible option.

    An organisation without registered delegates speaks its country's language
    (``country_languages``), so it can still be scheduled, with an interpreter.
    """
    slots = mission.slots()
    by_org: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_org[person.org_key].append(person)
    reserved: dict[str, tuple[str, ...]] = defaultdict(tuple)
    for table in mission.tables:
        if table.reserved_for not in (None, "interpreted"):
            reserved[table.reserved_for] += (table.key,)
    parties = {}
    for org in orgs:
        fallback = country_languages(org.country)
        langs = _slot_languages(by_org[org.key], slots) or {s.index: fallback for s in slots}
        parties[org.key] = Party(
            org.key,
            org.kind is OrgKind.STARTUP,
            langs,
            max_meetings,
        )
    pairs = merge_requests(requests, set(parties))
    interpreters = _interpreters(mission, slots)
    options = [o for pair in pairs for o in _options(pair, parties, slots, mission, interpreters)]
    return Problem(
        slots,
        parties,
        pairs,
        options,
        interpreters,
        tuple(t.key for t in mission.tables if t.reserved_for is None),
        tuple(t.key for t in mission.tables if t.reserved_for == "interpreted"),
        dict(reserved),
    )


_Group = tuple[tuple[LangPair, ...], frozenset[int], int | None, int | None]


def _interpreters(mission: Mission, slots: Sequence[Slot]) -> dict[str, InterpreterSpec]:
    """Interpreters grouped into pools of identical ones, keyed by the first member."""
    groups: dict[_Group, list[str]] = defaultdict(list)
    specs: dict[_Group, tuple[frozenset[int], int | None, int | None]] = {}
    for x in mission.interpreters:
        available = frozenset(
            s.index for s in slots if len(x.sessions) == 0 or s.session_key in x.sessions
        )
        group = (tuple(sorted(x.pairs)), available, x.max_meetings, x.max_consecutive)
        groups[group].append(x.key)
        specs[group] = (available, x.max_meetings, x.max_consecutive)
    out = {}
    for group, members in groups.items():
        available, most, run = specs[group]
        pool = f"pool:{members[0]}"
        out[pool] = InterpreterSpec(pool, available, most, run, tuple(members))
    return out


def _options(
    pair: Pair,
    parties: dict[str, Party],
    slots: Sequence[Slot],
    mission: Mission,
    interpreters: dict[str, InterpreterSpec],
) -> list[Option]:
    a, b = parties[pair.a], parties[pair.b]
    out = []
    for slot in slots:
        if not (a.available(slot.index) and b.available(slot.index)):
            continue
        la, lb = a.languages[slot.index], b.languages[slot.index]
        if len(la & lb) > 0:
            out.append(Option(pair.id, slot.index, (), False))
            continue
        covering = {
            x.key for x in mission.interpreters if any(x.covers(p, q) for p in la for q in lb)
        }
        able = tuple(
            k
            for k, pool in interpreters.items()
            if slot.index in pool.slots and covering & set(pool.members)
        )
        if len(able) > 0:
            out.append(Option(pair.id, slot.index, able, True))
    return out
