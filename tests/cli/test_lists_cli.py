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
from corridor.services.bundled import bundled
from tests.conftest import FIXTURES

LISTS = FIXTURES / "lists"
ROOT = Path(__file__).resolve().parents[2]
BUNDLED_SDN = bundled("lists") / "ofac_sdn" / "2024-05-03" / "sdn.csv.gz"
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


def _wal_grows(db: Path, proc: subprocess.Popen[bytes], by: int = 256 * 1024) -> bool:
    """Wait until the load is writing (its WAL has grown by ``by`` bytes), or has ended."""
    wal = db.with_name(db.name + "-wal")
    start = wal.stat().st_size if wal.exists() else 0
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > start + by:
            return True
        time.sleep(0.02)
    return False


def test_kill_lists_load_leaves_the_old_or_the_whole_new_version(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(db, "lists", "load", str(LISTS / "ofac_sdn" / "sdn.csv"))[0] == 0
    old = _in_force(db)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-c", "from corridor.cli.main import main; main()"]
    load = [*command, "--db", str(db), "lists", "load", str(BUNDLED_SDN)]
    # Killed while starting or parsing (0.3 s), then at points inside the transaction
    # that stores 14,965 entries: found by watching the write-ahead log grow.
    for after_writes in (None, 0.0, 0.4, 1.2):
        proc = subprocess.Popen(load, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if after_writes is None:
            time.sleep(0.3)
        else:
            assert _wal_grows(db, proc), "the load ended before it was seen writing"
            time.sleep(after_writes)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        now = _in_force(db)
        assert now == old or (len(now) == 1 and now[0][1] == now[0][2] == 14965), now
        if now != old:
            return  # the kill came after the commit: the whole new version is in force
    done = subprocess.run(load, env=env, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    new = _in_force(db)
    assert len(new) == 1 and new[0][0] != old[0][0] and new[0][1] == new[0][2] == 14965
