"""Services open transactions through ``services/uow.py`` only (issue 10, "One way
in"): no other services module calls ``store.db.transaction``, ``reading`` or
``session_factory``, or builds a concrete store itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SERVICES = Path(__file__).resolve().parents[2] / "src" / "corridor" / "services"
DB_HELPERS = {"transaction", "reading", "session_factory"}
CONCRETE = {"SqlStore", "ScreeningStore", "ScheduleStore", "JobStore", "UserStore"}


def store_uses(source: str) -> list[str]:
    """Every use of a store.db session helper or a concrete store class in ``source``:
    imports of them, and calls by name or as an attribute (``db.transaction(...)``)."""
    tree = ast.parse(source)
    wanted = DB_HELPERS | CONCRETE
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("corridor.store"):
            found += [f"import {a.name}" for a in node.names if a.name in wanted]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in wanted:
                found.append(f"call {name}")
    return found


@pytest.mark.parametrize(
    "path", sorted(p for p in SERVICES.glob("*.py") if p.name != "uow.py"), ids=lambda p: p.name
)
def test_no_service_opens_a_session_or_builds_a_store_itself(path: Path) -> None:
    assert store_uses(path.read_text(encoding="utf-8")) == []


def test_uow_is_where_they_are_used() -> None:
    found = store_uses((SERVICES / "uow.py").read_text(encoding="utf-8"))
    assert {"call transaction", "call reading", "call session_factory"} <= set(found)
    assert {f"call {c}" for c in CONCRETE} <= set(found)


def test_the_check_catches_a_direct_transaction() -> None:
    bad = (
        "from corridor.store.db import session_factory, transaction\n"
        "from corridor.store import db, sql\n"
        "def f(engine):\n"
        "    with transaction(session_factory(engine)) as session:\n"
        "        sql.SqlStore(session).count()\n"
        "    with db.reading(db.session_factory(engine)):\n"
        "        pass\n"
    )
    assert sorted(store_uses(bad)) == [
        "call SqlStore",
        "call reading",
        "call session_factory",
        "call session_factory",
        "call transaction",
        "import session_factory",
        "import transaction",
    ]
