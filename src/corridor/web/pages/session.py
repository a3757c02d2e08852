"""Signing in and out, and the front door."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from corridor.services import users
from corridor.services.users import LoginThrottled, NotAuthenticated
from corridor.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Signer,
    csrf_matches,
    login_csrf,
    session_id,
    set_cookie,
)
from corridor.web.deps import EngineDep
from corridor.web.i18n import _
from corridor.web.pages.render import render

router = APIRouter()


def _safe_next(target: str) -> str:
    """Only a path of this site: ``//evil.example`` and ``https://…`` go to the start."""
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if ok else "/missions"


@router.get("/")
def home() -> RedirectResponse:
    """The console opens on the mission list."""
    return RedirectResponse("/missions", status_code=303)


def _login_page(
    request: Request, next_: str, *, error: str = "", email: str = "", status: int = 200
) -> Response:
    token = login_csrf(request)
    response = render(
        request,
        "login.html",
        {"login_csrf": token, "next": _safe_next(next_), "error": error, "email": email},
        status=status,
    )
    signer: Signer = request.app.state.signer
    set_cookie(request, response, LOGIN_CSRF_COOKIE, signer.sign(token), 3600)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/missions") -> Response:
    """The sign-in form."""
    return _login_page(request, next)


@router.post("/login")
async def login(
    request: Request,
    engine: EngineDep,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/missions",
) -> Response:
    """Check the password, open a session, go where the person was heading."""
    signer: Signer = request.app.state.signer
    raw = request.cookies.get(LOGIN_CSRF_COOKIE)
    expected = None if raw is None else signer.unsign(raw, 3600)
    if not csrf_matches(expected, csrf_token):
        message = _("The sign-in form expired; please try again.")
        return _login_page(request, next, error=message, email=email, status=403)
    address = request.client.host if request.client is not None else "unknown"
    try:
        signed = await run_in_threadpool(users.sign_in, engine, email, password, address)
    except LoginThrottled:
        message = _("Too many failed sign-ins. Wait 15 minutes and try again.")
        return _login_page(request, next, error=message, email=email, status=429)
    except NotAuthenticated:
        message = _("Wrong e-mail address or password.")
        return _login_page(request, next, error=message, email=email, status=401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    age = users.SESSION_HOURS * 3600
    set_cookie(request, response, SESSION_COOKIE, signer.sign(signed.session_id), age)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout")
async def logout(request: Request, engine: EngineDep) -> RedirectResponse:
    """End the session on the server and forget the cookie."""
    sid = session_id(request)
    if sid is not None:
        await run_in_threadpool(users.sign_out, engine, sid)
    who = getattr(request.state, "principal", None)
    delegate = who is not None and users.Role.PARTICIPANT in who.roles
    response = RedirectResponse("/portal/signed-out" if delegate else "/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
