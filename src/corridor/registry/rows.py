"""Reading one raw row field by field, collecting every problem instead of stopping.

A user fixing a file wants all of its mistakes at once, so validators never raise
out of here: each failure becomes an ``InvalidInput`` with file, row, field, value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from corridor.exc import InvalidInput
from corridor.registry.formats import Cell, RawRow, RawTable
from corridor.registry.schema import FieldSpec
from corridor.text.normalize import clean

T = TypeVar("T")


def check_columns(table: RawTable, schema: tuple[FieldSpec, ...]) -> list[InvalidInput]:
    """Unknown columns (typos) and missing required columns, reported on the header."""
    known = {f.name for f in schema}
    header_row = 1 if table.fmt != "json" else None
    problems = [
        InvalidInput(
            "unknown column (see docs/data-formats.md)",
            file=table.path,
            row=header_row,
            field=c,
            value=c,
        )
        for c in table.columns
        if c not in known
    ]
    if table.fmt != "json" or len(table.rows) > 0:
        present = set(table.columns)
        problems += [
            InvalidInput(
                "required column is missing",
                file=table.path,
                row=header_row,
                field=f.name,
                value=None,
            )
            for f in schema
            if f.required and f.name not in present
        ]
    return problems


_SPECS: dict[int, tuple[tuple[FieldSpec, ...], dict[str, FieldSpec]]] = {}


def _specs(schema: tuple[FieldSpec, ...]) -> dict[str, FieldSpec]:
    """A schema's fields by name, built once per schema rather than once per row.

    Looked up by identity: hashing a schema's forty field specs cost as much as
    building the dict. The schema is kept beside it, so an id is never reused.
    """
    held = _SPECS.get(id(schema))
    if held is None or held[0] is not schema:
        held = _SPECS[id(schema)] = (schema, {f.name: f for f in schema})
    return held[1]


class RowReader:
    """Typed access to the cells of one row; problems accumulate in ``problems``."""

    def __init__(self, file: str, row: RawRow, schema: tuple[FieldSpec, ...]) -> None:
        self.file = file
        self.row = row
        self.specs = _specs(schema)
        self.problems: list[InvalidInput] = []

    def fail(self, field: str, value: object, rule: str) -> None:
        """Record a problem with this row."""
        self.problems.append(
            InvalidInput(rule, file=self.file, row=self.row.number, field=field, value=value)
        )

    def text(self, field: str) -> str | None:
        """The cleaned text of a scalar field, None when empty; a required one must be set."""
        raw = self.row.cells.get(field, "")
        # Most cells of a wide file are empty: they skip normalisation.
        value = "" if raw == "" else clean(" ".join(raw) if isinstance(raw, list) else raw)
        if value == "":
            if self.specs[field].required:
                self.fail(field, "", "required field is empty")
            return None
        return value

    def one(self, field: str, check: Callable[[str], T]) -> T | None:
        """A scalar field passed through a validator."""
        value = self.text(field)
        if value is None:
            return None
        try:
            return check(value)
        except ValueError as err:
            self.fail(field, value, str(err))
            return None

    def many(self, field: str, check: Callable[[str], T]) -> tuple[T, ...]:
        """A list field: split on its separator, each item validated, duplicates dropped."""
        items = self._items(field)
        if len(items) == 0 and self.specs[field].required:
            self.fail(field, "", "required field is empty")
        out: list[T] = []
        for item in items:
            try:
                value = check(item)
            except ValueError as err:
                self.fail(field, item, str(err))
                continue
            if value not in out:
                out.append(value)
        return tuple(out)

    def _items(self, field: str) -> list[str]:
        raw: Cell = self.row.cells.get(field, "")
        if raw == "":
            return []
        sep = self.specs[field].sep or ";"
        parts = raw if isinstance(raw, list) else raw.split(sep)
        return [c for c in (clean(p) for p in parts) if c != ""]
