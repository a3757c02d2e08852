"""The CC-CEDICT table of English words for Chinese ones: as its script writes it, found by
bisection, and asked by Chinese and Korean questions for their English tokens."""

from __future__ import annotations

from types import ModuleType

import pytest

from corridor.search import plan as planned
from corridor.search import zh_en
from corridor.search.index import Index
from corridor.search.plan import plan
from corridor.search.query import search
from tests.search.scripts import load_script


def _script() -> ModuleType:
    return load_script("zh_en")


def _shipped() -> dict[str, list[str]]:
    rows = [line.split("\t") for line in zh_en._table().decode("utf-8").splitlines()]
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
    assert script.senses("fig. casual acquaintance/lit. one spot") == [
        "casual acquaintance",
        "one spot",
    ]


def test_the_table_holds_chinese_headwords_and_no_gloss_placeholders() -> None:
    table = _shipped()
    assert all(len(w) >= 2 and _all_han(w) for w in table)
    placeholders = {"sb", "sth", "oneself", "someone", "someth", "ones"}
    assert [w for w, tokens in table.items() if placeholders & set(tokens)] == []


def _all_han(word: str) -> bool:
    return all("\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" for c in word)


def test_every_word_of_the_table_is_found_by_bisection_and_others_are_not() -> None:
    table = _shipped()
    assert len(table) > 50_000
    assert list(table) == sorted(table)  # bisection needs the order Python compares in
    misses = [w for w, tokens in table.items() if zh_en.tokens_of(w) != tokens]
    assert misses == []
    for absent in ("", "\u4e00\u4e00\u4e00\u4e00", "zzz", "～", "\t", "\n"):
        assert zh_en.tokens_of(absent) == []
    # a word's neighbours in code-point order are absent unless the table holds them
    wrong = [
        probe
        for word in table
        for probe in (word + "\x00", word[:-1] + "\x00")
        if zh_en.tokens_of(probe)
    ]
    assert wrong == []


def test_a_question_asks_each_words_english_once_in_order() -> None:
    assert "rival" in zh_en.tokens_of("对手")
    asked = plan("对手，外国对手")  # jieba: 对手 twice, 外国 once
    expected = [*zh_en.tokens_of("对手"), *zh_en.tokens_of("外国")]
    assert [w.word for w in asked.words if w.via == "dictionary"] == expected
    assert asked.tokens["en"] == expected  # what the English index is asked, in order


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


def test_a_traditional_chinese_question_is_looked_up_in_simplified() -> None:
    assert {"foreign", "rival", "deal"} <= set(plan("外國對手會影響哪些交易").tokens["en"])


def test_the_icts_question_reaches_the_us_rules_it_asks_about(bundled_index: Index) -> None:
    # a development question (q33) no glossary row answers: no English word for 外国对手
    # or 交易 without the table
    question = "美国信息通信技术和服务供应链规则把中国列为外国对手，会影响哪些交易？"
    wanted = {"791.3", "791.4"}
    found = {r.article for r in search(bundled_index, question, k=10)}
    assert wanted & found
    planned.DICTIONARY = False
    try:
        without = {r.article for r in search(bundled_index, question, k=10)}
    finally:
        planned.DICTIONARY = True
    assert not wanted & without
