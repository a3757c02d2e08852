"""The one unit-of-work helper: all of a use case's writes or none, reads beside a
writer, and stores that services see only as ``store.base`` Protocols."""

from __future__ import annotations

import time
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.exc import Busy, NotFound
from corridor.services.database import open_database
from corridor.services.uow import Stores, read_only, unit_of_work
from corridor.store import base
from tests.store.test_concurrency import hold_write_lock

NOW = datetime(2026, 1, 8, 9, 0, tzinfo=UTC)
ORG = Organization(
    key="kr-acme",
    kind=OrgKind.STARTUP,
    country="KR",
    names=(Name("Acme Robotics", Script.LATIN, "en"),),
)


def test_a_unit_of_work_commits_when_the_block_ends(engine: Engine) -> None:
    with unit_of_work(engine) as uow:
        uow.registry.upsert_organisations([ORG])
        job = uow.jobs.add("screen_mission", "ana", {"mission": "m1"}, NOW)
    with read_only(engine) as uow:
        assert uow.registry.organisation_keys() == {"kr-acme"}
        assert uow.jobs.get(job.id).actor == "ana"


def test_an_error_rolls_back_every_store_of_the_unit(engine: Engine) -> None:
    with pytest.raises(RuntimeError, match="half-way"), unit_of_work(engine) as uow:
        uow.registry.upsert_organisations([ORG])
        uow.jobs.add("screen_mission", "ana", {"mission": "m1"}, NOW)
        uow.users.add_user("ana@example.org", "hash", ["admin"], NOW)
        raise RuntimeError("half-way")
    with read_only(engine) as uow:
        assert uow.registry.organisation_keys() == set()
        assert uow.jobs.jobs() == []
        assert uow.users.users() == []


def test_a_corridor_error_rolls_back_what_came_before_it(engine: Engine) -> None:
    with pytest.raises(NotFound), unit_of_work(engine) as uow:
        uow.registry.upsert_organisations([ORG])
        uow.missions.mission("no-such-mission")
    with read_only(engine) as uow:
        assert uow.registry.organisation_keys() == set()


def test_read_only_sees_what_was_committed(engine: Engine) -> None:
    with read_only(engine) as uow:
        assert uow.registry.organisation_keys() == set()
    with unit_of_work(engine) as uow:
        uow.registry.upsert_organisations([ORG])
    with read_only(engine) as uow:
        assert [o.key for o in uow.registry.organisations()] == ["kr-acme"]
        assert uow.registry.count()["organisations"] == 1


def test_read_only_needs_no_write_lock_where_a_unit_of_work_waits(tmp_path: Path) -> None:
    """On SQLite another writer holding the lock does not stop a reader; a writer gives
    up after its busy timeout with ``Busy``, never half-written."""
    db = tmp_path / "c.db"
    engine = open_database(str(db), busy_timeout=0.3)
    holder = hold_write_lock(db, 20)
    try:
        started = time.monotonic()
        with read_only(engine) as uow:
            assert uow.registry.organisation_keys() == set()
            assert uow.lists.active_versions() == []
        assert time.monotonic() - started < 0.3
        with pytest.raises(Busy), unit_of_work(engine) as uow:
            uow.registry.upsert_organisations([ORG])
    finally:
        holder.kill()
        holder.communicate()
    with read_only(engine) as uow:
        assert uow.registry.organisation_keys() == set()
    engine.dispose()


def test_every_store_of_a_unit_is_typed_as_a_store_protocol() -> None:
    """Services see what the store promises (``store.base``), not a SQLAlchemy class."""
    for field in fields(Stores):
        declared = getattr(base, str(field.type))
        assert getattr(declared, "_is_protocol", False), field.name
