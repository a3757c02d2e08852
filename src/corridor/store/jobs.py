"""Storage of background jobs: the table is the queue, so no extra service is needed.

Workers claim queued jobs by flipping their state in one statement guarded by the
state they read; on PostgreSQL the candidate row is locked with SKIP LOCKED so two
workers never wait on (or take) the same job; SQLite serialises writers anyway.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from corridor.exc import NotFound
from corridor.store.base import StoredJob
from corridor.store.tables import JobRow


def _job(row: JobRow) -> StoredJob:
    return StoredJob(
        row.id,
        row.kind,
        row.actor,
        dict(row.params),
        row.state,
        row.progress,
        tuple(row.log),
        row.result,
        row.error,
        row.created_at,
        row.started_at,
        row.finished_at,
    )


def _naive(at: datetime) -> datetime:
    return at.replace(tzinfo=None)


class JobStore:
    """Repository for jobs over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, kind: str, actor: str, params: dict[str, Any], at: datetime) -> StoredJob:
        """Queue a job."""
        row = JobRow(
            kind=kind,
            actor=actor,
            params=params,
            state="queued",
            progress=0.0,
            log=[],
            result=None,
            error=None,
            created_at=_naive(at),
        )
        self.session.add(row)
        self.session.flush()
        return _job(row)

    def get(self, job_id: int) -> StoredJob:
        """One job by id."""
        row = self.session.get(JobRow, job_id)
        if row is None:
            raise NotFound("job", str(job_id))
        return _job(row)

    def jobs(self, limit: int = 100) -> list[StoredJob]:
        """The newest jobs first."""
        rows = self.session.scalars(select(JobRow).order_by(JobRow.id.desc()).limit(limit))
        return [_job(r) for r in rows]

    def claim(self, at: datetime) -> StoredJob | None:
        """Take the oldest queued job and mark it running, or None when none waits."""
        query = select(JobRow).where(JobRow.state == "queued").order_by(JobRow.id).limit(1)
        if self.session.bind is not None and self.session.bind.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        row = self.session.scalar(query)
        if row is None:
            return None
        taken = self.session.execute(
            update(JobRow)
            .where(JobRow.id == row.id, JobRow.state == "queued")
            .values(state="running", started_at=_naive(at))
        )
        if getattr(taken, "rowcount", 0) != 1:
            return None
        self.session.refresh(row)
        return _job(row)

    def report(self, job_id: int, progress: float, line: str | None) -> None:
        """Record progress and, if given, one more log line."""
        row = self.get_row(job_id)
        row.progress = max(0.0, min(1.0, progress))
        if line is not None:
            row.log = [*row.log, line]

    def finish(self, job_id: int, result: dict[str, Any], at: datetime) -> None:
        """Mark a job done with its result."""
        row = self.get_row(job_id)
        row.state, row.progress, row.result, row.finished_at = "done", 1.0, result, _naive(at)

    def fail(self, job_id: int, error: str, at: datetime) -> None:
        """Mark a job failed with the error a person will read."""
        row = self.get_row(job_id)
        row.state, row.error, row.finished_at = "failed", error, _naive(at)

    def fail_running(self, error: str, at: datetime) -> int:
        """Mark every running job failed (their server stopped under them); returns how many."""
        result = self.session.execute(
            update(JobRow)
            .where(JobRow.state == "running")
            .values(state="failed", error=error, finished_at=_naive(at))
        )
        return int(getattr(result, "rowcount", 0))

    def get_row(self, job_id: int) -> JobRow:
        """The mapped row of a job (for updates within this session)."""
        row = self.session.get(JobRow, job_id)
        if row is None:
            raise NotFound("job", str(job_id))
        return row
