"""A whole import: files read, every row validated, cross-row rules checked.

Nothing here touches storage. The result is either a complete ``Batch`` or an
``ImportRejected`` listing every problem, so the service can write all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.mission import MeetingRequest
from corridor.core.names import Name
from corridor.core.parties import Organization, Person
from corridor.exc import ImportRejected, InvalidInput
from corridor.registry import records
from corridor.registry.dedupe import (
    pairs_by_reading,
    reading_keys,
    shared_identifiers,
    shared_names,
)
from corridor.registry.formats import RawRow, RawTable, read_table
from corridor.registry.rows import RowReader, check_columns
from corridor.registry.schema import SCHEMAS
from corridor.text.normalize import clean

T = TypeVar("T")

_KEY_FIELDS = {"organisations": ("key",), "people": ("key",), "requests": ("requester", "target")}


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A parsed record with the file and row it came from, for later messages."""

    item: T
    file: str
    row: int


@dataclass(slots=True)
class Batch:
    """Everything one import will write, plus warnings that do not block it."""

    organisations: list[Located[Organization]] = field(default_factory=list)
    people: list[Located[Person]] = field(default_factory=list)
    requests: list[Located[MeetingRequest]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encodings: dict[str, str | None] = field(default_factory=dict)
    same_names: set[tuple[str, str]] = field(default_factory=set)

    def orgs(self) -> list[Organization]:
        """The organisations, in file order."""
        return [x.item for x in self.organisations]

    def names(self) -> list[tuple[Name, ...]]:
        """Each organisation's names, in file order: what ``reading_keys`` reads."""
        return [x.item.names for x in self.organisations]

    def cross_script_warnings(self, readings: Sequence[dict[str, str]]) -> list[str]:
        """Warnings for organisations whose names read alike across scripts, given
        ``reading_keys(self.names())``; pairs already warned of by name are left out."""
        return [
            f"possible duplicate across scripts: {p.key_a} / {p.key_b} ({p.reason})"
            for p in pairs_by_reading([o.key for o in self.orgs()], readings)
            if (p.key_a, p.key_b) not in self.same_names
        ]


@dataclass(frozen=True, slots=True)
class Source:
    """One file of an import: what it holds and how to decode it."""

    kind: str  # organisations | people | requests
    path: Path
    encoding: str | None = None


def read_batch(
    sources: Sequence[Source],
    *,
    latest_year: int,
    known_orgs: Collection[str] = (),
    limits: Limits = DEFAULT_LIMITS,
    cross_scripts: bool = True,
) -> Batch:
    """Validate every file of an import together; raise with all problems, or return it.

    ``known_orgs`` are keys already in the registry, which people and requests may
    refer to without repeating the organisation. ``limits`` bound what is read.
    ``cross_scripts`` False leaves the cross-script duplicate check (the slow part of
    reading a big file) to the caller: ``batch.cross_script_warnings(readings)``.
    """
    batch, problems, tables = Batch(), [], []
    for source in sorted(sources, key=lambda s: list(SCHEMAS).index(s.kind)):
        try:
            table = read_table(source.path, source.encoding, limits)
        except InvalidInput as err:
            problems.append(err)
            continue
        problems += table.problems
        batch.encodings[str(source.path)] = table.encoding
        tables.append((source.kind, table))
    org_keys = set(known_orgs) | {
        clean(str(row.cells.get("key", "")))
        for kind, table in tables
        if kind == "organisations"
        for row in table.rows
    }
    for kind, table in tables:
        problems += _read_kind(batch, kind, table, latest_year, org_keys)
    if len(problems) > 0:
        raise ImportRejected(sorted(problems, key=_order))
    same = shared_names(batch.orgs())
    batch.warnings += [f"possible duplicate: {p.key_a} / {p.key_b} ({p.reason})" for p in same]
    batch.same_names = {(p.key_a, p.key_b) for p in same}
    if cross_scripts:
        batch.warnings += batch.cross_script_warnings(reading_keys(batch.names()))
    return batch


def _order(p: InvalidInput) -> tuple[str, int, str]:
    return (p.file or "", p.row or 0, p.field or "")


def _read_kind(
    batch: Batch, kind: str, table: RawTable, latest_year: int, org_keys: set[str]
) -> list[InvalidInput]:
    problems = check_columns(table, SCHEMAS[kind])
    if len(problems) > 0:
        return problems
    problems = _duplicate_keys(table, _KEY_FIELDS[kind])
    if kind == "organisations":
        orgs = _parse_all(
            table, lambda f, r: records.parse_organisation(f, r, latest_year), problems
        )
        problems += _shared_ids(table.path, orgs)
        batch.organisations += orgs
    elif kind == "people":
        batch.people += _parse_all(
            table, lambda f, r: records.parse_person(f, r, org_keys), problems
        )
    else:
        batch.requests += _parse_all(
            table, lambda f, r: records.parse_request(f, r, org_keys), problems
        )
    return problems


def _parse_all(
    table: RawTable,
    parse: Callable[[str, RawRow], tuple[T | None, RowReader]],
    problems: list[InvalidInput],
) -> list[Located[T]]:
    items: list[Located[T]] = []
    for row in table.rows:
        item, reader = parse(table.path, row)
        problems += reader.problems
        if item is not None:
            items.append(Located(item, table.path, row.number))
    return items


def _duplicate_keys(table: RawTable, fields: tuple[str, ...]) -> list[InvalidInput]:
    """Rows repeating a key (or requester/target pair) used earlier in the same file."""
    first: dict[tuple[str, ...], int] = {}
    problems = []
    for row in table.rows:
        key = tuple(clean(str(row.cells.get(f, ""))) for f in fields)
        if "" in key:
            continue  # an empty key is reported by the row's own validation
        earlier = first.setdefault(key, row.number)
        if earlier != row.number:
            problems.append(
                InvalidInput(
                    f"duplicate: already used on row {earlier}",
                    file=table.path,
                    row=row.number,
                    field=fields[-1],
                    value="/".join(key),
                )
            )
    return problems


def _shared_ids(file: str, orgs: list[Located[Organization]]) -> list[InvalidInput]:
    rows = {x.item.key: x.row for x in orgs}
    return [
        InvalidInput(
            f"{p.reason}, already used by organisation {p.key_a!r}",
            file=file,
            row=rows[p.key_b],
            field=p.field,
            value=p.value,
        )
        for p in shared_identifiers([x.item for x in orgs])
    ]
