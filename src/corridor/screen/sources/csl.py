"""The US Consolidated Screening List CSV (trade.gov), current and 2019 layouts.

One file gathers eleven US lists (Entity List, MEU, UVL, DPL, ISN, DTC, SDN, FSE,
SSI, PLC, CMIC); each row keeps its source list's name in ``list_name``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.names import NameKind
from corridor.core.screening import EntityType, ListEntry
from corridor.exc import InvalidInput
from corridor.screen.sources.common import (
    ParseReport,
    country_code,
    name,
    read_text,
    require_entries,
    unique,
)

REQUIRED = ("source", "entity_number", "type", "programs", "name", "addresses", "alt_names")
_TYPES = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}


def parse_csl(path: Path, limits: Limits = DEFAULT_LIMITS) -> ParseReport:
    """Parse a CSL CSV; the row id is ``_id`` (current layout) or the row number."""
    reader = csv.DictReader(io.StringIO(read_text(path, limits), newline=""), strict=True)
    report = ParseReport()
    try:
        _check_header(reader, path)
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise InvalidInput(
                    "row has the wrong number of columns (malformed or truncated file)",
                    file=str(path),
                    row=reader.line_num,
                )
            if reader.line_num > limits.rows:
                raise InvalidInput(
                    f"more than {limits.rows} rows (CORRIDOR_MAX_ROWS)",
                    file=str(path),
                    row=reader.line_num,
                )
            report.entries.append(_entry(row, reader.line_num))
    except csv.Error as err:
        raise InvalidInput(f"malformed CSV: {err}", file=str(path), row=reader.line_num) from err
    return require_entries(report, path)


def _check_header(reader: csv.DictReader[str], path: Path) -> None:
    """Reading the header may itself raise csv.Error (bad quoting), hence inside the try."""
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if len(missing) > 0:
        raise InvalidInput(
            f"not a Consolidated Screening List CSV (missing columns: {', '.join(missing)})",
            file=str(path),
        )


def _entry(row: dict[str, str], line: int) -> ListEntry:
    aliases = [a.strip() for a in row["alt_names"].split(";") if a.strip()]
    addresses = [a.strip() for a in row["addresses"].split(";") if a.strip()]
    countries = [a.rsplit(",", 1)[-1].strip() for a in addresses]
    countries += [
        c.strip()
        for c in (row.get("nationalities", "") + ";" + row.get("citizenships", "")).split(";")
    ]
    entry_id = row.get("_id") or row["entity_number"] or f"row-{line}"
    return ListEntry(
        source="us_csl",
        source_id=entry_id,
        type=_TYPES.get(row["type"].strip().lower(), EntityType.UNKNOWN),
        names=(name(row["name"]), *(name(a, NameKind.ALIAS) for a in aliases)),
        programs=unique([p.strip() for p in row["programs"].split(";")]),
        countries=unique([c for c in (country_code(x) for x in countries if x) if c]),
        birth_dates=unique([d.strip() for d in row.get("dates_of_birth", "").split(";")]),
        addresses=unique(addresses),
        remarks=row.get("remarks") or None,
        list_name=row["source"].strip() or None,
    )
