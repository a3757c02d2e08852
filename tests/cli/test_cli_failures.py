"""No traceback reaches a user: every failure is a sentence and an exit status.

Store and settings failures through the real CLI — in-process through Typer's runner
where that is the real path, and as real processes where the last line of defence
(``corridor.cli.main.main``), signals or log files are what is tested.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from tests.factory import REAL_ORGS, org_row, synthetic_rows, write_csv

SRC = Path(__file__).resolve().parents[2] / "src"
HOSTILE = Path(__file__).resolve().parents[1] / "hostile" / "store"
runner = CliRunner()


def run(db: str | Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args], env=env)
    return result.exit_code, result.output


def process(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """The console script's code path (``main()``) as a real process."""
    return subprocess.Popen(
        [sys.executable, "-c", "from corridor.cli.main import main; main()", *args],
        env={**os.environ, "PYTHONPATH": str(SRC), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_duplicate_business_number_names_both_organisations(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(db, "import", str(write_csv(tmp_path / "organisations.csv", REAL_ORGS)))[0] == 0
    samsung = next(r for r in REAL_ORGS if r["key"] == "kr-samsung-electronics")
    copy = org_row(
        key="kr-samsung-copy",
        kind="corporate",
        country="KR",
        name_en="Samsung Copy Co",
        sectors="semiconductors",
        kr_brn=samsung["kr_brn"],
    )
    (tmp_path / "second").mkdir()
    code, out = run(db, "import", str(write_csv(tmp_path / "second" / "organisations.csv", [copy])))
    assert code == 4, out  # a conflict with what is stored
    flat = " ".join(out.split())
    assert "'kr-samsung-copy'" in flat and "'kr-samsung-electronics'" in flat
    assert "1248100998" in flat and "nothing was written" in flat
    assert "IntegrityError" not in out and "Traceback" not in out
    code, out = run(db, "orgs", "list")
    assert code == 0 and "kr-samsung-copy" not in out


@pytest.mark.parametrize("name", ["not-a-database.db", "truncated-header.db"])
def test_a_file_that_is_not_a_database(name: str) -> None:
    code, out = run(HOSTILE / name, "orgs", "list")
    assert code == 2, out
    assert "is not a Corridor database" in out or "is damaged" in out
    assert "Traceback" not in out


def test_unreachable_postgresql_masks_the_password() -> None:
    port = unused_port()
    code, out = run(f"postgresql://corridor:hunter2-pw@127.0.0.1:{port}/x", "orgs", "list")
    assert code == 2, out
    flat = " ".join(out.split())
    assert f"cannot connect to postgresql+psycopg://corridor:***@127.0.0.1:{port}/x" in flat
    assert "connection refused" in flat.lower()
    assert "hunter2-pw" not in out


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://root:hunter2-pw@localhost/x", "unsupported database mysql://root:***@"),
        ("postgresql://u:hunter2-pw@host:notaport/x", "not a database URL"),
    ],
)
def test_bad_database_urls_are_a_sentence(url: str, words: str) -> None:
    code, out = run(url, "init")
    assert code == 2, out
    assert words in " ".join(out.split()) and "hunter2-pw" not in out


def test_sqlite_in_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, out = run(blocker / "sub" / "c.db", "init")
    assert code == 2, out
    assert "cannot create the folder" in out and "Traceback" not in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_sqlite_in_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, out = run(folder / "c.db", "init")
    finally:
        folder.chmod(0o755)
    assert code == 2 and "cannot open" in out, out


def test_server_mode_with_a_short_key_exits_2_without_echoing_it(tmp_path: Path) -> None:
    env = {"CORRIDOR_MODE": "server", "CORRIDOR_SECRET_KEY": "short-Zq9-secret"}
    code, out = run(tmp_path / "c.db", "init", env=env)
    assert code == 2, out
    assert "CORRIDOR_SECRET_KEY" in out and "short-Zq9-secret" not in out


def test_a_bug_is_one_line_and_a_log_file(tmp_path: Path) -> None:
    """A row no Corridor code could have written (an unknown kind) trips a bug path."""
    db = tmp_path / "c.db"
    assert run(db, "import", str(write_csv(tmp_path / "organisations.csv", REAL_ORGS)))[0] == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE organizations SET kind = 'pirate'")
    connection.close()
    state = tmp_path / "state"
    _out, err = process(
        "--db", str(db), "orgs", "list", env={"XDG_STATE_HOME": str(state)}
    ).communicate(timeout=120)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("internal error: ValueError:"), err
    assert "this is a bug; full traceback written to" in lines[0]
    logs = list((state / "corridor").glob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in lines[0]
    assert "Traceback (most recent call last)" in logs[0].read_text(encoding="utf-8")


def test_a_bug_exits_70(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(db, "import", str(write_csv(tmp_path / "organisations.csv", REAL_ORGS)))[0] == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE organizations SET kind = 'pirate'")
    connection.close()
    running = process("--db", str(db), "orgs", "list", env={"XDG_STATE_HOME": str(tmp_path)})
    running.communicate(timeout=120)
    assert running.returncode == 70


def test_ctrl_c_during_an_import_exits_130_with_nothing_written(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    # big enough to be still importing when the signal comes (20,000 rows take 2.5 s idle)
    orgs = write_csv(tmp_path / "organisations.csv", synthetic_rows(40_000))
    running = process("--db", str(db), "import", str(orgs))
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # migrating or already reading and writing the rows
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=120)
    assert running.returncode == 130, out + err
    assert "interrupted; nothing half-written" in err and "Traceback" not in err
    with sqlite3.connect(db) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        if "organizations" in tables:
            assert connection.execute("SELECT count(*) FROM organizations").fetchone()[0] == 0
    connection.close()


def test_values_that_look_like_rich_markup_are_shown_verbatim(tmp_path: Path) -> None:
    """A country of "[/x]" once crashed the problem table (Rich read it as a tag)."""
    code, out = run(tmp_path / "c.db", "import", str(HOSTILE / "markup" / "organisations.csv"))
    assert code == 2, out
    assert "[/x]" in out and "MarkupError" not in out and "internal error" not in out


def test_a_database_from_a_newer_corridor_is_a_sentence(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(db, "init")[0] == 0
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    code, out = run(db, "orgs", "list")
    assert code == 4, out  # a conflict with what is stored
    flat = " ".join(out.split())
    assert "at schema 9999_future" in flat and "upgrade Corridor" in flat


def test_a_stored_name_that_breaks_rich_markup_is_listed_verbatim(tmp_path: Path) -> None:
    """A name "Evil [/x] Co" imported fine, then crashed ``orgs list`` and ``orgs show``."""
    db = tmp_path / "c.db"
    assert run(db, "import", str(HOSTILE / "markup-name" / "organisations.csv"))[0] == 0
    for args in (("orgs", "list"), ("orgs", "show", "kr-markup")):
        code, out = run(db, *args)
        assert code == 0, out
        assert "Evil [/x] Co" in out
