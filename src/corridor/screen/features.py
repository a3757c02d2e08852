"""Feature functions: each compares one query form with one entry form.

Every feature is pure and returns a small ``Feature`` (score in [0, 1] and the
words that explain it), cheap enough to compute for every candidate pair.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein
from rapidfuzz.fuzz import ratio

from corridor.text.glossary import terms
from corridor.text.names import NameForm, phonetic_key, same_surname


@dataclass(frozen=True, slots=True)
class Feature:
    """A feature's score and a few words saying what it saw."""

    score: float
    detail: str


Idf = Callable[[str], float]

# Tokens rarer than this (log N/df) carry identity; commoner ones are generic words.
GENERIC_IDF = 3.5


_SUFFIXES = ("ations", "ation", "ings", "ing", "ical", "ics", "ic", "ies", "es", "s", "al", "y")


@lru_cache(maxsize=32_768)
def _stem(word: str) -> str:
    """A light English stem for company words (banking → bank, technologies → technolog,
    shipping → ship)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            return stem[:-1] if suffix.startswith("ing") and stem[-1] == stem[-2] else stem
    return word


@lru_cache(maxsize=1)
def _synonyms() -> frozenset[tuple[str, str]]:
    """Pairs of one-word English renderings of the same glossary word (船舶: shipbuilding,
    shipping, marine; 国家: national, state): a name read through the glossary gets the
    first rendering, the list may use another."""
    pairs: set[tuple[str, str]] = set()
    for lang in ("ko", "zh"):
        for term in terms(lang).values():
            words = [e for e in term.english if " " not in e]
            pairs |= {(a, b) for a in words for b in words if a != b}
    return frozenset(pairs)


@lru_cache(maxsize=131_072)
def _token_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if phonetic_key(a) == phonetic_key(b) or same_surname(a, b):
        return 0.95
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and _stem(a) == _stem(b):
        return 0.92  # technology / technologies, bank / banking, electronic / electronics
    if (a, b) in _synonyms():
        return 0.9  # two renderings of one Korean or Chinese company word
    ka, kb = phonetic_key(a), phonetic_key(b)
    sim = JaroWinkler.normalized_similarity(ka, kb)
    similar_length = len(short) >= 0.7 * len(long)
    if sim >= 0.88 and min(len(a), len(b)) >= 4 and similar_length and ka[0] == kb[0]:
        return sim  # GUANG is not GUANGZONG: a shared start is not a shared name
    if min(len(a), len(b)) >= 2 and a[0] == b[0] and Levenshtein.distance(ka, kb) == 1:
        return 0.5  # one slip in a short syllable: Um / Un, Hea / Hae
    return 0.0


def token_alignment(query: NameForm, entry: NameForm, idf: Idf) -> Feature:
    """Rarity-weighted share of tokens that pair up (Dice over IDF weights).

    Shared generic words (CHINA, GROUP, TECHNOLOGY) weigh little, a shared rare
    word (HIKVISION, KWANGSON) much; spellings pair up through phonetic keys.
    """
    used: set[int] = set()
    matched, pairs = 0.0, []
    for q in query.tokens:
        best, best_j = 0.0, -1
        for j, e in enumerate(entry.tokens):
            if j not in used:
                sim = _token_similarity(q, e)
                if sim > best:
                    best, best_j = sim, j
        if best_j >= 0:
            used.add(best_j)
            matched += best * (idf(q) + idf(entry.tokens[best_j])) / 2
            pairs.append(q if q == entry.tokens[best_j] else f"{q}≈{entry.tokens[best_j]}")
    total = sum(idf(t) for t in query.tokens) + sum(idf(t) for t in entry.tokens)
    score = 2 * matched / total if total > 0 else 0.0
    return Feature(min(1.0, score), ", ".join(pairs) or "no tokens in common")


def _same_word(a: str, b: str) -> bool:
    """One word in two spellings, inflections or renderings (not a near miss)."""
    if a == b or phonetic_key(a) == phonetic_key(b) or same_surname(a, b):
        return True
    return (min(len(a), len(b)) >= 4 and _stem(a) == _stem(b)) or (a, b) in _synonyms()


def core_difference(query: NameForm, entry: NameForm, idf: Idf) -> Feature:
    """Whether the distinctive words (not company words) pair up only through a slip:
    KWANGSON is not KWANGSONG, RYONHA is not YONHA, though one letter apart.

    Score 1.0 when every distinctive word of the query meets one spelled alike
    (phonetic keys equal), 0.0 when one meets its partner only by edit similarity.
    """
    rare = [t for t in entry.tokens if idf(t) >= GENERIC_IDF]
    for q in (t for t in query.tokens if idf(t) >= GENERIC_IDF):
        if len(rare) == 0 or any(_same_word(q, e) for e in rare):
            continue
        near = max(rare, key=lambda e: _token_similarity(q, e))
        if _token_similarity(q, near) > 0.0:
            return Feature(0.0, f"'{q}' is not '{near}': one sound apart in the distinctive name")
    return Feature(1.0, "")


def compact_similarity(query: NameForm, entry: NameForm, idf: Idf) -> Feature:
    """Edit similarity of the names written without spaces, in any rotation of words.

    "Jong-un KIM", "KIM Jongun" and "kim jong un" are one string once spaces go and
    the family name may stand first or last.
    """
    variants = {query.compact}
    if 1 < len(query.tokens) <= 4:
        toks = query.tokens
        variants |= {"".join(toks[i:] + toks[:i]) for i in range(len(toks))}
    best = max(ratio(v, entry.compact) for v in variants) / 100
    core_q = "".join(t for t in query.tokens if idf(t) >= GENERIC_IDF)
    core_e = "".join(t for t in entry.tokens if idf(t) >= GENERIC_IDF)
    if core_q and core_e and (core_q, core_e) != (query.compact, entry.compact):
        # Without the generic words (GROUP, CHINA, INTERNATIONAL): LAZARUS = LAZARUS GROUP.
        best = max(best, 0.97 * ratio(core_q, core_e) / 100)
    return Feature(best, f"'{query.compact}' vs '{entry.compact}'")


def phonetic_similarity(query: NameForm, entry: NameForm, idf: Idf) -> Feature:
    """Edit similarity of spelling-tolerant keys (Choe/Choi, Jong/Chong, Kwon/Gwon)."""
    keys = [phonetic_key(t) for t in query.tokens]
    target = "".join(phonetic_key(t) for t in entry.tokens)
    variants = {"".join(keys[i:] + keys[:i]) for i in range(max(1, len(keys)))}
    best = max(ratio(v, target) for v in variants) / 100
    return Feature(best, "spelling-tolerant keys")


def initials(query: NameForm, entry: NameForm, idf: Idf) -> Feature:
    """One side is the initials of the other (CETC, AVIC, SMIC)."""
    for short, long in ((query, entry), (entry, query)):
        if len(short.tokens) == 1 and 3 <= len(short.tokens[0]) <= 8 and len(long.tokens) >= 3:
            letters = "".join(t[0] for t in long.tokens if t not in {"of", "and", "the"})
            if short.tokens[0] == letters:
                # Acronyms are ambiguous (MSS: two ministries), so at most a review.
                return Feature(0.85, f"'{short.tokens[0].upper()}' = initials of '{long.text}'")
    return Feature(0.0, "")


def native_exact(query: NameForm, entry: NameForm, idf: Idf) -> Feature:
    """Both names in the same native script and equal after legal forms are removed."""
    if query.origin == "native" and entry.origin == "native":
        if _legal_conflict(query.legal, entry.legal):
            # 中国电信集团有限公司 (the group) is not 中国电信股份有限公司 (the listed company).
            return Feature(
                0.7,
                f"same native name '{query.tokens[0]}' but a different legal "
                f"form ({', '.join(query.legal)} vs {', '.join(entry.legal)})",
            )
        if query.tokens == entry.tokens:
            return Feature(1.0, f"same native name '{query.tokens[0]}'")
        q, e = query.tokens[0], entry.tokens[0]
        if len(q) >= 4 and len(e) >= 4 and (q in e or e in q):
            return Feature(0.9, f"native name '{q}' contains or is contained in '{e}'")
    return Feature(0.0, "")


def _legal_conflict(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Both names carry legal forms and one is a group where the other is not."""
    if len(a) == 0 or len(b) == 0:
        return False
    return any("group" in t for t in a) != any("group" in t for t in b)


