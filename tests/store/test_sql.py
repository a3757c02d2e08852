"""The store on every backend: round trips, upserts, migrations, constraints."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from corridor.core.mission import Interpreter, LangPair, MeetingRequest, Mission, Session, Table
from corridor.core.names import Name, NameKind, Script
from corridor.core.parties import (
    Identifier,
    IdScheme,
    InvestorThesis,
    Organization,
    OrgKind,
    Person,
)
from corridor.exc import Conflict, IdentifierTaken, NotFound
from corridor.store.base import ImportRun, UpsertCounts
from corridor.store.db import current_revision, head_revision, session_factory, transaction
from corridor.store.sql import SqlStore
from corridor.store.tables import Base

AGIBOT = Organization(
    key="cn-agibot",
    kind=OrgKind.STARTUP,
    country="CN",
    names=(
        Name("AgiBot", Script.LATIN, "en"),
        Name("智元机器人", Script.HAN, "zh"),
        Name("上海智元新创技术有限公司", Script.HAN, "zh", NameKind.LEGAL),
    ),
    city="Shanghai",
    founded=2023,
    sectors=("humanoid_robots", "robotics"),
    offers={"en": "General-purpose humanoid robots", "zh": "通用人形机器人"},
    seeks={"en": "Precision reducers and sensors"},
)
FUND = Organization(
    key="kr-fund",
    kind=OrgKind.INVESTOR,
    country="KR",
    names=(Name("카카오벤처스", Script.HANGUL, "ko"),),
    identifiers=(Identifier(IdScheme.KR_BRN, "2208162517"),),
    thesis=InvestorThesis(("robotics",), ("seed", "series_a"), 500_000, None, ("KR", "CN")),
    sources=("https://www.kakao.vc/",),
)
MISSION = Mission(
    key="m1",
    name="Roundtable",
    city="Shanghai",
    country="CN",
    timezone="Asia/Shanghai",
    slot_minutes=20,
    sessions=(Session("s1", "Morning", date(2026, 1, 8), time(9, 0), time(10, 0)),),
    tables=(Table("T1", "Table 1", "interpreted"), Table("T2", "Table 2")),
    interpreters=(Interpreter("i1", "Interpreter A", (LangPair.of("zh", "ko"),), ("s1",), 10, 3),),
)


def _store(engine: Engine) -> tuple[object, SqlStore]:
    factory = session_factory(engine)
    session = factory()
    return session, SqlStore(session)


def test_schema_is_at_head_and_matches_the_models(engine: Engine) -> None:
    assert current_revision(engine) == head_revision() == "0009"
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert {"organizations", "org_names", "meeting_requests"} <= set(
        inspect(engine).get_table_names()
    )


def test_organisations_round_trip_unchanged(engine: Engine) -> None:
    with transaction(session_factory(engine)) as session:
        assert SqlStore(session).upsert_organisations([AGIBOT, FUND]) == UpsertCounts(created=2)
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        assert store.organisation("cn-agibot") == AGIBOT
        assert store.organisation("kr-fund") == FUND
        assert [o.key for o in store.organisations(country="kr")] == ["kr-fund"]
        assert [o.key for o in store.organisations(kind="startup")] == ["cn-agibot"]


def test_upsert_is_idempotent_and_updates_changes(engine: Engine) -> None:
    factory = session_factory(engine)
    with transaction(factory) as session:
        SqlStore(session).upsert_organisations([AGIBOT, FUND])
    renamed = Organization(
        **{
            **{f: getattr(AGIBOT, f) for f in AGIBOT.__dataclass_fields__},
            "names": (Name("Zhiyuan Robotics", Script.LATIN, "en"),),
        }
    )
    with transaction(factory) as session:
        counts = SqlStore(session).upsert_organisations([renamed, FUND])
    assert counts == UpsertCounts(updated=1, unchanged=1)
    with transaction(factory) as session:
        store = SqlStore(session)
        assert store.organisation("cn-agibot").names == renamed.names
        assert store.count()["organisations"] == 2


def test_people_belong_to_existing_organisations(engine: Engine) -> None:
    person = Person("p1", "cn-agibot", (Name("彭志辉", Script.HAN, "zh"),), "Co-founder", ("zh",))
    factory = session_factory(engine)
    with transaction(factory) as session:
        store = SqlStore(session)
        store.upsert_organisations([AGIBOT])
        assert store.upsert_people([person]) == UpsertCounts(created=1)
        assert store.upsert_people([person]) == UpsertCounts(unchanged=1)
    with transaction(factory) as session:
        assert SqlStore(session).people(org_key="cn-agibot") == [person]
    with pytest.raises(NotFound), transaction(factory) as session:
        SqlStore(session).upsert_people([Person("p2", "nowhere", person.names)])


def test_identifier_is_unique_across_organisations(engine: Engine) -> None:
    twin = Organization(
        "kr-twin",
        OrgKind.STARTUP,
        "KR",
        (Name("Twin", Script.LATIN, "en"),),
        identifiers=FUND.identifiers,
    )
    with pytest.raises(IdentifierTaken) as caught, transaction(session_factory(engine)) as session:
        SqlStore(session).upsert_organisations([FUND, twin])
    assert (caught.value.key, caught.value.other) == ("kr-twin", "kr-fund")
    with transaction(session_factory(engine)) as session:
        assert SqlStore(session).count()["organisations"] == 0  # rolled back entirely


def test_identifier_of_a_stored_organisation_names_both(engine: Engine) -> None:
    """A new key reusing a stored business number: a Conflict naming both, nothing written."""
    twin = Organization(
        "kr-twin",
        OrgKind.STARTUP,
        "KR",
        (Name("Twin", Script.LATIN, "en"),),
        identifiers=FUND.identifiers,
    )
    with transaction(session_factory(engine)) as session:
        SqlStore(session).upsert_organisations([FUND])
    with pytest.raises(Conflict) as caught, transaction(session_factory(engine)) as session:
        SqlStore(session).upsert_organisations([AGIBOT, twin])
    message = str(caught.value)
    assert "'kr-twin'" in message and "'kr-fund'" in message
    assert FUND.identifiers[0].value in message and "nothing was written" in message
    with transaction(session_factory(engine)) as session:
        assert SqlStore(session).organisation_keys() == {"kr-fund"}


def test_identifier_moves_between_organisations_in_one_batch(engine: Engine) -> None:
    """An organisation giving up a number in the same batch frees it: no false conflict."""
    twin = Organization(
        "kr-twin",
        OrgKind.STARTUP,
        "KR",
        (Name("Twin", Script.LATIN, "en"),),
        identifiers=FUND.identifiers,
    )
    with transaction(session_factory(engine)) as session:
        SqlStore(session).upsert_organisations([FUND])
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        store.upsert_organisations([replace(FUND, identifiers=()), twin])
        assert store.organisation("kr-twin").identifiers == FUND.identifiers


def test_missions_participants_and_requests(engine: Engine) -> None:
    factory = session_factory(engine)
    with transaction(factory) as session:
        store = SqlStore(session)
        store.upsert_organisations([AGIBOT, FUND])
        assert store.save_mission(MISSION) == UpsertCounts(created=1)
        assert store.save_mission(MISSION) == UpsertCounts(unchanged=1)
        assert store.add_participants("m1", ["kr-fund", "cn-agibot", "kr-fund"]) == 2
        assert store.add_participants("m1", ["kr-fund"]) == 0
        request = MeetingRequest("kr-fund", "cn-agibot", 3, "robotics")
        assert store.upsert_requests("m1", [request]) == UpsertCounts(created=1)
        changed = MeetingRequest("kr-fund", "cn-agibot", 2, "robotics")
        assert store.upsert_requests("m1", [changed]) == UpsertCounts(updated=1)
    with transaction(factory) as session:
        store = SqlStore(session)
        assert store.mission("m1") == MISSION
        assert store.participants("m1") == ["cn-agibot", "kr-fund"]
        assert store.requests("m1") == [changed]
        with pytest.raises(NotFound):
            store.mission("m2")


def test_import_runs_are_appended(engine: Engine) -> None:
    run = ImportRun(
        "2026-01-05T10:00:00", "tester", [{"path": "a.csv", "sha256": "00"}], UpsertCounts(1, 2, 3)
    )
    with transaction(session_factory(engine)) as session:
        SqlStore(session).record_import(run)
        SqlStore(session).record_import(run)
    with transaction(session_factory(engine)) as session:
        assert SqlStore(session).imports() == [run, run]


def test_hold_policy_defaults_to_hold_and_survives_saving_the_mission(engine: Engine) -> None:
    from datetime import UTC, datetime

    from corridor.core.mission import HoldPolicy
    from corridor.store.base import StoredPolicy

    factory = session_factory(engine)
    at = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    with transaction(factory) as session:
        store = SqlStore(session)
        store.save_mission(MISSION)
        assert store.hold_policy("m1") == StoredPolicy(HoldPolicy.HOLD)
        store.set_hold_policy("m1", HoldPolicy.FLAG, actor="ana@example.org", at=at)
    with transaction(factory) as session:
        store = SqlStore(session)
        store.save_mission(replace(MISSION, name="Renamed"))  # the file's facts change
        assert store.hold_policy("m1") == StoredPolicy(HoldPolicy.FLAG, "ana@example.org", at)
        with pytest.raises(NotFound):
            store.hold_policy("m2")
