"""Hostile and broken list files: each is refused with a located InvalidInput, never a
traceback, and nothing is read past the input limits."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from corridor.core.limits import Limits
from corridor.exc import InvalidInput
from corridor.screen.sources.detect import read_list
from corridor.screen.sources.registry import SOURCES, get_source
from corridor.services.bundled import bundled
from tests.conftest import FIXTURES

LISTS = FIXTURES / "lists"
HOSTILE = Path(__file__).resolve().parents[1] / "hostile" / "lists"
BUNDLED = bundled("lists")


def test_non_numeric_ofac_entity_number_names_row_and_field() -> None:
    with pytest.raises(InvalidInput) as err:
        read_list(HOSTILE / "ofac_bad_entnum" / "sdn.csv")
    assert (err.value.row, err.value.field, err.value.value) == (1, "ent_num", "1158l")
    assert "not a whole number" in str(err.value)


def test_csl_header_with_bad_quoting() -> None:
    with pytest.raises(InvalidInput, match="malformed CSV"):
        read_list(HOSTILE / "csl_bad_header_quoting.csv")


def test_corrupt_gzip() -> None:
    with pytest.raises(InvalidInput, match="truncated or corrupt gzip"):
        read_list(HOSTILE / "un_corrupt_deflate.xml.gz")


def test_entity_expansion_is_refused() -> None:
    with pytest.raises(InvalidInput, match="malformed or truncated XML"):
        read_list(HOSTILE / "un_billion_laughs.xml")


def test_a_folder_is_not_a_list_file(tmp_path: Path) -> None:
    folder = tmp_path / "sdn.csv"
    folder.mkdir()
    with pytest.raises(InvalidInput, match="is a folder"):
        read_list(folder)
    with pytest.raises(InvalidInput, match="does not exist"):
        read_list(tmp_path / "missing.xml")


def test_gzip_is_read_through_a_capped_stream(tmp_path: Path) -> None:
    bomb = tmp_path / "consolidated.xml.gz"
    bomb.write_bytes(gzip.compress(b"<?xml version='1.0'?>" + b" " * 4_000_000))
    assert bomb.stat().st_size < 20_000
    with pytest.raises(InvalidInput, match="unpacks to more than 1000000 bytes"):
        read_list(bomb, Limits(unpacked_bytes=1_000_000))


def test_a_list_file_over_the_size_limit_is_refused() -> None:
    with pytest.raises(InvalidInput, match="5780 bytes, over the limit of 1000"):
        read_list(LISTS / "un_sc" / "consolidated.xml", Limits(file_bytes=1000))


def test_row_limit(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"more than 2 rows"):
        read_list(LISTS / "bis_dpl" / "dpl.txt", Limits(rows=2))


def test_duplicate_entry_ids_are_refused(tmp_path: Path) -> None:
    shutil.copytree(LISTS / "ofac_sdn", tmp_path, dirs_exist_ok=True)
    data = (LISTS / "ofac_sdn" / "sdn.csv").read_bytes()
    first = data.split(b"\r\n", 1)[0]
    (tmp_path / "sdn.csv").write_bytes(first + b"\r\n" + data)
    with pytest.raises(InvalidInput, match=r"occurs? more than once") as err:
        read_list(tmp_path / "sdn.csv")
    assert err.value.value == "11581"


@pytest.mark.parametrize("source", list(SOURCES))
def test_every_bundled_or_fixture_file_is_complete_by_its_own_rule(source: str) -> None:
    spec = get_source(source)
    folder = LISTS / source
    found = read_list(folder / spec.primary)
    assert found.source is spec and len(found.report.entries) > 0
    assert spec.urls[0].startswith("https://") and len(spec.urls) == len(spec.files)


def test_bundled_snapshot_reads_with_its_dates_and_the_csl_sample_is_a_sample() -> None:
    csl = read_list(BUNDLED / "us_csl" / "2025-06-25" / "consolidated.csv.gz")
    assert str(csl.published) == "2025-06-25"
    assert csl.source.is_sample(len(csl.report.entries))
    assert any("sample" in w for w in csl.report.warnings)
    assert "BIS Entity List" in csl.source.contains


def test_unknown_source_id() -> None:
    with pytest.raises(InvalidInput, match="unknown list source"):
        get_source("eu_fsf")
