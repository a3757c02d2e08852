"""``corridor import`` on hostile files: a clear message and exit status 2, nothing stored."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from corridor.cli.main import app

HOSTILE = Path(__file__).resolve().parents[1] / "hostile" / "registry"
runner = CliRunner()


def _run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_mixed_encoding_exits_2_and_says_pass_encoding(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    path = tmp_path / "organisations.csv"
    path.write_bytes((HOSTILE / "utf8_with_cp1252_byte.csv").read_bytes())
    code, out = _run(db, "import", str(path))
    assert code == 2
    flat = " ".join(out.split())
    assert "mixed encodings?" in flat and "--encoding" in flat
    code, out = _run(db, "orgs", "list")
    assert code == 0 and "0 organisations" in out


def test_control_character_exits_2_naming_row_and_field(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    path = tmp_path / "organisations.csv"
    path.write_bytes((HOSTILE / "nul_in_name.csv").read_bytes())
    code, out = _run(db, "import", str(path))
    assert code == 2 and "name_en" in out and "U+0000" in " ".join(out.split())


def test_settings_limits_reach_the_import(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    path = tmp_path / "organisations.csv"
    path.write_bytes((HOSTILE / "nul_in_name.csv").read_bytes())
    result = runner.invoke(
        app, ["--db", str(db), "import", str(path)], env={"CORRIDOR_MAX_FILE_BYTES": "50"}
    )
    assert result.exit_code == 2 and "larger than 50 bytes" in result.output
