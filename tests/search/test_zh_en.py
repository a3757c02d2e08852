"""The CC-CEDICT table of English words for Chinese ones: as its script writes it, found by
bisection, and asked by Chinese and Korean questions for their English tokens."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from corridor.search import zh_en
from corridor.search.query import plan

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "zh_en.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("zh_en_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shipped() -> dict[str, list[str]]:
    rows = [line.split("\t") for line in zh_en._table().splitlines()]
    return {word: tokens.split() for word, tokens in rows}


def test_the_shipped_table_is_what_the_script_writes_from_cc_cedict() -> None:
    # out of date after an analyser change: run scripts/zh_en.py
    script = _script()
    expected = {w: t for w, t in script.table(script.source()).items() if t}
    assert _shipped() == expected


def test_senses_skip_measure_words_references_and_long_glosses() -> None:
    script = _script()
    definition = "an exit/CL:個|个[ge4]/to speak/to export; to ship abroad/see 出來|出来[chu1 lai5]"
    assert script.senses(definition) == ["an exit", "speak", "export", "ship abroad"]
    assert script.senses("to deal with something difficult and awkward") == []


def test_every_word_of_the_table_is_found_by_bisection_and_others_are_not() -> None:
    table = _shipped()
    assert len(table) > 50_000
    assert list(table) == sorted(table)  # bisection needs the order Python compares in
    misses = [w for w, tokens in table.items() if zh_en.tokens_of(w) != tokens]
    assert misses == []
    for absent in ("", "\u4e00\u4e00\u4e00\u4e00", "zzz", "～"):
        assert zh_en.tokens_of(absent) == []


def test_english_gives_each_word_once_in_order() -> None:
    assert zh_en.english(["对手", "外国", "对手"]) == [*zh_en.tokens_of("对手"), "foreign"]
    assert "rival" in zh_en.tokens_of("对手")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("美国的供应链规则把中国列为外国对手会影响哪些交易？", {"foreign", "rival", "deal"}),
        ("외국 투자자의 기술 수출 심사", {"examine", "investigate"}),  # 심사 → 审查 (the bridge)
    ],
)
def test_chinese_and_korean_questions_ask_english_articles_in_the_table_words(
    question: str, expected: set[str]
) -> None:
    asked = plan(question)
    assert expected <= set(asked.tokens["en"])
    assert not set(plan(question, cross_lingual=False).tokens["en"]) & expected


def test_an_english_question_takes_no_table_words() -> None:
    asked = plan("foreign adversary transactions")
    assert asked.tokens["en"].count("foreign") == 1  # its own word, nothing added
