"""An upper bound on the schedulable weight: the LP relaxation, solved by HiGHS.

The same constraints as the CP-SAT model with every variable relaxed to [0, 1],
maximising weight alone (no startup floor): no schedule can weigh more, so a
schedule's weight over this bound is a proven ratio to the optimum. On these
problems the relaxation is nearly integral, which makes the bound tight.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import highspy
import numpy as np

from corridor.schedule.capacity import interpreter_groups, option_groups, startup_options
from corridor.schedule.problem import Problem


@dataclass(frozen=True, slots=True)
class Bound:
    """The LP optimum and the value of each option variable in it."""

    value: float
    x: tuple[float, ...]


class _Rows:
    def __init__(self) -> None:
        self.starts: list[int] = []
        self.index: list[int] = []
        self.values: list[float] = []
        self.upper: list[float] = []
        self.lower: list[float] = []

    def add(self, cols: list[int], coefs: list[float], lower: float, upper: float) -> None:
        if len(cols) == 0:
            return
        self.starts.append(len(self.index))
        self.index += cols
        self.values += coefs
        self.lower.append(lower)
        self.upper.append(upper)

    def block(
        self, groups: list[list[int]], limits: list[float], first: np.ndarray, count: np.ndarray
    ) -> None:
        """Rows "the columns of these options sum to at most the limit", all at once
        (option ``i`` has the ``count[i]`` columns from ``first[i]``)."""
        if len(groups) == 0:
            return
        flat = np.fromiter(chain.from_iterable(groups), dtype=np.int64)
        n = count[flat]
        entries = np.repeat(first[flat] - (np.cumsum(n) - n), n) + np.arange(int(n.sum()))
        sizes = np.array([len(g) for g in groups])
        per_row = np.add.reduceat(n, np.concatenate(([0], np.cumsum(sizes)[:-1])))
        offsets = len(self.index) + np.concatenate(([0], np.cumsum(per_row)[:-1]))
        self.starts += offsets.tolist()
        self.index += entries.tolist()
        self.values += [1.0] * len(entries)
        self.lower += [0.0] * len(groups)
        self.upper += limits


@dataclass(slots=True)
class Columns:
    """Where each variable of the model sits among the LP's columns.

    An option served by one of several interpreter pools has one column per pool
    (its ``x`` is their sum, so no equality row links them); any other option has
    one column, which is also its pool's ``y`` when it needs an interpreter."""

    x: list[list[int]]
    y: dict[tuple[int, str], int]
    z: dict[str, int]

    def value(self, values: Sequence[float], option: int) -> float:
        """The option's ``x`` in a solution."""
        return sum(values[c] for c in self.x[option])


