"""Why an article answers a question: the words they share, and where each came from.

A cross-lingual hit is only as trustworthy as the path that reached it: a reader of
a Chinese article found by a Korean question should see that 个人信息 stood for the
question's 개인정보 (the glossary), 委托 for 위탁 (the Sino-Korean bridge) or
"foreign" for 外国 (CC-CEDICT). An article that shares none of these words was found
by meaning (the vectors) or because an article above cites it; the reader is told so.

Words are matched by the glossary's rule (``legal_terms.contained``: English as whole
stemmed words, Korean and Chinese as characters), in the article's title, heading and
text: a few hundred substring tests per result, no analyser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from corridor.core.documents import Chunk
from corridor.text.analyzers import stem
from corridor.text.legal_terms import contained

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


_LATIN = re.compile(r"[a-z0-9]+")


def _key(word: str) -> str:
    """A word as matching reads it: English stemmed (semiconductors = semiconductor),
    Korean and Chinese without spaces (국외 이전 = 국외이전)."""
    folded = word.casefold()
    if folded.isascii():
        return " ".join(stem(w) for w in _LATIN.findall(folded))
    return folded.replace(" ", "")


def _inside(key: str, other: str) -> bool:
    """Whether a shown word says ``key`` already: English as whole words (act is not
    inside contract), Korean and Chinese as characters (个人 is inside 个人信息)."""
    return f" {key} " in f" {other} " if key.isascii() else key in other


def shared(words: Sequence[Match], chunk: Chunk) -> tuple[Match, ...]:
    """The words of ``words`` that ``chunk`` holds, each once (by its most direct
    path), longest first, none that a longer shown word contains; at most SHOWN.
    The dictionary's words are search tokens (stems: unit, state for 美国's "United
    States"): each is shown as the article writes it."""
    text = f"{chunk.title}\n{chunk.heading}\n{chunk.text}"
    # an English article holds no Hangul or Han; a Korean or Chinese one may hold "AI"
    asked = {m.word for m in words if chunk.lang != "en" or m.word.isascii()}
    found = contained(text, asked)
    best: dict[str, Match] = {}
    for match in sorted(words, key=lambda m: VIA.index(m.via)):
        if match.word in found:
            best.setdefault(_key(match.word), match)
    kept: list[Match] = []
    for key, match in sorted(best.items(), key=lambda item: -len(item[0])):
        if not any(_inside(key, _key(other.word)) for other in kept):
            kept.append(match)
    kept = kept[:SHOWN]
    if any(m.via == "dictionary" for m in kept):
        written: dict[str, str] = {}
        for word in _LATIN.findall(text.casefold()):
            written.setdefault(stem(word), word)
        kept = [
            replace(m, word=written.get(m.word, m.word)) if m.via == "dictionary" else m
            for m in kept
        ]
    return tuple(kept)
