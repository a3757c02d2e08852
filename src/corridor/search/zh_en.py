"""English search tokens for Chinese words, from CC-CEDICT (data/zh_en.tsv, written by
scripts/zh_en.py): a Chinese question, or a Korean one through the Sino-Korean bridge,
reaches English articles in words no glossary lists (外国对手 → foreign, opponent).

The table is read as text and searched by bisection over its sorted lines, so a process
pays no parsing for its 78,000 headwords (a ``corridor search`` call asks a few).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources


@cache
def _table() -> str:
    """The table's sorted lines (``word<TAB>tokens``), its comment header cut off."""
    text = resources.files("corridor.search").joinpath("data/zh_en.tsv").read_text("utf-8")
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    return text[start:]


def _line_at(text: str, position: int) -> tuple[int, int]:
    """Start and end of the line holding ``position``."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def tokens_of(word: str) -> list[str]:
    """The English tokens the table gives ``word`` (simplified Chinese); none if absent."""
    text = _table()
    low, high = 0, len(text)
    while low < high:
        start, end = _line_at(text, (low + high) // 2)
        head, _, tail = text[start:end].partition("\t")
        if head == word:
            return tail.split()
        if head < word:
            low = end + 1
        else:
            high = start
    return []


def english(words: Iterable[str]) -> list[str]:
    """The English tokens of Chinese ``words``, each word once, in order."""
    return [token for word in dict.fromkeys(words) for token in tokens_of(word)]
