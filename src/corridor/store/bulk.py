"""Writing registry records many at a time: a few statements per batch, not per row.

An import of 20,000 organisations used to flush the ORM once per row (about 38 s);
here each kind is written with a handful of statements whatever its size: one query
per 500 keys for what is stored, one multi-row ``INSERT … RETURNING`` for the new
rows, one executemany ``UPDATE`` for the changed ones, and their names and
identifiers deleted and inserted in bulk. The caller's transaction still makes the
whole import all or nothing. Rows are written with statements, not through the
session's objects, so the session forgets what it had loaded once a batch is in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import ARRAY, ColumnElement, any_, bindparam, delete, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from corridor.core.names import Name
from corridor.core.parties import Organization, Person
from corridor.exc import NotFound
from corridor.store import convert
from corridor.store.base import UpsertCounts
from corridor.store.db import bound_rows, copy_rows, is_sqlite, table_of
from corridor.store.tables import (
    Base,
    OrgIdentifierRow,
    OrgNameRow,
    OrgRow,
    PersonNameRow,
    PersonRow,
)

T = TypeVar("T", Organization, Person)

CHUNK = 500
"""Keys per ``IN (…)`` query: far below SQLite's and PostgreSQL's parameter limits."""


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """``items`` in slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def one_of(session: Session, column: Any, values: Sequence[Any]) -> Iterator[ColumnElement[bool]]:
    """Conditions "``column`` is one of ``values``", as few as the database allows: one
    ``= ANY(array)`` on PostgreSQL (a single parameter: psycopg spent 5 ms turning
    each ``IN`` of 500 placeholders into its own query text, 3 s for 100,000 keys),
    ``IN`` lists of at most ``CHUNK`` on SQLite."""
    if len(values) == 0:
        return
    if is_sqlite(session.connection().engine):
        for part in chunks(values):
            yield column.in_(part)
        return
    yield column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))


def now() -> datetime:
    """The time stamp of rows written now (naive UTC, as the tables keep it)."""
    return datetime.now(UTC).replace(tzinfo=None)


def ids_by_key(
    session: Session, key: InstrumentedAttribute[str], keys: Sequence[str]
) -> dict[str, int]:
    """The row id of each stored key among ``keys`` (of organisations or people)."""
    model = key.class_
    found: dict[str, int] = {}
    for condition in one_of(session, key, sorted(set(keys))):
        rows = session.execute(select(key, model.id).where(condition))
        found.update((k, row_id) for k, row_id in rows)
    return found


@dataclass(slots=True)
class Plan(Generic[T]):
    """What a batch asks for: rows to insert, rows to update (by id), and the rest."""

    new: list[tuple[T, str]] = field(default_factory=list)
    changed: list[tuple[int, T, str]] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> UpsertCounts:
        """The batch's counts as the importer reports them."""
        return UpsertCounts(len(self.new), len(self.changed), self.unchanged)


def plan(session: Session, model: type[OrgRow] | type[PersonRow], items: Sequence[T]) -> Plan[T]:
    """Sort a batch by what is stored: new keys, changed content, identical content.

    A key given twice counts once, with its last content (the importer refuses a
    repeated key before it gets here).
    """
    latest = {item.key: item for item in items}
    stored: dict[str, tuple[int, str]] = {}
    for condition in one_of(session, model.key, sorted(latest)):
        query = select(model.key, model.id, model.content_hash).where(condition)
        stored.update((k, (i, h)) for k, i, h in session.execute(query))
    out: Plan[T] = Plan()
    for key, item in latest.items():
        digest = convert.fingerprint(item)
        row = stored.get(key)
        if row is None:
            out.new.append((item, digest))
        elif row[1] == digest:
            out.unchanged += 1
        else:
            out.changed.append((row[0], item, digest))
    return out


def write_organisations(session: Session, orgs: Sequence[Organization]) -> UpsertCounts:
    """Insert new organisations and replace changed ones, names and identifiers too."""
    work = plan(session, OrgRow, orgs)
    return _write(session, OrgRow, work, convert.org_values, _org_children, {})


def write_people(session: Session, people: Sequence[Person]) -> UpsertCounts:
    """Insert new people and replace changed ones; their organisations must exist."""
    org_ids = ids_by_key(session, OrgRow.key, [p.org_key for p in people])
    for person in people:
        if person.org_key not in org_ids:
            raise NotFound("organisation", person.org_key)
    work = plan(session, PersonRow, people)
    return _write(session, PersonRow, work, convert.person_values, _person_children, org_ids)


