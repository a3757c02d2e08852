"""Engines, sessions, migrations, and the few places SQLite and PostgreSQL differ.

Two Corridor commands may work on one database at once (an import while the web app
serves, two organisers at the same time). SQLite then makes the second writer wait —
up to ``BUSY_TIMEOUT_SECONDS`` — instead of failing at once, and every transaction
takes the write lock when it begins (``BEGIN IMMEDIATE``): a transaction that read
first and asks for the lock later can neither wait nor succeed once another writer
committed in between (SQLite's deadlock on lock upgrade), so it never asks late.
"""

from __future__ import annotations

import re
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from corridor.exc import Conflict, Unavailable
from corridor.store.errors import database_errors
from corridor.store.timeouts import BUSY_TIMEOUT_SECONDS as BUSY_TIMEOUT_SECONDS
from corridor.store.urls import ambiguous_password, mask_url

if TYPE_CHECKING:  # Alembic loads only to upgrade: every command checks, few upgrade
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"


CONNECT_TIMEOUT_SECONDS = 10
"""How long a PostgreSQL connection attempt may take (an unreachable host)."""

POOL_SIZE = 20
"""Connections an engine keeps open for reuse. The web server answers up to 40 requests
at once from its thread pool; a smaller pool would open and close a connection (with
its pragmas) for most of them under load. Connections open only when first needed."""
POOL_OVERFLOW = 20
"""Connections opened beyond ``POOL_SIZE`` at a peak, closed when returned."""

BEGIN = "corridor_sqlite_begin"
"""Execution option: how a SQLite transaction begins (``IMMEDIATE`` unless set)."""

# pg_advisory_xact_lock key serialising migrations: "corridor" in ASCII, as an int.
MIGRATION_LOCK = 0x636F727269646F72

_BUSY_TIMEOUTS: weakref.WeakKeyDictionary[Engine, float] = weakref.WeakKeyDictionary()
_WRITES: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()


def database_url(target: str) -> str:
    """A SQLAlchemy URL from a URL or a plain file path (``corridor.db`` → SQLite).

    ``postgresql://`` URLs get the psycopg 3 driver, the one Corridor installs.
    """
    if "://" not in target:
        return f"sqlite:///{Path(target).expanduser()}"
    url = _parse(target)
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _parse(target: str) -> URL:
    if ambiguous_password(target):
        raise Unavailable(
            f"cannot read the database URL {mask_url(target)}: write @ / ? # in the "
            "password percent-encoded (%40 %2F %3F %23)"
        )
    try:
        url = make_url(target)
    except (ArgumentError, ValueError) as err:
        raise Unavailable(f"not a database URL: {mask_url(target)} ({err})") from None
    if url.get_backend_name() not in {"sqlite", "postgresql", "postgres"}:
        raise Unavailable(
            f"unsupported database {mask_url(target)}: Corridor works on a SQLite file "
            "(a path or sqlite:///path) or PostgreSQL (postgresql://user:password@host/db)"
        )
    return url


