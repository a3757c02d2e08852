"""OR-Tools CP-SAT: the exact model, time-limited, deterministic, warm-started.

Variables: ``x[o]`` for each option (a pair in a slot) and ``y[o, i]`` for each
interpreter that could serve an interpreted option. Constraints: a pair meets at
most once; an organisation is in at most one meeting per slot and at most its
maximum overall; tables per slot (see ``capacity``); an interpreted option has
exactly one interpreter; an interpreter is in one place per slot, within its
total and its consecutive-slot limit. Objective (a documented weighted form of
"worst-off first"): total weight plus ``floor_weight`` for every startup with at
least one meeting, where ``floor_weight`` exceeds what one forced meeting can
displace (two pairs of the heaviest weight), so a startup is left out only when
no schedule can seat it.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from corridor.core.mission import Meeting
from corridor.schedule.capacity import interpreter_groups, option_groups, startup_options
from corridor.schedule.problem import Option, Problem
from corridor.schedule.solution import (
    Schedule,
    finish,
    group_keys,
    meeting_of,
    member_groups,
    weight_of,
)


def floor_weight(problem: Problem) -> int:
    """The bonus per startup with a meeting (see the module docstring)."""
    return 2 * max((p.weight for p in problem.pairs), default=1) + 1


class Model:
    """The CP-SAT model of a problem, kept so repair can add to it."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.model = cp_model.CpModel()
        m = self.model
        self.x = [m.new_bool_var(f"x{i}") for i in range(len(problem.options))]
        self.y: dict[tuple[int, str], cp_model.IntVar] = {}
        for i, option in enumerate(problem.options):
            for key in option.interpreters:
                self.y[(i, key)] = m.new_bool_var(f"y{i}_{key}")
        self._constrain()
        self.weight_expr = sum(
            problem.pairs[o.pair].weight * self.x[i] for i, o in enumerate(problem.options)
        )
        self.startups = self._startup_floor()

    def _constrain(self) -> None:
        p, m = self.problem, self.model
        for i, o in enumerate(p.options):
            if o.needs_interpreter:
                m.add(sum(self.y[(i, k)] for k in o.interpreters) == self.x[i])
        for group, limit in option_groups(p):
            if limit == 1:
                m.add_at_most_one(self.x[i] for i in group)
            elif len(group) > limit:
                m.add(sum(self.x[i] for i in group) <= limit)
        self._interpreters()

    def _interpreters(self) -> None:
        for group, limit in interpreter_groups(self.problem):
            if len(group) > limit:
                self.model.add(sum(self.y[v] for v in group) <= limit)

    def _startup_floor(self) -> list[cp_model.IntVar]:
        out = []
        for org, group in startup_options(self.problem).items():
            z = self.model.new_bool_var(f"z_{org}")
            self.model.add(z <= sum(self.x[i] for i in group))
            out.append(z)
        return out

    def objective(self) -> cp_model.LinearExprT:
        """Weight plus the startup floor bonus."""
        return self.weight_expr + floor_weight(self.problem) * sum(self.startups)

    def hint(self, meetings: list[Meeting]) -> None:
        """Start the search from a known schedule (the greedy one)."""
        p = self.problem
        of = member_groups(p)
        chosen = {(m.parties, m.slot, group_keys(p, m, of)): m.interpreter for m in meetings}
        for i, o in enumerate(p.options):
            key = (p.pairs[o.pair].parties, o.slot, o.attendees)
            self.model.add_hint(self.x[i], key in chosen)
            for k in o.interpreters:
                self.model.add_hint(self.y[(i, k)], key in chosen and chosen[key] == k)

    def meetings(self, solver: cp_model.CpSolver) -> list[Meeting]:
        """The meetings of a solved model."""
        out = []
        for i, o in enumerate(self.problem.options):
            if solver.boolean_value(self.x[i]):
                interpreter = next(
                    (k for k in o.interpreters if solver.boolean_value(self.y[(i, k)])), None
                )
                out.append(meeting_of(self.problem, i, interpreter))
        return out


def configure(solver: cp_model.CpSolver, time_limit: float, workers: int, seed: int) -> None:
    """Deterministic parallel search (interleaved), bounded by deterministic time."""
    params = solver.parameters
    params.num_workers = workers
    params.random_seed = seed
    params.interleave_search = True
    params.max_deterministic_time = time_limit
    params.max_time_in_seconds = time_limit * 10  # a wall-clock safety net only


def solve_cpsat(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    workers: int = 2,
    seed: int = 1,
    hint: list[Meeting] | None = None,
) -> Schedule:
    """Solve with CP-SAT; the bound reported is CP-SAT's own proven bound on weight."""
    start = time.perf_counter()
    model = Model(problem)
    if hint:
        model.hint(hint)
    model.model.maximize(model.objective())
    solver = cp_model.CpSolver()
    configure(solver, time_limit, workers, seed)
    status = solver.solve(model.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Schedule(
            [], "cpsat", 0, status=solver.status_name(status), seconds=time.perf_counter() - start
        )
    meetings = finish(problem, model.meetings(solver))
    return Schedule(
        meetings,
        "cpsat",
        weight_of(problem, meetings),
        bound=None,
        status=solver.status_name(status),
        seconds=time.perf_counter() - start,
    )


__all__ = ["Model", "Option", "configure", "floor_weight", "solve_cpsat"]
