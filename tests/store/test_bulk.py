"""Bulk writes of organisations and people (``store.bulk``), on every backend.

The writes bypass the ORM's per-row flush, so these tests pin what that must not
change: what reads back, the created/updated/unchanged counts across more rows than
one key query holds, identifiers moving, and a session that had loaded a row before.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from corridor.core.names import Name, NameKind, Script
from corridor.core.parties import Identifier, IdScheme, Organization, OrgKind, Person
from corridor.core.screening import EntityType, ListEntry
from corridor.store.base import UpsertCounts
from corridor.store.bulk import CHUNK
from corridor.store.convert import fingerprint
from corridor.store.db import session_factory, transaction
from corridor.store.sql import SqlStore
from tests.store.test_sql import AGIBOT, FUND, MISSION

COUNT = CHUNK * 2 + 37  # more keys than two IN (…) queries hold


def _org(i: int, city: str = "Busan") -> Organization:
    return Organization(
        key=f"org-{i:05d}",
        kind=OrgKind.STARTUP,
        country="KR",
        names=(
            Name(f"Org {i}", Script.LATIN, "en"),
            Name(f"회사{i}", Script.HANGUL, "ko"),
            Name(f"주식회사 회사{i}", Script.HANGUL, "ko", NameKind.LEGAL),
        ),
        city=city,
        sectors=("robotics",),
        identifiers=(Identifier(IdScheme.KR_BRN, f"{i:010d}"),),
        offers={"en": f"offer {i}"},
    )


def _person(i: int) -> Person:
    return Person(
        f"p-{i:05d}", f"org-{i:05d}", (Name(f"김{i}", Script.HANGUL, "ko"),), None, ("ko",)
    )


# Fields added after hashes were first stored: an object leaving them empty must hash
# as it did before they existed.
_LATER = {"arrives", "leaves", "programme", "group_requests", "investor_tables"}


def _before_later_fields(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _before_later_fields(v)
            for k, v in value.items()
            if k not in _LATER or v not in (None, (), [])
        }
    if isinstance(value, list | tuple):
        return [_before_later_fields(v) for v in value]
    return value


def _old_fingerprint(obj: object) -> str:
    data = _before_later_fields(asdict(obj))  # type: ignore[call-overload]
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def test_fingerprint_is_the_hash_stored_before_bulk_writes() -> None:
    """Stored content hashes must keep matching, or a re-import would update every row."""
    entry = ListEntry(
        "ofac_sdn", "1", EntityType.ORGANIZATION, (Name("X Co", Script.LATIN),), ("SDGT",)
    )
    person = Person("p1", "cn-agibot", (Name("彭志辉", Script.HAN, "zh"),), "CTO", ("zh", "en"))
    for obj in (AGIBOT, FUND, MISSION, person, entry, _org(7)):
        assert fingerprint(obj) == _old_fingerprint(obj)
    late = replace(person, arrives=datetime(2026, 1, 8, 15, 0))
    assert fingerprint(late) != fingerprint(person)  # a new field in use is content


def test_many_rows_created_changed_and_unchanged(engine: Engine) -> None:
    factory = session_factory(engine)
    orgs = [_org(i) for i in range(COUNT)]
    with transaction(factory) as session:
        store = SqlStore(session)
        assert store.upsert_organisations(orgs) == UpsertCounts(created=COUNT)
        assert store.upsert_people([_person(i) for i in range(COUNT)]) == UpsertCounts(
            created=COUNT
        )
    moved = [_org(i, city="Seoul") if i % 3 == 0 else orgs[i] for i in range(COUNT)]
    with transaction(factory) as session:
        counts = SqlStore(session).upsert_organisations([*moved, _org(COUNT)])
    changed = len(range(0, COUNT, 3))
    assert counts == UpsertCounts(created=1, updated=changed, unchanged=COUNT - changed)
    with transaction(factory) as session:
        store = SqlStore(session)
        assert store.organisations() == [*moved, _org(COUNT)]
        assert store.people(org_key="org-00003") == [_person(3)]
        assert store.count()["organisations"] == COUNT + 1


def test_changed_names_and_identifiers_replace_the_old_ones(engine: Engine) -> None:
    factory = session_factory(engine)
    with transaction(factory) as session:
        SqlStore(session).upsert_organisations([_org(1), _org(2)])
    # org 1 gives its number up and org 2 takes it, in one batch
    one = replace(_org(1), names=(Name("Renamed", Script.LATIN, "en"),), identifiers=())
    two = replace(_org(2), identifiers=_org(1).identifiers)
    with transaction(factory) as session:
        assert SqlStore(session).upsert_organisations([one, two]) == UpsertCounts(updated=2)
    with transaction(factory) as session:
        store = SqlStore(session)
        assert store.organisation("org-00001") == one
        assert store.organisation("org-00002") == two


def test_a_row_loaded_earlier_in_the_unit_of_work_reads_the_new_content(engine: Engine) -> None:
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        store.upsert_organisations([_org(1)])
        assert store.organisation("org-00001").city == "Busan"
        store.upsert_organisations([_org(1, city="Seoul")])
        assert store.organisation("org-00001") == _org(1, city="Seoul")
