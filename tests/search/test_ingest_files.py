"""A user's own PDF and Word files: text, headings, articles, and clear errors when damaged.

Every file is made here: DOCX by writing its zip of XML parts, PDF with WeasyPrint.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.exc import InvalidInput
from corridor.search import docx
from corridor.search.chunk import chunk_document
from corridor.search.ingest import read_path
from corridor.services.bundled import bundled

PIPA = bundled("legal") / "ko/key_laws/개인정보보호법/법률.md"
EXPORT_CONTROL = bundled("legal") / "zh/key_laws/出口管制法(2020-10-17).md"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

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
# Verbatim from the bundled 中华人民共和国出口管制法.
EXPORT_1 = "为了维护国家安全和利益，履行防扩散等国际义务，加强和规范出口管制，制定本法。"
EXPORT_3 = (
    "出口管制工作应当坚持总体国家安全观，维护国际和平，统筹安全和发展，完善出口管制管理和服务。"
)
EXPORT_6 = "国家加强出口管制国际合作，参与出口管制有关国际规则的制定。"


# --- DOCX, written part by part ------------------------------------------------------


def _para(text: str = "", style: str | None = None, *, runs: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{runs if runs is not None else _run(text)}</w:p>"


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _docx(
    path: Path,
    body: str,
    *,
    styles: str | None = None,
    title: str | None = None,
    document: str | None = None,
) -> Path:
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            xml + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            document
            if document is not None
            else xml + f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}'
            "<w:sectPr/></w:body></w:document>",
        )
        if styles is not None:
            archive.writestr(
                "word/styles.xml", xml + f'<w:styles xmlns:w="{W}">{styles}</w:styles>'
            )
        if title is not None:
            archive.writestr(
                "docProps/core.xml",
                xml + "<cp:coreProperties xmlns:cp="
                '"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:title>{title}</dc:title></cp:coreProperties>",
            )
    return path


# Korean Word: built-in styles keep English names in styles.xml but get other ids.
KOREAN_STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 3"/></w:style>'
    # a firm's own article style, based on heading 5
    '<w:style w:type="paragraph" w:styleId="5"><w:name w:val="heading 5"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Article"><w:name w:val="조문"/>'
    '<w:basedOn w:val="5"/></w:style>'
)


def test_the_excerpts_are_the_bundled_law_text() -> None:
    pipa = PIPA.read_text(encoding="utf-8")
    for text in (PIPA_28_7, PIPA_28_8_1, PIPA_28_8_1_1, PIPA_28_8_6, PIPA_28_9_2):
        assert text in pipa
    export = EXPORT_CONTROL.read_text(encoding="utf-8")
    assert all(text in export for text in (EXPORT_1, EXPORT_3, EXPORT_6))


def test_a_korean_law_docx_chunks_into_its_articles(tmp_path: Path) -> None:
    body = "".join(
        [
            _para("개인정보 보호법", "a3"),
            _para("제3장 개인정보의 처리", "1"),
            _para("제4절 개인정보의 국외 이전 &lt;신설 2023.3.14&gt;", "2"),
            _para("제28조의7(적용범위)", "3"),
            _para(PIPA_28_7),
            _para("제28조의8(개인정보의 국외 이전)", "Article"),
            # a tab stop in the paragraph's properties is not a tab in its text
            "<w:p><w:pPr><w:tabs><w:tab w:val='left' w:pos='720'/></w:tabs></w:pPr>"
            + _run("①")
            + "<w:r><w:tab/></w:r>"
            + _run(PIPA_28_8_1)
            + "</w:p>",
            _para(runs=_run("1.") + "<w:r><w:tab/></w:r>" + _run(PIPA_28_8_1_1)),
            # a tracked deletion is not text; a line break is a new line
            _para(
                runs="<w:del><w:r><w:delText>삭제된 문장</w:delText></w:r></w:del>"
                + _run("⑥ ")
                + _run(PIPA_28_8_6.split(" 등에 ")[0] + " 등에")
                + "<w:r><w:br/></w:r>"
                + _run(PIPA_28_8_6.split(" 등에 ")[1])
            ),
            _para("제28조의9(개인정보의 국외 이전 중지 명령)", "3"),
            _para("② " + PIPA_28_9_2),
        ]
    )
    path = _docx(tmp_path / "pipa.docx", body, styles=KOREAN_STYLES, title="개인정보 보호법")

    [doc] = read_path(path)
    assert (doc.lang, doc.jurisdiction, doc.kind) == ("ko", "KR", "law")
    assert doc.title == "개인정보 보호법"
    assert doc.id == f"file:{path.as_posix()}" and doc.source == str(path)
    # Title and heading 1 are both "#"; a heading 5 (and a style based on it) "#####"
    assert doc.text.startswith("# 개인정보 보호법\n\n# 제3장 개인정보의 처리\n\n## 제4절")
    assert "##### 제28조의8(개인정보의 국외 이전)" in doc.text.splitlines()
    assert "삭제된" not in doc.text

    chunks = chunk_document(doc)
    assert [(c.article, c.heading) for c in chunks] == [
        ("제28조의7", "적용범위"),
        ("제28조의8", "개인정보의 국외 이전"),
        ("제28조의9", "개인정보의 국외 이전 중지 명령"),
    ]
    assert {c.chapter for c in chunks} == {"제4절 개인정보의 국외 이전 <신설 2023.3.14>"}
    article = chunks[1]
    assert article.text.startswith("①\t" + PIPA_28_8_1)
    assert f"1.\t{PIPA_28_8_1_1}" in article.text
    assert "절차 등에\n필요한 사항은" in article.text
    assert "\t\t" not in article.text and PIPA_28_9_2 not in article.text
    assert chunks[0].text == PIPA_28_7


def test_a_docx_without_styles_part_uses_style_ids_and_its_title_paragraph(
    tmp_path: Path,
) -> None:
    textbox = (
        f"<mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent>"
        f"{_para('Boxed note')}</w:txbxContent></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbxContent>{_para('Boxed note')}</w:txbxContent>"
        "</w:pict></mc:Fallback></mc:AlternateContent>"
    )
    body = "".join(
        [
            _para("Data Transfers to Korea", "Title"),
            _para("Introduction", "Heading1"),
            _para("Korea reformed its privacy law in 2023."),
            _para("Method", "Heading1"),
            "<w:tbl><w:tr><w:tc>"
            + _para("Cell text")
            + "</w:tc></w:tr></w:tbl>"
            + _para(runs=_run("Before the box.") + f"<w:r>{textbox}</w:r>"),
            # outline level set on the paragraph itself makes a heading too
            "<w:p><w:pPr><w:outlineLvl w:val='1'/></w:pPr>" + _run("Results") + "</w:p>",
            _para("Mostly adequate."),
        ]
    )
    [doc] = read_path(_docx(tmp_path / "paper.docx", body))
    assert (doc.lang, doc.kind, doc.title) == ("en", "paper", "Data Transfers to Korea")
    assert doc.text.count("Boxed note") == 1  # the fallback copy is not read twice
    assert [(c.heading, c.text) for c in chunk_document(doc)] == [
        ("Introduction", "Korea reformed its privacy law in 2023."),
        ("Method", "Cell text\n\nBefore the box.\nBoxed note"),
        ("Results", "Mostly adequate."),
    ]


def _zip(path: Path, parts: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a readable zip"),
        (lambda p: _zip(p, {"notes.txt": "hello"}), "no word/document.xml"),
        (
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
            "password-protected or old-format",
        ),
        (
            lambda p: _docx(p, "", document=f'<w:document xmlns:w="{W}"><w:body><w:p>'),
            "malformed XML in word/document.xml",
        ),
        (
            lambda p: _docx(
                p,
                "",
                document='<!DOCTYPE d [<!ENTITY a "aaaa">]>'
                f'<w:document xmlns:w="{W}"><w:body>{_para("&a;")}</w:body></w:document>',
            ),
            "declares a DOCTYPE",
        ),
        (lambda p: _docx(p, _para("x", "Heading1"), styles="<w:style"), "word/styles.xml"),
        (lambda p: _docx(p, "<w:p><w:r><w:drawing/></w:r></w:p>"), "no text in the document"),
    ],
    ids=[
        "not-zip",
        "zip-not-docx",
        "encrypted-office",
        "bad-xml",
        "doctype",
        "bad-styles",
        "empty",
    ],
)
def test_a_damaged_docx_is_a_clear_error_naming_the_file(
    tmp_path: Path, make: object, reason: str
) -> None:
    path = tmp_path / "x.docx"
    make(path)  # type: ignore[operator]
    with pytest.raises(InvalidInput) as caught:
        list(read_path(path))
    assert caught.value.file == str(path)
    assert reason in caught.value.rule


def test_a_docx_part_larger_than_the_cap_is_not_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _docx(tmp_path / "bomb.docx", _para("x" * 5000))
    assert path.stat().st_size < 1000  # deflated: small on disk, large unpacked
    monkeypatch.setattr(docx, "DOCX_PART_LIMIT", 4096)
    with pytest.raises(InvalidInput, match=r"word/document\.xml unpacks to more than 4096 bytes"):
        list(read_path(path))
    monkeypatch.setattr(docx, "DOCX_PART_LIMIT", 8192)
    assert len(next(read_path(path)).text) == 5000


# --- PDF, rendered by WeasyPrint -----------------------------------------------------


def _pdf(path: Path, html: str) -> Path:
    from weasyprint import HTML

    path.write_bytes(HTML(string=html).write_pdf())
    return path


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


@pytest.mark.skipif(not _has_cjk_font(), reason="no Chinese font (CI installs fonts-noto-cjk)")
def test_a_chinese_law_pdf_chunks_into_its_articles(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "export.pdf",
        "<html><head><title>中华人民共和国出口管制法</title></head>"
        "<body style='font-family: \"Noto Sans CJK SC\", sans-serif'>"
        "<p>中华人民共和国出口管制法</p><p>第一章 总则</p>"
        f"<p>第一条 {EXPORT_1}</p>"
        f"<p>第三条 {EXPORT_3 * 3}</p>"  # long enough to wrap onto new lines
        f"<p style='page-break-before: always'>第六条 {EXPORT_6}</p></body></html>",
    )
    [doc] = read_path(path)
    assert (doc.lang, doc.jurisdiction, doc.kind) == ("zh", "CN", "law")
    assert doc.title == "中华人民共和国出口管制法"  # from the PDF's /Title
    chunks = chunk_document(doc)
    assert [c.article for c in chunks] == ["第一条", "第三条", "第六条"]  # across the page break
    assert {c.chapter for c in chunks} == {"第一章 总则"}
    assert "".join(chunks[0].text.split()) == EXPORT_1
    assert "\n" in chunks[1].text  # wrapped lines stay in their article
    assert "".join(chunks[1].text.split()) == EXPORT_3 * 3
    assert "".join(chunks[2].text.split()) == EXPORT_6


def test_an_english_pdf_takes_its_title_from_the_first_heading_like_line(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "memo-2024.pdf",
        "<html><head><title>Microsoft Word - memo.docx</title></head>"
        "<body><h1>Export Screening Memo</h1>"
        "<p>Every shipment of dual-use items is screened against the entity list.</p>"
        "<p style='page-break-before: always'>Second page: records are kept five years.</p>"
        "</body></html>",
    )
    # a converter's file name in /Title is not a title
    assert PdfReader(path).metadata.title == "Microsoft Word - memo.docx"  # type: ignore[union-attr]
    [doc] = read_path(path)
    assert (doc.lang, doc.jurisdiction, doc.kind) == ("en", "", "paper")
    assert doc.title == "Export Screening Memo"
    assert doc.text.splitlines() == [
        "Export Screening Memo",
        "Every shipment of dual-use items is screened against the entity list.",
        "Second page: records are kept five years.",
    ]
    [chunk] = chunk_document(doc)
    assert chunk.text == doc.text and chunk.title == "Export Screening Memo"


def test_a_pdf_with_no_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "scan.pdf",
        "<html><body><div style='width:300px;height:400px;background:#888'></div>"
        "<div style='page-break-before: always;height:10px;background:#888'></div>"
        "</body></html>",
    )
    with pytest.raises(InvalidInput) as caught:
        list(read_path(path))
    assert caught.value.file == str(path)
    assert caught.value.rule == "no text layer in 2 page(s) (a scan?); OCR it first"


def test_a_truncated_or_locked_pdf_is_a_clear_error_naming_the_file(tmp_path: Path) -> None:
    whole = _pdf(tmp_path / "whole.pdf", "<html><body><p>Article one.</p></body></html>")
    data = whole.read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidInput) as caught:
        list(read_path(truncated))
    assert caught.value.file == str(truncated)
    assert caught.value.rule.startswith("not a readable PDF (")

    writer = PdfWriter(clone_from=PdfReader(whole))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(buffer.getvalue())
    with pytest.raises(InvalidInput, match="encrypted PDF: it needs a password") as caught:
        list(read_path(locked))
    assert caught.value.file == str(locked)

    writer = PdfWriter(clone_from=PdfReader(whole))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")  # opens without one
    buffer = io.BytesIO()
    writer.write(buffer)
    (tmp_path / "open.pdf").write_bytes(buffer.getvalue())
    opened = next(read_path(tmp_path / "open.pdf"))
    assert (opened.text, opened.title) == ("Article one.", "open")  # a sentence: no title


# --- folders and the CLI -------------------------------------------------------------


def test_a_folder_scan_reads_pdf_and_docx_and_names_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    _docx(folder / "memo.docx", _para("Screening memo", "Title") + _para("All shipments."))
    (folder / "~$memo.docx").write_bytes(b"\x0bWord owner file")  # Word's lock file: skipped
    _pdf(folder / "NOTE.PDF", "<html><body><p>A note in capitals.</p></body></html>")
    assert [d.title for d in read_path(folder)] == ["NOTE", "Screening memo"]

    bad = folder / "zz-broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    with pytest.raises(InvalidInput) as caught:
        list(read_path(folder))
    assert caught.value.file == str(bad)

    result = CliRunner().invoke(
        app, ["search", "index", str(folder), "--index", str(tmp_path / "idx")]
    )
    assert result.exit_code == 2
    flat = "".join(result.output.split())
    assert "zz-broken.pdf:notareadablePDF" in flat and "Traceback" not in result.output
    assert not (tmp_path / "idx" / "bm25").exists()  # nothing indexed from a failed scan


def test_unsupported_types_name_the_supported_ones(tmp_path: Path) -> None:
    for name, hint in (("law.hwp", "save it as .docx or PDF"), ("data.xlsx", "")):
        path = tmp_path / name
        path.write_bytes(b"x")
        with pytest.raises(InvalidInput) as caught:
            list(read_path(path))
        assert caught.value.rule.startswith("unsupported file type (pdf, docx, txt, md")
        assert hint in caught.value.rule


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
