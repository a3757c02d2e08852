"""Accounts, roles, browser sessions, API tokens and sign-in throttling.

Passwords are Argon2-hashed; session ids and API tokens are random 256-bit strings
stored as SHA-256 digests (a slow hash adds nothing to a secret that long). A session
lives in the database, so signing out ends it on the server, not only in the browser.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from corridor.exc import InvalidInput
from corridor.exc import LoginThrottled as LoginThrottled  # re-exported for callers
from corridor.exc import NotAuthenticated as NotAuthenticated
from corridor.services.uow import read_only, unit_of_work
from corridor.store.base import StoredInvitation, StoredToken, StoredUser

SESSION_HOURS = 12
THROTTLE_FAILURES = 5
THROTTLE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 10

_HASHER = PasswordHasher()
# Verified when the account is unknown, so a wrong e-mail costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("corridor-no-such-account")


class Role(StrEnum):
    """What a person may do; one person may hold several."""

    ADMIN = "admin"  # accounts, list loads, settings
    ORGANISER = "organiser"  # missions: import, match, schedule, publish, dossiers
    COMPLIANCE = "compliance"  # screening queue, decisions, audit export
    VIEWER = "viewer"  # reads dashboards and reports
    PARTICIPANT = "participant"  # a delegate, through an invitation: one organisation only


STAFF = frozenset({Role.ADMIN, Role.ORGANISER, Role.COMPLIANCE, Role.VIEWER})
"""The agency's roles: accounts and tokens hold these; a participant comes only from an
invitation link, scoped to one organisation of one mission."""


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is acting: a signed-in person or a script's token, and its roles."""

    name: str
    roles: frozenset[Role]
    user_id: int | None = None
    locale: str | None = None
    mission_key: str | None = None  # a participant's scope: one mission …
    org_key: str | None = None  # … and one organisation of it
    person_key: str | None = None
    invitation_id: int | None = None

    def has_any(self, roles: Sequence[Role] | frozenset[Role]) -> bool:
        """Whether the principal holds at least one of ``roles``."""
        return len(self.roles & set(roles)) > 0


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A new session: the id to put in a cookie (once) and its CSRF token."""

    session_id: str
    csrf: str
    principal: Principal


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def digest(secret: str) -> str:
    """The SHA-256 of a session id or token, as stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_roles(names: Sequence[str]) -> list[Role]:
    """Staff roles from their names, refusing unknown ones, an empty list and the
    participant role (which only an invitation link gives)."""
    if len(names) == 0:
        raise InvalidInput("give at least one role", field="role")
    known = {r.value for r in STAFF}
    for name in names:
        if name not in known:
            raise InvalidInput(f"unknown role; one of {sorted(known)}", field="role", value=name)
    return sorted({Role(n) for n in names})


def _principal(user: StoredUser) -> Principal:
    return Principal(user.email, frozenset(Role(r) for r in user.roles), user.id, user.locale)


def add_user(
    engine: Engine, email: str, password: str, roles: Sequence[str], now: datetime | None = None
) -> Principal:
    """Create an account with an Argon2-hashed password."""
    address = email.strip().lower()
    if "@" not in address or len(address) > 320:
        raise InvalidInput("not an e-mail address", field="email", value=email)
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD} characters", field="password")
    chosen = parse_roles(roles)
    with unit_of_work(engine) as uow:
        user = uow.users.add_user(address, _HASHER.hash(password), chosen, _now(now))
    return _principal(user)


def users(engine: Engine) -> list[Principal]:
    """Every account."""
    with read_only(engine) as uow:
        return [_principal(u) for u in uow.users.users()]


def sign_in(
    engine: Engine, email: str, password: str, address: str, now: datetime | None = None
) -> SignedIn:
    """Check a password and open a session; throttled after repeated failures.

    The throttle is checked before the password, so a throttled caller learns nothing.
    """
    when, account = _now(now), email.strip().lower()
    with unit_of_work(engine) as uow:
        by_account, by_address = uow.users.failures_since(account, address, when - THROTTLE_WINDOW)
        if max(by_account, by_address) >= THROTTLE_FAILURES:
            minutes = int(THROTTLE_WINDOW.total_seconds() // 60)
            raise LoginThrottled(f"too many failed sign-ins; try again in {minutes} minutes")
        user = uow.users.user_by_email(account)
        if user is None or not user.active:
            verify_nothing(password)
        elif _verify(user.password_hash, password):
            if _HASHER.check_needs_rehash(user.password_hash):
                uow.users.set_password_hash(user.id, _HASHER.hash(password))
            uow.users.forget_failures(account, when - THROTTLE_WINDOW)
            session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
            expires = when + timedelta(hours=SESSION_HOURS)
            uow.users.add_session(digest(session_id), user.id, csrf, when, expires)
            return SignedIn(session_id, csrf, _principal(user))
        uow.users.add_failure(account, address, when)
    raise NotAuthenticated("wrong e-mail address or password")


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_nothing(password: str) -> None:
    """Spend the time of one verification (unknown accounts take as long as known ones)."""
    _verify(_DUMMY_HASH, password)


def session_principal(
    engine: Engine, session_id: str, now: datetime | None = None
) -> tuple[Principal, str] | None:
    """The principal and CSRF token of a live session (staff or participant), or None."""
    with read_only(engine) as uow:
        found = uow.users.session_user(digest(session_id), _now(now))
        if found is None:
            delegate = uow.portal.participant_session(digest(session_id), _now(now))
            return None if delegate is None else (participant_of(delegate[0]), delegate[1])
    return _principal(found[0]), found[1]


def participant_of(invitation: StoredInvitation) -> Principal:
    """The principal an invitation signs in: a participant of one organisation."""
    return Principal(
        invitation.name,
        frozenset({Role.PARTICIPANT}),
        locale=invitation.lang,
        mission_key=invitation.mission_key,
        org_key=invitation.org_key,
        person_key=invitation.person_key,
        invitation_id=invitation.id,
    )


def sign_out(engine: Engine, session_id: str) -> None:
    """End a session (staff or participant) on the server."""
    with unit_of_work(engine) as uow:
        uow.users.delete_session(digest(session_id))
        uow.portal.delete_participant_session(digest(session_id))


def create_token(
    engine: Engine, roles: Sequence[str], name: str = "", now: datetime | None = None
) -> tuple[int, str]:
    """A new API token: returns its id and the token, which is shown this once only."""
    chosen = parse_roles(roles)
    token = "ctk_" + secrets.token_urlsafe(32)
    with unit_of_work(engine) as uow:
        token_id = uow.users.add_token(name.strip() or "token", digest(token), chosen, _now(now))
    return token_id, token


def tokens(engine: Engine) -> list[StoredToken]:
    """Every token's record (never the token)."""
    with read_only(engine) as uow:
        return uow.users.tokens()


def revoke_token(engine: Engine, token_id: int, now: datetime | None = None) -> None:
    """Revoke a token; scripts using it are refused from now on."""
    with unit_of_work(engine) as uow:
        uow.users.revoke_token(token_id, _now(now))


def token_principal(engine: Engine, token: str) -> Principal | None:
    """The principal of a live bearer token, or None."""
    with read_only(engine) as uow:
        found = uow.users.token(digest(token))
    if found is None:
        return None
    return Principal(f"token:{found.name}#{found.id}", frozenset(Role(r) for r in found.roles))
