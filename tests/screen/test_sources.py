"""List parsers on fixtures cut from the real files, and on the full files when present."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from corridor.core.limits import DEFAULT_LIMITS
from corridor.core.screening import EntityType
from corridor.exc import InvalidInput
from corridor.screen.sources.detect import detect_source, parse_list
from corridor.screen.sources.registry import SOURCES
from tests.conftest import FIXTURES, SHARED_DATA

LISTS = FIXTURES / "lists"
needs_shared = pytest.mark.skipif(
    not SHARED_DATA.exists(), reason="../shared/data (full list files) is not present"
)


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("ofac_sdn/sdn.csv", "ofac_sdn"),
        ("ofac_cons/cons_prim.csv", "ofac_cons"),
        ("un_sc/consolidated.xml", "un_sc"),
        ("bis_dpl/dpl.txt", "bis_dpl"),
        ("us_csl/consolidated.csv", "us_csl"),
    ],
)
def test_format_is_detected_from_content(path: str, source: str) -> None:
    assert detect_source(LISTS / path) == source


def test_ofac_sdn_joins_aliases_and_addresses_and_skips_orphans() -> None:
    source, report = parse_list(LISTS / "ofac_sdn" / "sdn.csv")
    by_id = {e.source_id: e for e in report.entries}
    kim = by_id["20157"]
    assert (source, kim.name, kim.type) == ("ofac_sdn", "KIM, Jong Un", EntityType.PERSON)
    assert kim.birth_dates == ("08 Jan 1984",)
    assert kim.programs == ("DPRK3",)
    bank = by_id["11581"]
    assert bank.type is EntityType.ORGANIZATION
    assert len(bank.names) > 1  # aliases from alt.csv
    assert any("alias rows skipped" in w for w in report.warnings)  # ent_num 48220
    uscc = [e for e in report.entries if any(k.startswith("Unified") for k, _ in e.identifiers)]
    assert len(uscc) == 1


def test_ofac_cons_keeps_programme_country_and_uscc() -> None:
    _, report = parse_list(LISTS / "ofac_cons" / "cons_prim.csv")
    dji = next(e for e in report.entries if e.source_id == "33111")
    assert dji.name == "SZ DJI TECHNOLOGY CO., LTD."
    assert dji.programs == ("CMIC-EO13959",)
    assert "CN" in dji.countries
    assert ("Unified Social Credit Code", "914403007954257495") in dji.identifiers


def test_un_reads_name_parts_aliases_and_date() -> None:
    source, report = parse_list(LISTS / "un_sc" / "consolidated.xml")
    assert source == "un_sc"
    assert report.published == "2026-02-27"
    assert {e.type for e in report.entries} == {EntityType.PERSON, EntityType.ORGANIZATION}
    assert all(e.source_id.startswith("KP") for e in report.entries)
    assert all(e.programs == ("DPRK",) for e in report.entries)


def test_dpl_and_csl() -> None:
    _, dpl = parse_list(LISTS / "bis_dpl" / "dpl.txt")
    assert len(dpl.entries) == 3 and dpl.entries[0].name == "I. ASH"
    _, csl = parse_list(LISTS / "us_csl" / "consolidated.csv")
    assert len(csl.entries) == 13
    assert any((e.list_name or "").startswith("Entity List") for e in csl.entries)


def test_gzipped_files_read_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "ofac_cons"
    folder.mkdir()
    for name in ("cons_prim.csv", "cons_alt.csv", "cons_add.csv"):
        (folder / f"{name}.gz").write_bytes(
            gzip.compress((LISTS / "ofac_cons" / name).read_bytes())
        )
    plain = parse_list(LISTS / "ofac_cons" / "cons_prim.csv")[1].entries
    zipped = parse_list(folder / "cons_prim.csv.gz")[1].entries
    assert plain == zipped


@pytest.mark.parametrize(
    ("name", "cut", "message"),
    [
        ("ofac_sdn/sdn.csv", 0.5, "incomplete file.*0x1A"),
        ("un_sc/consolidated.xml", 0.5, "incomplete file.*</CONSOLIDATED_LIST>"),
        ("bis_dpl/dpl.txt", 0.6, "incomplete file.*complete line"),
    ],
)
def test_truncated_files_are_refused(tmp_path: Path, name: str, cut: float, message: str) -> None:
    source = LISTS / name
    shutil.copytree(source.parent, tmp_path, dirs_exist_ok=True)  # the companions
    target = tmp_path / Path(name).name
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(InvalidInput, match=message):
        parse_list(target)


def test_unknown_files_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "list.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(InvalidInput, match="not a list file"):
        parse_list(other)
    copy = tmp_path / "ofac.csv"
    shutil.copy(LISTS / "ofac_sdn" / "sdn.csv", copy)
    with pytest.raises(InvalidInput, match=r"name it sdn\.csv"):
        parse_list(copy)


@needs_shared
@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("ofac_sdn/2024-05-03/sdn.csv", 14965),
        ("ofac_sdn/2021-07-07_full_set/sdn.csv", 8976),
        ("ofac_consolidated_non_sdn/2025-12-19/cons_prim.csv", 442),
        ("un_sc_consolidated/consolidated.xml", 1003),
        ("bis_denied_persons/dpl.txt", 581),
        ("us_csl/csl_sample_2019.csv", 115),
    ],
)
def test_full_official_files_parse(path: str, count: int) -> None:
    file = SHARED_DATA / "sanctions" / path
    report = SOURCES[detect_source(file)].parse(file, DEFAULT_LIMITS)  # 2024: no companions
    assert len(report.entries) == count
    assert all(len(e.names) > 0 and e.name for e in report.entries)
