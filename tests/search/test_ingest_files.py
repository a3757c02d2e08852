"""A user's own files: text, headings, articles, and clear errors when damaged."""

from __future__ import annotations

from pathlib import Path

from corridor.search.chunk import chunk_document
from corridor.search.ingest import read_path

PIPA = Path(__file__).resolve().parents[2] / "data/legal/ko/key_laws/개인정보보호법/법률.md"

# Verbatim from the bundled 개인정보 보호법 (checked below against the file).
PIPA_28_7 = (
    "제28조의2 또는 제28조의3에 따라 처리된 가명정보는 제20조, 제20조의2, 제27조, "
    "제34조제1항ㆍ제2항, 제35조, 제35조의2, 제36조 및 제37조를 적용하지 아니한다."
)
PIPA_28_8_1 = (
    "개인정보처리자는 개인정보를 국외로 제공(조회되는 경우를 포함한다)ㆍ처리위탁ㆍ보관"
    '(이하 이 절에서 "이전"이라 한다)하여서는 아니 된다. 다만, 다음 각 호의 어느 하나에 '
    "해당하는 경우에는 개인정보를 국외로 이전할 수 있다."
)
PIPA_28_8_1_1 = "정보주체로부터 국외 이전에 관한 별도의 동의를 받은 경우"
PIPA_28_8_6 = (
    "제1항부터 제5항까지에서 규정한 사항 외에 개인정보 국외 이전의 기준 및 절차 등에 "
    "필요한 사항은 대통령령으로 정한다."
)
PIPA_28_9_2 = (
    "개인정보처리자는 제1항에 따른 국외 이전 중지 명령을 받은 경우에는 명령을 받은 "
    "날부터 7일 이내에 보호위원회에 이의를 제기할 수 있다."
)


def test_the_excerpts_are_the_bundled_law_text() -> None:
    pipa = PIPA.read_text(encoding="utf-8")
    for text in (PIPA_28_7, PIPA_28_8_1, PIPA_28_8_1_1, PIPA_28_8_6, PIPA_28_9_2):
        assert text in pipa


def test_an_unmarked_korean_law_text_is_a_law(tmp_path: Path) -> None:
    # As a PDF's text layer or a copy from law.go.kr gives it: no Markdown headings.
    path = tmp_path / "pipa.txt"
    path.write_text(
        f"개인정보 보호법\n제28조의7(적용범위) {PIPA_28_7}\n"
        f"제28조의8(개인정보의 국외 이전) ① {PIPA_28_8_1}\n",
        encoding="utf-8",
    )
    [doc] = read_path(path)
    assert doc.kind == "law"
    assert [c.article for c in chunk_document(doc)] == ["제28조의7", "제28조의8"]
    paper = tmp_path / "essay.txt"
    paper.write_text("국외 이전 규정은 제28조의8에 있다.\n", encoding="utf-8")
    assert next(read_path(paper)).kind == "paper"
