"""Analysers for search: Latin words (light stemming), Hangul and Han as bigrams.

Character bigrams are the standard analysis of CJK text for BM25 and need no
dictionary; traditional characters are simplified first so 個人資料 meets 个人信息's
neighbours. (Morphological analysers — kiwipiepy, jieba — did not change retrieval
quality on this corpus in earlier measurements, so they are not required here.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from corridor.text.translit import to_simplified

_RUNS = re.compile(r"[a-z0-9]+|[\uac00-\ud7a3]+|[\u4e00-\u9fff\u3400-\u4dbf]+")
_STOP = frozenset(
    {
        "a",
        "about",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "e",
        "eg",
        "for",
        "from",
        "g",
        "get",
        "has",
        "have",
        "how",
        "i",
        "ie",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "keep",
        "may",
        "must",
        "no",
        "not",
        "of",
        "on",
        "or",
        "other",
        "our",
        "out",
        "shall",
        "should",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "under",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "who",
        "whom",
        "will",
        "with",
        "would",
        "you",
        "your",
    }
)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light English stem (transfers → transfer, transferred → transfer, processing →
    process): enough for statutes' inflections without a stemmer's surprises."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "s", "ed"):
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            return word  # address, status, analysis
        if suffix == "es" and not word.endswith(("sses", "xes", "zes", "ches", "shes")):
            continue  # measures, licenses → by "s"; but boxes → box, addresses → address
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            doubled = base[-1] == base[-2] and base[-1] not in "aeiouls"
            return base[:-1] if suffix in ("ing", "ings", "ed") and doubled else base
    return word


def analyze(text: str) -> list[str]:
    """Search tokens of any ko/zh/en text."""
    tokens: list[str] = []
    for run in _RUNS.findall(to_simplified(text.casefold())):
        if run.isascii():
            if run not in _STOP and len(run) > 1:
                tokens.append(stem(run))
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens
