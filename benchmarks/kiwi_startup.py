"""Kiwi's start-up per dictionary configuration, and how far the search words it gives
differ from the full configuration's.

    python benchmarks/kiwi_startup.py [--runs N]

Prints, per configuration, the seconds a fresh process takes to construct Kiwi and to
answer a first short question (Kiwi builds its model lazily; the mean of ``--runs``
processes, each its own interpreter so that no model stays in memory), with the ratio
to ``Kiwi()`` with every dictionary, the baseline; then, per configuration, how many of
the search words (``analyzers._korean_words``: nouns, roots, stems and joined noun
parts) differ from the baseline's over the bundled Korean statutes, the Korean questions
of benchmarks/search_*.tsv and the glossary's Korean terms. The search index is built
with one configuration and queried with the same (``search.index.ANALYSIS_VERSION``
changes with it), so a difference is a change of analysis, not a bug; what it does to
rankings is measured by benchmarks/search.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEGAL = ROOT / "src/corridor/bundled/legal/ko"
CONFIGURATIONS: dict[str, dict[str, bool]] = {
    "Kiwi()": {},
    "Kiwi(load_typo_dict=False, load_multi_dict=False)": {
        "load_typo_dict": False,
        "load_multi_dict": False,
    },
    "… and load_default_dict=False (Corridor's)": {
        "load_default_dict": False,
        "load_typo_dict": False,
        "load_multi_dict": False,
    },
}


def start_once(options: dict[str, bool]) -> tuple[float, float]:
    """Construction and first-question seconds, in this (fresh) process."""
    from kiwipiepy import Kiwi

    start = time.perf_counter()
    kiwi = Kiwi(**options)
    built = time.perf_counter()
    kiwi.tokenize("개인정보 국외 이전")
    return built - start, time.perf_counter() - built


def start_up(options: dict[str, bool], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--one", json.dumps(options)],
            capture_output=True,
            check=True,
            text=True,
        )
        times.append(json.loads(out.stdout))
    return statistics.mean(t[0] for t in times), statistics.mean(t[1] for t in times)


def samples() -> dict[str, list[str]]:
    from corridor.text import legal_terms
    from corridor.text.analyzers import korean_reading

    statutes = [
        korean_reading(line)
        for p in sorted(LEGAL.rglob("*.md"))
        for line in p.read_text("utf-8").split("\n")
        if line.strip()
    ]
    questions = [
        korean_reading(row["query"])
        for name in ("search_dev.tsv", "search_test.tsv")
        for row in csv.DictReader(
            (ROOT / "benchmarks" / name).open(encoding="utf-8"), delimiter="\t"
        )
        if row["lang"] == "ko"
    ]
    terms = [
        korean_reading(term.strip().removeprefix("~"))
        for row in legal_terms.rows()
        for term in row[1].split(";")
        if term.strip()
    ]
    return {"statute lines": statutes, "Korean questions": questions, "glossary terms": terms}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(start_once(json.loads(args.one))))
        return 0
    from kiwipiepy import Kiwi

    from corridor.text.analyzers import _korean_words

    print(f"{args.runs} fresh processes per configuration")
    print(f"{'configuration':<52}{'init s':>8}{'first s':>9}{'total s':>9}{'ratio':>7}")
    base = 0.0
    for name, options in CONFIGURATIONS.items():
        init, first = start_up(options, args.runs)
        base = base or init + first
        print(
            f"{name:<52}{init:>8.2f}{first:>9.2f}{init + first:>9.2f}{base / (init + first):>6.1f}x"
        )
    texts = samples()
    reference = Kiwi()
    words = {
        kind: [Counter(_korean_words(reference.tokenize(t))) for t in items]
        for kind, items in texts.items()
    }
    sizes = ", ".join(f"{len(v)} {k}" for k, v in texts.items())
    print(f"\nsearch words differing from Kiwi()'s ({sizes})")
    for name, options in list(CONFIGURATIONS.items())[1:]:
        kiwi = Kiwi(**options)
        parts = []
        for kind, items in texts.items():
            mine = [Counter(_korean_words(kiwi.tokenize(t))) for t in items]
            changed = sum(a != b for a, b in zip(mine, words[kind], strict=True))
            moved = sum(
                sum(((a - b) + (b - a)).values()) for a, b in zip(mine, words[kind], strict=True)
            )
            total = sum(sum(b.values()) for b in words[kind])
            parts.append(f"{kind}: {changed} differ ({moved} of {total} words)")
        print(f"{name}\n  " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
