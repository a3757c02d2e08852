"""Screening throughput and recall: Corridor's index vs brute force, side by side.

    python benchmarks/screening.py [--queries 10000] [--baseline-queries 300]
                                   [--nomenklatura-python PATH]

Screens N generated, realistic queries (perturbed list names, Hangul person names,
Chinese company names, unrelated Latin company names; seeded) against every
bundled list, and prints queries/s, p50/p99 latency, index build time and peak
memory, next to a brute-force rapidfuzz baseline (WRatio of the query's
transliterated forms against every list name) and, when an interpreter with
nomenklatura is given, nomenklatura's logic-v1/logic-v2 (pairwise, brute force).
Recall and precision on the gold cases (benchmarks/name_cases.csv) are printed
for each method.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from corridor.core.names import Name, NameKind, Script
from corridor.core.screening import EntityType, ListEntry
from corridor.screen.matcher import Query, Screener
from corridor.screen.sources.detect import parse_list
from corridor.services.lists import bundled_lists
from corridor.services.screening import build_index
from corridor.text.glossary import terms
from corridor.text.names import forms
from corridor.text.normalize import fold
from corridor.text.translit import SURNAMES

HERE = Path(__file__).parent
GIVEN = "준민서현지우영수성진호연은정훈철동상경희태광명혁일남"
BRAND = "华星达信通恒安泰明德光新宇天盛金鑫龙海辉瑞博创凯"
WORDS = (
    "Global",
    "Nova",
    "Blue",
    "Star",
    "Systems",
    "Dynamics",
    "Holdings",
    "Robotics",
    "Alpha",
    "Vision",
    "Green",
    "Smart",
    "Logistics",
    "Capital",
    "Medical",
    "Bio",
    "United",
    "Pacific",
)
BASELINE_CUTOFF = 85.0


def perturb(text: str, rng: random.Random) -> str:
    """A realistic variant of a list name: case, punctuation, order, a typo, legal form."""
    choice = rng.randrange(5)
    if choice == 0:
        return text.lower()
    if choice == 1:
        return text.replace(",", "").replace(".", "")
    if choice == 2 and " " in text:
        parts = text.replace(",", "").split()
        return " ".join(parts[1:] + parts[:1])
    if choice == 3 and len(text) > 6:
        i = rng.randrange(1, len(text) - 1)
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text.replace(" CO., LTD.", " Company Limited").replace(" LIMITED", " Ltd")


EXPECTED: dict[int, tuple[str, str]] = {}


def generate(entries: list[ListEntry], count: int, seed: int = 7) -> list[Query]:
    """``count`` queries in the proportions a Korea–China mission produces.

    For perturbed list names, ``EXPECTED[i]`` records the entry the query came from.
    """
    rng = random.Random(seed)
    places = [t.word for t in terms("zh").values() if t.kind == "place"]
    words = [t.word for t in terms("zh").values() if t.kind == "word"]
    surnames = [s for s in SURNAMES if len(s) == 1]
    out: list[Query] = []
    for i in range(count):
        kind = i % 5
        if kind in (0, 1):
            entry = rng.choice(entries)
            text = perturb(rng.choice(entry.names).text, rng)
            EXPECTED[i] = (entry.source, entry.source_id)
            etype = entry.type if entry.type is not EntityType.UNKNOWN else None
        elif kind == 2:
            text = rng.choice(surnames) + rng.choice(GIVEN) + rng.choice(GIVEN)
            etype = EntityType.PERSON
        elif kind == 3:
            text = (
                rng.choice(places)
                + rng.choice(BRAND)
                + rng.choice(BRAND)
                + rng.choice(words)
                + rng.choice(("有限公司", "股份有限公司", "集团有限公司"))
            )
            etype = EntityType.ORGANIZATION
        else:
            text = " ".join(rng.sample(WORDS, 2)) + rng.choice((" Inc.", " Co., Ltd.", " Ltd"))
            etype = EntityType.ORGANIZATION
        out.append(Query((Name(text, Script.LATIN, None, NameKind.TRADE),), etype))
    return out


def timed(fn, items):  # type: ignore[no-untyped-def]
    latencies, results = [], []
    for item in items:
        start = time.perf_counter()
        results.append(fn(item))
        latencies.append(time.perf_counter() - start)
    return results, latencies


def baseline_search(choices: list[str]):  # type: ignore[no-untyped-def]
    """Brute force: every transliterated form of the query against every list name."""

    def search(query: Query) -> list[tuple[str, float, int]]:
        best: dict[int, float] = {}
        for form in query.forms():
            for _, score, index in process.extract(
                form.text,
                choices,
                scorer=fuzz.WRatio,
                processor=None,
                limit=10,
                score_cutoff=BASELINE_CUTOFF,
            ):
                best[index] = max(best.get(index, 0.0), score)
        return sorted(best.items(), key=lambda kv: -kv[1])[:10]  # type: ignore[return-value]

    return search


def gold_cases() -> list[dict[str, str]]:
    with (HERE / "name_cases.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def gold_scores_corridor(screener: Screener) -> list[bool]:
    from benchmarks_name_bench import enrichment_by_name

    extra = enrichment_by_name()
    out = []
    for case in gold_cases():
        kind = EntityType.PERSON if case["kind"] == "person" else EntityType.ORGANIZATION
        entry = ListEntry(
            "gold", "1", kind, (Name(case["name2"], Script.LATIN), *extra.get(case["name2"], ()))
        )
        query = Query((Name(case["name1"], Script.LATIN, None, NameKind.TRADE),), kind)
        out.append(screener.compare(query, entry) is not None)
    return out


def gold_scores_baseline() -> list[bool]:
    out = []
    for case in gold_cases():
        person = case["kind"] == "person"
        best = max(
            (
                fuzz.WRatio(f.text, fold(case["name2"]), processor=None)
                for f in forms(Name(case["name1"], Script.LATIN), person=person)
            ),
            default=0.0,
        )
        out.append(best >= BASELINE_CUTOFF)
    return out


NOMENKLATURA = r"""
import json, sys, time
from followthemoney import model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig
cases = json.load(sys.stdin)
out = {}
for name in ("logic-v1", "logic-v2"):
    algo = get_algorithm(name)
    config = ScoringConfig(weights={}, config={})
    start = time.perf_counter()
    preds = []
    for i, c in enumerate(cases):
        schema = "Person" if c["kind"] == "person" else "Company"
        # unique ids: nomenklatura caches comparisons by entity id
        q = model.make_entity(schema); q.id = f"q{i}"; q.add("name", c["name1"])
        r = model.make_entity(schema); r.id = f"r{i}"; r.add("name", c["name2"])
        preds.append(algo.compare(q, r, config).score >= 0.7)
    out[name] = {"preds": preds, "pairs_per_s": len(cases) / (time.perf_counter() - start)}
