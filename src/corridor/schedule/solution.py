"""A schedule: the meetings, how it was found, and how good it provably is."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

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

    def gap(self) -> float | None:
        """How far from the proven best this schedule can be (0.0 = optimal)."""
        if self.bound is None or self.bound <= 0:
            return None
        return max(0.0, 1 - self.weight / self.bound)


def weight_of(problem: Problem, meetings: Sequence[Meeting]) -> int:
    """Total weight of the pairs a schedule meets."""
    weights = {(p.a, p.b): p.weight for p in problem.pairs}
    return sum(weights.get((m.org_a, m.org_b), 0) for m in meetings)


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
        for m in sorted(by_slot[slot], key=lambda m: (m.org_a, m.org_b)):
            table = wanted.get((m.org_a, m.org_b, slot))
            if table is not None and table not in used and _allowed(problem, m, table):
                used.add(table)
                out.append(replace(m, table=table))
            else:
                rest.append(m)
        for m in sorted(rest, key=lambda m: (_rank(problem, m), m.org_a, m.org_b)):
            table = _table_for(problem, m, used)
            used.add(table)
            out.append(replace(m, table=table))
    return sorted(out, key=lambda m: (m.slot, m.table))


def _allowed(problem: Problem, m: Meeting, table: str) -> bool:
    own = (*problem.org_tables.get(m.org_a, ()), *problem.org_tables.get(m.org_b, ()))
    if table in own or table in problem.free_tables:
        return True
    return table in problem.interpreted_tables and m.interpreter is not None


def _rank(problem: Problem, m: Meeting) -> int:
    if m.org_a in problem.org_tables or m.org_b in problem.org_tables:
        return 0
    return 1 if m.interpreter is not None else 2


def _table_for(problem: Problem, m: Meeting, used: set[str]) -> str:
    own = [*problem.org_tables.get(m.org_a, ()), *problem.org_tables.get(m.org_b, ())]
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
    member's consecutive and total limits; the solvers' pool-level constraints make
    this succeed, and the validator checks it did.
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
            member = _member(
                pool, busy, streak, total, (prefer or {}).get((m.org_a, m.org_b, m.slot))
            )
            busy.add(member)
            total[member] += 1
            out.append(replace(m, interpreter=member))
        for key in {*previous, *busy}:
            streak[key] = streak[key] + 1 if key in busy else 0
        previous = busy
    return out


def _unpreferred(m: Meeting, prefer: dict[tuple[str, str, int], str] | None) -> bool:
    """Meetings that keep a named interpreter choose first, so nobody takes theirs."""
    return prefer is None or (m.org_a, m.org_b, m.slot) not in prefer


def _member(
    pool: InterpreterSpec,
    busy: set[str],
    streak: dict[str, int],
    total: dict[str, int],
    wanted: str | None = None,
) -> str:
    free = [
        k
        for k in pool.members
        if k not in busy
        and (pool.max_consecutive is None or streak[k] < pool.max_consecutive)
        and (pool.max_meetings is None or total[k] < pool.max_meetings)
    ]
    if len(free) == 0:  # cannot happen under the pool constraints; the validator would say
        free = [k for k in pool.members if k not in busy] or list(pool.members)
    if wanted in free:
        return wanted  # replanning keeps the interpreter a meeting already had
    return min(free, key=lambda k: (streak[k], total[k], k))
