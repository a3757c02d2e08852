"""Legal search: article chunking, analysis, cross-lingual expansion, the CLI contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.core.documents import Document
from corridor.search.chunk import chunk_document
from corridor.search.index import Index, build
from corridor.search.ingest import read_path
from corridor.search.plan import plan
from corridor.search.query import results, search
from corridor.services.bundled import bundled
from corridor.text.analyzers import analyze
from corridor.text.legal_terms import expand

LEGAL = bundled("legal")
PIPA = LEGAL / "ko" / "key_laws" / "개인정보보호법" / "법률.md"
PIPL = LEGAL / "zh" / "key_laws" / "个人信息保护法(2021-08-20).md"


def test_korean_articles_keep_label_heading_and_chapter() -> None:
    doc = next(read_path(PIPA))
    chunks = {c.article: c for c in chunk_document(doc)}
    article = chunks["제28조의8"]
    assert article.heading == "개인정보의 국외 이전"
    assert article.title == "개인정보 보호법"
    assert article.chapter.startswith("제3장") or "국외" in article.chapter or article.chapter
    assert "국외로 제공" in article.text
    assert "제28조의9" in chunks  # the next article is its own chunk


def test_chinese_articles_by_number() -> None:
    doc = next(read_path(PIPL))
    chunks = {c.article: c for c in chunk_document(doc)}
    assert "向中华人民共和国境外提供个人信息" in chunks["第三十八条"].text
    assert chunks["第三十八条"].chapter.startswith("第三章")
    assert chunks["第三十八条"].lang == "zh" and chunks["第三十八条"].jurisdiction == "CN"


def test_papers_chunk_by_heading() -> None:
    doc = Document("p", "en", "", "Paper", "# Intro\nText one.\n# Data\nText two.", kind="paper")
    assert [(c.heading, c.text) for c in chunk_document(doc)] == [
        ("Intro", "Text one."),
        ("Data", "Text two."),
    ]


def test_analysis_and_expansion() -> None:
    bigrams, words = ["个人", "人资", "资料", "transfer"], ["个人", "资料", "个人资料"]
    assert analyze("個人資料 Transfers") == bigrams + words
    assert "个人信息" in expand("personal information") and "개인정보" in expand("個人信息")
    assert "两用物项" in expand("전략물자 수출") and expand("weather") == []


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    folder = tmp_path_factory.mktemp("index")
    docs = [
        *read_path(PIPA),
        *read_path(PIPL),
        *read_path(LEGAL / "zh" / "key_laws" / "出口管制法(2020-10-17).md"),
    ]
    count, chunks, reused = build(docs, folder)
    assert (count, reused) == (3, 0) and chunks > 100
    again = build(docs, folder)
    assert again[2] == 3  # unchanged documents are reused
    return Index(folder)


def test_an_english_question_finds_korean_and_chinese_articles(index: Index) -> None:
    results = search(index, "cross-border transfer of personal information", k=10)
    found = {(r.title, r.article) for r in results}
    assert ("개인정보 보호법", "제28조의8") in found
    assert any(title.endswith("个人信息保护法") for title, _ in found)
    without = search(
        index, "cross-border transfer of personal information", k=10, cross_lingual=False
    )
    assert without == []  # no English text indexed here: the glossary is the bridge


def test_language_filter(index: Index) -> None:
    results = search(index, "개인정보 국외 이전", lang="zh", k=5)
    assert results and all(r.lang == "zh" for r in results)


def test_cli_prints_a_law_text_with_brackets_as_written(tmp_path: Path) -> None:
    # the table is rich markup: a text's [brackets] are words, not styles ([/x] once
    # raised a markup error and [Reserved] vanished)
    law = tmp_path / "rules.txt"
    law.write_text("# [Reserved]\n\nExport rules [/x] for [bold]chips[/bold].\n", "utf-8")
    folder = tmp_path / "idx"
    runner = CliRunner()
    built = runner.invoke(app, ["search", "index", str(law), "--index", str(folder)])
    assert built.exit_code == 0, built.output
    asked = runner.invoke(app, ["search", "export", "rules", "--index", str(folder)])
    assert asked.exit_code == 0, asked.output
    printed = " ".join(asked.output.split())
    assert "[/x]" in printed and "[bold]chips[/bold]" in printed
    assert "Matched: export, rules" in printed


def test_cli_json_contract(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = tmp_path / "idx"
    result = runner.invoke(app, ["search", "index", str(PIPL), "--index", str(folder)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["search", "개인정보", "국외", "이전", "--json", "--index", str(folder), "--k", "3"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 3
    assert set(rows[0]) == {
        *("lang", "title", "article", "heading", "score", "snippet", "doc_id", "date", "caveat"),
        *("matched", "relied_on_by", "why"),
    }
    assert rows[0]["article"].startswith("第") and rows[0]["article"].endswith("条")
    # a Korean question, a Chinese article: the glossary's word for 개인정보 is why
    glossary = {"word": "个人信息", "via": "glossary", "source": "개인정보"}
    assert all(glossary in row["matched"] for row in rows)
    assert all("个人信息 ← 개인정보" in row["why"] for row in rows)
    missing = runner.invoke(app, ["search", "x", "--index", str(tmp_path / "none")])
    assert missing.exit_code == 3 and "search index not found" in missing.output


CFR = LEGAL / "en" / "us_cfr_export_sanctions_sections.jsonl.gz"


@pytest.fixture(scope="module")
def three_countries(tmp_path_factory: pytest.TempPathFactory) -> Index:
    folder = tmp_path_factory.mktemp("three")
    build([*read_path(PIPA), *read_path(PIPL), *read_path(CFR)], folder)
    return Index(folder)


def test_english_question_reaches_the_laws_that_speak_of_it(three_countries: Index) -> None:
    """US export rules share "transfer" and "data" with the question but say nothing of
    personal information: the Korean and Chinese articles must lead."""
    results = search(three_countries, "cross-border transfer of personal data", k=6)
    found = [(r.title, r.article) for r in results]
    assert ("개인정보 보호법", "제28조의8") in found[:3]
    assert any(t.endswith("个人信息保护法") and a in ("第三十八条", "第三十九条") for t, a in found)
    assert all(r.lang != "en" for r in results[:4])


def test_repealed_articles_are_not_indexed() -> None:
    doc = next(read_path(PIPA))
    chunks = chunk_document(doc)
    assert not [c for c in chunks if c.text.startswith("삭제")]  # 제8조: "삭제 <2020.2.4>"
    assert "제8조의2" in {c.article for c in chunks}


def test_key_law_vectors_come_from_the_shipped_cache(tmp_path: Path) -> None:
    from corridor.services.search import index_paths

    paper = tmp_path / "note.md"
    paper.write_text("# Market notes\nShanghai robotics demand.", encoding="utf-8")
    folder = tmp_path / "idx"
    index_paths([PIPA, paper], folder, vectors="key-laws")
    index = Index(folder)
    embedded = {index.chunks[int(p)].title for p in index.dense_positions}
    assert embedded == {"개인정보 보호법"}  # the paper is not a catalogue law
    results = search(index, "personal information transferred overseas", k=3)
    assert ("개인정보 보호법", "제28조의8") in [(r.title, r.article) for r in results]
    index_paths([PIPA, paper], folder, vectors="none")
    assert Index(folder).dense_vectors is None


def test_a_question_of_stop_words_finds_nothing(three_countries: Index) -> None:
    assert search(three_countries, "the of and", k=3) == []
    assert search(three_countries, "？？", k=3) == []


def test_reserved_cfr_sections_are_not_indexed() -> None:
    reserved = Document(
        "r", "en", "US", "15 CFR § 746.10 [Reserved]", "PART 747 [RESERVED]", kind="cfr"
    )
    kept = Document("k", "en", "US", "15 CFR § 748.10 PRC End-User Statement.", "Text.", kind="cfr")
    assert chunk_document(reserved) == [] and len(chunk_document(kept)) == 1


def test_an_incomplete_index_is_a_clear_error_and_stale_vectors_are_ignored(
    tmp_path: Path,
) -> None:
    from corridor.exc import InvalidInput
    from corridor.services.search import index_paths

    folder = tmp_path / "idx"
    index_paths([PIPA], folder, vectors="key-laws")
    stale = (folder / "dense.npz").read_bytes()
    index_paths([PIPL, PIPA], folder, vectors="key-laws")  # rows shift by PIPL's articles
    (folder / "dense.npz").write_bytes(stale)  # as if the last build stopped before its vectors
    assert Index(folder).dense_vectors is None
    (folder / "manifest.json").unlink()  # as if a build stopped half-way
    with pytest.raises(InvalidInput, match="not a complete search index"):
        Index(folder)


def test_a_moved_file_is_re_read_with_its_new_metadata(tmp_path: Path) -> None:
    (tmp_path / "ko").mkdir()
    note = tmp_path / "ko" / "memo.md"
    note.write_text("# Data notes\ncustomer records are kept abroad", encoding="utf-8")
    folder = tmp_path / "idx"
    build(read_path(tmp_path / "ko"), folder)
    moved = tmp_path / "archive" / "memo.md"
    moved.parent.mkdir()
    note.replace(moved)
    assert build(read_path(moved.parent), folder)[2] == 0  # not reused: its id and language changed
    [chunk] = Index(folder).chunks
    assert chunk.doc_id.endswith("archive/memo.md") and chunk.lang == "en"


def test_dates_come_from_front_matter_or_file_name() -> None:
    assert next(read_path(PIPA)).date == "2026-09-11"  # 시행일자
    assert next(read_path(PIPL)).date == "2021-08-20"


def test_law_filter_names_and_unknown_words(three_countries: Index) -> None:
    from corridor.exc import InvalidInput

    hits = search(three_countries, "personal information abroad", law="pipl", k=3)
    assert hits and all(r.title.endswith("个人信息保护法") for r in hits)
    with pytest.raises(InvalidInput, match="law filter"):
        search(three_countries, "export", law="nosuchlaw")
    assert search(three_countries, "xyzzyqq") == []  # no word indexed: no vector-only noise


def test_snippets_carry_no_markdown_italics(bundled_index: Index) -> None:
    # the eCFR sections mark paragraph subjects as _Scope._: a snippet reads "Scope."
    italic = re.compile(r"(?<!\w)_[A-Z][^_\n]*_(?!\w)")
    cfr = [i for i, c in enumerate(bundled_index.chunks) if c.lang == "en"]
    assert sum(bool(italic.search(bundled_index.chunks[i].text)) for i in cfr) > 20
    hits = [(i, 1.0) for i in cfr]
    snippets = [r.snippet for r in results(bundled_index, hits, len(hits), plan("scope"))]
    assert [s for s in snippets if italic.search(s)] == []
    assert any(s.startswith("(a) Scope. ") for s in snippets)
