"""Exports under hostile data: no live formulas, no crash, atomic, lossless round trip."""

from __future__ import annotations

import csv
import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from corridor.core.names import Name, NameKind, Script
from corridor.core.parties import Organization
from corridor.exc import InvalidInput
from corridor.registry.batch import Source
from corridor.services.exports import export_records
from corridor.services.imports import import_files
from corridor.store.base import UpsertCounts
from corridor.store.db import session_factory, transaction
from corridor.store.sql import SqlStore
from tests.factory import REAL_ORGS, org_row, write_csv

NOW = datetime(2026, 1, 1, tzinfo=UTC)
FORMULAS = ['=HYPERLINK("http://x","y")', "+82-2-123", "-5", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def _hostile_rows() -> list[dict[str, str]]:
    base = {"kind": "startup", "country": "KR", "sectors": "robotics"}
    return [
        org_row(
            key="kr-formula",
            name_en=FORMULAS[0],
            city=FORMULAS[1],
            **base,
            offers_en=FORMULAS[2],
            legal_name=FORMULAS[3],
            seeks_en=FORMULAS[4],
        ),
        org_row(
            key="kr-quote",
            name_en="'=quoted and 'plain",
            name_ko="레인보우로보틱스",
            legal_name_en="'apostrophe first",
            seeks_ko="#N/A",
            **base,
        ),
        org_row(
            key="cn-long",
            kind="investor",
            country="CN",
            sectors="ai_chips",
            name_zh="深度求索",
            offers_zh="人工智能" * 2400,
            seeks_en="Ünïcödé → ok",
            aliases="-minus alias|=eq alias",
        ),
    ]


def _orgs(engine: Engine) -> list[Organization]:
    with transaction(session_factory(engine)) as session:
        return list(SqlStore(session).organisations())


def _import(engine: Engine, path: Path) -> UpsertCounts:
    report = import_files(engine, [Source("organisations", path)], now=NOW)
    return report.counts["organisations"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_hostile_values_round_trip_unchanged(engine: Engine, tmp_path: Path, suffix: str) -> None:
    rows = [*_hostile_rows(), *REAL_ORGS]
    assert _import(engine, write_csv(tmp_path / "in.csv", rows)).created == len(rows)
    before = _orgs(engine)
    out = tmp_path / f"organisations{suffix}"
    assert export_records(engine, "organisations", out) == len(rows)
    assert _import(engine, out) == UpsertCounts(unchanged=len(rows))
    assert _orgs(engine) == before


def test_csv_export_neutralises_formulas(engine: Engine, tmp_path: Path) -> None:
    _import(engine, write_csv(tmp_path / "in.csv", _hostile_rows()))
    out = tmp_path / "organisations.csv"
    export_records(engine, "organisations", out)
    with out.open(encoding="utf-8", newline="") as handle:
        cells = [c for row in list(csv.reader(handle))[1:] for c in row]
    assert {"'" + f for f in FORMULAS} <= set(cells)
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "''apostrophe first" in cells  # an apostrophe-led value keeps its apostrophe


def test_xlsx_export_writes_string_cells_never_formulas(engine: Engine, tmp_path: Path) -> None:
    _import(engine, write_csv(tmp_path / "in.csv", _hostile_rows()))
    out = tmp_path / "organisations.xlsx"
    export_records(engine, "organisations", out)
    sheet = load_workbook(out).worksheets[0]
    kinds = {c.data_type for row in sheet.iter_rows() for c in row if c.value is not None}
    assert kinds == {"s"}
    assert FORMULAS[0] in {c.value for row in sheet.iter_rows() for c in row}


def _store_nul_org(engine: Engine) -> None:
    """Data stored before import hygiene existed: a control character in a name.

    U+0001 rather than NUL: PostgreSQL cannot store a NUL at all, and XLSX cannot carry
    either, so both backends exercise the same export escape.
    """
    org = dataclasses.replace(
        _orgs(engine)[0],
        key="kr-nul",
        identifiers=(),
        names=(Name("Nul\x01Corp", Script.LATIN, "en", NameKind.TRADE),),
    )
    with transaction(session_factory(engine)) as session:
        SqlStore(session).upsert_organisations([org])


@pytest.mark.parametrize("suffix", [".xlsx", ".json"])
def test_exporting_old_control_characters_does_not_crash(
    engine: Engine, tmp_path: Path, suffix: str
) -> None:
    _import(engine, write_csv(tmp_path / "in.csv", REAL_ORGS[:1]))
    _store_nul_org(engine)
    out = tmp_path / f"organisations{suffix}"
    assert export_records(engine, "organisations", out) == 2
    if suffix == ".json":
        text = out.read_text(encoding="utf-8")
    else:
        sheet = load_workbook(out).worksheets[0]
        text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "Nul\\u0001Corp" in text


def test_failed_export_leaves_the_old_file_and_no_temp_file(engine: Engine, tmp_path: Path) -> None:
    _import(engine, write_csv(tmp_path / "in.csv", REAL_ORGS))  # Chinese names: no cp949 codes
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "organisations.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="cannot be written in cp949") as caught:
        export_records(engine, "organisations", out, encoding="cp949")
    assert caught.value.file == str(out)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in out.parent.iterdir()] == ["organisations.csv"]


def test_a_rejected_hostile_import_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    rows = [
        *REAL_ORGS,
        org_row(
            key="kr-nul", kind="startup", country="KR", sectors="robotics", name_en="Nul\x00Corp"
        ),
    ]
    with pytest.raises(Exception) as caught:
        _import(engine, write_csv(tmp_path / "organisations.csv", rows))
    assert type(caught.value).__name__ == "ImportRejected"
    assert _orgs(engine) == []
