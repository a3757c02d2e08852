"""Which writing system a string is in.

A name's script decides how it is normalised, transliterated and compared, and a
column meant for Hangul that holds Hanzi is an input error worth catching early.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from corridor.core.names import Script

_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0xAC00, 0xD7A3, Script.HANGUL),  # syllables
    (0x1100, 0x11FF, Script.HANGUL),  # jamo
    (0x3130, 0x318F, Script.HANGUL),  # compatibility jamo
    (0xA960, 0xA97F, Script.HANGUL),
    (0xD7B0, 0xD7FF, Script.HANGUL),
    (0x4E00, 0x9FFF, Script.HAN),  # CJK unified ideographs
    (0x3400, 0x4DBF, Script.HAN),  # extension A
    (0xF900, 0xFAFF, Script.HAN),  # compatibility ideographs (Korean Hanja forms)
    (0x20000, 0x2FA1F, Script.HAN),  # extensions B–F and supplements
    (0x3040, 0x30FF, Script.KANA),
)


@lru_cache(maxsize=65_536)
def char_script(ch: str) -> Script | None:
    """The script of one character, or None for digits, punctuation and spaces.

    Cached: every name of an import is read letter by letter several times (column
    checks, script detection, each name form), and its letters repeat.
    """
    code = ord(ch)
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    if ch.isalpha():
        return Script.LATIN if "LATIN" in unicodedata.name(ch, "") else Script.OTHER
    return None


def script_counts(text: str) -> Counter[Script]:
    """How many letters of each script ``text`` holds."""
    counts: Counter[Script] = Counter()
    for ch in text:
        script = char_script(ch)
        if script is not None:
            counts[script] += 1
    return counts


_ORDER = (Script.HANGUL, Script.HAN, Script.KANA, Script.LATIN, Script.OTHER)


def detect_script(text: str) -> Script:
    """The dominant script of ``text``; Hangul wins a tie with Han (mixed Korean)."""
    if text.isascii():
        return Script.OTHER if _ASCII_LETTER.search(text) is None else Script.LATIN
    counts = _letter_counts(text)
    most = max(counts.values())
    if most == 0:
        return Script.OTHER
    return next(s for s in _ORDER if counts[s] == most)


def _letter_counts(text: str) -> dict[Script, int]:
    """``script_counts`` with every script present, counted in C where it can be: the
    range scripts by their character classes, the rest letter by letter only when it
    is not ASCII (an ASCII letter is Latin)."""
    counts = {s: len(p.findall(text)) for s, p in _BY_RANGE.items()}
    rest = _ANY_RANGE.sub("", text)
    if rest.isascii():
        counts[Script.LATIN], counts[Script.OTHER] = len(_ASCII_LETTER.findall(rest)), 0
        return counts
    counts[Script.LATIN] = counts[Script.OTHER] = 0
    for ch in rest:
        script = char_script(ch)
        if script is not None:
            counts[script] += 1
    return counts


def _range_class(script: Script) -> re.Pattern[str]:
    parts = (f"{chr(low)}-{chr(high)}" for low, high, s in _RANGES if s is script)
    return re.compile(f"[{''.join(parts)}]")


# Scripts told by code point ranges alone, searched for in C: every name of an import
# is checked for its column's script (two checks per row of a bulk import).
_BY_RANGE = {s: _range_class(s) for s in (Script.HANGUL, Script.HAN, Script.KANA)}
_ASCII_LETTER = re.compile("[A-Za-z]")
_ANY_RANGE = re.compile("|".join(p.pattern for p in _BY_RANGE.values()))


def has_script(text: str, script: Script) -> bool:
    """Whether any letter of ``text`` is written in ``script``."""
    pattern = _BY_RANGE.get(script)
    if pattern is not None:
        return pattern.search(text) is not None
    if script is Script.LATIN and _ASCII_LETTER.search(text) is not None:
        return True
    return any(char_script(ch) is script for ch in text)
