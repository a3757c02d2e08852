"""Screening end to end on every backend: list versions, hits, decisions, updates."""

from __future__ import annotations

import csv
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from corridor.core.screening import Action
from corridor.exc import InvalidInput, NotFound
from corridor.services.audit import export_audit
from corridor.services.download import DownloadFailed, update_lists
from corridor.services.lists import ListRefused, Override, list_events, load_lists
from corridor.services.screening import (
    decide,
    decisions,
    mission_screening,
    rescreen_changes,
    screen_mission,
)
from corridor.store.db import session_factory, transaction
from corridor.store.screening import ScreeningStore
from tests.conftest import FIXTURES
from tests.factory import org_row, seed_mission
from tests.store.test_sql import MISSION

LISTS = FIXTURES / "lists"
NOW = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)

# Real organisations: two on the OFAC non-SDN list, one not on any list.
ORGS = [
    org_row(
        key="cn-dji",
        kind="corporate",
        country="CN",
        name_en="DJI",
        name_zh="大疆创新",
        legal_name="深圳市大疆创新科技有限公司",
        sectors="drones",
        offers_en="Consumer and enterprise drones",
    ),
    org_row(
        key="cn-hikvision",
        kind="corporate",
        country="CN",
        name_en="Hikvision",
        name_zh="海康威视",
        sectors="surveillance",
        offers_en="Video surveillance products",
    ),
    org_row(
        key="kr-rainbow-robotics",
        kind="startup",
        country="KR",
        name_en="Rainbow Robotics",
        name_ko="레인보우로보틱스",
        sectors="robotics",
        offers_en="Collaborative robots",
    ),
]


def _mission(engine: Engine, tmp_path: Path) -> None:
    seed_mission(engine, MISSION, ORGS, tmp_path / "orgs.csv")


def _load_fixtures(engine: Engine) -> None:
    load_lists(
        engine, [LISTS / "ofac_sdn" / "sdn.csv", LISTS / "ofac_cons" / "cons_prim.csv"], now=NOW
    )


def test_mission_screening_flags_listed_companies_and_clears_others(
    engine: Engine, tmp_path: Path
) -> None:
    _mission(engine, tmp_path)
    _load_fixtures(engine)
    result = screen_mission(engine, "m1", now=NOW)
    status = {o.org.key: o.status for o in result.orgs}
    assert status == {
        "cn-dji": "review",
        "cn-hikvision": "review",
        "kr-rainbow-robotics": "cleared",
    }
    dji = next(o for o in result.orgs if o.org.key == "cn-dji")
    assert dji.strong and dji.hits[0].hit.source_id == "33111"
    assert [f.rule for f in dji.flags] == ["dual_use_technology"]
    hik = next(o for o in result.orgs if o.org.key == "cn-hikvision")
    assert hik.flags[0].rule == "surveillance"


def test_decisions_are_append_only_and_set_the_status(engine: Engine, tmp_path: Path) -> None:
    _mission(engine, tmp_path)
    _load_fixtures(engine)
    screen_mission(engine, "m1", now=NOW)
    decide(engine, "cn-dji", "ofac_cons", "33111", Action.ESCALATE, "check the entity", "ana", NOW)
    decide(engine, "cn-dji", "ofac_cons", "33111", Action.BLOCK, "NS-CMIC listed", "ana", NOW)
    for rule in ("surveillance",):
        decide(
            engine, "cn-hikvision", "rule", rule, Action.BLOCK, "surveillance end use", "ana", NOW
        )
    trail = decisions(engine)
    assert [(d.org_key, d.action) for d in trail] == [
        ("cn-dji", Action.ESCALATE),
        ("cn-dji", Action.BLOCK),
        ("cn-hikvision", Action.BLOCK),
    ]
    assert trail[0].list_version is not None and trail[0].entry_name.startswith("SZ DJI")
    status = {o.org.key: o.status for o in mission_screening(engine, "m1").orgs}
    assert status["cn-dji"] == "blocked" and status["cn-hikvision"] == "blocked"
    with pytest.raises(InvalidInput, match="reason"):
        decide(engine, "cn-dji", "ofac_cons", "33111", Action.CLEAR, "  ", "ana")
    with pytest.raises(NotFound):
        decide(engine, "kr-rainbow-robotics", "ofac_cons", "33111", Action.CLEAR, "x", "ana")


def test_a_missions_screening_reads_only_its_participants_hits_and_decisions(
    engine: Engine, tmp_path: Path
) -> None:
    """Filtered in SQL: the console's page of a mission must not read a registry's hits."""
    seed_mission(engine, MISSION, [ORGS[0], ORGS[2]], tmp_path / "m1.csv")
    other = replace(MISSION, key="m2", name="Another roundtable")
    seed_mission(engine, other, [ORGS[1]], tmp_path / "m2.csv")
    _load_fixtures(engine)
    screen_mission(engine, "m1", now=NOW)
    screen_mission(engine, "m2", now=NOW)
    decide(engine, "cn-hikvision", "rule", "surveillance", Action.BLOCK, "end use", "ana", NOW)
    seen: list[tuple[str, object]] = []

    def record(conn: object, cursor: object, statement: str, params: object, *_: object) -> None:
        if "screening_hits" in statement or "screening_decisions" in statement:
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", record)
    try:
        result = mission_screening(engine, "m1")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert {o.org.key for o in result.orgs} == {"cn-dji", "kr-rainbow-robotics"}
    assert len(seen) == 2
    for statement, params in seen:
        assert "organizations.key IN (" in statement.replace('"key"', "key")
        assert "cn-hikvision" not in str(params) and "cn-dji" in str(params)
    assert mission_screening(engine, "m2").orgs[0].status == "blocked"


