"""Opening an invitation link: a welcome page, then a participant session.

The link's GET only looks (mail scanners open links too); the delegate's click on
"Enter" signs them in and uses the link up. A link that opens nothing says why —
used, revoked, expired or unknown — in the delegate's language, with a 410 or 404
page, never a trace.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from corridor.services import invitations
from corridor.services.invitations import InvitationClosed
from corridor.web.auth import (
    LOGIN_CSRF_COOKIE,
    MAX_SESSION_SECONDS,
    SESSION_COOKIE,
    Signer,
    csrf_matches,
    login_csrf,
    set_cookie,
)
from corridor.web.deps import EngineDep
from corridor.web.i18n import renegotiate
from corridor.web.pages.render import render

router = APIRouter()


def _closed(request: Request, err: InvitationClosed) -> Response:
    renegotiate(request, err.lang)
    status = 404 if err.reason == "unknown" else 410
    return render(request, "portal/invite.html", {"closed": err.reason}, status=status)


@router.get("/invite/{token}")
async def welcome(request: Request, engine: EngineDep, token: str) -> Response:
    """The invitation, in its language, with the button that enters the portal."""
    try:
        found = await run_in_threadpool(invitations.peek, engine, token)
    except InvitationClosed as err:
        return _closed(request, err)
    renegotiate(request, found.lang)
    csrf = login_csrf(request)
    response = render(
        request,
        "portal/invite.html",
        {"closed": None, "invitation": found, "token": token, "login_csrf": csrf},
    )
    signer: Signer = request.app.state.signer
    set_cookie(request, response, LOGIN_CSRF_COOKIE, signer.sign(csrf), 3600)
    return response


@router.post("/invite/{token}")
async def enter(
    request: Request,
    engine: EngineDep,
    token: str,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Use the link up and sign the delegate in."""
    signer: Signer = request.app.state.signer
    raw = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not csrf_matches(None if raw is None else signer.unsign(raw, 3600), csrf_token):
        return RedirectResponse(f"/invite/{token}", status_code=303)
    try:
        signed = await run_in_threadpool(invitations.open_invitation, engine, token)
    except InvitationClosed as err:
        return _closed(request, err)
    response = RedirectResponse("/portal", status_code=303)
    set_cookie(
        request, response, SESSION_COOKIE, signer.sign(signed.session_id), MAX_SESSION_SECONDS
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response
