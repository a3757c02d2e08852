"""An independent check of any schedule against the problem's rules.

Written from the rules, not from a solver's model, so a test can trust it more
than a solver's own word that its answer is feasible.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from corridor.core.mission import Meeting, Mission
from corridor.schedule.problem import Problem


def violations(problem: Problem, mission: Mission, meetings: Sequence[Meeting]) -> list[str]:
    """Every broken rule, as sentences; an empty list means the schedule is valid."""
    out: list[str] = []
    out += _pairs(problem, meetings)
    out += _people(problem, meetings)
    out += _tables(problem, mission, meetings)
    out += _interpreters(problem, mission, meetings)
    return out


def _pairs(problem: Problem, meetings: Sequence[Meeting]) -> list[str]:
    requested = {(p.a, p.b) for p in problem.pairs}
    seen = Counter((m.org_a, m.org_b) for m in meetings)
    out = [f"{a}–{b} meets {n} times" for (a, b), n in seen.items() if n > 1]
    out += [
        f"{m.org_a}–{m.org_b} was never requested"
        for m in meetings
        if (m.org_a, m.org_b) not in requested
    ]
    slots = {s.index for s in problem.slots}
    out += [
        f"{m.org_a}–{m.org_b} in unknown slot {m.slot}" for m in meetings if m.slot not in slots
    ]
    return out


def _people(problem: Problem, meetings: Sequence[Meeting]) -> list[str]:
    out = []
    at: Counter[tuple[str, int]] = Counter()
    total: Counter[str] = Counter()
    for m in meetings:
        for org in (m.org_a, m.org_b):
            at[(org, m.slot)] += 1
            total[org] += 1
            if not problem.parties[org].available(m.slot):
                out.append(f"{org} is not available in slot {m.slot}")
    out += [f"{org} is in {n} meetings in slot {s}" for (org, s), n in at.items() if n > 1]
    out += [
        f"{org} has {n} meetings, more than {problem.parties[org].max_meetings}"
        for org, n in total.items()
        if n > problem.parties[org].max_meetings
    ]
    return out


def _tables(problem: Problem, mission: Mission, meetings: Sequence[Meeting]) -> list[str]:
    reserved = {t.key: t.reserved_for for t in mission.tables}
    out = []
    used = Counter((m.table, m.slot) for m in meetings)
    out += [f"table {t} holds {n} meetings in slot {s}" for (t, s), n in used.items() if n > 1]
    for m in meetings:
        if m.table not in reserved:
            out.append(f"{m.org_a}–{m.org_b} at unknown table {m.table!r}")
        elif reserved[m.table] == "interpreted" and m.interpreter is None:
            out.append(f"table {m.table} is for interpreted meetings, {m.org_a}–{m.org_b} has none")
        elif reserved[m.table] not in (None, "interpreted", m.org_a, m.org_b):
            out.append(f"table {m.table} is reserved for {reserved[m.table]}")
    return out


def _interpreters(problem: Problem, mission: Mission, meetings: Sequence[Meeting]) -> list[str]:
    specs = {x.key: x for x in mission.interpreters}
    out = []
    booked: dict[str, list[int]] = defaultdict(list)
    for m in meetings:
        la = problem.parties[m.org_a].languages.get(m.slot, frozenset())
        lb = problem.parties[m.org_b].languages.get(m.slot, frozenset())
        shared = len(la & lb) > 0
        if not shared and m.interpreter is None:
            out.append(f"{m.org_a}–{m.org_b} share no language and have no interpreter")
        if m.interpreter is None:
            continue
        spec = specs.get(m.interpreter)
        if spec is None:
            out.append(f"unknown interpreter {m.interpreter}")
            continue
        if not any(spec.covers(p, q) for p in la for q in lb):
            out.append(f"{spec.key} covers no language pair of {m.org_a}–{m.org_b}")
        session = next(x.session_key for x in problem.slots if x.index == m.slot)
        if len(spec.sessions) > 0 and session not in spec.sessions:
            out.append(f"{spec.key} is not available in slot {m.slot}")
        booked[spec.key].append(m.slot)
    for key, slots in booked.items():
        spec = specs[key]
        out += [f"{key} interprets twice in slot {s}" for s, n in Counter(slots).items() if n > 1]
        if spec.max_meetings is not None and len(slots) > spec.max_meetings:
            out.append(f"{key} interprets {len(slots)} meetings, more than {spec.max_meetings}")
        if spec.max_consecutive is not None:
            out += _streaks(problem, key, set(slots), spec.max_consecutive)
    return out


def _streaks(problem: Problem, key: str, slots: set[int], limit: int) -> list[str]:
    out = []
    for run in problem.runs():
        streak = 0
        for s in run:
            streak = streak + 1 if s in slots else 0
            if streak > limit:
                out.append(f"{key} interprets more than {limit} slots in a row (slot {s})")
                break
    return out
