"""A mission's ``mission.toml``: where, when, sessions, tables, interpreters, programme.

Validated as strictly as registry rows: every problem names the file and the
field path (``sessions[2].end``) so an organiser can fix the file in one pass.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.mission import HoldPolicy, Interpreter, LangPair, Mission, Session, Table
from corridor.core.safety import Place
from corridor.exc import ImportRejected, InvalidInput
from corridor.registry import validate as v
from corridor.registry.formats import read_capped
from corridor.registry.hygiene import shorten, text_problem
from corridor.registry.programme import group_meetings, investor_tables, programme_items

_FILE_KINDS = ("organisations", "people", "requests")


@dataclass(frozen=True, slots=True)
class MissionFile:
    """A parsed mission.toml: the mission, the data files it names, and the screening
    hold policy when the file sets one (None: leave the stored policy as it is)."""

    mission: Mission
    files: dict[str, Path]
    hold_policy: HoldPolicy | None = None
    venue: Place | None = None  # ``[venue]``: where the mission meets (safety matching)


class _Reader:
    """Field access on a TOML table that records problems instead of raising."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[InvalidInput] = []

    def fail(self, field: str, value: object, rule: str) -> None:
        self.problems.append(InvalidInput(rule, file=self.file, field=field, value=value))

    def get(
        self, table: dict[str, Any], path: str, name: str, kind: type, required: bool = True
    ) -> Any:
        value = table.get(name)
        if value is None:
            if required:
                self.fail(f"{path}{name}", None, "required field is missing")
            return None
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            self.fail(f"{path}{name}", value, f"must be of type {kind.__name__}")
            return None
        return value


