"""The dense stage's price: nDCG@10 and in-process latency of its variants, side by side.

    python benchmarks/dense_latency.py --index DIR [VARIANT ...]

Asks every development question (benchmarks/search_dev.tsv; the held-out set is left
alone) of an index with vectors under each variant in turn, in one process, and prints
dev nDCG@10 with p50/p95 latency and the load average. Variants: the encoder on every
core (before) or one thread (today), what is embedded (the question with its glossary
equivalents, or the question only), and two gates that skip the dense stage when BM25's
evidence looks strong; plus BM25 alone. The variants swap functions of
corridor.search.query / dense for the run, as an experiment: nothing here is a setting.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corridor.search import dense
from corridor.search import query as q
from corridor.search.index import Index
from corridor.text.legal_terms import mentioned

sys.path.insert(0, str(Path(__file__).parent))
import search as bench  # the judged questions and nDCG of benchmarks/search.py

MEANING = q.meaning
WITH_VECTORS = q._with_vectors


def notions_uncovered(index: Index, asked: q.Plan, order: list[tuple[int, float]]) -> bool:
    """Whether none of BM25's top three articles speaks of every notion of the question."""
    if not asked.notions:
        return True
    texts = [index.chunks[p] for p, _ in order[:3]]
    best = max(mentioned(f"{c.title} {c.heading} {c.text}", asked.notions) for c in texts)
    return best < len(asked.notions)


def abroad(index: Index, asked: q.Plan, order: list[tuple[int, float]]) -> bool:
    """Whether the best BM25 article is in another language than the question, or the
    question names a law or another country."""
    own = index.chunks[order[0][0]].lang == asked.lang
    return not own or asked.weights.get(asked.lang, 1.0) < 1.0 or bool(asked.laws)


def gated(test: Callable[[Index, q.Plan, list[tuple[int, float]]], bool]) -> Any:
    """The dense stage, run only when ``test`` says BM25's evidence is weak."""

    def with_vectors(
        index: Index, asked: q.Plan, where: Any, order: Any, embedded: Any = None
    ) -> Any:
        if not test(index, asked, order):
            return order
        return WITH_VECTORS(index, asked, where, order, embedded)

    return with_vectors


# name → (what is embedded, the dense stage, encoder threads, vectors on)
VARIANTS: dict[str, tuple[Any, Any, int, bool]] = {
    "bm25-only": (MEANING, WITH_VECTORS, 1, False),
    "every-core": (MEANING, WITH_VECTORS, len(os.sched_getaffinity(0)), True),
    "one-thread": (MEANING, WITH_VECTORS, 1, True),
    "question-only": (lambda text, cross_lingual=True: text, WITH_VECTORS, 1, True),
    "gate-abroad": (MEANING, gated(abroad), 1, True),
    "gate-notions": (MEANING, gated(notions_uncovered), 1, True),
}


def run(index: Index, name: str) -> None:
    meaning, stage, threads, on = VARIANTS[name]
    q.meaning, q._with_vectors, dense.QUERY_THREADS = meaning, stage, threads
    saved = index.dense_vectors
    index.dense_vectors = saved if on else None
    q.search(index, "개인정보 국외 이전", k=10)  # the model loaded before the clock starts
    scores, latency = [], []
    for row in bench.load_dev("search_dev.tsv"):
        started = time.perf_counter()
        ranked = [(r.title, r.article) for r in q.search(index, row["query"], k=10)]
        latency.append(time.perf_counter() - started)
        scores.append(bench.ndcg(ranked, bench.relevant(row)))
    index.dense_vectors = saved
    latency.sort()
    p50, p95 = latency[len(latency) // 2], latency[int(0.95 * (len(latency) - 1))]
    print(
        f"{name:<15} dev nDCG@10 {statistics.mean(scores):.3f}  p50 {1000 * p50:6.0f} ms  "
        f"p95 {1000 * p95:6.0f} ms  load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="an index with vectors")
    parser.add_argument("variants", nargs="*", help=f"some of {', '.join(VARIANTS)} (all)")
    args = parser.parse_args()
    index = Index(args.index)
    for name in args.variants or VARIANTS:
        run(index, name)


if __name__ == "__main__":
    main()
