"""Korean particles chosen by how the preceding word is read, never "은(는)".

A Korean particle has two forms, one after a final consonant (받침) and one after a
vowel: 은/는, 이/가, 을/를, 과/와, 이에요/예요, and 으로/로 — where a final ㄹ takes 로.
What counts is how the word is *read*, so the final character decides:

- Hangul: its jongseong.
- Digits: the Sino-Korean reading of the number's end (1 일, 3 삼, 10 십, 100 백,
  1000 천; 2 이, 4 사, 5 오, 9 구 end in a vowel; 1, 7, 8 and 10 … end in ㄹ or not as read).
- Latin: an acronym in capitals is read letter by letter (L 엘, M 엠, N 엔, R 알 end
  in a consonant; the others in a vowel). A word follows the loanword orthography
  (외래어 표기법): final m, n, ng, and a silent e after m or n, give a consonant
  (Samsung 삼성은, Huawei 화웨이는); a final l or -le gives ㄹ (Google 구글은); a
  voiceless stop after a single short vowel gives a consonant (Magic 매직은); every
  other final consonant is written with 으 and so ends in a vowel (Robotics 로보틱스는,
  Microsoft 마이크로소프트는) — the stated rule for what spelling alone cannot tell.
- Hanzi: Chinese names are read in Chinese in Korean, and the Korean transcription
  of Mandarin ends in a consonant only after -n or -ng (华为 화웨이는, 商汤 상탕은):
  the pinyin of the final character decides.
- A closing bracket is skipped with what it encloses (삼성전자(Samsung)는 reads the
  word before it); a word with nothing readable takes the vowel form.

Translations carry particles in their fields (``{org:은/는}``) and ``fill`` formats them,
so a Korean sentence is written once and reads right for every name.
"""

from __future__ import annotations

from string import Formatter
from typing import Any, Final

from corridor.text.translit import pinyin

PARTICLES: Final[dict[str, tuple[str, str]]] = {
    # name: (after a consonant, after a vowel)
    "은/는": ("은", "는"),
    "이/가": ("이", "가"),
    "을/를": ("을", "를"),
    "과/와": ("과", "와"),
    "으로/로": ("으로", "로"),
    "이에요/예요": ("이에요", "예요"),
    "이나/나": ("이나", "나"),
    "이라/라": ("이라", "라"),
}
_VOWEL, _CONSONANT, _RIEUL = "vowel", "consonant", "rieul"
_RIEUL_JONG = 8
_DIGITS = {"0": _CONSONANT, "1": _RIEUL, "3": _CONSONANT, "6": _CONSONANT, "7": _RIEUL, "8": _RIEUL}
# 십, 백, 천, 만 (10, 100, 1000, 10000), then 십만, 백만, 천만, 억 …: all consonants.
_LETTERS = {"L": _RIEUL, "M": _CONSONANT, "N": _CONSONANT, "R": _RIEUL}
_VOWELS = set("aeiou")
_STOPS = ("p", "t", "k", "c", "ck")
_BRACKETS = {")": "(", "）": "（", "]": "[", "」": "「"}


def final_sound(word: str) -> str:
    """How ``word`` ends when read in Korean: "vowel", "consonant" or "rieul" (ㄹ)."""
    text = _strip(word)
    if len(text) == 0:
        return _VOWEL
    last = text[-1]
    if "가" <= last <= "힣":
        jong = (ord(last) - 0xAC00) % 28
        return _VOWEL if jong == 0 else _RIEUL if jong == _RIEUL_JONG else _CONSONANT
    if last.isdigit() and last.isascii():
        return _number(text)
    if "\u4e00" <= last <= "\u9fff" or "\u3400" <= last <= "\u4dbf":
        return _hanzi(last)
    if last.isascii() and last.isalpha():
        return _latin(text)
    return _VOWEL


def josa(word: str, particle: str) -> str:
    """``word`` followed by the right form of ``particle`` ("은/는", "을/를", …)."""
    return word + particle_for(word, particle)


class _ParticleFormatter(Formatter):
    """``str.format`` where a field's spec may name a particle: ``{org:은/는}``."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in PARTICLES:
            return josa(str(value), format_spec)
        return str(super().format_field(value, format_spec))


_FORMATTER = _ParticleFormatter()


def fill(template: str, /, **values: Any) -> str:
    """Fill a translated message whose Korean fields carry their particle
    (``"{b:은/는} {what:을/를} 찾고 있습니다"``); other specs work as in ``str.format``.
    A translator writes the particle's name, the word decides its form."""
    return _FORMATTER.format(template, **values)


def particle_for(word: str, particle: str) -> str:
    """Only the form of ``particle`` that follows ``word``."""
    after_consonant, after_vowel = PARTICLES[particle]
    sound = final_sound(word)
    if particle == "으로/로":
        return after_consonant if sound == _CONSONANT else after_vowel
    return after_vowel if sound == _VOWEL else after_consonant


def _strip(word: str) -> str:
    """The word without trailing spaces, punctuation and bracketed additions."""
    text = word.rstrip()
    while len(text) > 0 and not text[-1].isalnum():
        opening = _BRACKETS.get(text[-1], "")
        cut = text.rindex(opening) if opening != "" and opening in text else len(text) - 1
        text = text[:cut].rstrip()
    return text


def _number(text: str) -> str:
    digits = text[len(text.rstrip("0123456789")) :]
    stripped = digits.rstrip("0")
    if len(stripped) < len(digits) and len(stripped) > 0:
        return _CONSONANT  # 십, 백, 천, 만 …
    return _DIGITS.get(digits[-1], _VOWEL)


def _hanzi(char: str) -> str:
    read = pinyin(char)
    syllable = read[-1] if len(read) > 0 else ""
    if syllable == "er":
        return _RIEUL  # 二, 儿: 얼
    return _CONSONANT if syllable.endswith(("n", "ng")) else _VOWEL


def _latin(text: str) -> str:
    tail = text[len(text.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")) :]
    if tail.isupper() and (len(tail) <= 4 or not any(c in "AEIOU" for c in tail)):
        return _LETTERS.get(tail[-1], _VOWEL)  # an acronym: SK, LG, BYD, CATL
    low = tail.lower()
    if low.endswith(("l", "le")):
        return _RIEUL
    if low.endswith(("m", "n", "ng", "me", "ne")):
        return _CONSONANT
    for stop in _STOPS:
        if low.endswith(stop):
            before = low[: -len(stop)]
            short = len(before) >= 2 and before[-1] in _VOWELS and before[-2] not in _VOWELS
            return _CONSONANT if short else _VOWEL
    return _VOWEL
