"""Exporting the registry in the formats it imports from."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from corridor.exc import InvalidInput
from corridor.registry import records
from corridor.registry.formats import Cell, write_table
from corridor.registry.schema import SCHEMAS, list_separators
from corridor.services.uow import Stores, read_only


def export_records(
    engine: Engine, kind: str, path: Path, *, mission: str | None = None, encoding: str = "utf-8"
) -> int:
    """Write organisations, people or a mission's requests to CSV, XLSX or JSON.

    With ``mission``, organisations and people are limited to its participants.
    Returns how many records were written.
    """
    if kind not in SCHEMAS:
        raise InvalidInput(f"kind must be one of {', '.join(SCHEMAS)}", field="kind", value=kind)
    with read_only(engine) as uow:
        rows = _rows(uow, kind, mission)
    columns = [f.name for f in SCHEMAS[kind]]
    return write_table(path, columns, rows, list_separators(kind), encoding)


def _rows(uow: Stores, kind: str, mission: str | None) -> list[dict[str, Cell]]:
    keys = None if mission is None else uow.missions.participants(mission)
    if kind == "organisations":
        return [records.organisation_row(o) for o in uow.registry.organisations(keys=keys)]
    if kind == "people":
        members = None if keys is None else set(keys)
        people = uow.registry.people()
        return [records.person_row(p) for p in people if members is None or p.org_key in members]
    if mission is None:
        raise InvalidInput("requests belong to a mission: name it with --mission", field="mission")
    return [records.request_row(q) for q in uow.missions.requests(mission)]
