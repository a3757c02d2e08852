"""A small mission whose KPI figures can be checked by hand (see test_outcomes.py).

Six real companies from tests/factory.py (three Korean, three Chinese), one session
of four 30-minute slots, one interpreter, five requested pairs of which four are in
the published schedule (Samsung–BYD with the interpreter).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.mission import (
    Interpreter,
    LangPair,
    Meeting,
    MeetingRequest,
    Mission,
    Session,
    Table,
)
from corridor.store.db import make_engine, migrate, session_factory, transaction
from corridor.store.schedules import ScheduleStore
from corridor.store.sql import SqlStore
from tests.factory import REAL_ORGS, seed_mission

KEY = "case-2025"
S, N, L = "kr-samsung-electronics", "kr-naver", "kr-lg-electronics"
H, B, X = "cn-huawei", "cn-byd", "cn-xiaomi"
FIRST_DAY = date(2025, 1, 15)

MISSION = Mission(
    key=KEY,
    name="Hand-checked case",
    city="Shanghai",
    country="CN",
    timezone="Asia/Shanghai",
    slot_minutes=30,
    sessions=(Session("s1", "Morning", FIRST_DAY, time(9, 0), time(11, 0)),),
    tables=(Table("t1", "Table 1", "interpreted"), Table("t2", "Table 2")),
    interpreters=(Interpreter("x1", "Interpreter One", (LangPair.of("ko", "zh"),)),),
)
REQUESTS = [
    MeetingRequest(S, B),
    MeetingRequest(B, S),
    MeetingRequest(S, X),
    MeetingRequest(N, H),
    MeetingRequest(L, X),
    MeetingRequest(S, N),
]
MEETINGS = [
    Meeting(S, B, 0, "t1", "x1"),
    Meeting(N, H, 0, "t2"),
    Meeting(S, X, 1, "t2"),
    Meeting(S, N, 2, "t2"),
]


def build(folder: Path) -> Engine:
    """A fresh database holding the case, its requests and published schedule."""
    engine = make_engine(str(folder / "case.db"))
    migrate(engine)
    seed_mission(engine, MISSION, REAL_ORGS, folder / "orgs.csv")
    with transaction(session_factory(engine)) as session:
        SqlStore(session).upsert_requests(KEY, REQUESTS)
        ScheduleStore(session).add(
            KEY,
            MEETINGS,
            solver="hand",
            status="FEASIBLE",
            weight=0,
            bound=None,
            seconds=0.0,
            at=datetime(2025, 1, 10, tzinfo=UTC),
            publish=True,
            actor="test",
        )
    return engine
