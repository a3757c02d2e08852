"""The schedule: plan grid, interpreter roster and stored schedules; solving as a
job; replanning into a draft whose changes are shown before it is published; and
each organisation's agenda with its HTML, PDF and ICS downloads."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from corridor.exc import NotFound
from corridor.services import jobs, registry
from corridor.services.agenda_files import agenda_file
from corridor.services.replanning import draft_changes, preview_replan, publish_schedule
from corridor.services.schedule_pages import (
    interpreter_roster,
    list_schedules,
    organisation_agenda,
    plan_grid,
)
from corridor.services.scheduling import parse_request
from corridor.web.deps import CurrentUser, EngineDep, FoldersDep
from corridor.web.i18n import current
from corridor.web.pages.render import render
from corridor.web.routes import BRIEFED, ORGANISERS

router = APIRouter()


def lines(text: str) -> list[str]:
    """The non-empty lines (or comma-separated items) of a form field."""
    return [p.strip() for p in text.replace(",", "\n").splitlines() if p.strip() != ""]


@router.get("/missions/{key}/schedule")
def schedule_page(request: Request, engine: EngineDep, user: CurrentUser, key: str) -> Response:
    """The published plan (slots × tables), the interpreters' day, every stored schedule."""
    mission = registry.mission_summary(engine, key).mission
    lang = current()
    try:
        grid, roster = plan_grid(engine, key, lang=lang), interpreter_roster(engine, key, lang=lang)
    except NotFound:
        grid, roster = None, None
    return render(
        request,
        "schedule.html",
        {
            "mission": mission,
            "grid": grid,
            "roster": roster,
            "schedules": list_schedules(engine, key),
            "orgs": sorted(
                registry.list_organisations(engine, mission=key),
                key=lambda o: o.display(lang).casefold(),
            ),
            "can_plan": user.has_any(ORGANISERS.roles),
            "can_brief": user.has_any(BRIEFED.roles),
        },
    )


@router.post("/missions/{key}/schedule/solve")
def solve_page(engine: EngineDep, user: CurrentUser, key: str) -> RedirectResponse:
    """Queue solving and publishing the mission's schedule; show the job."""
    job = jobs.submit(engine, "solve_schedule", {"mission": key}, user.name)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/missions/{key}/documents")
def documents_page(
    engine: EngineDep, folders: FoldersDep, user: CurrentUser, key: str
) -> RedirectResponse:
    """Queue rendering every agenda and dossier of the published schedule; show the job."""
    params = {"mission": key, "out": str(folders.out), "index": str(folders.index)}
    job = jobs.submit(engine, "render_documents", params, user.name)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/missions/{key}/schedule/replan")
async def replan_page(request: Request, engine: EngineDep, user: CurrentUser, key: str) -> Response:
    """Replan into a draft after cancellations, no-shows or late requests; show the
    changes (nothing is published yet)."""
    form = await request.form()
    cancel = lines(str(form.get("cancel") or ""))
    no_show = lines(str(form.get("no_show") or ""))
    add = [parse_request(t) for t in lines(str(form.get("add") or ""))]
    # A replan with no change of its own still applies the latest screening decisions
    # (load_mission_data leaves out whoever is held or blocked now).
    after_screening = str(form.get("screening") or "") == "1"
    if len(cancel) + len(no_show) + len(add) == 0 and not after_screening:
        return RedirectResponse(f"/missions/{key}/schedule", status_code=303)
    lang = current()
    preview = await run_in_threadpool(
        lambda: preview_replan(
            engine, key, cancel=cancel, no_show=no_show, add=add, actor=user.name, lang=lang
        )
    )
    return RedirectResponse(f"/missions/{key}/schedule/{preview.schedule_id}/changes", 303)


@router.get("/missions/{key}/schedule/{schedule_id}/changes")
def changes_page(
    request: Request, engine: EngineDep, user: CurrentUser, key: str, schedule_id: int
) -> Response:
    """What a draft would move, keep, drop and add against the schedule it was made from;
    a schedule solved from scratch has nothing to compare with, so its id leads back to
    the schedule page (an unknown id is NotFound)."""
    made_from = {s.id: s.base for s in list_schedules(engine, key)}
    if schedule_id in made_from and made_from[schedule_id] is None:
        return RedirectResponse(f"/missions/{key}/schedule", status_code=303)
    preview = draft_changes(engine, key, schedule_id, lang=current())
    return render(
        request,
        "changes.html",
        {
            "mission": registry.mission_summary(engine, key).mission,
            "p": preview,
            "can_plan": user.has_any(ORGANISERS.roles),
        },
    )


@router.post("/missions/{key}/schedule/{schedule_id}/publish")
def publish_page(engine: EngineDep, user: CurrentUser, key: str, schedule_id: int) -> Response:
    """Publish a draft (a stale one is a Conflict, shown as such)."""
    publish_schedule(engine, key, schedule_id, actor=user.name)
    return RedirectResponse(f"/missions/{key}/schedule", status_code=303)


@router.get("/missions/{key}/agenda/{org}.{fmt}")
def agenda_download(engine: EngineDep, key: str, org: str, fmt: str) -> Response:
    """An organisation's agenda as a file to save (html, pdf or ics)."""
    found = agenda_file(engine, key, org, fmt, current())
    disposition = f'attachment; filename="{found.filename}"'
    return Response(
        found.content, media_type=found.media_type, headers={"Content-Disposition": disposition}
    )


@router.get("/missions/{key}/agenda/{org}")
def agenda_page(
    request: Request, engine: EngineDep, user: CurrentUser, key: str, org: str
) -> Response:
    """One organisation's meetings in the published schedule."""
    agenda = organisation_agenda(engine, key, org, lang=current())
    return render(
        request,
        "agenda.html",
        {
            "mission": registry.mission_summary(engine, key).mission,
            "agenda": agenda,
            "can_brief": user.has_any(BRIEFED.roles),
        },
    )
