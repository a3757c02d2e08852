"""The one unit-of-work helper: every service's storage, in one transaction, as Protocols.

A use case opens ``unit_of_work(engine)`` to change something (all of it commits, or on
any error none of it does) or ``read_only(engine)`` to look (a consistent snapshot that
does not take SQLite's write lock, so a page never queues behind a long import). Both
yield ``Stores``, whose attributes are the repositories of ``store.base`` — the concrete
SQLAlchemy classes are built here and nowhere else in services/, so a service depends
on what the store promises, not on how it keeps it. The registry key file of
``screen batch --since`` (one SQLite file per input file, outside any transaction) is
opened and written here too, for the same reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from corridor.store.base import (
    AuditRepo,
    JobRepo,
    KeyFileRepo,
    KeyRow,
    ListRepo,
    MissionRepo,
    OutcomeRepo,
    PortalRepo,
    RegistryRepo,
    RollCallRepo,
    SafetyRepo,
    ScheduleRepo,
    ScreeningRepo,
    UserRepo,
)
from corridor.store.db import reading, session_factory, transaction, write_count
from corridor.store.jobs import JobStore
from corridor.store.portal import PortalStore
from corridor.store.safety import RollCallStore, SafetyStore
from corridor.store.schedules import ScheduleStore
from corridor.store.screening import ScreeningStore
from corridor.store.sql import SqlStore
from corridor.store.users import UserStore


@dataclass(frozen=True, slots=True)
class Stores:
    """The repositories of one unit of work, all over the same transaction."""

    registry: RegistryRepo
    missions: MissionRepo
    audit: AuditRepo
    lists: ListRepo
    screening: ScreeningRepo
    schedules: ScheduleRepo
    jobs: JobRepo
    users: UserRepo
    outcomes: OutcomeRepo
    portal: PortalRepo
    safety: SafetyRepo
    roll_calls: RollCallRepo


def _stores(session: Session) -> Stores:
    sql, screening = SqlStore(session), ScreeningStore(session)
    return Stores(
        registry=sql,
        missions=sql,
        audit=sql,
        lists=screening,
        screening=screening,
        schedules=ScheduleStore(session),
        jobs=JobStore(session),
        users=UserStore(session),
        outcomes=sql,
        portal=PortalStore(session),
        safety=SafetyStore(session),
        roll_calls=RollCallStore(session),
    )


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Stores]:
    """One transaction that may write: commit when the block ends, roll back everything
    when it raises. Database failures leave as ``corridor.exc`` errors (``Busy``,
    ``Unavailable``, ``Conflict``), as ``store.db.transaction`` says."""
    with transaction(session_factory(engine)) as session:
        yield _stores(session)


@contextmanager
def read_only(engine: Engine) -> Iterator[Stores]:
    """One transaction that only reads: a consistent snapshot that neither waits for a
    writer nor blocks one. Writing through it risks SQLite's "database is locked" —
    a use case that writes anything opens ``unit_of_work`` instead."""
    with reading(session_factory(engine)) as session:
        yield _stores(session)


def changes(engine: Engine) -> int:
    """How many transactions that changed data this process has committed through
    ``engine``: a generation number read caches compare (services/read_cache.py)."""
    return write_count(engine)


def open_key_file(path: Path) -> KeyFileRepo:
    """The registry key file at ``path``, read only; ``store.base.UnusableKeyFile`` when
    it is missing, damaged or not whole."""
    from corridor.store.keyfile import KeyFile  # numpy: only a batch needs it

    return KeyFile(path)


def write_key_file(
    target: Path, parts: Iterable[tuple[Sequence[KeyRow], Sequence[tuple[str, ...]]]]
) -> int:
    """Write the registry key file ``target`` (a new file) from (rows, their keys) in
    input order; the rows."""
    from corridor.store.keyfile import write_key_file as write

    return write(target, parts)
