"""Generate the generalisation set: native-script forms of DPRK and PRC list entries.

    python benchmarks/generalisation_set.py [--seed 17]   # rewrites generalisation_cases.csv

For every organisation of the bundled lists with a country KP (written in Korean) or
CN/HK (written in Chinese) and no row in the curated native-name table, the English
list name is turned into the native-script forms a compliance officer would meet:

* company words, places and legal forms (TRADING, SHIPPING, BANK, KOREA, DANDONG,
  CO., LTD.) become their Korean or Chinese words — the reverse of the glossary in
  ``src/corridor/text/data/company_words.tsv`` plus the legal forms below, a word
  with several native counterparts taken at random (실업/工业 for INDUSTRIAL);
* "MINISTRY OF X" becomes "X 성" (the modifier first, as Korean and Chinese write it);
* the remaining words are read back as romanised syllables: DPRK/McCune–Reischauer
  spelling → Hangul (KWANGSONG → 광성, an ambiguous vowel or consonant at random:
  o → ㅗ/ㅓ, ch → ㅈ/ㅊ), pinyin → Han characters (ZHONGSHENG → 中盛, a random pick
  among the commonest characters read so);
* a Korean name is written in DPRK spelling (initial ㄹ kept: 련봉) and again in ROK
  spelling (the initial-sound rule: 연봉), as a South Korean officer would type it.

An entry whose every name keeps a word that is neither a glossary word nor readable
as syllables (PIXEL DEVICES, SENAT) is counted as not generable and left out.

Why this is not circular: the engine reads Hangul and Han characters forwards with
its own tables (``text/translit.py``: jamo tables, pypinyin's phrase dictionary with
heteronyms); the generator spells backwards with separate, simpler tables written
here — a syllable parser for romanised Korean, and a pinyin → character table built
from single-character readings and the statute character frequencies — and it
picks ambiguous spellings at random, so the engine must cope with what it did not
produce. What *is* shared is the glossary's word pairs: the set measures whether
readings compose (place + core + company words), spell across systems and rank the
right entry first, not whether the glossary knows a word; the share of entries that
are generable at all shows the glossary's coverage.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import unicodedata
from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path

from corridor.core.screening import EntityType, ListEntry
from corridor.text.glossary import terms

HERE = Path(__file__).parent
OUT = HERE / "generalisation_cases.csv"
SEED = 17

# Legal forms and generic words, English → native, as the generator writes them.
LEGAL: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "china": ("中国",),
        "youxian gongsi": ("有限公司",),
        "gongsi": ("公司",),
        "co ltd": ("有限公司",),
        "company limited": ("有限公司",),
        "co limited": ("有限公司",),
        "corporation limited": ("股份有限公司",),
        "limited": ("有限公司",),
        "ltd": ("有限公司",),
        "company": ("公司",),
        "co": ("公司",),
        "corporation": ("公司", "总公司"),
        "corp": ("公司",),
        "group": ("集团",),
    },
    "ko": {
        # DPRK usage: 조선 for Korea, 무역 for trading, 총회사 for a general corporation
        "korea": ("조선",),
        "korean": ("조선",),
        "trading": ("무역",),
        "general corporation": ("총회사",),
        "co ltd": ("회사",),
        "company limited": ("회사",),
        "company": ("회사",),
        "co": ("회사",),
        "corporation": ("회사",),
        "corp": ("회사",),
        "limited": ("회사",),
        "ltd": ("회사",),
    },
}
_MINISTRY = {"ko": ["성"], "zh": ["部"]}
_SKIP = {"and", "the", "of"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from name_bench import bundled_entries

    from corridor.screen.enrich import native_names

    rows, skipped = generate(bundled_entries(), set(native_names()), args.seed)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["lang", "source", "source_id", "list_name", "query", "spelling"])
        writer.writerows(rows)
    counts = defaultdict(int)
    for row in rows:
        counts[row[0]] += 1
    print(f"wrote {len(rows)} queries to {OUT.name} ({dict(counts)}); not generable: {skipped}")
    return 0


def generate(
    entries: list[ListEntry], curated: set[tuple[str, str]], seed: int
) -> tuple[list[list[str]], dict[str, int]]:
    """Rows (lang, source, id, list name, query, spelling) and not-generable counts."""
    rows: list[list[str]] = []
    skipped: dict[str, int] = defaultdict(int)
    for entry in entries:
        lang = language(entry)
        if lang is None or (entry.source, entry.source_id) in curated:
            continue
        rng = random.Random(f"{seed}:{entry.source}:{entry.source_id}")
        made = first_generable(entry, lang, rng)
        if made is None:
            skipped[lang] += 1
            continue
        name, parts = made
        native = joined(parts)
        rows.append(
            [lang, entry.source, entry.source_id, name, native, "dprk" if lang == "ko" else "zh"]
        )
        if lang == "ko" and (rok := joined(parts, rok=True)) != native:
            rows.append([lang, entry.source, entry.source_id, name, rok, "rok"])
    return rows, dict(skipped)


def language(entry: ListEntry) -> str | None:
    """Korean for DPRK organisations, Chinese for PRC and Hong Kong ones."""
    if entry.type is not EntityType.ORGANIZATION:
        return None
    if "KP" in entry.countries:
        return "ko"
    if "CN" in entry.countries or "HK" in entry.countries:
        return "zh"
    return None


def first_generable(
    entry: ListEntry, lang: str, rng: random.Random
) -> tuple[str, list[str]] | None:
    """The first name of the entry (primary first) that can be written natively."""
    for name in entry.names:
        native = nativise(name.text, lang, rng)
        if native is not None:
            return name.text, native
    return None


def words_of(text: str) -> list[str]:
    """Lower-case words of an English list name; & → and, punctuation dropped."""
    text = text.casefold().replace("&", " and ").replace("-", " ")
    text = re.sub(r"[’'`]", "", text)
    return re.sub(r"[^a-z0-9 ]", " ", text).split()


def nativise(text: str, lang: str, rng: random.Random) -> list[str] | None:
    """``text`` as native words (spelled words start with ``~``), or None when a word
    cannot be written natively."""
    words = words_of(text)
    if "of" in words[1:-1] and not _of_in_phrase(words, lang):
        cut = words.index("of")  # BANK OF KUNLUN → 昆仑银行, MINISTRY OF X → X성
        head = _MINISTRY[lang] if words[:cut] == ["ministry"] else phrase(words[:cut], lang, rng)
        rest = phrase(words[cut + 1 :], lang, rng)
        return None if head is None or rest is None else [*rest, *head]
    return phrase(words, lang, rng)


def _of_in_phrase(words: list[str], lang: str) -> bool:
    """Whether the first OF belongs to a glossary phrase (WORKERS PARTY OF KOREA)."""
    cut = words.index("of")
    for key in (k for k in reverse_glossary(lang) if " of " in k):
        size = len(key.split())
        for start in range(max(0, cut - size + 1), cut + 1):
            if " ".join(words[start : start + size]) == key:
                return True
    return False


def phrase(words: list[str], lang: str, rng: random.Random) -> list[str] | None:
    """Longest glossary phrase first, then syllables; None when a word is neither."""
    table = reverse_glossary(lang)
    out: list[str] = []
    i = 0
    while i < len(words):
        for width in (6, 5, 4, 3, 2, 1):
            key = " ".join(words[i : i + width])
            if key in table:
                out.append(rng.choice(table[key]))
                i += width
                break
        else:
            if words[i] in _SKIP:
                i += 1
                continue
            spelled = spell(words[i], lang, rng)
            if spelled is None:
                return None
            out.append("~" + spelled)
            i += 1
    return out if len(out) > 0 else None


def joined(parts: list[str], rok: bool = False) -> str:
    """The native words as one name, in ROK spelling when ``rok``."""
    return "".join(
        rok_initial(p[1:]) if rok and p.startswith("~") else p.lstrip("~") for p in parts
    )


@cache
def reverse_glossary(lang: str) -> dict[str, tuple[str, ...]]:
    """English phrase → the native words the glossary renders so (and legal forms)."""
    table: dict[str, list[str]] = defaultdict(list)
    for key, natives in LEGAL[lang].items():
        table[key] = list(natives)
    fixed = set(table)
    for term in terms(lang).values():
        if lang == "zh" and term.kind != "drop":
            table["".join(_toneless(_reading(c)) for c in term.word)].append(term.word)
        for english in term.english:
            key = " ".join(words_of(english))
            if key not in fixed and term.word not in table[key]:
                table[key].append(term.word)
    return {k: tuple(v) for k, v in table.items() if k != ""}


def _reading(char: str) -> str:
    from pypinyin.pinyin_dict import pinyin_dict

    return str(pinyin_dict.get(ord(char), char)).split(",")[0]


def spell(word: str, lang: str, rng: random.Random) -> str | None:
    """A romanised word back in its script (None when it is not such a word)."""
    if lang == "zh":
        syllables = split_syllables(word, pinyin_syllables())
        if syllables is None:
            return None
        return "".join(rng.choice(hanzi_for(s)[:4]) for s in syllables)
    syllables = split_syllables(word, korean_syllables())
    if syllables is None:
        return None
    return "".join(hangul(s, rng) for s in syllables)


def split_syllables(word: str, valid: frozenset[str]) -> list[str] | None:
    """The fewest valid syllables that spell ``word`` (ties: the shortest first one)."""
    best: dict[int, list[str]] = {len(word): []}
    for start in range(len(word) - 1, -1, -1):
        options = [
            [word[start:end], *best[end]]
            for end in range(start + 1, min(len(word), start + 7) + 1)
            if end in best and word[start:end] in valid
        ]
        if len(options) > 0:
            best[start] = min(options, key=lambda o: (len(o), len(o[0])))
    return best.get(0)


# --- pinyin → Han characters (single-character readings, statute frequencies) ---


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


@cache
def _pinyin_table() -> dict[str, list[str]]:
    from pypinyin.pinyin_dict import pinyin_dict

    text = resources.files("corridor.text").joinpath("data/charfreq_zh.txt").read_text("utf-8")
    common = "".join(line for line in text.splitlines() if not line.startswith("#"))
    table: dict[str, list[str]] = defaultdict(list)
    for char in common:
        reading = pinyin_dict.get(ord(char))
        if reading is not None:
            table[_toneless(reading.split(",")[0])].append(char)
    return dict(table)


@cache
def pinyin_syllables() -> frozenset[str]:
    """Toneless pinyin syllables of the commonest characters (v for ü)."""
    return frozenset(_pinyin_table())


def hanzi_for(syllable: str) -> list[str]:
    """Characters read ``syllable``, commonest first."""
    return _pinyin_table()[syllable]


# --- romanised Korean (DPRK / McCune–Reischauer, list spellings) → Hangul ---

_INITIALS: dict[str, tuple[int, ...]] = {
    "": (11,), "k": (0,), "g": (0,), "kk": (1,), "n": (2,), "t": (3,), "d": (3,),
    "tt": (4,), "r": (5,), "l": (5,), "m": (6,), "p": (7,), "b": (7,), "pp": (8,),
    "s": (9,), "sh": (9,), "ss": (10,), "j": (12,), "ch": (12, 14), "jj": (13,),
    "tch": (13,), "kh": (15,), "th": (16,), "ph": (17,), "h": (18,),
}  # fmt: skip
_VOWELS: dict[str, tuple[int, ...]] = {
    "a": (0,), "ae": (1,), "ya": (2,), "yae": (3,), "o": (8, 4), "eo": (4,), "e": (5,),
    "yo": (12, 6), "yeo": (6,), "ye": (7,), "wa": (9,), "wae": (10,), "oe": (11,),
    "u": (13, 18), "eu": (18,), "wo": (14,), "we": (15,), "wi": (16,), "yu": (17,),
    "ui": (19,), "i": (20,),
}  # fmt: skip
_FINALS: dict[str, int] = {"": 0, "k": 1, "n": 4, "l": 8, "m": 16, "p": 17, "ng": 21}


@cache
def _korean_parts() -> dict[str, tuple[str, str, str]]:
    return {i + v + f: (i, v, f) for i in _INITIALS for v in _VOWELS for f in _FINALS}


@cache
def korean_syllables() -> frozenset[str]:
    """Every romanised syllable the reverse table can spell."""
    return frozenset(_korean_parts())


def hangul(syllable: str, rng: random.Random) -> str:
    """One romanised syllable as a Hangul syllable, ambiguities resolved at random."""
    initial, vowel, final = _korean_parts()[syllable]
    code = rng.choice(_INITIALS[initial]) * 588 + rng.choice(_VOWELS[vowel]) * 28
    return chr(0xAC00 + code + _FINALS[final])


_Y_VOWELS = {2, 3, 6, 7, 12, 17, 20}  # ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ


def rok_initial(word: str) -> str:
    """A word in South Korean spelling: the initial-sound rule on its first syllable
    (련 → 연, 로 → 노, 녀 → 여); the DPRK keeps the written ㄹ and ㄴ."""
    code = ord(word[0]) - 0xAC00
    if not 0 <= code < 11172:
        return word
    initial, medial = code // 588, (code % 588) // 28
    if initial == 5:
        initial = 11 if medial in _Y_VOWELS else 2
    elif initial == 2 and medial in _Y_VOWELS:
        initial = 11
    return chr(0xAC00 + initial * 588 + medial * 28 + code % 28) + word[1:]


if __name__ == "__main__":
    sys.exit(main())