def test_a_bad_list_file_loads_nothing_and_keeps_the_version_in_force(
    engine: Engine, tmp_path: Path
) -> None:
    _load_fixtures(engine)
    broken = tmp_path / "ofac_cons"
    shutil.copytree(LISTS / "ofac_cons", broken)
    data = (broken / "cons_prim.csv").read_bytes()
    (broken / "cons_prim.csv").write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidInput):
        load_lists(engine, [LISTS / "bis_dpl" / "dpl.txt", broken / "cons_prim.csv"])
    with transaction(session_factory(engine)) as session:
        active = ScreeningStore(session).active_versions()
    assert sorted(v.source for v in active) == ["ofac_cons", "ofac_sdn"]  # no DPL either
    again = load_lists(engine, [LISTS / "ofac_cons" / "cons_prim.csv"])
    assert again[0].unchanged_file


def test_list_update_rescreens_changes_and_keeps_decisions(engine: Engine, tmp_path: Path) -> None:
    _mission(engine, tmp_path)
    _load_fixtures(engine)
    screen_mission(engine, "m1", now=NOW)
    decide(engine, "cn-dji", "ofac_cons", "33111", Action.BLOCK, "NS-CMIC listed", "ana", NOW)
    # A new publication: Hikvision delisted, DJI's row unchanged, a new alias elsewhere.
    newer = tmp_path / "2026-02-01"
    shutil.copytree(LISTS / "ofac_cons", newer)
    rows = [
        r
        for r in csv.reader((newer / "cons_prim.csv").read_text().rstrip("\x1a").splitlines())
        if r[0] != "30946"
    ]
    with (newer / "cons_prim.csv").open("w", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_MINIMAL).writerows(rows)
        handle.write("\x1a")  # OFAC's end-of-file marker: the file is complete
    # One of six entries gone is a 17 % shrink: refused unless an operator confirms it.
    with pytest.raises(ListRefused, match=r"shrink from 6 to 5 entries.*--accept-shrink"):
        load_lists(engine, [newer / "cons_prim.csv"], now=NOW)
    sure = Override(accept_shrink=True, reason="Hikvision delisted on 2026-02-01", actor="ana")
    results = load_lists(engine, [newer / "cons_prim.csv"], now=NOW, override=sure)
    assert [(e.action.value, e.actor) for e in list_events(engine)][-2:] == [
        ("load", "ana"),
        ("accept-shrink", "ana"),
    ]
    assert results[0].removed == ["30946"] and results[0].version is not None
    assert str(results[0].version.published) == "2026-02-01"
    rescreen_changes(engine, "m1", results, now=NOW)
    after = {o.org.key: o for o in mission_screening(engine, "m1").orgs}
    assert after["cn-dji"].status == "blocked"  # the decision survived the update
    assert all(h.hit.source_id != "30946" for h in after["cn-hikvision"].hits)
    assert len(decisions(engine)) == 1


def test_audit_export(engine: Engine, tmp_path: Path) -> None:
    _mission(engine, tmp_path)
    _load_fixtures(engine)
    screen_mission(engine, "m1", now=NOW)
    decide(engine, "cn-dji", "ofac_cons", "33111", Action.BLOCK, "NS-CMIC listed", "ana", NOW)
    count = export_audit(engine, tmp_path / "audit.csv")
    with (tmp_path / "audit.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count and rows[0]["record"] == "decision"
    assert rows[0]["reason_or_explanation"] == "NS-CMIC listed"
    assert any(r["record"] == "hit" and r["source_id"] == "30946" for r in rows)
    with pytest.raises(InvalidInput):
        export_audit(engine, tmp_path / "audit.txt")
    hostile = '=HYPERLINK("http://x","y")'  # a reason typed by a person is free text
    decide(engine, "cn-dji", "ofac_cons", "33111", Action.ESCALATE, hostile, "ana", NOW)
    export_audit(engine, tmp_path / "audit.csv")
    with (tmp_path / "audit.csv").open(encoding="utf-8") as handle:
        reasons = [r["reason_or_explanation"] for r in csv.DictReader(handle)]
    assert "'" + hostile in reasons and hostile not in reasons


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server serving list files as SOURCE/FILE (the official layout)."""
    root = tmp_path / "mirror"
    shutil.copytree(LISTS / "bis_dpl", root / "bis_dpl")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def test_update_downloads_from_a_server_and_loads(
    sqlite_engine: Engine, tmp_path: Path, mirror: str
) -> None:
    results = update_lists(
        sqlite_engine, tmp_path / "dl", ["bis_dpl"], base_url=mirror, timeout=5, now=NOW
    )
    assert results[0].source == "bis_dpl" and results[0].version is not None
    assert (tmp_path / "dl" / "bis_dpl" / "2026-01-06" / "dpl.txt").is_file()


def test_update_fails_clearly_offline_and_loads_nothing(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    with pytest.raises(DownloadFailed, match=r"cannot download .*nothing was loaded"):
        update_lists(
            sqlite_engine, tmp_path / "dl", ["bis_dpl"], base_url="http://127.0.0.1:9", timeout=2
        )
    with transaction(session_factory(sqlite_engine)) as session:
        assert ScreeningStore(session).active_versions() == []
