"""Script detection, normalisation and character frequency."""

from __future__ import annotations

import pytest

from corridor.core.names import Script
from corridor.text.charfreq import ordinariness
from corridor.text.normalize import clean, fold
from corridor.text.scripts import detect_script, has_script


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("레인보우로보틱스", Script.HANGUL),
        ("주식회사 大韓", Script.HANGUL),  # mixed Korean: Hangul wins the tie
        ("深度求索", Script.HAN),
        ("三星電子", Script.HAN),
        ("DeepSeek", Script.LATIN),
        ("Société Générale", Script.LATIN),
        ("ソニー", Script.KANA),
        ("Газпром", Script.OTHER),
        ("123-45", Script.OTHER),
        ("", Script.OTHER),
        ("Hà Nội", Script.LATIN),  # letters outside ASCII counted one by one
        ("Samsung 삼성", Script.LATIN),  # seven Latin letters, two Hangul
        ("김정은 Kim", Script.HANGUL),  # Hangul wins a tie with Latin
        ("ソニー株式会社", Script.HAN),
        ("Газпром Gaz", Script.OTHER),
    ],
)
def test_detect_script(text: str, script: Script) -> None:
    assert detect_script(text) is script


def test_has_script() -> None:
    assert has_script("LG전자", Script.HANGUL)
    assert has_script("LG전자", Script.LATIN)
    assert not has_script("LG", Script.HAN)
    assert has_script("Hà", Script.LATIN)
    assert not has_script("Газпром", Script.LATIN)
    assert has_script("Газпром", Script.OTHER)
    assert has_script("ソニー", Script.KANA)


def test_clean_and_fold() -> None:
    assert clean("  ㈜ 레인보우\u3000로보틱스 ") == "(주) 레인보우 로보틱스"
    assert clean("ＤｅｅｐＳｅｅｋ") == "DeepSeek"
    # plain ASCII takes a shorter path that must give the same answers
    assert clean("  Hanbit  Tech ") == "Hanbit Tech"
    assert clean("Hanbit\tTech\n") == "Hanbit Tech"
    assert clean(" Hanbit Tech ") == "Hanbit Tech"
    assert clean("Hanbit\x1fTech") == "Hanbit Tech"
    assert fold("Samsung Electronics Co., Ltd.") == fold("SAMSUNG  ELECTRONICS CO LTD")


def test_ordinariness_tells_text_from_mojibake() -> None:
    korean = "레인보우로보틱스 협동로봇"
    chinese = "杭州深度求索人工智能基础技术研究有限公司"
    assert ordinariness(korean, "ko") > 0.8
    assert ordinariness(chinese, "zh") > 0.8
    mojibake = korean.encode("cp949").decode("gb18030")
    assert ordinariness(mojibake, "zh") < ordinariness(korean, "ko")
    assert ordinariness("ASCII only", "ko") == 0.0
