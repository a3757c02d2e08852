"""``corridor users``, ``corridor tokens`` and ``corridor serve``'s refusal off localhost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.cli.serve import is_loopback
from corridor.services import users
from corridor.services.database import open_database

runner = CliRunner()


def test_users_and_tokens(tmp_path: Path) -> None:
    db = str(tmp_path / "corridor.db")
    added = runner.invoke(
        app,
        [
            "--db",
            db,
            "users",
            "add",
            "Chief@Example.org",
            "--role",
            "admin",
            "--role",
            "organiser",
            "--password-stdin",
        ],
        input="a long enough password\n",
    )
    assert added.exit_code == 0, added.output
    assert "chief@example.org (admin, organiser)" in added.output
    again = runner.invoke(
        app,
        ["--db", db, "users", "add", "chief@example.org", "--role", "viewer", "--password-stdin"],
        input="a long enough password\n",
    )
    assert again.exit_code == 4 and "already exists" in again.output
    bad = runner.invoke(
        app,
        ["--db", db, "users", "add", "x@example.org", "--role", "king", "--password-stdin"],
        input="a long enough password\n",
    )
    assert bad.exit_code == 2 and "unknown role" in bad.output
    listed = runner.invoke(app, ["--db", db, "users", "list"])
    assert "chief@example.org" in listed.output

    created = runner.invoke(
        app, ["--db", db, "tokens", "create", "--role", "viewer", "--name", "nightly"]
    )
    assert created.exit_code == 0
    token = created.output.strip().splitlines()[-1]
    engine = open_database(db)
    assert token.startswith("ctk_") and users.token_principal(engine, token) is not None
    listing = runner.invoke(app, ["--db", db, "tokens", "list"]).output
    assert "nightly" in listing and token not in listing
    assert runner.invoke(app, ["--db", db, "tokens", "revoke", "1"]).exit_code == 0
    assert users.token_principal(engine, token) is None
    assert runner.invoke(app, ["--db", db, "tokens", "revoke", "99"]).exit_code == 3  # not found
    engine.dispose()


def test_short_passwords_are_refused(tmp_path: Path) -> None:
    r = runner.invoke(
        app,
        [
            "--db",
            str(tmp_path / "c.db"),
            "users",
            "add",
            "a@example.org",
            "--role",
            "viewer",
            "--password-stdin",
        ],
        input="short\n",
    )
    assert r.exit_code == 2 and "at least 10 characters" in r.output


def test_serve_refuses_a_public_address_without_a_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CORRIDOR_SECRET_KEY", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env from the working directory
    r = runner.invoke(app, ["--db", str(tmp_path / "c.db"), "serve", "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "CORRIDOR_SECRET_KEY" in r.output


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("corridor.example", False),
    ],
)
def test_is_loopback(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_invite_prints_links_lists_resends_and_revokes(db_path: Path) -> None:
    db = ["--db", str(db_path)]
    sent = runner.invoke(
        app,
        [
            *db,
            "invite",
            "send",
            "shanghai-2026",
            "--org",
            "kr-lunit",
            "--email",
            "cli@lunit.example",
            "--print",
            "--base-url",
            "https://portal.example",
        ],
    )
    assert sent.exit_code == 0, sent.output
    found = re.search(r"#(\d+) .*\(ko\): (https://portal\.example/invite/\S+)", sent.output)
    assert found is not None, sent.output
    again = runner.invoke(
        app, [*db, "invite", "resend", "shanghai-2026", found.group(1), "--print"]
    )
    assert again.exit_code == 0 and "/invite/" in again.output
    listed = runner.invoke(app, [*db, "invite", "list", "shanghai-2026"])
    assert "replaced" in listed.output and "live" in listed.output
    newer = re.search(r"#(\d+) ", again.output)
    assert newer is not None
    gone = runner.invoke(app, [*db, "invite", "revoke", "shanghai-2026", newer.group(1)])
    assert gone.exit_code == 0 and "revoked" in gone.output
    bad = runner.invoke(
        app,
        [
            *db,
            "invite",
            "send",
            "shanghai-2026",
            "--lang",
            "fr",
            "--org",
            "kr-lunit",
            "--email",
            "x@lunit.example",
        ],
    )
    assert bad.exit_code == 2 and "language" in bad.output
