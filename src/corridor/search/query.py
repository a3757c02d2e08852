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


def _fuse_languages(index: Index, hits: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion across languages, so the best Korean, Chinese and English
    articles all surface (BM25 scores are not comparable across languages: Korean
    statutes repeat their terms far more)."""
    rank: dict[str, int] = {}
    fused = []
    for position, score in hits:
        lang = index.chunks[position].lang
        rank[lang] = rank.get(lang, 0) + 1
        fused.append((position, score, 1.0 / (10 + rank[lang])))
    fused.sort(key=lambda t: (-t[2], -t[1], t[0]))
    return [(p, s) for p, s, _ in fused]


def _plain(text: str) -> str:
    """Article text without Markdown marks (bold, escaped list numbers, headings)."""
    cleaned = re.sub(r"\*\*|\\(?=[.\-*#])|^#+\s*", "", text, flags=re.M)
    return " ".join(cleaned.split())
