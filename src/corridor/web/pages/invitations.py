"""The organiser's invitations: invite one delegate or a whole mission, revoke,
re-send, and print a sheet of QR codes for a delegation lead.

Links exist only at the moment they are issued (the database keeps digests), so the
sheet is made by issuing fresh links — which ends the organisation's older ones.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from corridor.exc import InvalidInput
from corridor.services import invitations, registry
from corridor.services.agenda_files import pdf_of
from corridor.services.invitations import Issued
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.i18n import current
from corridor.web.mail import deliver
from corridor.web.pages.render import render

router = APIRouter()
SHEET_CSS = (Path(__file__).resolve().parents[1] / "static" / "sheet.css").read_text("utf-8")


def base_of(request: Request) -> str:
    """Where delegates reach the site: the configured public address, else this one."""
    configured: str | None = getattr(request.app.state, "public_url", None)
    return configured or str(request.base_url)


def days_of(request: Request) -> int:
    """How long new links last (``CORRIDOR_INVITATION_DAYS``)."""
    days: int = getattr(request.app.state, "invitation_days", invitations.INVITATION_DAYS)
    return days


async def send(request: Request, engine: Any, key: str, issued: list[Issued]) -> str:
    """E-mail new links; the query string that tells the list page what happened."""
    name = registry.mission_summary(engine, key).mission.name
    smtp = getattr(request.app.state, "smtp", None)
    done = await run_in_threadpool(
        lambda: deliver(engine, issued, base=base_of(request), mission_name=name, smtp=smtp)
    )
    return f"issued={len(issued)}&sent={len(done.sent)}"


@router.get("/missions/{key}/invitations")
def listing(request: Request, engine: EngineDep, key: str) -> Response:
    """Every invitation of the mission with its state, and the forms to invite."""
    summary = registry.mission_summary(engine, key)
    found = invitations.invitations(engine, key)
    orgs = registry.list_organisations(engine, mission=key)
    people = registry.find_people(engine, mission=key)
    return render(
        request,
        "invitations.html",
        {
            "mission": summary.mission,
            "invitations": found,
            "state": invitations.state_of,
            "orgs": orgs,
            "people": people,
            "names": {o.key: o for o in orgs},
            "query": request.query_params,
            "email_on": getattr(request.app.state, "smtp", None) is not None,
        },
    )


@router.post("/missions/{key}/invitations")
async def invite_one(request: Request, engine: EngineDep, user: CurrentUser, key: str) -> Response:
    """Invite one delegate (a person of the registry, or an address for an organisation)."""
    form = await request.form()
    person = str(form.get("person") or "") or None
    org = str(form.get("org") or "") or None
    email = str(form.get("email") or "") or None
    lang = str(form.get("lang") or "") or None
    issued = await run_in_threadpool(
        lambda: invitations.invite(
            engine,
            key,
            actor=user.name,
            person_key=person,
            org_key=org,
            email=email,
            lang=lang,
            days=days_of(request),
        )
    )
    done = await send(request, engine, key, [issued])
    return RedirectResponse(f"/missions/{key}/invitations?{done}", status_code=303)


@router.post("/missions/{key}/invitations/all")
async def invite_all(engine: EngineDep, request: Request, user: CurrentUser, key: str) -> Response:
    """Invite every delegate of the mission who holds no live link yet."""
    report = await run_in_threadpool(
        lambda: invitations.invite_mission(engine, key, actor=user.name, days=days_of(request))
    )
    done = await send(request, engine, key, report.issued)
    held = sum(1 for _who, why in report.skipped if why == "held by screening")
    return RedirectResponse(f"/missions/{key}/invitations?{done}&held={held}", status_code=303)


@router.post("/missions/{key}/invitations/{invitation_id}/revoke")
async def revoke(engine: EngineDep, key: str, invitation_id: int) -> Response:
    """End a link (and the delegate's session, if it opened one)."""
    await run_in_threadpool(invitations.revoke, engine, key, invitation_id)
    return RedirectResponse(f"/missions/{key}/invitations?revoked=1", status_code=303)


@router.post("/missions/{key}/invitations/{invitation_id}/resend")
async def resend(
    request: Request, engine: EngineDep, user: CurrentUser, key: str, invitation_id: int
) -> Response:
    """A new link for the same delegate, e-mailed when they have an address."""
    issued = await run_in_threadpool(
        lambda: invitations.resend(
            engine, key, invitation_id, actor=user.name, days=days_of(request)
        )
    )
    done = await send(request, engine, key, [issued])
    return RedirectResponse(f"/missions/{key}/invitations?{done}", status_code=303)


@router.post("/missions/{key}/invitations/sheet")
async def sheet(request: Request, engine: EngineDep, user: CurrentUser, key: str) -> Response:
    """Fresh links for every delegate of one organisation, as a printable page of QR
    codes (or its PDF) for the delegation lead; their older links end."""
    form = await request.form()
    org = str(form.get("org") or "")
    if org == "":
        raise InvalidInput("choose an organisation", field="org")
    report = await run_in_threadpool(
        lambda: invitations.invite_mission(
            engine, key, actor=user.name, org_key=org, again=True, days=days_of(request)
        )
    )
    summary = registry.mission_summary(engine, key)
    base = base_of(request)
    rows = [
        {"issued": i, "link": i.link(base), "qr": invitations.qr_svg(i.link(base))}
        for i in report.issued
    ]
    found = registry.organisation_with_people(engine, org)[0]
    context = {
        "mission": summary.mission,
        "rows": rows,
        "org_name": found.display(current()),
        "skipped": report.skipped,
        "inline_css": None,
    }
    if str(form.get("fmt") or "html") != "pdf":
        return render(request, "invitation_sheet.html", context)
    # WeasyPrint reads no /static address: the PDF carries its style inline (the
    # browser's copy links it, as the CSP allows no inline style).
    inline = render(request, "invitation_sheet.html", {**context, "inline_css": SHEET_CSS})
    pdf = await run_in_threadpool(pdf_of, bytes(inline.body).decode("utf-8"))
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{key}-{org}-invitations.pdf"'},
    )
