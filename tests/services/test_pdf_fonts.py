"""PDFs never show tofu: with fonts for Korean and Chinese, the PDF's text holds the
Hangul and Hanzi names; without them, no PDF is written and the output says why."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corridor.reports.fonts import missing_cjk_fonts
from corridor.services.agenda_files import agenda_file
from corridor.store.db import make_engine
from tests.services.demo_db import MISSION, demo_database

HANGUL = re.compile(r"[가-힣]{2,}")
HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory)


@pytest.mark.skipif(
    missing_cjk_fonts() is not None or shutil.which("pdffonts") is None,
    reason="no CJK font or no pdftotext (.ci/run installs fonts-noto-cjk and poppler-utils)",
)
def test_an_agenda_pdf_holds_its_hangul_and_hanzi_names(demo_db: Path, tmp_path: Path) -> None:
    engine = make_engine(str(demo_db))
    html = agenda_file(engine, MISSION, "kr-samsung-electronics", "html", "ko").content
    pdf = agenda_file(engine, MISSION, "kr-samsung-electronics", "pdf", "ko").content
    engine.dispose()
    page = html.decode("utf-8").split("<body", 1)[1]  # the printed part (not <title>)
    hangul, han = set(HANGUL.findall(page)), set(HAN.findall(page))
    assert "삼성전자" in hangul and len(han) > 0  # a Korean company meeting Chinese ones
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    squeezed = "".join(text.split())  # names may wrap inside narrow columns
    assert {n for n in hangul | han if n not in squeezed} == set()
    # The text layer keeps the names even when they are drawn as boxes, so the glyphs
    # must come from a CJK font (the templates ask for Noto Sans CJK; CI installs it).
    (tmp_path / "agenda.pdf").write_bytes(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "agenda.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "CJK" in fonts


def test_without_cjk_fonts_no_pdf_is_written_and_the_output_says_why(
    demo_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    empty = tmp_path / "fonts.conf"  # fontconfig with no font directory: no fonts at all
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(empty), "PYTHONPATH": str(ROOT / "src")}
    env = {k: v for k, v in env.items() if k != "CORRIDOR_DB"}
    out = tmp_path / "out"
    command = ["corridor.cli.main", "--db", str(db), "schedule", "--mission", MISSION]
    done = subprocess.run(
        [sys.executable, "-m", *command, "--solver", "greedy", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    said = " ".join(done.stdout.split())
    assert said.count("WARNING: no PDFs written") == 1
    assert "no font covering Korean (Hangul) or Chinese (Han)" in said
    assert "fonts-noto-cjk" in said
    assert list(out.rglob("*.pdf")) == []
    assert len(list(out.glob("agendas/*.html"))) == len(list(out.glob("agendas/*.ics"))) > 50
