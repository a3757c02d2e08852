"""Hanja → Hangul readings from the bundled table (no hanja package needed)."""

from __future__ import annotations

import pytest

from corridor.text.hanja import read_hanja, table


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("韓國語", "한국어"),
        ("한국어", "한국어"),  # Hangul passes through
        ("利用해", "이용해"),  # 리 → 이 at the start of a word
        ("連結된", "연결된"),
        ("女子", "여자"),  # 녀 → 여
        ("勞動", "노동"),  # 로 → 노
        ("羅", "나"),
        ("1800年에", "1800년에"),  # after a digit: not the start of a word
        ("그레고리曆", "그레고리력"),  # after a syllable: no rule
        ("系列", "계열"),  # 列 after a vowel
        ("陳列", "진열"),  # and after ㄴ (hanja 0.15.1 read 진렬)
        ("旋律", "선율"),
        ("法律", "법률"),  # after any other final, 률 stays
        ("個人情報를 國外로 移轉하려는 경우", "개인정보를 국외로 이전하려는 경우"),
        ("金融委員會", "금융위원회"),  # 金 is 금 in words (translit makes it 김 in names)
        ("𠀀", "𠀀"),  # a Han character the table lacks passes through
    ],
)
def test_readings(text: str, reading: str) -> None:
    assert read_hanja(text) == reading


def test_the_table_is_the_whole_hanja_table() -> None:
    readings = table()
    assert len(readings) == 27497  # hanja 0.15.1's table.yml, every row
    assert all(len(k) == 1 and len(v) == 1 and "가" <= v <= "힣" for k, v in readings.items())
    assert readings["金"] == "금" and readings["李"] == "리"
