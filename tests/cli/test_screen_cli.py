"""``corridor lists`` and ``corridor screen`` through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app
from corridor.services.bundled import bundled
from tests.conftest import FIXTURES

LISTS = FIXTURES / "lists"
runner = CliRunner()


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def _loaded(tmp_path: Path) -> Path:
    db = tmp_path / "c.db"
    code, out = run(
        db,
        "lists",
        "load",
        str(LISTS / "ofac_sdn" / "sdn.csv"),
        str(LISTS / "ofac_cons" / "cons_prim.csv"),
        str(LISTS / "un_sc" / "consolidated.xml"),
    )
    assert code == 0, out
    return db


def test_lists_load_reports_versions_and_is_idempotent(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    code, out = run(db, "lists", "load", str(LISTS / "ofac_cons" / "cons_prim.csv"))
    assert code == 0 and "unchanged" in out
    code, out = run(db, "lists", "list")
    assert code == 0 and "ofac_cons" in out and "un_sc" in out and "2026-02-27" in out


def test_a_truncated_list_is_refused_with_its_name(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    broken = tmp_path / "consolidated.xml"
    data = (LISTS / "un_sc" / "consolidated.xml").read_bytes()
    broken.write_bytes(data[: len(data) // 3])
    code, out = run(db, "lists", "load", str(broken))
    assert code == 2 and "consolidated.xml" in out and "truncated" in out
    code, out = run(db, "lists", "list")
    assert out.count("un_sc") == 1  # the version in force is still the only one


def test_screen_name_json(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    code, out = run(db, "screen", "name", "江西洪都航空工业股份有限公司", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert data["query"] == "江西洪都航空工业股份有限公司"
    top = data["hits"][0]
    assert set(top) == {
        "source",
        "source_id",
        "name",
        "matched_name",
        "score",
        "band",
        "explanation",
    }
    assert (top["source"], top["source_id"]) == ("ofac_cons", "32088")
    assert "curated alias table" in top["explanation"]
    assert [c["source"] for c in data["coverage"]["checked"]] == ["ofac_cons", "ofac_sdn", "un_sc"]
    assert data["coverage"]["checked"][2]["published"] == "2026-02-27"
    assert {g["source"] for g in data["coverage"]["not_checked"]} >= {"bis_dpl", "us_csl"}
    assert data["coverage"]["complete"] is False
    code, out = run(db, "screen", "name", "Jiangxi Hongdu Aviation Industry", "--json")
    assert json.loads(out)["hits"][0]["source_id"] == "32088"
    code, out = run(db, "screen", "name", "Rainbow Robotics")
    assert code == 0 and "no hits for 'Rainbow Robotics' in the lists checked" in out
    assert "checked against: OFAC" in out and "not checked:" in out


def test_screen_names_file_json_one_object_per_row(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    names = tmp_path / "names.csv"
    names.write_text(
        "name,kind,country\n华为技术有限公司,org,CN\n김정은,person,\n"
        "Rainbow Robotics,org,KR\nKim Jong-un,,\n",
        encoding="utf-8",
    )
    code, out = run(db, "screen", "names", str(names), "--json")
    assert code == 0, out
    rows = json.loads(out)
    assert [r["query"] for r in rows] == [
        "华为技术有限公司",
        "김정은",
        "Rainbow Robotics",
        "Kim Jong-un",
    ]
    assert rows[0]["hits"][0]["source_id"] == "30947"
    assert rows[1]["hits"][0]["name"] == "KIM, Jong Un" and rows[1]["hits"][0]["band"] == "review"
    assert rows[2]["hits"] == []
    assert "BIS Entity List" in rows[2]["coverage"]["summary"]
    assert rows[3]["hits"][0]["source_id"] == "20157"


def test_screen_names_rejects_bad_rows(tmp_path: Path) -> None:
    db = _loaded(tmp_path)
    names = tmp_path / "names.csv"
    names.write_text("name,kind\n,org\nHuawei,vessel\n", encoding="utf-8")
    code, out = run(db, "screen", "names", str(names))
    assert code == 2 and "name is empty" in out and "kind must be org or person" in out


def test_screen_without_lists_says_what_to_do(tmp_path: Path) -> None:
    assert run(tmp_path / "c.db", "init")[0] == 0
    code, out = run(tmp_path / "c.db", "screen", "name", "Huawei")
    assert code == 2 and "corridor lists load" in out


def test_mission_screening_decisions_and_audit(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    example = bundled("shanghai-2026")
    out_dir = tmp_path / "out"
    code, out = run(db, "demo", "--out", str(out_dir), "--example", str(example), "--no-pdf")
    assert code == 0, out
    html = (out_dir / "screening.html").read_text(encoding="utf-8")
    assert "SZ DJI TECHNOLOGY CO., LTD." in html and "Organiser edition" in html
    # The bundled CSL is a 13-row sample and the UN list is not bundled: the report says so.
    assert 'id="coverage-gaps">Not checked: ' in html and "BIS Entity List" in html
    assert "only a 13-entry sample of the US Consolidated Screening List" in html
    assert 'screening: "cleared" means cleared against ' in out
    code, out = run(
        db,
        "screen",
        "decide",
        "cn-dji",
        "ofac_cons",
        "33111",
        "--action",
        "block",
        "--reason",
        "NS-CMIC listed",
        "--actor",
        "compliance@agency",
    )
    assert code == 0 and "block" in out
    code, out = run(db, "screen")
    assert code == 0 and "cn-dji" in out and "blocked 1" in out
    assert "not checked: UN Security Council Consolidated List (not loaded)" in out
    code, out = run(db, "screen", "audit", str(tmp_path / "audit.json"))
    assert code == 0
    trail = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert trail[0]["reason_or_explanation"] == "NS-CMIC listed"


def test_match_and_syndicates_on_the_demo(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    example = bundled("shanghai-2026")
    code, out = run(db, "import", str(example))
    assert code == 0, out
    code, out = run(db, "match", "--for", "cn-agibot", "--json", "--lang", "en")
    assert code == 0, out
    recs = json.loads(out)["cn-agibot"]
    assert 0 < len(recs) <= 6
    assert all(r["explanation"] and r["partner"].startswith("kr-") for r in recs)
    code, out = run(db, "syndicates", "--json")
    assert code == 0
    found = json.loads(out)
    assert all(len(s["investors"]) in (2, 3) for options in found.values() for s in options)
