"""Database failures in words a person can act on, as ``corridor.exc`` errors.

SQLAlchemy wraps what the driver says ("database is locked", "connection refused",
"file is not a database", a unique constraint) in its own exceptions; left alone they
reach the user as a traceback — and a PostgreSQL URL in one may carry a password. This
module is the one translation, used by every unit of work and by the CLI's last line
of defence.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from corridor.exc import Busy, Conflict, CorridorError, Unavailable
from corridor.store.urls import scrub

# (words in the driver's message, what to tell the user) for SQLite's file problems.
_SQLITE_FILE = (
    ("unable to open database file", "cannot open {db}: its folder is missing or not writable"),
    ("readonly database", "cannot write {db}: the file or its folder is read-only"),
    ("file is not a database", "{db} is not a Corridor database (not a SQLite file)"),
    ("malformed", "{db} is damaged (database disk image is malformed)"),
    ("disk is full", "cannot write {db}: the disk is full; nothing was written"),
    ("disk i/o error", "cannot read or write {db}: disk I/O error"),
)


@contextmanager
def database_errors(engine: Engine, busy_timeout: float) -> Iterator[None]:
    """Re-raise the driver errors a user can cause or cure as ``CorridorError``s.

    Anything else (a programming error in SQL) goes on as it is: it is a bug.
    """
    try:
        yield
    except DBAPIError as err:
        known = describe(err, engine.url, busy_timeout)
        if known is None:
            raise
        raise known from err


def describe(err: DBAPIError, url: URL, busy_timeout: float) -> CorridorError | None:
    """The ``CorridorError`` for ``err`` on the database at ``url``, or None for a bug."""
    target = url.render_as_string(hide_password=False)
    shown = url.render_as_string(hide_password=True)
    message = scrub(str(err.orig), target)
    lowered = message.lower()
    if isinstance(err, IntegrityError):
        return Conflict(
            f"the database refused the write ({_first_line(message)}); nothing was written"
        )
    if "database is locked" in lowered or "database table is locked" in lowered:
        return Busy(
            f"another Corridor command is writing to this database ({shown}) and did not "
            f"finish within {busy_timeout:g} s; try again when it has finished"
        )
    if url.get_backend_name() == "sqlite":
        db = url.database or shown
        for words, text in _SQLITE_FILE:
            if words in lowered:
                return Unavailable(text.format(db=db))
        return None
    return _server_error(err, shown, message)


def _server_error(err: DBAPIError, shown: str, message: str) -> CorridorError | None:
    lowered = message.lower()
    if "connection" in lowered or "could not translate host" in lowered or "timeout" in lowered:
        return Unavailable(f"cannot connect to {shown}: {_reason(message)}")
    if err.connection_invalidated:
        return Unavailable(f"lost the connection to {shown}: {_first_line(message)}")
    if "does not exist" in lowered and "database" in lowered:
        return Unavailable(f"cannot connect to {shown}: {_first_line(message)}")
    return None


def _reason(message: str) -> str:
    """ "connection refused" out of psycopg's "connection failed: … failed: Connection refused"."""
    reason = _first_line(message).rsplit("failed: ", 1)[-1].strip()
    return reason[:1].lower() + reason[1:]


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "no message"
