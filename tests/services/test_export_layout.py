"""Exports people open in Excel: a CSV with a BOM, workbooks laid out for reading."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from corridor.exc import InvalidInput
from corridor.registry.batch import Source
from corridor.registry.sheets import MAX_WIDTH, SheetData, display_width, write_workbook
from corridor.services.exports import export_records
from corridor.services.imports import import_files
from tests.factory import REAL_ORGS, org_row, write_csv

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _seed(engine: Engine, tmp_path: Path) -> None:
    rows = [
        *REAL_ORGS,
        org_row(key="kr-long", kind="startup", country="KR", sectors="robotics", name_en="L" * 120),
    ]
    import_files(engine, [Source("organisations", write_csv(tmp_path / "in.csv", rows))], now=NOW)


def test_excel_csv_starts_with_a_bom_and_reads_back(sqlite_engine: Engine, tmp_path: Path) -> None:
    _seed(sqlite_engine, tmp_path)
    out = tmp_path / "organisations.csv"
    export_records(sqlite_engine, "organisations", out, excel=True)
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data[3:].startswith(b"key,")  # one BOM, then the header
    assert "삼성전자".encode() in data and "华为技术".encode() in data
    plain = tmp_path / "plain.csv"
    export_records(sqlite_engine, "organisations", plain)
    assert not plain.read_bytes().startswith(codecs.BOM_UTF8)
    assert data[3:] == plain.read_bytes()


def test_utf8_sig_encoding_writes_the_bom_it_names(sqlite_engine: Engine, tmp_path: Path) -> None:
    _seed(sqlite_engine, tmp_path)
    out = tmp_path / "organisations.csv"
    export_records(sqlite_engine, "organisations", out, encoding="utf-8-sig")
    assert out.read_bytes().startswith(codecs.BOM_UTF8)


@pytest.mark.parametrize(("name", "encoding"), [("o.csv", "cp949"), ("o.json", "utf-8")])
def test_excel_is_refused_where_a_bom_means_nothing(
    sqlite_engine: Engine, tmp_path: Path, name: str, encoding: str
) -> None:
    with pytest.raises(InvalidInput):
        export_records(
            sqlite_engine, "organisations", tmp_path / name, encoding=encoding, excel=True
        )


def test_registry_xlsx_has_widths_frozen_header_and_filter(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    _seed(sqlite_engine, tmp_path)
    out = tmp_path / "organisations.xlsx"
    count = export_records(sqlite_engine, "organisations", out)
    sheet = load_workbook(out).worksheets[0]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    last = sheet.cell(1, len(header)).column_letter
    assert sheet.auto_filter.ref == f"A1:{last}{count + 1}"
    assert all(c.font.b for c in sheet[1])
    widths = {
        h: sheet.column_dimensions[sheet.cell(1, i).column_letter].width
        for i, h in enumerate(header, start=1)
    }
    assert widths["name_en"] == MAX_WIDTH  # 120 characters are capped
    # "华为技术有限公司" is 8 characters but 16 cells wide; the header is shorter
    assert widths["legal_name"] >= 16 + 2
    assert widths["key"] == len("kr-samsung-electronics") + 2


def test_width_counts_cjk_as_double() -> None:
    assert display_width("삼성전자") == 8
    assert display_width("华为") == 4
    assert display_width("LG전자") == 6
    assert display_width("ＡＢ") == 4  # fullwidth forms


def test_workbook_helper_keeps_text_as_text_and_numbers_as_numbers(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    rows = [('=HYPERLINK("http://x","y")', 3, 0.25), ("#N/A", None, 1.0)]
    write_workbook(
        out, [SheetData("Figures: 2026/1", ("note", "n", "share"), rows, frozenset({2}))]
    )
    sheet = load_workbook(out).worksheets[0]
    assert sheet.title == "Figures  2026 1"  # characters a sheet name cannot hold
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["A3"].data_type == "s" and sheet["A3"].value == "#N/A"
    assert sheet["B2"].value == 3 and sheet["C2"].number_format == "0.0%"
    assert sheet.auto_filter.ref == "A1:C3" and sheet.freeze_panes == "A2"