def load_mission(path: Path, limits: Limits = DEFAULT_LIMITS) -> MissionFile:
    """Parse and validate a mission.toml (or the mission.toml inside a directory)."""
    file = path / "mission.toml" if path.is_dir() else path
    try:
        data = tomllib.loads(read_capped(file, limits).decode("utf-8"))
    except (FileNotFoundError, IsADirectoryError):
        raise InvalidInput("mission file does not exist", file=str(file)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InvalidInput(f"not valid TOML: {err}", file=str(file)) from err
    except RecursionError:
        raise InvalidInput("not valid TOML: nested too deeply", file=str(file)) from None
    r = _Reader(str(file))
    _check_text(r, data, limits)
    mission = _mission(r, data)
    policy = _policy(r, data.get("mission"))
    files = _files(r, data.get("files", {}), file.parent)
    venue = _venue(r, data.get("venue"), mission)
    if len(r.problems) > 0 or mission is None:
        raise ImportRejected(r.problems)
    return MissionFile(mission, files, policy, venue)


def _coordinate(r: _Reader, table: dict[str, Any], name: str, limit: float) -> float | None:
    value = table.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        r.fail(f"venue.{name}", value, "must be a number (decimal degrees, WGS 84)")
        return None
    if not -limit <= value <= limit:
        r.fail(f"venue.{name}", value, f"must be between -{limit:g} and {limit:g}")
        return None
    return float(value)


def _venue(r: _Reader, table: Any, mission: Mission | None) -> Place | None:
    """``[venue] name, lat, lon``: where the mission meets, when the file says."""
    if table is None:
        return None
    if not isinstance(table, dict):
        r.fail("venue", table, "must be a table: name, lat, lon")
        return None
    name = r.get(table, "venue.", "name", str)
    lat, lon = _coordinate(r, table, "lat", 90), _coordinate(r, table, "lon", 180)
    if name is None or lat is None or lon is None:
        return None
    return Place(name, lat, lon, "" if mission is None else mission.country)


def _policy(r: _Reader, head: Any) -> HoldPolicy | None:
    """``[mission] hold_policy``: ``hold`` or ``flag`` when given."""
    if not isinstance(head, dict):
        return None
    value = r.get(head, "mission.", "hold_policy", str, required=False)
    if value is None:
        return None
    if value not in {p.value for p in HoldPolicy}:
        r.fail("mission.hold_policy", value, "hold policy must be hold or flag")
        return None
    return HoldPolicy(value)


def _check_text(r: _Reader, data: dict[str, Any], limits: Limits) -> None:
    """Every string of the file obeys the import text rules (TOML allows ``\\u0000``)."""
    stack: list[tuple[str, Any]] = [("", data)]
    while len(stack) > 0:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack += [(f"{path}.{k}" if path else str(k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(f"{path}[{i}]", v) for i, v in enumerate(value)]
        elif isinstance(value, str) and (rule := text_problem(value, limits)) is not None:
            r.fail(path, shorten(value), rule)


def _mission(r: _Reader, data: dict[str, Any]) -> Mission | None:
    head = data.get("mission")
    if not isinstance(head, dict):
        r.fail("mission", None, "a [mission] table is required")
        return None
    key, name, city = (r.get(head, "mission.", f, str) for f in ("key", "name", "city"))
    tz, country = r.get(head, "mission.", "timezone", str), r.get(head, "mission.", "country", str)
    slot_minutes = r.get(head, "mission.", "slot_minutes", int)
    languages = tuple(_languages(r, head.get("languages", ["ko", "zh", "en"])))
    _check(r, "mission.key", key, v.key)
    _check(r, "mission.country", country, v.country)
    if tz is not None:
        _timezone(r, tz)
    if slot_minutes is not None and not 5 <= slot_minutes <= 240:
        r.fail("mission.slot_minutes", slot_minutes, "slot length must be 5-240 minutes")
    sessions = _sessions(r, data.get("sessions", []))
    tables = _tables(r, data.get("tables", []))
    interpreters = _interpreters(
        r, data.get("interpreters", []), set(languages), {s.key for s in sessions}
    )
    items = programme_items(data.get("programme", []), r.fail, lambda i, p, n: _clock(r, i, p, n))
    groups = group_meetings(data.get("group_meetings", []), r.fail)
    rounds = investor_tables(data.get("investor_tables", []), tables, sessions, r.fail)
    if len(r.problems) > 0:
        return None
    return Mission(
        key,
        name,
        city,
        v.country(country),
        tz,
        slot_minutes,
        languages,
        tuple(sessions),
        tuple(tables),
        tuple(interpreters),
        head.get("description"),
        tuple(head.get("sources", [])),
        tuple(items),
        tuple(groups),
        tuple(rounds),
    )


def _check(r: _Reader, field: str, value: str | None, check: Any) -> None:
    if value is None:
        return
    try:
        check(value)
    except ValueError as err:
        r.fail(field, value, str(err))


def _timezone(r: _Reader, tz: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        r.fail("mission.timezone", tz, "time zone must be an IANA name such as Asia/Shanghai")


def _languages(r: _Reader, values: Any) -> list[str]:
    out = []
    for i, value in enumerate(values if isinstance(values, list) else [values]):
        try:
            out.append(v.language(str(value)))
        except ValueError as err:
            r.fail(f"mission.languages[{i}]", value, str(err))
    return out


def _sessions(r: _Reader, items: Any) -> list[Session]:
    out: list[Session] = []
    for i, item in enumerate(items):
        p = f"sessions[{i}]."
        key, name = r.get(item, p, "key", str), r.get(item, p, "name", str)
        day = r.get(item, p, "date", date)
        start, end = _clock(r, item, p, "start"), _clock(r, item, p, "end")
        if start is not None and end is not None and end <= start:
            r.fail(f"{p}end", item.get("end"), "session must end after it starts")
        if None not in (key, name, day, start, end):
            out.append(Session(key, name, day, start, end))  # type: ignore[arg-type]
    _unique(r, "sessions", [s.key for s in out])
    return out


def _clock(r: _Reader, item: dict[str, Any], p: str, name: str) -> time | None:
    value = item.get(name)
    if isinstance(value, time):
        return value
    if isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
        return time.fromisoformat(value)
    r.fail(f"{p}{name}", value, "time must be HH:MM (24-hour)")
    return None


def _tables(r: _Reader, items: Any) -> list[Table]:
    out = []
    for i, item in enumerate(items):
        p = f"tables[{i}]."
        key, name = r.get(item, p, "key", str), r.get(item, p, "name", str)
        reserved = r.get(item, p, "reserved_for", str, required=False)
        if key is not None and name is not None:
            out.append(Table(key, name, reserved))
    _unique(r, "tables", [t.key for t in out])
    return out


def _interpreters(
    r: _Reader, items: Any, languages: set[str], sessions: set[str]
) -> list[Interpreter]:
    out = []
    for i, item in enumerate(items):
        p = f"interpreters[{i}]."
        key, name = r.get(item, p, "key", str), r.get(item, p, "name", str)
        pairs = [
            _pair(r, f"{p}pairs[{j}]", x, languages) for j, x in enumerate(item.get("pairs", []))
        ]
        if len(pairs) == 0:
            r.fail(f"{p}pairs", [], "an interpreter needs at least one language pair")
        avail = tuple(item.get("sessions", []))
        for s in avail:
            if s not in sessions:
                r.fail(f"{p}sessions", s, "unknown session key")
        most = r.get(item, p, "max_meetings", int, required=False)
        run = r.get(item, p, "max_consecutive", int, required=False)
        if key is not None and name is not None and None not in pairs:
            out.append(
                Interpreter(key, name, tuple(x for x in pairs if x is not None), avail, most, run)
            )
    _unique(r, "interpreters", [x.key for x in out])
    return out


def _pair(r: _Reader, field: str, value: Any, languages: set[str]) -> LangPair | None:
    parts = str(value).split("-")
    if len(parts) != 2 or parts[0] == parts[1] or not set(parts) <= languages:
        r.fail(
            field,
            value,
            f"pair must be two different mission languages, e.g. ko-zh "
            f"(mission languages: {', '.join(sorted(languages))})",
        )
        return None
    return LangPair.of(parts[0], parts[1])


def _unique(r: _Reader, what: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            r.fail(f"{what}.key", key, "duplicate key")
        seen.add(key)


def _files(r: _Reader, table: Any, base: Path) -> dict[str, Path]:
    out = {}
    for kind, name in table.items() if isinstance(table, dict) else []:
        if kind not in _FILE_KINDS:
            r.fail(f"files.{kind}", name, f"file kind must be one of {', '.join(_FILE_KINDS)}")
            continue
        path = base / str(name)
        if not _inside(path, base):
            r.fail(
                f"files.{kind}",
                name,
                f"must name a file inside the mission folder {base} "
                f"(it resolves to {path.resolve()})",
            )
            continue
        if not path.is_file():
            r.fail(
                f"files.{kind}", name, "file does not exist (paths are relative to mission.toml)"
            )
        out[kind] = path
    return out


def _inside(path: Path, base: Path) -> bool:
    """Whether ``path`` stays in ``base`` once ``..`` and symlinks are resolved.

    A mission folder is often shared or downloaded; ``../../x.csv``, an absolute path
    or a symlink pointing out would let it read any file the organiser can.
    """
    try:
        path.resolve().relative_to(base.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True
