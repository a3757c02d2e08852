"""Questions understood before any index is read: the question's language, its tokens
for each language's index (its own words, the glossary's terms, the Sino-Korean bridge's
words, CC-CEDICT's English), each language's weight from the jurisdictions it names,
the laws it names, and the words asked with the path each came by (search/why.py shows
them beside each result). ``query`` ranks what is planned here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from corridor.core.names import Script
from corridor.search import zh_en
from corridor.search.index import LANGS
from corridor.search.laws import DATA, Law, jurisdictions, named_as_law_only, named_laws
from corridor.search.why import Match
from corridor.text.analyzers import (
    analyze,
    chinese_words,
    detect_lang,
    korean_reading,
    korean_words,
    latin_words,
)
from corridor.text.legal_terms import equivalents, expansions, first_term, groups, notions
from corridor.text.legal_terms import rows as glossary_rows
from corridor.text.scripts import script_counts
from corridor.text.translit import to_simplified

HOME = {"ko": "KR", "zh": "CN", "en": "US"}
UNNAMED = 0.35  # a jurisdiction the question does not name, when it names others
UNASKED = 0.5  # another language's ranking when the question names no jurisdiction
DICTIONARY = True  # Chinese words (a Korean question's through the bridge) ask English
FORM_WORDS = frozenset(
    {"필요", "어떻", "어떤", "무엇", "법상", "비교", "가능", "해당", "관련", "경우", "갖추"}
    | {"需要", "哪些", "什么", "怎么", "怎样", "如何", "是否", "可以", "应该", "能否", "我们"}
    | {"满足", "情况", "相关", "有关", "问题"}
    | {"need", "needs", "needed", "happen", "happens", "know"}
)
"""Words that make a question a question ("need", "what happens", 哪些, 필요) rather
than say what it is about: searched like any other, but shown as a word a result shares
with the question (or marked in its article), with their renderings (需要 → need,
필요 → 必要), only when it shares no other: "Matched: 需要" beside 主管部门 tells a
reader nothing (search/why.py)."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What a question asks, understood before any index is read."""

    lang: str
    tokens: dict[str, list[str]]  # per index language
    weights: dict[str, float]  # per index language, from the jurisdictions named
    laws: tuple[Law, ...]
    meaning: str = ""  # what dense vectors embed: the question and its glossary terms
    notions: tuple[tuple[str, ...], ...] = ()  # the glossary groups the question mentions
    literal: tuple[str, ...] = ()  # the question's own-language tokens, no glossary terms
    listed: bool = False  # a list of notions: ``meaning`` holds its glossary terms as text
    words: tuple[Match, ...] = ()  # the words asked, with their paths (search/why.py)
    form: tuple[Match, ...] = ()  # FORM_WORDS asked, and their renderings: shown last
    terms: tuple[str, ...] = ()  # its notions' first term in each language (vectors mix them)


def question_language(text: str) -> str:
    """ko, zh or en, by the script most of the question is written in."""
    counts = script_counts(text)
    hangul, han = counts[Script.HANGUL], counts[Script.HAN]
    if hangul == 0 and han == 0:
        return "en"
    return "ko" if hangul >= han else "zh"


@cache
def _analysed_terms() -> dict[str, tuple[str, ...]]:
    """Every glossary term's tokens, analysed when the glossary was written
    (data/term_tokens.json: scripts/term_tokens.py writes it, a test keeps it equal to
    ``analyze``): a question then loads no analyser but its own language's."""
    text = resources.files("corridor.search").joinpath("data/term_tokens.json").read_text("utf-8")
    table: dict[str, list[str]] = json.loads(text)
    return {term: tuple(tokens) for term, tokens in table.items()}


@lru_cache(maxsize=4096)
def _term_tokens(term: str) -> tuple[str, ...]:
    """A glossary term's tokens: from the table, else analysed (a term added since)."""
    known = _analysed_terms().get(term)
    return known if known is not None else tuple(analyze(term))


