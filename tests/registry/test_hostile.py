"""Hostile input at the registry's doors: each case the probe of issue 13 reproduced.

Every test here failed before the fix it names: a zip bomb read into gigabytes, a
314-million-character name stored, tracebacks on surrogates, long CSV fields and
deep JSON, mojibake stored from a mixed-encoding file, mission files outside their
folder, and formulas exported live. Small fixtures live in tests/hostile/registry/.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.exc import CorridorError, ImportRejected, InvalidInput
from corridor.registry.batch import Source, read_batch
from corridor.registry.formats import read_table
from corridor.registry.mission import load_mission
from tests.conftest import FIXTURES
from tests.factory import REAL_ORGS, org_row, write_csv
from tests.registry.xlsx_builders import bomb, replace_part, with_giant_cell, workbook

HOSTILE = Path(__file__).resolve().parents[1] / "hostile" / "registry"


def _problems(paths: list[Path], limits: Limits = DEFAULT_LIMITS) -> list[InvalidInput]:
    with pytest.raises(ImportRejected) as caught:
        read_batch([Source("organisations", p) for p in paths], latest_year=2026, limits=limits)
    return caught.value.problems


def _peak_rss_reading(path: Path) -> tuple[str, int]:
    """Read a table in a fresh interpreter: the error it gave and its peak RSS in MB."""
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from corridor.exc import InvalidInput
        from corridor.registry.formats import read_table
        try:
            read_table(Path({str(path)!r}))
            print("accepted")
        except InvalidInput as err:
            print(err)
        # VmHWM is this process's own peak: ru_maxrss would carry the forking
        # parent's (pytest's) peak across exec.
        status = Path("/proc/self/status").read_text()
        print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
        check=True,
    ).stdout.splitlines()
    return out[0], int(out[-1])


def test_xlsx_zip_bomb_is_refused_before_it_unpacks(tmp_path: Path) -> None:
    path = bomb(tmp_path / "organisations.xlsx", 600 << 20)
    assert path.stat().st_size < 1 << 20
    message, peak_mb = _peak_rss_reading(path)
    assert "declares 629,1" in message and "zip bomb" in message and str(path) in message
    assert peak_mb < 250


def test_xlsx_unpacked_limit_counts_every_part(tmp_path: Path) -> None:
    path = bomb(tmp_path / "organisations.xlsx", 3 << 20)
    with pytest.raises(InvalidInput, match="CORRIDOR_MAX_UNPACKED_BYTES"):
        read_table(path, limits=Limits(unpacked_bytes=2 << 20))
    assert read_table(path, limits=Limits(unpacked_bytes=4 << 20)).rows[0].cells["key"] == "x"


def test_xlsx_giant_cell_is_refused_while_streaming(tmp_path: Path) -> None:
    path = with_giant_cell(tmp_path / "organisations.xlsx", 100_000_000)
    assert path.stat().st_size < 300_000
    message, peak_mb = _peak_rss_reading(path)
    assert "cell B2 holds more than 10,000 characters" in message
    assert "AAAA" in message and len(message) < 400  # the value is shown, truncated
    assert peak_mb < 250


def test_xlsx_long_cell_under_the_stream_check_names_row_and_field(tmp_path: Path) -> None:
    path = workbook(tmp_path / "o.xlsx", ["key", "name_en"], [["kr-a", "B" * 5000]])
    (problem,) = _problems([path], Limits(field_chars=4000))
    assert "B2" in problem.rule and "4,000" in problem.rule


def test_xlsx_formula_cells_are_refused_not_read_blank(tmp_path: Path) -> None:
    """A live formula read with data_only=True came back as None: city silently blank."""
    path = workbook(
        tmp_path / "o.xlsx",
        ["key", "kind", "country", "name_en", "sectors", "city"],
        [["kr-a", "startup", "KR", "A Co", "robotics", "PLACEHOLDER-CELL"]],
    )
    sheet = _sheet_xml(path).replace(
        '<c r="F2" t="inlineStr"><is><t>PLACEHOLDER-CELL</t></is></c>',
        '<c r="F2"><f>HYPERLINK("http://x","y")</f></c>',
    )
    replace_part(path, "xl/worksheets/sheet1.xml", sheet)
    (problem,) = _problems([path])
    assert (problem.row, problem.field) == (2, "city")
    assert "formula" in problem.rule and "HYPERLINK" in str(problem.value)


def test_xlsx_with_a_dtd_is_refused(tmp_path: Path) -> None:
    path = workbook(tmp_path / "o.xlsx", ["key"], [["x"]])
    sheet = _sheet_xml(path)
    replace_part(
        path,
        "xl/worksheets/sheet1.xml",
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>' + sheet,
    )
    with pytest.raises(InvalidInput, match="DTD"):
        read_table(path)


def _sheet_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


@pytest.fixture
def csv_default_limit() -> Iterator[None]:
    """The csv module's own field limit as a fresh process has it (131,072): it is
    process-wide, and an earlier test may have raised it."""
    import csv

    before = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(before)


@pytest.mark.usefixtures("csv_default_limit")
def test_csv_field_over_the_csv_module_limit_is_a_clear_problem(tmp_path: Path) -> None:
    """Python's csv raised a bare _csv.Error for a field over 131,072 characters."""
    path = write_csv(tmp_path / "o.csv", [org_row(key="kr-a", name_en="x" * 200_000)])
    (problem,) = _problems([path])
    assert problem.row == 2 and "longer than 131,072" in problem.rule
    assert "CORRIDOR_MAX_FIELD_CHARS" in problem.rule


