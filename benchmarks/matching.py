"""Matching benchmark: planted complementary pairs in generated ecosystems.

    python benchmarks/matching.py [--sizes 1000 10000 100000] [--k 10] [--per-org 40]
                                  [--bound] [--workers 1 2 [--slice 5000]]

Each organisation (Korean or Chinese; startups, corporates, investors) states what
it offers and seeks in English, Korean or Chinese, drawn from the concept terms;
one in five is given a planted partner across the border that seeks exactly what it
offers and offers what it seeks. Printed per method: recall@k (planted partners in
each other's top k), precision@k (share of top-k entries that are planted partners,
for organisations that have one), exposure Gini (how unevenly organisations are
recommended) and seconds — match-v1 with capacity-aware assignment next to a plain
top-k-by-similarity baseline without capacity.

``--bound`` solves the LP relaxation of the capacity-constrained selection with HiGHS
and prints how much of that upper bound the selection reaches (greedy, used beyond
20,000 candidate pairs, is guaranteed at least half).

``--workers 1 2`` prints instead match-v1 in one process (``candidate_pairs`` then
``assign``) side by side with Dask LocalClusters of 1 and 2 workers
(``corridor.scale.matching``: pairs scored on the workers and sent back as arrays,
selected here, the chosen pairs' features scored again here), each step timed, CPU
seconds of all the processes taking part, the load average; the pairs and the chosen
recommendations (features included) are checked equal to one process's.
``benchmarks/scale.py --matching`` prints the same table.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.match.assign import assign, gini
from corridor.match.candidates import candidate_pairs
from corridor.match.features import similarity
from corridor.match.profile import Profile, build_profile
from corridor.match.scoring import Scored, get_algorithm
from corridor.text.concepts import concepts

if TYPE_CHECKING:
    from corridor.scale.matching import PairTable

LANGS = ("en", "ko", "zh")


def ecosystem(n: int, seed: int = 5) -> tuple[list[Profile], set[frozenset[str]]]:
    """``n`` organisations and the planted pairs among them."""
    rng = random.Random(seed)
    table = [c for c in concepts().values() if c.id not in ("capital", "market_access")]
    orgs: list[Organization] = []
    for i in range(n):
        country = "KR" if i % 2 == 0 else "CN"
        kind = rng.choices((OrgKind.STARTUP, OrgKind.CORPORATE, OrgKind.INVESTOR), (7, 2, 1))[0]
        offer, seek = rng.sample(table, 2)
        lang = rng.choice(LANGS)
        orgs.append(
            Organization(
                f"o{i:06d}",
                kind,
                country,
                (Name(f"Org {i}", Script.LATIN, "en"),),
                sectors=offer.sectors[:1],
                offers={lang: rng.choice(offer.terms[lang])},
                seeks={lang: rng.choice(seek.terms[lang])},
            )
        )
    planted: set[frozenset[str]] = set()
    for i in range(0, n - 1, 10):  # a fifth of organisations: pairs (i, i+1) cross the border
        x, y = rng.sample(table, 2)
        a, b = orgs[i], orgs[i + 1]
        la, lb = rng.choice(LANGS), rng.choice(LANGS)
        orgs[i] = _with(a, {la: x.terms[la][0]}, {la: y.terms[la][0]})
        orgs[i + 1] = _with(b, {lb: y.terms[lb][0]}, {lb: x.terms[lb][0]})
        planted.add(frozenset((a.key, b.key)))
    return [build_profile(o) for o in orgs], planted


def _with(o: Organization, offers: dict[str, str], seeks: dict[str, str]) -> Organization:
    from dataclasses import replace

    return replace(o, offers=offers, seeks=seeks)


def lists_from(pairs: list[Scored]) -> dict[str, list[str]]:
    """Each organisation's list, best first."""
    out: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for s in pairs:
        out[s.a].append((s.value, s.b))
        out[s.b].append((s.value, s.a))
    return {k: [o for _, o in sorted(v, key=lambda t: (-t[0], t[1]))] for k, v in out.items()}


def measure(
    lists: dict[str, list[str]], planted: set[frozenset[str]], keys: list[str], k: int
) -> tuple[float, float, float]:
    """recall@k, precision@k and exposure Gini."""
    partner = {x: next(iter(p - {x})) for p in planted for x in p}
    found = sum(1 for p in planted if all(next(iter(p - {x})) in lists.get(x, [])[:k] for x in p))
    entries = [(x, o) for x in partner for o in lists.get(x, [])[:k]]
    precise = sum(1 for x, o in entries if partner[x] == o) / max(1, len(entries))
    exposure = Counter(o for x in keys for o in lists.get(x, [])[:k])
    return found / max(1, len(planted)), precise, gini([exposure[x] for x in keys])