def has_group(form: NameForm) -> bool:
    """Whether a form names a group (集团, GROUP): a parent, not its listed company."""
    return "group" in form.tokens or any("group" in t for t in form.legal)


def _joined(tokens: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """``tokens`` with neighbours joined where ``other`` writes them as one (Jong Un / Jongun)."""
    wanted = {phonetic_key(t) for t in other}
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens) and phonetic_key(tokens[i] + tokens[i + 1]) in wanted:
            out.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return tuple(out)


def _covered(tokens: tuple[str, ...], other: tuple[str, ...], floor: float = 0.9) -> float:
    """Share of ``tokens`` that pair with some token of ``other``."""
    hits = sum(1 for t in tokens if any(_token_similarity(t, o) >= floor for o in other))
    return hits / len(tokens) if tokens else 0.0


# Forms read from Hangul or Han characters: each syllable is a character, so a
# syllable that differs is another character, not a typo.
SYLLABIC = frozenset({"pinyin", "rr", "mr", "dprk", "customary"})


def person_coverage(query: NameForm, entry: NameForm, idf: Idf, strict: bool = True) -> Feature:
    """For people, every part of the name must be there (Kwang Ho is not Kwang Hun).

    Counted both ways, with split and joined given names (Jong Un / Jongun) alike.
    A name read from Chinese or Korean characters must agree syllable by syllable
    (王小明 is not WANG Xiaoping, 리은성 is not RI Song Un's neighbour RI Un Song's
    namesake): only spellings of the same syllable pair up, unless ``strict`` is off
    because something else (a birth date) supports the match.
    """
    q = _joined(query.tokens, entry.tokens)
    e = _joined(entry.tokens, q)
    syllabic = strict and (query.origin in SYLLABIC or entry.origin in SYLLABIC)
    if syllabic:
        q, e = _syllables(q, e), _syllables(e, q)
    floor = 0.95 if syllabic else 0.9
    coverage = min(_covered(q, e, floor), _covered(e, q, floor))
    return Feature(coverage, f"{coverage:.0%} of the name parts correspond")


def _syllables(tokens: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """Tokens split where ``other`` holds their halves (xiaoming → xiao ming when the
    other name writes Xiao Ming), so a joined given name is compared per syllable."""
    keys = {phonetic_key(t) for t in other}
    out: list[str] = []
    for t in tokens:
        cut = next(
            (
                i
                for i in range(2, len(t) - 1)
                if phonetic_key(t[:i]) in keys and phonetic_key(t[i:]) in keys
            ),
            None,
        )
        out += [t] if cut is None else [t[:cut], t[cut:]]
    return tuple(out)