def plan(text: str, cross_lingual: bool = True) -> Plan:
    """Tokens for each language's index, each language's weight, the laws named, and
    the words asked with the path of each (the question's own, the glossary's, the
    bridge's, the dictionary's: what a result says it shares, search/why.py)."""
    own = question_language(text)
    tokens: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for token in analyze(text):
        tokens[detect_lang(token)].append(token)
    literal = tuple(tokens[own])
    own_words = latin_words(text) if own == "en" else _own_words(text, own)
    said = own_words if own == "en" else [*own_words, *latin_words(text)]  # 'EAR', 'PIPL'
    words = [Match(w, "question") for w in _whole(said) if len(w) > 1]
    mentioned = jurisdictions(text) if cross_lingual else {}
    moved = _moved(text, own, mentioned) if cross_lingual else None
    glossed = f"{text} {moved[0]}" if moved else text  # what the glossary reads
    for term, source in expansions(glossed) if cross_lingual else []:
        for word in _term_tokens(term):
            tokens[detect_lang(word)].append(word)
        said_by = moved[1] if moved and source == moved[0] else source
        words.append(Match(term, "glossary", said_by))
    if cross_lingual and own != "en":
        bridged = _bridged(own_words, own)
        tokens["zh" if own == "ko" else "ko"] += [word for word, _ in bridged]
        words += [Match(word, "bridge", source) for word, source in bridged]
        # English through CC-CEDICT: a Chinese question's words, a Korean one's bridged
        chinese = bridged if own == "ko" else [(w, w) for w in dict.fromkeys(own_words)]
        for word, source in chinese if DICTIONARY else []:
            english = zh_en.tokens_of(word)
            tokens["en"] += english
            words += [Match(e, "dictionary", source) for e in english]
    form = [m for m in words if (m.source or m.word) in FORM_WORDS]
    laws = tuple(named_laws(text, HOME[own], mentioned)) if cross_lingual else ()
    compared = own != "en" and _COMPARED.search(text) is not None
    weights = _weights(mentioned, own, laws, compared) if cross_lingual else {}
    return Plan(
        own,
        tokens,
        weights,
        laws,
        meaning(text, cross_lingual),
        tuple(notions(glossed)) if cross_lingual else (),
        literal if cross_lingual else (),
        words=tuple(m for m in words if m not in form),
        form=tuple(form),
        terms=tuple(equivalents(glossed)) if cross_lingual else (),
    )


_MOVES = re.compile(
    r"옮기|옮겨|보내|가져오|가져가|전송|넘기|저장"
    r"|传到|传输|转移|发送|传往|传至|移到|存储|存到|传回"
    r"|\b(?:sen(?:d|ds|t|ding)|transfer(?:s|red|ring)?|mov(?:e|es|ed|ing)"
    r"|transmit(?:s|ted|ting)?|stor(?:e|es|ed|ing)|host(?:s|ed|ing)?)\b",
    re.I,
)
_ABROAD = re.compile(
    r"해외|국외|외국|海外|国外|外国|境外|\babroad\b|\boverseas\b|\bforeign\b", re.I
)
MOVED_NOTION = "cross-border transfer"  # the glossary row a question moving data asks about


def _moved(
    text: str, own: str, mentioned: dict[str, list[tuple[int, float]]]
) -> tuple[str, str] | None:
    """The glossary's own-language term for cross-border transfer and the question's
    word that implies it, when the question speaks of data moving (or stored) while
    naming a country or somewhere abroad without saying "cross-border": "把…个人信息
    传到韩国总部", "고객 개인정보를 한국 본사 서버로 옮기려고", "store our users' data
    in China". A lawyer reads these as questions about cross-border transfer (PIPL 第三十八条,
    PIPA 제28조의8); the glossary, reading words, does not. None otherwise.

    Measured (benchmarks/search.py, development set of 95, bundled / whole corpus): all
    0.673 → 0.689 / 0.624 → 0.641, cross-lingual 0.603 → 0.626 / 0.580 → 0.609, zh → zh
    0.765 → 0.782 (plain BM25 0.767); five questions move, all up, none down."""
    move = _MOVES.search(text)
    if move is None or not DATA.search(text):
        return None
    foreign = {code for code in mentioned if code != HOME[own]} - named_as_law_only(text)
    abroad = bool(foreign) or _ABROAD.search(text) is not None
    if not abroad:
        return None  # nothing moves, or it moves at home (한국에서 … 저장: Korea's own rules)
    row, terms = _transfer_row()
    if groups()[row] in notions(text):
        return None  # it says so in words the glossary knows
    own_term = terms[own]
    return (own_term, move.group(0)) if own_term else None


