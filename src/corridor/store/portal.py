"""Storage of the participant portal: invitations, participant sessions, profile
edits and responses to recommendations.

Invitation links and session ids arrive as SHA-256 digests only, so a copy of the
database opens nothing. Profile changes and responses are appended, never changed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from corridor.exc import NotFound
from corridor.store.base import ProfileChange, Response, StoredInvitation
from corridor.store.tables import (
    InvitationRow,
    ParticipantSessionRow,
    ProfileChangeRow,
    ResponseRow,
)


def _naive(at: datetime) -> datetime:
    return at.replace(tzinfo=None)


def _invitation(row: InvitationRow) -> StoredInvitation:
    return StoredInvitation(
        row.id,
        row.mission_key,
        row.org_key,
        row.person_key,
        row.email,
        row.name,
        row.lang,
        row.actor,
        row.created_at,
        row.expires_at,
        row.used_at,
        row.revoked_at,
        row.replaced_by,
        row.sent_at,
    )


class PortalStore:
    """Repository of the portal's records over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_invitation(
        self,
        *,
        mission_key: str,
        org_key: str,
        person_key: str | None,
        email: str | None,
        name: str,
        lang: str,
        token_hash: str,
        actor: str,
        at: datetime,
        expires: datetime,
    ) -> StoredInvitation:
        """Record a new invitation by its link's digest."""
        row = InvitationRow(
            mission_key=mission_key,
            org_key=org_key,
            person_key=person_key,
            email=email,
            name=name,
            lang=lang,
            token_hash=token_hash,
            actor=actor,
            created_at=_naive(at),
            expires_at=_naive(expires),
        )
        self.session.add(row)
        self.session.flush()
        return _invitation(row)

    def _row(self, invitation_id: int) -> InvitationRow:
        row = self.session.get(InvitationRow, invitation_id)
        if row is None:
            raise NotFound("invitation", str(invitation_id))
        return row

    def invitation(self, invitation_id: int) -> StoredInvitation:
        """An invitation by id."""
        return _invitation(self._row(invitation_id))

    def invitation_by_hash(self, token_hash: str) -> StoredInvitation | None:
        """The invitation of a link's digest, whatever its state."""
        row = self.session.scalar(
            select(InvitationRow).where(InvitationRow.token_hash == token_hash)
        )
        return None if row is None else _invitation(row)

    def invitations(self, mission_key: str) -> list[StoredInvitation]:
        """Every invitation of a mission, oldest first."""
        rows = self.session.scalars(
            select(InvitationRow)
            .where(InvitationRow.mission_key == mission_key)
            .order_by(InvitationRow.id)
        )
        return [_invitation(r) for r in rows]

    def use_invitation(self, invitation_id: int, at: datetime) -> None:
        """Mark a link used (it opens nothing again)."""
        row = self._row(invitation_id)
        if row.used_at is None:
            row.used_at = _naive(at)

    def revoke_invitation(
        self, invitation_id: int, at: datetime, replaced_by: int | None = None
    ) -> None:
        """End an invitation and the sessions it opened; revoking twice keeps the first time."""
        row = self._row(invitation_id)
        if row.revoked_at is None:
            row.revoked_at = _naive(at)
        if replaced_by is not None:
            row.replaced_by = replaced_by
        self.session.execute(
            delete(ParticipantSessionRow).where(ParticipantSessionRow.invitation_id == row.id)
        )

    def mark_sent(self, invitation_id: int, at: datetime) -> None:
        """Record that the link left by e-mail."""
        self._row(invitation_id).sent_at = _naive(at)

    def add_participant_session(
        self, id_hash: str, invitation_id: int, csrf: str, at: datetime, expires: datetime
    ) -> None:
        """Record a delegate's signed-in browser."""
        self.session.add(
            ParticipantSessionRow(
                id_hash=id_hash,
                invitation_id=invitation_id,
                csrf=csrf,
                created_at=_naive(at),
                expires_at=_naive(expires),
            )
        )

    def participant_session(
        self, id_hash: str, now: datetime
    ) -> tuple[StoredInvitation, str] | None:
        """The invitation and CSRF token of a live session (its invitation not revoked)."""
        row = self.session.get(ParticipantSessionRow, id_hash)
        if row is None or row.expires_at <= _naive(now):
            return None
        invitation = self.session.get(InvitationRow, row.invitation_id)
        if invitation is None or invitation.revoked_at is not None:
            return None
        return _invitation(invitation), row.csrf

    def delete_participant_session(self, id_hash: str) -> None:
        """Sign a delegate's browser out."""
        self.session.execute(
            delete(ParticipantSessionRow).where(ParticipantSessionRow.id_hash == id_hash)
        )

    def add_profile_change(self, change: ProfileChange) -> None:
        """Append one profile edit to the record."""
        self.session.add(
            ProfileChangeRow(
                org_key=change.org_key,
                mission_key=change.mission_key,
                actor=change.actor,
                at=_naive(change.at),
                changes={k: list(v) for k, v in change.changes.items()},
            )
        )

    def profile_changes(self, org_key: str) -> list[ProfileChange]:
        """An organisation's profile edits, oldest first."""
        rows = self.session.scalars(
            select(ProfileChangeRow)
            .where(ProfileChangeRow.org_key == org_key)
            .order_by(ProfileChangeRow.id)
        )
        return [
            ProfileChange(
                r.org_key,
                r.mission_key,
                r.actor,
                r.at,
                {k: (str(v[0]), str(v[1])) for k, v in r.changes.items()},
            )
            for r in rows
        ]

    def add_response(self, response: Response) -> None:
        """Append a participant's accept or decline."""
        self.session.add(
            ResponseRow(
                mission_key=response.mission_key,
                org_key=response.org_key,
                partner_key=response.partner_key,
                response=response.response,
                actor=response.actor,
                at=_naive(response.at),
            )
        )

    def responses(self, mission_key: str) -> list[Response]:
        """Every response of a mission, oldest first (a later one supersedes)."""
        rows = self.session.scalars(
            select(ResponseRow)
            .where(ResponseRow.mission_key == mission_key)
            .order_by(ResponseRow.id)
        )
        return [
            Response(r.mission_key, r.org_key, r.partner_key, r.response, r.actor, r.at)
            for r in rows
        ]
