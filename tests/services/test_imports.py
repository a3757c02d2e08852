"""Imports end to end on every backend: all or nothing, idempotent, audited."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.core.limits import Limits
from corridor.exc import ImportRejected, InvalidInput, NotFound
from corridor.registry.batch import Source
from corridor.services.bundled import bundled
from corridor.services.exports import export_records
from corridor.services.imports import import_files, import_mission
from corridor.store.base import UpsertCounts
from corridor.store.db import session_factory, transaction
from corridor.store.sql import SqlStore
from tests.conftest import FIXTURES
from tests.factory import REAL_ORGS, synthetic_rows, write_csv

EXAMPLE = bundled("shanghai-2026")


def _counts(engine: Engine) -> dict[str, int]:
    with transaction(session_factory(engine)) as session:
        return SqlStore(session).count()


def test_bad_rows_import_nothing_then_fixed_file_imports_all_once(
    engine: Engine, tmp_path: Path
) -> None:
    rows = synthetic_rows(100)
    good = [dict(r) for r in rows]
    rows[4]["founded"] = "20x5"
    rows[40]["kr_brn"] = "124-81-00997"
    rows[97]["cn_uscc"] = "914403001922038217"
    bad = write_csv(tmp_path / "orgs.csv", rows)
    with pytest.raises(ImportRejected) as info:
        import_files(engine, [Source("organisations", bad)])
    assert [(p.row, p.field) for p in info.value.problems] == [
        (6, "founded"),
        (42, "kr_brn"),
        (99, "cn_uscc"),
    ]
    assert _counts(engine)["organisations"] == 0

    fixed = write_csv(tmp_path / "orgs.csv", good)
    first = import_files(engine, [Source("organisations", fixed)])
    assert first.counts["organisations"] == UpsertCounts(created=100)
    second = import_files(engine, [Source("organisations", fixed)])
    assert second.counts["organisations"] == UpsertCounts(unchanged=100)
    assert _counts(engine)["organisations"] == 100


def test_a_bad_second_file_rolls_back_the_first(engine: Engine, tmp_path: Path) -> None:
    orgs = write_csv(tmp_path / "orgs.csv", REAL_ORGS)
    people = tmp_path / "people.csv"
    people.write_text("key,org_key,name_en,languages\np1,kr-naver,A Person,klingon\n")
    with pytest.raises(ImportRejected):
        import_files(engine, [Source("organisations", orgs), Source("people", people)])
    assert _counts(engine) == {"organisations": 0, "people": 0, "missions": 0, "requests": 0}


@pytest.mark.parametrize(
    "fixture", ["orgs_kr_cp949.csv", "orgs_cn_gb18030.csv", "orgs_utf8_bom.csv"]
)
def test_legacy_encoded_files_import(engine: Engine, fixture: str) -> None:
    report = import_files(engine, [Source("organisations", FIXTURES / fixture)])
    assert report.counts["organisations"].created >= 3
    with transaction(session_factory(engine)) as session:
        names = {n.text for o in SqlStore(session).organisations() for n in o.names}
    assert names & {"삼성전자", "华为技术", "比亚迪"}


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "json"])
def test_export_imports_back_unchanged(engine: Engine, tmp_path: Path, suffix: str) -> None:
    import_files(engine, [Source("organisations", write_csv(tmp_path / "in.csv", REAL_ORGS))])
    out = tmp_path / f"organisations.{suffix}"
    assert export_records(engine, "organisations", out) == len(REAL_ORGS)
    report = import_files(engine, [Source("organisations", out)])
    assert report.counts["organisations"] == UpsertCounts(unchanged=len(REAL_ORGS))


def test_requests_need_an_existing_mission(engine: Engine, tmp_path: Path) -> None:
    requests = tmp_path / "requests.csv"
    requests.write_text("requester,target\na,b\n")
    with pytest.raises(InvalidInput, match="--mission"):
        import_files(engine, [Source("requests", requests)])
    with pytest.raises(NotFound):
        import_files(engine, [Source("requests", requests)], mission="nope")


def test_demo_mission_imports_idempotently_and_is_audited(engine: Engine) -> None:
    when = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    first = import_mission(engine, EXAMPLE, actor="tester", now=when)
    assert first.counts["organisations"].created >= 70
    assert first.counts["requests"].created >= 100
    second = import_mission(engine, EXAMPLE, actor="tester", now=when)
    assert second.total().created == second.total().updated == 0
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        runs = store.imports()
        orgs = store.organisations()
    assert len(runs) == 2
    assert {f["kind"] for f in runs[0].files} == {"organisations", "people", "requests"}
    assert all(len(str(f["sha256"])) == 64 for f in runs[0].files)
    countries = [o.country for o in orgs]
    assert countries.count("KR") >= 30
    assert countries.count("CN") + countries.count("HK") >= 30


BEYOND_CSV_DEFAULT = 150_000  # Python's csv module refuses fields over 131,072 by default


def test_a_field_exactly_at_a_raised_limit_imports(engine: Engine, tmp_path: Path) -> None:
    limits = Limits(field_chars=BEYOND_CSV_DEFAULT)
    row = {**REAL_ORGS[0], "offers_en": "z" * BEYOND_CSV_DEFAULT}
    path = write_csv(tmp_path / "orgs.csv", [row])
    report = import_files(engine, [Source("organisations", path)], limits=limits)
    assert report.counts["organisations"] == UpsertCounts(created=1)
    with transaction(session_factory(engine)) as session:
        stored = SqlStore(session).organisation(REAL_ORGS[0]["key"])
    assert stored.offers["en"] == "z" * BEYOND_CSV_DEFAULT


def test_a_field_one_past_a_raised_limit_names_row_and_field(
    engine: Engine, tmp_path: Path
) -> None:
    limits = Limits(field_chars=BEYOND_CSV_DEFAULT)
    row = {**REAL_ORGS[0], "offers_en": "z" * (BEYOND_CSV_DEFAULT + 1)}
    path = write_csv(tmp_path / "orgs.csv", [*REAL_ORGS[1:3], row])
    with pytest.raises(ImportRejected) as info:
        import_files(engine, [Source("organisations", path)], limits=limits)
    (problem,) = info.value.problems
    assert (problem.file, problem.row, problem.field) == (str(path), 4, "offers_en")
    assert "150,001 characters" in problem.rule and "CORRIDOR_MAX_FIELD_CHARS" in problem.rule
    assert _counts(engine)["organisations"] == 0
