"""A mission's programme in ``mission.toml``: fixed items, group meetings, tables in rounds.

    [[programme]]        # takes people (or whole delegations) out of the meetings
    key, name, date, start, end, people = [...], orgs = [...]
    [[group_meetings]]   # a syndicate: three or four organisations meet once, together
    key, parties = [...], interest = 1-3, note
    [[investor_tables]]  # an investor hosts a table; startups rotate in rounds of a slot
    host, table, session, seats

Problems name the field path (``group_meetings[1].parties``) like the rest of the file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from corridor.core.mission import GroupRequest, InvestorTable, ProgrammeItem, Session, Table

Fail = Callable[[str, object, str], None]
Clock = Callable[[dict[str, Any], str, str], time | None]


def programme_items(items: Any, fail: Fail, clock: Clock) -> list[ProgrammeItem]:
    """``[[programme]]``: each item with a date, a start before its end, and whom it takes."""
    out = []
    for i, item in enumerate(_tables(items, "programme", fail)):
        p = f"programme[{i}]."
        key, name, day = item.get("key"), item.get("name"), item.get("date")
        for field, value, kind in (("key", key, str), ("name", name, str), ("date", day, date)):
            if not isinstance(value, kind):
                fail(f"{p}{field}", value, f"required, of type {kind.__name__}")
        start, end = clock(item, p, "start"), clock(item, p, "end")
        people, orgs = _keys(item, p, "people", fail), _keys(item, p, "orgs", fail)
        if len(people) + len(orgs) == 0:
            fail(f"{p}people", None, "a programme item takes people or orgs (a list of keys)")
        if start is not None and end is not None and end <= start:
            fail(f"{p}end", item.get("end"), "a programme item must end after it starts")
            continue
        named = isinstance(key, str) and isinstance(name, str) and isinstance(day, date)
        if named and start is not None and end is not None:
            assert isinstance(day, date)
            begins, ends = datetime.combine(day, start), datetime.combine(day, end)
            out.append(ProgrammeItem(str(key), str(name), begins, ends, people, orgs))
    return out


def group_meetings(items: Any, fail: Fail) -> list[GroupRequest]:
    """``[[group_meetings]]``: three or four different organisations, interest 1–3."""
    out = []
    for i, item in enumerate(_tables(items, "group_meetings", fail)):
        p = f"group_meetings[{i}]."
        key, note = item.get("key"), item.get("note")
        parties = _keys(item, p, "parties", fail)
        interest = item.get("interest", 2)
        if not isinstance(key, str):
            fail(f"{p}key", key, "required, of type str")
        if not 3 <= len(set(parties)) == len(parties) <= 4:
            fail(f"{p}parties", list(parties), "a group meeting has 3 or 4 different parties")
        if not isinstance(interest, int) or isinstance(interest, bool) or not 1 <= interest <= 3:
            fail(f"{p}interest", interest, "interest must be 1, 2 or 3")
        if note is not None and not isinstance(note, str):
            fail(f"{p}note", note, "must be of type str")
        valid = isinstance(interest, int) and 1 <= interest <= 3
        if isinstance(key, str) and 3 <= len(set(parties)) == len(parties) <= 4 and valid:
            out.append(GroupRequest(key, parties, interest, note))
    return out


def investor_tables(
    items: Any, tables: list[Table], sessions: list[Session], fail: Fail
) -> list[InvestorTable]:
    """``[[investor_tables]]``: a host, a known table used once, a known session, 1–6 seats."""
    out: list[InvestorTable] = []
    known_tables = {t.key: t for t in tables}
    known_sessions = {s.key for s in sessions}
    for i, item in enumerate(_tables(items, "investor_tables", fail)):
        p = f"investor_tables[{i}]."
        host, table, session = item.get("host"), item.get("table"), item.get("session")
        seats = item.get("seats", 2)
        ok = True
        if not isinstance(host, str):
            fail(f"{p}host", host, "required: the key of the hosting organisation")
            ok = False
        if table not in known_tables or table in {t.table for t in out}:
            fail(f"{p}table", table, "must be a table of [[tables]], hosting one investor")
            ok = False
        elif known_tables[table].reserved_for not in (None, host):
            fail(f"{p}table", table, "the table is reserved for something else")
            ok = False
        if session not in known_sessions:
            fail(f"{p}session", session, "unknown session key")
            ok = False
        if not isinstance(seats, int) or isinstance(seats, bool) or not 1 <= seats <= 6:
            fail(f"{p}seats", seats, "seats per round must be 1-6")
            ok = False
        if ok:
            out.append(InvestorTable(str(host), str(table), str(session), int(seats)))
    return out


def _tables(items: Any, name: str, fail: Fail) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        fail(name, None, f"[[{name}]] must be an array of tables")
        return []
    return items


def _keys(item: dict[str, Any], p: str, field: str, fail: Fail) -> tuple[str, ...]:
    value = item.get(field, [])
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        fail(f"{p}{field}", value, "must be a list of keys")
        return ()
    return tuple(value)
