"""CLI conventions (issue 12): --json on every command that prints results, exit codes,
logging on stderr with -v/-q, shell completion."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from corridor.cli.main import app, run
from corridor.services import screen_cache
from tests.conftest import FIXTURES
from tests.services.demo_db import MISSION, demo_database

runner = CliRunner()
# Commands that print no results of their own, and why.
NO_JSON = {
    "corridor serve": "a server: it prints where it listens, then request logs",
    "corridor formats": "documentation; --markdown is its machine-readable form",
}


def leaves(group: click.Command, prefix: str = "corridor") -> list[tuple[str, click.Command]]:
    """Every command, and every group that runs on its own (screen, match, schedule)."""
    found: list[tuple[str, click.Command]] = []
    commands = getattr(group, "commands", None)
    if commands is None or getattr(group, "invoke_without_command", False):
        found.append((prefix, group))
    for name, command in sorted((commands or {}).items()):
        found += leaves(command, f"{prefix} {name}")
    return found


def test_every_command_that_prints_results_has_json() -> None:
    commands = leaves(typer.main.get_command(app))[1:]  # not `corridor` itself
    assert len(commands) > 30
    lacking = [
        name
        for name, command in commands
        if name not in NO_JSON and not any("--json" in p.opts for p in command.params)
    ]
    assert lacking == []


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("conventions")
    shutil.copyfile(demo_database(tmp_path_factory), folder / "c.db")
    return folder / "c.db"


@pytest.mark.parametrize(
    ("argv", "check"),
    [
        (["orgs", "list"], lambda d: len(d) > 50 and {"key", "names", "kind"} <= set(d[0])),
        (["orgs", "show", "cn-agibot"], lambda d: d["organisation"]["key"] == "cn-agibot"),
        (["missions", "list"], lambda d: d[0]["key"] == MISSION),
        (["missions", "show", MISSION], lambda d: d["slots"] > 0 and len(d["sessions"]) > 0),
        (["missions", "policy", MISSION], lambda d: d["policy"] == "hold"),
        (["lists", "list"], lambda d: all("in_force" in v for v in d)),
        (["lists", "log"], lambda d: d[0]["action"] == "load"),
        (["screen", "name", "김정은"], lambda d: d["hits"][0]["source"] == "ofac_sdn"),
        (["syndicates"], lambda d: isinstance(d, dict)),
        (["schedule", "--list"], lambda d: d[0]["published"] is True),
        (["outcomes", "kpis"], lambda d: d["mission"] == MISSION and len(d["stages"]) > 3),
        (["users", "list"], lambda d: d == []),
        (["tokens", "list"], lambda d: d == []),
        (["invite", "list", MISSION], lambda d: d == []),
        (["init"], lambda d: d["outcome"] == "up to date"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_json_is_one_document_on_stdout_even_with_verbose_logging(
    demo_copy: Path, argv: list[str], check: object
) -> None:
    result = runner.invoke(app, ["--db", str(demo_copy), "-v", *argv, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert callable(check) and check(data)


def test_fail_on_turns_findings_into_exit_status_1(demo_copy: Path) -> None:
    def status(*argv: str) -> int:
        return runner.invoke(app, ["--db", str(demo_copy), "screen", *argv]).exit_code

    assert status("name", "김정은") == 0  # findings alone do not fail
    assert status("name", "김정은", "--fail-on", "review") == 1  # a review-band hit
    assert status("name", "김정은", "--fail-on", "block") == 0  # not a strong one
    assert status("name", "Plain Bakery of Nowhere", "--fail-on", "review") == 0
    assert status("name", "김정은", "--fail-on", "sometimes") == 2  # bad usage


def test_verbose_logs_stages_on_stderr_and_quiet_silences_warnings(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    sdn = str(FIXTURES / "lists" / "ofac_sdn" / "sdn.csv")
    assert runner.invoke(app, ["--db", str(db), "lists", "load", sdn]).exit_code == 0
    loud = runner.invoke(app, ["--db", str(db), "-v", "screen", "name", "Aaron Villa", "--json"])
    assert loud.exit_code == 0
    assert "building the screening index" in loud.stderr and "screening:" in loud.stderr
    json.loads(loud.stdout)
    index = tmp_path / "c.db.screen-index"
    index.write_bytes(b"damaged")
    screen_cache.clear()  # as a new process starts with nothing in memory
    warned = runner.invoke(app, ["--db", str(db), "screen", "name", "Aaron Villa"])
    assert warned.exit_code == 0 and "unusable" in warned.stderr
    index.write_bytes(b"damaged")
    screen_cache.clear()
    quiet = runner.invoke(app, ["--db", str(db), "-q", "screen", "name", "Aaron Villa"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_help_names_the_exit_codes_and_completion_is_on() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert run(["--help"]) == 0
    flat = " ".join(out.getvalue().split())
    for words in ("0 ok", "1 findings", "2 bad input", "3 not found", "4 conflict"):
        assert words in flat
    assert "--install-completion" in flat
    script = io.StringIO()
    with redirect_stdout(script), pytest.raises(SystemExit) as done:
        run(["--show-completion", "bash"])  # Typer exits the process itself here
    assert done.value.code == 0 and "_CORRIDOR_COMPLETE=complete_bash" in script.getvalue()


def test_the_shell_asks_and_corridor_completes() -> None:
    env = {**os.environ, "_CORRIDOR_COMPLETE": "complete_bash", "COMP_CWORD": "2"}
    env["COMP_WORDS"] = "corridor screen na"
    done = subprocess.run(
        [sys.executable, "-c", "from corridor.cli.main import main; main()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.split() == ["name", "names"]
