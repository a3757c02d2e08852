"""The legal glossary's curation rules, checked against the bundled statutes."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache

from corridor.services.bundled import bundled
from corridor.text.legal_terms import Reading, expand, groups, rows

LEGAL = bundled("legal")


def _terms(cell: str) -> list[str]:
    return [t.strip() for t in cell.split(";") if t.strip()]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def _statutes(lang: str) -> str:
    """Every bundled statute of one language, spaces removed (the glossary matches so)."""
    return _compact("".join(p.read_text("utf-8") for p in sorted((LEGAL / lang).rglob("*.md"))))


@cache
def _cfr() -> str:
    texts = []
    for path in sorted((LEGAL / "en").glob("*.jsonl.gz")):  # sanctions and the EAR's core
        with gzip.open(path, "rt") as f:
            texts += [d["title"] + " " + d["text"] for d in map(json.loads, f)]
    return " ".join(texts).casefold()


def test_every_row_has_three_languages_and_a_source() -> None:
    assert len(rows()) >= 250
    for en, ko, zh, source in rows():
        assert _terms(en) and _terms(ko) and _terms(zh) and source.strip(), en
        assert all(t.isascii() for t in _terms(en)), en
        assert not any(t.startswith("~") for t in _terms(en)), en


def test_unmarked_terms_occur_in_the_bundled_statutes() -> None:
    missing = [
        (lang, t)
        for _, ko, zh, _ in rows()
        for lang, cell in (("ko", ko), ("zh", zh))
        for t in _terms(cell)
        if not t.startswith("~") and _compact(t) not in _statutes(lang)
    ]
    assert missing == []


def test_every_notion_is_grounded_in_a_bundled_text() -> None:
    """A row whose ko and zh terms are all marked must name an English term of the CFR."""
    for en, ko, zh, _ in rows():
        if all(t.startswith("~") for t in _terms(ko) + _terms(zh)):
            assert any(t.casefold() in _cfr() for t in _terms(en)), en


def test_groups_read_three_columns_without_marks() -> None:
    group = next(g for g in groups() if "negative list" in g)
    assert "네거티브 리스트" in group and "负面清单" in group
    assert not any(t.startswith("~") or "外商投资法" in t for g in groups() for t in g)


def test_expansion_across_the_new_notions() -> None:
    assert "单独同意" in expand("별도의 동의가 필요한가")
    assert "separate consent" in expand("单独同意")
    assert "국가핵심기술" in expand("national core technology export")
    assert "반제조치" in expand("反制措施") and "countermeasures" in expand("反制清单")
    assert "고영향" in expand("high-impact AI") and "转运" in expand("환적 허가")


def test_a_reading_mentions_words_by_the_glossary_rule() -> None:
    reading = Reading("Transfers of personal\ninformation abroad. 個人信息出境 · 국외 이전")
    assert reading.mentions("transfer") and reading.mentions("Personal Information")
    assert not reading.mentions("information personal")  # a phrase in its order
    assert not reading.mentions("abroa") and not reading.mentions("")
    assert reading.mentions("个人信息") and reading.mentions("个人 信息")  # read as simplified
    assert reading.mentions("국외이전") and not reading.mentions("국내")
    # a search token is a stem already: met as it is, not stemmed again
    assert reading.mentions("transfer", stemmed=True)
    assert not reading.mentions("transfers", stemmed=True)
    assert reading.written["transfer"] == "transfers"  # the word as the text writes it
