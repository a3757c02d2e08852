"""Minimal-change replanning: after a change, keep published meetings where they are.

The changed problem is solved again with a bonus for every published meeting kept
in its slot (``keep_bonus``, by default more than one move can gain: a meeting's
weight plus a startup's floor), so a meeting moves only when moving it seats more
than it costs. The result lists
exactly which published meetings were kept, moved or dropped, and which are new.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from corridor.core.mission import Meeting
from corridor.schedule.bound import lp_bound
from corridor.schedule.cpsat import Model, configure, floor_weight
from corridor.schedule.greedy import solve_greedy
from corridor.schedule.pipeline import restrict
from corridor.schedule.problem import Problem
from corridor.schedule.solution import (
    Schedule,
    assign_delegates,
    assign_interpreters,
    assign_tables,
    group_keys,
    member_groups,
    pool_of,
    weight_of,
)


@dataclass(slots=True)
class Changes:
    """What replanning did to the published schedule."""

    kept: list[Meeting] = field(default_factory=list)
    moved: list[tuple[Meeting, Meeting]] = field(default_factory=list)  # (before, after)
    dropped: list[Meeting] = field(default_factory=list)
    added: list[Meeting] = field(default_factory=list)

    def moved_share(self, published: int) -> float:
        """Share of published meetings that moved or were dropped."""
        return (len(self.moved) + len(self.dropped)) / published if published else 0.0


def replan(
    problem: Problem,
    published: Sequence[Meeting],
    *,
    time_limit: float = 5.0,
    workers: int = 2,
    seed: int = 1,
    keep_bonus: int | None = None,
) -> tuple[Schedule, Changes]:
    """Re-solve ``problem`` (already reflecting the change) close to ``published``."""
    start = time.perf_counter()
    # By default keeping a meeting outweighs anything one move could gain (a meeting's
    # weight plus a startup's floor), so published meetings move only when needed.
    bonus = (
        keep_bonus
        if keep_bonus is not None
        else floor_weight(problem) + max((p.weight for p in problem.pairs), default=1) + 1
    )
    before = {(m.org_a, m.org_b): m for m in published}
    bound = lp_bound(problem)
    keep_index = {
        i
        for i, o in enumerate(problem.options)
        if bound.x[i] > 1e-6 or _matches(problem, i, before)
    }
    greedy = solve_greedy(problem)
    chosen = {(m.org_a, m.org_b, m.slot) for m in greedy.meetings}
    keep_index |= {
        i
        for i, o in enumerate(problem.options)
        if (problem.pairs[o.pair].a, problem.pairs[o.pair].b, o.slot) in chosen
    }
    restricted = restrict(problem, keep_index)
    model = Model(restricted)
    kept_vars = [
        model.x[i] for i in range(len(restricted.options)) if _matches(restricted, i, before)
    ]
    weights = [bonus] * len(kept_vars)
    # The same interpreter pool counts too (a small extra bonus; names are kept later).
    same_pool = [
        var
        for (i, key), var in model.y.items()
        if _matches(restricted, i, before) and _old(restricted, i, before) == key
    ]
    kept_vars += same_pool
    weights += [1] * len(same_pool)
    # And the same delegates: an option seats particular delegate groups.
    of = member_groups(restricted)
    people = {(m.org_a, m.org_b): group_keys(restricted, m, of) for m in published}
    same_people = [
        model.x[i]
        for i, o in enumerate(restricted.options)
        if _matches(restricted, i, before)
        and o.attendees == people[(restricted.pairs[o.pair].a, restricted.pairs[o.pair].b)]
    ]
    kept_vars += same_people
    weights += [1] * len(same_people)
    requested = {(p.a, p.b) for p in problem.pairs}
    model.hint(
        [
            replace(m, interpreter=pool_of(problem, m.interpreter))
            for m in published
            if (m.org_a, m.org_b) in requested
        ]
    )
    keep = cp_model.LinearExpr.weighted_sum(kept_vars, weights)
    model.model.maximize(cp_model.LinearExpr.sum([model.objective(), keep]))
    solver = cp_model.CpSolver()
    configure(solver, time_limit, workers, seed)
    status = solver.solve(model.model)
    meetings = _place(problem, model.meetings(solver), before)
    schedule = Schedule(
        meetings,
        "cpsat-repair",
        weight_of(problem, meetings),
        bound.value,
        solver.status_name(status),
        time.perf_counter() - start,
    )
    return schedule, diff(published, meetings)


def _matches(problem: Problem, index: int, before: dict[tuple[str, str], Meeting]) -> bool:
    option = problem.options[index]
    pair = problem.pairs[option.pair]
    old = before.get((pair.a, pair.b))
    return old is not None and old.slot == option.slot


def _old(problem: Problem, index: int, before: dict[tuple[str, str], Meeting]) -> str | None:
    pair = problem.pairs[problem.options[index].pair]
    old = before.get((pair.a, pair.b))
    return None if old is None else pool_of(problem, old.interpreter)


def _place(
    problem: Problem, meetings: list[Meeting], before: dict[tuple[str, str], Meeting]
) -> list[Meeting]:
    """Tables for the new schedule, keeping a kept meeting's table where allowed."""
    prefer = {(m.org_a, m.org_b, m.slot): m.table for m in before.values()}
    people = {(m.org_a, m.org_b, m.slot): m.interpreter for m in before.values() if m.interpreter}
    delegates = {(m.parties, m.slot): m.attendees for m in before.values()}
    named = assign_interpreters(problem, assign_delegates(problem, meetings, delegates), people)
    return assign_tables(problem, named, prefer)


def diff(published: Sequence[Meeting], meetings: Sequence[Meeting]) -> Changes:
    """Which published meetings stayed, moved or went, and which are new. A meeting
    whose time, table, interpreter or delegates changed has moved: someone's agenda
    is not what was published."""
    new = {(m.org_a, m.org_b): m for m in meetings}
    changes = Changes()
    for old in published:
        now = new.pop((old.org_a, old.org_b), None)
        if now is None:
            changes.dropped.append(old)
        elif (now.slot, now.table, now.interpreter, now.attendees) == (
            old.slot,
            old.table,
            old.interpreter,
            old.attendees,
        ):
            changes.kept.append(now)
        else:
            changes.moved.append((old, now))
    changes.added = sorted(new.values(), key=lambda m: (m.slot, m.table))
    return changes
