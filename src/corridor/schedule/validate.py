"""An independent check of any schedule against the problem's rules.

Written from the rules, not from a solver's model, so a test can trust it more
than a solver's own word that its answer is feasible. Every party of a meeting is
checked: its delegate is there, in one place per slot, and every two parties
share a language or have an interpreter who bridges them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from corridor.core.mission import Meeting, Mission
from corridor.schedule.problem import Delegates, Problem


def violations(problem: Problem, mission: Mission, meetings: Sequence[Meeting]) -> list[str]:
    """Every broken rule, as sentences; an empty list means the schedule is valid."""
    out: list[str] = []
    out += _pairs(problem, meetings)
    out += _people(problem, meetings)
    out += _tables(problem, mission, meetings)
    out += _rounds(problem, meetings)
    out += _interpreters(problem, mission, meetings)
    return out


def _name(m: Meeting) -> str:
    return "–".join(m.parties)


def _pairs(problem: Problem, meetings: Sequence[Meeting]) -> list[str]:
    requested = {p.parties for p in problem.pairs}
    seen = Counter(m.parties for m in meetings)
    out = [f"{'–'.join(k)} meets {n} times" for k, n in seen.items() if n > 1]
    out += [f"{_name(m)} was never requested" for m in meetings if m.parties not in requested]
    slots = {s.index for s in problem.slots}
    out += [f"{_name(m)} in unknown slot {m.slot}" for m in meetings if m.slot not in slots]
    return out


def _member_of(problem: Problem) -> dict[str, Delegates]:
    """Each delegate (or organisation without named delegates) → its group."""
    out = {}
    for group in problem.delegates().values():
        for member in group.members or (group.key,):
            out[member] = group
    return out


def _seat(problem: Problem, m: Meeting) -> bool:
    """Whether ``m`` sits at a table in rounds during its rounds."""
    table = problem.round_tables.get(m.table)
    return table is not None and m.slot in table.slots


def _host(problem: Problem, m: Meeting, org: str) -> bool:
    """Whether ``org`` hosts the table in rounds ``m`` sits at."""
    table = problem.round_tables.get(m.table)
    return table is not None and table.host == org and m.slot in table.slots


def _people(problem: Problem, meetings: Sequence[Meeting]) -> list[str]:
    out = []
    groups = _member_of(problem)
    places: dict[tuple[str, int], set[str]] = defaultdict(set)
    at: dict[tuple[str, int], set[str]] = defaultdict(set)
    total: Counter[str] = Counter()
    for n, m in enumerate(meetings):
        if len(m.attendees) not in (0, len(m.parties)):
            out.append(f"{_name(m)} names {len(m.attendees)} delegates for {len(m.parties)}")
        for org, who in zip(m.parties, m.attendees or (None,) * len(m.parties), strict=True):
            place = f"table {m.table}" if _host(problem, m, org) else f"meeting {n}"
            at[(org, m.slot)].add(place)
            if not _host(problem, m, org):
                total[org] += 1
            if not problem.parties[org].available(m.slot):
                out.append(f"{org} is not available in slot {m.slot}")
            if who is None:
                continue
            group = groups.get(who)
            if group is None or group.org != org:
                out.append(f"{who} does not represent {org}")
            elif m.slot not in group.slots:
                out.append(f"{who} is not available in slot {m.slot}")
            places[(who, m.slot)].add(place)
    out += [
        f"{who} is in {len(p)} places in slot {s}" for (who, s), p in places.items() if len(p) > 1
    ]
    for (org, s), p in at.items():
        present = sum(d.size for d in problem.parties[org].delegates if s in d.slots)
        if len(p) > max(1, present):
            out.append(f"{org} is in {len(p)} meetings in slot {s}")
    out += [
        f"{org} has {n} meetings, more than {problem.parties[org].max_meetings}"
        for org, n in total.items()
        if n > problem.parties[org].max_meetings
    ]
    return out


def _tables(problem: Problem, mission: Mission, meetings: Sequence[Meeting]) -> list[str]:
    reserved = {t.key: t.reserved_for for t in mission.tables}
    out = []
    plain = [m for m in meetings if not _seat(problem, m)]
    used = Counter((m.table, m.slot) for m in plain)
    out += [f"table {t} holds {n} meetings in slot {s}" for (t, s), n in used.items() if n > 1]
    for m in plain:
        if m.table not in reserved:
            out.append(f"{_name(m)} at unknown table {m.table!r}")
        elif reserved[m.table] == "interpreted" and m.interpreter is None:
            out.append(f"table {m.table} is for interpreted meetings, {_name(m)} has none")
        elif reserved[m.table] not in (None, "interpreted", *m.parties):
            out.append(f"table {m.table} is reserved for {reserved[m.table]}")
    return out


def _rounds(problem: Problem, meetings: Sequence[Meeting]) -> list[str]:
    """Tables in rounds: the host and one startup per seat, at most the seats per
    round, each startup once per table, the host at its table all rounds long and
    meeting startups nowhere else."""
    out = []
    seats: Counter[tuple[str, int]] = Counter()
    guests: Counter[tuple[str, str]] = Counter()
    for m in meetings:
        table = problem.round_tables.get(m.table)
        if table is not None and m.slot in table.slots:
            guest = [o for o in m.parties if o != table.host]
            if table.host not in m.parties or len(guest) != 1:
                out.append(f"{_name(m)} is not the host of {m.table} and one guest")
                continue
            if not problem.parties[guest[0]].startup:
                out.append(f"{guest[0]} at table {m.table} is not a startup")
            seats[(m.table, m.slot)] += 1
            guests[(m.table, guest[0])] += 1
        for t in problem.round_tables.values():
            if t.host in m.parties and m.slot in t.slots and m.table != t.table:
                out.append(f"{t.host} hosts table {t.table} in slot {m.slot}, not {_name(m)}")
            startup = any(problem.parties[o].startup for o in m.parties if o != t.host)
            seated = m.table == t.table and m.slot in t.slots
            if t.host in m.parties and len(m.parties) == 2 and startup and not seated:
                out.append(f"{t.host} meets startups at table {t.table} only, not {_name(m)}")
    limit = {t.table: t.seats for t in problem.round_tables.values()}
    out += [
        f"table {t} seats {n} startups in slot {s}, more than {limit[t]}"
        for (t, s), n in seats.items()
        if n > limit[t]
    ]
    out += [f"{g} sits at table {t} {n} times" for (t, g), n in guests.items() if n > 1]
    return out


def _languages(problem: Problem, m: Meeting) -> list[frozenset[str]]:
    """Each party's languages: its named delegate's, or any present delegate's."""
    if len(m.attendees) == len(m.parties):
        groups = _member_of(problem)
        return [groups[a].languages if a in groups else frozenset() for a in m.attendees]
    return [problem.parties[o].languages.get(m.slot, frozenset()) for o in m.parties]


def _interpreters(problem: Problem, mission: Mission, meetings: Sequence[Meeting]) -> list[str]:
    specs = {x.key: x for x in mission.interpreters}
    out = []
    booked: dict[str, list[int]] = defaultdict(list)
    for m in meetings:
        langs = _languages(problem, m)
        apart = [
            (i, j)
            for i in range(len(langs))
            for j in range(i + 1, len(langs))
            if len(langs[i] & langs[j]) == 0
        ]
        if len(apart) > 0 and m.interpreter is None:
            out.append(f"{_name(m)} share no language and have no interpreter")
        if m.interpreter is None:
            continue
        spec = specs.get(m.interpreter)
        if spec is None:
            out.append(f"unknown interpreter {m.interpreter}")
            continue
        for i, j in apart:
            if not any(spec.covers(p, q) for p in langs[i] for q in langs[j]):
                out.append(f"{spec.key} covers no language pair of {m.parties[i]}–{m.parties[j]}")
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
