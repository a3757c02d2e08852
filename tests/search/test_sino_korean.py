"""The Sino-Korean bridge: Korean legal words reach Chinese through their Hanja
reading (위탁 委託 → 委托) and back, from a table built from the bundled statutes."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from corridor.search import dense, query
from corridor.search.index import Index
from corridor.search.plan import plan, sino_korean
from corridor.search.sino_korean import bridge, words
from tests.search.scripts import load_script


def test_the_shipped_table_is_what_the_script_builds_from_the_statutes() -> None:
    # out of date after a glossary, analyser or bundled-law change: run the script
    script = load_script("sino_korean")
    built, dropped = script.pairs()
    assert built == bridge()["ko"]
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


def test_bridge_words_join_the_vector_of_a_language_asked_about(bundled_index: Index) -> None:
    # a Korean question about Chinese law: its Chinese words join the vector it meets
    # Chinese articles with, as shipped vectors (indexing embedded them; no encoder now)
    asked = plan("중국 수출통제법상 이중용도 물자 수출자는 최종사용자 증명서를 받아야 하나요?")
    assert {"最终", "用途"} <= set(query._bridged(asked))
    assert set(words()) <= set(bundled_index.term_vectors)
    question = dense.embed_query(asked.meaning)
    mixed = query._question(bundled_index, asked, question)
    alone = query._question(bundled_index, replace(asked, words=()), question)
    assert not np.allclose(mixed["zh"], alone["zh"])
    # a Chinese question about China names Korea nowhere: no Korean words mixed in
    assert query._bridged(plan("外资企业在中国设立后，需要向商务部门报送哪些投资信息？")) == []
    # naming no country, every language is asked about
    assert "위탁" in query._bridged(plan("委托处理个人信息时受托人应当履行哪些义务？"))


def test_bridge_words_lift_the_chinese_answer_to_a_korean_question(bundled_index: Index) -> None:
    # the Export Control Law's article on end-user and end-use certificates (第十六条)
    question = "중국 수출통제법상 이중용도 물자 수출자는 최종사용자 증명서를 받아야 하나요?"
    found = [r.article for r in query.search(bundled_index, question, k=10)]
    assert "第十六条" in found[:3]
