"""Capacity-aware recommendations: a b-matching that maximises total value.

Each organisation can take only so many meetings (``capacity``), so each pair is
recommended to both sides at most once and nobody appears in more lists than
their capacity allows: popular parties are not flooded, and every startup with a
good candidate gets options. Solved exactly with CP-SAT up to ``exact_limit``
candidate pairs (with a bonus for every startup that gets at least one), greedily
by value beyond that.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from ortools.sat.python import cp_model

from corridor.match.scoring import Scored


def assign(
    pairs: Sequence[Scored],
    capacity: Mapping[str, int],
    startups: set[str],
    *,
    exact_limit: int = 20000,
    time_limit: float = 10.0,
) -> list[Scored]:
    """The chosen recommendation pairs."""
    if len(pairs) <= exact_limit:
        return _exact(pairs, capacity, startups, time_limit)
    return _greedy(pairs, capacity)


def _greedy(pairs: Sequence[Scored], capacity: Mapping[str, int]) -> list[Scored]:
    used: Counter[str] = Counter()
    out = []
    for s in pairs:  # already sorted by value
        if used[s.a] < capacity.get(s.a, 0) and used[s.b] < capacity.get(s.b, 0):
            used[s.a] += 1
            used[s.b] += 1
            out.append(s)
    return out


def _exact(
    pairs: Sequence[Scored], capacity: Mapping[str, int], startups: set[str], time_limit: float
) -> list[Scored]:
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(len(pairs))]
    by_org: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(pairs):
        by_org[s.a].append(i)
        by_org[s.b].append(i)
    for org, group in by_org.items():
        model.add(sum(x[i] for i in group) <= capacity.get(org, 0))
    covered = []
    for org in sorted(startups & set(by_org)):
        z = model.new_bool_var(f"z_{org}")
        model.add(z <= sum(x[i] for i in by_org[org]))
        covered.append(z)
    scale = 1000
    model.maximize(
        sum(int(s.value * scale) * x[i] for i, s in enumerate(pairs)) + scale * sum(covered)
    )
    start = {(s.a, s.b) for s in _greedy(pairs, capacity)}
    for i, s in enumerate(pairs):
        model.add_hint(x[i], (s.a, s.b) in start)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 1
    solver.parameters.interleave_search = True
    solver.parameters.max_deterministic_time = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _greedy(pairs, capacity)
    return [s for i, s in enumerate(pairs) if solver.boolean_value(x[i])]


def gini(counts: Sequence[int]) -> float:
    """Gini coefficient of how often each organisation is recommended (0 = even)."""
    values = sorted(counts)
    n = len(values)
    if n == 0 or sum(values) == 0:
        return 0.0
    cumulative = sum((i + 1) * v for i, v in enumerate(values))
    return (2 * cumulative) / (n * sum(values)) - (n + 1) / n
