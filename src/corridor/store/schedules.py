"""Storage of solved schedules; one published schedule per mission at a time.

Who made a schedule, which published schedule a draft was made against (``base``) and
who published it are kept in the row's ``note`` column as a small JSON object rather
than in columns of their own: the table has no columns for them and adding them takes
a migration. Rows written before hold a plain-text note, read as the note alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from corridor.core.mission import Meeting
from corridor.exc import NotFound
from corridor.store.base import StoredSchedule
from corridor.store.tables import MeetingRow, ScheduleRow


def _meta(note: str) -> dict[str, object]:
    """The JSON object of a note, or a legacy plain note as ``{"note": …}``."""
    if note.startswith("{"):
        try:
            found = json.loads(note)
        except ValueError:
            found = None
        if isinstance(found, dict):
            return found
    return {"note": note}


def _text(meta: dict[str, object], key: str) -> str | None:
    value = meta.get(key)
    return None if value is None else str(value)


def _stored(row: ScheduleRow) -> StoredSchedule:
    meta = _meta(row.note)
    base = meta.get("base")
    return StoredSchedule(
        row.id,
        row.mission_key,
        row.created_at,
        row.solver,
        row.status,
        row.weight,
        row.bound,
        row.seconds,
        row.published,
        str(meta.get("note", "")),
        _text(meta, "actor"),
        base if isinstance(base, int) else None,
        _text(meta, "published_by"),
        _text(meta, "published_at"),
        tuple(to_meeting(m) for m in row.meetings),
        tuple(m.id for m in row.meetings),
    )


class ScheduleStore:
    """Repository for schedules over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        mission_key: str,
        meetings: Sequence[Meeting],
        *,
        solver: str,
        status: str,
        weight: int,
        bound: float | None,
        seconds: float,
        at: datetime,
        publish: bool,
        note: str = "",
        actor: str | None = None,
        base: int | None = None,
    ) -> int:
        """Store a schedule; publishing it unpublishes the mission's previous one."""
        if publish:
            self._unpublish(mission_key)
        meta: dict[str, object] = {"note": note, "actor": actor, "base": base}
        if publish:
            meta |= {"published_by": actor, "published_at": at.isoformat(timespec="seconds")}
        row = ScheduleRow(
            mission_key=mission_key,
            created_at=at.replace(tzinfo=None),
            solver=solver,
            status=status,
            weight=weight,
            bound=bound,
            seconds=seconds,
            published=publish,
            note=json.dumps(meta, ensure_ascii=False),
        )
        row.meetings = [
            MeetingRow(
                org_a=m.org_a,
                org_b=m.org_b,
                slot=m.slot,
                table_key=m.table,
                interpreter=m.interpreter,
                others=list(m.others) or None,
                attendees=list(m.attendees) or None,
            )
            for m in meetings
        ]
        self.session.add(row)
        self.session.flush()
        return row.id

    def _unpublish(self, mission_key: str) -> None:
        self.session.execute(
            update(ScheduleRow)
            .where(ScheduleRow.mission_key == mission_key)
            .values(published=False)
        )

    def published(self, mission_key: str) -> tuple[int, list[Meeting]] | None:
        """The published schedule's id and meetings, if the mission has one."""
        row = self.session.scalar(
            select(ScheduleRow).where(ScheduleRow.mission_key == mission_key, ScheduleRow.published)
        )
        if row is None:
            return None
        return row.id, [to_meeting(m) for m in row.meetings]

    def published_id(self, mission_key: str) -> int | None:
        """The id of the mission's published schedule, if it has one."""
        return self.session.scalar(
            select(ScheduleRow.id).where(
                ScheduleRow.mission_key == mission_key, ScheduleRow.published
            )
        )

    def get(self, schedule_id: int, mission_key: str | None = None) -> StoredSchedule:
        """One schedule by id (of ``mission_key`` when given: an id of another mission
        is as not found as a missing one)."""
        row = self.session.get(ScheduleRow, schedule_id)
        if row is None or mission_key not in (None, row.mission_key):
            raise NotFound("schedule", str(schedule_id))
        return _stored(row)

    def listing(self, mission_key: str) -> list[StoredSchedule]:
        """The mission's schedules, newest first."""
        rows = self.session.scalars(
            select(ScheduleRow)
            .where(ScheduleRow.mission_key == mission_key)
            .order_by(ScheduleRow.id.desc())
        )
        return [_stored(row) for row in rows]

    def publish(self, schedule_id: int, *, actor: str, at: datetime) -> StoredSchedule:
        """Publish a stored schedule (unpublishing the mission's current one) and
        record who did it and when."""
        row = self.session.get(ScheduleRow, schedule_id)
        if row is None:
            raise NotFound("schedule", str(schedule_id))
        self._unpublish(row.mission_key)
        meta = _meta(row.note) | {
            "published_by": actor,
            "published_at": at.isoformat(timespec="seconds"),
        }
        row.note = json.dumps(meta, ensure_ascii=False)
        row.published = True
        self.session.flush()
        return _stored(row)


def to_meeting(row: MeetingRow) -> Meeting:
    """The domain meeting of a row (group parties and delegates when stored)."""
    return Meeting(
        row.org_a,
        row.org_b,
        row.slot,
        row.table_key,
        row.interpreter,
        tuple(row.attendees or ()),
        tuple(row.others or ()),
    )
