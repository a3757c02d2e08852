"""A schedule: the meetings, how it was found, and how good it provably is."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from corridor.core.mission import Meeting
from corridor.schedule.problem import InterpreterSpec, Problem


@dataclass(slots=True)
class Schedule:
    """Meetings plus the solver's account: weight, bound, status, time."""

    meetings: list[Meeting]
    solver: str
    weight: int
    bound: float | None = None
    status: str = ""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    objective: float | None = None  # weight plus the startup floor bonus
    objective_bound: float | None = None  # a proven upper bound on it
    holes_before: int | None = None  # one-slot holes before the holes tier ran
    proof_seconds: float | None = None  # until the objective was proven (or gave up)

    def proven(self) -> bool:
        """Whether the objective is proven optimal (equal to its proven bound)."""
        if self.objective is None or self.objective_bound is None:
            return False
        return self.objective >= self.objective_bound - 1e-6

    def gap(self) -> float | None:
        """How far from the proven best this schedule can be (0.0 = optimal)."""
        if self.bound is None or self.bound <= 0:
            return None
        return max(0.0, 1 - self.weight / self.bound)


def weight_of(problem: Problem, meetings: Sequence[Meeting]) -> int:
    """Total weight of the pairs a schedule meets."""
    weights = {p.parties: p.weight for p in problem.pairs}
    return sum(weights.get(m.parties, 0) for m in meetings)


def holes(problem: Problem, meetings: Sequence[Meeting]) -> int:
    """One-slot holes in people's days: a free slot between two meetings of the same
    person within a session (an organisation without named delegates counts as one)."""
    busy: set[tuple[str, int]] = set()
    for m in meetings:
        for who in m.attendees or m.parties:
            busy.add((who, m.slot))
    people = {who for who, _ in busy}
    return sum(
        1
        for run in problem.runs()
        for i in range(1, len(run) - 1)
        for who in people
        if (who, run[i - 1]) in busy and (who, run[i + 1]) in busy and (who, run[i]) not in busy
    )


def meeting_of(problem: Problem, index: int, interpreter: str | None) -> Meeting:
    """The meeting of option ``index``: attendees still as delegate groups, the table
    set only for a seat at a table in rounds."""
    o = problem.options[index]
    pair = problem.pairs[o.pair]
    return Meeting(pair.a, pair.b, o.slot, o.seat or "", interpreter, o.attendees, pair.others)


def member_groups(problem: Problem) -> dict[str, str]:
    """Each named delegate → the key of its group."""
    return {member: d.key for d in problem.delegates().values() for member in d.members}


def group_keys(
    problem: Problem, meeting: Meeting, of: dict[str, str] | None = None
) -> tuple[str, ...]:
    """The delegate groups of a meeting's attendees (named or not); ``of`` is
    ``member_groups(problem)`` when the caller already has it."""
    of = member_groups(problem) if of is None else of
    return tuple(of.get(a, a) for a in meeting.attendees)


def assign_delegates(
    problem: Problem,
    meetings: Sequence[Meeting],
    prefer: Mapping[tuple[tuple[str, ...], int], tuple[str, ...]] | None = None,
) -> list[Meeting]:
    """Name the delegate of every party seated against a group of delegates: slot by
    slot, the group's members in order, each in one meeting (a host at its table in
    rounds sits once for all its seats). ``prefer`` gives, by (parties, slot), the
    people a meeting had before (a replan): each keeps them while they are in the group
    and free then."""
    groups = problem.delegates()
    taken: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)  # place → member
    ordered = sorted(meetings, key=lambda m: (m.slot, m.parties, m.table))
    wanted = prefer or {}
    for n, m in enumerate(ordered if wanted else ()):  # first the names meetings had before
        before = wanted.get((m.parties, m.slot), ())
        for org, key, name in zip(m.parties, m.attendees, before, strict=False):
            group = groups.get(key)
            used = taken[(key, m.slot)]
            place = _seat(problem, m, n, org)
            if group is not None and name in group.members and name not in used.values():
                used.setdefault(place, name)
    out = []
    for n, m in enumerate(ordered):
        names = []
        for org, key in zip(m.parties, m.attendees, strict=True):
            group = groups.get(key)
            if group is None or len(group.members) == 0:
                names.append(key)
                continue
            place = _seat(problem, m, n, org)
            used = taken[(key, m.slot)]
            if place not in used:
                free = [p for p in group.members if p not in used.values()]
                used[place] = free[0] if free else group.members[0]
            names.append(used[place])
        out.append(replace(m, attendees=tuple(names)))
    return out


