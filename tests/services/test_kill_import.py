"""SIGKILL during ``corridor import``: the database is the whole file or none of it.

A real CLI process imports a large generated file and is killed at several points
(while starting, while parsing, as the write transaction begins, and in the middle
of it). Each time the SQLite file must pass ``PRAGMA integrity_check`` and hold
either every organisation of the file or none; a final run then imports all of it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factory import synthetic_rows, write_csv

ROWS = 20_000


def _start(db: Path, path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    code = "from corridor.cli.main import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "--db", str(db), "import", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )


def _state(db: Path) -> tuple[str, int]:
    with sqlite3.connect(db) as conn:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return ok, conn.execute("SELECT count(*) FROM organizations").fetchone()[0]


def _wal_bytes(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def _kill_when(proc: subprocess.Popen[bytes], ready: object, timeout: float = 300) -> bool:
    """SIGKILL ``proc`` once ``ready()`` is true; False if it finished first."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if ready():  # type: ignore[operator]
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    proc.wait()
    return False


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "organisations.csv", synthetic_rows(ROWS))
    db = tmp_path / "corridor.db"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from corridor.cli.main import main; main()",
            "--db",
            str(db),
            "init",
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
    )
    baseline = _wal_bytes(db)
    started = time.monotonic
    points = {
        "starting": lambda t0: started() - t0 > 0.2,
        "parsing": lambda t0: started() - t0 > 2.0,
        "write begins": lambda t0: _wal_bytes(db) > baseline,
        "mid-write": lambda t0: _wal_bytes(db) > baseline + (2 << 20),
    }
    killed = []
    for name, ready in points.items():
        t0 = time.monotonic()
        proc = _start(db, path)
        if _kill_when(proc, lambda ready=ready, t0=t0: ready(t0)):
            killed.append(name)
        ok, count = _state(db)
        assert ok == "ok", name
        assert count in (0, ROWS), f"{name}: {count} of {ROWS} organisations"
        print(name, "killed" if killed and killed[-1] == name else "finished", count)
        baseline = max(baseline, _wal_bytes(db)) if count == 0 else baseline
    assert "starting" in killed and len(killed) >= 3, killed
    proc = _start(db, path)
    assert proc.wait(timeout=600) == 0
    assert _state(db) == ("ok", ROWS)
