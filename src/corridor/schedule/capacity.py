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
    return any(org in problem.org_tables for org in pair.parties)


def windows(problem: Problem, size: int) -> list[list[int]]:
    """Every run of ``size`` back-to-back slots within a session."""
    out = []
    for run in problem.runs():
        out += [run[i : i + size] for i in range(len(run) - size + 1)]
    return out


def option_groups(problem: Problem) -> list[tuple[list[int], int]]:
    """Every "at most N of these options" rule of the model (see ``_option_groups``),
    computed once per problem."""
    if "option_groups" not in problem.cache:
        problem.cache["option_groups"] = _option_groups(problem)
    return problem.cache["option_groups"]  # type: ignore[return-value]


def _option_groups(problem: Problem) -> list[tuple[list[int], int]]:
    """Every "at most N of these options" rule of the model, as (option indices, N).

    One source for CP-SAT, the LP and the greedy, so they cannot drift apart: a pair
    meets once; a group of interchangeable delegates holds at most as many meetings
    per slot as it has members (an organisation with its own table holds one); an
    organisation stays within its maximum; a table in rounds seats at most its seats
    per round (its host counts once there); and the two table counts per slot.
    """
    by_pair: dict[int, list[int]] = defaultdict(list)
    by_group_slot: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_org_slot: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_party: dict[str, list[int]] = defaultdict(list)
    by_seat: dict[tuple[str, int], list[int]] = defaultdict(list)
    plain: dict[int, list[int]] = defaultdict(list)
    shared: dict[int, list[int]] = defaultdict(list)
    own = [uses_own_table(problem, pair) for pair in problem.pairs]
    for i, o in enumerate(problem.options):
        pair = problem.pairs[o.pair]
        by_pair[o.pair].append(i)
        host = problem.round_tables[o.seat].host if o.seat is not None else None
        for org, group in zip(pair.parties, o.attendees, strict=True):
            if org == host:
                continue
            by_group_slot[(group, o.slot)].append(i)
            by_party[org].append(i)
            if org in problem.org_tables:
                by_org_slot[(org, o.slot)].append(i)
        if o.seat is not None:
            by_seat[(o.seat, o.slot)].append(i)
        elif not own[o.pair]:
            shared[o.slot].append(i)
            if not o.needs_interpreter:
                plain[o.slot].append(i)
    sizes = {d.key: d.size for d in problem.delegates().values()}
    tables = len(problem.free_tables) + len(problem.interpreted_tables)
    seats = {t.table: t.seats for t in problem.round_tables.values()}
    out = [(g, 1) for g in by_pair.values() if len(g) > 1]
    out += [(g, sizes[d]) for (d, _), g in by_group_slot.items() if len(g) > sizes[d]]
    out += [(g, 1) for g in by_org_slot.values() if len(g) > 1]
    out += [
        (g, problem.parties[org].max_meetings)
        for org, g in by_party.items()
        if len(g) > problem.parties[org].max_meetings
    ]
    out += [(g, seats[t]) for (t, _), g in by_seat.items() if len(g) > seats[t]]
    out += [(g, len(problem.free_tables)) for g in plain.values()]
    out += [(g, tables) for g in shared.values()]
    return out


def interpreter_groups(problem: Problem) -> list[tuple[list[tuple[int, str]], int]]:
    """Every "at most N" rule on interpreter pools, over (option index, pool) variables:
    per slot (the pool's size), in total, and per fatigue window (computed once)."""
    if "interpreter_groups" not in problem.cache:
        problem.cache["interpreter_groups"] = _interpreter_groups(problem)
    return problem.cache["interpreter_groups"]  # type: ignore[return-value]


def _interpreter_groups(problem: Problem) -> list[tuple[list[tuple[int, str]], int]]:
    by_key_slot: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    for i, o in enumerate(problem.options):
        for key in o.interpreters:
            by_key_slot[(key, o.slot)].append((i, key))
    out = [(g, problem.interpreters[key].size) for (key, _), g in by_key_slot.items()]
    for key, spec in problem.interpreters.items():
        mine = [v for (k, _), g in by_key_slot.items() if k == key for v in g]
        if spec.max_meetings is not None and mine:
            out.append((mine, spec.size * spec.max_meetings))
        if spec.max_consecutive is not None:
            limit = spec.size * spec.max_consecutive
            for window in windows(problem, spec.max_consecutive + 1):
                inside = [v for s in window for v in by_key_slot.get((key, s), [])]
                if len(inside) > limit:
                    out.append((inside, limit))
    return out


def startup_options(problem: Problem) -> dict[str, list[int]]:
    """The options of every startup, for the floor of one meeting each (sorted by key)."""
    by_party: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(problem.options):
        for org in problem.pairs[o.pair].parties:
            if problem.parties[org].startup:
                by_party[org].append(i)
    return dict(sorted(by_party.items()))
