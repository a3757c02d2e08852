"""The readings the registry's duplicate check compares (``text.readings``): those a
registry writes, not every variant screening tries."""

from __future__ import annotations

from corridor.core.names import Name, NameKind, Script
from corridor.text.names import forms
from corridor.text.readings import reading_keys


def _screening(text: str) -> list[str]:
    name = Name(text, Script.HAN, "zh", NameKind.TRADE)
    return [f.text for f in forms(name, person=False) if f.origin != "native"]


def test_a_chinese_name_is_read_the_usual_way_only() -> None:
    # screening also tries 和 as "hu" and 部 as a department; a registry writes neither
    assert "huxing technology" in _screening("和星科技")
    assert [r for _, r in reading_keys("和星科技", "zh")] == ["hexing technology"]
    assert "bank department" in _screening("银行部")
    assert [r for _, r in reading_keys("银行部", "zh")] == ["bank ministry"]


def test_a_korean_name_keeps_the_dprk_spelling_of_its_first_syllable() -> None:
    readings = [r for _, r in reading_keys("이별테크", "ko")]
    assert readings[:2] == ["ibyeol tech", "ribyeol tech"]


def test_keys_are_spelling_tolerant_and_legal_forms_left_out() -> None:
    assert dict(reading_keys("Hanbit Tech Co., Ltd.", "en")) == {
        "hanpittecnoloky": "hanbit technology"
    }
    assert reading_keys("LG", "en") == ()  # under six letters: too many unrelated names
