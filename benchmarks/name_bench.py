"""Gold-case harness for the name matcher: confusion matrix per group, timings.

    python benchmarks/name_bench.py [--algorithm corridor-v1] [--no-enrich] [--freeze]

Each case compares a query (name1) with one list name (name2) as a one-entry
list; where name2 is the primary name of an entry in the curated native-name
table, the entry carries those names too (as it does in the real index), unless
``--no-enrich``. A case is predicted a match when the hit is at least ``review``.
The run is compared with the frozen reference (name_bench_reference.txt), so a
change in behaviour shows as a diff; ``--freeze`` rewrites the reference.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from corridor.core.names import NameKind
from corridor.core.screening import EntityType, ListEntry
from corridor.screen.algorithms import get_algorithm
from corridor.screen.enrich import native_names
from corridor.screen.matcher import Query, Screener
from corridor.screen.sources.common import name as list_name
from corridor.screen.sources.detect import parse_list
from corridor.services.lists import bundled_lists
from corridor.services.screening import build_index

HERE = Path(__file__).parent
CASES = HERE / "name_cases.csv"
REFERENCE = HERE / "name_bench_reference.txt"
SCORES: list[tuple[float, bool, str]] = []
KINDS = {"person": EntityType.PERSON, "org": EntityType.ORGANIZATION}


@dataclass(slots=True)
class Tally:
    """A confusion matrix."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, predicted: bool) -> None:
        if truth and predicted:
            self.tp += 1
        elif truth:
            self.fn += 1
        elif predicted:
            self.fp += 1
        else:
            self.tn += 1

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def bundled_entries() -> list[ListEntry]:
    """Every entry of the list snapshot bundled in src/corridor/bundled/lists."""
    return [e for path in bundled_lists() for e in parse_list(path)[1].entries]


def enrichment_by_name() -> dict[str, tuple[object, ...]]:
    """Primary list name → curated native names (what the real index attaches)."""
    text = Path(__file__).resolve().parents[1] / "src/corridor/screen/data/native_names.csv"
    by_id = native_names()
    out: dict[str, tuple[object, ...]] = {}
    with text.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out[row["list_name"]] = by_id[(row["source"], row["source_id"].strip())]
    return out


def run(algorithm: str, enrich: bool) -> tuple[dict[str, Tally], list[str], float, int]:
    """Score every case; returns tallies per group, the misses, seconds and case count."""
    extra = enrichment_by_name() if enrich else {}
    started = time.perf_counter()
    screener = Screener(build_index(bundled_entries()), get_algorithm(algorithm))
    print(
        f"rarity weights from the bundled lists: {len(screener.index)} entries indexed in "
        f"{time.perf_counter() - started:.1f} s"
    )
    tallies: dict[str, Tally] = defaultdict(Tally)
    misses: list[str] = []
    with CASES.open(encoding="utf-8") as handle:
        cases = list(csv.DictReader(handle))
    start = time.perf_counter()
    for case in cases:
        kind = KINDS[case["kind"]]
        names = (list_name(case["name2"]), *extra.get(case["name2"], ()))  # type: ignore[misc]
        entry = ListEntry("gold", "1", kind, names)
        hit = screener.compare(Query((list_name(case["name1"], NameKind.TRADE),), kind), entry)
        predicted = hit is not None
        SCORES.append(
            (hit.score if hit is not None else 0.0, case["is_match"] == "true", case["group"])
        )
        truth = case["is_match"] == "true"
        tallies[case["group"]].add(truth, predicted)
        tallies["ALL"].add(truth, predicted)
        if predicted != truth:
            score = f"{hit.score:.3f}" if hit is not None else "-"
            misses.append(
                f"{'FN' if truth else 'FP'} {case['group']}: {case['name1']} | "
                f"{case['name2']} ({score})"
            )
    return tallies, misses, time.perf_counter() - start, len(cases)


def table(tallies: dict[str, Tally]) -> str:
    """The confusion matrix per group as fixed-width text."""
    lines = [f"{'group':<26}{'TP':>5}{'FP':>5}{'FN':>5}{'TN':>5}{'precision':>11}{'recall':>8}"]
    for group in sorted(tallies, key=lambda g: (g == "ALL", g)):
        t = tallies[group]
        lines.append(
            f"{group:<26}{t.tp:>5}{t.fp:>5}{t.fn:>5}{t.tn:>5}"
            f"{t.precision():>11.3f}{t.recall():>8.3f}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--algorithm", default="corridor-v1")
    parser.add_argument("--no-enrich", action="store_true", help="without native-name table")
    parser.add_argument("--freeze", action="store_true", help="rewrite the reference run")
    parser.add_argument("--misses", action="store_true", help="print every wrong case")
    parser.add_argument("--sweep", action="store_true", help="precision/recall per threshold")
    args = parser.parse_args()
    tallies, misses, seconds, count = run(args.algorithm, not args.no_enrich)
    report = table(tallies)
    print(report)
    print(f"\n{count} cases in {seconds:.2f} s ({count / seconds:.0f} pairs/s)")
    if args.misses:
        print("\n".join(misses))
    if args.sweep:
        print("\nreview threshold sweep (excluding zh_transliterated):")
        for step in range(76, 95, 2):
            t = Tally()
            for score, truth, group in SCORES:
                if group != "zh_transliterated":
                    t.add(truth, score >= step / 100)
            print(f"  {step / 100:.2f}  precision {t.precision():.3f}  recall {t.recall():.3f}")
    if args.no_enrich:
        return 0
    if args.freeze:
        REFERENCE.write_text(report + "\n", encoding="utf-8")
        print(f"froze {REFERENCE.name}")
    elif REFERENCE.exists():
        diff = list(
            difflib.unified_diff(
                REFERENCE.read_text(encoding="utf-8").splitlines(),
                report.splitlines(),
                "reference",
                "this run",
                lineterm="",
            )
        )
        print("\nsame as the frozen reference" if not diff else "\n" + "\n".join(diff))
    return 0


if __name__ == "__main__":
    sys.exit(main())
