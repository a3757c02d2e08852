"""Corridor as a package: every import declared, every data file in the wheel, and a
fresh virtualenv holding only the wheel runs the demo and a screening.

The wheel tests build with ``python -m build`` and install with pip into a new venv
(no system site packages, no Makefile, no --no-deps): pip resolves every dependency
from PyPI or its cache, so they need the network the first time and take a few
minutes (README, "Install"). They carry the ``packaging`` marker: CI runs them with the
rest; ``-m "not packaging"`` leaves them out of a quick local run.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "corridor"
# Imported by name nowhere, needed all the same: the PostgreSQL driver SQLAlchemy loads
# from a URL, the Korean model kiwipiepy loads, and what uvicorn and FastAPI pick up.
LOADED_BY_OTHERS = {"psycopg", "kiwipiepy-model", "uvloop", "httptools", "python-multipart"}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement string."""
    for stop in "[<>=!~; ":
        requirement = requirement.split(stop)[0]
    return requirement.lower().replace("_", "-")


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return {_name(r) for r in project["dependencies"]}


def imported_modules() -> set[str]:
    """The top-level modules every source file of src/ imports (absolute imports)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "corridor"}


def test_every_import_in_src_is_a_declared_dependency() -> None:
    providers = packages_distributions()
    missing = {
        module: providers.get(module)
        for module in imported_modules()
        if not {_name(d) for d in providers.get(module, [])} & declared()
    }
    assert missing == {}, "imported but not in pyproject's dependencies"


def test_every_declared_dependency_is_used() -> None:
    providers = packages_distributions()
    used = {_name(d) for m in imported_modules() for d in providers.get(m, [])}
    assert declared() - used - LOADED_BY_OTHERS == set()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel ``python -m build`` makes of this tree: from its sdist, unpacked in a
    fresh folder, so the sdist must hold everything and no stale build/ slips in."""
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    said = built.stdout + built.stderr
    assert "SetuptoolsDeprecationWarning" not in said and "BuildBackendWarning" not in said
    [path] = out.glob("corridor-*.whl")
    return path


def _clean_env() -> dict[str, str]:
    """This process's environment without what points at the source tree or a settings
    file: the venv must find Corridor only in its own site-packages."""
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("CORRIDOR_")}


@pytest.mark.packaging
def test_the_wheel_ships_every_file_of_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    tree = {
        p.relative_to(SRC.parent).as_posix()
        for p in SRC.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert tree - names == set()
    for shipped in (
        "corridor/bundled/lists/ofac_sdn/2024-05-03/sdn.csv.gz",
        "corridor/bundled/legal/vectors.npz",
        "corridor/bundled/shanghai-2026/mission.toml",
        "corridor/text/data/hanja_readings.tsv",
        "corridor/text/data/hanja_readings.LICENSE",
        "corridor/search/data/zh_en.tsv",
        "corridor/search/data/zh_en.LICENSE",
        "corridor/locale/ko/LC_MESSAGES/corridor.po",
    ):
        assert shipped in names


@pytest.mark.packaging
def test_a_fresh_venv_with_only_the_wheel_runs_the_demo_and_a_screening(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    env = _clean_env()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    python = venv / "bin" / "python"
    pip = subprocess.run(
        [str(python), "-m", "pip", "install", str(wheel)], capture_output=True, text=True, env=env
    )
    assert pip.returncode == 0, pip.stdout[-3000:] + pip.stderr[-3000:]
    assert "ERROR" not in pip.stdout + pip.stderr  # e.g. the resolver's conflict report
    work = tmp_path / "empty"
    work.mkdir()
    corridor = str(venv / "bin" / "corridor")

    def run(*args: str) -> str:
        done = subprocess.run(
            [corridor, *args], cwd=work, capture_output=True, text=True, env=env, timeout=900
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        return done.stdout

    demo = " ".join(run("demo", "--no-pdf", "--out", "out").split())
    assert "no lists loaded" not in demo
    assert "meetings scheduled" in demo and (work / "out" / "index.html").is_file()
    assert len(list((work / "out" / "agendas").glob("*.ics"))) > 50
    found = json.loads(run("screen", "name", "김정은", "--json"))
    assert {c["source"] for c in found["coverage"]["checked"]} >= {"ofac_sdn", "ofac_cons"}
    leader = [h for h in found["hits"] if (h["source"], h["source_id"]) == ("ofac_sdn", "20157")]
    assert [h["name"] for h in leader] == ["KIM, Jong Un"], found["hits"]  # SDN entry 20157
