"""Who is calling: a signed session cookie or a bearer token; and CSRF for forms.

The cookie holds the session id signed with the app's secret (itsdangerous), so a
forged or edited cookie is refused before the database is asked; the session row is
what makes it live, so signing out (deleting the row) ends it even if the cookie
survives. Forms carry a synchronizer token tied to the session; a request with a
bearer token is a script, not a browser, and needs none.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool

from corridor.services import users
from corridor.services.invitations import PARTICIPANT_SESSION_DAYS
from corridor.services.users import NotAuthenticated, Principal

SESSION_COOKIE = "corridor_session"
LOGIN_CSRF_COOKIE = "corridor_login_csrf"
LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}
MAX_SESSION_SECONDS = max(users.SESSION_HOURS * 3600, PARTICIPANT_SESSION_DAYS * 86400)


class Signer:
    """Signs and checks cookie values with the app's secret key."""

    def __init__(self, secret: str) -> None:
        self.serializer = URLSafeTimedSerializer(secret, salt="corridor-cookie")

    def sign(self, value: str) -> str:
        """A cookie value only this server could have written."""
        return self.serializer.dumps(value)

    def unsign(self, value: str, max_age: int) -> str | None:
        """The signed value, or None when forged, edited or too old."""
        try:
            found = self.serializer.loads(value, max_age=max_age)
        except BadSignature:
            return None
        return found if isinstance(found, str) else None


def is_local(request: Request) -> bool:
    """Whether the browser reached us on a loopback name (no TLS expected there)."""
    return (request.url.hostname or "") in LOOPBACK


def set_cookie(request: Request, response: Response, name: str, value: str, age: int) -> None:
    """An HttpOnly, SameSite=Lax cookie; Secure unless the site is on localhost."""
    response.set_cookie(
        name,
        value,
        max_age=age,
        httponly=True,
        samesite="lax",
        secure=not is_local(request),
        path="/",
    )


def session_id(request: Request) -> str | None:
    """The verified session id of the request's cookie, if any."""
    raw = request.cookies.get(SESSION_COOKIE)
    if raw is None:
        return None
    signer: Signer = request.app.state.signer
    # The database row decides how long a session lives (12 hours for staff, longer
    # for a delegate); the signature only has to outlast the longest.
    return signer.unsign(raw, MAX_SESSION_SECONDS)


def bearer(request: Request) -> str | None:
    """The bearer token of the Authorization header, if any."""
    header = request.headers.get("authorization", "")
    scheme, _sep, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def identify(request: Request) -> Principal | None:
    """The caller, stored on ``request.state`` (with the session's CSRF token, if any).

    A bearer token that is wrong or revoked is refused outright rather than treated as
    anonymous, so a script learns its token stopped working.
    """
    if hasattr(request.state, "principal"):
        found: Principal | None = request.state.principal
        return found
    engine = request.app.state.engine
    principal, csrf = None, None
    token = bearer(request)
    if token is not None:
        principal = await run_in_threadpool(users.token_principal, engine, token)
        if principal is None:
            raise NotAuthenticated("unknown or revoked API token")
    else:
        sid = session_id(request)
        if sid is not None:
            live = await run_in_threadpool(users.session_principal, engine, sid)
            principal, csrf = (None, None) if live is None else live
    request.state.principal, request.state.csrf = principal, csrf
    return principal


def csrf_matches(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison of the session's token and the form's."""
    return expected is not None and given is not None and hmac.compare_digest(expected, given)


def login_csrf(request: Request) -> str:
    """The pre-session CSRF token of the sign-in form (kept in a signed cookie)."""
    signer: Signer = request.app.state.signer
    raw = request.cookies.get(LOGIN_CSRF_COOKIE)
    found = None if raw is None else signer.unsign(raw, 3600)
    return found or secrets.token_urlsafe(32)
