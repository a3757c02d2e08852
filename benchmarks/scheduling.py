"""Scheduling benchmark: greedy vs the exact pipeline, 1:1 only vs with group meetings.

    python benchmarks/scheduling.py [--sizes S M L] [--time-limit 10]

Instances are generated realistically and seeded: half Korean, half Chinese
organisations (a fifth of them investors or corporates, the rest startups), one or
two delegates each speaking their own language (30 % also English), one delegate
in ten arriving an hour late, requests skewed towards popular parties,
interpreters mostly ko–zh. The "groups" variant adds, on the same instance,
syndicate meetings (a Korean and a Chinese investor with a startup that asked one
of them; one per 20 organisations) and investor tables in rounds (one per 100
organisations, two seats a round, on the first day).

Per run the table shows scheduled weight, weight plus startup floor against its
proven bound (% of the bound; "proven" when equal), whether the floor is met
(every startup that asked and can meet anyone has a meeting), requests met,
one-slot holes per person before and after the holes tier, and wall-clock seconds
until the proof (greedy, LP bounds, restricted MIP and its certificate) and in
total (with the holes tier), then CPU seconds; every schedule is checked by the
independent validator. The machine's load is printed first and per size: wall
time on a shared machine grows with it, CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from corridor.core.mission import (
    GroupRequest,
    Interpreter,
    InvestorTable,
    LangPair,
    MeetingRequest,
    Mission,
    Session,
    Table,
)
from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind, Person
from corridor.schedule.pipeline import solve
from corridor.schedule.problem import Problem, build_problem
from corridor.schedule.solution import Schedule, holes
from corridor.schedule.validate import violations


@dataclass(frozen=True)
class Size:
    orgs: int
    requests: int
    slots: int
    tables: int
    interpreters: int


SIZES = {
    "S": Size(60, 300, 12, 15, 4),
    "M": Size(300, 2000, 20, 60, 12),
    "L": Size(1000, 8000, 24, 200, 40),
}


def instance(
    size: Size, seed: int = 11
) -> tuple[Mission, list[Organization], list[Person], list[MeetingRequest]]:
    """A generated mission of the given size (deterministic for a seed)."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 8, 9, 0)
    per_session = size.slots // 2
    sessions = tuple(
        Session(
            f"s{k}",
            f"Session {k + 1}",
            date(2026, 1, 8 + k),
            start.time(),
            (start + timedelta(minutes=20 * per_session)).time(),
        )
        for k in range(2)
    )
    interpreted = max(1, size.tables // 4)
    tables = tuple(
        Table(f"T{i:03d}", f"Table {i + 1}", "interpreted" if i < interpreted else None)
        for i in range(size.tables)
    )
    pairs = [LangPair.of("ko", "zh")] * 8 + [LangPair.of("ko", "en"), LangPair.of("en", "zh")]
    interpreters = tuple(
        Interpreter(
            f"i{i:02d}",
            f"Interpreter {i + 1}",
            (pairs[i % len(pairs)],),
            max_meetings=int(size.slots * 0.8),
            max_consecutive=4,
        )
        for i in range(size.interpreters)
    )
    mission = Mission(
        "bench",
        "Benchmark",
        "Shanghai",
        "CN",
        "Asia/Shanghai",
        20,
        sessions=sessions,
        tables=tables,
        interpreters=interpreters,
    )
    orgs, people = [], []
    for i in range(size.orgs):
        country = "KR" if i % 2 == 0 else "CN"
        kind = OrgKind.STARTUP if i % 5 else rng.choice((OrgKind.INVESTOR, OrgKind.CORPORATE))
        key = f"{country.lower()}{i:04d}"
        orgs.append(Organization(key, kind, country, (Name(key, Script.LATIN, "en"),)))
        native = "ko" if country == "KR" else "zh"
        for d in range(1 + (rng.random() < 0.4)):
            langs = (native, "en") if rng.random() < 0.3 else (native,)
            late = start + timedelta(hours=1) if rng.random() < 0.1 else None
            people.append(
                Person(
                    f"p-{key}-{d}", key, (Name(key, Script.LATIN),), languages=langs, arrives=late
                )
            )
    popularity = [rng.paretovariate(1.5) for _ in orgs]
    requests: dict[tuple[str, str], MeetingRequest] = {}
    while len(requests) < size.requests:
        a = rng.randrange(len(orgs))
        b = rng.choices(range(len(orgs)), weights=popularity)[0]
        if a == b or (orgs[a].country == orgs[b].country and rng.random() < 0.8):
            continue
        key = (orgs[a].key, orgs[b].key)
        requests.setdefault(key, MeetingRequest(key[0], key[1], rng.choice((1, 2, 2, 3))))
    return mission, orgs, people, list(requests.values())


def with_groups(
    mission: Mission, orgs: list[Organization], requests: list[MeetingRequest], seed: int = 11
) -> Mission:
    """The same mission with syndicate meetings and investor tables in rounds."""
    rng = random.Random(seed)
    investors = {
        c: [o.key for o in orgs if o.kind is OrgKind.INVESTOR and o.country == c]
        for c in ("KR", "CN")
    }
    asked: dict[str, list[str]] = {}
    for r in requests:
        asked.setdefault(r.target, []).append(r.requester)
    kinds = {o.key: o.kind for o in orgs}
    groups = []
    for n in range(len(orgs) // 20):
        kr, cn = rng.choice(investors["KR"]), rng.choice(investors["CN"])
        startups = [s for s in asked.get(kr, []) + asked.get(cn, []) if kinds[s] is OrgKind.STARTUP]
        if startups:
            groups.append(GroupRequest(f"g{n}", (kr, cn, rng.choice(startups)), rng.choice((2, 3))))
    hosts = sorted({*investors["KR"], *investors["CN"]}, key=lambda k: -len(asked.get(k, [])))
    hosts = hosts[: len(orgs) // 100 + 1]
    tables = tuple(Table(f"R{i:02d}", f"Investor table {i + 1}", h) for i, h in enumerate(hosts))
    rounds = tuple(InvestorTable(h, f"R{i:02d}", "s0", seats=2) for i, h in enumerate(hosts))
    return replace(
        mission,
        tables=mission.tables + tables,
        group_requests=tuple(groups),
        investor_tables=rounds,
    )


def worst_off(problem: Problem, meetings: list) -> tuple[int, int]:  # type: ignore[type-arg]
    """Fewest meetings of a startup that asked, and how many startups got none."""
    asking = {o for p in problem.pairs for o in (p.a, p.b) if problem.parties[o].startup}
    counts = dict.fromkeys(asking, 0)
    for m in meetings:
        for o in (m.org_a, m.org_b):
            if o in counts:
                counts[o] += 1
    return min(counts.values(), default=0), sum(1 for v in counts.values() if v == 0)


def floor_met(problem: Problem, meetings: list) -> bool:  # type: ignore[type-arg]
    """Every startup that can meet someone has a meeting."""
    can = {o for opt in problem.options for o in problem.pairs[opt.pair].parties}
    seated = {o for m in meetings for o in m.parties}
    return all(o in seated for o in can if problem.parties[o].startup)


def per_person(problem: Problem, meetings: list, count: int | None) -> float:  # type: ignore[type-arg]
    """Holes per person with at least one meeting."""
    people = {who for m in meetings for who in m.attendees}
    return (count if count is not None else holes(problem, meetings)) / max(1, len(people))


def row(
    name: str, variant: str, solver: str, problem: Problem, mission: Mission, r: Schedule
) -> str:
    """One line of the table."""
    valid = not violations(problem, mission, r.meetings)
    share = (r.objective or 0) / r.objective_bound if r.objective_bound else 0.0
    proven = "proven" if r.proven() else ""
    before = per_person(problem, r.meetings, r.holes_before)
    after = per_person(problem, r.meetings, None)
    groups = sum(1 for m in r.meetings if len(m.others) > 0 or m.table.startswith("R"))
    return (
        f"{name:<5}{variant:<8}{solver:<7}{r.weight:>7}{groups:>7}{r.objective or 0:>8}"
        f"{r.objective_bound or 0:>10.1f}{share:>9.2%} {proven:<7}"
        f"{'yes' if floor_met(problem, r.meetings) else 'NO':>6}{len(r.meetings):>6}"
        f"{before:>8.3f}{after:>7.3f}{r.proof_seconds or r.seconds:>8.1f}{r.seconds:>8.1f}"
        f"  {'yes' if valid else 'NO ':<5}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["S", "M", "L"], choices=list(SIZES))
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args()
    print(
        f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
        f"on {os.cpu_count()} cores"
    )
    print(
        f"{'size':<5}{'variant':<8}{'solver':<7}{'weight':>7}{'group':>7}{'w+floor':>8}"
        f"{'bound':>10}{'% bound':>9} {'':<7}{'floor':>6}{'met':>6}"
        f"{'holes/p':>8}{'after':>7}{'proof s':>8}{'total s':>8}  valid    cpu"
    )
    for name in args.sizes:
        base, orgs, people, requests = instance(SIZES[name])
        for variant, mission in (("1:1", base), ("groups", with_groups(base, orgs, requests))):
            started = time.perf_counter()
            problem = build_problem(mission, orgs, people, requests)
            build = time.perf_counter() - started
            for solver in ("greedy", "cpsat"):
                cpu = time.process_time()
                result = solve(problem, solver, time_limit=args.time_limit)
                cpu = time.process_time() - cpu
                label = "exact" if solver == "cpsat" else solver
                print(row(name, variant, label, problem, mission, result) + f"{cpu:>7.1f}")
            print(
                f"      ({len(problem.pairs)} pairs and groups, {len(problem.options)} options, "
                f"built in {build:.1f} s; load {os.getloadavg()[0]:.2f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
