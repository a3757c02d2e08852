"""OFAC's legacy CSV sets: SDN (sdn/alt/add/sdn_comments) and non-SDN (cons_*).

Both sets share one layout: a headerless primary file of 12 columns keyed by
``ent_num``, alias and address files keyed by the same number, and a file that
continues remarks longer than the primary file's column. Alias or address rows
whose ``ent_num`` is not in the primary file (files of different dates) are
skipped and counted, never attached to the wrong party.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.names import NameKind
from corridor.core.screening import EntityType, ListEntry
from corridor.exc import InvalidInput
from corridor.screen.sources.common import (
    ParseReport,
    birth_dates,
    country_code,
    csv_rows,
    integer,
    name,
    require_entries,
    unique,
    value,
)

_TYPES = {
    "individual": EntityType.PERSON,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}
_NATIONALITY = re.compile(r"\b(?:nationality|citizen|Nationality of Registration) ([^;]+)")
_IDENT = re.compile(
    r"\b(Unified Social Credit Code \(USCC\)|Passport|National ID No\.|Registration Number|"
    r"Tax ID No\.|Business Registration Number|Legal Entity Number|SWIFT/BIC|IMO) ([\w\-/]+)"
)


def sibling(primary: Path, name_: str) -> Path | None:
    """A companion file next to the primary file (plain or gzipped), if present."""
    for candidate in (primary.with_name(name_), primary.with_name(name_ + ".gz")):
        if candidate.is_file():
            return candidate
    return None


def parse_ofac(
    primary: Path,
    source: str,
    companions: tuple[str, str, str],
    limits: Limits = DEFAULT_LIMITS,
) -> ParseReport:
    """Parse a primary file and whichever of its (alias, address, comments) files sit
    beside it; the registry decides which companions a load must have."""
    alt_name, add_name, comments_name = companions
    rows = _primary(primary, limits)
    report = ParseReport()
    remarks = _comments(sibling(primary, comments_name), rows, limits)
    aliases = _aliases(sibling(primary, alt_name), rows, report, limits)
    addresses, countries = _addresses(sibling(primary, add_name), rows, report, limits)
    for ent_num, row in rows.items():
        text = " ".join(p for p in (value(row[11]), remarks.get(ent_num)) if p)
        report.entries.append(
            _entry(
                source, ent_num, row, text, aliases[ent_num], addresses[ent_num], countries[ent_num]
            )
        )
    return require_entries(report, primary)


def _primary(path: Path, limits: Limits) -> dict[int, list[str]]:
    """Primary rows by ent_num; a repeated number is a corrupt or merged file."""
    rows: dict[int, list[str]] = {}
    for number, row in csv_rows(path, 12, limits=limits):
        ent_num = integer(row[0], path, number, "ent_num")
        if ent_num in rows:
            raise InvalidInput(
                "entry id occurs more than once (a corrupt or merged file)",
                file=str(path),
                row=number,
                field="ent_num",
                value=row[0],
            )
        rows[ent_num] = row
    return rows


def _entry(
    source: str,
    ent_num: int,
    row: list[str],
    remarks: str,
    aliases: list[str],
    addresses: list[str],
    countries: list[str],
) -> ListEntry:
    kind = _TYPES.get((value(row[2]) or "").lower(), EntityType.ORGANIZATION)
    nationalities = [country_code(m.strip(" .")) for m in _NATIONALITY.findall(remarks)]
    programs = [p.strip("[] ") for p in (value(row[3]) or "").split("] [")]
    return ListEntry(
        source=source,
        source_id=str(ent_num),
        type=kind,
        names=(name(row[1]), *(name(a, NameKind.ALIAS) for a in aliases)),
        programs=unique(programs),
        countries=unique([*countries, *filter(None, nationalities)]),
        birth_dates=unique(birth_dates(remarks)),
        identifiers=tuple(dict.fromkeys((k.split(" (")[0], v) for k, v in _IDENT.findall(remarks))),
        addresses=unique(addresses),
        remarks=remarks or None,
    )


def _comments(path: Path | None, rows: dict[int, list[str]], limits: Limits) -> dict[int, str]:
    out: dict[int, str] = {}
    if path is None:
        return out
    for number, row in csv_rows(path, 2, limits=limits):
        ent_num = integer(row[0], path, number, "ent_num")
        if ent_num in rows:
            out[ent_num] = out.get(ent_num, "") + row[1]
    return out


def _aliases(
    path: Path | None, rows: dict[int, list[str]], report: ParseReport, limits: Limits
) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    if path is None:
        return out
    orphans = 0
    for number, row in csv_rows(path, 5, limits=limits):
        ent_num, alias = integer(row[0], path, number, "ent_num"), value(row[3])
        if ent_num not in rows:
            orphans += 1
        elif alias is not None:
            out[ent_num].append(alias)
    if orphans > 0:
        report.warnings.append(
            f"{path.name}: {orphans} alias rows skipped (ent_num not in "
            "the primary file: a later designation)"
        )
    return out


def _addresses(
    path: Path | None, rows: dict[int, list[str]], report: ParseReport, limits: Limits
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    text: dict[int, list[str]] = defaultdict(list)
    countries: dict[int, list[str]] = defaultdict(list)
    if path is None:
        return text, countries
    orphans = 0
    for number, row in csv_rows(path, 6, limits=limits):
        ent_num = integer(row[0], path, number, "ent_num")
        if ent_num not in rows:
            orphans += 1
            continue
        parts = [p for p in (value(row[2]), value(row[3]), value(row[4])) if p]
        if len(parts) > 0:
            text[ent_num].append(", ".join(parts))
        code = country_code(value(row[4]) or "")
        if code is not None:
            countries[ent_num].append(code)
    if orphans > 0:
        report.warnings.append(
            f"{path.name}: {orphans} address rows skipped (ent_num not in the primary file)"
        )
    return text, countries
