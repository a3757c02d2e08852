"""The greedy baseline: highest weight first, first feasible slot (what event tools do)."""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from corridor.core.mission import Meeting
from corridor.schedule.capacity import uses_own_table, windows
from corridor.schedule.problem import Option, Problem
from corridor.schedule.solution import Schedule, assign_interpreters, assign_tables, weight_of


class _State:
    """Who is busy when, and how full each slot's tables and interpreters are."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.busy: set[tuple[str, int]] = set()
        self.count: dict[str, int] = defaultdict(int)
        self.plain: dict[int, int] = defaultdict(int)
        self.shared: dict[int, int] = defaultdict(int)
        self.interpreting: dict[str, Counter[int]] = defaultdict(Counter)
        self.windows_by_size: dict[int, dict[int, list[list[int]]]] = {}

    def fits(self, option: Option, own_table: bool, a: str, b: str) -> str | bool | None:
        """The interpreter to use (None when none is needed), or False if it cannot fit."""
        p = self.problem
        if (a, option.slot) in self.busy or (b, option.slot) in self.busy:
            return False
        if self.count[a] >= p.parties[a].max_meetings or self.count[b] >= p.parties[b].max_meetings:
            return False
        if not own_table:
            total = len(p.free_tables) + len(p.interpreted_tables)
            if self.shared[option.slot] >= total:
                return False
            if not option.needs_interpreter and self.plain[option.slot] >= len(p.free_tables):
                return False
        if not option.needs_interpreter:
            return None
        for key in option.interpreters:
            if self._interpreter_free(key, option.slot):
                return key
        return False

    def _interpreter_free(self, key: str, slot: int) -> bool:
        spec, booked = self.problem.interpreters[key], self.interpreting[key]
        if booked[slot] >= spec.size:
            return False
        if spec.max_meetings is not None and sum(booked.values()) >= spec.size * spec.max_meetings:
            return False
        if spec.max_consecutive is None:
            return True
        limit = spec.size * spec.max_consecutive
        return all(
            sum(booked[s] for s in window) + 1 <= limit
            for window in self._windows(spec.max_consecutive + 1).get(slot, ())
        )

    def _windows(self, size: int) -> dict[int, list[list[int]]]:
        """The fatigue windows of ``size`` slots each slot lies in (computed once)."""
        if size not in self.windows_by_size:
            by_slot: dict[int, list[list[int]]] = defaultdict(list)
            for window in windows(self.problem, size):
                for s in window:
                    by_slot[s].append(window)
            self.windows_by_size[size] = dict(by_slot)
        return self.windows_by_size[size]

    def book(
        self, option: Option, own_table: bool, a: str, b: str, interpreter: str | None
    ) -> None:
        self.busy |= {(a, option.slot), (b, option.slot)}
        self.count[a] += 1
        self.count[b] += 1
        if not own_table:
            self.shared[option.slot] += 1
            if interpreter is None:
                self.plain[option.slot] += 1
        if interpreter is not None:
            self.interpreting[interpreter][option.slot] += 1


def solve_greedy(problem: Problem) -> Schedule:
    """Schedule pairs by descending weight into their first slot that still fits."""
    start = time.perf_counter()
    state = _State(problem)
    options: dict[int, list[Option]] = defaultdict(list)
    for option in problem.options:
        options[option.pair].append(option)
    meetings: list[Meeting] = []
    for pair in sorted(problem.pairs, key=lambda p: (-p.weight, p.id)):
        own = uses_own_table(problem, pair)
        for option in sorted(options[pair.id], key=lambda o: o.slot):
            fit = state.fits(option, own, pair.a, pair.b)
            if fit is False:
                continue
            interpreter = fit if isinstance(fit, str) else None
            state.book(option, own, pair.a, pair.b, interpreter)
            meetings.append(Meeting(pair.a, pair.b, option.slot, "", interpreter))
            break
    placed = assign_tables(problem, assign_interpreters(problem, meetings))
    return Schedule(
        placed,
        "greedy",
        weight_of(problem, placed),
        status="heuristic",
        seconds=time.perf_counter() - start,
    )
