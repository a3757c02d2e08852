"""Start-up: the CLI loads an engine only when a command that needs it runs.

``corridor --help`` has to answer in well under half a second; what costs seconds is
importing the store (SQLAlchemy, Alembic), the settings (pydantic), the engines and
their libraries. These tests check, in a fresh interpreter, which modules are loaded —
behaviour that holds on any machine; the times themselves are benchmarks/cli.py's.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.cli.test_cli_imports import BELOW_SERVICES

HEAVY = (
    "sqlalchemy",
    "alembic",
    "pydantic_settings",  # (pydantic itself: Typer uses it to convert option values)
    "numpy",
    "pandas",
    "torch",
    "kiwipiepy",
    "jieba",
    "pypinyin",
    "ortools",
    "highspy",
    "weasyprint",
    "bm25s",
    "openpyxl",
    "jinja2",
    "argon2",
    "corridor.services",
    "corridor.settings",
    *sorted(BELOW_SERVICES),  # the engines, the store and text/
)

PROBE = """
import io, json, sys
from contextlib import redirect_stdout
argv = json.loads(sys.argv[1])
if argv is None:
    import corridor.cli.main
else:
    from corridor.cli.main import run
    with redirect_stdout(io.StringIO()):
        code = run(argv)
    assert code == 0, code
print(json.dumps(sorted(sys.modules)))
"""


def loaded_after(argv: list[str] | None) -> set[str]:
    """Modules a fresh interpreter holds after importing the CLI (and running ``argv``)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argv)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout))


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(h for h in HEAVY if any(m == h or m.startswith(h + ".") for m in modules))


@pytest.mark.parametrize(
    "argv",
    [None, ["--help"], ["screen", "--help"], ["search", "--help"], ["lists", "update", "--help"]],
    ids=["import", "help", "screen-help", "search-help", "lists-update-help"],
)
def test_help_loads_no_engine_store_or_settings(argv: list[str] | None) -> None:
    assert heavy_in(loaded_after(argv)) == []


def test_the_probe_sees_an_engine_once_a_command_runs(tmp_path: object) -> None:
    """The same probe on a command that opens a database does load the store."""
    modules = loaded_after(["--db", f"{tmp_path}/c.db", "init"])
    assert "sqlalchemy" in heavy_in(modules) and "corridor.store" in heavy_in(modules)
