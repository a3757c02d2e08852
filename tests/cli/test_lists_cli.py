"""``corridor lists``: refusals and overrides, ``use`` and ``log``, clean errors for bad
arguments, and a load killed at any moment leaving the previous or the new list whole."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from tests.conftest import FIXTURES

LISTS = FIXTURES / "lists"
ROOT = Path(__file__).resolve().parents[2]
BUNDLED_SDN = ROOT / "data" / "lists" / "ofac_sdn" / "2024-05-03" / "sdn.csv.gz"
runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def _stub_sdn(tmp_path: Path) -> Path:
    """The SDN fixture set with its primary file cut to one row (properly ended)."""
    stub = tmp_path / "stub"
    shutil.copytree(LISTS / "ofac_sdn", stub)
    first = (LISTS / "ofac_sdn" / "sdn.csv").read_bytes().split(b"\r\n", 1)[0]
    (stub / "sdn.csv").write_bytes(first + b"\r\n\x1a")
    return stub / "sdn.csv"


def test_refusal_override_use_and_log(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(db, "lists", "load", str(LISTS / "ofac_sdn" / "sdn.csv"))[0] == 0
    stub = _stub_sdn(tmp_path)
    code, out = run(db, "lists", "load", str(stub))
    assert code == 2 and "refused, nothing was loaded" in out and "--accept-shrink" in out
    code, out = run(db, "lists", "load", str(stub), "--accept-shrink")
    assert code == 2 and "need --reason" in out
    code, out = run(
        db, "lists", "load", str(stub), "--accept-shrink", "--reason", "test", "--actor", "ana"
    )
    assert code == 0 and "#2" in out, out
    code, out = run(db, "lists", "use", "ofac_sdn", "1", "--reason", "stub was wrong")
    assert code == 0 and "#1" in out, out
    code, out = run(db, "lists", "list")
    assert code == 0 and out.count("yes") == 1
    code, out = run(db, "lists", "log")
    assert code == 0
    for text in ("load", "accept-shrink", "use", "stub was wrong", "ana"):
        assert text in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--published", "2024-13-45"), "--published='2024-13-45': not a date"),
        ((), "is a folder"),
    ],
)
def test_bad_arguments_are_clean_errors(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    target = LISTS / "bis_dpl" / "dpl.txt" if args else tmp_path
    code, out = run(tmp_path / "c.db", "lists", "load", str(target), *args)
    assert code == 2 and message in out and "Traceback" not in out


def _in_force(db: Path) -> list[tuple[int, int, int]]:
    """(version, entries recorded, entries stored) of every version in force."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT v.id, v.entries, (SELECT count(*) FROM list_entries e "
            "WHERE e.version_id = v.id) FROM list_versions v WHERE v.active"
        ).fetchall()


def test_kill_lists_load_leaves_the_old_or_the_whole_new_version(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(db, "lists", "load", str(LISTS / "ofac_sdn" / "sdn.csv"))[0] == 0
    old = _in_force(db)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-c", "from corridor.cli.main import main; main()"]
    outcomes = []
    # A full load takes ~10 s here: ~3 s start-up, ~3 s parsing, then the writes; the
    # later kill points fall inside the transaction that stores 14,965 entries.
    for delay in (0.5, 4.0, 6.5, 8.0, 9.5):
        proc = subprocess.Popen(
            [*command, "--db", str(db), "lists", "load", str(BUNDLED_SDN)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        now = _in_force(db)
        assert now == old or (len(now) == 1 and now[0][1] == now[0][2] == 14965), now
        outcomes.append(now == old)
        if now != old:
            break  # the new version is whole and in force: later loads are no-ops
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert outcomes[0]  # killed while starting up: nothing changed
