"""Reading a CSV of names to screen: ``name``; optional ``kind``, ``country``, ``birth_date``."""

from __future__ import annotations

from pathlib import Path

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.names import NameKind
from corridor.core.screening import EntityType
from corridor.exc import ImportRejected, InvalidInput
from corridor.registry import validate
from corridor.registry.formats import read_table
from corridor.screen.matcher import Query
from corridor.screen.sources.common import name as list_name

KINDS = {
    "org": EntityType.ORGANIZATION,
    "organization": EntityType.ORGANIZATION,
    "organisation": EntityType.ORGANIZATION,
    "person": EntityType.PERSON,
    "": None,
}


def query_for(text: str, kind: str = "", country: str = "", birth_date: str = "") -> Query:
    """A query from a name and optional kind (org|person), country code and birth date."""
    if kind.strip().lower() not in KINDS:
        raise InvalidInput("kind must be org or person", field="kind", value=kind)
    countries = (validate.country(country),) if country.strip() else ()
    born = (birth_date.strip(),) if birth_date.strip() else ()
    return Query(
        (list_name(text, NameKind.TRADE),), KINDS[kind.strip().lower()], countries, birth_dates=born
    )


def read_queries(
    path: Path, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> list[Query]:
    """Queries from a CSV/XLSX/JSON file with a ``name`` column; every bad row reported."""
    table = read_table(path, encoding, limits)
    if "name" not in table.columns:
        raise InvalidInput(
            "a names file needs a 'name' column", file=str(path), row=1, field="name"
        )
    queries: list[Query] = []
    problems = list(table.problems)
    for row in table.rows:
        cells = {k: str(v) for k, v in row.cells.items()}
        if cells.get("name", "").strip() == "":
            problems.append(
                InvalidInput(
                    "name is empty", file=str(path), row=row.number, field="name", value=""
                )
            )
            continue
        try:
            queries.append(
                query_for(
                    cells["name"],
                    cells.get("kind", ""),
                    cells.get("country", ""),
                    cells.get("birth_date", ""),
                )
            )
        except (InvalidInput, ValueError) as err:
            rule = err.rule if isinstance(err, InvalidInput) else str(err)
            field = err.field if isinstance(err, InvalidInput) else "country"
            problems.append(
                InvalidInput(
                    rule,
                    file=str(path),
                    row=row.number,
                    field=field,
                    value=cells.get(field or "", ""),
                )
            )
    if len(problems) > 0:
        raise ImportRejected(problems)
    return queries
