"""The schema head read from the revision files is the one Alembic reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from corridor.store.db import alembic_head, current_revision, head_revision, make_engine, migrate


def test_the_quick_head_is_alembics() -> None:
    assert head_revision() == alembic_head() is not None


def test_current_revision_without_alembic_reads_the_version_table(tmp_path: Path) -> None:
    engine = make_engine(str(tmp_path / "c.db"))
    assert current_revision(engine) is None  # no file yet
    assert migrate(engine) == head_revision() == current_revision(engine)
    engine.dispose()
    with sqlite3.connect(tmp_path / "c.db") as connection:
        connection.execute("DELETE FROM alembic_version")
    connection.close()
    assert current_revision(make_engine(str(tmp_path / "c.db"))) is None
