"""Why a result answers its question: the words it shares with the question, by path."""

from __future__ import annotations

from corridor.core.documents import Chunk
from corridor.search.index import Index
from corridor.search.plan import plan
from corridor.search.query import Result, search
from corridor.search.why import SHOWN, Match, shared
from corridor.services.search import explanation


def _chunk(text: str, heading: str = "") -> Chunk:
    return Chunk("doc", "en", "US", "A rule", "1.1", heading, text)


def test_each_word_once_by_its_most_direct_path_longest_first() -> None:
    words = [
        Match("export", "dictionary", "出口"),
        Match("export", "glossary", "出口"),
        Match("exports", "glossary", "出口"),  # the same word to a reader
        Match("personal information", "glossary", "个人信息"),
        Match("information", "dictionary", "信息"),  # inside a longer word shown
        Match("act", "question"),  # not inside "contract": a word of its own
        Match("absent", "question"),
    ]
    text = "Exports of personal information under a contract need a licence under this Act."
    assert shared(words, _chunk(text)) == (
        Match("personal information", "glossary", "个人信息"),
        Match("export", "glossary", "出口"),
        Match("act", "question"),
    )


def test_dictionary_tokens_are_shown_as_the_article_writes_them() -> None:
    # CC-CEDICT's tokens are stems: 美国's "United States" asks unit and state
    words = [Match("unit", "dictionary", "美国"), Match("state", "dictionary", "美国")]
    found = shared(words, _chunk("Items subject to the EAR in the United States."))
    assert {m.word for m in found} == {"united", "states"}
    assert all(m.source == "美国" for m in found)


def test_at_most_shown_words_and_none_when_nothing_is_shared() -> None:
    many = [Match(f"word{i:02}", "question") for i in range(SHOWN + 3)]
    text = " ".join(m.word for m in many)
    assert len(shared(many, _chunk(text))) == SHOWN
    assert shared(many, _chunk("nothing in common")) == ()


def test_a_question_names_the_path_of_each_word() -> None:
    words = plan("개인정보 처리 위탁").words
    assert Match("개인정보", "question") in words
    assert Match("个人信息", "glossary", "개인정보") in words
    assert Match("委托", "bridge", "위탁") in words
    assert all(m.via != "dictionary" or m.source for m in words)


def test_a_korean_question_is_told_why_a_chinese_article_answers(bundled_index: Index) -> None:
    question = "개인정보를 중국으로 국외 이전할 때 동의가 필요한가요?"
    chinese = search(bundled_index, question, lang="zh", k=5)
    assert chinese
    assert all(any(m.via != "question" for m in r.matched) for r in chinese)
    korean = explanation(chinese[0], "ko")
    assert korean.startswith("일치한 단어:") and "(용어집)" in korean
    assert explanation(chinese[0], "zh").startswith("匹配词语：")


def test_an_english_article_found_through_cc_cedict_says_so(bundled_index: Index) -> None:
    question = "美国信息通信技术和服务供应链规则把中国列为外国对手，会影响哪些交易？"
    icts = [r for r in search(bundled_index, question, k=10) if r.article.startswith("791.")]
    assert icts
    matched = [m for r in icts for m in r.matched]
    assert Match("foreign", "dictionary", "外国") in matched
    assert "(CC-CEDICT)" in explanation(icts[0])


def test_a_result_sharing_no_word_is_said_to_be_found_by_meaning() -> None:
    result = Result("en", "A rule", "1.1", "", 0.1, "text", "doc")  # matched: none
    assert "found by meaning" in explanation(result)
    assert "의미" in explanation(result, "ko") and "语义" in explanation(result, "zh")
