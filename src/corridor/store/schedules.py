"""Storage of solved schedules; one published schedule per mission at a time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from corridor.core.mission import Meeting
from corridor.store.tables import MeetingRow, ScheduleRow


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
    ) -> int:
        """Store a schedule; publishing it unpublishes the mission's previous one."""
        if publish:
            self.session.execute(
                update(ScheduleRow)
                .where(ScheduleRow.mission_key == mission_key)
                .values(published=False)
            )
        row = ScheduleRow(
            mission_key=mission_key,
            created_at=at.replace(tzinfo=None),
            solver=solver,
            status=status,
            weight=weight,
            bound=bound,
            seconds=seconds,
            published=publish,
            note=note,
        )
        row.meetings = [
            MeetingRow(
                org_a=m.org_a,
                org_b=m.org_b,
                slot=m.slot,
                table_key=m.table,
                interpreter=m.interpreter,
            )
            for m in meetings
        ]
        self.session.add(row)
        self.session.flush()
        return row.id

    def published(self, mission_key: str) -> tuple[int, list[Meeting]] | None:
        """The published schedule's id and meetings, if the mission has one."""
        row = self.session.scalar(
            select(ScheduleRow).where(ScheduleRow.mission_key == mission_key, ScheduleRow.published)
        )
        if row is None:
            return None
        return row.id, [
            Meeting(m.org_a, m.org_b, m.slot, m.table_key, m.interpreter) for m in row.meetings
        ]
