"""The dense stage's price: nDCG@10 and in-process latency of its variants, side by side.

    python benchmarks/dense_latency.py --index DIR [--rounds N] [VARIANT ...]
    python benchmarks/dense_latency.py --index DIR --stages [VARIANT ...]

Asks every development question (benchmarks/search_dev.tsv; the held-out set is left
alone) of an index with vectors under each variant in turn, in one process, and prints
dev nDCG@10 with p50/p95 latency and the load average (compare variants of one run:
a shared machine's load moves every figure). Variants: BM25 alone; what the encoder
reads — the question followed by its glossary equivalents as text (``glossed-text``,
before; ``every-core``: on every OpenMP thread), the question alone (``question-only``),
or the question alone mixed with the build-time vectors of its glossary terms
(``terms-SHARE``: per language of the articles, the terms weighing SHARE; ``one-mix``:
one mix for every language); ``-before`` and the glossed-text variants rank as before
(the vectors copied and re-normalised per question), the others over vectors split by
language once per index; ``-early``: the question embedded in a thread while BM25 ranks
(query.search's default); ``-maxN``: the encoder reads at most N tokens; ``whole-*``:
the question embedded whole (cut at 32 tokens; ``-2-threads``: on two OpenMP threads),
as before questions were split; ``halves-N``: a question longer than N tokens embedded
as two halves at once; ``today``: the defaults (dense.QUERY_TOKENS, QUERY_SPLIT,
query.TERM_SHARE, EARLY); ``today-own-alone``: the terms mixed into the other
languages' vectors only; and two gates
that skip the dense stage when BM25's evidence looks strong. The variants swap
functions and constants of corridor.search.query / dense for the run, as an
experiment: nothing here is a setting.
With ``--stages``, each variant's time is split by stage (median and p95 per question
of: the question's analysis, the glossary, jurisdictions and named laws, the encoder,
BM25 per language, notion coverage, the dense ranking and its fusion, citations, the
results), the stages timed by wrapping the functions that do them.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corridor.search import dense
from corridor.search import index as index_module
from corridor.search import plan as planning
from corridor.search import query as q
from corridor.search.index import Index
from corridor.text.legal_terms import equivalents, mentioned

sys.path.insert(0, str(Path(__file__).parent))
import search as bench  # the judged questions and nDCG of benchmarks/search.py

WITH_VECTORS = q._with_vectors


def glossed(text: str, cross_lingual: bool = True, listed: bool = False) -> str:
    """What was embedded before: the question followed by its glossary equivalents."""
    return " ".join([text, *equivalents(text)]) if cross_lingual else text


def question_only(text: str, cross_lingual: bool = True, listed: bool = False) -> str:
    return text


BASE: dict[str, Any] = {"question": q._question}
"""query._question as the variants find it (timed, under ``--stages``)."""


def own_alone(index: Index, asked: q.Plan, question: dense.Vectors) -> dict[str, Any]:
    """The terms mixed into the vectors of the other languages only: the question's own
    language's articles met with the question alone."""
    mixed: dict[str, Any] = BASE["question"](index, asked, question)
    if len(mixed) > 1:
        mixed[asked.lang] = question / max(float(np.linalg.norm(question)), 1e-12)
    return mixed


def rank_by_language_before(
    vectors: dense.Vectors, query_vector: dense.Vectors, langs: list[str], k: int
) -> list[tuple[int, float]]:
    """dense.rank_by_language as it was: each language's rows copied, re-normalised and
    multiplied by the question's vector through BLAS (dense.rank)."""
    by_lang: dict[str, list[int]] = {}
    for position, lang in enumerate(langs):
        by_lang.setdefault(lang, []).append(position)
    turns: list[tuple[int, float, int]] = []
    for rows in by_lang.values():
        index = np.array(rows)
        for turn, (p, score) in enumerate(dense.rank(vectors[index], query_vector, k)):
            turns.append((turn, -score, int(index[p])))
    return [(p, -negative) for _, negative, p in sorted(turns)[:k]]


def copying(index: Index, asked: q.Plan, where: Any, order: Any, embedded: Any = None) -> Any:
    """The dense stage as it was: the vectors copied and re-normalised per question,
    one query vector for every language."""
    assert index.dense_vectors is not None
    langs = index.dense_langs
    keep = np.ones(len(langs), dtype=bool) if where.lang == "any" else langs == where.lang
    chosen = np.flatnonzero(keep)
    near = rank_by_language_before(
        index.dense_vectors[chosen],
        dense.embed_query(asked.meaning) if embedded is None else embedded(),
        list(langs[chosen]),
        q.FUSE_DEPTH,
    )
    dense_ranking = [int(index.dense_positions[chosen[r]]) for r, _ in near]
    fused = dense.fuse(
        [[p for p, _ in order[: q.FUSE_DEPTH]], dense_ranking], [1.0, q.DENSE_WEIGHT], k=q.FUSE_K
    )
    seen = {p for p, _ in fused}
    floor = min((score for _, score in fused), default=0.0)
    each: dict[str, list[int]] = {}  # for query._own_language_order: each language's turns
    # (about a third of the FUSE_DEPTH per language today's stage gives it)
    for p in dense_ranking:
        each.setdefault(index.chunks[p].lang, []).append(p)
    return fused + [(p, floor * 0.5) for p, _ in order if p not in seen], each


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
            return order, {}
        return WITH_VECTORS(index, asked, where, order, embedded)

    return with_vectors


