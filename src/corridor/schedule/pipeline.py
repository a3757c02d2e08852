"""The default solve: greedy start, HiGHS LP bounds, exact solves on the columns that matter.

1. The LP relaxation of weight plus the startup floor is nearly integral, so the
   options it uses (plus the greedy schedule's, plus every option of a startup the
   LP seats nowhere) hold an optimal schedule in practice; HiGHS MIP solves that
   restricted model exactly in about a second on 2,000 requests.
2. Proof for the full problem: the LP's reduced costs bound what any schedule
   using a left-out option can reach (``Relaxation.could_reach``). When no
   left-out option could beat the restricted optimum, it is the optimum of the
   whole problem; otherwise those options join and HiGHS solves again, and that
   optimum is proven the same way. Only when HiGHS runs out of time does CP-SAT
   continue from its schedule, and the LP value stays the reported bound.
3. The holes tier: at that same weight plus floor, fewer one-slot holes in
   people's days (``holes.fewer_holes``: moves that keep every meeting, so a
   proven optimum stays proven).

``bound`` is the LP bound on weight alone, valid for the full problem;
``objective_bound`` is the proven bound on weight plus floor.
"""

from __future__ import annotations

import time
from dataclasses import replace

from corridor.core.mission import Meeting
from corridor.schedule.bound import Relaxation, relax
from corridor.schedule.cpsat import floor_weight, solve_cpsat
from corridor.schedule.greedy import solve_greedy
from corridor.schedule.holes import fewer_holes
from corridor.schedule.mip import solve_mip
from corridor.schedule.problem import Problem
from corridor.schedule.solution import (
    Schedule,
    finish,
    holes,
    meeting_of,
    weight_of,
)

SOLVERS = ("cpsat", "greedy")
HOLES_SECONDS = 2.0  # the holes tier's budget: most holes go in the first passes


def restrict(problem: Problem, keep: set[int]) -> Problem:
    """The same problem with only the options whose index is in ``keep``."""
    return replace(problem, options=[o for i, o in enumerate(problem.options) if i in keep])


def objective_of(problem: Problem, meetings: list[Meeting]) -> int:
    """Weight plus the floor bonus of every startup with a meeting."""
    seated = {o for m in meetings for o in m.parties if problem.parties[o].startup}
    return weight_of(problem, meetings) + floor_weight(problem) * len(seated)


def solve(
    problem: Problem,
    solver: str = "cpsat",
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    seed: int = 1,
    fewer_holes: bool = True,
) -> Schedule:
    """Solve with ``cpsat`` (the steps above) or ``greedy``; ``fewer_holes`` runs the
    holes tier after the optimum (``cpsat`` only)."""
    if solver not in SOLVERS:
        raise ValueError(f"solver must be one of {', '.join(SOLVERS)}")
    start = time.perf_counter()
    if solver == "greedy":
        greedy = solve_greedy(problem)
        relaxed = relax(problem, floor_weight(problem))
        greedy.bound = relaxed.weight
        greedy.objective = objective_of(problem, greedy.meetings)
        greedy.objective_bound = relaxed.value
        greedy.seconds = time.perf_counter() - start
        return greedy
    floor = floor_weight(problem)
    relaxed = relax(problem, floor)
    keep = _support(problem, relaxed)
    result, raw = _exact(problem, relaxed, keep, time_limit, workers, seed)
    result.proof_seconds = time.perf_counter() - start
    result.holes_before = holes(problem, result.meetings)
    if fewer_holes and result.holes_before > 0 and len(raw) > 0:
        _holes_tier(problem, result, raw, min(time_limit, HOLES_SECONDS))
    result.bound = relaxed.weight
    result.seconds = time.perf_counter() - start
    return result


def _support(problem: Problem, relaxed: Relaxation) -> set[int]:
    """The LP's options and every option of a startup the LP seats nowhere (so the
    floor can still seat it)."""
    keep = {i for i in range(len(problem.options)) if relaxed.x[i] > 1e-6}
    seated = {org for i in keep for org in _orgs(problem, i)}
    keep |= {
        i
        for i in range(len(problem.options))
        if any(problem.parties[o].startup and o not in seated for o in _orgs(problem, i))
    }
    return keep


def _exact(
    problem: Problem,
    relaxed: Relaxation,
    keep: set[int],
    time_limit: float,
    workers: int,
    seed: int,
) -> tuple[Schedule, list[Meeting]]:
    """Steps 1 and 2: the restricted optimum, then its proof (or a wider solve)."""
    floor = floor_weight(problem)
    notes = []
    for _ in range(2):
        meetings, status, _ = solve_mip(restrict(problem, keep), floor, time_limit)
        if status != "Optimal":
            break
        value = objective_of(problem, meetings)
        wider = relaxed.could_reach(value + 1)
        notes.append(f"restricted to {len(keep)} of {len(problem.options)} options")
        if wider <= keep:  # nothing left out could beat it: optimal for the full problem
            placed = finish(problem, meetings)
            result = Schedule(placed, "lp+mip", weight_of(problem, placed), status="OPTIMAL")
            result.objective = result.objective_bound = value
            result.notes = notes
            return result, meetings
        keep |= wider
    # HiGHS ran out of time: CP-SAT continues from its best schedule (or the greedy
    # one), and the better of the two stands.
    greedy = solve_greedy(problem)
    result = solve_cpsat(
        restrict(problem, keep),
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        hint=meetings or greedy.meetings,
    )
    candidates = [result, greedy]
    if len(meetings) > 0:
        placed = finish(problem, meetings)
        candidates.append(Schedule(placed, "lp+mip", weight_of(problem, placed), status=status))
    result = max(candidates, key=lambda s: objective_of(problem, s.meetings))
    result.objective = objective_of(problem, result.meetings)
    result.objective_bound = relaxed.value
    result.notes = [*notes, f"restricted to {len(keep)} of {len(problem.options)} options"]
    return result, []


def _holes_tier(problem: Problem, result: Schedule, raw: list[Meeting], seconds: float) -> None:
    """Step 3, in place: the same meetings, moved to leave fewer holes."""
    # Moves stay within the met pairs' options, so the rules of those options are
    # all the tier needs (a rule no chosen option is in cannot be broken by a move).
    met = {m.parties for m in raw}
    local = restrict(
        problem, {i for i, o in enumerate(problem.options) if problem.pairs[o.pair].parties in met}
    )
    index = {_key(local, i): i for i in range(len(local.options))}
    chosen = {index[(m.parties, m.slot, m.attendees)]: m.interpreter for m in raw}
    moved = fewer_holes(local, chosen, seconds)
    placed = finish(problem, [meeting_of(local, i, pool) for i, pool in sorted(moved.items())])
    if holes(problem, placed) < (result.holes_before or 0):
        result.meetings = placed
        result.notes.append("holes tier: meetings moved to fewer holes")


def _key(problem: Problem, index: int) -> tuple[tuple[str, ...], int, tuple[str, ...]]:
    option = problem.options[index]
    return problem.pairs[option.pair].parties, option.slot, option.attendees


def _orgs(problem: Problem, index: int) -> tuple[str, ...]:
    return problem.pairs[problem.options[index].pair].parties
