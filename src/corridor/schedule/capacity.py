"""Shared capacity rules: tables per slot and interpreter fatigue windows.

With one table reserved per organisation at most one of its meetings needs it, so
tables reduce to two counts per slot (Hall's condition for this nesting): plain
meetings fit the free tables, and all shared-table meetings fit free plus
interpreted tables.
"""

from __future__ import annotations

from corridor.schedule.problem import Pair, Problem


def uses_own_table(problem: Problem, pair: Pair) -> bool:
    """Whether the meeting can sit at a table reserved for one of its organisations."""
    return pair.a in problem.org_tables or pair.b in problem.org_tables


def windows(problem: Problem, size: int) -> list[list[int]]:
    """Every run of ``size`` back-to-back slots within a session."""
    out = []
    for run in problem.runs():
        out += [run[i : i + size] for i in range(len(run) - size + 1)]
    return out
