"""A ko/zh → en glossary of the generic words of company names.

"江西洪都航空工业股份有限公司" segments into 江西 | 洪都 | 航空 | 工业 (+ legal form):
glossary words become their English forms (Aviation, Industry), the rest is
romanised (Jiangxi, Hongdu), which yields "Jiangxi Hongdu Aviation Industry".
Pinyin alone ("hong du hang kong gong ye") would never meet the list's English.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary word and its English renderings (first is the usual one)."""

    lang: str
    word: str
    english: tuple[str, ...]
    kind: str
    source: str = ""


@cache
def terms(lang: str) -> dict[str, Term]:
    """The glossary for ``ko`` or ``zh``, keyed by word."""
    text = resources.files("corridor.text").joinpath("data/company_words.tsv").read_text("utf-8")
    out: dict[str, Term] = {}
    for line in text.splitlines():
        if line.startswith("#") or line.strip() == "":
            continue
        code, word, english, kind, *source = line.split("\t")
        if code == lang:
            renderings = tuple(e for e in english.split("|") if e)
            out[word] = Term(code, word, renderings, kind, "".join(source))
    return out


@cache
def _longest(lang: str) -> int:
    return max(len(w) for w in terms(lang))


def _accepts(term: Term, width: int, end: bool, after_term: bool) -> bool:
    """Single characters are words only as a ``drop`` anywhere, or as a ``suffix`` that
    ends the name right after a glossary word (성 ends 원자력공업성, a ministry, but is
    a syllable of 광성 and of 김광성)."""
    return width > 1 or term.kind == "drop" or (term.kind == "suffix" and end and after_term)


def segment(text: str, lang: str) -> list[str | Term]:
    """Split a CJK name into glossary terms and the runs between them (longest match)."""
    table, longest = terms(lang), _longest(lang)
    out: list[str | Term] = []
    run = ""
    i = 0
    while i < len(text):
        for width in range(min(longest, len(text) - i), 0, -1):
            term = table.get(text[i : i + width])
            after_term = run == "" and len(out) > 0 and isinstance(out[-1], Term)
            if term is not None and _accepts(term, width, i + width == len(text), after_term):
                if run:
                    out.append(run)
                    run = ""
                out.append(term)
                i += width
                break
        else:
            run += text[i]
            i += 1
    if run:
        out.append(run)
    return out
