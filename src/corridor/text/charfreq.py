"""How ordinary a run of Korean or Chinese text looks, by character frequency.

A CP949 file decoded as GB18030 (or the reverse) yields valid characters, but
rare ones: mojibake. The share of characters among the language's most frequent
ones tells the right decoding apart, even for a file of a few company names.
The lists in ``data/`` are built from public-domain statutes by
``scripts/make_charfreq.py``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from corridor.core.names import Script
from corridor.text.scripts import char_script


@cache
def common_characters(lang: str) -> frozenset[str]:
    """The most frequent Hangul syllables (``ko``) or Han characters (``zh``)."""
    text = (
        resources.files("corridor.text")
        .joinpath(f"data/charfreq_{lang}.txt")
        .read_text(encoding="utf-8")
    )
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return frozenset("".join(lines))


def ordinariness(text: str, lang: str) -> float:
    """Share of the Hangul and Han letters in ``text`` that are common in ``lang``.

    Letters of the other script count as uncommon, so Korean mojibake full of
    Hanja scores low as Korean. Returns 0.0 for text without CJK letters.
    """
    common = common_characters(lang)
    letters = [ch for ch in text if char_script(ch) in (Script.HANGUL, Script.HAN)]
    if len(letters) == 0:
        return 0.0
    return sum(1 for ch in letters if ch in common) / len(letters)