def baseline(profiles: list[Profile], k: int, per_org: int) -> dict[str, list[str]]:
    """Top-k by profile similarity over the same candidates, no capacity."""
    algorithm = get_algorithm()
    pairs = candidate_pairs(profiles, algorithm, per_org=per_org)
    by_key = {p.key: p for p in profiles}
    sims = [Scored(s.a, s.b, similarity(by_key[s.a], by_key[s.b]).score, {}) for s in pairs]
    return {key: v[:k] for key, v in lists_from(sims).items()}


def lp_bound(pairs: list[Scored], capacity: int) -> float:
    """The LP relaxation's optimum of max Σ value·x, Σ x ≤ capacity per organisation."""
    orgs = {k: i for i, k in enumerate(sorted({x for s in pairs for x in (s.a, s.b)}))}
    ends = np.array([orgs[x] for s in pairs for x in (s.a, s.b)], dtype=np.int32)
    return lp_bound_arrays(ends, np.array([s.value for s in pairs]), len(orgs), capacity)


def lp_bound_arrays(
    ends: npt.NDArray[np.int32], values: npt.NDArray[np.float64], orgs: int, capacity: int
) -> float:
    """``lp_bound`` on arrays: ``ends`` holds the two organisations (0..orgs-1) of each
    pair in turn (a₀, b₀, a₁, b₁, …), ``values`` each pair's value."""
    import highspy

    from corridor.schedule.bound import highs

    count = len(values)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = count, orgs
    lp.col_cost_ = np.asarray(values, dtype=np.float64)
    lp.col_lower_, lp.col_upper_ = np.zeros(count), np.ones(count)
    lp.row_lower_ = np.full(orgs, -highspy.kHighsInf)
    lp.row_upper_ = np.full(orgs, float(capacity))
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.arange(0, 2 * count + 1, 2, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(ends, dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(2 * count)
    h = highs()  # silent
    h.passModel(lp)
    h.run()
    return float(h.getInfo().objective_function_value)


class Run(NamedTuple):
    """One way of computing the recommendations, timed (seconds, wall clock). A named
    tuple, not a dataclass: ``benchmarks/scale.py`` loads this file as a module that
    ``sys.modules`` does not hold (so that its functions travel to Dask by value)."""

    label: str
    start: float  # starting the cluster (not counted in the total)
    score: float  # candidate pairs found and scored (ranked, merged)
    select: float  # capacity-aware selection
    explain: float  # features of the chosen pairs scored again (cluster only)
    cpu: float  # CPU seconds of every process taking part (client, scheduler, workers)
    load: str  # the load average when it started

    @property
    def total(self) -> float:
        return self.score + self.select + self.explain


def _cpu_seconds() -> float:
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def one_process(
    profiles: list[Profile], capacity: dict[str, int], startups: set[str], per_org: int
) -> tuple[Run, list[Scored], list[Scored]]:
    """``candidate_pairs`` then ``assign``, as ``corridor match`` runs them."""
    load, cpu, started = _load(), _cpu_seconds(), time.perf_counter()
    pairs = candidate_pairs(profiles, get_algorithm(), per_org=per_org)
    scored, started = time.perf_counter() - started, time.perf_counter()
    chosen = assign(pairs, capacity, startups)
    selecting = time.perf_counter() - started
    run = Run("1 process", 0.0, scored, selecting, 0.0, _cpu_seconds() - cpu, load)
    return run, pairs, chosen


def on_cluster(
    profiles: list[Profile],
    capacity: dict[str, int],
    startups: set[str],
    per_org: int,
    workers: int,
    slice_size: int,
) -> tuple[Run, PairTable, list[Scored]]:
    """The same on a LocalCluster: pairs as arrays from the workers, selection and the
    chosen pairs' features here."""
    from corridor.scale.cluster import connect
    from corridor.scale.matching import candidate_table_on, explained, select

    load, started = _load(), time.perf_counter()
    with connect(workers) as client:
        starting = time.perf_counter() - started
        idle, mine, started = client.run(_cpu_seconds), _cpu_seconds(), time.perf_counter()
        table = candidate_table_on(client, profiles, per_org=per_org, slice_size=slice_size)
        scored = time.perf_counter() - started
        busy = client.run(_cpu_seconds)
    started = time.perf_counter()
    kept = select(table, profiles, capacity, startups)
    selecting, started = time.perf_counter() - started, time.perf_counter()
    chosen = explained(kept, profiles)
    explaining = time.perf_counter() - started
    cpu = sum(busy[w] - idle.get(w, 0.0) for w in busy) + _cpu_seconds() - mine
    label = f"{workers} worker{'s' if workers > 1 else ''}"
    return Run(label, starting, scored, selecting, explaining, cpu, load), table, chosen


def scale_table(
    sizes: list[int],
    workers: list[int],
    k: int,
    per_org: int,
    *,
    bound: bool = False,
    slice_size: int = 5_000,
) -> None:
    """One process against LocalClusters of ``workers``, side by side: the same pairs and
    the same chosen recommendations (checked), the time of each step."""
    print(
        f"\nmatching: top-{k} under capacity, {per_org} candidates scored per organisation, "
        f"slices of {slice_size:,} organisations"
    )
    print(
        f"{'orgs':>8} {'run':<11}{'start s':>8}{'score s':>9}{'select s':>9}{'explain s':>10}"
        f"{'total s':>9}{'CPU s':>8}{'vs 1 process':>13}{'load':>7}"
    )
    for n in sizes:
        profiles, planted = ecosystem(n)
        startups = {p.key for p in profiles if p.org.kind is OrgKind.STARTUP}
        capacity = {p.key: k for p in profiles}
        base, pairs, chosen = one_process(profiles, capacity, startups, per_org)
        runs, table = [base], None
        for w in workers:
            run, table, got = on_cluster(profiles, capacity, startups, per_org, w, slice_size)
            assert table.triples(profiles) == [(s.a, s.b, s.value) for s in pairs], "pairs differ"
            assert got == chosen, "the chosen pairs differ from one process's"
            runs.append(run)
        for r in runs:
            print(
                f"{n:>8} {r.label:<11}{r.start:>8.1f}{r.score:>9.1f}{r.select:>9.1f}"
                f"{r.explain:>10.1f}{r.total:>9.1f}{r.cpu:>8.1f}{base.total / r.total:>12.2f}×"
                f"{r.load:>7}"
            )
        how = "exact (CP-SAT)" if len(pairs) <= 20_000 else "greedy by value (≥ ½ of the optimum)"
        value = sum(s.value for s in chosen)
        recall, _, _ = measure(lists_from(chosen), planted, [p.key for p in profiles], k)
        print(
            f"{'':>9}{len(pairs):,} candidate pairs and {len(chosen):,} chosen, equal in every "
            f"run (features too); selection {how}, value {value:,.1f}; recall@{k} {recall:.3f}"
        )
        if bound and table is not None:
            started = time.perf_counter()
            ends = np.column_stack((table.a, table.b)).ravel()
            upper = lp_bound_arrays(ends, table.value, n, k)
            print(
                f"{'':>9}LP relaxation bound (HiGHS, {time.perf_counter() - started:.1f} s) "
                f"{upper:,.1f}: the selection reaches {100 * value / upper:.2f} % of it"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--per-org", type=int, default=40, help="candidates scored per org")
    parser.add_argument("--bound", action="store_true", help="compare with the LP bound")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[], help="one process vs Dask LocalClusters"
    )
    parser.add_argument("--slice", type=int, default=5_000, help="organisations per Dask task")
    args = parser.parse_args()
    if args.workers:
        scale_table(
            args.sizes, args.workers, args.k, args.per_org, bound=args.bound, slice_size=args.slice
        )
        return 0
    print(f"{'orgs':>8} {'method':<32}{'recall@k':>10}{'prec@k':>9}{'gini':>8}{'seconds':>9}")
    for n in args.sizes:
        profiles, planted = ecosystem(n)
        keys = [p.key for p in profiles]
        start = time.perf_counter()
        algorithm = get_algorithm()
        pairs = candidate_pairs(profiles, algorithm, per_org=args.per_org)
        startups = {p.key for p in profiles if p.org.kind is OrgKind.STARTUP}
        chosen = assign(pairs, {p.key: args.k for p in profiles}, startups)
        ours = time.perf_counter() - start
        r, p, g = measure(lists_from(chosen), planted, keys, args.k)
        print(f"{n:>8} {'match-v1 + capacity':<32}{r:>10.3f}{p:>9.3f}{g:>8.3f}{ours:>9.1f}")
        if args.bound:
            bound = lp_bound(pairs, args.k)
            reached = sum(s.value for s in chosen) / bound if bound > 0 else 1.0
            how = "exact (CP-SAT)" if len(pairs) <= 20000 else "greedy"
            print(
                f"{'':>9}{len(pairs):,} candidate pairs; {how} selection reaches "
                f"{100 * reached:.2f} % of the LP bound {bound:,.1f}"
            )
        start = time.perf_counter()
        base = baseline(profiles, args.k, args.per_org)
        took = time.perf_counter() - start
        r, p, g = measure(base, planted, keys, args.k)
        print(
            f"{n:>8} {'top-k by similarity (baseline)':<32}{r:>10.3f}{p:>9.3f}{g:>8.3f}{took:>9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
