"""The laws search knows by name, and how a question names laws and jurisdictions.

Legal questions name their law ("중국 반외국제재법", "韩国《对外贸易法》", "EAR") and the
country whose rules they ask about ("중국법상", "under US law"). Bag-of-words BM25
cannot tell 韩国对外贸易法 from the Chinese 对外贸易法 or a Korean statute from its Chinese
counterpart; recognising names and jurisdictions first lets the ranking put the named
law first and weight the jurisdictions asked about.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from corridor.core.documents import Chunk
from corridor.text.translit import to_simplified

_CFR = re.compile(r"^(\d+) CFR § (\d+)\.")
NEAR = 6  # characters between a jurisdiction word and a law name that it qualifies
PAIRED = 14  # … and between two jurisdiction words joined by "and" before one law name
_AND = re.compile(r"과|와|및|와의|和|与|及|、|/|\band\b|\bor\b|,")
# A country named as the subject of law ("중국법상", "韩国《…》", "US law") weighs more
# than one named as a place goods or data go to or come from ("중국으로", "向韩国",
# "to Korea"), which says little about whose rules the question asks about.
_LEGAL_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:법|法|《|law|regulation|rule|government|정부|政府)", re.I
)
_PLACE_AFTER = re.compile(r"^(?:으로|로|에\b|에서부터|으로부터)")
# A foreign authority demanding data or an inspection ("美国政府要求…", "외국 법원이
# 요구하는") acts on the one asking: what may be answered is a question of the asker's
# own law (blocking rules: PIPL 第四十一条, 出口管制法 第三十二条), so the country is
# weighed as a place, not as the subject of law.
_DEMAND_AFTER = re.compile(
    r"^(?:(?:政府|当局|执法机构|法院)要求|\s*(?:정부|당국|법원)(?:이|가)?\s*요구"
    r"|\s*(?:government|authorities|court)\s+(?:requests?|demands?|asks?)\b)",
    re.I,
)
_PLACE_BEFORE = re.compile(r"(?:向|到|往|赴|从|给|\bto|\bfrom|\binto)\s*$", re.I)
# A country goods, technology or data leave ("从韩国出口", "중국에서 … 수출", "export …
# from China") is the one whose export rules the question asks about: the origin of an
# export is the subject of law, unlike a destination or an import's origin ("从韩国引进").
_ORIGIN_BEFORE = re.compile(r"(?:从|自|\bfrom(?:\s+the)?)\s*$", re.I)
_ORIGIN_AFTER = re.compile(r"^에서")  # 에서 and 에서부터
_OUTBOUND = re.compile(r"(?<!进)出口|出境|수출|반출|\bexport", re.I)
_INBOUND = re.compile(r"进口|引进|输入|수입|도입|\bimport(?:s|ed|ing|ers?)?\b", re.I)
_CLAUSE = re.compile(r"[。？！?!；;,，\n]|\.(?=\s|$)")
# The people whose personal data a question speaks of ("중국 이용자 개인정보", "韩国用户的
# 个人信息", "Chinese users' data") or the country it was collected in ("在中国收集",
# "중국에서 수집한", "collected in China"): that country's data law protects it wherever it
# goes.
_DATA_WORDS = r"개인정보|정보|데이터|个人信息|信息|数据|\bdata\b|\binformation\b"
DATA = re.compile(_DATA_WORDS, re.I)
"""Words for data, personal or not: a question about them (search/plan.py reads it too)."""
_PEOPLES_DATA = re.compile(
    r"^\s*(?:的)?\s*(?:用户|客户|消费者|员工|이용자|고객|사용자|소비자|직원|정보주체"
    r"|(?:users?|customers?|consumers?|employees?)\b)(?:'s?)?\s*(?:的)?\s*(?:personal\s+)?"
    rf"(?:{_DATA_WORDS})",
    re.I,
)
_COLLECTED_IN = re.compile(r"\bcollected\s+in(?:\s+the)?\s*$", re.I)
_AT = re.compile(r"在\s*$")
_CHINESE_COLLECTED = re.compile(r"^\s*(?:收集|采集|获取)")
_KOREAN_COLLECTED = re.compile(r"^에서\s*(?:수집|모은|모아)")


@dataclass(frozen=True, slots=True)
class Law:
    """A law (with its decrees) or a body of US regulations, named in several languages."""

    key: str
    jurisdiction: str
    titles: frozenset[str]
    cfr: tuple[int, int, int] | None  # CFR title, first part, last part
    aliases: tuple[str, ...]
    areas: frozenset[str]

    def holds(self, chunk: Chunk) -> bool:
        """Whether ``chunk`` belongs to this law."""
        if self.cfr is None:
            return chunk.title in self.titles
        found = _CFR.match(chunk.title)
        return (
            found is not None
            and int(found.group(1)) == self.cfr[0]
            and self.cfr[1] <= int(found.group(2)) <= self.cfr[2]
        )


@cache
def _data() -> dict[str, object]:
    text = resources.files("corridor.search").joinpath("data/laws.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def catalogue() -> tuple[Law, ...]:
    """Every law of the catalogue (search/data/laws.toml)."""
    out = []
    for row in _data()["law"]:  # type: ignore[attr-defined]
        cfr = None
        if "cfr" in row:
            title, _, parts = row["cfr"].partition(":")
            first, _, last = parts.partition("-")
            cfr = (int(title), int(first), int(last))
        out.append(
            Law(
                row["key"],
                row["jurisdiction"],
                frozenset(row.get("titles", ())),
                cfr,
                tuple(row["aliases"]),
                frozenset(row["areas"]),
            )
        )
    return tuple(out)


def by_key(key: str) -> Law:
    """The law with catalogue key ``key`` (KeyError if unknown)."""
    for law in catalogue():
        if law.key == key:
            return law
    raise KeyError(key)


def _fold(text: str) -> str:
    return to_simplified(text)


@cache
def _pattern(word: str) -> re.Pattern[str]:
    """ASCII names as whole words (case-sensitive when written in capitals: US, EAR);
    Korean and Chinese names with or without spaces (개인정보 보호법 = 개인정보보호법)."""
    if word.isascii():
        flags = 0 if word.isupper() else re.IGNORECASE
        return re.compile(r"(?<![A-Za-z])" + re.escape(word) + r"(?![A-Za-z])", flags)
    letters = [re.escape(c) for c in _fold(word) if not c.isspace()]
    return re.compile(r"\s*".join(letters))


def _where(word: str, text: str) -> list[int]:
    """Start offsets of ``word`` in the (simplified) question."""
    return [m.start() for m in _pattern(word).finditer(text)]


INSIDE = frozenset({"国内", "국내", "국내법"})
"""Words for "at home" that name the asker's own country's law when they qualify a law or
a court (国内法院: China's courts in a Chinese question; 국내법), unless they follow
another country's name (美国国内法); not otherwise (韩国的国内代理人制度)."""


@cache
def _others(code: str) -> tuple[str, ...]:
    """The words naming every jurisdiction but ``code``, as the question is read (folded)."""
    table: dict[str, list[str]] = _data()["jurisdictions"]  # type: ignore[assignment]
    return tuple(_fold(w) for c, words in table.items() if c != code for w in words)


def _after_any(words: tuple[str, ...], before: str) -> bool:
    """Whether ``before`` ends with one of ``words`` (spaces ignored)."""
    tail = before.rstrip()
    return any(tail.endswith(w) for w in words)


def _exported_from(text: str, start: int, end: int) -> bool:
    """Whether the country named at ``text[start:end]`` is where an export leaves from:
    "from" before it (从, from) or 에서 after it, and in the same clause an export word
    and no import word (중국에서 수입한 부품을 다시 수출: China is where they came from)."""
    if not (_ORIGIN_BEFORE.search(text[:start]) or _ORIGIN_AFTER.match(text[end:])):
        return False
    cuts = [m.start() for m in _CLAUSE.finditer(text)]
    first = max((c for c in cuts if c < start), default=-1) + 1
    last = min((c for c in cuts if c >= end), default=len(text))
    clause = text[first:last]
    return _OUTBOUND.search(clause) is not None and _INBOUND.search(clause) is None


def _data_origin(text: str, start: int, end: int) -> bool:
    """Whether the country named at ``text[start:end]`` is whose people's data the
    question speaks of (its people, then a word for data) or where data was collected."""
    before, after = text[:start], text[end:]
    return bool(
        _PEOPLES_DATA.match(after)
        or _COLLECTED_IN.search(before)
        or _KOREAN_COLLECTED.match(after)
        or (_AT.search(before) and _CHINESE_COLLECTED.match(after))
    )


def jurisdictions(question: str) -> dict[str, list[tuple[int, float]]]:
    """The jurisdictions a question names: where (offsets in the simplified question)
    and how strongly (2 as the subject of law, the country an export leaves or whose
    people's data the question speaks of, 0.5 as a place, 1 otherwise)."""
    table: dict[str, list[str]] = _data()["jurisdictions"]  # type: ignore[assignment]
    text = _fold(question)
    out: dict[str, list[tuple[int, float]]] = {}
    for code, words in table.items():
        spots: dict[int, float] = {}
        for word in words:
            for start in _where(word, text):
                end = start + len(word)
                if word in INSIDE and (
                    not _LEGAL_AFTER.match(text[end:]) or _after_any(_others(code), text[:start])
                ):
                    continue  # 国内代理人, 美国国内法: not the asker's country's law
                if _DEMAND_AFTER.match(text[end:]):
                    spots[start] = 0.5
                elif _LEGAL_AFTER.match(text[end:]) or _exported_from(text, start, end):
                    spots[start] = 2.0
                elif _PLACE_AFTER.match(text[end:]) or _PLACE_BEFORE.search(text[:start]):
                    spots[start] = 0.5  # 向中国客户: a destination, whoever is there
                elif _data_origin(text, start, end):
                    spots[start] = 2.0
                else:
                    spots[start] = max(spots.get(start, 1.0), 1.0)
        if spots:
            out[code] = sorted(spots.items())
    return out


_BEFORE_LAW = re.compile(r"\s*(?:的|의|《)?\s*")


def named_as_law_only(question: str) -> set[str]:
    """The jurisdictions a question names only as whose law it asks about: every time
    followed by a word for law ("중국법상", "under Chinese law", "韩国《…》") or by the
    name of a law of the catalogue ("韩国个人信息保护法"), never as a place, a party or
    whose data it is."""
    table: dict[str, list[str]] = _data()["jurisdictions"]  # type: ignore[assignment]
    text = _fold(question)
    aliases = [alias for law in catalogue() for alias in law.aliases]
    out = set()
    for code, words in table.items():
        ends = [start + len(word) for word in words for start in _where(word, text)]
        if ends and all(_names_law(text, end, aliases) for end in ends):
            out.add(code)
    return out


def _names_law(text: str, end: int, aliases: list[str]) -> bool:
    """Whether a law word or a catalogued law's name follows ``text[:end]``."""
    if _LEGAL_AFTER.match(text[end:]):
        return True
    at = _BEFORE_LAW.match(text, end)
    start = at.end() if at else end
    return any(_pattern(alias).match(text, start) for alias in aliases)


def named_laws(
    question: str, home: str, mentioned: dict[str, list[tuple[int, float]]] | None = None
) -> list[Law]:
    """The laws a question names. A name two jurisdictions share (개인정보보호법,
    对外贸易法) goes to the jurisdiction named just before it — to both when two are
    named there together ("한국과 중국의 개인정보보호법") — else to one the question names
    anywhere, else to ``home`` (the jurisdiction of the question's language).
    ``mentioned`` is :func:`jurisdictions` of the question, when the caller has it."""
    text = _fold(question)
    mentioned = jurisdictions(question) if mentioned is None else mentioned
    spans: dict[str, list[tuple[int, Law]]] = {}
    for law in catalogue():
        for alias in law.aliases:
            for start in _where(alias, text):
                spans.setdefault(_fold(alias).replace(" ", "").casefold(), []).append((start, law))
    chosen: dict[str, Law] = {}
    for hits in spans.values():
        for start, law in hits:
            rivals = list({other.key: other for s, other in hits if s == start}.values())
            picks = _resolve(rivals, text[:start], mentioned, home) if len(rivals) > 1 else [law]
            for pick in picks:
                chosen.setdefault(pick.key, pick)
    return list(chosen.values())


def _resolve(
    rivals: list[Law], before: str, mentioned: dict[str, list[tuple[int, float]]], home: str
) -> list[Law]:
    start = len(before)
    near = {c for c, spots in mentioned.items() if any(0 <= start - s <= NEAR for s, _ in spots)}
    paired = {
        c for c, spots in mentioned.items() if any(0 <= start - s <= PAIRED for s, _ in spots)
    }
    if len(paired) > 1 and _AND.search(before[-PAIRED:]):
        both = [law for law in rivals if law.jurisdiction in paired]
        if len(both) > 1:
            return both
    for pool in (near, set(mentioned), {home}):
        fits = [law for law in rivals if law.jurisdiction in pool]
        if len(fits) == 1:
            return fits
    return []
