"""Documentation stays true: the format reference and the CLI tour match the code."""

from __future__ import annotations

from pathlib import Path

import typer.main

from corridor.cli.main import app
from corridor.registry.docs import formats_markdown

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: object, prefix: str = "corridor") -> list[str]:
    commands = getattr(group, "commands", None)
    assert isinstance(commands, dict)
    names = []
    for name, command in sorted(commands.items()):
        if hasattr(command, "commands"):
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_data_format_reference_is_current() -> None:
    text = (ROOT / "docs" / "data-formats.md").read_text(encoding="utf-8")
    assert text == formats_markdown(), (
        "regenerate: corridor formats --markdown > docs/data-formats.md"
    )


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands(typer.main.get_command(app))
    assert len(commands) >= 8
    missing = [c for c in commands if c not in readme]
    assert missing == []


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make test" in ci
