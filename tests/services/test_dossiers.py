"""Dossiers render Korean and Chinese correctly to PDF (checked as text and as an image)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.reports.dossier import dossier_html
from corridor.reports.render import html_to_pdf
from corridor.search.index import Index, build
from corridor.search.ingest import read_path
from corridor.services.dossiers import rules_for

LEGAL = Path(__file__).resolve().parents[2] / "data" / "legal"
LUNIT = Organization(
    "kr-lunit",
    OrgKind.STARTUP,
    "KR",
    (Name("Lunit", Script.LATIN, "en"), Name("루닛", Script.HANGUL, "ko")),
    sectors=("medical_imaging",),
    offers={"en": "AI for chest X-ray"},
)
UIH = Organization(
    "cn-united-imaging",
    OrgKind.CORPORATE,
    "CN",
    (Name("United Imaging", Script.LATIN, "en"), Name("联影医疗", Script.HAN, "zh")),
    sectors=("medical_imaging",),
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    folder = tmp_path_factory.mktemp("idx")
    docs = [
        *read_path(LEGAL / "ko" / "key_laws" / "개인정보보호법" / "법률.md"),
        *read_path(LEGAL / "zh" / "key_laws" / "个人信息保护法(2021-08-20).md"),
    ]
    build(docs, folder)
    return Index(folder)


def test_medical_imaging_pair_gets_pipa_and_pipl_articles(index: Index) -> None:
    rules = rules_for(index, {"medical_imaging"})
    titles = {(r.title, r.topic) for r in rules}
    assert ("개인정보 보호법", "health data abroad") in titles
    assert any(t.endswith("个人信息保护法") for t, _ in titles)
    assert all(r.article for r in rules)
    # the articles that govern health data leaving each country (judged by reading them)
    found = {r.article for r in rules}
    assert "제28조의8" in found  # 개인정보의 국외 이전
    pipl = {r.article for r in rules if r.title.endswith("个人信息保护法")}
    relevant = {"第二十八条", "第二十九条", "第三十八条", "第三十九条", "第五十五条"}
    assert pipl and pipl <= relevant  # sensitive data, cross-border, impact assessment


@needs_poppler
def test_dossier_pdf_shows_korean_and_chinese(index: Index, tmp_path: Path) -> None:
    rules = rules_for(index, {"medical_imaging"})
    html = dossier_html(
        LUNIT,
        UIH,
        "2026-01-08 10:00",
        "Table 1",
        "Lunit offers AI reading",
        rules,
        "ko",
        {"kr-lunit": "cleared", "cn-united-imaging": "cleared"},
    )
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(html_to_pdf(html))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "미팅 브리핑" in text and "루닛" in text and "联影医疗" in text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    page = next(tmp_path.glob("page*.png")).read_bytes()
    assert page[:8] == b"\x89PNG\r\n\x1a\n" and len(page) > 5000  # a page with content
