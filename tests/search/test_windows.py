"""Window vectors: a question's own-language articles re-ordered by their best stretch of
text, where the rule it asks about may stand far from the article's start. On the
bundled laws, whose windows ship with Corridor."""

from __future__ import annotations

import numpy as np
import pytest

from corridor.search import dense, query
from corridor.search.index import Index
from corridor.search.plan import plan
from corridor.search.query import search
from corridor.services.search import SHIPPED_VECTORS

US_PERSON = "Can a US person support a Chinese fab developing advanced chips?"


def _found(index: Index, question: str, k: int = 10) -> list[tuple[str, str]]:
    return [(r.lang, r.article) for r in search(index, question, k=k)]


def test_the_bundled_laws_ship_their_windows(bundled_index: Index) -> None:
    # every window of the index comes from the shipped file (nothing was embedded when
    # the bundled laws were indexed), and every embedded article has windows
    windows = bundled_index.windows()
    assert windows is not None
    rows, _, _ = windows
    embedded = {int(p) for p in bundled_index.dense_positions}
    assert set(rows.tolist()) == embedded
    assert len(rows) > 3 * len(embedded)  # most articles have several
    with np.load(SHIPPED_VECTORS) as shipped:
        known = {k.decode("ascii") for k in shipped["window_keys"]}
        known |= {k.decode("ascii") for k in shipped["keys"]}  # a short article's passage
    texts = [t for p in sorted(embedded) for t in dense.window_texts(bundled_index.chunks[p])]
    assert len(texts) == len(rows)
    assert {dense.key(t) for t in texts} <= known


def test_an_articles_score_is_its_best_window_over_all_its_chunks(
    bundled_index: Index,
) -> None:
    windows = bundled_index.windows()
    assert windows is not None
    rows, codes, lengths = windows
    question = dense.embed_query(US_PERSON)
    unit = question / np.linalg.norm(question)
    long_one = next(
        p for p in bundled_index.dense_positions if len(bundled_index.article_run(int(p))) > 2
    )
    run = bundled_index.article_run(int(long_one))
    mine = np.isin(rows, run)
    expected = float(np.max(codes[mine].astype(np.float32) @ unit / lengths[mine]))
    assert bundled_index.window_scores([run[-1]], question) == [pytest.approx(expected)]
    assert bundled_index.window_scores([run[0]], question) == [pytest.approx(expected)]
    plain = next(
        p for p in range(len(bundled_index.chunks)) if p not in set(bundled_index.dense_positions)
    )
    assert bundled_index.window_scores([plain], question) == [-2.0]  # not embedded


def test_a_rule_deep_in_a_section_lifts_it(
    bundled_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 744.6 (c)(2)(i): no US person may 'support' the development or production of
    # advanced-node ICs at a facility in China without a licence. The section's vector
    # holds its heading and first 200 characters; its windows hold that paragraph.
    with_windows = _found(bundled_index, US_PERSON)
    assert ("en", "744.6") in with_windows[:3], with_windows
    monkeypatch.setattr(query, "WINDOWED", ())
    without = _found(bundled_index, US_PERSON)
    assert ("en", "744.6") not in without[:3], without


@pytest.mark.parametrize(
    "question",
    [US_PERSON, "개인정보 처리 업무를 외부 업체에 위탁할 때 계약서에 포함할 사항"],
)
def test_windows_move_only_the_questions_own_language(
    bundled_index: Index, question: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = plan(question)

    def first_places() -> list[int]:
        return [p for p, _ in query.ranked(bundled_index, asked)[: query.OWN_SLOTS]]

    with_windows = first_places()
    monkeypatch.setattr(query, "WINDOWED", ())
    without = first_places()
    chunks = bundled_index.chunks
    assert [chunks[p].lang for p in with_windows] == [chunks[p].lang for p in without]
    others = [p for p in with_windows if chunks[p].lang != asked.lang]
    assert others and others == [p for p in without if chunks[p].lang != asked.lang]
    assert with_windows != without


def test_a_chinese_question_is_not_windowed(
    bundled_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # measured: windows lowered zh -> zh, where the guard orders by the question's words
    asked: list[int] = []
    order = query._windows_order

    def watched(index: Index, ranking: list[int], question: dense.Vectors) -> list[int]:
        asked.append(len(ranking))
        return order(index, ranking, question)

    monkeypatch.setattr(query, "_windows_order", watched)
    search(bundled_index, "个人信息出境需要满足什么条件")
    assert asked == []
    search(bundled_index, "개인정보 국외 이전 요건")
    assert asked and asked[0] > 1


def test_a_cited_section_still_follows_the_english_section_relying_on_it(
    bundled_index: Index,
) -> None:
    # English places are re-ordered after the citation stage: the chain 744.23 -> 734.9
    # the reader follows must survive it
    found = search(bundled_index, "export control of AI chips to China", k=10)
    articles = [r.article for r in found]
    assert articles.index("744.23") < articles.index("734.9")
    assert found[articles.index("734.9")].relied_on_by == "744.23"


def test_an_index_without_windows_ranks_as_before(
    bundled_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an index built before windows existed (or with a damaged window block) answers
    # as Corridor did without them
    with_windows = _found(bundled_index, US_PERSON)
    monkeypatch.setattr(query, "WINDOWED", ())
    before = _found(bundled_index, US_PERSON)
    monkeypatch.setattr(query, "WINDOWED", ("ko", "en"))
    monkeypatch.setattr(bundled_index, "windows", lambda: None)
    assert _found(bundled_index, US_PERSON) == before != with_windows
