"""Queries: analysed, expanded across languages by the legal glossary, filtered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corridor.search.index import Index
from corridor.text.analyzers import analyze
from corridor.text.legal_terms import expand


@dataclass(frozen=True, slots=True)
class Result:
    """One hit, shaped like the JSON the CLI prints."""

    lang: str
    title: str
    article: str
    heading: str
    score: float
    snippet: str
    doc_id: str


def query_tokens(text: str, cross_lingual: bool = True) -> list[str]:
    """The query's own tokens, then its glossary equivalents in the other languages."""
    tokens = analyze(text)
    if cross_lingual:
        for term in expand(text):
            tokens += analyze(term)
    return tokens


def search(
    index: Index,
    text: str,
    *,
    lang: str = "any",
    jurisdiction: str | None = None,
    k: int = 10,
    cross_lingual: bool = True,
) -> list[Result]:
    """The best ``k`` articles for a question in any of ko/zh/en."""
    hits = index.retrieve(query_tokens(text, cross_lingual), k * 30)
    kept = [
        (p, s)
        for p, s in hits
        if (lang == "any" or index.chunks[p].lang == lang)
        and (jurisdiction is None or index.chunks[p].jurisdiction == jurisdiction)
    ]
    out: list[Result] = []
    for position, score in _fuse_languages(index, kept) if lang == "any" else kept:
        chunk = index.chunks[position]
        snippet = _plain(chunk.text)[:220]
        out.append(
            Result(
                chunk.lang,
                chunk.title,
                chunk.article,
                chunk.heading,
                round(score, 3),
                snippet,
                chunk.doc_id,
            )
        )
        if len(out) >= k:
            break
    return out


def _fuse_languages(
    index: Index, hits: list[tuple[int, float]], per_language: int = 3, k: int = 10
) -> list[tuple[int, float]]:
    """BM25 order, except that the best ``per_language`` hits of every language are
    lifted into the first ``k``: BM25 scores are not comparable across languages (Korean
    statutes repeat their terms far more), and a cross-lingual question must surface the
    other languages' best articles. Measured on the development set against plain rank
    fusion, which hurt same-language questions."""
    count: dict[str, int] = {}
    lifted: list[tuple[int, float]] = []
    for hit in hits:
        lang = index.chunks[hit[0]].lang
        if count.get(lang, 0) < per_language:
            lifted.append(hit)
            count[lang] = count.get(lang, 0) + 1
    room = max(0, k - sum(1 for h in lifted if h not in hits[:k]))
    head = set(hits[:room]) | set(lifted)
    first = [h for h in hits if h in head]
    return first + [h for h in hits if h not in head]


def _plain(text: str) -> str:
    """Article text without Markdown marks (bold, escaped list numbers, headings)."""
    cleaned = re.sub(r"\*\*|\\(?=[.\-*#])|^#+\s*", "", text, flags=re.M)
    return " ".join(cleaned.split())
