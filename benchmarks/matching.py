"""Matching benchmark: planted complementary pairs in generated ecosystems.

    python benchmarks/matching.py [--sizes 1000 10000 100000] [--k 10]
                                  [--workers N] [--bound]

Each organisation (Korean or Chinese; startups, corporates, investors) states what
it offers and seeks in English, Korean or Chinese, drawn from the concept terms;
one in five is given a planted partner across the border that seeks exactly what it
offers and offers what it seeks. Printed per method: recall@k (planted partners in
each other's top k), precision@k (share of top-k entries that are planted partners,
for organisations that have one), exposure Gini (how unevenly organisations are
recommended) and seconds — match-v1 with capacity-aware assignment next to a plain
top-k-by-similarity baseline without capacity.

``--workers N`` adds match-v1 with its candidates scored on a Dask LocalCluster of N
workers (``corridor.scale.matching``; the pairs equal the single process's, checked).
``--bound`` solves the LP relaxation of the capacity-constrained selection with HiGHS
and prints how much of that upper bound the selection reaches (greedy, used beyond
20,000 candidate pairs, is guaranteed at least half).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.match.assign import assign, gini
from corridor.match.candidates import candidate_pairs
from corridor.match.features import similarity
from corridor.match.profile import Profile, build_profile
from corridor.match.scoring import Scored, get_algorithm
from corridor.text.concepts import concepts

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
    import highspy
    import numpy as np

    from corridor.schedule.bound import highs

    orgs = {k: i for i, k in enumerate(sorted({x for s in pairs for x in (s.a, s.b)}))}
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(pairs), len(orgs)
    lp.col_cost_ = np.array([s.value for s in pairs])
    lp.col_lower_, lp.col_upper_ = np.zeros(len(pairs)), np.ones(len(pairs))
    lp.row_lower_ = np.full(len(orgs), -highspy.kHighsInf)
    lp.row_upper_ = np.full(len(orgs), float(capacity))
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.arange(0, 2 * len(pairs) + 1, 2, dtype=np.int32)
    lp.a_matrix_.index_ = np.array([orgs[x] for s in pairs for x in (s.a, s.b)], dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(2 * len(pairs))
    h = highs()  # silent
    h.passModel(lp)
    h.run()
    return float(h.getInfo().objective_function_value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--per-org", type=int, default=40, help="candidates scored per org")
    parser.add_argument("--workers", type=int, default=0, help="also score on Dask")
    parser.add_argument("--bound", action="store_true", help="compare with the LP bound")
    args = parser.parse_args()
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
        if args.workers > 0:
            from corridor.scale.cluster import connect
            from corridor.scale.matching import candidate_pairs_on

            with connect(args.workers) as client:
                start = time.perf_counter()
                spread = candidate_pairs_on(client, profiles, per_org=args.per_org)
                chosen_d = assign(spread, {p.key: args.k for p in profiles}, startups)
                took = time.perf_counter() - start
            assert spread == pairs, "the cluster's pairs differ from one process's"
            r, p, g = measure(lists_from(chosen_d), planted, keys, args.k)
            label = f"match-v1 + capacity, {args.workers} workers"
            print(f"{n:>8} {label:<32}{r:>10.3f}{p:>9.3f}{g:>8.3f}{took:>9.1f}")
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
