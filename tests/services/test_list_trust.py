"""Lists you can trust: a truncated, much smaller or older file never becomes the list
in force unless an operator says why; going back is a command; every step is audited."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.core.screening import ListAction
from corridor.exc import Conflict, InvalidInput
from corridor.services.bundled import bundled
from corridor.services.demo import load_bundled
from corridor.services.lists import ListRefused, Override, list_events, load_lists, use_version
from corridor.services.screening import (
    active_versions,
    list_coverage,
    mission_screening,
    rescreen_after_load,
    screen_mission,
)
from tests.conftest import FIXTURES, SHARED_DATA
from tests.factory import org_row, seed_mission
from tests.store.test_sql import MISSION

LISTS = FIXTURES / "lists"
BUNDLED = bundled("lists")
NOW = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
BANK = org_row(
    key="kp-kwangson",
    kind="corporate",
    country="KP",
    name_en="Korea Kwangson Banking Corp",
    sectors="fintech",
    offers_en="Banking",
)


def _copy_set(tmp_path: Path, folder: str, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(LISTS / folder, target)
    return target


def _first_rows(src: Path, dst: Path, rows: int) -> None:
    """The first ``rows`` CRLF lines of an OFAC file, properly ended (0x1A)."""
    lines = src.read_bytes().split(b"\r\n")
    dst.write_bytes(b"\r\n".join(lines[:rows]) + b"\r\n\x1a")


def _in_force(engine: Engine) -> dict[str, tuple[int | None, int]]:
    return {v.source: (v.id, v.entries) for v in active_versions(engine)}


def test_a_one_row_sdn_is_refused_and_the_open_review_hit_stays(
    engine: Engine, tmp_path: Path
) -> None:
    seed_mission(engine, MISSION, [BANK], tmp_path / "orgs.csv")
    load_lists(engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)
    screen_mission(engine, "m1", now=NOW)
    before = mission_screening(engine, "m1").orgs[0]
    assert before.status == "review" and before.hits[0].hit.source_id == "11581"
    stub = _copy_set(tmp_path, "ofac_sdn", "stub")
    _first_rows(LISTS / "ofac_sdn" / "sdn.csv", stub / "sdn.csv", 1)
    in_force = _in_force(engine)
    with pytest.raises(ListRefused, match=r"shrink from 5 to 1 entries .*in force: version #"):
        load_lists(engine, [stub / "sdn.csv"], now=NOW)
    assert _in_force(engine) == in_force
    after = mission_screening(engine, "m1").orgs[0]
    assert after.status == "review" and [h.hit.source_id for h in after.hits] == ["11581"]
    assert [e.action for e in list_events(engine)] == [ListAction.LOAD]  # nothing for refusal


def test_half_an_sdn_cut_on_a_line_boundary_is_refused(
    tmp_path: Path, sqlite_engine: Engine
) -> None:
    """The real 14,965-entry file, bundled: cut on a line boundary it lacks its 0x1A end
    byte; with the end byte forged back it is still refused as a 50 % shrink."""
    full = BUNDLED / "ofac_sdn" / "2024-05-03"
    load_lists(sqlite_engine, [full / "sdn.csv.gz"], now=NOW)
    half = tmp_path / "2024-05-03"
    shutil.copytree(full, half)
    lines = gzip.decompress((full / "sdn.csv.gz").read_bytes()).split(b"\r\n")
    cut = b"\r\n".join(lines[: len(lines) // 2]) + b"\r\n"
    (half / "sdn.csv.gz").write_bytes(gzip.compress(cut))
    with pytest.raises(InvalidInput, match=r"incomplete file.*0x1A.*in force: OFAC .* #1 \("):
        load_lists(sqlite_engine, [half / "sdn.csv.gz"], now=NOW)
    (half / "sdn.csv.gz").write_bytes(gzip.compress(cut + b"\x1a"))
    with pytest.raises(ListRefused, match=r"14,965 to 7,48\d entries \(-50%"):
        load_lists(sqlite_engine, [half / "sdn.csv.gz"], now=NOW)
    assert _in_force(sqlite_engine)["ofac_sdn"][1] == 14965


def test_an_older_publication_is_refused_unless_accepted_with_a_reason(
    engine: Engine, tmp_path: Path
) -> None:
    newer = _copy_set(tmp_path, "ofac_cons", "2024-06-01")
    older = _copy_set(tmp_path, "ofac_cons", "2020-06-01")
    (older / "cons_comments.csv").write_bytes(b"33111,x\r\n\x1a")  # other bytes, same entries
    load_lists(engine, [newer / "cons_prim.csv"], now=NOW)
    with pytest.raises(ListRefused, match=r"older \(2020-06-01\).*--accept-older"):
        load_lists(engine, [older / "cons_prim.csv"], now=NOW)
    with pytest.raises(InvalidInput, match="need --reason"):
        load_lists(engine, [older / "cons_prim.csv"], override=Override(accept_older=True))
    sure = Override(accept_older=True, reason="the 2024 file was a test build", actor="kim")
    results = load_lists(engine, [older / "cons_prim.csv"], now=NOW, override=sure)
    assert results[0].version is not None
    assert str(results[0].version.published) == "2020-06-01"
    events = list_events(engine)
    assert [(e.action, e.actor, e.reason) for e in events[-2:]] == [
        (ListAction.LOAD, "kim", "the 2024 file was a test build"),
        (ListAction.ACCEPT_OLDER, "kim", "the 2024 file was a test build"),
    ]


def test_required_companions_must_be_there(sqlite_engine: Engine, tmp_path: Path) -> None:
    alone = tmp_path / "sdn"
    alone.mkdir()
    shutil.copy(LISTS / "ofac_sdn" / "sdn.csv", alone)
    with pytest.raises(InvalidInput, match=r"needs alt\.csv, add\.csv .*alt\.csv is missing"):
        load_lists(sqlite_engine, [alone / "sdn.csv"])
    assert active_versions(sqlite_engine) == []


def test_lists_use_returns_to_an_earlier_version_and_rescreens(
    engine: Engine, tmp_path: Path
) -> None:
    seed_mission(engine, MISSION, [BANK], tmp_path / "orgs.csv")
    first = load_lists(engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)[0].version
    assert first is not None and first.id is not None
    screen_mission(engine, "m1", now=NOW)
    # A newer publication without the bank (confirmed), which retires the bank's hit.
    delisted = _copy_set(tmp_path, "ofac_sdn", "delisted")
    rows = (LISTS / "ofac_sdn" / "sdn.csv").read_bytes().rstrip(b"\x1a").split(b"\r\n")
    (delisted / "sdn.csv").write_bytes(
        b"\r\n".join(r for r in rows if not r.startswith(b"11581,")) + b"\x1a"
    )
    sure = Override(accept_shrink=True, reason="OFAC delisting notice", actor="ana")
    results = load_lists(engine, [delisted / "sdn.csv"], now=NOW, override=sure)
    assert results[0].removed == ["11581"]
    rescreen_after_load(engine, results)
    assert mission_screening(engine, "m1").orgs[0].hits == []
    with pytest.raises(InvalidInput, match="reason"):
        use_version(engine, "ofac_sdn", first.id, reason=" ")
    back = use_version(engine, "ofac_sdn", first.id, reason="notice was withdrawn", actor="ana")
    assert back.added == ["11581"] and _in_force(engine)["ofac_sdn"][0] == first.id
    rescreen_after_load(engine, [back])
    assert [h.hit.source_id for h in mission_screening(engine, "m1").orgs[0].hits] == ["11581"]
    assert list_events(engine)[-1].action is ListAction.USE
    assert list_events(engine)[-1].reason == "notice was withdrawn"
    with pytest.raises(Conflict, match="already in force"):
        use_version(engine, "ofac_sdn", first.id, reason="again")
    with pytest.raises(InvalidInput, match="is a OFAC"):
        use_version(engine, "un_sc", first.id, reason="wrong source")


def test_coverage_names_missing_lists_and_samples(sqlite_engine: Engine) -> None:
    load_lists(sqlite_engine, [BUNDLED / "us_csl" / "2025-06-25" / "consolidated.csv.gz"], now=NOW)
    coverage = list_coverage(sqlite_engine)
    assert [c.source for c in coverage.checked] == ["us_csl"] and coverage.checked[0].sample
    text = coverage.qualify("cleared")
    assert text.startswith("cleared against US Consolidated Screening List 2025-06-25 (#1, 13")
    assert "; not checked: " in text and "BIS Entity List, BIS Military End User List" in text
    assert "only a 13-entry sample of the US Consolidated Screening List is loaded" in text
    assert "UN Security Council Consolidated List (not loaded)" in text
    assert "cleared against" not in coverage.qualify("review")


def test_mission_screening_states_its_coverage(engine: Engine, tmp_path: Path) -> None:
    seed_mission(engine, MISSION, [BANK], tmp_path / "orgs.csv")
    load_lists(engine, [LISTS / "un_sc" / "consolidated.xml"], now=NOW)
    result = screen_mission(engine, "m1", now=NOW)
    org = result.orgs[0]
    assert org.status == "cleared"
    assert org.verdict.startswith("cleared against UN Security Council Consolidated List 2026-")
    assert "not checked: OFAC Specially Designated Nationals (SDN) List (not loaded)" in (
        org.verdict
    )
    assert result.coverage.checked[0].published == date(2026, 2, 27)


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="../shared/data (full list files) is absent")
def test_the_real_2021_sdn_then_a_one_row_file(sqlite_engine: Engine, tmp_path: Path) -> None:
    """The probe's case: 8,976 entries in force, then a 1-row sdn.csv (exit 0 before)."""
    full = SHARED_DATA / "sanctions" / "ofac_sdn" / "2021-07-07_full_set"
    load_lists(sqlite_engine, [full / "sdn.csv"], now=NOW)
    stub = tmp_path / "stub"
    shutil.copytree(full, stub)
    _first_rows(full / "sdn.csv", stub / "sdn.csv", 1)
    with pytest.raises(ListRefused, match="8,976 to 1 entries"):
        load_lists(sqlite_engine, [stub / "sdn.csv"], now=NOW)
    assert _in_force(sqlite_engine)["ofac_sdn"][1] == 8976


def test_the_demo_keeps_a_newer_list_in_force(sqlite_engine: Engine, tmp_path: Path) -> None:
    """Running the demo after a real update must not roll the list back to the snapshot."""
    newer = tmp_path / "2026-01-01"
    newer.mkdir()
    dpl = BUNDLED / "bis_dpl" / "2022-09-07" / "dpl.txt.gz"
    (newer / "dpl.txt").write_bytes(gzip.decompress(dpl.read_bytes()))
    load_lists(sqlite_engine, [newer / "dpl.txt"], now=NOW)
    snapshot = tmp_path / "snapshot"
    for source in ("bis_dpl", "us_csl"):  # the small part of the snapshot, to stay fast
        shutil.copytree(BUNDLED / source, snapshot / source)
    loads, notes = load_bundled(sqlite_engine, snapshot)
    assert {r.source for r in loads} == {"us_csl"}
    assert notes == ["bundled dpl.txt.gz not loaded: the list in force is newer or fuller"]
    assert (
        str(next(v for v in active_versions(sqlite_engine) if v.source == "bis_dpl").published)
        == "2026-01-01"
    )
