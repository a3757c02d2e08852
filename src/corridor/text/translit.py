"""Transliteration: Hanzi → pinyin, Hangul → Revised and McCune–Reischauer, Hanja → Hangul.

Romanisation never yields a brand (삼성 → samseong, not Samsung) but it does yield
the forms the sanctions lists use for people: DPRK names follow a
McCune–Reischauer-like system (KIM Jong Un, CHOE Ryong Hae, RI Pyong Chol), South
Korean names the Revised system or family conventions (Lee, Park, Choi). Each
syllable is romanised on its own, as names are written, so 정은 gives jeong-eun /
chong-un / jong-un rather than a sound-changed word form.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import opencc

from corridor.text.hanja import read_hanja

_INITIAL_RR: Final = (
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
)
_INITIAL_MR: Final = (
    "k",
    "kk",
    "n",
    "t",
    "tt",
    "r",
    "m",
    "p",
    "pp",
    "s",
    "ss",
    "",
    "ch",
    "tch",
    "ch",
    "kh",
    "th",
    "ph",
    "h",
)
_MEDIAL_RR: Final = (
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
)
_MEDIAL_MR: Final = (
    "a",
    "ae",
    "ya",
    "yae",
    "o",
    "e",
    "yo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "u",
    "ui",
    "i",
)
_FINAL: Final = (
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
)

# Family names whose customary spellings romanisation does not produce (Lee, Park, Choi…).
# Forms from common use in passports and in the UN/OFAC DPRK entries.
SURNAMES: Final[dict[str, tuple[str, ...]]] = {
    "김": ("kim", "gim"),
    "이": ("lee", "yi", "rhee", "i", "ri", "ree"),
    "리": ("ri", "lee", "yi"),
    "박": ("park", "pak", "bak"),
    "최": ("choi", "choe", "chey"),
    "정": ("jung", "jeong", "chung", "jong", "chong"),
    "강": ("kang", "gang"),
    "조": ("cho", "jo", "joe"),
    "윤": ("yoon", "yun"),
    "장": ("jang", "chang"),
    "임": ("lim", "im", "rim"),
    "림": ("rim", "lim", "im"),
    "한": ("han",),
    "오": ("oh", "o"),
    "서": ("seo", "suh", "so"),
    "신": ("shin", "sin"),
    "권": ("kwon", "gwon"),
    "황": ("hwang",),
    "안": ("ahn", "an"),
    "송": ("song",),
    "전": ("jeon", "jun", "chun", "chon", "jon"),
    "홍": ("hong",),
    "유": ("yoo", "yu", "ryu"),
    "류": ("ryu", "yoo", "yu", "rhyu"),
    "고": ("ko", "go"),
    "문": ("moon", "mun"),
    "양": ("yang", "ryang"),
    "량": ("ryang", "yang"),
    "손": ("son", "sohn"),
    "배": ("bae", "pae"),
    "백": ("baek", "paek", "paik"),
    "허": ("heo", "huh", "ho"),
    "노": ("roh", "no", "noh"),
    "로": ("ro", "roh", "no"),
    "남": ("nam",),
    "심": ("shim", "sim"),
    "곽": ("kwak", "gwak"),
    "성": ("sung", "seong", "song"),
    "차": ("cha",),
    "주": ("joo", "ju", "chu"),
    "우": ("woo", "u"),
    "구": ("koo", "gu", "ku"),
    "민": ("min",),
    "나": ("na", "ra"),
    "라": ("ra", "na"),
    "진": ("jin", "chin"),
    "지": ("ji", "chi"),
    "엄": ("um", "eom"),
    "채": ("chae",),
    "원": ("won",),
    "천": ("cheon", "chun", "chon"),
    "방": ("bang", "pang"),
    "공": ("kong", "gong"),
    "현": ("hyun", "hyon"),
    "함": ("ham",),
    "변": ("byun", "pyon"),
    "염": ("yeom", "yom"),
    "여": ("yeo", "yo"),
    "추": ("choo", "chu"),
    "도": ("do", "to"),
    "석": ("seok", "suk", "sok"),
    "선": ("sun", "seon", "son"),
    "명": ("myung", "myong"),
    "기": ("ki", "gi"),
    "반": ("ban", "pan"),
    "왕": ("wang",),
    "금": ("keum", "kum"),
    "옥": ("ok",),
    "육": ("yook", "yuk"),
    "인": ("in",),
    "제": ("je", "che"),
    "탁": ("tak",),
    "국": ("kook", "kuk"),
    "태": ("tae", "thae"),
    "경": ("kyung", "kyong", "gyeong"),
    "봉": ("bong", "pong"),
    "편": ("pyeon", "phyon"),
    "용": ("yong", "ryong"),
    "룡": ("ryong",),
    "표": ("pyo", "phyo"),
    "하": ("ha",),
    "황보": ("hwangbo",),
    "남궁": ("namgung", "namkung"),
    "제갈": ("jegal", "chegal"),
    "선우": ("sunwoo", "seonu"),
    "독고": ("dokgo", "tokko"),
}


@cache
def _t2s() -> opencc.OpenCC:
    import opencc  # imported late, like pypinyin: a Korean or English name needs neither

    return opencc.OpenCC("t2s")


@cache
def _pypinyin() -> ModuleType:
    """pypinyin, imported the first time Han characters are read: its phrase dictionary
    takes a third of a second to load, most of what screening one name costs otherwise."""
    import pypinyin

    return pypinyin


def to_simplified(text: str) -> str:
    """Traditional Chinese characters to simplified (華為 → 华为)."""
    return str(_t2s().convert(text))


def pinyin(text: str) -> list[str]:
    """Pinyin syllables without tones for the Han characters of ``text``.

    Characters that are not Han pass through as their own items.
    """
    table = _pypinyin()
    simplified = to_simplified(text)
    return [
        s
        for s in table.lazy_pinyin(simplified, style=table.Style.NORMAL, errors="default")
        if s.strip()
    ]


# Characters whose reading in names differs from their commonest reading
# (都 "dou", all, but 成都 / 洪都 / 首都 read "du").
NAME_READINGS: Final[dict[str, str]] = {"都": "du"}


def pinyin_readings(text: str, limit: int = 4) -> list[list[str]]:
    """Up to ``limit`` readings of ``text`` when characters have several (洪都: du, dou).

    The most likely reading (pypinyin's phrase-aware choice) comes first.
    """
    simplified = to_simplified(text)
    first = pinyin(simplified)
    if len(first) == len(simplified):
        first = [NAME_READINGS.get(ch, r) for ch, r in zip(simplified, first, strict=True)]
    readings = [first]
    if len(first) != len(simplified) or limit <= 1:  # other characters: no per-character variants
        return readings
    table = _pypinyin()
    options = table.pinyin(simplified, style=table.Style.NORMAL, heteronym=True, errors="ignore")
    for index, choices in enumerate(options):
        for choice in choices:
            if len(readings) >= limit:
                return readings
            if index < len(readings[0]) and choice != readings[0][index]:
                variant = list(readings[0])
                variant[index] = choice
                if variant not in readings:
                    readings.append(variant)
    return readings


def _jamo(syllable: str) -> tuple[int, int, int] | None:
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code // 588, (code % 588) // 28, code % 28


def romanize_syllable(syllable: str, system: str = "rr") -> str:
    """One Hangul syllable in ``rr`` (Revised), ``mr`` (McCune–Reischauer, no
    diacritics) or ``dprk`` (as the DPRK and the UN lists spell names: ㅈ → j)."""
    parts = _jamo(syllable)
    if parts is None:
        return syllable
    initial, medial, final = parts
    if system == "rr":
        return _INITIAL_RR[initial] + _MEDIAL_RR[medial] + _FINAL[final]
    first = _INITIAL_MR[initial]
    if system == "dprk":
        first = {"ch": "j" if initial == 12 else "ch", "tch": "jj", "kh": "kh"}.get(first, first)
    return first + _MEDIAL_MR[medial] + _FINAL[final]


def romanize(text: str, system: str = "rr") -> list[str]:
    """Each Hangul syllable of ``text`` romanised; runs of Latin letters and digits
    pass through as their own items, as in ``pinyin`` (제2공장: je, 2, gong, jang);
    anything else is dropped."""
    out: list[str] = []
    run = ""
    for ch in text:
        if ch.isascii() and ch.isalnum():
            run += ch
            continue
        if run != "":
            out.append(run)
            run = ""
        if _jamo(ch) is not None:
            out.append(romanize_syllable(ch, system))
    return [*out, run] if run != "" else out


_Y_VOWELS: Final = frozenset({2, 3, 6, 7, 12, 17, 20})  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ


def dprk_spelling(word: str) -> str:
    """A word's first syllable as the DPRK writes it, initial ㄹ kept: the South writes
    련봉 as 연봉, 룡악 as 용악, 로동 as 노동, 라선 as 나선 (the initial-sound rule);
    the lists romanise the DPRK form (RYONBONG, RYONGAK, RODONG, RASON). A ㅇ before
    a y-vowel, or a ㄴ before any other, becomes ㄹ; anything else is unchanged."""
    parts = _jamo(word[:1]) if word else None
    if parts is None:
        return word
    initial, medial, final = parts
    if (initial == 11 and medial in _Y_VOWELS) or (initial == 2 and medial not in _Y_VOWELS):
        return chr(0xAC00 + 5 * 588 + medial * 28 + final) + word[1:]
    return word


def split_korean_name(name: str) -> tuple[str, str] | None:
    """A Korean personal name as (family name, given name), e.g. 남궁민 → (남궁, 민)."""
    compact = name.replace(" ", "")
    if not 2 <= len(compact) <= 5 or any(_jamo(ch) is None for ch in compact):
        return None
    if len(compact) >= 3 and compact[:2] in SURNAMES:
        return compact[:2], compact[2:]
    return compact[:1], compact[1:]


def hanja_reading(text: str) -> str:
    """Korean readings of the Hanja in running text (個人情報를 → 개인정보를, 金融 → 금융);
    other characters pass through."""
    return read_hanja(text)


def hanja_to_hangul(text: str) -> str:
    """Korean readings of Hanja in a name (三星電子 → 삼성전자); a leading 金 reads 김, not 금."""
    if text.startswith("金"):
        return "김" + hanja_reading(text[1:])
    return hanja_reading(text)
