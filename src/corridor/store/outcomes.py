"""Feedback and outcomes in SQL: appended, never updated, read back per mission.

A mixin of ``SqlStore`` (the registry's and missions' store), so that one session
keeps a mission and what came of it; the protocol is ``store.base.OutcomeRepo``.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from corridor.core.outcomes import Feedback, Outcome, OutcomeKind
from corridor.exc import NotFound
from corridor.store.tables import FeedbackRow, OutcomeRow


def _naive(feedback_or_outcome: Feedback | Outcome) -> object:
    at = feedback_or_outcome.at
    return at if at.tzinfo is None else at.replace(tzinfo=None)


def _feedback(row: FeedbackRow) -> Feedback:
    return Feedback(
        row.mission_key,
        row.org_key,
        row.partner_key,
        row.held,
        row.rating,
        row.follow_up,
        row.note,
        row.actor,
        row.at,
        row.id,
    )


def _outcome(row: OutcomeRow) -> Outcome:
    return Outcome(
        row.mission_key,
        row.org_key,
        OutcomeKind(row.kind),
        tuple(str(p) for p in row.partners),
        None if row.amount is None else Decimal(row.amount),
        row.currency,
        row.happened_on,
        row.note,
        row.actor,
        row.at,
        row.id,
        row.supersedes,
        row.withdrawn,
    )


class OutcomeStore:
    """Append and read feedback and outcomes (the session is the host store's)."""

    session: Session

    def add_feedback(self, feedback: Feedback) -> Feedback:
        """Append a feedback record; returns it with its id."""
        row = FeedbackRow(
            mission_key=feedback.mission_key,
            org_key=feedback.org_key,
            partner_key=feedback.partner_key,
            held=feedback.held,
            rating=feedback.rating,
            follow_up=feedback.follow_up,
            note=feedback.note,
            actor=feedback.actor,
            at=_naive(feedback),
        )
        self.session.add(row)
        self.session.flush()
        return _feedback(row)

    def feedback(self, mission_key: str, org_key: str | None = None) -> list[Feedback]:
        """Every feedback record of a mission (or of one reporter), oldest first."""
        query = select(FeedbackRow).where(FeedbackRow.mission_key == mission_key)
        if org_key is not None:
            query = query.where(FeedbackRow.org_key == org_key)
        return [_feedback(r) for r in self.session.scalars(query.order_by(FeedbackRow.id))]

    def add_outcome(self, outcome: Outcome) -> Outcome:
        """Append an outcome record; returns it with its id."""
        row = OutcomeRow(
            mission_key=outcome.mission_key,
            org_key=outcome.org_key,
            kind=outcome.kind.value,
            partners=list(outcome.partners),
            amount=None if outcome.amount is None else str(outcome.amount),
            currency=outcome.currency,
            happened_on=outcome.on,
            note=outcome.note,
            actor=outcome.actor,
            at=_naive(outcome),
            supersedes=outcome.supersedes,
            withdrawn=outcome.withdrawn,
        )
        self.session.add(row)
        self.session.flush()
        return _outcome(row)

    def outcome(self, outcome_id: int) -> Outcome:
        """One outcome record by id."""
        row = self.session.get(OutcomeRow, outcome_id)
        if row is None:
            raise NotFound("outcome", str(outcome_id))
        return _outcome(row)

    def outcomes(self, mission_key: str, org_key: str | None = None) -> list[Outcome]:
        """Every outcome record of a mission (or of one reporter), oldest first."""
        query = select(OutcomeRow).where(OutcomeRow.mission_key == mission_key)
        if org_key is not None:
            query = query.where(OutcomeRow.org_key == org_key)
        return [_outcome(r) for r in self.session.scalars(query.order_by(OutcomeRow.id))]
