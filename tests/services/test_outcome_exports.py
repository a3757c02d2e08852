"""The outcomes export read back: openpyxl finds the figures as numbers, pdftotext
finds them in the PDF, in English, Korean and Chinese."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from corridor.exc import InvalidInput
from corridor.registry.sheets import display_width
from corridor.services.outcome_exports import export_outcomes
from corridor.services.outcomes import record_feedback, report_outcome
from tests.services.outcomes_case import KEY, B, H, N, S, X, build


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    engine = build(tmp_path_factory.mktemp("case"))
    for org, partner, follow in ((S, B, True), (B, S, False), (S, X, False), (N, H, True)):
        record_feedback(
            engine, KEY, org, partner, held=True, rating=4, follow_up=follow, note="", actor="t"
        )
    hostile = '=HYPERLINK("http://x","click")'  # the same feedback again, with a note
    record_feedback(engine, KEY, S, B, held=True, rating=4, follow_up=True, note=hostile, actor="t")
    on = "2025-03-01"
    report_outcome(engine, KEY, S, kind="mou", partners=[B], on=on, actor="t")
    report_outcome(engine, KEY, N, kind="pilot", partners=[H], on=on, actor="t")
    report_outcome(
        engine,
        KEY,
        S,
        kind="investment_closed",
        partners=[B],
        amount="2500000000",
        currency="KRW",
        on=on,
        actor="t",
    )
    report_outcome(
        engine,
        KEY,
        X,
        kind="term_sheet",
        partners=[S],
        amount="750000.50",
        currency="USD",
        on=on,
        actor="t",
    )
    return engine


def test_xlsx_has_a_sheet_per_table_with_figures_as_numbers(engine: Engine, tmp_path: Path) -> None:
    path = export_outcomes(engine, KEY, tmp_path / "kpis.xlsx", "en")
    book = load_workbook(path)
    assert {"Funnel", "By country pair", "Investment totals", "Interpreter hours"} <= set(
        book.sheetnames
    )
    funnel = [tuple(r) for r in book["Funnel"].iter_rows(values_only=True)]
    assert funnel[0][:2] == ("Stage", "Pairs")
    assert [r[1] for r in funnel[1:]] == [5, 4, 3, 3, 2, 2]
    assert funnel[2][2] == 0.8  # scheduled / requested, a number formatted as a share
    money = {r[:2]: r[2] for r in book["Investment totals"].iter_rows(min_row=2, values_only=True)}
    assert money == {
        ("Investment closed", "KRW"): 2500000000,
        ("Investment term sheet", "USD"): 750000.5,
    }
    (interpreter,) = list(book["Interpreter hours"].iter_rows(min_row=2, values_only=True))
    assert interpreter == ("Interpreter One", 1, 0.5, 1, 0.5)


def test_xlsx_is_laid_out_and_free_text_is_never_a_formula(engine: Engine, tmp_path: Path) -> None:
    book = load_workbook(export_outcomes(engine, KEY, tmp_path / "kpis.xlsx", "ko"))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + str(
            sheet.max_row
        )
    notes = [c for row in book["피드백"].iter_rows(min_row=2) for c in row if c.value]
    link = [c for c in notes if str(c.value).startswith("=HYPERLINK")]
    assert len(link) == 1 and link[0].data_type == "s"
    funnel = book["단계별 전환"]  # Korean stage names are counted two cells a syllable
    widest = max(display_width(str(c.value)) for (c,) in funnel.iter_rows(max_col=1))
    assert funnel.column_dimensions["A"].width == widest + 2 > 2 * 4


@pytest.mark.parametrize("lang", ["en", "ko", "zh"])
def test_pdf_text_holds_the_figures(engine: Engine, tmp_path: Path, lang: str) -> None:
    path = export_outcomes(engine, KEY, tmp_path / f"kpis-{lang}.pdf", lang)
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(raw.split())  # names wrap inside narrow columns
    assert "2,500,000,000" in text and "750,000.5" in text and "KRW" in text
    assert "Hand-checked case" in text
    if lang == "ko":
        assert "삼성전자" in text  # organisations by their Korean names
    else:
        assert "Samsung Electronics" in text


def test_export_refuses_an_unknown_format_or_language(engine: Engine, tmp_path: Path) -> None:
    for path, lang, field in (
        (tmp_path / "k.csv", "en", "format"),
        (tmp_path / "k.pdf", "fr", "lang"),
    ):
        with pytest.raises(InvalidInput) as caught:
            export_outcomes(engine, KEY, path, lang)
        assert caught.value.field == field
    assert Decimal("1") == 1  # decimals compare as numbers (what the sheets rely on)