Values = Callable[[Any, str, dict[str, int]], dict[str, Any]]
Children = Callable[[int, Any], Iterator[tuple[type[Base], dict[str, Any]]]]


def _write(
    session: Session,
    model: type[OrgRow] | type[PersonRow],
    work: Plan[T],
    values: Values,
    children: Children,
    refs: dict[str, int],
) -> UpsertCounts:
    session.flush()  # what the session holds goes first: the statements bypass it
    stamp = now()
    changed_ids: list[int] = [row_id for row_id, _, _ in work.changed]
    for child in _CHILDREN[model]:
        _delete_children(session, child, changed_ids)
    if len(work.changed) > 0:
        rows = [
            {"row_id": row_id, "updated_at": stamp, **values(item, digest, refs)}
            for row_id, item, digest in work.changed
        ]
        table = table_of(model)
        session.execute(update(table).where(table.c.id == bindparam("row_id")), rows)
    new_ids: list[int] = _insert_returning_ids(
        session,
        model,
        [
            {"created_at": stamp, "updated_at": stamp, **values(item, digest, refs)}
            for item, digest in work.new
        ],
    )
    owners = [
        *zip(changed_ids, (i for _, i, _ in work.changed), strict=True),
        *zip(new_ids, (i for i, _ in work.new), strict=True),
    ]
    _insert_children(session, (c for owner, item in owners for c in children(owner, item)))
    session.expire_all()  # objects loaded before are stale now
    return work.counts()


def _insert_returning_ids(
    session: Session, model: type[OrgRow] | type[PersonRow], rows: list[dict[str, Any]]
) -> list[int]:
    """Insert ``rows`` in bulk; their new ids, in the order given.

    ``INSERT … RETURNING`` with ids in the rows' order went one row per statement on
    SQLite (it does not promise the order of a multi-row RETURNING) and, on
    PostgreSQL, spent most of 100,000 organisations' import in the driver rewriting
    the placeholders of huge multi-row statements. The rows go in as the children
    do (COPY, or the driver's executemany), with each value as its column's type
    would send it; keys are unique, so the ids read back by key are the new rows'.
    """
    if len(rows) == 0:
        return []
    copy_rows(session, model, bound_rows(session, model, rows))
    ids = ids_by_key(session, model.key, [row["key"] for row in rows])
    return [ids[row["key"]] for row in rows]


_CHILDREN: dict[type[Base], tuple[Any, ...]] = {
    OrgRow: (OrgNameRow, OrgIdentifierRow),
    PersonRow: (PersonNameRow,),
}


def _delete_children(session: Session, child: Any, owner_ids: Sequence[int]) -> None:
    owner = child.org_id if child is not PersonNameRow else child.person_id
    for condition in one_of(session, owner, owner_ids):
        session.execute(
            delete(child).where(condition), execution_options={"synchronize_session": False}
        )


def _insert_children(
    session: Session, children: Iterator[tuple[type[Base], dict[str, Any]]]
) -> None:
    """Names and identifiers, one bulk insert per table (COPY on PostgreSQL)."""
    by_table: dict[type[Base], list[dict[str, Any]]] = {}
    for model, row in children:
        by_table.setdefault(model, []).append(row)
    for model, rows in by_table.items():
        copy_rows(session, model, rows)


def _names(
    model: type[Base], owner: str, owner_id: int, names: Sequence[Name]
) -> Iterator[tuple[type[Base], dict[str, Any]]]:
    for position, name in enumerate(names):
        yield model, {owner: owner_id, "position": position, **convert.name_values(name)}


def _org_children(org_id: int, org: Organization) -> Iterator[tuple[type[Base], dict[str, Any]]]:
    yield from _names(OrgNameRow, "org_id", org_id, org.names)
    for position, ident in enumerate(org.identifiers):
        row = {"org_id": org_id, "position": position, "scheme": ident.scheme.value}
        yield OrgIdentifierRow, {**row, "value": ident.value}


def _person_children(person_id: int, person: Person) -> Iterator[tuple[type[Base], dict[str, Any]]]:
    yield from _names(PersonNameRow, "person_id", person_id, person.names)