def build_lp(problem: Problem, floor: int = 0) -> tuple[highspy.HighsLp, Columns]:
    """The relaxed model as a HiGHS LP; with ``floor`` > 0, also the startup floor
    columns (z ≤ the startup's meetings, worth ``floor`` each)."""
    p = problem
    x_cols: list[list[int]] = []
    y_cols: dict[tuple[int, str], int] = {}
    cost: list[float] = []
    for i, o in enumerate(p.options):
        weight = float(p.pairs[o.pair].weight)
        if len(o.interpreters) > 1:
            x_cols.append(list(range(len(cost), len(cost) + len(o.interpreters))))
            for k in o.interpreters:
                y_cols[(i, k)] = len(cost)
                cost.append(weight)
        else:
            x_cols.append([len(cost)])
            for k in o.interpreters:
                y_cols[(i, k)] = len(cost)
            cost.append(weight)
    cols = Columns(x_cols, y_cols, {})
    rows = _Rows()
    first = np.array([c[0] for c in x_cols], dtype=np.int64)
    count = np.array([len(c) for c in x_cols], dtype=np.int64)
    groups = option_groups(p)
    rows.block([g for g, _ in groups], [float(limit) for _, limit in groups], first, count)
    for columns in x_cols:  # an option happens once, with one of its pools
        if len(columns) > 1:
            rows.add(columns, [1.0] * len(columns), 0.0, 1.0)
    for variables, limit in interpreter_groups(p):
        rows.add([y_cols[v] for v in variables], [1.0] * len(variables), 0.0, float(limit))
    if floor > 0:
        for org, group in startup_options(p).items():
            cols.z[org] = len(cost)
            cost.append(float(floor))
            mine = [c for i in group for c in x_cols[i]]
            rows.add([cols.z[org], *mine], [1.0] + [-1.0] * len(mine), -float(len(mine)), 0.0)
    n = len(cost)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows.lower)
    lp.col_cost_ = np.array(cost)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n)
    lp.row_lower_ = np.array(rows.lower, dtype=float)
    lp.row_upper_ = np.array(rows.upper, dtype=float)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array([*rows.starts, len(rows.index)], dtype=np.int32)
    lp.a_matrix_.index_ = np.array(rows.index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(rows.values, dtype=float)
    return lp, cols


def highs(seed: int = 1) -> highspy.Highs:
    """A silent, seeded HiGHS instance."""
    h = _quiet_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    h.setOptionValue("random_seed", seed)
    return h


def lp_bound(problem: Problem) -> Bound:
    """Solve the LP relaxation; returns its optimal weight and the x values."""
    lp, cols = build_lp(problem)
    h = highs()
    h.passModel(lp)
    h.run()
    values = list(h.getSolution().col_value)
    return Bound(
        float(h.getInfo().objective_function_value),
        tuple(cols.value(values, i) for i in range(len(problem.options))),
    )


@dataclass(frozen=True, slots=True)
class Relaxation:
    """The LP optimum of weight plus the startup floor, with each option's best
    reduced cost: no schedule using option ``i`` beats ``value + reduced[i]``."""

    value: float
    x: tuple[float, ...]
    reduced: tuple[float, ...]
    weight: float  # the LP bound on weight alone

    def could_reach(self, objective: float) -> set[int]:
        """The options some schedule of at least ``objective`` might use: those whose
        reduced cost leaves the LP bound at or above it (less the LP's relative
        tolerance), and the LP's own. A schedule using none of the others cannot
        reach ``objective``; with whole-number objectives, ``objective`` is the
        incumbent plus one."""
        margin = 1e-6 * max(1.0, abs(self.value))
        return {
            i
            for i, d in enumerate(self.reduced)
            if self.value + d >= objective - margin or self.x[i] > 1e-6
        }


def relax(problem: Problem, floor: int) -> Relaxation:
    """Solve the LP relaxation of the floored objective (see ``Relaxation``), then,
    warm-started, the bound on weight alone (``lp_bound``'s value).

    Both are solved by column generation: HiGHS starts from a few options per pair,
    and the reduced cost of every column, priced from the row duals in one sparse
    product, brings in those that could raise the optimum until none can; so the
    optimum and the reduced costs are those of the full LP. For a maximum, a column
    at its lower bound has a reduced cost d ≤ 0 and every schedule's objective is at
    most the LP value plus the reduced costs of the columns it raises, which is what
    makes ``could_reach`` a proof."""
    lp, cols = build_lp(problem, floor)
    pricing = _Pricing(lp, _first_columns(problem, cols))
    value, x, reduced = pricing.solve()
    z = np.array(sorted(cols.z.values()), dtype=np.int64)
    weight = value
    if len(z) > 0:
        pricing.cost[z] = 0.0
        weight = pricing.solve()[0]
    n = len(problem.options)
    return Relaxation(
        value,
        tuple(cols.value(x, i) for i in range(n)),  # type: ignore[arg-type]
        tuple(max(float(reduced[c]) for c in cols.x[i]) for i in range(n)),
        weight,
    )


def _first_columns(problem: Problem, cols: Columns) -> np.ndarray:
    """The columns HiGHS starts from: every floor column and, per pair, its options in
    two slots (a feasible, small start; pricing brings in the rest)."""
    first: dict[int, list[int]] = {}
    for i, o in enumerate(problem.options):
        mine = first.setdefault(o.pair, [])
        if len(mine) < 2:
            mine.append(i)
    picked = [c for options in first.values() for i in options for c in cols.x[i]]
    return np.array(sorted({*picked, *cols.z.values()}), dtype=np.int64)


class _Pricing:
    """An LP over a growing set of its columns, priced against the whole matrix."""

    def __init__(self, lp: highspy.HighsLp, first: np.ndarray) -> None:
        starts = np.asarray(lp.a_matrix_.start_, dtype=np.int64)
        index = np.asarray(lp.a_matrix_.index_, dtype=np.int64)
        values = np.asarray(lp.a_matrix_.value_, dtype=float)
        self.n = int(lp.num_col_)
        self.row_of = np.repeat(np.arange(lp.num_row_), np.diff(starts))
        self.index, self.values = index, values
        order = np.argsort(index, kind="stable")
        self.col_rows = self.row_of[order].astype(np.int32)
        self.col_values = values[order]
        self.col_starts = np.concatenate(([0], np.cumsum(np.bincount(index, minlength=self.n))))
        self.cost = np.array(lp.col_cost_, dtype=float)
        self.h = highs()
        empty = highspy.HighsLp()
        empty.num_col_, empty.num_row_ = 0, lp.num_row_
        empty.row_lower_, empty.row_upper_ = lp.row_lower_, lp.row_upper_
        empty.sense_ = highspy.ObjSense.kMaximize
        empty.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        empty.a_matrix_.start_ = np.array([0], dtype=np.int32)
        self.h.passModel(empty)
        self.order: list[int] = []  # HiGHS column → LP column
        self.active = np.zeros(self.n, dtype=bool)
        self._add(first)

    def _add(self, columns: np.ndarray) -> None:
        lengths = self.col_starts[columns + 1] - self.col_starts[columns]
        pick = np.concatenate(
            [np.arange(self.col_starts[c], self.col_starts[c + 1]) for c in columns]
        ).astype(np.int64)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int32)
        self.h.addCols(
            len(columns),
            self.cost[columns],
            np.zeros(len(columns)),
            np.ones(len(columns)),
            len(pick),
            starts,
            self.col_rows[pick],
            self.col_values[pick],
        )
        self.order += [int(c) for c in columns]
        self.active[columns] = True

    def solve(self) -> tuple[float, np.ndarray, np.ndarray]:
        """Optimum, column values and reduced costs of the full LP (current costs)."""
        self.h.changeColsCost(
            len(self.order), np.arange(len(self.order), dtype=np.int32), self.cost[self.order]
        )
        while True:
            self.h.run()
            duals = np.asarray(self.h.getSolution().row_dual, dtype=float)
            reduced = self.cost - np.bincount(
                self.index, weights=self.values * duals[self.row_of], minlength=self.n
            )
            entering = np.flatnonzero(~self.active & (reduced > 1e-7))
            if len(entering) == 0:
                break
            best = entering[np.argsort(-reduced[entering])[: max(2000, len(self.order) // 2)]]
            self._add(np.sort(best))
        x = np.zeros(self.n)
        x[self.order] = np.asarray(self.h.getSolution().col_value, dtype=float)
        return float(self.h.getInfo().objective_function_value), x, reduced


def _quiet_highs() -> highspy.Highs:
    """A HiGHS instance, without the banner its constructor prints on standard output."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with Path(os.devnull).open("w") as devnull:
            os.dup2(devnull.fileno(), 1)
            return highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
