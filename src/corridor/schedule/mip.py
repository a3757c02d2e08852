"""HiGHS MIP on a restricted model: the fast exact steps of the default pipeline.

The LP relaxation is nearly integral, so the MIP over the columns that can matter
solves in about a second (see ``pipeline``).
"""

from __future__ import annotations

import highspy

from corridor.core.mission import Meeting
from corridor.schedule.bound import build_lp, highs
from corridor.schedule.problem import Problem
from corridor.schedule.solution import meeting_of


def solve_mip(problem: Problem, floor: int, time_limit: float) -> tuple[list[Meeting], str, float]:
    """Meetings of the MIP optimum (or incumbent), the HiGHS status and its dual bound.

    The meetings still name delegate groups and interpreter pools (see ``finish``)."""
    lp, cols = build_lp(problem, floor)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * lp.num_col_
    h = highs()
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.passModel(lp)
    h.run()
    values = list(h.getSolution().col_value)
    out = []
    if len(values) == lp.num_col_:
        for i, o in enumerate(problem.options):
            if cols.value(values, i) > 0.5:
                pool = next((k for k in o.interpreters if values[cols.y[(i, k)]] > 0.5), None)
                out.append(meeting_of(problem, i, pool))
    status = h.modelStatusToString(h.getModelStatus())
    return out, status, float(h.getInfo().mip_dual_bound)
