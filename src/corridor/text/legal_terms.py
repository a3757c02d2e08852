"""The ko/zh/en legal glossary that makes a question in one language find another's law."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from corridor.text.translit import to_simplified


@cache
def groups() -> tuple[tuple[str, ...], ...]:
    """Each group holds the terms of one notion in every language."""
    text = resources.files("corridor.text").joinpath("data/legal_terms.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        out.append(tuple(t.strip() for cell in cells for t in cell.split(";") if t.strip()))
    return tuple(out)


@cache
def _pattern(term: str) -> re.Pattern[str]:
    if term.isascii():
        return re.compile(r"(?<![a-z])" + re.escape(term.casefold()) + r"(?:s|es|ed)?(?![a-z])")
    return re.compile(re.escape(to_simplified(term).replace(" ", "")))


def expand(query: str) -> list[str]:
    """The other-language terms of every glossary notion the query mentions."""
    folded = query.casefold()
    compact = to_simplified(folded).replace(" ", "")
    out: list[str] = []
    for group in groups():
        hit = [t for t in group if _pattern(t).search(folded if t.isascii() else compact)]
        if hit:
            out += [t for t in group if t not in hit]
    return out
