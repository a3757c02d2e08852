"""The whereabouts file: where each delegate is on each day (staff only).

A small CSV (UTF-8): ``person_key,day,kind,place,lat,lon``. ``kind`` is venue, hotel
or visit; ``lat``/``lon`` may be left empty when ``place`` is the mission's venue
(``[venue]`` of mission.toml; a venue row may leave ``place`` empty too) or a city the
bundled gazetteer knows (GeoNames, in Korean, Chinese or English). A bad row refuses
the whole file with its row and field; nothing is half-imported.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.safety import Place, Whereabouts
from corridor.exc import ImportRejected, InvalidInput, NotFound
from corridor.safety.places import resolve
from corridor.services import safety
from corridor.services.uow import read_only

COLUMNS = ("person_key", "day", "kind", "place", "lat", "lon")
KINDS = ("venue", "hotel", "visit")
MAX_ROWS = 100_000


def _coordinate(value: str, low: float, high: float, where: dict[str, object]) -> float:
    try:
        number = float(value)
    except ValueError:
        raise InvalidInput("not a number", value=value, **where) from None  # type: ignore[arg-type]
    if not low <= number <= high:
        raise InvalidInput(f"outside {low}..{high}", value=value, **where)  # type: ignore[arg-type]
    return number


def _resolve(name: str, country: str) -> Place:
    """The city in the mission's country first, else anywhere (a side trip)."""
    try:
        return resolve(name, country=country or None)
    except NotFound:
        return resolve(name)


def _place(row: dict[str, str], file: str, line: int, country: str, venue: Place | None) -> Place:
    name = row["place"].strip()
    bare = row["lat"].strip() == "" and row["lon"].strip() == ""
    own = name == "" and row["kind"] == "venue"
    if bare and venue is not None and (own or name == venue.name):
        return venue
    if name == "":
        raise InvalidInput(
            "required (or the mission's [venue] for a venue row)",
            file=file,
            row=line,
            field="place",
            value="",
        )
    if bare:
        try:
            found = _resolve(name, country)
        except NotFound:
            raise InvalidInput(
                "not a city the gazetteer knows: give lat and lon",
                file=file,
                row=line,
                field="place",
                value=name,
            ) from None
        return Place(name, found.lat, found.lon, found.country)
    lat = _coordinate(row["lat"], -90, 90, {"file": file, "row": line, "field": "lat"})
    lon = _coordinate(row["lon"], -180, 180, {"file": file, "row": line, "field": "lon"})
    return Place(name, lat, lon, country)


def _row(
    row: dict[str, str],
    file: str,
    line: int,
    mission: str,
    people: set[str],
    country: str,
    venue: Place | None,
) -> Whereabouts:
    if row["person_key"] not in people:
        raise InvalidInput(
            "not a delegate of this mission",
            file=file,
            row=line,
            field="person_key",
            value=row["person_key"],
        )
    try:
        day = date.fromisoformat(row["day"].strip())
    except ValueError:
        raise InvalidInput(
            "a date YYYY-MM-DD", file=file, row=line, field="day", value=row["day"]
        ) from None
    if row["kind"] not in KINDS:
        raise InvalidInput(
            "venue, hotel or visit", file=file, row=line, field="kind", value=row["kind"]
        )
    return Whereabouts(
        mission, row["person_key"], day, row["kind"], _place(row, file, line, country, venue)
    )


def read_whereabouts(engine: Engine, mission_key: str, path: Path) -> list[Whereabouts]:
    """Every row of a whereabouts file, or ``ImportRejected`` listing each bad row."""
    with read_only(engine) as uow:
        mission = uow.missions.mission(mission_key)
        orgs = uow.missions.participants(mission_key)
        people = {p.key for org in orgs for p in uow.registry.people(org_key=org)}
        venue = uow.safety.venue(mission_key)
    try:
        with path.open(encoding="utf-8-sig", newline="") as src:
            reader = csv.DictReader(src)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise InvalidInput(f"header must be {','.join(COLUMNS)}", file=str(path), row=1)
            rows = list(reader)
    except UnicodeDecodeError as err:
        raise InvalidInput("not UTF-8", file=str(path)) from err
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"more than {MAX_ROWS} rows", file=str(path))
    out, problems = [], []
    for line, row in enumerate(rows, start=2):
        try:
            out.append(_row(row, str(path), line, mission_key, people, mission.country, venue))
        except InvalidInput as err:
            problems.append(err)
    if problems:
        raise ImportRejected(problems)
    return out


def import_whereabouts(engine: Engine, mission_key: str, path: Path) -> int:
    """Replace a mission's whereabouts with the file's rows; returns how many."""
    return safety.set_whereabouts(engine, mission_key, read_whereabouts(engine, mission_key, path))
