"""A ko/zh/en concept vocabulary for matching: what organisations offer and seek.

Free text in any of the three languages maps to concepts by their terms (Latin
terms match whole words, Korean and Chinese terms match as substrings, the way
their analysers would segment them); each mapping keeps the words that triggered
it, so a recommendation can say why. A small graph records which concept is an
input to which (``supplies``) and which are ``adjacent``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from corridor.text.normalize import clean


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept with its labels, trigger terms per language and relations."""

    id: str
    labels: dict[str, str]
    terms: dict[str, tuple[str, ...]]
    sectors: tuple[str, ...]
    supplies: tuple[str, ...]
    adjacent: tuple[str, ...]

    def label(self, lang: str) -> str:
        """The concept's name for a reader of ``lang``."""
        return self.labels.get(lang, self.labels["en"])


@dataclass(frozen=True, slots=True)
class Mention:
    """A concept found in a text, and the words that found it."""

    concept: str
    words: tuple[str, ...]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in cell.split("|" if "|" in cell else ";") if t.strip())


@cache
def concepts() -> dict[str, Concept]:
    """Every concept, by id."""
    text = resources.files("corridor.text").joinpath("data/concepts.tsv").read_text("utf-8")
    out: dict[str, Concept] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cid, labels, en, ko, zh, sectors, supplies, adjacent = (line.split("\t") + [""] * 8)[:8]
        names = labels.split("|")
        out[cid] = Concept(
            cid,
            dict(zip(("en", "ko", "zh"), names, strict=False)),
            {"en": _split(en), "ko": _split(ko), "zh": _split(zh)},
            tuple(s for s in sectors.split(";") if s),
            tuple(s for s in supplies.split(";") if s),
            tuple(s for s in adjacent.split(";") if s),
        )
    return out


@cache
def _pattern(term: str) -> re.Pattern[str]:
    if term.isascii():
        # whole words, with an English plural (robot → robots, battery → batteries)
        stem = term.casefold()
        if stem.endswith("y"):
            return re.compile(r"(?<![a-z0-9])" + re.escape(stem[:-1]) + r"(?:y|ies)(?![a-z0-9])")
        return re.compile(r"(?<![a-z0-9])" + re.escape(stem) + r"(?:s|es)?(?![a-z0-9])")
    return re.compile(re.escape(term.casefold()))


def find(texts: Iterable[str]) -> list[Mention]:
    """The concepts named in ``texts`` (any language), with their trigger words."""
    blob = " \n ".join(clean(t).casefold() for t in texts)
    found: list[Mention] = []
    for concept in concepts().values():
        words = [
            t
            for terms in concept.terms.values()
            for t in terms
            if _pattern(t).search(blob) is not None
        ]
        if len(words) > 0:
            found.append(Mention(concept.id, tuple(dict.fromkeys(words))))
    return found
