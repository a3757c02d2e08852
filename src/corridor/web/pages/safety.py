"""Delegation safety in the console: feeds (admins), the organisers' duty view, and
the delegates' one-click roll-call answer page (a personal link, no sign-in)."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from corridor.core.safety import AlertLevel
from corridor.exc import CorridorError
from corridor.services import registry, safety
from corridor.services import safety_rollcall as rc
from corridor.services.safety_letters import deliver, level_words
from corridor.services.safety_portal import portal_alerts
from corridor.web.auth import LOGIN_CSRF_COOKIE, Signer, csrf_matches, login_csrf, set_cookie
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.i18n import current, renegotiate
from corridor.web.pages.invitations import base_of
from corridor.web.pages.portal import page
from corridor.web.pages.render import render

router = APIRouter()
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _now() -> datetime:
    return datetime.now(UTC)


@router.get("/safety/feeds")
def feeds_page(
    request: Request, engine: EngineDep, error: Annotated[str, Query(max_length=500)] = ""
) -> Response:
    """The feeds, each with its polls (newest first), and the form to add one."""
    polls = list(reversed(safety.polls(engine)))
    return render(
        request,
        "safety_feeds.html",
        {
            "feeds": safety.feeds(engine),
            "polls": polls,
            "alerts": safety.alerts(engine),
            "error": error,
            "levels": _level_names(current()),
        },
    )


@router.post("/safety/feeds")
def feeds_add(
    engine: EngineDep,
    user: CurrentUser,
    url: Annotated[str, Form(max_length=2000)] = "",
    kind: Annotated[str, Form(max_length=16)] = "",
) -> RedirectResponse:
    """Add a feed (http/https only)."""
    try:
        safety.add_feed(engine, url, kind, actor=user.name, now=_now())
    except CorridorError as err:
        return RedirectResponse("/safety/feeds?" + urlencode({"error": str(err)}), status_code=303)
    return RedirectResponse("/safety/feeds", status_code=303)


def poll_all(engine: Engine, smtp: Any) -> int:
    """Poll every feed, then tell the delegates; returns how many were told."""
    send = None if smtp is None else (lambda e, n: deliver(e, n, smtp=smtp))
    return len(safety.poll_all(engine, now=_now(), send=send))


@router.post("/safety/poll")
async def poll_now(request: Request, engine: EngineDep) -> RedirectResponse:
    """Poll every feed now (polls are recorded whatever they find)."""
    smtp = getattr(request.app.state, "smtp", None)
    await run_in_threadpool(poll_all, engine, smtp)
    return RedirectResponse("/safety/feeds", status_code=303)


def _level_names(lang: str) -> dict[str, str]:
    """Corridor's alert levels in the reader's language, by value."""
    return {level.value: level_words(level, lang)[0] for level in AlertLevel}


def _duty_context(engine: Engine, key: str, lang: str) -> dict[str, Any]:
    notices = safety.notices(engine, key)
    open_alerts = {a.key: a for a in safety.alerts(engine, "open")}
    touched: dict[str, list[Any]] = {}
    for n in notices:
        if n.alert_key in open_alerts:
            touched.setdefault(n.alert_key, []).append(n)
    people = {p.key: p for p in registry.find_people(engine, mission=key)}
    calls = rc.roll_calls(engine, key)
    return {
        "alerts": [(open_alerts[k], touched[k]) for k in touched],
        "people": people,
        "calls": calls,
        "duty": None if len(calls) == 0 else rc.duty(engine, calls[0].id, lang),
        "levels": _level_names(lang),
    }


@router.get("/missions/{key}/safety")
def duty_page(
    request: Request,
    engine: EngineDep,
    key: str,
    error: Annotated[str, Query(max_length=500)] = "",
    sent: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    """Open alerts and whom they touch; the latest roll call: unanswered, safe, need help."""
    summary = registry.mission_summary(engine, key)
    context = _duty_context(engine, key, current())
    context.update(
        {
            "mission": summary.mission,
            "error": error,
            "sent": sent,
            "today": _now().date().isoformat(),
        }
    )
    return render(request, "safety_duty.html", context)


@router.post("/missions/{key}/safety/rollcall")
async def start_roll_call(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    key: str,
    day: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> RedirectResponse:
    """Start a roll call of the delegates on the ground that day and e-mail their links."""
    smtp = getattr(request.app.state, "smtp", None)

    def go() -> int:
        from datetime import date

        when = date.fromisoformat(day) if day else _now().date()
        _call, links = rc.start(engine, key, actor=user.name, now=_now(), day=when, note=note)
        name = registry.mission_summary(engine, key).mission.name
        out = rc.letters(engine, links, base=base_of(request), mission_name=name)
        return 0 if smtp is None else rc.send(smtp, out)

    try:
        sent = await run_in_threadpool(go)
    except (CorridorError, ValueError) as err:
        query = urlencode({"error": str(err)})
        return RedirectResponse(f"/missions/{key}/safety?{query}", status_code=303)
    return RedirectResponse(f"/missions/{key}/safety?sent={sent}", status_code=303)


@router.post("/missions/{key}/safety/rollcall/{call_id}/remind")
async def remind(request: Request, engine: EngineDep, key: str, call_id: int) -> RedirectResponse:
    """A fresh link for everyone who has not answered."""
    smtp = getattr(request.app.state, "smtp", None)

    def go() -> int:
        links = rc.remind(engine, call_id, now=_now())
        name = registry.mission_summary(engine, key).mission.name
        out = rc.letters(engine, links, base=base_of(request), mission_name=name)
        return 0 if smtp is None else rc.send(smtp, out)

    sent = await run_in_threadpool(go)
    return RedirectResponse(f"/missions/{key}/safety?sent={sent}", status_code=303)


@router.get("/missions/{key}/safety/rollcall/{call_id}.{fmt}")
def export(
    engine: EngineDep,
    key: str,
    call_id: int,
    fmt: str,
    lang: Annotated[str, Query(max_length=5)] = "en",
) -> Response:
    """The roll call for the consulate, as XLSX or PDF."""
    with tempfile.TemporaryDirectory() as folder:
        path = rc.export_roll_call(engine, call_id, Path(folder) / f"r.{fmt}", lang, now=_now())
        data = path.read_bytes()
    name = f"roll-call-{key}-{call_id}-{lang}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type=MEDIA.get(fmt, "application/octet-stream"), headers=headers)


def _answer_page(request: Request, engine: Engine, token: str, **extra: Any) -> Response:
    try:
        entry, person, call = rc.peek(engine, token)
    except rc.LinkClosed:
        return render(request, "portal/safe.html", {"closed": True}, status=404)
    renegotiate(request, (person.languages or ("en",))[0])
    csrf = login_csrf(request)
    context = {
        "closed": False,
        "entry": entry,
        "person": person,
        "call": call,
        "token": token,
        "login_csrf": csrf,
        "error": "",
        **extra,
    }
    response = render(request, "portal/safe.html", context)
    signer: Signer = request.app.state.signer
    set_cookie(request, response, LOGIN_CSRF_COOKIE, signer.sign(csrf), 3600)
    return response


@router.get("/safe/{token}")
def answer_page(request: Request, engine: EngineDep, token: str) -> Response:
    """The delegate's roll-call page: one click for safe, one for need help."""
    return _answer_page(request, engine, token)


@router.post("/safe/{token}")
def answer_post(
    request: Request,
    engine: EngineDep,
    token: str,
    answer: Annotated[str, Form(max_length=16)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    location: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Record the answer; the page shows it and lets the delegate change it."""
    signer: Signer = request.app.state.signer
    raw = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not csrf_matches(None if raw is None else signer.unsign(raw, 3600), csrf_token):
        return RedirectResponse(f"/safe/{token}", status_code=303)
    try:
        rc.answer(engine, token, answer, note=note, location=location, now=_now())
    except rc.LinkClosed:
        return render(request, "portal/safe.html", {"closed": True}, status=404)
    except CorridorError as err:
        return _answer_page(request, engine, token, error=str(err))
    return _answer_page(request, engine, token, done=True)


@router.get("/portal/safety")
async def portal_safety(request: Request, engine: EngineDep, user: CurrentUser) -> Response:
    """The open alerts that touch the delegate's organisation."""
    lang = current()
    found = await run_in_threadpool(portal_alerts, engine, user, lang)
    context = {
        "alerts": found,
        "tab": "safety",
        "levels": _level_names(lang),
        "todos": {level.value: level_words(level, lang)[1] for level in AlertLevel},
    }
    return page(request, "safety", context)