print(json.dumps(out))
"""


def quality(preds: list[bool]) -> tuple[float, float]:
    """Precision and recall on the gold cases (zh_transliterated excluded, as in README)."""
    tp = fp = fn = 0
    for case, predicted in zip(gold_cases(), preds, strict=True):
        if case["group"] == "zh_transliterated":
            continue
        truth = case["is_match"] == "true"
        tp += truth and predicted
        fp += predicted and not truth
        fn += truth and not predicted
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=300,
        help="brute force is slow: timed on this many of the same queries",
    )
    parser.add_argument(
        "--nomenklatura-python",
        type=Path,
        default=None,
        help="a Python interpreter with nomenklatura installed",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    sys.modules["benchmarks_name_bench"] = __import__("name_bench")

    entries = [e for p in bundled_lists() for e in parse_list(p)[1].entries]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    screener = Screener(build_index(entries))
    build = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queries = generate(entries, args.queries)

    found, ours = timed(screener.screen, queries)
    kept = sum(
        1 for i, key in EXPECTED.items() if any((h.source, h.source_id) == key for h in found[i])
    )
    search_recall = kept / max(1, len(EXPECTED))
    choices = [fold(n.text) for e in entries for n in e.names]
    _, base = timed(baseline_search(choices), queries[: args.baseline_queries])

    rows = [
        (
            "corridor-v1 (index)",
            len(ours),
            ours,
            build,
            (rss_after - rss_before) / 1024,
            quality(gold_scores_corridor(screener)),
        ),
        ("rapidfuzz brute force", len(base), base, 0.0, 0.0, quality(gold_scores_baseline())),
    ]
    print(f"{len(entries)} list entries ({len(choices)} names); {args.queries} generated queries\n")
    print(
        f"{'method':<26}{'queries':>8}{'q/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'build s':>9}"
        f"{'index MB':>10}{'gold P':>8}{'gold R':>8}"
    )
    for name, n, lat, build_s, mb, (p, r) in rows:
        lat_sorted = sorted(lat)
        print(
            f"{name:<26}{n:>8}{n / sum(lat):>9.0f}{statistics.median(lat) * 1000:>9.1f}"
            f"{lat_sorted[int(0.99 * (n - 1))] * 1000:>9.1f}{build_s:>9.1f}{mb:>10.0f}"
            f"{p:>8.3f}{r:>8.3f}"
        )
    if args.nomenklatura_python is not None:
        result = subprocess.run(
            [str(args.nomenklatura_python), "-c", NOMENKLATURA],
            input=json.dumps(gold_cases()),
            capture_output=True,
            text=True,
            check=True,
        )
        for name, data in json.loads(result.stdout).items():
            p, r = quality(data["preds"])
            print(
                f"nomenklatura {name:<13}{'—':>8}{'—':>9}{'—':>9}{'—':>9}{'—':>9}{'—':>10}"
                f"{p:>8.3f}{r:>8.3f}   ({data['pairs_per_s']:.0f} gold pairs/s)"
            )
    else:
        print(
            "nomenklatura: not run (pass --nomenklatura-python with an interpreter that has "
            "`pip install nomenklatura`)"
        )
    print(
        f"\nsearch recall: {search_recall:.3f} of the {len(EXPECTED)} perturbed list names "
        "find their own entry among the top 10 hits"
    )
    speedup = (len(ours) / sum(ours)) / (len(base) / sum(base))
    print(
        f"\nratio: corridor-v1 answers {speedup:.0f}× as many queries per second as the "
        "brute-force baseline"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
