"""``corridor export``: CSV for Excel and FollowTheMoney lines, through the real CLI."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app
from tests.factory import REAL_ORGS, write_csv

runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def _imported(tmp_path: Path) -> Path:
    db = tmp_path / "c.db"
    code, out = run(db, "import", str(write_csv(tmp_path / "organisations.csv", REAL_ORGS)))
    assert code == 0, out
    return db


def test_excel_flag_writes_a_bom_and_refuses_a_legacy_encoding(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    target = tmp_path / "orgs.csv"
    code, out = run(db, "export", "organisations", str(target), "--excel")
    assert code == 0, out
    assert target.read_bytes().startswith(codecs.BOM_UTF8)
    code, out = run(db, "export", "organisations", str(target), "--bom", "--encoding", "cp949")
    assert code == 2 and "BOM" in out


def test_export_ftm_writes_entities_a_line(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    target = tmp_path / "entities.jsonl"
    code, out = run(db, "export", "ftm", str(target))
    assert code == 0, out
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    companies = [e for e in lines if e["schema"] == "Company"]
    assert len(companies) == len(REAL_ORGS) and f"wrote {len(lines)} FtM entities" in out
    code, out = run(db, "export", "ftm", str(tmp_path / "entities.csv"))
    assert code == 2 and ".jsonl" in out
