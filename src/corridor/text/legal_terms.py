"""The ko/zh/en legal glossary that makes a question in one language find another's law."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
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


def needle(term: str) -> str:
    """What a text must contain to mention a term: English terms as a run of whole
    stemmed words, spaces around (transfer overseas = transferred overseas, matched in
    " " + the text's stems + " "); Korean and Chinese terms as characters, spaces
    ignored (matched in the text's simplified characters). Substrings, not regular
    expressions: a question compiles none (the glossary has some 1,300 terms)."""
    if term.isascii():
        return f" {' '.join(stem(w) for w in _WORDS.findall(term.casefold()))} "
    return to_simplified(term).replace(" ", "")


_needle = cache(needle)  # the glossary's terms, a bounded set; any other word: uncached


@lru_cache(maxsize=1024)
def _matched(query: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Each glossary notion the query mentions: its row number and the terms found.
    One pass over the glossary serves expand, equivalents and notions alike."""
    forms = _forms(query)
    found = ((i, tuple(_hits(forms, group))) for i, group in enumerate(groups()))
    return tuple((i, hit) for i, hit in found if hit)


def expand(query: str) -> list[str]:
    """The other-language terms of every glossary notion the query mentions."""
    return [term for term, _ in expansions(query)]


def expansions(query: str) -> list[tuple[str, str]]:
    """``expand``'s terms, each with the query's term that brought it in (개인정보 →
    ("personal information", "개인정보"), …)."""
    every = groups()
    return [(t, hit[0]) for i, hit in _matched(query) for t in every[i] if t not in hit]


def contained(text: str, words: Iterable[str], stemmed: Iterable[str] = ()) -> set[str]:
    """Which of ``words`` (any words, not only the glossary's) ``text`` mentions, by
    the glossary's rule: English as whole stemmed words, Korean and Chinese as
    characters with spaces ignored, traditional read as simplified; ``stemmed`` are
    English search tokens, stems already (CC-CEDICT's), met as they are. The text is
    read only in the forms its words need (stemming a long English section costs most)."""
    needles = {w: needle(w) for w in words} | {w: f" {w} " for w in stemmed}
    forms: dict[bool, str] = {}
    found = set()
    for word, wanted in needles.items():
        latin = word.isascii()
        if latin not in forms:
            forms[latin] = _stems(text) if latin else _compact(text)
        if wanted.strip() and wanted in forms[latin]:
            found.add(word)
    return found


def equivalents(query: str) -> list[str]:
    """For every glossary notion the query mentions, the first term of each language:
    a short rendering of the question's legal notions in en, ko and zh, for an
    embedding model whose cost grows with the length of its text."""
    return list(dict.fromkeys(t for i, _ in _matched(query) for t in first_terms(rows()[i])))


def first_terms(row: tuple[str, str, str, str]) -> list[str]:
    """A glossary row's first term in each language (en, ko, zh; "~" dropped), those
    it has: the one term per language that stands for the notion."""
    firsts = (cell.split(";")[0].strip().removeprefix("~").strip() for cell in row[:3])
    return [term for term in firsts if term]


def notions(query: str) -> list[tuple[str, ...]]:
    """The glossary groups (one notion in every language) that the query mentions."""
    return [groups()[i] for i, _ in _matched(query)]


def mentioned(text: str, among: Sequence[tuple[str, ...]]) -> int:
    """How many of the notions ``among`` the text mentions in any language."""
    forms = _forms(text)
    return sum(1 for group in among if _hits(forms, group))


def _forms(query: str) -> tuple[str, str]:
    """The query as stemmed English words (a space before and after each) and as
    simplified CJK without spaces."""
    return _stems(query), _compact(query)


def _stems(text: str) -> str:
    return f" {' '.join(stem(w) for w in _WORDS.findall(text.casefold()))} "


def _compact(text: str) -> str:
    return to_simplified(text.casefold()).replace(" ", "")


def _hits(forms: tuple[str, str], group: tuple[str, ...]) -> list[str]:
    stems, compact = forms
    return [t for t in group if _needle(t) in (stems if t.isascii() else compact)]
