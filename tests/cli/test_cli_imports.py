"""The command groups the web console shares use cases with reach the engines and
the store only through services (issue 10: services/ is the application's one API)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[2] / "src" / "corridor" / "cli"
ALLOWED = ("corridor.services", "corridor.core", "corridor.exc", "corridor.settings")


def corridor_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    found += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    return [m for m in found if m.startswith("corridor")]


@pytest.mark.parametrize("name", ["schedule.py", "match.py", "search.py"])
def test_cli_module_imports_only_services_core_exc_settings(name: str) -> None:
    imported = corridor_imports(CLI / name)
    assert "corridor.cli.common" in imported
    wrong = [
        m
        for m in imported
        if m != "corridor.cli.common" and not any(m == a or m.startswith(a + ".") for a in ALLOWED)
    ]
    assert wrong == []


def test_the_check_catches_an_engine_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from corridor.schedule.solution import Schedule\nimport corridor.store.sql\n")
    assert corridor_imports(bad) == ["corridor.store.sql", "corridor.schedule.solution"]
