"""Shared capacity rules: tables per slot and interpreter fatigue windows.

With one table reserved per organisation at most one of its meetings needs it, so
tables reduce to two counts per slot (Hall's condition for this nesting): plain
meetings fit the free tables, and all shared-table meetings fit free plus
interpreted tables.
"""

from __future__ import annotations

from collections import defaultdict

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


def option_groups(problem: Problem) -> list[tuple[list[int], int]]:
    """Every "at most N of these options" rule of the model, as (option indices, N).

    One source for CP-SAT and the LP, so the two models cannot drift apart: a pair
    meets once, an organisation is in one place per slot and within its maximum, and
    the two table counts per slot.
    """
    by_pair: dict[int, list[int]] = defaultdict(list)
    by_party_slot: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_party: dict[str, list[int]] = defaultdict(list)
    plain: dict[int, list[int]] = defaultdict(list)
    shared: dict[int, list[int]] = defaultdict(list)
    for i, o in enumerate(problem.options):
        pair = problem.pairs[o.pair]
        by_pair[o.pair].append(i)
        for org in (pair.a, pair.b):
            by_party_slot[(org, o.slot)].append(i)
            by_party[org].append(i)
        if not uses_own_table(problem, pair):
            shared[o.slot].append(i)
            if not o.needs_interpreter:
                plain[o.slot].append(i)
    tables = len(problem.free_tables) + len(problem.interpreted_tables)
    out = [(g, 1) for g in (*by_pair.values(), *by_party_slot.values())]
    out += [(g, problem.parties[org].max_meetings) for org, g in by_party.items()]
    out += [(g, len(problem.free_tables)) for g in plain.values()]
    out += [(g, tables) for g in shared.values()]
    return out
