"""Window vectors: a question's own-language articles re-ordered by their best stretch of
text, where the rule it asks about may stand far from the article's start. On the
bundled laws, whose windows ship with Corridor."""

from __future__ import annotations

import pytest

from corridor.search import query
from corridor.search.index import Index
from corridor.search.plan import plan
from corridor.search.query import search

US_PERSON = "Can a US person support a Chinese fab developing advanced chips?"


def _found(index: Index, question: str, k: int = 10) -> list[tuple[str, str]]:
    return [(r.lang, r.article) for r in search(index, question, k=k)]


def test_the_bundled_laws_ship_their_windows(bundled_index: Index) -> None:
    windows = bundled_index.windows()
    assert windows is not None
    rows, _ = windows
    embedded = {int(p) for p in bundled_index.dense_positions}
    assert set(rows.tolist()) == embedded  # every embedded article
    assert len(rows) > 3 * len(embedded)  # most have several


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
    [
        US_PERSON,
        "개인정보 처리 업무를 외부 업체에 위탁할 때 계약서에 포함할 사항",
        "个人信息出境需要满足什么条件",
    ],
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
    if asked.lang == "zh":  # Chinese questions are left as they were (WINDOWED, measured)
        assert with_windows == without
    else:
        assert with_windows != without


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
