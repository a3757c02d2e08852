"""Legal search benchmark: nDCG@10 and recall@10 on the judged questions.

    python benchmarks/search.py [--set dev|test|both] [--index DIR] [--corpus PATH ...]
                                [--no-vectors] [--no-dictionary] [--rounds N]
                                [--save FILE] [--against FILE]

Builds (or reuses) an index — of the bundled key laws by default, or of the whole
corpus with ``--corpus ../shared/data/legal`` — with the article vectors of the laws
of the law catalogue (``--no-vectors``: BM25 only; ``--no-dictionary``: without the
CC-CEDICT table that gives Chinese and Korean questions English words), runs every question of
benchmarks/search_<set>.tsv (both sets by default: dev, tuned on, and test, held out),
and prints side by side, per set, nDCG@10 and recall@10 per query language,
per language pair (question → languages of the articles judged relevant) and for
same-language vs cross-lingual questions, with index build time and size and p50/p95
latency: Corridor's search (glossary expansion, named laws and jurisdictions, rank
fusion across languages) next to plain BM25: its own index of the same articles
analysed as before any analyser work (Latin words, Hangul and Han character bigrams:
``plain_analyze`` below, frozen; title, heading and text counted once), no expansion,
no fusion. Latencies are in process, one question at a time, with vectors when the
index has them (the question's embedding included), each question asked ``--rounds``
times (3) and every time counted; the machine's load average is printed beside them,
since a shared machine slows every figure.

Beside each group, Corridor's difference from plain BM25 with a 95 % interval from a
paired bootstrap over the group's questions (resampled 2,000 times, seeded): with a
dozen questions a group's mean moves by more than most changes do, and a difference
whose interval holds zero is not one to rely on. ``--save FILE`` writes each question's
nDCG@10 (JSON); ``--against FILE`` prints, per group, this run beside a saved one (the
code before a change, say) with the same interval for the difference.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import TypedDict

import numpy as np

from corridor.search import plan
from corridor.search.index import Index, build
from corridor.search.ingest import read_path
from corridor.search.query import search
from corridor.services.search import BUNDLED, SHIPPED_VECTORS, key_law
from corridor.text import analyzers, legal_terms
from corridor.text.translit import to_simplified

HERE = Path(__file__).parent


class Scored(TypedDict, total=False):
    """One question's run: its language, pair and group, and each method's nDCG@10."""

    lang: str
    pair: str
    group: str
    corridor: float
    plain: float


# Plain BM25's analysis, frozen as it was before morphological analysers: Latin words
# (light stem, stop words), Hangul and Han character bigrams, traditional → simplified.
_PLAIN_RUNS = re.compile(r"[a-z0-9]+|[\uac00-\ud7a3]+|[\u4e00-\u9fff\u3400-\u4dbf]+")
_PLAIN_STOP = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is"}
    | {"it", "its", "of", "on", "or", "that", "the", "to", "was", "were", "will", "with"}
    | {"shall", "any", "which", "this", "such", "may", "under", "other", "than", "not", "no"}
)


def _plain_stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def plain_analyze(text: str) -> list[str]:
    """The analysis of plain BM25 (no analysers): Latin words and character bigrams."""
    tokens: list[str] = []
    for run in _PLAIN_RUNS.findall(to_simplified(text.casefold())):
        if run.isascii():
            if run not in _PLAIN_STOP and len(run) > 1:
                tokens.append(_plain_stem(run))
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def load_dev(name: str = "search_dev.tsv") -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def relevant(row: dict[str, str]) -> set[tuple[str, str]]:
    out = set()
    for item in row["relevant"].split(" | "):
        title, _, label = item.partition(" :: ")
        out.add((title.strip(), label.strip()))
    return out


def ndcg(ranked: list[tuple[str, str]], good: set[tuple[str, str]], k: int = 10) -> float:
    gain = sum(1 / math.log2(i + 2) for i, hit in enumerate(ranked[:k]) if hit in good)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(good))))
    return gain / ideal if ideal else 0.0


def ours(index: Index, query: str) -> list[tuple[str, str]]:
    return [(r.title, r.article) for r in search(index, query, k=10)]


def plain(index: Index, query: str) -> list[tuple[str, str]]:
    hits = index.retrieve(plain_analyze(query), 30)
    ranked = [(index.chunks[p].title, index.chunks[p].article) for p, _ in hits]
    return list(dict.fromkeys(ranked))[:10]  # the same article ingested twice counts once


def size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument(
        "--corpus", type=Path, nargs="*", default=None, help="what to index (default: bundled)"
    )
    parser.add_argument(
        "--no-vectors",
        dest="dense",
        action="store_false",
        help="BM25 only: no article vectors (multilingual-e5-small) and no question embedding",
    )
    parser.add_argument(
        "--no-dictionary",
        dest="dictionary",
        action="store_false",
        help="without the CC-CEDICT table (search/data/zh_en.tsv): Chinese and Korean "
        "questions ask the English index in their glossary terms only",
    )
    parser.add_argument(
        "--set",
        default="both",
        choices=("dev", "test", "both"),
        help="dev (tuned on), test (held out: judged without seeing the dev set or the "
        "glossary) or both, one table each",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="times each question is timed (latency only)"
    )
    parser.add_argument("--save", type=Path, help="write each question's nDCG@10 here (JSON)")
    parser.add_argument(
        "--against", type=Path, help="a --save file: print this run beside it, per group"
    )
    args = parser.parse_args()
    before = json.loads(args.against.read_text("utf-8")) if args.against else None
    plan.DICTIONARY = args.dictionary
    if args.corpus:
        args.corpus = [p.resolve() for p in args.corpus]  # corpus.txt is read from elsewhere
    folder = args.index or Path(tempfile.mkdtemp()) / "index"
    vectors_missing = args.dense and not (folder / "dense.npz").exists()
    if not (folder / "manifest.json").exists() or vectors_missing:
        start = time.perf_counter()
        paths = args.corpus or [BUNDLED]
        key_laws = key_law if args.dense else None
        documents = (d for p in paths for d in read_path(p))
        docs, chunks, _ = build(
            documents, folder, dense=key_laws, seeds=[SHIPPED_VECTORS], workers=os.cpu_count() or 1
        )
        # written after the build: a folder holding anything but an index is not replaceable
        (folder / "corpus.txt").write_text("\n".join(str(p) for p in paths), encoding="utf-8")
        print(
            f"indexed {docs} documents, {chunks} articles in {time.perf_counter() - start:.1f} s;"
            f" index {size(folder) / 1e6:.0f} MB on disk"
        )
    plain_folder = folder.with_name(folder.name + "-plain")
    if not (plain_folder / "manifest.json").exists():
        # the plain baseline indexes what the index was built from
        recorded = folder / "corpus.txt"
        built_from = (
            [Path(p) for p in recorded.read_text("utf-8").split("\n")]
            if recorded.exists()
            else None
        )
        documents = (d for p in args.corpus or built_from or [BUNDLED] for d in read_path(p))
        build(documents, plain_folder, lambda c: plain_analyze(f"{c.title} {c.heading} {c.text}"))
    start = time.perf_counter()
    index = Index(folder)
    print(f"loaded {len(index.chunks)} articles in {time.perf_counter() - start:.1f} s")
    if not args.dense:
        index.dense_vectors = None  # BM25 only, even where the index has vectors
    plain_index = Index(plain_folder)
    sets = ("dev", "test") if args.set == "both" else (args.set,)
    for warm_up in ("warm-up", "개인정보 국외 이전", "个人信息出境"):
        ours(index, warm_up)  # loads the encoder and the analysers: a server keeps them
    saved: dict[str, dict[str, Scored]] = {}
    for name in sets:
        latency, saved[name] = report(index, plain_index, name, args.rounds)
        if before is not None:
            against(saved[name], before.get(name, {}), name)
        print(
            f"latency ({name}, in process, {'with' if args.dense else 'without'} vectors, "
            f"{args.rounds} round(s)): p50 {statistics.median(latency) * 1000:.1f} ms, "
            f"p95 {percentile(latency, 0.95) * 1000:.1f} ms over {len(index.chunks)} articles;"
            f" load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n"
        )
    if args.save:
        args.save.write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"each question's nDCG@10 written to {args.save}")
    return 0


def interval(differences: list[float], resamples: int = 2000) -> tuple[float, float]:
    """A 95 % paired-bootstrap interval of the mean of ``differences`` (seeded)."""
    values = np.asarray(differences, dtype=float)
    draws = np.random.default_rng(0).integers(0, len(values), (resamples, len(values)))
    means = values[draws].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def difference(ours_: list[float], theirs: list[float]) -> str:
    """``ours_`` minus ``theirs`` (paired, the same questions), with its interval."""
    gaps = [a - b for a, b in zip(ours_, theirs, strict=True)]
    if len(gaps) < 2:
        return f"{statistics.mean(gaps):+.3f} (one question)"
    low, high = interval(gaps)
    return f"{statistics.mean(gaps):+.3f} [{low:+.3f}, {high:+.3f}]"


def _groups(question: Scored) -> list[str]:
    """The groups a question counts in: its language, its pair, same-language or not, all."""
    return [f"query {question['lang']}", question["pair"], question["group"], "ALL"]


def against(now: dict[str, Scored], then: dict[str, Scored], name: str) -> None:
    """Print, per group, this run's Corridor nDCG@10 beside a saved run's, on the
    questions both asked."""
    shared = [qid for qid in now if qid in then]
    if not shared:
        print(f"\n(the saved run has no question of {name})")
        return
    pairs: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for qid in shared:
        for key in _groups(now[qid]):
            pairs[key][0].append(now[qid]["corridor"])
            pairs[key][1].append(then[qid]["corridor"])
    print(f"\n== {name}: this run against the saved one, {len(shared)} questions ==")
    print(
        f"{'questions':<22}{'n':>4}  {'this run':>9}{'saved':>9}  "
        f"{'difference [95 % interval]':>28}"
    )
    for key in sorted(pairs, key=_order):
        mine, theirs = pairs[key]
        print(
            f"{key:<22}{len(mine):>4}  {statistics.mean(mine):>9.3f}{statistics.mean(theirs):>9.3f}"
            f"  {difference(mine, theirs):>28}"
        )


def _order(key: str) -> tuple[bool, bool, bool, str]:
    return (key == "ALL", key.startswith(("cross", "same")), "→" not in key, key)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def forget_questions() -> None:
    """Empty the caches a question's text keys (its glossary notions, Kiwi's and jieba's
    words), so that a question timed again costs what it cost the first time."""
    legal_terms._matched.cache_clear()
    analyzers._korean_words_of.cache_clear()
    analyzers._chinese_words_of.cache_clear()


def report(
    index: Index, plain_index: Index, name: str, rounds: int = 1
) -> tuple[list[float], dict[str, Scored]]:
    """Print one set's table (Corridor beside plain BM25); return Corridor's latencies
    (each question timed ``rounds`` times: the answers do not change between them) and
    each question's nDCG@10, group and language pair."""
    dev = load_dev(f"search_{name}.tsv")
    lang_by_title = {c.title: c.lang for c in index.chunks}
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    latency: list[float] = []
    each: dict[str, Scored] = {}
    for row in dev:
        good = relevant(row)
        langs = {lang_by_title.get(t, "?") for t, _ in good}
        group = "cross-lingual" if langs - {row["lang"]} else "same-language"
        pair = f"{row['lang']} → {'+'.join(sorted(langs))}"
        for method_name, method, on in (
            ("corridor", ours, index),
            ("plain BM25", plain, plain_index),
        ):
            for _ in range(rounds if method_name == "corridor" else 1):
                forget_questions()
                start = time.perf_counter()
                ranked = method(on, row["query"])
                if method_name == "corridor":
                    latency.append(time.perf_counter() - start)
            n, r = ndcg(ranked, good), len(set(ranked[:10]) & good) / len(good)
            question = each.setdefault(row["qid"], Scored(lang=row["lang"], pair=pair, group=group))
            question["corridor" if method_name == "corridor" else "plain"] = n
            for key in _groups(question):
                scores[method_name][f"{key} nDCG"].append(n)
                scores[method_name][f"{key} recall"].append(r)
    keys = sorted({k.rsplit(" ", 1)[0] for k in scores["corridor"]}, key=_order)
    title = "dev (tuned on)" if name == "dev" else "test (held out)"
    print(f"\n== {title}, {len(dev)} questions ==")
    print(
        f"{'questions':<22}{'n':>4}  {'corridor nDCG@10':>17}{'recall@10':>10}  "
        f"{'plain nDCG@10':>14}{'recall@10':>10}  {'corridor - plain [95 % interval]':>33}"
    )
    for key in keys:
        n = len(scores["corridor"][f"{key} nDCG"])
        values = [
            statistics.mean(scores[m][f"{key} {x}"])
            for m in ("corridor", "plain BM25")
            for x in ("nDCG", "recall")
        ]
        gap = difference(scores["corridor"][f"{key} nDCG"], scores["plain BM25"][f"{key} nDCG"])
        print(
            f"{key:<22}{n:>4}  {values[0]:>17.3f}{values[1]:>10.3f}  {values[2]:>14.3f}"
            f"{values[3]:>10.3f}  {gap:>33}"
        )
    return latency, each


if __name__ == "__main__":
    sys.exit(main())
