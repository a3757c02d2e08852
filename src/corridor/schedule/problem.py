"""The scheduling problem, solver-neutral: who may meet whom, when, where, with whom.

Built from domain objects once; every solver reads the same precomputed options,
so a constraint cannot mean one thing to CP-SAT and another to the greedy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product

from corridor.core.mission import (
    GroupRequest,
    Interpreter,
    LangPair,
    MeetingRequest,
    Mission,
    ProgrammeItem,
    Slot,
)
from corridor.core.parties import Organization, OrgKind, Person
from corridor.core.vocab import country_languages


@dataclass(frozen=True, slots=True)
class Delegates:
    """Interchangeable delegates of one organisation: same languages, same hours.

    Like interpreter pools, solvers seat meetings against these groups (one
    variable per group, not per person) and ``assign_delegates`` names the person;
    an organisation with two such delegates present can hold two meetings at once.
    """

    key: str
    org: str
    members: tuple[str, ...]  # person keys; empty: the organisation has none registered
    languages: frozenset[str]
    slots: frozenset[int]

    @property
    def size(self) -> int:
        """How many delegates the group holds."""
        return max(1, len(self.members))


@dataclass(frozen=True, slots=True)
class Party:
    """An organisation at the table: its delegates' languages per slot, its limits."""

    key: str
    startup: bool
    languages: dict[int, frozenset[str]]  # slot → languages of the delegates present
    max_meetings: int
    delegates: tuple[Delegates, ...] = ()

    def available(self, slot: int) -> bool:
        """Whether any delegate of the party is there in ``slot``."""
        return slot in self.languages


@dataclass(frozen=True, slots=True)
class Pair:
    """Organisations that asked to meet (once), and what the meeting is worth.

    Two organisations, or more for a group meeting (``others``)."""

    id: int
    a: str
    b: str
    weight: int
    mutual: bool
    others: tuple[str, ...] = ()

    @property
    def parties(self) -> tuple[str, ...]:
        """Every organisation of the meeting, ``a`` and ``b`` first."""
        return (self.a, self.b, *self.others)


@dataclass(frozen=True, slots=True)
class Option:
    """A meeting may happen in a slot with these delegate groups (one per party, in
    the pair's order): directly, or with one of the listed interpreter pools.

    ``seat`` marks a startup's seat at an investor's table in rounds: it sits at the
    host's table, which takes several startups per round."""

    pair: int
    slot: int
    interpreters: tuple[str, ...]  # empty: the parties share a language
    needs_interpreter: bool
    attendees: tuple[str, ...] = ()
    seat: str | None = None  # the host's table key


@dataclass(frozen=True, slots=True)
class RoundTable:
    """An investor's table in rounds, as the solvers see it."""

    host: str
    table: str
    slots: frozenset[int]
    seats: int


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
    round_tables: dict[str, RoundTable] = field(default_factory=dict)
    cache: dict[str, object] = field(
        init=False, default_factory=dict, repr=False, compare=False
    )  # derived rules (``capacity``), computed once per problem

    def runs(self) -> list[list[int]]:
        """Slot indices grouped into runs of back-to-back slots (a session each)."""
        groups: dict[str, list[int]] = defaultdict(list)
        for slot in self.slots:
            groups[slot.session_key].append(slot.index)
        return [sorted(v) for _, v in sorted(groups.items(), key=lambda kv: min(kv[1]))]

    def delegates(self) -> dict[str, Delegates]:
        """Every delegate group by key."""
        return {d.key: d for party in self.parties.values() for d in party.delegates}

    def hosting(self, org: str, slot: int) -> RoundTable | None:
        """The table ``org`` hosts in ``slot``, if it hosts one then."""
        return next(
            (t for t in self.round_tables.values() if t.host == org and slot in t.slots), None
        )


def pair_weight(interests: Sequence[int], mutual_bonus: int = 1) -> int:
    """What a meeting is worth: the interests of both sides, plus a bonus when mutual."""
    return sum(interests) + (mutual_bonus if len(interests) > 1 else 0)


def group_weight(request: GroupRequest) -> int:
    """What a group meeting is worth: its interest once per party beyond the first,
    as if each further party were a one-sided request of that interest."""
    return request.interest * (len(request.parties) - 1)


def merge_requests(
    requests: Iterable[MeetingRequest],
    allowed: set[str],
    groups: Iterable[GroupRequest] = (),
) -> list[Pair]:
    """One pair per two organisations (A→B and B→A make a mutual pair), then one per
    group request whose parties are all there."""
    interests: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in requests:
        if r.requester in allowed and r.target in allowed and r.requester != r.target:
            a, b = sorted((r.requester, r.target))
            interests[(a, b)].append(r.interest)
    out = [
        Pair(i, a, b, pair_weight(v), len(v) > 1)
        for i, ((a, b), v) in enumerate(sorted(interests.items()))
    ]
    for g in groups:
        parties = sorted(set(g.parties))
        if len(parties) >= 3 and set(parties) <= allowed:
            out.append(
                Pair(len(out), parties[0], parties[1], group_weight(g), False, tuple(parties[2:]))
            )
    return out


def present(
    person: Person, slots: Sequence[Slot], programme: Sequence[ProgrammeItem]
) -> frozenset[int]:
    """The slots a delegate is there for: after arriving, before leaving, and not
    taken away by a programme item."""
    return frozenset(
        s.index
        for s in slots
        if (person.arrives is None or person.arrives <= s.start)
        and (person.leaves is None or s.end <= person.leaves)
        and not any(
            item.takes(person.key, person.org_key) and item.start < s.end and s.start < item.end
            for item in programme
        )
    )


