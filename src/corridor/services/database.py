"""The database as a front end meets it: open it, create or upgrade it, and say in words
what went wrong with it.

The CLI and the web reach storage only through services; this is their one door to an
engine, to the schema, and to the translation of a database failure that escaped a
unit of work (the CLI's last line of defence) — a message that must never show the
password of a PostgreSQL URL.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from corridor.exc import CorridorError, NoDatabase
from corridor.store.db import (
    BUSY_TIMEOUT_SECONDS,
    current_revision,
    database_url,
    is_sqlite,
    make_engine,
    migrate,
)
from corridor.store.errors import describe
from corridor.store.urls import scrub


def connect(target: str, *, busy_timeout: float | None = None) -> Engine:
    """An engine on a SQLite path or database URL, its schema untouched (``init`` looks
    first); ``busy_timeout`` is how long a SQLite writer waits for another (None: the
    store's default)."""
    return make_engine(target, busy_timeout=_seconds(busy_timeout))


def open_database(target: str, *, busy_timeout: float | None = None, create: bool = True) -> Engine:
    """An engine on a SQLite path or database URL, with the schema brought up to date.

    With ``create=False`` (what commands that only read ask for) a database that does
    not exist, or holds no Corridor schema, is refused with ``NoDatabase`` instead of
    being created: a mistyped path must not silently become a new, empty database.
    """
    engine = connect(target, busy_timeout=busy_timeout)
    if not create and current_revision(engine) is None:
        where = engine.url.database if is_sqlite(engine) else None
        engine.dispose()
        raise NoDatabase(where or engine.url.render_as_string(hide_password=True))
    migrate(engine)
    return engine


def single_writer(engine: Engine) -> bool:
    """Whether the database serialises writers (SQLite): one job worker is enough there."""
    return is_sqlite(engine)


@dataclass(frozen=True, slots=True)
class SchemaUpgrade:
    """What ``init_database`` did: the database (password hidden) and its schema
    revision before and after."""

    database: str
    before: str | None
    after: str | None

    @property
    def outcome(self) -> str:
        """created, upgraded or up to date."""
        if self.before is None:
            return "created"
        return "upgraded" if self.before != self.after else "up to date"


def init_database(engine: Engine) -> SchemaUpgrade:
    """Create the database or bring its schema to the newest revision (safe to run from
    several processes at once), saying which of the two it did."""
    before = current_revision(engine)
    after = migrate(engine)
    return SchemaUpgrade(engine.url.render_as_string(hide_password=True), before, after)


def database_failure(
    err: DBAPIError, target: str, busy_timeout: float | None = None
) -> CorridorError | None:
    """``err`` in words, for the database ``target`` names; None when it is a bug."""
    try:
        url = make_url(database_url(target))
    except CorridorError:
        return None
    return describe(err, url, _seconds(busy_timeout))


def without_secrets(text: str, target: str) -> str:
    """``text`` (a traceback, an error message) with the password of the database URL
    ``target`` blanked out, fit for a log file a user attaches to a report."""
    return scrub(text, target)


def _seconds(busy_timeout: float | None) -> float:
    return BUSY_TIMEOUT_SECONDS if busy_timeout is None else busy_timeout
