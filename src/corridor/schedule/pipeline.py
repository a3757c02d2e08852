"""The default solve: greedy start, HiGHS LP bound, exact solve on the columns that matter.

The LP relaxation of this problem is nearly integral, so the options the LP uses
(plus the greedy schedule's, plus every option of a startup the LP seats nowhere,
so the startup floor can be met) hold an optimal schedule in practice. That
restricted model is solved exactly by HiGHS MIP in well under a second on 2,000
requests; only when HiGHS cannot prove it optimal in time does CP-SAT continue
from HiGHS's schedule (deterministic, multi-worker). The bound reported is the
LP's, valid for the full problem, so the gap is honest even when the restriction
or the startup floor cost something.
"""

from __future__ import annotations

import time
from dataclasses import replace

from corridor.schedule.bound import lp_bound
from corridor.schedule.cpsat import floor_weight, solve_cpsat
from corridor.schedule.greedy import solve_greedy
from corridor.schedule.mip import solve_mip
from corridor.schedule.problem import Problem
from corridor.schedule.solution import Schedule, finish, group_keys, weight_of

SOLVERS = ("cpsat", "greedy")


def restrict(problem: Problem, keep: set[int]) -> Problem:
    """The same problem with only the options whose index is in ``keep``."""
    return replace(problem, options=[o for i, o in enumerate(problem.options) if i in keep])


def solve(
    problem: Problem,
    solver: str = "cpsat",
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    seed: int = 1,
) -> Schedule:
    """Solve with ``cpsat`` (greedy → LP → restricted MIP → CP-SAT if needed) or ``greedy``."""
    if solver not in SOLVERS:
        raise ValueError(f"solver must be one of {', '.join(SOLVERS)}")
    start = time.perf_counter()
    greedy = solve_greedy(problem)
    bound = lp_bound(problem)
    if solver == "greedy":
        greedy.bound = bound.value
        greedy.seconds = time.perf_counter() - start
        return greedy
    chosen = {(m.parties, m.slot, group_keys(problem, m)) for m in greedy.meetings}
    keep = {
        i for i, o in enumerate(problem.options) if bound.x[i] > 1e-6 or _key(problem, i) in chosen
    }
    seated = {org for i in keep for org in _orgs(problem, i)}
    # A startup the LP seats nowhere keeps all its options, so the floor can still seat it.
    keep |= {
        i
        for i in range(len(problem.options))
        if any(problem.parties[o].startup and o not in seated for o in _orgs(problem, i))
    }
    restricted = restrict(problem, keep)
    meetings, status, _ = solve_mip(restricted, floor_weight(problem), time_limit)
    if status == "Optimal":
        placed = finish(problem, meetings)
        result = Schedule(
            placed, "lp+mip", weight_of(problem, placed), status="OPTIMAL on the LP support"
        )
    else:  # HiGHS ran out of time: CP-SAT continues from its schedule
        result = solve_cpsat(
            restricted,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            hint=meetings or greedy.meetings,
        )
        if len(result.meetings) == 0:
            result = greedy
    result.bound = bound.value
    result.seconds = time.perf_counter() - start
    result.notes.append(f"restricted to {len(keep)} of {len(problem.options)} options")
    return result


def _key(problem: Problem, index: int) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    option = problem.options[index]
    return problem.pairs[option.pair].parties, option.slot, option.attendees


def _orgs(problem: Problem, index: int) -> tuple[str, ...]:
    return problem.pairs[problem.options[index].pair].parties
