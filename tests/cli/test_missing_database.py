"""A mistyped --db: commands that only read refuse it; nothing is created or migrated.

Before, any command opened (and so created and migrated) whatever path it was given,
and then reported an empty registry — the wrong database, silently.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app

runner = CliRunner()

READERS = [
    ["orgs", "list"],
    ["orgs", "show", "kr-samsung-electronics"],
    ["missions", "list"],
    ["missions", "show", "shanghai-2026"],
    ["missions", "policy", "shanghai-2026"],
    ["missions", "held", "shanghai-2026"],
    ["lists", "list"],
    ["lists", "log"],
    ["lists", "use", "ofac_sdn", "1", "--reason", "back"],
    ["screen"],
    ["screen", "name", "Huawei"],
    ["screen", "name", "Huawei", "--json"],
    ["screen", "audit", "AUDIT"],
    ["match"],
    ["syndicates"],
    ["schedule"],
    ["outcomes", "kpis"],
    ["export", "organisations", "EXPORT"],
    ["users", "list"],
    ["tokens", "list"],
    ["invite", "list", "shanghai-2026"],
]


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a))
def test_a_reader_refuses_a_database_that_is_not_there(tmp_path: Path, argv: list[str]) -> None:
    db = tmp_path / "typo.db"
    args = [str(tmp_path / "out.csv") if a in ("AUDIT", "EXPORT") else a for a in argv]
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 3, result.output
    flat = " ".join(result.output.split())
    assert f"no Corridor database at {db}; run `corridor init`" in flat
    assert not db.exists() and list(tmp_path.iterdir()) == []


def test_an_empty_file_is_not_a_database_either(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    result = runner.invoke(app, ["--db", str(db), "orgs", "list"])
    assert result.exit_code == 3 and "no Corridor database" in result.output
    with sqlite3.connect(db) as connection:  # not migrated: no table at all
        assert connection.execute("SELECT name FROM sqlite_master").fetchall() == []
    connection.close()


def test_writers_create_it_and_readers_then_work(tmp_path: Path) -> None:
    db = tmp_path / "new" / "c.db"
    assert runner.invoke(app, ["--db", str(db), "init"]).exit_code == 0
    listed = runner.invoke(app, ["--db", str(db), "orgs", "list"])
    assert listed.exit_code == 0 and "0 organisations" in listed.output
    other = tmp_path / "other.db"
    made = runner.invoke(
        app,
        [
            "--db",
            str(other),
            "users",
            "add",
            "a@example.org",
            "--role",
            "viewer",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert made.exit_code == 0 and other.exists()
