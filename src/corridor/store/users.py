"""Storage of accounts, browser sessions, API tokens and failed sign-ins.

Secrets never reach this module in the clear: passwords arrive Argon2-hashed and
session ids and tokens as SHA-256 digests, so a copy of the database opens nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from corridor.exc import Conflict, NotFound
from corridor.store.base import StoredToken, StoredUser
from corridor.store.tables import ApiTokenRow, LoginFailureRow, UserRow, WebSessionRow


def _naive(at: datetime) -> datetime:
    return at.replace(tzinfo=None)


def _user(row: UserRow) -> StoredUser:
    return StoredUser(
        row.id,
        row.email,
        row.password_hash,
        tuple(row.roles),
        row.locale,
        row.active,
        row.created_at,
    )


def _token(row: ApiTokenRow) -> StoredToken:
    return StoredToken(row.id, row.name, tuple(row.roles), row.created_at, row.revoked_at)


class UserStore:
    """Repository for accounts, sessions, tokens and sign-in failures over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_user(
        self, email: str, password_hash: str, roles: Sequence[str], at: datetime
    ) -> StoredUser:
        """A new account; an e-mail address already used is a conflict."""
        if self.session.scalar(select(UserRow.id).where(UserRow.email == email)) is not None:
            raise Conflict(f"an account with e-mail {email!r} already exists")
        row = UserRow(
            email=email,
            password_hash=password_hash,
            roles=list(roles),
            locale=None,
            active=True,
            created_at=_naive(at),
        )
        self.session.add(row)
        self.session.flush()
        return _user(row)

    def user_by_email(self, email: str) -> StoredUser | None:
        """The account of an e-mail address, if any."""
        row = self.session.scalar(select(UserRow).where(UserRow.email == email))
        return None if row is None else _user(row)

    def user(self, user_id: int) -> StoredUser:
        """The account of an id."""
        row = self.session.get(UserRow, user_id)
        if row is None:
            raise NotFound("user", str(user_id))
        return _user(row)

    def users(self) -> list[StoredUser]:
        """Every account by e-mail."""
        return [_user(r) for r in self.session.scalars(select(UserRow).order_by(UserRow.email))]

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        """Replace a hash (Argon2 parameters grow over the years)."""
        self.session.execute(
            update(UserRow).where(UserRow.id == user_id).values(password_hash=password_hash)
        )

    def add_session(
        self, id_hash: str, user_id: int, csrf: str, at: datetime, expires: datetime
    ) -> None:
        """Record a signed-in browser."""
        self.session.add(
            WebSessionRow(
                id_hash=id_hash,
                user_id=user_id,
                csrf=csrf,
                created_at=_naive(at),
                expires_at=_naive(expires),
            )
        )

    def session_user(self, id_hash: str, now: datetime) -> tuple[StoredUser, str] | None:
        """The account and CSRF token of a live session, or None (unknown or expired)."""
        row = self.session.get(WebSessionRow, id_hash)
        if row is None or row.expires_at <= _naive(now):
            return None
        user = self.session.get(UserRow, row.user_id)
        return None if user is None or not user.active else (_user(user), row.csrf)

    def delete_session(self, id_hash: str) -> None:
        """End a session; the cookie that named it opens nothing from now on."""
        self.session.execute(delete(WebSessionRow).where(WebSessionRow.id_hash == id_hash))

    def add_token(self, name: str, token_hash: str, roles: Sequence[str], at: datetime) -> int:
        """Record a token by its digest; returns its id."""
        row = ApiTokenRow(
            name=name, token_hash=token_hash, roles=list(roles), created_at=_naive(at)
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def token(self, token_hash: str) -> StoredToken | None:
        """The live (unrevoked) token of a digest, if any."""
        row = self.session.scalar(
            select(ApiTokenRow).where(
                ApiTokenRow.token_hash == token_hash, ApiTokenRow.revoked_at.is_(None)
            )
        )
        return None if row is None else _token(row)

    def tokens(self) -> list[StoredToken]:
        """Every token ever created, newest last."""
        return [
            _token(r) for r in self.session.scalars(select(ApiTokenRow).order_by(ApiTokenRow.id))
        ]

    def revoke_token(self, token_id: int, at: datetime) -> None:
        """Revoke a token; revoking twice keeps the first time."""
        row = self.session.get(ApiTokenRow, token_id)
        if row is None:
            raise NotFound("API token", str(token_id))
        if row.revoked_at is None:
            row.revoked_at = _naive(at)

    def add_failure(self, account: str, address: str, at: datetime) -> None:
        """Record a failed sign-in."""
        self.session.add(LoginFailureRow(account=account, address=address, at=_naive(at)))

    def failures_since(self, account: str, address: str, since: datetime) -> tuple[int, int]:
        """Failed sign-ins since ``since``: for the account, and from the address."""
        counts = []
        for column, value in (
            (LoginFailureRow.account, account),
            (LoginFailureRow.address, address),
        ):
            counts.append(
                self.session.scalar(
                    select(func.count())
                    .select_from(LoginFailureRow)
                    .where(column == value, LoginFailureRow.at > _naive(since))
                )
                or 0
            )
        return counts[0], counts[1]

    def forget_failures(self, account: str, before: datetime) -> None:
        """Drop an account's failures (after a success) and everyone's stale ones."""
        self.session.execute(
            delete(LoginFailureRow).where(
                or_(LoginFailureRow.account == account, LoginFailureRow.at < _naive(before))
            )
        )
