"""Names toolkit: legal forms, transliteration, glossary and name forms."""

from __future__ import annotations

import pytest

from corridor.core.names import Name, Script
from corridor.text.glossary import Term, segment
from corridor.text.legal_forms import strip_legal_forms
from corridor.text.names import forms, phonetic_key, same_surname, tokens
from corridor.text.translit import (
    hanja_to_hangul,
    pinyin,
    pinyin_readings,
    romanize,
    split_korean_name,
    to_simplified,
)


@pytest.mark.parametrize(
    ("text", "core", "tags"),
    [
        ("㈜레인보우로보틱스", "레인보우로보틱스", ("co_ltd",)),
        ("주식회사 레인보우로보틱스", "레인보우로보틱스", ("co_ltd",)),
        ("江西洪都航空工业股份有限公司", "江西洪都航空工业", ("co_ltd",)),
        ("中国移动通信集团有限公司", "中国移动通信", ("group_co_ltd",)),
        ("SZ DJI Technology Co., Ltd.", "SZ DJI Technology", ("co_ltd",)),
        ("Samsung Electronics Co Ltd", "Samsung Electronics", ("co_ltd",)),
        ("KOREA KWANGSON BANKING CORP.", "KOREA KWANGSON BANKING", ("corp",)),
        ("BANCO NACIONAL DE CUBA", "BANCO NACIONAL DE CUBA", ()),
        ("Company Limited", "Company", ("ltd",)),  # a name is never stripped to nothing
    ],
)
def test_legal_forms(text: str, core: str, tags: tuple[str, ...]) -> None:
    assert strip_legal_forms(text) == (core, tags)


@pytest.mark.parametrize(
    ("hangul", "system", "expected"),
    [
        ("김정은", "rr", ["gim", "jeong", "eun"]),
        ("김정은", "mr", ["kim", "chong", "un"]),
        ("김정은", "dprk", ["kim", "jong", "un"]),
        ("최룡해", "dprk", ["choe", "ryong", "hae"]),
        ("리병철", "dprk", ["ri", "pyong", "chol"]),
        ("박정천", "dprk", ["pak", "jong", "chon"]),
        ("제2공장", "rr", ["je", "2", "gong", "jang"]),  # digits and Latin pass through
        ("LG전자", "rr", ["LG", "jeon", "ja"]),
    ],
)
def test_hangul_romanisation(hangul: str, system: str, expected: list[str]) -> None:
    assert romanize(hangul, system) == expected


def test_korean_names_split_family_names_of_two_syllables() -> None:
    assert split_korean_name("남궁민") == ("남궁", "민")
    assert split_korean_name("김정은") == ("김", "정은")
    assert split_korean_name("Kim") is None


def test_chinese_readings_and_scripts() -> None:
    assert to_simplified("華為技術") == "华为技术"
    assert pinyin("重庆") == ["chong", "qing"]
    assert ["hong", "du"] in pinyin_readings("洪都")  # 都 reads du in a name
    assert ["shan"] in pinyin_readings("单")  # 单 as a family name reads Shan
    assert pinyin_readings("360安全") == [["360", "an", "quan"]]  # no variants off by a digit


def test_hanja_readings_with_kim() -> None:
    assert hanja_to_hangul("三星電子") == "삼성전자"
    assert hanja_to_hangul("金正恩") == "김정은"  # not 금정은


def test_glossary_segments_generic_words() -> None:
    parts = segment("江西洪都航空工业", "zh")
    words = [p.english[0] if isinstance(p, Term) else p for p in parts]
    assert words == ["jiangxi", "洪都", "aviation", "industry"]
    assert [p.english[0] for p in segment("조선광업개발무역회사", "ko") if isinstance(p, Term)] == [
        "korea",
        "mining",
        "development",
        "trading",
        "company",
    ]


def test_forms_of_a_chinese_company_name() -> None:
    found = {f.text for f in forms(Name("江西洪都航空工业股份有限公司", Script.HAN, "zh"))}
    assert "jiangxi hongdu aviation industry" in found
    assert "江西洪都航空工业" in found


def test_forms_of_a_korean_person() -> None:
    found = {f.text for f in forms(Name("김정은", Script.HANGUL, "ko"), person=True)}
    assert "kim jong un" in found


def test_tokens_drop_apostrophes_and_expand_abbreviations() -> None:
    assert tokens("CH'OE, So'k-min") == ("choe", "sok", "min")
    assert tokens("Semiconductor Manufacturing Intl") == (
        "semiconductor",
        "manufacturing",
        "international",
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("jeong", "chong"),
        ("jung", "jong"),
        ("young", "yeong"),
        ("choe", "choi"),
        ("gwon", "kwon"),
        ("hyun", "hyon"),
        ("woo", "u"),
    ],
)
def test_phonetic_keys_merge_romanisations(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


def test_surname_classes() -> None:
    assert same_surname("park", "pak") and same_surname("lee", "ri")
    assert not same_surname("kim", "park")
