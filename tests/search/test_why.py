"""Why a result answers its question: the words it shares with the question, by path."""

from __future__ import annotations

from pathlib import Path

from corridor.core.documents import Chunk
from corridor.search.index import Index
from corridor.search.plan import plan
from corridor.search.query import Result, search, whole_article
from corridor.search.why import SHOWN, Match, marked, present, shared
from corridor.services.search import article_text, explanation


def _chunk(text: str, heading: str = "") -> Chunk:
    return Chunk("doc", "en", "US", "A rule", "1.1", heading, text)


def test_each_word_once_by_its_most_direct_path_longest_first() -> None:
    words = [
        Match("export", "dictionary", "出口"),
        Match("export", "glossary", "出口"),
        Match("exports", "glossary", "出口"),  # the same word to a reader
        Match("personal information", "glossary", "个人信息"),
        Match("information", "dictionary", "信息"),  # inside a longer word shown
        Match("contract", "glossary", "合同"),
        Match("act", "question"),  # not inside "contract": a word of its own
        Match("absent", "question"),
    ]
    text = "Exports of personal information under a contract need a licence under this Act."
    assert shared(words, _chunk(text)) == (
        Match("personal information", "glossary", "个人信息"),
        Match("contract", "glossary", "合同"),
        Match("export", "glossary", "出口"),
        Match("act", "question"),
    )


def test_dictionary_tokens_are_stems_met_as_they_are() -> None:
    # CC-CEDICT's "imposed" is the token "impos": stemming it again ("impo") misses
    found = shared([Match("impos", "dictionary", "征收")], _chunk("Fees imposed on exports."))
    assert found == (Match("imposed", "dictionary", "征收"),)


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
    assert Match("정보", "question") not in words  # a part of 개인정보, not a word asked
    assert Match("信息", "question") not in plan("个人信息出境").words
    assert Match("个人信息", "glossary", "개인정보") in words
    assert Match("委托", "bridge", "위탁") in words
    english = plan("cross-border transfer of personal data").words
    assert {Match("transfer", "question"), Match("개인정보", "glossary", "personal data")} <= {
        *english
    }
    assert all(m.via != "question" or m.word not in ("of", "a") for m in english)
    # the Latin words of a Korean question are its own too: EAR sections hold them
    assert Match("ear", "question") in plan("EAR 744.21 적용 대상").words
    alone = plan("개인정보 처리 위탁", cross_lingual=False).words
    assert alone and all(m.via == "question" for m in alone)


def test_the_words_that_make_a_question_a_question_are_shown_only_alone() -> None:
    asked = plan("向韩国提供个人信息需要满足哪些条件？")
    shown = {m.word for m in asked.words}
    assert {"个人信息", "条件"} <= shown
    assert not shown & {"需要", "满足", "哪些"}
    assert not any(m.source in ("需要", "满足") for m in asked.words)  # nor their English
    assert {"需要", "满足"} <= {m.word for m in asked.form}
    assert {"需要", "哪些"} <= set(asked.tokens["zh"])  # BM25 still reads them
    korean = plan("어떤 요건을 갖춰야 개인정보 국외 이전이 필요한가요?")
    assert {m.word for m in korean.words} >= {"요건", "개인정보"}
    assert not {m.word for m in korean.words} & {"어떻", "어떤", "갖추", "필요"}
    assert not any(m.source == "필요" for m in korean.words)  # nor its bridge: 必要
    english = {m.word for m in plan("What happens when we need an export licence?").words}
    assert "export" in english and not english & {"happens", "need"}
    # an article that shares nothing else says so, rather than "found by meaning"
    others = Chunk("doc", "zh", "CN", "条例", "第一条", "", "其他事项需要满足的条件另行规定")
    assert {m.word for m in shared(asked.words, others, asked.form)} == {"条件"}
    alone = Chunk("doc", "zh", "CN", "条例", "第二条", "", "企业需要满足本法规定")
    assert {m.word for m in shared(asked.words, alone, asked.form)} == {"需要", "满足"}
    assert shared(asked.words, alone) == ()


