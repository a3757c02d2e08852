"""Driver failures leave the store as ``corridor.exc`` errors, in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.exc import Unavailable
from corridor.store.db import make_engine, migrate, session_factory, transaction
from corridor.store.sql import SqlStore


def test_a_full_disk_is_a_sentence_and_nothing_is_written(tmp_path: Path) -> None:
    """SQLITE_FULL for real: the database may not grow past its current pages."""
    engine = make_engine(str(tmp_path / "c.db"))
    migrate(engine)
    engine.dispose()

    def cap(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(engine, "connect", cap)
    orgs = [
        Organization(f"org-{i:04d}", OrgKind.STARTUP, "KR", (Name("x" * 400, Script.LATIN),))
        for i in range(300)
    ]
    with pytest.raises(Unavailable) as caught, transaction(session_factory(engine)) as session:
        SqlStore(session).upsert_organisations(orgs)
    assert "the disk is full; nothing was written" in str(caught.value)
    event.remove(engine, "connect", cap)
    engine.dispose()
    with transaction(session_factory(engine)) as session:
        assert SqlStore(session).organisation_keys() == set()
