"""A Chinese question keeps what plain BM25 finds in its own language: the
cross-lingual machinery (glossary synonyms, the other languages, vectors) must not push
the article its own words match best out of the first places, nor move the places
fusion gave to other languages. On the bundled laws with their vectors, where the
dense stage used to push it to 4th–5th."""

from __future__ import annotations

import pytest

from corridor.search import query
from corridor.search.index import Index
from corridor.search.plan import Plan, meaning, plan
from corridor.search.query import search

QUESTIONS = [
    "外国政府要求对出口物项进行最终用途现场核查，企业能否直接接受？",
    "个人信息处理者委托处理个人信息",
    "中韩个人信息跨境提供的同意要求",
]


def _literal_best(index: Index, question: str) -> tuple[str, str]:
    """The first article of plain BM25 on the question's own words in its own language."""
    asked = plan(question)
    position, _ = index.retrieve(list(asked.literal), 1, lang=asked.lang)[0]
    return index.chunks[position].title, index.chunks[position].article


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_literal_best_article_stays_in_the_first_places(
    bundled_index: Index, question: str
) -> None:
    own = plan(question).lang
    found = [(r.title, r.article) for r in search(bundled_index, question, k=10) if r.lang == own]
    assert _literal_best(bundled_index, question) in found[:3], found


def test_only_the_own_language_places_are_reordered(
    bundled_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = QUESTIONS[2]
    guarded = search(bundled_index, question, k=10)
    monkeypatch.setattr(query, "GUARDED", ())
    unguarded = search(bundled_index, question, k=10)
    assert [r.lang for r in guarded] == [r.lang for r in unguarded]
    assert {r.lang for r in guarded} == {"ko", "zh"}  # Korean articles keep their places
    assert [r.article for r in guarded] != [r.article for r in unguarded]


def test_english_and_korean_questions_and_a_plan_without_the_glossary_are_left_alone() -> None:
    assert query.GUARDED == ("zh",)  # measured: Korean and English lost more than they gained
    assert plan("现场核查", cross_lingual=False).literal == ()
    assert "现场" in plan("现场核查").literal and "核查" in plan("现场核查").literal


def test_a_listed_question_goes_unguarded_and_is_embedded_with_its_terms_as_text(
    bundled_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a dossier's topic lists notions: its glossary terms are read as text, whole, and
    # the own-language guard (for a person's words) leaves it alone
    question = "个人信息 出境 安全评估"
    embedded: list[tuple[str, bool]] = []
    embed = query.vectors.embed_query

    def watched(text: str, whole: bool = False) -> query.Vectors:
        embedded.append((text, whole))
        return embed(text, whole=whole)

    guarded: list[tuple[str, ...]] = []  # the own words each guard was given
    guard = query._own_language_guard

    def watched_guard(
        index: Index, asked: Plan, where: query.Filters, order: list[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        guarded.append(asked.literal)
        return guard(index, asked, where, order)

    monkeypatch.setattr(query.vectors, "embed_query", watched)
    monkeypatch.setattr(query, "_own_language_guard", watched_guard)
    listed = search(bundled_index, question, listed=True)
    assert embedded[-1] == (meaning(question, True, True), True)
    assert guarded == [()]  # no own words to guard
    assert "personal information" in embedded[-1][0] and "개인정보" in embedded[-1][0]
    asked = search(bundled_index, question)
    assert embedded[-1] == (question, False) and guarded[-1] == tuple(plan(question).literal)
    assert guarded[-1]
    assert listed and asked and listed != asked
