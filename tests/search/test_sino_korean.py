"""The Sino-Korean bridge: Korean legal words reach Chinese through their Hanja
reading (위탁 委託 → 委托) and back, from a table built from the bundled statutes."""

from __future__ import annotations

from corridor.search.plan import _bridge, plan, sino_korean
from tests.search.scripts import load_script


def test_the_shipped_table_is_what_the_script_builds_from_the_statutes() -> None:
    # out of date after a glossary, analyser or bundled-law change: run the script
    script = load_script("sino_korean")
    built, dropped = script.pairs()
    assert built == _bridge()["ko"]
    assert "출구" not in built  # 出口 means export, not exit: the reading diverges
    assert ("泄露", "설로", "유출") in dropped  # the glossary knows 泄露 as 유출


def test_korean_words_reach_chinese_and_back() -> None:
    assert {"委托", "审查", "许可"} <= set(sino_korean("개인정보 처리 위탁 심사 허가", "ko"))
    assert {"위탁", "심사"} <= set(sino_korean("委托审查", "zh"))
    asked = plan("개인정보 처리업무 위탁 시 수탁자 감독")
    assert {"委托", "受托", "监督"} <= set(asked.tokens["zh"])
    assert sino_korean("cross-border transfer", "en") == []


def test_a_plan_without_the_glossary_has_no_bridge() -> None:
    assert plan("위탁 심사", cross_lingual=False).tokens["zh"] == []