def test_a_long_article_is_explained_and_shown_whole(
    bundled_index: Index, bundled_folder: Path
) -> None:
    run = next(
        bundled_index.article_run(p)
        for p, c in enumerate(bundled_index.chunks)
        if c.article == "734.9"
    )
    assert len(run) > 2  # the foreign direct product rules: chunked
    last = bundled_index.chunks[run[-1]].text
    whole = whole_article(bundled_index, run[-1])
    assert whole.text.startswith(bundled_index.chunks[run[0]].text) and whole.text.endswith(last)
    assert bundled_index.article_run(run[1]) == run
    # what the last chunk shares is said for a hit on the first, and the page shows it all
    words = [Match(w, "question") for w in set(last.split()) if w.isalpha() and len(w) > 6]
    first = bundled_index.chunks[run[0]].text
    absent_first = [m for m in words if m.word not in first]
    assert absent_first and present(absent_first, whole)
    page = article_text(bundled_folder, "us-cfr:15/734.9", "734.9")
    assert page.text == whole.text


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


def test_a_section_says_which_section_above_relies_on_it(bundled_index: Index) -> None:
    # the chain README tells: 744.23 relies on the foreign direct product rules (734.9),
    # which rely on the Entity List (744.11)
    found = search(bundled_index, "중국에 AI 반도체 수출 시 미국 규제", k=10)
    by_article = {r.article: r for r in found}
    assert by_article["734.9"].relied_on_by == "744.23"
    assert by_article["744.11"].relied_on_by == "734.9"
    labels = [r.article for r in found]
    assert all(
        labels.index(r.relied_on_by) < labels.index(r.article) for r in found if r.relied_on_by
    )
    assert by_article["744.23"].relied_on_by == ""  # the first: nothing above it
    assert explanation(by_article["734.9"]).endswith(". 744.23 above relies on this article.")
    assert "위 결과 744.23의 근거 조문" in explanation(by_article["734.9"], "ko")
    assert explanation(by_article["734.9"], "zh").endswith("。上方结果 744.23 以本条为依据。")
    bare = Result("en", "A rule", "734.9", "", 0.1, "text", "doc", relied_on_by="744.23")
    assert "meaning" not in explanation(bare) and "744.23 above relies" in explanation(bare)
    assert explanation(bare, "zh").startswith("本条不含问题中的词语及其译词。上方结果 744.23")
    assert explanation(bare, "ko").startswith("이 조문에는 질문의 단어도 그 번역어도 없습니다. 위")


def test_a_result_sharing_no_word_is_said_to_be_found_by_meaning() -> None:
    result = Result("en", "A rule", "1.1", "", 0.1, "text", "doc")  # matched: none
    assert "found by meaning" in explanation(result)
    assert "의미" in explanation(result, "ko") and "语义" in explanation(result, "zh")


def test_a_page_marks_the_shared_words_as_the_article_writes_them() -> None:
    words = [Match("transfer", "question"), Match("personal information", "glossary", "个人信息")]
    text = "Transfers of personal\ninformation: transferred, not transferable."
    runs = marked(text, words)
    assert "".join(run for run, _ in runs) == text  # nothing lost, nothing added
    hits = [run for run, hit in runs if hit]
    assert hits == ["Transfers", "personal\ninformation", "transferred"]  # not transferable
    transfer = [Match("국외이전", "glossary", "cross-border transfer")]
    korean = marked("개인정보를 국외 이전하거나 국외이전", transfer)
    assert [run for run, hit in korean if hit] == ["국외 이전", "국외이전"]
    assert marked("nothing shared", words) == [("nothing shared", False)]
    overlapping = [Match("个人", "question"), Match("个人信息", "glossary", "개인정보")]
    assert marked("处理个人信息", overlapping) == [("处理", False), ("个人信息", True)]
