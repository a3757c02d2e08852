"""Reading a few entries of a list version by id, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from corridor.core.names import Name, Script
from corridor.core.screening import EntityType, ListEntry, ListVersion
from corridor.store.db import session_factory, transaction
from corridor.store.screening import ScreeningStore

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_entries_by_id_reads_only_those_of_that_version(engine: Engine) -> None:
    def entry(i: int) -> ListEntry:
        return ListEntry(
            "ofac_sdn", str(i), EntityType.ORGANIZATION, (Name(f"E{i}", Script.LATIN),)
        )

    with transaction(session_factory(engine)) as session:
        store = ScreeningStore(session)
        first = store.add_version(
            ListVersion("ofac_sdn", "a" * 64, None, NOW, 1200), [entry(i) for i in range(1200)]
        )
        second = store.add_version(ListVersion("ofac_sdn", "b" * 64, None, NOW, 1), [entry(7)])
    assert first.id is not None and second.id is not None
    wanted = ["7", "1100", "7", "no-such-id", *[str(i) for i in range(600, 1000)]]
    with transaction(session_factory(engine)) as session:
        found = ScreeningStore(session).entries_by_id(first.id, wanted)
        again = ScreeningStore(session).entries_by_id(second.id, ["7", "1100"])
    assert sorted(int(e.source_id) for e in found) == [7, *range(600, 1000), 1100]
    assert [e.names[0].text for e in again] == ["E7"]
