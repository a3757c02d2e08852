"""Korean particles follow how the word before them is read (real demo names)."""

from __future__ import annotations

import pytest

from corridor.text.particles import fill, final_sound, josa


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("레인보우로보틱스", "은/는", "레인보우로보틱스는"),
        ("파트너", "을/를", "파트너를"),
        ("두산로보틱스", "과/와", "두산로보틱스와"),
        ("삼성전자", "이/가", "삼성전자가"),
        ("루닛", "은/는", "루닛은"),
        ("루닛", "을/를", "루닛을"),
        ("네이버", "과/와", "네이버와"),
        ("카카오모빌리티", "으로/로", "카카오모빌리티로"),
        ("서울", "으로/로", "서울로"),  # ㄹ takes 로
        ("상하이", "으로/로", "상하이로"),
        ("현대자동차", "이에요/예요", "현대자동차예요"),
        ("한국무역협회", "이에요/예요", "한국무역협회예요"),
        ("한국산업은행", "이에요/예요", "한국산업은행이에요"),
        ("SK하이닉스", "은/는", "SK하이닉스는"),
        ("LG에너지솔루션", "을/를", "LG에너지솔루션을"),
        ("삼성전자(Samsung)", "은/는", "삼성전자(Samsung)는"),
        # Latin: acronyms by letter names, words by the loanword orthography
        ("SK", "이/가", "SK가"),
        ("CATL", "은/는", "CATL은"),
        ("BYD", "과/와", "BYD와"),
        ("Samsung", "은/는", "Samsung은"),
        ("Lunit", "을/를", "Lunit을"),
        ("Hikvision", "과/와", "Hikvision과"),
        ("Xiaomi", "이/가", "Xiaomi가"),
        ("Google", "으로/로", "Google로"),
        ("Robotics", "은/는", "Robotics는"),
        ("SenseTime", "이/가", "SenseTime이"),
        # Hanzi: the Korean transcription of the Mandarin reading
        ("华为", "은/는", "华为는"),
        ("商汤科技", "이/가", "商汤科技가"),
        ("联影医疗", "을/를", "联影医疗를"),
        ("宁德时代", "과/와", "宁德时代와"),
        ("大疆创新", "은/는", "大疆创新은"),
        # numbers read in Sino-Korean
        ("1", "이/가", "1이"),
        ("2", "이/가", "2가"),
        ("3", "으로/로", "3으로"),
        ("7", "으로/로", "7로"),
        ("10", "은/는", "10은"),
        ("", "은/는", "는"),
    ],
)
def test_josa(word: str, particle: str, expected: str) -> None:
    assert josa(word, particle) == expected
    assert "(" not in expected[len(word) :]  # never 은(는)


def test_final_sound_kinds() -> None:
    assert [final_sound(w) for w in ("서울", "루닛", "파트너")] == ["rieul", "consonant", "vowel"]


def test_fill_puts_each_fields_particle() -> None:
    template = "{b:은/는} {what:을/를} 찾고 있으며, {a:이/가} 이를 제공합니다{words}."
    assert (
        fill(template, b="레인보우로보틱스", what="투자, 파트너", a="두산로보틱스", words="")
        == "레인보우로보틱스는 투자, 파트너를 찾고 있으며, 두산로보틱스가 이를 제공합니다."
    )
    assert fill("{v:.2f} {x}", v=0.5, x="y") == "0.50 y"