@dataclass(frozen=True)
class Variant:
    """What a variant sets: what the encoder embeds, the dense stage, encoder threads,
    whether vectors are on, and the glossary terms' share of the question's vector
    (per language of the articles, or one mix for all)."""

    meaning: Any = q.meaning
    stage: Any = WITH_VECTORS
    threads: int = 1
    on: bool = True
    share: float = q.TERM_SHARE
    per_language: bool = q.PER_LANGUAGE
    early: bool = False
    tokens: int | None = None
    question: Any = None  # query._question's replacement, if any
    split: int | None = None  # a longer question embedded as two halves at once


VARIANTS: dict[str, Variant] = {
    "bm25-only": Variant(on=False),
    "every-core": Variant(glossed, copying, len(os.sched_getaffinity(0)), share=0),
    "glossed-text": Variant(glossed, copying, share=0),  # before this round
    "question-only-before": Variant(question_only, copying, share=0),
    "question-only": Variant(question_only, share=0),
    "glossed-text-grouped": Variant(glossed, share=0),
    "terms-0.3": Variant(question_only, share=0.3),
    "terms-0.5": Variant(question_only, share=0.5),
    "terms-0.7": Variant(question_only, share=0.7),
    "terms-one-mix-0.5": Variant(question_only, share=0.5, per_language=False),
    "terms-0.5-early": Variant(question_only, share=0.5, early=True),
    "terms-0.5-max32": Variant(question_only, share=0.5, tokens=32),
    "terms-0.5-max24": Variant(question_only, share=0.5, tokens=24),
    "terms-0.5-max32-early": Variant(question_only, share=0.5, tokens=32, early=True),
    "today-own-alone": Variant(
        share=q.TERM_SHARE,
        early=q.EARLY,
        tokens=dense.QUERY_TOKENS,
        split=dense.QUERY_SPLIT,
        question=own_alone,
    ),
    "whole-question": Variant(share=q.TERM_SHARE, early=q.EARLY, tokens=32),  # before halves
    "whole-2-threads": Variant(share=q.TERM_SHARE, early=q.EARLY, tokens=32, threads=2),
    "whole-max24": Variant(share=q.TERM_SHARE, early=q.EARLY, tokens=24),
    "halves-24": Variant(share=q.TERM_SHARE, early=q.EARLY, tokens=32, split=24),
    "halves-max32": Variant(share=q.TERM_SHARE, early=q.EARLY, tokens=32, split=16),
    "halves-max20": Variant(share=q.TERM_SHARE, early=q.EARLY, tokens=20, split=16),
    "halves-max18": Variant(share=q.TERM_SHARE, early=q.EARLY, tokens=18, split=16),
    "today": Variant(  # the defaults
        share=q.TERM_SHARE, early=q.EARLY, tokens=dense.QUERY_TOKENS, split=dense.QUERY_SPLIT
    ),
    "gate-abroad": Variant(glossed, gated(abroad), share=0),
    "gate-notions": Variant(glossed, gated(notions_uncovered), share=0),
}


def apply(variant: Variant) -> None:
    q.meaning, q._with_vectors = variant.meaning, variant.stage
    dense.QUERY_THREADS, q.TERM_SHARE, q.PER_LANGUAGE = (
        variant.threads,
        variant.share,
        variant.per_language,
    )
    q.EARLY, dense.QUERY_TOKENS, dense.QUERY_SPLIT = variant.early, variant.tokens, variant.split
    q._question = variant.question or BASE["question"]


def run(index: Index, name: str) -> tuple[float, list[float]]:
    """One pass of a variant over the dev questions: mean nDCG@10 and the latencies."""
    variant = VARIANTS[name]
    apply(variant)
    saved = index.dense_vectors
    index.dense_vectors = saved if variant.on else None
    for warm_up in ("개인정보 국외 이전", "个人信息出境"):  # the model and the analysers loaded
        q.search(index, warm_up, k=10)  # before the clock starts
    scores, latency = [], []
    for row in bench.load_dev("search_dev.tsv"):
        started = time.perf_counter()
        ranked = [(r.title, r.article) for r in q.search(index, row["query"], k=10)]
        latency.append(time.perf_counter() - started)
        scores.append(bench.ndcg(ranked, bench.relevant(row)))
    index.dense_vectors = saved
    return statistics.mean(scores), latency


