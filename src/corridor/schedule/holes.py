"""The holes tier: fewer one-slot holes in people's days, at the same objective.

A hole is a free slot between two meetings of the same delegate within a session.
After weight and the startup floor, the schedule moves meetings, one at a time, to
another option of the same meeting (another slot, or another delegate of a
delegation) whenever every rule still holds and the delegates concerned have
fewer holes. A move keeps the meeting, so weight and floor are unchanged and a
proven optimum stays proven; the tier itself is a local search, not proven.
"""

from __future__ import annotations

import time
from collections import defaultdict

from corridor.schedule.greedy import Room
from corridor.schedule.problem import Problem

Chosen = dict[int, str | None]  # option index → interpreter pool


class _Days:
    """Which slots each single delegate (a group of one) is busy in."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        single = {d.key for d in problem.delegates().values() if d.size == 1}
        self.busy: dict[str, set[int]] = defaultdict(set)
        self.groups: list[list[str]] = []
        for o in problem.options:
            host = problem.round_tables[o.seat].host if o.seat is not None else None
            parties = problem.pairs[o.pair].parties
            self.groups.append(
                [
                    g
                    for org, g in zip(parties, o.attendees, strict=True)
                    if g in single and org != host
                ]
            )
        self.run_of = {s: run for run in problem.runs() for s in run}

    def toggle(self, i: int, on: bool) -> None:
        slot = self.problem.options[i].slot
        for g in self.groups[i]:
            (self.busy[g].add if on else self.busy[g].discard)(slot)

    def holes(self, group: str) -> int:
        busy = self.busy[group]
        out = 0
        for s in busy:
            run = self.run_of[s]
            k = run.index(s)
            if k + 2 < len(run) and run[k + 1] not in busy and run[k + 2] in busy:
                out += 1
        return out


def fewer_holes(problem: Problem, chosen: Chosen, seconds: float = 2.0) -> Chosen:
    """Move meetings to options with fewer holes while every rule holds (see above)."""
    room = Room(problem)
    days = _Days(problem)
    for i, pool in chosen.items():
        room.book(i, pool)
        days.toggle(i, True)
    by_pair: dict[int, list[int]] = defaultdict(list)
    for i, o in enumerate(problem.options):
        by_pair[o.pair].append(i)
    stop = time.perf_counter() + seconds  # the budget is for the moves, not the set-up
    out = dict(chosen)
    improved = True
    while improved and time.perf_counter() < stop:
        improved = False
        for i in sorted(out):
            if i not in out or time.perf_counter() > stop:
                continue
            move = _best_move(problem, room, days, by_pair, i, out[i])
            if move is not None:
                j, pool = move
                del out[i]
                out[j] = pool
                improved = True
    return out


def _best_move(
    problem: Problem,
    room: Room,
    days: _Days,
    by_pair: dict[int, list[int]],
    i: int,
    pool: str | None,
) -> tuple[int, str | None] | None:
    """The move of option ``i`` that removes the most holes, made; None if none helps."""
    room.book(i, pool, -1)
    days.toggle(i, False)
    best: tuple[int, int, str | None] | None = None
    for j in by_pair[problem.options[i].pair]:
        if j == i:
            continue
        fit = room.fits(problem, j)
        if fit is False:
            continue
        touched = set(days.groups[i]) | set(days.groups[j])
        days.toggle(i, True)
        before = sum(days.holes(g) for g in touched)
        days.toggle(i, False)
        days.toggle(j, True)
        after = sum(days.holes(g) for g in touched)
        days.toggle(j, False)
        if after < before and (best is None or after - before < best[0]):
            best = (after - before, j, fit if isinstance(fit, str) else None)
    if best is None:
        room.book(i, pool)
        days.toggle(i, True)
        return None
    _, j, new_pool = best
    room.book(j, new_pool)
    days.toggle(j, True)
    return j, new_pool
