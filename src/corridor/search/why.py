"""Why an article answers a question: the words they share, and where each came from.

A cross-lingual hit is only as trustworthy as the path that reached it: a reader of
a Chinese article found by a Korean question should see that 个人信息 stood for the
question's 개인정보 (the glossary), 委托 for 위탁 (the Sino-Korean bridge) or
"foreign" for 外国 (CC-CEDICT). An article that shares none of these words was found
by meaning (the vectors) or because an article above cites it; the reader is told so.

Words are matched by the glossary's rule (``legal_terms.Reading``: English as whole
stemmed words, Korean and Chinese as characters), in the article's title, heading and
text: a few hundred look-ups per result, no analyser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from corridor.core.documents import Chunk
from corridor.text.analyzers import stem
from corridor.text.legal_terms import Reading, needle

VIA = ("question", "glossary", "bridge", "dictionary")
"""Where a word came from, the most direct first: the question's own words, the legal
glossary (text/data/legal_terms.tsv), the Sino-Korean bridge (search/data/
sino_korean.tsv), CC-CEDICT (search/data/zh_en.tsv)."""
SHOWN = 6  # words shown per result: the longest, the most telling, first


@dataclass(frozen=True, slots=True)
class Match:
    """A word the article shares with the question or one of its renderings."""

    word: str
    via: str  # one of VIA
    source: str = ""  # the question's word it renders ("" for the question's own)


_WORD = re.compile(r"[A-Za-z0-9]+")  # an English word as a text writes it, any case


def _key(match: Match) -> str:
    """A word as matching reads it: English as its stems (semiconductors =
    semiconductor; the dictionary's tokens are stems already), Korean and Chinese
    simplified, without spaces (국외 이전 = 국외이전)."""
    return match.word if match.via == "dictionary" else needle(match.word).strip()


def _inside(key: str, other: str) -> bool:
    """Whether a shown word says ``key`` already: English as whole words (act is not
    inside contract), Korean and Chinese as characters (个人 is inside 个人信息)."""
    return f" {key} " in f" {other} " if key.isascii() else key in other


def present(words: Sequence[Match], chunk: Chunk, fallback: Sequence[Match] = ()) -> list[Match]:
    """Every word of ``words`` that ``chunk`` holds, each once, by its most direct path
    (what a page marks); those of ``fallback`` (a question's form words) if it holds none."""
    return _found(words, fallback, _reading(chunk), chunk.lang)


def _found(
    words: Sequence[Match], fallback: Sequence[Match], reading: Reading, lang: str
) -> list[Match]:
    """The words of ``words`` that ``reading`` holds, else those of ``fallback``."""
    return _present(words, reading, lang) or _present(fallback, reading, lang)


def _present(words: Sequence[Match], reading: Reading, lang: str) -> list[Match]:
    best: dict[str, Match] = {}
    for match in sorted(words, key=lambda m: VIA.index(m.via)):
        if lang == "en" and not match.word.isascii():
            continue  # an English article holds no Hangul or Han; others may hold "AI"
        key = _key(match)
        if key not in best and reading.mentions(match.word, match.via == "dictionary"):
            best[key] = match
    return list(best.values())


def shared(
    words: Sequence[Match], chunk: Chunk, fallback: Sequence[Match] = ()
) -> tuple[Match, ...]:
    """What a result says it shares with the question: the words of ``words`` that
    ``chunk`` holds (``present``; ``fallback``'s if none), longest first, none that a
    longer one shown says already, at most SHOWN; the dictionary's as the article writes
    them."""
    reading = _reading(chunk)
    kept: list[Match] = []
    for match in sorted(_found(words, fallback, reading, chunk.lang), key=lambda m: -len(_key(m))):
        if not any(_inside(_key(match), _key(other)) for other in kept):
            kept.append(match)
    return _as_written(kept[:SHOWN], reading)


def _reading(chunk: Chunk) -> Reading:
    return Reading(f"{chunk.title}\n{chunk.heading}\n{chunk.text}")


def _as_written(matches: list[Match], reading: Reading) -> tuple[Match, ...]:
    """The dictionary's words are search tokens, stems (unit, state for 美国's "United
    States"): each as the article first writes a word of that stem."""
    return tuple(
        replace(m, word=reading.written.get(m.word, m.word)) if m.via == "dictionary" else m
        for m in matches
    )


def marked(text: str, matches: Sequence[Match]) -> list[tuple[str, bool]]:
    """``text`` in runs, each True where it writes one of ``matches`` (a page marks
    them): English words by their stems (transferred for transfer; a phrase word by
    word, whatever lies between), Korean and Chinese words by their characters, spaces
    between them allowed (국외 이전 for 국외이전)."""
    phrases, characters = _marker(tuple(matches))
    spans: list[tuple[int, int]] = []
    if phrases:
        tokens = list(_WORD.finditer(text))
        stems = [stem(t.group().casefold()) for t in tokens]
        for i, first in enumerate(stems):
            for phrase in phrases.get(first, ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    spans.append((tokens[i].start(), tokens[i + len(phrase) - 1].end()))
    if characters is not None:
        spans += [found.span() for found in characters.finditer(text)]
    merged: list[list[int]] = []  # overlapping words (个人, 个人信息) are one run
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    runs: list[tuple[str, bool]] = []
    at = 0
    for start, end in merged:
        if start > at:
            runs.append((text[at:start], False))
        runs.append((text[start:end], True))
        at = end
    if at < len(text) or not runs:
        runs.append((text[at:], False))
    return runs


@lru_cache(maxsize=64)
def _marker(
    matches: tuple[Match, ...],
) -> tuple[dict[str, list[tuple[str, ...]]], re.Pattern[str] | None]:
    """What ``marked`` looks for, made once for a page's words (it is asked for every
    run of the page's text): the English phrases as stems by their first stem, the
    Korean and Chinese words as one pattern."""
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in {tuple(_key(m).split()) for m in matches if m.word.isascii() and _key(m)}:
        phrases.setdefault(phrase[0], []).append(phrase)
    words = sorted({m.word for m in matches if not m.word.isascii()}, key=len, reverse=True)
    pattern = "|".join(r"\s*".join(re.escape(c) for c in w if not c.isspace()) for w in words)
    return phrases, re.compile(pattern) if pattern else None
