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
from corridor.registry import validate as v
from corridor.registry.dedupe import (
    DuplicatePair,
    pairs_by_name,
    pairs_by_reading,
    reading_keys,
    shared_identifiers,
)
from corridor.registry.formats import RawRow, RawTable, read_table
from corridor.registry.rows import RowReader, check_columns
from corridor.registry.schema import ORGANISATION, SCHEMAS
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

    def orgs(self) -> list[Organization]:
        """The organisations, in file order."""
        return [x.item for x in self.organisations]


@dataclass(frozen=True, slots=True)
class Source:
    """One file of an import: what it holds and how to decode it."""

    kind: str  # organisations | people | requests
    path: Path
    encoding: str | None = None


@dataclass(slots=True)
class Tables:
    """The files of an import read into raw rows, before any value is checked."""

    read: list[tuple[str, RawTable]] = field(default_factory=list)
    problems: list[InvalidInput] = field(default_factory=list)
    encodings: dict[str, str | None] = field(default_factory=dict)

    def organisation_rows(self) -> OrganisationRows:
        """The raw rows of the organisation files, in the order they are checked."""
        return OrganisationRows(tuple(t for kind, t in self.read if kind == "organisations"))


@dataclass(frozen=True, slots=True)
class OrganisationRows:
    """Raw organisation rows: what ``raw_name_duplicates`` reads beside the checking."""

    tables: tuple[RawTable, ...]

    def __len__(self) -> int:
        return sum(len(t.rows) for t in self.tables)


@dataclass(frozen=True, slots=True)
class NameDuplicates:
    """The keys of the organisations read, and their pairs that look like one party by
    name: a name in common, or names that read alike across scripts."""

    keys: list[str]
    same: list[DuplicatePair]
    across: list[DuplicatePair]

    def warnings(self) -> list[str]:
        """The warnings of an import; pairs already warned of by name are not warned of
        again across scripts."""
        same = {(p.key_a, p.key_b) for p in self.same}
        return [f"possible duplicate: {p.key_a} / {p.key_b} ({p.reason})" for p in self.same] + [
            f"possible duplicate across scripts: {p.key_a} / {p.key_b} ({p.reason})"
            for p in self.across
            if (p.key_a, p.key_b) not in same
        ]


def name_duplicates(keys: list[str], names: Sequence[Sequence[Name]]) -> NameDuplicates:
    """The duplicate-name check of organisations given as ``keys`` and ``names``."""
    return NameDuplicates(
        keys, pairs_by_name(keys, names), pairs_by_reading(keys, reading_keys(names))
    )


def read_tables(sources: Sequence[Source], limits: Limits = DEFAULT_LIMITS) -> Tables:
    """Read every file of an import into raw rows; unreadable files become problems."""
    tables = Tables()
    for source in sorted(sources, key=lambda s: list(SCHEMAS).index(s.kind)):
        try:
            table = read_table(source.path, source.encoding, limits)
        except InvalidInput as err:
            tables.problems.append(err)
            continue
        tables.problems += table.problems
        tables.encodings[str(source.path)] = table.encoding
        tables.read.append((source.kind, table))
    return tables


def read_batch(
    sources: Sequence[Source],
    *,
    latest_year: int,
    known_orgs: Collection[str] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> Batch:
    """Validate every file of an import together; raise with all problems, or return it
    with the warnings of the duplicate-name check.

    ``known_orgs`` are keys already in the registry, which people and requests may
    refer to without repeating the organisation. ``limits`` bound what is read.
    """
    tables = read_tables(sources, limits)
    batch = check_tables(tables, latest_year=latest_year, known_orgs=known_orgs)
    orgs = batch.orgs()
    batch.warnings += name_duplicates([o.key for o in orgs], [o.names for o in orgs]).warnings()
    return batch


def check_tables(tables: Tables, *, latest_year: int, known_orgs: Collection[str] = ()) -> Batch:
    """Validate the rows of an import's files together; raise with all problems, or
    return the batch (the duplicate-name check is the caller's: ``name_duplicates``)."""
    batch, problems = Batch(), list(tables.problems)
    batch.encodings.update(tables.encodings)
    org_keys = set(known_orgs) | {
        clean(str(row.cells.get("key", "")))
        for kind, table in tables.read
        if kind == "organisations"
        for row in table.rows
    }
    for kind, table in tables.read:
        problems += _read_kind(batch, kind, table, latest_year, org_keys)
    if len(problems) > 0:
        raise ImportRejected(sorted(problems, key=_order))
    return batch


def raw_name_duplicates(rows: OrganisationRows) -> NameDuplicates:
    """The duplicate-name check read straight from raw rows, so that it can run beside
    the checking of the same rows: the key and names of each row as ``check_tables``
    parses them. The caller compares ``keys`` with the checked batch."""
    keys: list[str] = []
    names: list[tuple[Name, ...]] = []
    for table in rows.tables:
        for row in table.rows:
            reader = RowReader(table.path, row, ORGANISATION)
            keys.append(reader.one("key", v.key) or "")
            names.append(records.read_names(reader, legal=True))
    return name_duplicates(keys, names)


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
