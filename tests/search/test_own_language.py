"""A question's own-language articles: ordered by that language's evidence alone (its
BM25 ranking and its articles' vectors: which places go to other languages is the
cross-lingual fusion's choice, not their order), and for a Chinese question kept close to
what plain BM25 finds, since the glossary's synonyms must not push the article its own
words match best out of the first places. On the bundled laws with their vectors."""

from __future__ import annotations

import pytest

from corridor.search import query
from corridor.search.index import Index
from corridor.search.plan import Plan, meaning, plan
from corridor.search.query import search

QUESTIONS = [
    "外国政府要求对出口物项进行最终用途现场核查，企业能否直接接受？",
    "个人信息处理者委托处理个人信息",
]
CONSENT = "中韩个人信息跨境提供的同意要求"


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


def test_the_consent_question_finds_the_article_on_consent_to_providing_abroad(
    bundled_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PIPL 第三十九条: providing personal information abroad needs the person's separate
    # consent. Its literal words rank 网络数据安全管理条例 第四十五条 (large platforms'
    # cross-border provision) first, and fused across languages 第三十九条 came tenth;
    # ordered by the Chinese evidence alone (glossary terms and the Chinese vectors too),
    # it is among the first three
    pipl_39 = ("中华人民共和国个人信息保护法", "第三十九条")
    first = [(r.title, r.article) for r in search(bundled_index, CONSENT, k=10)][:3]
    assert pipl_39 in first, first
    monkeypatch.setattr(query, "OWN_ORDERED", ("ko",))
    before = [(r.title, r.article) for r in search(bundled_index, CONSENT, k=10)][:3]
    assert pipl_39 not in before


def test_only_the_own_language_places_are_reordered(
    bundled_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = CONSENT
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


@pytest.mark.parametrize(
    "question",
    [
        "개인정보 처리 업무를 외부 업체에 위탁할 때 계약서에 포함할 사항",
        "국가핵심기술 해외 유출과 중국 수출 통제",
        "중국 개인정보 보호법과 한국 개인정보 보호법의 국외 이전 요건",
    ],
)
def test_other_languages_do_not_reorder_a_korean_questions_own_articles(
    bundled_index: Index, question: str
) -> None:
    # which places go to Korean articles is the cross-lingual fusion's choice; their
    # order among themselves is what the Korean evidence alone (BM25 and the Korean
    # articles' vectors) gives, as if no other language were indexed
    every = search(bundled_index, question, k=10)
    korean = [(r.title, r.article) for r in every if r.lang == "ko"]
    alone = [(r.title, r.article) for r in search(bundled_index, question, k=10, lang="ko")]
    assert korean and len(korean) < len(every)  # other languages hold places too
    assert korean == alone[: len(korean)]


def test_other_languages_reordered_a_korean_questions_own_articles_before(
    bundled_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the same question, fused across languages without that order: its Korean
    # articles came in another order than the Korean evidence gives
    question = "국가핵심기술 해외 유출과 중국 수출 통제"
    alone = [(r.title, r.article) for r in search(bundled_index, question, k=10, lang="ko")]
    monkeypatch.setattr(query, "OWN_ORDERED", ())
    every = search(bundled_index, question, k=10)
    korean = [(r.title, r.article) for r in every if r.lang == "ko"]
    assert korean != alone[: len(korean)]


def test_refilling_a_languages_places_moves_nothing_else_and_drops_nothing(
    bundled_index: Index,
) -> None:
    korean = [p for p, c in enumerate(bundled_index.chunks) if c.lang == "ko"][:20]
    chinese = [p for p, c in enumerate(bundled_index.chunks) if c.lang == "zh"][:21]
    mixed = [p for pair in zip(korean, chinese, strict=False) for p in pair]  # ko, zh, ko, …
    order = [(p, 1.0 - i / 100) for i, p in enumerate(mixed)]
    newcomer = chinese[20]  # ranked by the language's evidence, absent from the order
    ranking = [newcomer, *reversed(chinese[:10])]
    out = query._refill(order, "zh", ranking, bundled_index)
    positions = [p for p, _ in out]
    assert len(positions) == len(set(positions)) == len(order) + 1
    assert set(positions) == {*mixed, newcomer}
    head = out[: query.OWN_SLOTS]
    assert [p for p, _ in head if p in korean] == korean[:15]  # Korean places untouched
    assert [i for i, (p, _) in enumerate(head) if p in korean] == list(range(0, 30, 2))
    chinese_head = [p for p, _ in head if bundled_index.chunks[p].lang == "zh"]
    assert chinese_head[:11] == ranking  # in the ranking's order, then the rest
    scores = [score for _, score in out]
    assert scores == sorted(scores, reverse=True)  # a place lost scores no higher
