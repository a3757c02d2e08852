"""An upper bound on the schedulable weight: the LP relaxation, solved by HiGHS.

The same constraints as the CP-SAT model with every variable relaxed to [0, 1],
maximising weight alone (no startup floor): no schedule can weigh more, so a
schedule's weight over this bound is a proven ratio to the optimum. On these
problems the relaxation is nearly integral, which makes the bound tight.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
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


@dataclass(slots=True)
class Columns:
    """Where each variable of the model sits among the LP's columns."""

    n_x: int
    y: dict[tuple[int, str], int]
    z: dict[str, int]


def build_lp(problem: Problem, floor: int = 0) -> tuple[highspy.HighsLp, Columns]:
    """The relaxed model as a HiGHS LP; with ``floor`` > 0, also the startup floor
    columns (z ≤ the startup's meetings, worth ``floor`` each)."""
    p = problem
    n_x = len(p.options)
    y_cols: dict[tuple[int, str], int] = {}
    for i, o in enumerate(p.options):
        for k in o.interpreters:
            y_cols[(i, k)] = n_x + len(y_cols)
    z_cols: dict[str, int] = {}
    rows = _Rows()
    _pair_party_table_rows(p, rows)
    _interpreter_rows(p, y_cols, rows)
    if floor > 0:
        _floor_rows(p, n_x + len(y_cols), z_cols, rows)
    n = n_x + len(y_cols) + len(z_cols)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows.lower)
    cost = np.zeros(n)
    cost[:n_x] = [p.pairs[o.pair].weight for o in p.options]
    for col in z_cols.values():
        cost[col] = floor
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n)
    lp.row_lower_ = np.array(rows.lower, dtype=float)
    lp.row_upper_ = np.array(rows.upper, dtype=float)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array([*rows.starts, len(rows.index)], dtype=np.int32)
    lp.a_matrix_.index_ = np.array(rows.index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(rows.values, dtype=float)
    return lp, Columns(n_x, y_cols, z_cols)


def _floor_rows(p: Problem, first: int, z_cols: dict[str, int], rows: _Rows) -> None:
    for org, group in startup_options(p).items():
        z_cols[org] = first + len(z_cols)
        rows.add([z_cols[org], *group], [1.0] + [-1.0] * len(group), -float(len(group)), 0.0)


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
    solution = h.getSolution()
    return Bound(
        float(h.getInfo().objective_function_value),
        tuple(float(v) for v in list(solution.col_value)[: cols.n_x]),
    )


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


def _pair_party_table_rows(p: Problem, rows: _Rows) -> None:
    for group, limit in option_groups(p):
        rows.add(group, [1.0] * len(group), 0.0, float(limit))


def _interpreter_rows(p: Problem, y_cols: dict[tuple[int, str], int], rows: _Rows) -> None:
    for i, o in enumerate(p.options):
        if o.needs_interpreter:  # sum of y = x
            cols = [y_cols[(i, k)] for k in o.interpreters]
            rows.add([i, *cols], [1.0] + [-1.0] * len(cols), 0.0, 0.0)
    for group, limit in interpreter_groups(p):
        rows.add([y_cols[v] for v in group], [1.0] * len(group), 0.0, float(limit))
