"""Hanja → Hangul: each character's Korean reading, with the initial-sound rule.

The readings are the table of the ``hanja`` package (0.15.1, Sumin Byeon; WTFPL v2,
the licence text beside the data in ``data/hanja_readings.LICENSE``), shipped here as
package data: that package declares an exact old PyYAML and its test tools as runtime
requirements, so installing it broke pip's resolver and a plain ``pip install corridor``.
The rules below are those of its ``translate(text, "substitution")`` with one fix: 列
and 律 read 열/율 after a vowel or a ㄴ final (진열, 선율), where the package tested the
final ㄲ instead of ㄴ and read 진렬. scripts/compare_hanja.py compares both on every
Hanja run of the bundled laws and name tables: only such ㄴ列/ㄴ律 readings differ.

The initial-sound rule (두음법칙) applies where a Hanja starts a word, i.e. follows
no letter or digit: 女子 → 여자, 李 → 이, 勞動 → 노동. Inside a word only 列/律 after
a vowel or ㄴ change (系列 → 계열). Names are not special here (see translit's 金).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Final

_SYLLABLES: Final = range(0xAC00, 0xD7A4)
_NIEUN, _IEUNG = 2, 11  # initial consonant indexes: ㄴ, ㅇ
_FINAL_NIEUN = 4  # final consonant index of ㄴ
_NIEUN_TO_IEUNG: Final = frozenset("녀뇨뉴니")
_RIEUL_TO_IEUNG: Final = frozenset("랴려례료류리")
_RIEUL_TO_NIEUN: Final = frozenset("라래로뢰루르")


@cache
def table() -> dict[str, str]:
    """Every Hanja the table knows → its reading (one Hangul syllable), read once."""
    text = resources.files("corridor.text").joinpath("data/hanja_readings.tsv").read_text("utf-8")
    rows = (line.partition("\t") for line in text.splitlines() if not line.startswith("#"))
    return {han: reading for han, _, reading in rows}


def _parts(syllable: str) -> tuple[int, int, int]:
    """A Hangul syllable as (initial, medial, final) indexes (final 0: no final)."""
    code = ord(syllable) - _SYLLABLES.start
    return code // 588, code // 28 % 21, code % 28


def _compose(initial: int, medial: int, final: int) -> str:
    return chr(_SYLLABLES.start + (initial * 21 + medial) * 28 + final)


def _initial_sound(previous: str, reading: str) -> str:
    """``reading`` as said after ``previous`` (the character before, already read)."""
    initial, medial, final = _parts(reading)
    if previous.isalnum():
        after_vowel_or_n = ord(previous) in _SYLLABLES and _parts(previous)[2] in (0, _FINAL_NIEUN)
        if reading in ("렬", "률") and after_vowel_or_n:
            return _compose(_IEUNG, medial, final)
        return reading
    head = _compose(initial, medial, 0)
    if head in _NIEUN_TO_IEUNG or head in _RIEUL_TO_IEUNG:
        return _compose(_IEUNG, medial, final)
    if head in _RIEUL_TO_NIEUN:
        return _compose(_NIEUN, medial, final)
    return reading


def read_hanja(text: str) -> str:
    """``text`` with each Hanja replaced by its reading (個人情報를 → 개인정보를,
    系列 → 계열); every other character passes through."""
    readings = table()
    out: list[str] = []
    previous = " "
    for ch in text:
        reading = readings.get(ch)
        previous = ch if reading is None else _initial_sound(previous, reading)
        out.append(previous)
    return "".join(out)
