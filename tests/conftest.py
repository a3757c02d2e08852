"""Shared fixtures: databases on every backend the run has.

Store and service tests take ``db_url`` and run once per backend: SQLite always,
PostgreSQL when ``CORRIDOR_TEST_PG_URL`` names a server (``.ci/run`` starts one and
sets ``CORRIDOR_REQUIRE_PG=1`` so a missing server fails rather than skips).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from corridor.store.db import database_url, make_engine, migrate

PG_URL = os.environ.get("CORRIDOR_TEST_PG_URL")
REQUIRE_PG = os.environ.get("CORRIDOR_REQUIRE_PG") == "1"
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures"


def _pg_param() -> object:
    marks = [pytest.mark.postgres]
    if PG_URL is None and not REQUIRE_PG:
        marks.append(
            pytest.mark.skip(
                reason="no PostgreSQL server: set CORRIDOR_TEST_PG_URL (bash .ci/run starts one)"
            )
        )
    return pytest.param("postgresql", marks=marks, id="postgresql")


@pytest.fixture(params=["sqlite", _pg_param()])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corridor.db'}"
        return
    if PG_URL is None:
        pytest.fail("CORRIDOR_REQUIRE_PG=1 but CORRIDOR_TEST_PG_URL is not set")
    yield from _fresh_pg_database(PG_URL)


def _fresh_pg_database(admin_url: str) -> Iterator[str]:
    name = f"corridor_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(database_url(admin_url)).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated engine on a fresh database of each backend."""
    eng = make_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite engine, for tests that are not about the backend."""
    eng = make_engine(str(tmp_path / "corridor.db"))
    migrate(eng)
    yield eng
    eng.dispose()
