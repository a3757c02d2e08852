"""Two Corridor commands on one database at once, as real processes.

Each test starts real ``corridor`` subprocesses on a real SQLite file (or the
PostgreSQL server of the run): a second writer waits for the first instead of crashing
with "database is locked", two ``init``s take turns, and a writer that holds the lock
too long gets a sentence, not a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corridor.store.db import current_revision, head_revision, make_engine
from tests.factory import synthetic_rows, write_csv

SRC = Path(__file__).resolve().parents[2] / "src"


def corridor(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """A ``corridor`` process with this worktree's sources first on the path."""
    full = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-c", "from corridor.cli.main import main; main()", *args],
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str]:
    """Exit status and everything the process printed."""
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out + err


def finish_all(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    """Every process finished (none left running when an assertion fails)."""
    return [finish(process) for process in processes]


def organisations_file(path: Path, prefix: str, count: int) -> Path:
    """``count`` valid organisations whose keys and names start with ``prefix``."""
    path.mkdir()
    rows = synthetic_rows(count)
    for row in rows:
        row["key"] = f"{prefix}-{row['key']}"
        for column in ("name_en", "name_ko", "name_zh"):
            if row[column]:
                row[column] = f"{prefix} {row[column]}"
    return write_csv(path / "organisations.csv", rows)


def count_orgs(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT count(*) FROM organizations").fetchone()[0])


def test_two_imports_at_once_both_succeed(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert finish(corridor("--db", str(db), "init"))[0] == 0
    files = [organisations_file(tmp_path / p, p, 150) for p in ("alpha", "beta")]
    results = finish_all([corridor("--db", str(db), "import", str(f)) for f in files])
    for code, output in results:
        assert code == 0, output
        assert "Traceback" not in output
    assert count_orgs(db) == 300


@pytest.mark.parametrize("attempt", range(3))
def test_two_inits_at_once_both_succeed(db_url: str, attempt: int) -> None:
    for code, output in finish_all([corridor("--db", db_url, "init") for _ in range(2)]):
        assert code == 0, output
        assert "database" in output and "Traceback" not in output
    engine = make_engine(db_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_two_commands_starting_on_a_new_database_both_migrate(tmp_path: Path) -> None:
    """Any command migrates on start: two imports on a file that does not exist yet."""
    db = tmp_path / "new.db"
    files = [organisations_file(tmp_path / p, p, 20) for p in ("alpha", "beta")]
    for code, output in finish_all([corridor("--db", str(db), "import", str(f)) for f in files]):
        assert code == 0, output
    assert count_orgs(db) == 40


HOLD_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("CREATE TABLE IF NOT EXISTS held (x)")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def hold_write_lock(db: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding SQLite's write lock for ``seconds``; returns once held."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_writer_holding_the_lock_too_long_gives_a_sentence(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert finish(corridor("--db", str(db), "init"))[0] == 0
    orgs = organisations_file(tmp_path / "alpha", "alpha", 5)
    holder = hold_write_lock(db, 20)
    try:
        started = time.monotonic()
        code, output = finish(
            corridor("--db", str(db), "import", str(orgs), env={"CORRIDOR_DB_BUSY_TIMEOUT": "0.5"})
        )
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.communicate()
    assert code == 2, output
    assert "another Corridor command is writing to this database" in output
    assert "try again when it has finished" in output and "Traceback" not in output
    assert waited < 15  # gave up after its own timeout, not the holder's 20 s
    assert count_orgs(db) == 0


def test_writer_waits_for_a_short_lock_then_succeeds(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert finish(corridor("--db", str(db), "init"))[0] == 0
    orgs = organisations_file(tmp_path / "alpha", "alpha", 5)
    holder = hold_write_lock(db, 1.5)
    code, output = finish(
        corridor("--db", str(db), "import", str(orgs), env={"CORRIDOR_DB_BUSY_TIMEOUT": "60"})
    )
    holder.communicate()
    assert code == 0, output
    assert count_orgs(db) == 5


def test_reading_needs_no_write_lock_while_transaction_waits(tmp_path: Path) -> None:
    """``reading`` reads beside a writer; ``transaction`` queues for the lock (Busy)."""
    from corridor.exc import Busy
    from corridor.store.db import migrate, reading, session_factory, transaction
    from corridor.store.sql import SqlStore

    db = tmp_path / "c.db"
    engine = make_engine(str(db), busy_timeout=0.3)
    migrate(engine)
    holder = hold_write_lock(db, 20)
    try:
        started = time.monotonic()
        with reading(session_factory(engine)) as session:
            assert SqlStore(session).organisation_keys() == set()
        assert time.monotonic() - started < 0.3
        with pytest.raises(Busy), transaction(session_factory(engine)) as session:
            SqlStore(session).organisation_keys()
    finally:
        holder.kill()
        holder.communicate()
        engine.dispose()


def test_switching_a_new_file_to_wal_waits_for_a_writer(tmp_path: Path) -> None:
    """While another process writes a file not yet in WAL (a new database: the mode
    reaches the file with its first write), SQLite refuses the WAL switch at once
    without waiting: a command starting then waits instead of failing."""
    import sqlite3
    import threading

    from sqlalchemy import text

    db = tmp_path / "c.db"
    writer = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: writer.execute("COMMIT"))
    release.start()
    engine = make_engine(str(db), busy_timeout=10)
    try:
        started = time.monotonic()
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert time.monotonic() - started >= 0.4
    finally:
        release.join()
        writer.close()
        engine.dispose()
