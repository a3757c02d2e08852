"""Opening the database for a front end that may not speak to the store itself.

The web layer reaches storage only through services; this is its one door to an engine.
"""

from __future__ import annotations

from sqlalchemy import Engine

from corridor.store.db import is_sqlite, make_engine, migrate


def open_database(target: str) -> Engine:
    """An engine on a SQLite path or database URL, with the schema brought up to date."""
    engine = make_engine(target)
    migrate(engine)
    return engine


def single_writer(engine: Engine) -> bool:
    """Whether the database serialises writers (SQLite): one job worker is enough there."""
    return is_sqlite(engine)
