"""The greedy baseline: highest weight first, first feasible slot (what event tools do)."""

from __future__ import annotations

import time
from collections import defaultdict

from corridor.core.mission import Meeting
from corridor.schedule.capacity import interpreter_groups, option_groups
from corridor.schedule.problem import Problem
from corridor.schedule.solution import Schedule, finish, meeting_of, weight_of


class Room:
    """How much room each "at most N" rule of the model has left."""

    def __init__(self, problem: Problem) -> None:
        rules = option_groups(problem)
        self.left = [limit for _, limit in rules]
        self.rules: list[list[int]] = [[] for _ in problem.options]
        for r, (group, _) in enumerate(rules):
            for i in group:
                self.rules[i].append(r)
        pools = interpreter_groups(problem)
        self.pool_left = [limit for _, limit in pools]
        self.pool_rules: dict[tuple[int, str], list[int]] = defaultdict(list)
        for r, (variables, _) in enumerate(pools):
            for v in variables:
                self.pool_rules[v].append(r)

    def fits(self, problem: Problem, i: int) -> str | bool | None:
        """The interpreter pool to use (None when none is needed), or False."""
        if any(self.left[r] <= 0 for r in self.rules[i]):
            return False
        option = problem.options[i]
        if not option.needs_interpreter:
            return None
        for key in option.interpreters:
            if all(self.pool_left[r] > 0 for r in self.pool_rules[(i, key)]):
                return key
        return False

    def book(self, i: int, interpreter: str | None, count: int = 1) -> None:
        """Take option ``i`` (with that pool); ``count=-1`` gives it back."""
        for r in self.rules[i]:
            self.left[r] -= count
        if interpreter is not None:
            for r in self.pool_rules[(i, interpreter)]:
                self.pool_left[r] -= count


def solve_greedy(problem: Problem) -> Schedule:
    """Schedule pairs by descending weight into their first slot that still fits."""
    start = time.perf_counter()
    room = Room(problem)
    options: dict[int, list[int]] = defaultdict(list)
    for i, option in enumerate(problem.options):
        options[option.pair].append(i)
    meetings: list[Meeting] = []
    for pair in sorted(problem.pairs, key=lambda p: (-p.weight, p.id)):
        ranked = sorted(
            options[pair.id],
            key=lambda i: (problem.options[i].slot, problem.options[i].needs_interpreter),
        )
        for i in ranked:
            fit = room.fits(problem, i)
            if fit is False:
                continue
            interpreter = fit if isinstance(fit, str) else None
            room.book(i, interpreter)
            meetings.append(meeting_of(problem, i, interpreter))
            break
    placed = finish(problem, meetings)
    return Schedule(
        placed,
        "greedy",
        weight_of(problem, placed),
        status="heuristic",
        seconds=time.perf_counter() - start,
    )
