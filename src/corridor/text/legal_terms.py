"""The ko/zh/en legal glossary that makes a question in one language find another's law."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, cached_property, lru_cache
from importlib import resources

from corridor.text.analyzers import stem
from corridor.text.translit import to_simplified

_WORDS = re.compile(r"[a-z0-9]+")


@cache
def groups() -> tuple[tuple[str, ...], ...]:
    """Each group holds the terms of one notion in every language (en, ko, zh columns;
    the source column and the "~" that marks a term no bundled statute uses are dropped)."""
    return tuple(
        tuple(
            t.strip().removeprefix("~").strip()
            for cell in row[:3]
            for t in cell.split(";")
            if t.strip()
        )
        for row in rows()
    )


@cache
def rows() -> tuple[tuple[str, str, str, str], ...]:
    """The glossary as written: en, ko, zh cells (alternatives joined by ";", statute-less
    terms marked "~") and the source naming where the ko and zh terms appear."""
    text = resources.files("corridor.text").joinpath("data/legal_terms.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = [*line.split("\t"), "", "", ""][:4]
        out.append((cells[0], cells[1], cells[2], cells[3]))
    return tuple(out)


@lru_cache(maxsize=8192)  # the glossary's terms and a question's words
def _stems_of(term: str) -> tuple[str, ...]:
    """An English term's words as their stems (transfers overseas → transfer, overseas)."""
    return tuple(needle(term).split())


@lru_cache(maxsize=8192)  # the glossary's terms and a question's words
def needle(term: str) -> str:
    """What a text must contain to mention a term: English terms as a run of whole
    stemmed words, spaces around (transfer overseas = transferred overseas, matched in
    " " + the text's stems + " "); Korean and Chinese terms as characters, spaces
    ignored (matched in the text's simplified characters). Substrings, not regular
    expressions: a question compiles none (the glossary has some 1,300 terms)."""
    if term.isascii():
        return f" {' '.join(stem(w) for w in _WORDS.findall(term.casefold()))} "
    return to_simplified(term).replace(" ", "")


@lru_cache(maxsize=1024)
def _matched(query: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Each glossary notion the query mentions: its row number and the terms found.
    One pass over the glossary serves expand, equivalents and notions alike."""
    reading = Reading(query)
    found = ((i, tuple(filter(reading.mentions, group))) for i, group in enumerate(groups()))
    return tuple((i, hit) for i, hit in found if hit)


def expand(query: str) -> list[str]:
    """The other-language terms of every glossary notion the query mentions."""
    return [term for term, _ in expansions(query)]


def expansions(query: str) -> list[tuple[str, str]]:
    """``expand``'s terms, each with the query's term that brought it in (개인정보 →
    ("personal information", "개인정보"), …)."""
    every = groups()
    return [(t, hit[0]) for i, hit in _matched(query) for t in every[i] if t not in hit]


class Reading:
    """One text read for many words by the glossary's rule (``mentions``), each form
    made once and only if a word needs it: its stems for English words, its simplified
    characters for Korean and Chinese ones. A question is read so for the glossary's
    terms (``_matched``), an article for the notions and words it shares with one."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def written(self) -> dict[str, str]:
        """Each English stem of the text → the word it first writes with it."""
        first: dict[str, str] = {}
        for word in dict.fromkeys(self.words):  # each word once, in the text's order
            first.setdefault(stem(word), word)
        return first

    @cached_property
    def words(self) -> list[str]:
        return _WORDS.findall(self.text.casefold())

    @cached_property
    def stems(self) -> str:
        """The text's English words as their stems, a space before and after each."""
        return f" {' '.join(map(stem, self.words))} "

    @cached_property
    def compact(self) -> str:
        """The text case-folded and simplified, without spaces."""
        return to_simplified(self.text.casefold()).replace(" ", "")

    def mentions(self, word: str, stemmed: bool = False) -> bool:
        """Whether the text mentions ``word``: English as whole stemmed words (a
        ``stemmed`` word is a stem already, met as it is), Korean and Chinese as
        characters with spaces ignored, traditional read as simplified."""
        if not word.isascii():
            wanted = needle(word)
            return wanted != "" and wanted in self.compact
        parts = tuple(word.split()) if stemmed else _stems_of(word)
        if not parts or not all(map(self.written.__contains__, parts)):
            return False  # a word it never writes: no phrase to look for
        return len(parts) == 1 or f" {' '.join(parts)} " in self.stems


def equivalents(query: str) -> list[str]:
    """For every glossary notion the query mentions, the first term of each language:
    a short rendering of the question's legal notions in en, ko and zh, for an
    embedding model whose cost grows with the length of its text."""
    return list(dict.fromkeys(t for i, _ in _matched(query) for t in first_terms(rows()[i])))


def first_terms(row: tuple[str, str, str, str]) -> list[str]:
    """A glossary row's first term in each language (en, ko, zh; "~" dropped), those
    it has: the one term per language that stands for the notion."""
    return [term for term in map(first_term, row[:3]) if term]


def first_term(cell: str) -> str:
    """The first term of one language's cell of a glossary row ("~" dropped; "" if none)."""
    return cell.split(";")[0].strip().removeprefix("~").strip()


def notions(query: str) -> list[tuple[str, ...]]:
    """The glossary groups (one notion in every language) that the query mentions."""
    return [groups()[i] for i, _ in _matched(query)]


def mentioned(text: str, among: Sequence[tuple[str, ...]]) -> int:
    """How many of the notions ``among`` the text mentions in any language."""
    reading = Reading(text)
    return sum(1 for group in among if any(map(reading.mentions, group)))
