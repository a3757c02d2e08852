"""English search tokens for Chinese words, from CC-CEDICT (data/zh_en.tsv, written by
scripts/zh_en.py): a Chinese question, or a Korean one through the Sino-Korean bridge,
reaches English articles in words no glossary lists (外国对手 → foreign, opponent).

The table is kept as its UTF-8 bytes and searched by bisection over its sorted lines
(UTF-8 orders bytes as Python orders code points, the order the script writes): a
process reads 1.9 MB and builds nothing for its 80,610 headwords, of which a question
asks a few.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def _table() -> bytes:
    """The table's sorted lines (``word<TAB>tokens``), its comment header cut off."""
    data = resources.files("corridor.search").joinpath("data/zh_en.tsv").read_bytes()
    start = 0
    while data.startswith(b"#", start):
        end = data.find(b"\n", start)
        start = len(data) if end < 0 else end + 1
    return data[start:]


def _line_at(data: bytes, position: int) -> tuple[int, int]:
    """Start and end of the line holding ``position``."""
    start = data.rfind(b"\n", 0, position) + 1
    end = data.find(b"\n", position)
    return start, len(data) if end < 0 else end


def tokens_of(word: str) -> list[str]:
    """The English tokens the table gives ``word`` (simplified Chinese); none if absent."""
    data, key = _table(), word.encode("utf-8")
    low, high = 0, len(data)
    while low < high:
        start, end = _line_at(data, (low + high) // 2)
        head, _, tail = data[start:end].partition(b"\t")
        if head == key:
            return tail.decode("utf-8").split()
        if head < key:
            low = end + 1
        else:
            high = start
    return []
