"""Screening beyond the curated native names: the list entries' own English names,
read through transliteration and the company-word glossary, with the curated table off."""

from __future__ import annotations

import pytest

from corridor.core.names import Name, NameKind, Script
from corridor.core.screening import Band, EntityType
from corridor.screen.index import ScreeningIndex
from corridor.screen.matcher import Query, Screener
from corridor.screen.sources.detect import parse_list
from corridor.services.lists import bundled_lists
from corridor.text.names import NameForm


@pytest.fixture(scope="module")
def plain() -> Screener:
    """Every bundled list, without the curated native-name table."""
    entries = [e for path in bundled_lists() for e in parse_list(path)[1].entries]
    return Screener(ScreeningIndex(entries, {}))


def q(text: str, kind: EntityType, *born: str) -> Query:
    return Query((Name(text, Script.LATIN, None, NameKind.TRADE),), kind, (), (), born)


@pytest.mark.parametrize(
    ("query", "own", "neighbour"),
    [
        # KWANGSONG TRADING, not KWANGSON BANKING (one consonant apart)
        ("조선광성무역회사", "9523", "11581"),
        # 용왕: the ROK spelling of 룡왕 (initial ㄹ) still reaches RYONGWANG
        ("조선용왕무역회사", "9525", "9523"),
    ],
)
def test_hangul_dprk_trading_company_reaches_its_own_entry(
    plain: Screener, query: str, own: str, neighbour: str
) -> None:
    hits = plain.screen(q(query, EntityType.ORGANIZATION))
    assert len(hits) > 0 and hits[0].source_id == own, hits[:2]
    assert all(h.band is not Band.STRONG for h in hits if h.source_id == neighbour)


def test_one_sound_apart_in_the_distinctive_name_is_at_most_a_review(plain: Screener) -> None:
    def form(text: str) -> NameForm:
        return NameForm(tuple(text.split()), "latin", Name(text, Script.LATIN))

    algorithm = plain.algorithm
    same = algorithm.pair(
        form("korea kwangsong trading"), form("korea kwangsong trading"), plain.index.idf
    )
    near = algorithm.pair(
        form("korea kwangson trading"), form("korea kwangsong trading"), plain.index.idf
    )
    assert same.score >= algorithm.config["strong"]
    assert near.score < algorithm.config["strong"]
    assert any(x.name == "core_difference" for x in near.features), near


def test_chinese_pinyin_and_words_company_reaches_its_entry_without_a_curated_row(
    plain: Screener,
) -> None:
    hits = plain.screen(q("武汉远成共创科技有限公司", EntityType.ORGANIZATION))
    assert hits[0].entry_name == "WUHAN YUANCHENG GONGCHUANG TECHNOLOGY CO., LTD.", hits[:2]
    assert "wuhan yuancheng gongchuang technology" in hits[0].explanation


def test_different_chinese_given_name_syllable_raises_no_alert(plain: Screener) -> None:
    assert [h.entry_name for h in plain.screen(q("李方伟", EntityType.PERSON))] == ["LI, Fangwei"]
    assert plain.screen(q("李方明", EntityType.PERSON)) == []  # ming is not wei


def test_different_korean_given_name_syllable_raises_no_alert(plain: Screener) -> None:
    assert any(h.entry_name == "KIM, Jong Un" for h in plain.screen(q("김정은", EntityType.PERSON)))
    # 훈 is not 은 (hun / un); 운 would be: the lists write both UN
    assert all(h.entry_name != "KIM, Jong Un" for h in plain.screen(q("김정훈", EntityType.PERSON)))
