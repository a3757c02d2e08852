"""Names are first-class: a party has many, in many scripts and languages.

Screening, matching and de-duplication compare every variant on both sides and say
which pair matched, so a name keeps its script, language and kind with its text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Script(StrEnum):
    """The writing system a name is written in (dominant script when mixed)."""

    HANGUL = "hangul"
    HAN = "han"
    LATIN = "latin"
    KANA = "kana"
    OTHER = "other"


class NameKind(StrEnum):
    """What a name is for a party: its registered form, the one it trades under, …"""

    LEGAL = "legal"
    TRADE = "trade"
    ALIAS = "alias"
    FORMER = "former"


@dataclass(frozen=True, slots=True)
class Name:
    """One written form of a party's name.

    ``lang`` is an ISO 639-1 code (``ko``, ``zh``, ``en``) or ``None`` when the
    language is unknown (a romanised alias, say).
    """

    text: str
    script: Script
    lang: str | None = None
    kind: NameKind = NameKind.TRADE


def names_in(names: tuple[Name, ...], lang: str) -> tuple[Name, ...]:
    """The names written in ``lang``, in their given order."""
    return tuple(n for n in names if n.lang == lang)


def display_name(names: tuple[Name, ...], lang: str = "en") -> str:
    """The name to show a reader of ``lang``: a trade name first, then any name."""
    for pool in (names_in(names, lang), names):
        trade = [n for n in pool if n.kind is NameKind.TRADE]
        if len(trade) > 0:
            return trade[0].text
        if len(pool) > 0:
            return pool[0].text
    return ""
