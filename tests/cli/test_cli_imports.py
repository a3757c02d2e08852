"""The CLI reaches the engines and the store only through services (issue 10: services/
is the application's one API), checked here per module and by the import contract."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "src" / "corridor" / "cli"
ALLOWED = (
    "corridor.cli",
    "corridor.services",
    "corridor.core",
    "corridor.exc",
    "corridor.settings",
)
# `corridor serve` starts the web app; `corridor invite` sends the web's own invitation
# e-mail (written through its translation function), so both channels send the same words;
# `corridor screen batch` runs on scale/ (Dask), which sits beside the web above services.
EXTRA = {
    "serve.py": ("corridor.web.app",),
    "invite.py": ("corridor.web.mail",),
    "screen.py": ("corridor.scale",),
}
BELOW_SERVICES = {
    "corridor.store",
    "corridor.screen",
    "corridor.match",
    "corridor.schedule",
    "corridor.search",
    "corridor.registry",
    "corridor.reports",
    "corridor.text",
    "corridor.safety",
}


def corridor_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    found += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    return [m for m in found if m.startswith("corridor")]


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_module_imports_only_services_core_exc_settings(path: Path) -> None:
    allowed = ALLOWED + EXTRA.get(path.name, ())
    imported = corridor_imports(path)
    wrong = [m for m in imported if not any(m == a or m.startswith(a + ".") for a in allowed)]
    assert wrong == []


def test_the_check_catches_an_engine_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from corridor.schedule.solution import Schedule\nimport corridor.store.sql\n")
    assert corridor_imports(bad) == ["corridor.store.sql", "corridor.schedule.solution"]


def contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return found


def test_an_import_contract_holds_the_cli_to_services() -> None:
    """``make imports`` (lint-imports) fails when a CLI module imports below services."""
    cli = [c for c in contracts() if c.get("source_modules") == ["corridor.cli"]]
    assert len(cli) == 1
    assert cli[0]["type"] == "forbidden"
    assert set(cli[0]["forbidden_modules"]) == BELOW_SERVICES
    assert "ignore_imports" not in cli[0]


def test_an_import_contract_holds_services_to_the_store_protocols() -> None:
    found = [c for c in contracts() if c.get("source_modules") == ["corridor.services"]]
    assert len(found) == 1
    forbidden = set(found[0]["forbidden_modules"])
    assert {"corridor.store.db", "corridor.store.sql", "corridor.store.tables"} <= forbidden
    assert "corridor.store.base" not in forbidden
    ignored = {i.split(" -> ")[0] for i in found[0]["ignore_imports"]}
    assert ignored == {"corridor.services.uow", "corridor.services.database"}