def delegate_groups(
    org: Organization, people: Sequence[Person], slots: Sequence[Slot], mission: Mission
) -> tuple[Delegates, ...]:
    """An organisation's delegates grouped by (languages, slots present); without
    registered delegates, the organisation itself speaking its country's language."""
    if len(people) == 0:
        taken = [i for i in mission.programme if org.key in i.orgs]
        hours = frozenset(
            s.index for s in slots if not any(i.start < s.end and s.start < i.end for i in taken)
        )
        return (Delegates(org.key, org.key, (), country_languages(org.country), hours),)
    groups: dict[tuple[frozenset[str], frozenset[int]], list[str]] = defaultdict(list)
    for person in people:
        hours = present(person, slots, mission.programme)
        langs = frozenset(person.languages) or country_languages(org.country)
        groups[(langs, hours)].append(person.key)
    return tuple(
        Delegates(f"{org.key}/{members[0]}", org.key, tuple(members), langs, hours)
        for (langs, hours), members in sorted(groups.items(), key=lambda kv: kv[1][0])
        if len(hours) > 0 and len(langs) > 0
    )


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
    An investor hosting a table in rounds holds its table and nothing else then,
    and meets startups only there.
    """
    slots = mission.slots()
    by_org: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_org[person.org_key].append(person)
    reserved: dict[str, tuple[str, ...]] = defaultdict(tuple)
    for table in mission.tables:
        if table.reserved_for not in (None, "interpreted"):
            reserved[table.reserved_for] += (table.key,)
    rounds = _round_tables(mission, slots)
    for t in rounds.values():
        if t.table not in reserved[t.host]:
            reserved[t.host] += (t.table,)
    parties = {}
    for org in orgs:
        groups = delegate_groups(org, by_org[org.key], slots, mission)
        langs: dict[int, set[str]] = defaultdict(set)
        for g in groups:
            for s in g.slots:
                langs[s] |= g.languages
        parties[org.key] = Party(
            org.key,
            org.kind is OrgKind.STARTUP,
            {s: frozenset(v) for s, v in sorted(langs.items())},
            max_meetings,
            groups,
        )
    pairs = merge_requests(requests, set(parties), mission.group_requests)
    interpreters = _interpreters(mission, slots)
    held = {t.table for t in rounds.values()}
    problem = Problem(
        slots,
        parties,
        pairs,
        [],
        interpreters,
        tuple(t.key for t in mission.tables if t.reserved_for is None and t.key not in held),
        tuple(
            t.key for t in mission.tables if t.reserved_for == "interpreted" and t.key not in held
        ),
        dict(reserved),
        rounds,
    )
    covers = _coverage(mission, interpreters)
    hosted = {(t.host, s): t for t in rounds.values() for s in t.slots}
    problem.options = [o for pair in pairs for o in _options(pair, problem, covers, hosted)]
    return problem


def _round_tables(mission: Mission, slots: Sequence[Slot]) -> dict[str, RoundTable]:
    return {
        t.table: RoundTable(
            t.host,
            t.table,
            frozenset(s.index for s in slots if s.session_key == t.session),
            t.seats,
        )
        for t in mission.investor_tables
    }


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


_Covers = dict[str, list[Interpreter]]


def _coverage(mission: Mission, pools: dict[str, InterpreterSpec]) -> _Covers:
    """The interpreters of each pool."""
    by_key = {x.key: x for x in mission.interpreters}
    return {k: [by_key[m] for m in pool.members if m in by_key] for k, pool in pools.items()}


def interprets(interpreter: Interpreter, languages: Sequence[frozenset[str]]) -> bool:
    """Whether one interpreter bridges every two parties that share no language."""
    for i, a in enumerate(languages):
        for b in languages[i + 1 :]:
            if len(a & b) == 0 and not any(interpreter.covers(p, q) for p in a for q in b):
                return False
    return True


def shared(languages: Sequence[frozenset[str]]) -> bool:
    """Whether every two parties share a language."""
    return all(len(a & b) > 0 for i, a in enumerate(languages) for b in languages[i + 1 :])


def _options(
    pair: Pair, problem: Problem, covers: _Covers, hosted: dict[tuple[str, int], RoundTable]
) -> list[Option]:
    out = []
    parties = [problem.parties[k] for k in pair.parties]
    hosting = {t.host for t in hosted.values()}
    # A host meets startups at its table, in the rounds, and nowhere else.
    at_table = len(pair.others) == 0 and any(
        p.key in hosting and q.startup for p, q in (parties, parties[::-1])
    )
    for slot in problem.slots:
        s = slot.index
        hosts = [hosted.get((k, s)) for k in pair.parties]
        seat = None
        if at_table and all(h is None for h in hosts):
            continue
        if any(h is not None for h in hosts):
            host = next(h for h in hosts if h is not None)
            guest = next(p for p in parties if p.key != host.host)
            if len(pair.others) > 0 or not guest.startup or hosts.count(None) != 1:
                continue
            seat = host.table
        present = [[g for g in p.delegates if s in g.slots] for p in parties]
        for combo in product(*present):
            languages = [g.languages for g in combo]
            attendees = tuple(g.key for g in combo)
            if shared(languages):
                out.append(Option(pair.id, s, (), False, attendees, seat))
                continue
            able = tuple(
                k
                for k, pool in problem.interpreters.items()
                if s in pool.slots and any(interprets(x, languages) for x in covers[k])
            )
            if len(able) > 0:
                out.append(Option(pair.id, s, able, True, attendees, seat))
    return out