def _seat(problem: Problem, m: Meeting, n: int, org: str) -> str:
    """Where ``org``'s delegate sits for the ``n``-th meeting: its own table when it
    hosts a round there (once for all its seats), else that meeting."""
    seat = problem.round_tables.get(m.table)
    host = seat.host if seat is not None and m.slot in seat.slots else None
    return f"table:{m.table}" if org == host else f"meeting:{n}"


def finish(problem: Problem, meetings: Sequence[Meeting]) -> list[Meeting]:
    """Name delegates and interpreters, then seat every meeting at a table."""
    return assign_tables(problem, assign_interpreters(problem, assign_delegates(problem, meetings)))


def assign_tables(
    problem: Problem,
    meetings: Sequence[Meeting],
    prefer: dict[tuple[str, str, int], str] | None = None,
) -> list[Meeting]:
    """Put every meeting at a table: an organisation's own table first, interpreted
    meetings at interpreted tables, the rest at free tables (deterministic order).

    ``prefer`` maps (org_a, org_b, slot) to a table to keep when it is still allowed,
    which is how a replanned schedule leaves unaffected meetings where they were.
    """
    wanted = prefer or {}
    out: list[Meeting] = []
    by_slot: dict[int, list[Meeting]] = defaultdict(list)
    for m in meetings:
        by_slot[m.slot].append(m)
    for slot in sorted(by_slot):
        used: set[str] = set()
        rest = []
        for m in sorted(by_slot[slot], key=lambda m: m.parties):
            seat = problem.round_tables.get(m.table)
            if seat is not None and slot in seat.slots:  # a seat in rounds stays there
                out.append(m)
                continue
            table = wanted.get((m.org_a, m.org_b, slot))
            if table is not None and table not in used and _allowed(problem, m, table):
                used.add(table)
                out.append(replace(m, table=table))
            else:
                rest.append(m)
        for m in sorted(rest, key=lambda m: (_rank(problem, m), m.parties)):
            table = _table_for(problem, m, used)
            used.add(table)
            out.append(replace(m, table=table))
    return sorted(out, key=lambda m: (m.slot, m.table))


def _own(problem: Problem, m: Meeting) -> list[str]:
    return [t for org in m.parties for t in problem.org_tables.get(org, ())]


def _allowed(problem: Problem, m: Meeting, table: str) -> bool:
    own = _own(problem, m)
    if table in own or table in problem.free_tables:
        return True
    return table in problem.interpreted_tables and m.interpreter is not None


def _rank(problem: Problem, m: Meeting) -> int:
    if any(org in problem.org_tables for org in m.parties):
        return 0
    return 1 if m.interpreter is not None else 2


def _table_for(problem: Problem, m: Meeting, used: set[str]) -> str:
    own = _own(problem, m)
    pools = [
        own,
        list(problem.interpreted_tables) if m.interpreter else [],
        list(problem.free_tables),
    ]
    for pool in pools:
        for table in pool:
            if table not in used:
                return table
    raise ValueError(f"no table left in slot {m.slot} for {m.org_a}–{m.org_b}")


def pool_of(problem: Problem, interpreter: str | None) -> str | None:
    """The pool an interpreter belongs to (pool keys map to themselves)."""
    if interpreter is None or interpreter in problem.interpreters:
        return interpreter
    return next((k for k, p in problem.interpreters.items() if interpreter in p.members), None)


