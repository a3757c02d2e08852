"""The participant portal: a delegate's mission, profile, partners, agenda and dossiers.

Every page works on the signed-in delegate's own organisation (the services take the
scope from the principal; no URL names an organisation), and none shows screening,
other organisations' agendas or dossiers, contact details or the organiser's notes.
"""

from __future__ import annotations

from typing import Annotated, Any

from babel.dates import format_date, format_time
from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from corridor.exc import InvalidInput
from corridor.locale.labels import label
from corridor.services import portal, profile
from corridor.services.agenda_files import Download
from corridor.web.deps import CurrentUser, EngineDep, FoldersDep
from corridor.web.i18n import current
from corridor.web.pages.dossiers import body_of
from corridor.web.pages.render import render

router = APIRouter()

NAV = ("home", "profile", "partners", "agenda", "feedback", "outcomes")
"""The portal's navigation; feedback and outcomes are served by pages/portal_outcomes.py."""


def page(request: Request, name: str, context: dict[str, Any]) -> Response:
    """A portal page with the helpers every portal template uses."""
    locale = current()
    helpers = {
        "sector": lambda code: label("sector", code, locale),
        "day": lambda at: format_date(at, format="full", locale=locale),
        "clock": lambda at: format_time(at, format="HH:mm", locale=locale),
    }
    return render(request, f"portal/{name}.html", {**helpers, **context})


def download(found: Download) -> Response:
    """A file to save, under its own name."""
    return Response(
        found.content,
        media_type=found.media_type,
        headers={"Content-Disposition": f'attachment; filename="{found.filename}"'},
    )


@router.get("/portal")
async def home(request: Request, engine: EngineDep, user: CurrentUser) -> Response:
    """The mission, the delegate's organisation, and what to do next."""
    found = await run_in_threadpool(portal.home, engine, user, current())
    return page(request, "home", {"home": found, "tab": "home"})


@router.get("/portal/profile")
def profile_page(request: Request, engine: EngineDep, user: CurrentUser) -> Response:
    """The organisation's profile as an editable form."""
    found = profile.profile(engine, user)
    saved = request.query_params.get("saved")
    return page(
        request,
        "profile",
        {"values": found.values, "problem": None, "saved": saved, "tab": "profile"},
    )


@router.post("/portal/profile")
async def profile_save(request: Request, engine: EngineDep, user: CurrentUser) -> Response:
    """Save an edit; a field that breaks a registry rule is shown with its problem."""
    form = await request.form()
    fields = {f: str(form.get(f) or "") for f in profile.EDITABLE if f in form}
    try:
        change = await run_in_threadpool(profile.edit_profile, engine, user, fields)
    except InvalidInput as err:
        context = {"values": fields, "problem": err, "saved": None, "tab": "profile"}
        response = page(request, "profile", context)
        response.status_code = 422
        return response
    saved = "0" if change is None else str(len(change.changes))
    return RedirectResponse(f"/portal/profile?saved={saved}", status_code=303)


@router.get("/portal/partners")
async def partners(request: Request, engine: EngineDep, user: CurrentUser) -> Response:
    """Recommended partners with why, in the delegate's language; accept or decline."""
    recs = await run_in_threadpool(portal.recommendations, engine, user, current())
    done = request.query_params.get("done")
    return page(request, "partners", {"recs": recs, "done": done, "tab": "partners"})


@router.post("/portal/partners/{partner}")
async def answer(
    engine: EngineDep,
    user: CurrentUser,
    partner: str,
    response: Annotated[str, Form(max_length=16)],
) -> RedirectResponse:
    """Record an accept or a decline; both sides accepting makes a meeting request."""
    found = await run_in_threadpool(
        lambda: portal.respond(engine, user, partner, response, lang=current())
    )
    done = "mutual" if found.mutual else found.response
    return RedirectResponse(f"/portal/partners?done={done}#p-{partner}", status_code=303)


@router.get("/portal/agenda")
async def agenda(request: Request, engine: EngineDep, user: CurrentUser) -> Response:
    """The delegate's meetings, with downloads and each meeting's dossier."""
    found = await run_in_threadpool(portal.meetings, engine, user, current())
    return page(request, "agenda", {"meetings": found, "tab": "agenda"})


@router.get("/portal/agenda.{fmt}")
async def agenda_file(engine: EngineDep, user: CurrentUser, fmt: str) -> Response:
    """The delegate's agenda as HTML, PDF or ICS."""
    found = await run_in_threadpool(portal.agenda_file, engine, user, fmt, current())
    return download(found)


@router.get("/portal/meetings/{meeting_id}.pdf")
async def dossier_pdf(
    engine: EngineDep, folders: FoldersDep, user: CurrentUser, meeting_id: int
) -> Response:
    """The participant edition of one of the delegate's meetings, as a PDF."""
    lang = current()
    found = await run_in_threadpool(
        lambda: portal.dossier(
            engine, user, meeting_id, index_dir=folders.index, lang=lang, pdf=True
        )
    )
    name = found.filename.removesuffix(".html") + ".pdf"
    return download(Download(name, "application/pdf", found.pdf or b""))


@router.get("/portal/meetings/{meeting_id}")
async def dossier_page(
    request: Request, engine: EngineDep, folders: FoldersDep, user: CurrentUser, meeting_id: int
) -> Response:
    """The participant edition of one of the delegate's meetings, in their language."""
    lang = current()
    found = await run_in_threadpool(
        lambda: portal.dossier(
            engine, user, meeting_id, index_dir=folders.index, lang=lang, pdf=False
        )
    )
    context = {"meeting_id": found.meeting_id, "body": body_of(found.html), "tab": "agenda"}
    return page(request, "dossier", context)


@router.get("/portal/signed-out")
def signed_out(request: Request) -> Response:
    """After signing out: how to come back."""
    return page(request, "signed_out", {"tab": ""})
