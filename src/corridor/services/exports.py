"""Exporting the registry in the formats it imports from.

CSV for Excel: Excel opens a CSV without a byte-order mark in the machine's ANSI code
page, so a UTF-8 file shows Korean and Chinese as mojibake on a Korean or Chinese
Windows; ``excel=True`` writes UTF-8 with the BOM Excel looks for (and an ``.xlsx``
target is a workbook anyway). Formula-like cells are neutralised by the writers
(``registry.cells``, ``registry.sheets``).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from corridor.exc import InvalidInput
from corridor.registry import records
from corridor.registry.formats import Cell, detect_format, write_table, writer_codec
from corridor.registry.schema import SCHEMAS, list_separators
from corridor.services.uow import Stores, read_only


def export_records(
    engine: Engine,
    kind: str,
    path: Path,
    *,
    mission: str | None = None,
    encoding: str = "utf-8",
    excel: bool = False,
) -> int:
    """Write organisations, people or a mission's requests to CSV, XLSX or JSON.

    With ``mission``, organisations and people are limited to its participants; with
    ``excel``, a CSV is written as UTF-8 with a BOM. Returns how many records were written.
    """
    if kind not in SCHEMAS:
        raise InvalidInput(f"kind must be one of {', '.join(SCHEMAS)}", field="kind", value=kind)
    codec = csv_encoding(path, encoding, excel)
    with read_only(engine) as uow:
        rows = _rows(uow, kind, mission)
    columns = [f.name for f in SCHEMAS[kind]]
    return write_table(path, columns, rows, list_separators(kind), codec)


def csv_encoding(path: Path, encoding: str, excel: bool) -> str:
    """The codec a CSV is written in: ``utf-8-sig`` for Excel (refused beside another
    encoding, or for JSON, where a BOM means nothing to the readers)."""
    if not excel:
        return encoding
    fmt = detect_format(path)
    if fmt == "json":
        raise InvalidInput(
            "--excel applies to CSV (an .xlsx is a workbook already)", file=str(path)
        )
    if writer_codec(encoding) not in ("utf-8", "utf-8-sig"):
        raise InvalidInput(
            "Excel's CSV is UTF-8 with a BOM; leave --encoding out with --excel",
            field="encoding",
            value=encoding,
        )
    return "utf-8-sig"


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
