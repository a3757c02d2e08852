"""`corridor schedule replan --preview`, `--publish ID` and `--list` on the demo mission."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from tests.services.demo_db import demo_database

runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_preview_then_publish(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    shutil.copyfile(demo_database(tmp_path_factory), db)
    code, before = run(db, "schedule", "--list")
    assert code == 0 and "yes (organiser)" in before
    code, out = run(db, "schedule", "replan", "--cancel", "cn-agibot", "--preview")
    assert code == 0, out
    assert "dropped" in out and "cn-agibot" in out and "not published" in out
    draft = re.search(r"draft (\d+) not published", out).group(1)  # type: ignore[union-attr]
    code, listed = run(db, "schedule", "--list")
    assert code == 0 and listed.count("yes (") == 1 and "yes (organiser)" in listed
    code, out = run(db, "schedule", "--publish", draft)
    assert code == 0 and f"published schedule {draft}" in out
    code, listed = run(db, "schedule", "--list")
    assert "yes (cli)" in listed and "yes (organiser)" not in listed
    code, out = run(db, "schedule", "replan", "--add", "kr-lunit")
    assert code == 2 and "add='kr-lunit'" in out
