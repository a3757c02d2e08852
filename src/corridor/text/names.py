"""Name variants for cross-script comparison, used by screening, matching and the registry.

A name is turned into *forms*: token sequences in Latin letters that a list could
plausibly hold for it. 华为技术有限公司 yields "huawei technology" (glossary) and
"hua wei ji shu" (pinyin); 김정은 yields "kim jong un" (DPRK), "gim jeong eun"
(Revised), "kim chong un" (McCune–Reischauer). Each form remembers where it came
from, so a hit can say which variant matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corridor.core.names import Name, Script
from corridor.text.glossary import Term, segment
from corridor.text.legal_forms import strip_legal_forms
from corridor.text.normalize import clean
from corridor.text.scripts import detect_script
from corridor.text.translit import (
    SURNAMES,
    dprk_spelling,
    hanja_to_hangul,
    pinyin,
    pinyin_readings,
    romanize,
    split_korean_name,
    to_simplified,
)

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class NameForm:
    """One Latin-letter rendering of a name: its tokens and how it was made."""

    tokens: tuple[str, ...]
    origin: str  # latin | glossary | pinyin | rr | mr | dprk | customary | native
    name: Name
    legal: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The form as words."""
        return " ".join(self.tokens)

    @property
    def compact(self) -> str:
        """The form without spaces: 'jong un' and 'jong-un' and 'jongun' agree."""
        return "".join(self.tokens)


_APOSTROPHES = str.maketrans("", "", "'’‘`ʼ")


def tokens(text: str) -> tuple[str, ...]:
    """Case-folded word tokens; hyphens, commas and dots split, apostrophes vanish.

    McCune–Reischauer marks aspiration and vowels with apostrophes (CH'OE,
    So'k-min); dropping them gives the plain forms other sources use.
    """
    found = _TOKEN.findall(clean(text).translate(_APOSTROPHES).casefold())
    return tuple(w for t in found for w in ABBREVIATIONS.get(t, t).split())


# Abbreviations in company names, written out so they meet the full word.
ABBREVIATIONS = {
    "intl": "international",
    "int'l": "international",
    "natl": "national",
    "mfg": "manufacturing",
    "tech": "technology",
    "techs": "technologies",
    "ind": "industry",
    "inds": "industries",
    "eng": "engineering",
    "dev": "development",
    "sci": "science",
    "grp": "group",
    "hldgs": "holdings",
    "hldg": "holding",
    "svcs": "services",
    "svc": "service",
    "elec": "electronics",
    "comm": "communications",
    "dprk": "democratic peoples republic of korea",
    "prc": "peoples republic of china",
    "hk": "hong kong",
}


def forms(name: Name, *, person: bool | None = None) -> list[NameForm]:
    """Every form of ``name``; ``person`` None means "unknown, try both"."""
    out: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()
    for form in _forms(name, person):
        kept = tuple(t for t in form.tokens if t)
        # Forms that only differ in spelling-tolerant ways (jong/chong/jeong) compare
        # alike, so the first (the list-like spelling) stands for all of them.
        key = ("n" if form.origin == "native" else "", *(phonetic_key(t) for t in kept))
        if len(kept) > 0 and key not in seen:
            seen.add(key)
            out.append(NameForm(kept, form.origin, form.name, form.legal))
    return out


def _forms(name: Name, person: bool | None) -> list[NameForm]:
    text = clean(name.text)
    script = detect_script(text)
    if script is Script.HANGUL:
        return _hangul_forms(name, text, person)
    if script is Script.HAN:
        if name.lang == "ko":
            return _hangul_forms(name, hanja_to_hangul(text), person) + _native(name, text)
        return _han_forms(name, text, person)
    core, legal = strip_legal_forms(text) if person is not True else (text, ())
    return [NameForm(tokens(core), "latin", name, legal)]


