"""Agendas as calendars that update in place when a replan moves a meeting.

A calendar program recognises an event by its UID and takes a new version of it only
when its SEQUENCE is higher (RFC 5545 §3.8.7.4; iTIP, RFC 5546 §2.1.4). So:

- A meeting's UID is the pair and the mission, never the slot: the meeting of A and B
  at the Shanghai roundtable is one event wherever the schedule puts it (a second
  meeting of the same pair, should a schedule hold one, is numbered).
- Its SEQUENCE counts the publications in which it changed (slot, table or
  interpreter) or was dropped, derived from the mission's published schedules in the
  order they were published — nothing extra is stored, and every participant's file,
  whenever downloaded, says the same number for the same state.
- A meeting a replan dropped is written again with ``STATUS:CANCELLED`` and a higher
  SEQUENCE, so the calendar removes it. The file is one ``METHOD:PUBLISH`` calendar a
  person imports or subscribes to: iTIP allows one METHOD per object, and PUBLISH
  allows cancelled events (RFC 5546 §3.2.1), where a separate ``METHOD:CANCEL`` file
  would need a second download for the same agenda.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from corridor.core.mission import Meeting

MeetingKey = tuple[str, str, int]
"""The two organisations in sorted order and which of their meetings (1, 2, …)."""


@dataclass(frozen=True, slots=True)
class Revision:
    """A meeting as last published: how often it changed, and whether it was dropped."""

    meeting: Meeting
    sequence: int = 0
    cancelled: bool = False


def keyed(meetings: Sequence[Meeting]) -> dict[MeetingKey, Meeting]:
    """Meetings by key; a pair's meetings are numbered in time order."""
    seen: Counter[tuple[str, str]] = Counter()
    out: dict[MeetingKey, Meeting] = {}
    for m in sorted(meetings, key=lambda m: (m.slot, m.table, m.parties)):
        a, *rest = sorted(m.parties)
        b = "+".join(rest)  # a group meeting: its further parties joined
        seen[(a, b)] += 1
        out[(a, b, seen[(a, b)])] = m
    return out


def meeting_uid(mission_key: str, key: MeetingKey) -> str:
    """The calendar UID of a meeting: mission and pair (``-2`` for a second meeting)."""
    a, b, n = key
    return f"{mission_key}-{a}-{b}{'' if n == 1 else f'-{n}'}@corridor"


def _placed(m: Meeting) -> tuple[int, str, str | None, tuple[str, ...]]:
    """What a calendar event shows of a meeting: when, where, who interprets and
    which delegates attend (a change of any raises its SEQUENCE)."""
    return m.slot, m.table, m.interpreter, m.attendees


def revisions(history: Sequence[Sequence[Meeting]]) -> dict[MeetingKey, Revision]:
    """Every meeting ever published, with its SEQUENCE after the last publication of
    ``history`` (the published schedules, oldest first) and whether it was dropped."""
    state: dict[MeetingKey, Revision] = {}
    for published in history:
        now = keyed(published)
        for key, old in list(state.items()):
            if key not in now and not old.cancelled:
                state[key] = Revision(old.meeting, old.sequence + 1, True)
        for key, m in now.items():
            old_rev = state.get(key)
            if old_rev is None:
                state[key] = Revision(m)
            elif old_rev.cancelled or _placed(old_rev.meeting) != _placed(m):
                state[key] = Revision(m, old_rev.sequence + 1)
    return state
