"""The BIS Denied Persons List: tab-separated, quoted, with a header row."""

from __future__ import annotations

from pathlib import Path

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.screening import EntityType, ListEntry
from corridor.exc import InvalidInput
from corridor.screen.sources.common import (
    ParseReport,
    country_code,
    csv_rows,
    name,
    read_text,
    require_entries,
    unique,
)

HEADER = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)


def parse_dpl(path: Path, limits: Limits = DEFAULT_LIMITS) -> ParseReport:
    """Parse dpl.txt; the DPL has no ids, so the row's name and FR citation make one."""
    first = read_text(path, limits).split("\n", 1)[0]
    if tuple(c.strip('" \r') for c in first.split("\t")) != HEADER:
        raise InvalidInput("not a Denied Persons List file (unexpected header)", file=str(path))
    report = ParseReport()
    for number, row in csv_rows(path, len(HEADER), delimiter="\t", header=True, limits=limits):
        cells = dict(zip(HEADER, row, strict=True))
        address = ", ".join(
            cells[k]
            for k in ("Street_Address", "City", "State", "Postal_Code", "Country")
            if cells[k]
        )
        report.entries.append(
            ListEntry(
                source="bis_dpl",
                source_id=f"dpl-{number}",
                type=EntityType.UNKNOWN,
                names=(name(cells["Name"]),),
                countries=unique([country_code(cells["Country"]) or ""]),
                addresses=unique([address]),
                remarks=f"{cells['Action']}; {cells['FR_Citation']}; effective "
                f"{cells['Effective_Date']}, expires {cells['Expiration_Date']}",
            )
        )
    # Last_Update holds typos (a "3017" year in the 2022 file), so it does not date the list.
    return require_entries(report, path)