def test_csv_field_over_field_chars_names_row_field_and_a_short_value(tmp_path: Path) -> None:
    rows = [org_row(key="kr-a", kind="startup", country="KR", name_en="y" * 20_000)]
    path = write_csv(tmp_path / "o.csv", [*rows, *REAL_ORGS[:1]])
    (problem,) = _problems([path])
    assert (problem.row, problem.field) == (2, "name_en")
    assert "20,000 characters" in problem.rule and len(str(problem.value)) < 100


def test_csv_field_limit_follows_a_larger_configured_limit(tmp_path: Path) -> None:
    row = {**REAL_ORGS[0], "offers_en": "z" * 135_000}
    path = write_csv(tmp_path / "o.csv", [row])
    limits = Limits(field_chars=140_000)
    batch = read_batch([Source("organisations", path)], latest_year=2026, limits=limits)
    assert len(batch.orgs()[0].offers["en"]) == 135_000


def test_row_limit(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", REAL_ORGS[:4])
    with pytest.raises(InvalidInput, match="more than 3 rows"):
        read_table(path, limits=Limits(rows=3))
    assert len(read_table(path, limits=Limits(rows=4)).rows) == 4


def test_file_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", REAL_ORGS)
    with pytest.raises(InvalidInput, match="larger than 100 bytes"):
        read_table(path, limits=Limits(file_bytes=100))


@pytest.mark.parametrize("fixture", ["nul_in_name.csv", "c1_and_del.csv"])
def test_control_characters_are_refused_by_row_and_field(fixture: str) -> None:
    problems = _problems([HOSTILE / fixture])
    assert [(p.row, p.field) for p in problems] == [(3, "name_en")]
    assert "U+00" in problems[0].rule


def test_json_lone_surrogate_is_a_problem_not_a_unicode_error() -> None:
    (problem,) = _problems([HOSTILE / "lone_surrogate.json"])
    assert (problem.row, problem.field) == (1, "name_en") and "U+D800" in problem.rule
    assert "\\ud800" in str(problem.value)  # printable: the message itself cannot crash
    str(problem).encode("utf-8")


def test_deeply_nested_json_is_refused_without_recursion_error() -> None:
    with pytest.raises(InvalidInput, match="nests deeper than 32 levels"):
        read_table(HOSTILE / "deep_nesting.json")


def test_depth_check_ignores_brackets_inside_strings(tmp_path: Path) -> None:
    path = tmp_path / "o.json"
    path.write_text(json.dumps([{"key": "kr-a", "name_en": "[[[[{{{{" * 20}]), encoding="utf-8")
    assert read_table(path).rows[0].cells["name_en"] == "[[[[{{{{" * 20


def test_json_huge_integer_is_invalid_input(tmp_path: Path) -> None:
    path = tmp_path / "o.json"
    path.write_text('[{"key": ' + "9" * 5000 + "}]", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not valid JSON"):
        read_table(path)


def test_mixed_encoding_is_refused_not_stored_as_mojibake() -> None:
    with pytest.raises(InvalidInput, match=r"looks like cp1252/UTF-8 \(mixed encodings\?\)"):
        read_table(HOSTILE / "utf8_with_cp1252_byte.csv")


def test_cp949_with_a_stray_byte_is_refused(tmp_path: Path) -> None:
    """It decoded as GB18030 (almost any bytes do) and was stored as Han mojibake."""
    path = tmp_path / "organisations.csv"
    data = (FIXTURES / "orgs_kr_cp949.csv").read_bytes()
    cut = data.index(b"\n", len(data) // 2) + 1
    path.write_bytes(data[:cut] + b"\x80" + data[cut:])
    with pytest.raises(InvalidInput, match=r"looks like cp1252/CP949 .*pass --encoding"):
        read_table(path)


@pytest.mark.parametrize("name", ["../outside.csv", "/etc/passwd", "link.csv"])
def test_mission_files_must_stay_inside_the_folder(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "mission"
    folder.mkdir()
    write_csv(tmp_path / "outside.csv", REAL_ORGS[:1])
    (folder / "link.csv").symlink_to(tmp_path / "outside.csv")
    toml = (HOSTILE / "mission_escape.toml").read_text(encoding="utf-8")
    (folder / "mission.toml").write_text(toml.replace("../outside.csv", name), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        load_mission(folder)
    (problem,) = caught.value.problems
    assert problem.file == str(folder / "mission.toml")
    assert problem.field == "files.organisations" and problem.value == name
    assert "inside the mission folder" in problem.rule


def test_mission_file_inside_a_subfolder_is_fine(tmp_path: Path) -> None:
    folder = tmp_path / "mission"
    (folder / "data").mkdir(parents=True)
    write_csv(folder / "data" / "orgs.csv", REAL_ORGS[:1])
    toml = (HOSTILE / "mission_escape.toml").read_text(encoding="utf-8")
    (folder / "mission.toml").write_text(toml.replace("../outside.csv", "data/orgs.csv"))
    assert load_mission(folder).files["organisations"] == folder / "data" / "orgs.csv"


def test_only_corridor_errors_escape_for_every_committed_fixture() -> None:
    for path in sorted(HOSTILE.iterdir()):
        if path.suffix in {".csv", ".json", ".xlsx"}:
            with contextlib.suppress(CorridorError):
                read_batch([Source("organisations", path)], latest_year=2026)


def test_mission_toml_strings_obey_the_text_rules(tmp_path: Path) -> None:
    """TOML's \\u0000 escape put a NUL into a mission's name."""
    toml = (HOSTILE / "mission_escape.toml").read_text(encoding="utf-8")
    toml = toml.replace('name = "Escape test"', 'name = "Escape\\u0000test"')
    (tmp_path / "mission.toml").write_text(toml.replace("../outside.csv", "o.csv"))
    write_csv(tmp_path / "o.csv", REAL_ORGS[:1])
    with pytest.raises(ImportRejected) as caught:
        load_mission(tmp_path)
    (problem,) = caught.value.problems
    assert problem.field == "mission.name" and "U+0000" in problem.rule


def test_deeply_nested_mission_toml_is_invalid_input(tmp_path: Path) -> None:
    (tmp_path / "mission.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(InvalidInput, match="not valid TOML"):
        load_mission(tmp_path)