def assign_interpreters(
    problem: Problem,
    meetings: Sequence[Meeting],
    prefer: dict[tuple[str, str, int], str] | None = None,
) -> list[Meeting]:
    """Name the interpreter of every meeting seated against a pool.

    Slot by slot in time order, each pool's meetings go to the members who have
    been interpreting the shortest run (then the fewest meetings), within each
    member's consecutive and total limits. That quick pass can paint itself into a
    corner even when the pool's limits hold (one member spent early, the other
    resting), most often when ``prefer`` keeps replanned meetings with their old
    interpreter; a pool it cannot staff is then named exactly (``_exact_members``),
    and the validator checks the result either way.
    """
    by_slot: dict[int, list[Meeting]] = defaultdict(list)
    for m in meetings:
        by_slot[m.slot].append(m)
    streak: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    previous: set[str] = set()
    session_of = {s.index: s.session_key for s in problem.slots}
    last_session = None
    out: list[Meeting] = []
    stuck: set[str] = set()
    for slot in sorted(by_slot):
        if session_of.get(slot) != last_session:
            streak.clear()
            previous = set()
            last_session = session_of.get(slot)
        busy: set[str] = set()
        for m in sorted(by_slot[slot], key=lambda m: (_unpreferred(m, prefer), m.org_a, m.org_b)):
            pool = problem.interpreters.get(m.interpreter or "")
            if pool is None:
                out.append(m)
                continue
            member, fits = _member(
                pool, busy, streak, total, (prefer or {}).get((m.org_a, m.org_b, m.slot))
            )
            if not fits:
                stuck.add(pool.key)
            busy.add(member)
            total[member] += 1
            out.append(replace(m, interpreter=member))
        for key in {*previous, *busy}:
            streak[key] = streak[key] + 1 if key in busy else 0
        previous = busy
    for key in sorted(stuck):
        pool = problem.interpreters[key]
        mine = [m for m in meetings if m.interpreter == key]
        exact = _exact_members(problem, pool, mine, prefer or {})
        if exact is not None:
            out = [m for m in out if m.interpreter not in pool.members] + exact
    return out


def _exact_members(
    problem: Problem,
    pool: InterpreterSpec,
    meetings: Sequence[Meeting],
    prefer: dict[tuple[str, str, int], str],
) -> list[Meeting] | None:
    """Name a pool's members for its meetings with CP-SAT: one member per meeting, one
    meeting per member and slot, each member within the total and consecutive limits,
    keeping as many preferred names as possible. None when no naming exists (the
    validator then reports the pool's overload)."""
    model = cp_model.CpModel()
    members = list(pool.members) or [pool.key]
    z = {
        (j, k): model.new_bool_var(f"z{j}_{k}")
        for j in range(len(meetings))
        for k in range(len(members))
    }
    slots: dict[int, list[int]] = defaultdict(list)
    for j, m in enumerate(meetings):
        model.add_exactly_one(z[(j, k)] for k in range(len(members)))
        slots[m.slot].append(j)
    for k in range(len(members)):
        for js in slots.values():
            model.add_at_most_one(z[(j, k)] for j in js)
        if pool.max_meetings is not None:
            model.add(sum(z[(j, k)] for j in range(len(meetings))) <= pool.max_meetings)
        if pool.max_consecutive is not None:
            run_length = pool.max_consecutive + 1
            for run in problem.runs():
                for i in range(len(run) - run_length + 1):
                    inside = [z[(j, k)] for s in run[i : i + run_length] for j in slots.get(s, [])]
                    if len(inside) > pool.max_consecutive:
                        model.add(sum(inside) <= pool.max_consecutive)
    kept = [
        z[(j, members.index(name))]
        for j, m in enumerate(meetings)
        if (name := prefer.get((m.org_a, m.org_b, m.slot))) in members
    ]
    model.maximize(sum(kept))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 1
    solver.parameters.max_deterministic_time = 10.0
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return [
        replace(
            m, interpreter=next(members[k] for k in range(len(members)) if solver.value(z[(j, k)]))
        )
        for j, m in enumerate(meetings)
    ]


def _unpreferred(m: Meeting, prefer: dict[tuple[str, str, int], str] | None) -> bool:
    """Meetings that keep a named interpreter choose first, so nobody takes theirs."""
    return prefer is None or (m.org_a, m.org_b, m.slot) not in prefer


def _member(
    pool: InterpreterSpec,
    busy: set[str],
    streak: dict[str, int],
    total: dict[str, int],
    wanted: str | None = None,
) -> tuple[str, bool]:
    """The member for a meeting, and whether that member is within the limits."""
    free = [
        k
        for k in pool.members
        if k not in busy
        and (pool.max_consecutive is None or streak[k] < pool.max_consecutive)
        and (pool.max_meetings is None or total[k] < pool.max_meetings)
    ]
    if len(free) == 0:  # cornered: a placeholder now, the exact naming replaces it
        return (next((k for k in pool.members if k not in busy), pool.members[0]), False)
    if wanted in free:
        return (wanted, True)  # replanning keeps the interpreter a meeting already had
    return (min(free, key=lambda k: (streak[k], total[k], k)), True)