def _native(name: Name, text: str) -> list[NameForm]:
    core, legal = strip_legal_forms(to_simplified(text))
    return [NameForm((core.replace(" ", ""),), "native", name, legal)]


def _han_forms(name: Name, text: str, person: bool | None) -> list[NameForm]:
    simplified = to_simplified(text)
    out = _native(name, simplified)
    if person is not False and 2 <= len(simplified) <= 4 and _all_han(simplified):
        syllables = pinyin(simplified)
        family, given = syllables[0], "".join(syllables[1:])
        out += [
            NameForm((family, given), "pinyin", name),
            NameForm((given, family), "pinyin", name),
        ]
    if person is not True:
        core, legal = strip_legal_forms(simplified)
        out += _glossary_forms(name, core, "zh", legal)
    return out


def _all_han(text: str) -> bool:
    return all(detect_script(ch) is Script.HAN for ch in text)


def _glossary_forms(name: Name, core: str, lang: str, legal: tuple[str, ...]) -> list[NameForm]:
    return [
        NameForm(toks, origin, name, legal)
        for toks, origin in glossary_readings(core.replace(" ", ""), lang)
    ]


@lru_cache(maxsize=16_384)
def glossary_readings(
    compact: str, lang: str, variants: bool = True
) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The glossary and romanised readings of a name's core, as (tokens, origin);
    ``variants`` False keeps the usual one (no heteronyms, a suffix word's usual
    English) in each spelling style.

    Cached: a registry row's legal name is mostly its trade name plus a legal form
    (주식회사 X, X有限公司), so the same core is read twice per row in a bulk import.
    """
    parts = [
        p if isinstance(p, Term) else _romanise_run(p, lang, variants)
        for p in segment(compact, lang)
    ]
    out: list[tuple[tuple[str, ...], str]] = []
    styles = ("joined", "spelled", "paired") if lang == "zh" else ("joined", "spelled")
    for reading in range(_depth(parts) if variants else 1):
        for style in styles:
            words: list[str] = []
            for part in parts:
                if isinstance(part, Term):
                    words += _rendering(part, reading).split()
                else:
                    words += _styled(part[min(reading, len(part) - 1)], style)
            origin = "glossary" if style == "joined" else ("pinyin" if lang == "zh" else "rr")
            if (tuple(words), origin) not in out and not any(tuple(words) == o[0] for o in out):
                out.append((tuple(words), origin))
    return tuple(out)


def _depth(parts: list[Term | tuple[tuple[str, ...], ...]]) -> int:
    """How many of the three readings differ: past the most a part has (a suffix's
    renderings, a run's heteronyms), a reading repeats the one before it."""
    most = 1
    for part in parts:
        if not isinstance(part, Term):
            most = max(most, len(part))
        elif part.kind == "suffix":
            most = max(most, len(part.english))
    return min(3, most)


def _styled(run: tuple[str, ...], style: str) -> list[str]:
    """A romanised run as one word (洪都 → hongdu), syllable by syllable, or in pairs of
    syllables as the lists write Chinese brands (远成共创 → yuancheng gongchuang)."""
    if style == "spelled":
        return list(run)
    if style == "paired" and len(run) >= 4 and len(run) % 2 == 0:
        return ["".join(run[i : i + 2]) for i in range(0, len(run), 2)]
    return ["".join(run)]


def _rendering(term: Term, reading: int) -> str:
    """The English of a glossary word in one reading: the usual one, except that a
    suffix word tries each (部 is a ministry in 商务部, a department in 总装备部)."""
    if len(term.english) == 0:
        return ""
    return term.english[min(reading, len(term.english) - 1) if term.kind == "suffix" else 0]


@lru_cache(maxsize=16_384)
def _romanise_run(run: str, lang: str, variants: bool = True) -> tuple[tuple[str, ...], ...]:
    """Readings of a run that is not a glossary word (several for heteronyms, unless
    ``variants`` is False).

    Cached: each glossary reading asks again, and a registry repeats runs (the trade
    name inside the legal name) — pinyin was most of a bulk import's time.
    """
    if lang == "zh":
        # ü as u (lv → lu): the lists write 吕 and 律 LU
        readings = tuple(
            tuple(s.replace("v", "u") for s in r if s.isalnum())
            for r in pinyin_readings(run, 4 if variants else 1)
        )
        return readings or ((run,),)
    romanised = romanize(run, "rr")
    if len(romanised) == 0:
        return (tokens(run),)
    dprk = dprk_spelling(run)
    return (tuple(romanised),) if dprk == run else (tuple(romanised), tuple(romanize(dprk, "rr")))


def _hangul_forms(name: Name, text: str, person: bool | None) -> list[NameForm]:
    out: list[NameForm] = []
    compact = text.replace(" ", "")
    split = split_korean_name(compact) if person is not False else None
    if split is not None and (person is True or not _has_company_words(compact)):
        out += _korean_person_forms(name, *split)
    if person is not True:
        core, legal = strip_legal_forms(text)
        out += _native(name, core)
        out += _glossary_forms(name, core, "ko", legal)
        out += [NameForm(("".join(romanize(core, "mr")),), "mr", name, legal)]
    return out


def _has_company_words(text: str) -> bool:
    parts = segment(text, "ko")
    return any(isinstance(p, Term) for p in parts) or strip_legal_forms(text)[1] != ()


def _korean_person_forms(name: Name, family: str, given: str) -> list[NameForm]:
    out: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()
    for system in ("dprk", "mr", "rr"):
        given_syllables = romanize(given, system)
        families = [
            romanize(family, system)[0] if len(family) == 1 else "".join(romanize(family, system))
        ]
        families += list(SURNAMES.get(family, ()))
        for fam in families:
            for toks in ((fam, *given_syllables), (fam, "".join(given_syllables))):
                if toks not in seen:
                    seen.add(toks)
                    origin = system if fam in families[:1] else "customary"
                    out.append(NameForm(toks, origin, name))
    return out


_KEY_STEPS: tuple[tuple[str, str], ...] = (
    ("rh", "r"),
    ("th", "t"),
    ("ph", "p"),
    ("kh", "k"),
    ("ck", "k"),
    ("sh", "s"),
    ("eo", "o"),
    ("eu", "u"),
    ("oo", "u"),
    ("wu", "u"),
    ("ou", "o"),
    ("ee", "i"),
    ("oi", "oe"),
    ("ch", "j"),
    ("g", "k"),
    ("d", "t"),
    ("b", "p"),
    ("j", "c"),
    ("r", "l"),
    ("u", "o"),
)


@lru_cache(maxsize=65_536)
def phonetic_key(token: str) -> str:
    """A spelling-tolerant key for romanised Korean and Chinese tokens.

    Merges what romanisation systems and family conventions spell differently:
    eo/o/u/ou/oo (Jeong, Jung, Jong, Young), g/k, d/t, b/p, j/ch, r/l (Ri, Lee),
    aspiration marks (th, ph, kh), doubled letters (not digits: 2 ≠ 22). Deliberately coarse: it
    proposes candidates and pairs tokens; the edit-similarity features still see
    the spelling.
    """
    key = token.casefold()
    for old, new in _KEY_STEPS:
        key = key.replace(old, new)
    collapsed = [c for i, c in enumerate(key) if i == 0 or c != key[i - 1] or c.isdigit()]
    return "".join(collapsed)


@lru_cache(maxsize=1)
def _surname_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for spellings in SURNAMES.values():
        for spelling in spellings:
            classes.setdefault(spelling, set()).update(spellings)
    return {k: frozenset(v) for k, v in classes.items()}


def same_surname(a: str, b: str) -> bool:
    """Two spellings of one Korean family name (Park / Pak / Bak, Lee / Yi / Ri)."""
    return b in _surname_classes().get(a, frozenset())