def compare(index: Index, names: list[str], rounds: int) -> None:
    """The variants in turn, ``rounds`` times over (a load that changes meanwhile then
    weighs on every variant alike), each one's latencies pooled."""
    pooled: dict[str, list[float]] = {name: [] for name in names}
    quality: dict[str, float] = {}
    loads: list[float] = []
    for _ in range(rounds):
        for name in names:
            quality[name], latency = run(index, name)
            pooled[name] += latency
            loads.append(os.getloadavg()[0])
    print(f"load average {min(loads):.1f}–{max(loads):.1f}; {rounds} round(s)")
    for name in names:
        latency = sorted(pooled[name])
        p50, p95 = latency[len(latency) // 2], latency[int(0.95 * (len(latency) - 1))]
        print(
            f"{name:<22} dev nDCG@10 {quality[name]:.3f}  p50 {1000 * p50:6.0f} ms  "
            f"p95 {1000 * p95:6.0f} ms",
            flush=True,
        )


STAGES: dict[str, float] = {}
"""Seconds spent per stage in the question being timed (filled by the wrappers)."""


def timed(stage: str, function: Any) -> Any:
    """``function``, adding its time to ``STAGES[stage]`` (nested stages not subtracted:
    the wrapped functions below do not call each other, except where said)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            STAGES[stage] = STAGES.get(stage, 0.0) + time.perf_counter() - started

    return wrapper


def instrument() -> None:
    """Wrap the functions of each stage of a question (for ``--stages``)."""
    for module, name, stage in (
        (planning, "analyze", "analysis"),
        (planning, "expansions", "glossary"),
        (q, "equivalents", "glossary"),
        (planning, "notions", "glossary"),
        (planning, "jurisdictions", "laws named"),
        (planning, "named_laws", "laws named"),
        (dense, "embed_query", "encoder"),
        (dense, "term_vector", "encoder"),
        (dense, "by_language", "dense rank+fuse"),
        (dense, "rank", "dense rank+fuse"),
        (dense, "nearest_by_language", "dense rank+fuse"),
        (dense, "fuse", "dense rank+fuse"),
        (q, "_question", "term mix"),
        (q, "_coverage", "coverage"),
        (q, "_with_citations", "citations"),
        (q, "_own_language_order", "own order"),
        (q, "_own_language_guard", "own order"),
        (q, "results", "results"),
    ):
        setattr(module, name, timed(stage, getattr(module, name)))
    BASE["question"] = q._question
    scores = index_module.Index.scores

    def per_language(self: Index, lang: str, tokens: list[str]) -> Any:
        return timed(f"bm25 {lang}", scores)(self, lang, tokens)

    index_module.Index.scores = per_language  # type: ignore[method-assign]


def stages(index: Index, name: str) -> None:
    """One variant's time per stage over the dev questions: median and p95 (ms)."""
    variant = VARIANTS[name]
    apply(variant)
    saved = index.dense_vectors
    index.dense_vectors = saved if variant.on else None
    for warm_up in ("개인정보 국외 이전", "个人信息出境"):
        q.search(index, warm_up, k=10)
    rows: list[dict[str, float]] = []
    for row in bench.load_dev("search_dev.tsv"):
        STAGES.clear()
        started = time.perf_counter()
        q.search(index, row["query"], k=10)
        STAGES["total"] = time.perf_counter() - started
        STAGES["rest"] = 2 * STAGES["total"] - sum(STAGES.values())
        rows.append(dict(STAGES))
    index.dense_vectors = saved
    print(f"{name} (load {os.getloadavg()[0]:.1f}): stage  p50 ms  p95 ms  share of total")
    total = sum(r["total"] for r in rows)
    for key in sorted({k for r in rows for k in r}, key=lambda k: (k == "total", k)):
        spent = sorted(r.get(key, 0.0) for r in rows)
        p50, p95 = spent[len(spent) // 2], spent[int(0.95 * (len(spent) - 1))]
        print(f"  {key:<16}{1000 * p50:7.1f}{1000 * p95:8.1f}{sum(spent) / total:8.0%}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="an index with vectors")
    parser.add_argument("--stages", action="store_true", help="time each stage of a question")
    parser.add_argument("--rounds", type=int, default=1, help="passes over the variants")
    parser.add_argument("variants", nargs="*", help=f"some of {', '.join(VARIANTS)} (all)")
    args = parser.parse_args()
    names = args.variants or list(VARIANTS)
    index = Index(args.index)
    if args.stages:
        instrument()
        for name in names:
            stages(index, name)
    else:
        compare(index, names, args.rounds)


if __name__ == "__main__":
    main()
