"""Dossiers render Korean and Chinese correctly to PDF (checked as text and as an image)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.exc import InvalidInput, NotFound
from corridor.reports.dossier import dossier_html
from corridor.reports.render import html_to_pdf
from corridor.search.index import Index
from corridor.services.dossier_rules import rules_for
from corridor.services.dossiers import dossier_for_meeting, write_dossiers
from corridor.services.schedule_views import schedule_view
from corridor.store.db import make_engine
from tests.services.demo_db import MISSION, demo_database

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
def index(pipa_pipl_index: Path) -> Index:
    return Index(pipa_pipl_index)


def test_medical_imaging_pair_gets_pipa_and_pipl_articles(index: Index) -> None:
    rules = rules_for(index, LUNIT, UIH)
    titles = {(r.title, r.topic) for r in rules}
    assert ("개인정보 보호법", "health_data") in titles
    assert any(t.endswith("个人信息保护法") for t, _ in titles)
    assert all(r.article for r in rules)
    # the articles that govern health data leaving each country (judged by reading them)
    found = {r.article for r in rules}
    assert "제28조의8" in found  # 개인정보의 국외 이전
    pipl = {r.article for r in rules if r.title.endswith("个人信息保护法")}
    relevant = {"第二十八条", "第二十九条", "第三十八条", "第三十九条", "第五十五条"}
    assert pipl and pipl <= relevant  # sensitive data, cross-border, impact assessment


@needs_poppler
@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        (
            "ko",
            (
                "미팅 브리핑",
                "일시 및 장소",
                "이 미팅을 하는 이유",
                "알아야 할 법규",
                "분야",
                "의료영상",
            ),
        ),
        ("zh", ("会谈简报", "时间与地点", "会谈理由", "需了解的法规", "领域", "医学影像")),
    ],
)
def test_dossier_pdf_has_translated_headings(
    index: Index, tmp_path: Path, lang: str, headings: tuple[str, ...]
) -> None:
    rules = rules_for(index, LUNIT, UIH)
    html = dossier_html(
        LUNIT,
        UIH,
        "2026-01-08 10:00",
        "Table 1",
        "Lunit offers AI reading",
        rules,
        lang,
        {"kr-lunit": "cleared", "cn-united-imaging": "cleared"},
    )
    pdf = tmp_path / "dossier.pdf"
    pdf.write_bytes(html_to_pdf(html))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())  # pdftotext may break a line inside a heading
    assert [h for h in headings if "".join(h.split()) not in squeezed] == []
    assert "루닛" in text and "联影医疗" in text
    assert "Meeting briefing" not in text and "medical_imaging" not in text
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    page = next(tmp_path.glob("page*.png")).read_bytes()
    assert page[:8] == b"\x89PNG\r\n\x1a\n" and len(page) > 5000  # a page with content


def test_one_meetings_dossier_is_the_page_write_dossiers_writes(
    pipa_pipl_index: Path, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    engine = make_engine(str(demo_database(tmp_path_factory)))
    written = write_dossiers(engine, MISSION, pipa_pipl_index, tmp_path, pdf=False)
    meeting = next(
        m for m in schedule_view(engine, MISSION).meetings if "kr-lunit" in (m.org_a, m.org_b)
    )
    by_id = dossier_for_meeting(engine, MISSION, meeting.id, index_dir=pipa_pipl_index)
    by_pair = dossier_for_meeting(
        engine, MISSION, (meeting.org_b, meeting.org_a), index_dir=pipa_pipl_index
    )
    assert by_id == by_pair and by_id.meeting_id == meeting.id and by_id.pdf is None
    stem = f"{meeting.slot.index:02d}-{meeting.org_a}--{meeting.org_b}"
    organiser = tmp_path / "dossiers" / f"{stem}.organiser.html"
    assert organiser in written
    assert by_id.html == organiser.read_text(encoding="utf-8")
    assert "Screening status" in by_id.html
    side = tmp_path / "dossiers" / f"{stem}.kr-lunit.ko.html"
    mine = dossier_for_meeting(
        engine, MISSION, meeting.id, index_dir=pipa_pipl_index, lang="ko", edition="participant"
    )
    assert mine.html == side.read_text(encoding="utf-8")
    assert "심사" not in mine.html and "cleared" not in mine.html  # never the screening
    printed = dossier_for_meeting(engine, MISSION, meeting.id, index_dir=pipa_pipl_index, pdf=True)
    assert printed.pdf is not None and printed.pdf[:5] == b"%PDF-"


def test_unknown_meeting_or_edition_is_a_clear_error(
    pipa_pipl_index: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    engine = make_engine(str(demo_database(tmp_path_factory)))
    with pytest.raises(NotFound, match="published meeting"):
        dossier_for_meeting(engine, MISSION, ("kr-lunit", "kr-lunit"), index_dir=pipa_pipl_index)
    with pytest.raises(NotFound, match="published meeting"):
        dossier_for_meeting(engine, MISSION, 10**9, index_dir=pipa_pipl_index)
    with pytest.raises(InvalidInput) as caught:
        dossier_for_meeting(engine, MISSION, 1, index_dir=pipa_pipl_index, edition="press")
    assert caught.value.field == "edition"
