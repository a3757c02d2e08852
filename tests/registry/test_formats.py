"""Reading and writing tables in every supported format and encoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor.exc import InvalidInput
from corridor.registry.formats import decode, read_table, write_table
from tests.conftest import FIXTURES
from tests.factory import REAL_ORGS, write_csv


@pytest.mark.parametrize(
    ("fixture", "encoding", "expected"),
    [
        ("orgs_kr_cp949.csv", "cp949", "삼성전자"),
        ("orgs_kr_euckr.csv", "cp949", "네이버"),
        ("orgs_cn_gb18030.csv", "gb18030", "华为技术"),
        ("orgs_utf8_bom.csv", "utf-8-sig", "比亚迪"),
    ],
)
def test_encodings_are_detected(fixture: str, encoding: str, expected: str) -> None:
    table = read_table(FIXTURES / fixture)
    assert table.encoding == encoding
    assert table.columns[0] == "key"  # the BOM is not part of the first column name
    names = {str(r.cells["name_ko"]) + str(r.cells["name_zh"]) for r in table.rows}
    assert any(expected in n for n in names)


def test_fixtures_really_are_in_legacy_encodings() -> None:
    raw = (FIXTURES / "orgs_kr_cp949.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "삼성전자".encode("cp949") in raw
    assert "华为技术".encode("gb18030") in (FIXTURES / "orgs_cn_gb18030.csv").read_bytes()


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("회사명,도시\n주식회사 레인보우로보틱스,대전\n두산로보틱스,수원\n", "cp949"),
        ("公司,城市\n杭州深度求索人工智能基础技术研究有限公司,杭州\n智元机器人,上海\n", "gb18030"),
        ("이름\n뉴로메카\n", "cp949"),
        ("名称\n宇树科技\n", "gb18030"),
    ],
)
def test_short_legacy_texts_are_told_apart(text: str, codec: str) -> None:
    decoded, used = decode(text.encode(codec), "x.csv")
    assert used == codec
    assert decoded == text


def test_explicit_encoding_overrides_detection(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "orgs.csv", REAL_ORGS[:3], "cp949")
    assert read_table(path, "EUC-KR").encoding == "cp949"
    with pytest.raises(InvalidInput, match="cannot be decoded as utf-8"):
        read_table(path, "utf-8")


def test_unknown_encoding_name_is_reported() -> None:
    with pytest.raises(InvalidInput, match="unknown encoding"):
        decode(b"a", "x.csv", "klingon")


def test_undecodable_bytes_are_refused_with_the_file_name() -> None:
    with pytest.raises(InvalidInput, match=r"bad\.csv.*encoding not recognised"):
        decode(b"key\n\x81\xff\xfe\x80\xff", "bad.csv")


def test_tab_separated_is_read(tmp_path: Path) -> None:
    path = tmp_path / "orgs.tsv"
    path.write_text("key\tname_en\nkr-a\tA Co\n", encoding="utf-8")
    table = read_table(path)
    assert table.rows[0].cells == {"key": "kr-a", "name_en": "A Co"}


def test_csv_row_numbers_count_the_header_and_skip_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_text("key,name_en\na,A\n\nb,B\n", encoding="utf-8")
    assert [r.number for r in read_table(path).rows] == [2, 4]


def test_too_many_cells_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_text("key,name_en\na,A,extra\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="3 cells but the header has 2"):
        read_table(path)


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json"])
def test_write_then_read_round_trips(tmp_path: Path, suffix: str) -> None:
    rows: list[dict[str, str | list[str]]] = [
        {"key": "kr-a", "name_ko": "레인보우로보틱스", "sectors": ["robotics", "sensors"]},
        {"key": "cn-b", "name_ko": "", "sectors": ["llm"]},
    ]
    path = tmp_path / f"orgs.{suffix}"
    write_table(path, ["key", "name_ko", "sectors"], rows, {"sectors": ";"})
    table = read_table(path)
    got = [r.cells for r in table.rows]
    expected_sectors: list[object] = (
        [["robotics", "sensors"], ["llm"]] if suffix == "json" else ["robotics;sensors", "llm"]
    )
    assert [g["sectors"] for g in got] == expected_sectors
    assert got[0]["name_ko"] == "레인보우로보틱스"


def test_json_accepts_records_wrapper_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "orgs.json"
    path.write_text(json.dumps({"records": [{"key": "a", "founded": 2011, "x": None}]}))
    assert read_table(path).rows[0].cells == {"key": "a", "founded": "2011", "x": ""}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"a": 1}', "must be a list"),
        ("[1, 2]", "must be an object"),
    ],
)
def test_bad_json_is_reported(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "orgs.json"
    path.write_text(content)
    with pytest.raises(InvalidInput, match=message):
        read_table(path)


def test_unsupported_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="unsupported file type"):
        read_table(tmp_path / "orgs.pdf")
    with pytest.raises(InvalidInput, match="does not exist"):
        read_table(tmp_path / "nope.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InvalidInput, match="not a readable XLSX"):
        read_table(broken)