@cache
def _transfer_row() -> tuple[int, dict[str, str]]:
    """The glossary row of MOVED_NOTION (its first English term), and its first term
    in each language."""
    for i, row in enumerate(glossary_rows()):
        if first_term(row[0]) == MOVED_NOTION:
            return i, dict(zip(("en", "ko", "zh"), map(first_term, row[:3]), strict=True))
    raise LookupError(f"the glossary (text/data/legal_terms.tsv) has no {MOVED_NOTION!r} row")


@cache
def _bridge() -> dict[str, dict[str, str]]:
    """The Sino-Korean bridge (data/sino_korean.tsv, written by scripts/sino_korean.py
    from the bundled statutes): Korean → Chinese word and back."""
    text = resources.files("corridor.search").joinpath("data/sino_korean.tsv").read_text("utf-8")
    pairs = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {"ko": dict(pairs), "zh": {zh: ko for ko, zh in pairs}}


def sino_korean(text: str, own: str) -> list[str]:
    """The other language's words for a Korean or Chinese question's Sino-Korean words
    (위탁 → 委托, 审查 → 심사): Korean legal words no glossary lists reach Chinese."""
    if own not in ("ko", "zh"):
        return []
    return [word for word, _ in _bridged(_own_words(text, own), own)]


def _own_words(text: str, own: str) -> list[str]:
    """A Korean or Chinese question's words, as ``analyze`` reads them (case-folded, so
    that the analysers' words of the question are reused, not made again)."""
    if own == "ko":
        return korean_words(korean_reading(text))
    return chinese_words(to_simplified(text.casefold()))


def _whole(words: Sequence[str]) -> list[str]:
    """A question's words as a person reads them: not the parts the analysers also cut
    a compound into (개인, 정보 of 개인정보; 个人, 信息 of 个人信息), which would
    otherwise be found, and marked, inside other words (정보 in 정보주체)."""
    return [
        w for w in words if w.isascii() or not any(w != other and w in other for other in words)
    ]


def _bridged(words: Sequence[str], own: str) -> list[tuple[str, str]]:
    """The other language's words for ``words`` through the bridge, each once, with
    the word of ``words`` that first reached it."""
    bridge = _bridge()[own]
    out: dict[str, str] = {}
    for word in words:
        if word in bridge:
            out.setdefault(bridge[word], word)
    return list(out.items())


def meaning(text: str, cross_lingual: bool = True, listed: bool = False) -> str:
    """What the encoder embeds for a question: the question alone (known before any
    analyser runs, so the embedding can start first). Its notions' glossary
    equivalents join as vectors embedded when the index was built (``query._question``):
    embedding them with the question made it about twice as long to encode. A
    ``listed`` question (see ``query.search``) is embedded followed by its equivalents."""
    return " ".join([text, *equivalents(text)]) if listed and cross_lingual else text


# 비교적 is "relatively", 차이나 "China", 不同 alone "different" (不同行业) and 不同意 "does
# not consent": a comparison asks how one differs from the other (有何不同, 与…不同)
_COMPARED = re.compile(
    r"비교(?!적)|比较|对比|相比|차이(?!나)|区别|有何不同|有什么不同|(?:与|和|跟).{1,12}不同"
)
"""A Korean or Chinese question comparing ("미국 OFAC … 와 비교") asks about its asker's
own country's rules too, named or not (an English one's asker may be from anywhere)."""


def _weights(
    mentioned: dict[str, list[tuple[int, float]]],
    own: str,
    laws: tuple[Law, ...],
    compared: bool = False,
) -> dict[str, float]:
    """Each language's weight: by how strongly the question names its jurisdiction
    (a law named counts as a legal mention); the question's own language first when
    it names none, or names countries only as places; as strongly as the most named
    when it ``compared`` another's rules with its own (development set: q11, "… 미국
    OFAC 확산자 제재와 비교", 0.202 → 0.376, no other question moved)."""
    strength = {code: sum(s for _, s in spots) for code, spots in mentioned.items()}
    for law in laws:
        strength[law.jurisdiction] = strength.get(law.jurisdiction, 0.0) + 2.0
    top = max(strength.values(), default=0.0)
    if top < 1.0:
        return {lang: 1.0 if lang == own else UNASKED for lang in LANGS}
    if compared:
        strength[HOME[own]] = max(strength.get(HOME[own], 0.0), top)
    return {
        lang: UNNAMED + (1 - UNNAMED) * min(1.0, strength.get(HOME[lang], 0.0) / top)
        for lang in LANGS
    }