def make_engine(target: str, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Engine:
    """An engine for a URL or SQLite path; SQLite gets foreign keys, WAL, a busy wait.

    ``busy_timeout`` is how many seconds a SQLite writer waits for another before it
    fails with ``corridor.exc.Busy``.
    """
    url = database_url(target)
    sqlite = make_url(url).get_backend_name() == "sqlite"
    connect_args: dict[str, Any] = (
        {"timeout": busy_timeout} if sqlite else {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    )
    try:
        engine = create_engine(url, future=True, connect_args=connect_args, **_pool(url))
    except (ArgumentError, NoSuchModuleError, ImportError) as err:
        raise Unavailable(f"cannot use {mask_url(url)}: {err}") from None
    _BUSY_TIMEOUTS[engine] = busy_timeout
    _WRITES[engine] = 0
    event.listen(engine, "before_cursor_execute", _note_write)
    event.listen(engine, "commit", _count_write)
    event.listen(engine, "rollback", _forget_write)
    if sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _pool(url: str) -> dict[str, int]:
    """Pool sizes, except for an in-memory SQLite database (one connection per thread)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        return {}
    return {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}


_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP", "UPSERT")
_WROTE: weakref.WeakSet[Connection] = weakref.WeakSet()
"""Connections whose open transaction has written. Kept beside the connection, not in
``connection.info``: reading that revalidates the connection, which fails while an
interrupted transaction is being rolled back."""


def _note_write(connection: Connection, _cursor: Any, statement: str, *_args: Any) -> None:
    if statement.lstrip()[:7].upper().startswith(_WRITE_VERBS):
        _WROTE.add(connection)


def _count_write(connection: Connection) -> None:
    if connection in _WROTE:
        _WROTE.discard(connection)
        _WRITES[connection.engine] = _WRITES.get(connection.engine, 0) + 1


def _forget_write(connection: Connection) -> None:
    _WROTE.discard(connection)


def write_count(engine: Engine) -> int:
    """How many transactions that changed data this process has committed through
    ``engine`` (a cheap generation number: read caches compare it, never the database)."""
    return _WRITES.get(engine, 0)


def busy_timeout(engine: Engine) -> float:
    """The seconds ``engine`` waits for another writer (for messages)."""
    return _BUSY_TIMEOUTS.get(engine, BUSY_TIMEOUT_SECONDS)


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite (the one dialect switch in the code base)."""
    return engine.dialect.name == "sqlite"


def table_of(model: Any) -> Table:
    """The Core table of a mapped class, for statements that bypass the ORM's bookkeeping."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def bound_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with each value as its column's type sends it to this database (JSON as
    text, a time stamp as SQLite's text), for ``copy_rows``, which bypasses the types."""
    dialect = session.connection().dialect
    table = table_of(model)
    processors = {c: table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in rows[0]}
    active = {c: _last_remembered(p) for c, p in processors.items() if p is not None}
    if len(active) == 0:
        return rows
    return [{**row, **{c: p(row[c]) for c, p in active.items()}} for row in rows]


def _last_remembered(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``process`` that answers a value it was just given again without processing it:
    the time stamps of a batch are one value for every row."""
    last: list[Any] = [object(), None]

    def remembered(value: Any) -> Any:
        if value is not last[0]:
            last[:] = [value, process(value)]
        return last[1]

    return remembered


def copy_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert many rows of plain columns (text and numbers, no ids wanted) as fast as
    the database allows: ``COPY … FROM STDIN`` on PostgreSQL, the driver's own
    ``executemany`` on SQLite (SQLAlchemy's per-row parameter handling cost more than
    SQLite's insert). Every row must have the same keys; they join the session's
    transaction.
    """
    if len(rows) == 0:
        return
    connection = session.connection()
    table, columns = table_of(model), list(rows[0])
    values = _values(columns)
    quoted = ", ".join(f'"{c}"' for c in columns)
    if is_sqlite(connection.engine):
        marks = ", ".join("?" for _ in columns)
        statement = f"INSERT INTO {table.name} ({quoted}) VALUES ({marks})"
        connection.exec_driver_sql(statement, list(map(values, rows)))
        return
    copy_sql = f"COPY {table.name} ({quoted}) FROM STDIN"
    raw = connection.connection.dbapi_connection
    with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:  # type: ignore[union-attr]
        for row in rows:
            copy.write_row(values(row))


def _values(columns: list[str]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function giving a row's values of ``columns`` as a tuple, in one C call."""
    if len(columns) == 1:
        return lambda row: (row[columns[0]],)
    return itemgetter(*columns)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module would begin transactions itself, lazily and DEFERRED;
    # _sqlite_begin begins them instead, so that they take the write lock up front.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        # The busy wait the engine was made with (the sqlite3 module's ``timeout``).
        waits_ms = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
        _enter_wal(cursor, waits_ms / 1000)
    finally:
        cursor.close()


def _enter_wal(cursor: Any, wait: float) -> None:
    """Switch a new database file to WAL, waiting for another process doing the same.

    Changing the journal mode needs the file to itself, and SQLite answers "database
    is locked" at once instead of calling the busy handler: two commands starting on
    a new file would fail. Once the file is in WAL (persistent) the pragma is a no-op.
    """
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(BEGIN, "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


def alembic_config(engine: Engine) -> Config:
    """An Alembic config pointing at the packaged migrations, bound to ``engine``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> str | None:
    """Bring the schema to the newest revision; returns the revision now in force.

    Safe to run from several processes at once (two ``corridor init``, or two
    commands starting on a new database): the upgrade runs in one transaction that
    holds the write lock (SQLite) or an advisory lock (PostgreSQL), and the revision
    is read again once the lock is held, so only the first process upgrades.
    """
    head = head_revision()
    with database_errors(engine, busy_timeout(engine)):
        _make_folder(engine)
        if current_revision(engine) == head:
            return head
        with engine.connect() as connection, connection.begin():
            if not is_sqlite(engine):
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                )
            found = _revision(connection)
            if found != head:
                _upgrade(engine, connection, found)
    return current_revision(engine)


def _upgrade(engine: Engine, connection: Connection, found: str | None) -> None:
    from alembic import command
    from alembic.util.exc import CommandError

    config = alembic_config(engine)
    config.attributes["connection"] = connection
    try:
        command.upgrade(config, "head")
    except CommandError as err:  # a revision this Corridor does not ship
        raise Conflict(
            f"the database {engine.url.render_as_string(hide_password=True)} is at schema "
            f"{found}, which this version of Corridor does not know (newest: "
            f"{head_revision()}): it was made by a newer Corridor — upgrade Corridor ({err})"
        ) from None


def _make_folder(engine: Engine) -> None:
    database = engine.url.database
    if not is_sqlite(engine) or database in (None, "", ":memory:"):
        return
    folder = Path(database).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise Unavailable(f"cannot create the folder of {database}: {err.strerror}") from None


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None for an empty database).

    A SQLite file that does not exist yet is empty: asking it would create the file,
    or fail when its folder does not exist yet (``migrate`` creates both).
    """
    database = engine.url.database
    if is_sqlite(engine) and database and database != ":memory:" and not Path(database).exists():
        return None
    with (
        database_errors(engine, busy_timeout(engine)),
        engine.connect().execution_options(**{BEGIN: "DEFERRED"}) as connection,
    ):
        return _revision(connection)


def _revision(connection: Connection) -> str | None:
    """The row of Alembic's version table, read directly (what Alembic's
    ``MigrationContext.get_current_revision`` reads, without importing Alembic)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
    if len(rows) > 1:  # branches: let Alembic say what it makes of them
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(connection).get_current_revision()
    return None if len(rows) == 0 else str(rows[0][0])


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error.

    Database failures leave as ``corridor.exc`` errors: ``Busy`` when another writer
    held the lock too long, ``Unavailable`` when the database cannot be reached,
    ``Conflict`` when a constraint refused the write.
    """
    engine = factory.kw["bind"]
    with database_errors(engine, busy_timeout(engine)), factory() as session, session.begin():
        yield session


@contextmanager
def reading(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work that only reads: a consistent snapshot without the write lock.

    ``transaction`` takes SQLite's write lock up front, so readers using it queue
    behind a long import; a reader here never waits (WAL) and never blocks a writer.
    Writing through it risks SQLite's "database is locked" — use ``transaction``.
    """
    engine = factory.kw["bind"]
    with database_errors(engine, busy_timeout(engine)), factory() as session, session.begin():
        session.connection(execution_options={BEGIN: "DEFERRED"})
        yield session


@cache
def head_revision() -> str | None:
    """The newest migration shipped with this version of Corridor.

    Read from the revision files' ``revision``/``down_revision`` lines: importing
    Alembic to ask it costs a fifth of a second on every command, which only has to
    compare this with the database's revision. A history this reading cannot settle
    (no single head) is left to Alembic.
    """
    revisions: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        found, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if found is None or down is None:
            return alembic_head()
        revisions[found.group(1)] = None if down.group(1) == "None" else down.group(1).strip("\"'")
    heads = set(revisions) - {d for d in revisions.values() if d is not None}
    return heads.pop() if len(heads) == 1 else alembic_head()


_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"^down_revision\s*(?::[^=]*)?=\s*(None|[\"'][^\"']+[\"'])\s*$", re.MULTILINE
)


def alembic_head() -> str | None:
    """The newest migration as Alembic itself reads the scripts."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()
