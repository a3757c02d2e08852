"""The CLI through Typer's runner: each command does its job and fails clearly."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.services.bundled import bundled
from corridor.store.db import head_revision
from tests.conftest import FIXTURES
from tests.factory import REAL_ORGS, synthetic_rows, write_csv

EXAMPLE = bundled("shanghai-2026")
runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_init_creates_then_reports_up_to_date(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(db, "init") == (0, run(db, "init")[1].replace("up to date", "created"))
    code, out = run(db, "init")
    assert code == 0 and "up to date" in out and f"schema {head_revision()}" in out


def test_import_list_show_export(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    orgs = write_csv(tmp_path / "organisations.csv", REAL_ORGS)
    code, out = run(db, "import", str(orgs))
    assert code == 0, out
    assert "organisations" in out and "6" in out
    code, out = run(db, "orgs", "list", "--country", "CN")
    assert code == 0 and "华为技术" in out and "삼성전자" not in out
    code, out = run(db, "orgs", "show", "kr-samsung-electronics")
    assert code == 0 and "1248100998" in out and "삼성전자 주식회사" in out
    target = tmp_path / "out.json"
    code, out = run(db, "export", "organisations", str(target))
    assert code == 0 and "wrote 6 organisations" in out
    assert {r["key"] for r in json.loads(target.read_text(encoding="utf-8"))} == {
        r["key"] for r in REAL_ORGS
    }


def test_rejected_import_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    rows = synthetic_rows(100)
    rows[2]["country"] = "XX"
    rows[50]["sectors"] = "alchemy"
    rows[99]["kind"] = "pirate"
    path = write_csv(tmp_path / "organisations.csv", rows)
    result = runner.invoke(app, ["--db", str(tmp_path / "c.db"), "import", str(path)])
    assert result.exit_code == 2
    text = result.output
    for row, field, value in (
        ("4", "country", "XX"),
        ("52", "sectors", "alchemy"),
        ("101", "kind", "pirate"),
    ):
        assert row in text and field in text and value in text
    assert "nothing written: 3 problem(s) in 3 row(s)" in text
    code, out = run(tmp_path / "c.db", "orgs", "list")
    assert code == 0 and "0 organisations" in out


def test_encoding_option_and_kind_guessing(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    code, out = run(
        db,
        "import",
        str(FIXTURES / "orgs_kr_cp949.csv"),
        "--kind",
        "organisations",
        "--encoding",
        "euc-kr",
    )
    assert code == 0 and "as cp949" in out, out
    code, out = run(db, "import", str(FIXTURES / "orgs_kr_cp949.csv"))
    assert code == 0 and "unchanged" in out  # "orgs_…" names the kind; nothing changes
    unnamed = tmp_path / "partners.csv"
    unnamed.write_bytes((FIXTURES / "orgs_kr_cp949.csv").read_bytes())
    code, out = run(db, "import", str(unnamed))
    assert code == 2 and "use --kind" in out


def test_unknown_org_is_a_clear_error_with_status_3(tmp_path: Path) -> None:
    assert run(tmp_path / "c.db", "init")[0] == 0
    code, out = run(tmp_path / "c.db", "orgs", "show", "nope")
    assert code == 3 and "organisation not found: 'nope'" in out


def readme_tour() -> list[list[str]]:
    """The `$ corridor …` lines of the README's CLI tour, as argument lists."""
    text = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    tour = text.split("## A short tour of the CLI", 1)[1].split("| command |", 1)[0]
    lines = [ln[2:].split("  #")[0] for ln in tour.splitlines() if ln.startswith("$ corridor ")]
    assert len(lines) >= 10
    return [shlex.split(ln)[1:] for ln in lines]


def test_demo_writes_out_and_summarises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out_dir = tmp_path / "out"
    monkeypatch.chdir(tmp_path)  # as `make demo` runs in the checkout
    monkeypatch.delenv("CORRIDOR_SEARCH_INDEX", raising=False)
    code, out = run(
        tmp_path / "c.db", "demo", "--out", str(out_dir), "--example", str(EXAMPLE), "--no-pdf"
    )
    assert code == 0, out
    assert "meeting requests" in out and "Shanghai" in out
    assert re.search(r"requests set aside by screening\W+12\b", out), out
    for name in (
        "index.html",
        "summary.json",
        "registry/organisations.csv",
        "registry/organisations.xlsx",
        "registry/people.csv",
        "registry/requests.csv",
    ):
        assert (out_dir / name).stat().st_size > 0, name
    summary = json.loads((out_dir / "summary.json").read_text())
    assert summary["counts"]["organisations"] >= 70
    assert "MiniMax" in (out_dir / "index.html").read_text(encoding="utf-8")
    assert any((tmp_path / "search-index").iterdir())  # where `corridor serve` will look
    assert "corridor serve" in out
    # `corridor search` right after the demo finds the index it built (issue 12).
    code, found = run(tmp_path / "c.db", "search", "개인정보 국외 이전", "--json", "--k", "3")
    assert code == 0 and len(json.loads(found)) == 3, found
    # The README's tour runs as written right after the demo, from the checkout.
    (tmp_path / "src" / "corridor").mkdir(parents=True)
    (tmp_path / "src" / "corridor" / "bundled").symlink_to(EXAMPLE.parent)
    for line in readme_tour():
        code, said = run(tmp_path / "c.db", *line)
        assert code == 0, (line, said)
    code, out = run(tmp_path / "c.db", "missions", "show", "shanghai-2026")
    assert code == 0 and "Asia/Shanghai" in out
    assert "Interpreter" in (out_dir / "plan.html").read_text(encoding="utf-8")
    facts = json.loads((out_dir / "schedule-summary.json").read_text(encoding="utf-8"))
    assert facts["meetings"] > 50 and facts["startups_without_meeting"] == []
    agendas = sorted((out_dir / "agendas").glob("*.ics"))
    # Every delegate of an organisation taking part gets an agenda; those of the five
    # organisations screening holds (undecided strong hits) do not (services/admission.py).
    from corridor.services.admission import admission
    from corridor.services.registry import find_people
    from corridor.store.db import make_engine

    engine = make_engine(str(tmp_path / "c.db"))
    taking_part = admission(engine, "shanghai-2026").admitted
    delegates = [
        p for p in find_people(engine, mission="shanghai-2026") if p.org_key in taking_part
    ]
    engine.dispose()
    assert len(agendas) == len(delegates) < summary["counts"]["people"]
    code, out = run(tmp_path / "c.db", "schedule", "replan", "--cancel", "cn-agibot")
    assert code == 0, out
    moved = int(re.search(r"moved (\d+)", out).group(1))  # type: ignore[union-attr]
    assert moved <= 2  # at most 2 % of ~100 published meetings move (target)
    assert "dropped" in out and "cn-agibot" in out
    code, out = run(tmp_path / "c.db", "schedule", "replan", "--no-show", "nobody")
    assert code == 3 and "interpreter not found" in out


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["init"],
        ["import"],
        ["export"],
        ["orgs"],
        ["orgs", "list"],
        ["orgs", "show"],
        ["missions"],
        ["missions", "list"],
        ["missions", "show"],
        ["demo"],
        ["formats"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output) > 200
