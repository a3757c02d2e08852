"""The mission list, a mission's dashboard, and starting its screening."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from corridor.locale.labels import label
from corridor.services import jobs, registry
from corridor.services.dashboard import Dashboard, mission_dashboard
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.i18n import _, current
from corridor.web.pages.charts import Chart, bar_chart, stacked_bar
from corridor.web.pages.holds import held_context
from corridor.web.pages.outcomes import outcome_panel
from corridor.web.pages.render import render
from corridor.web.routes import SCREENERS

router = APIRouter()


def orgs_link(mission: str, **filters: str) -> str:
    """The registry list behind a number of the dashboard."""
    return "/orgs?" + urlencode({"mission": mission, **filters})


@router.get("/missions")
def missions_page(request: Request, engine: EngineDep) -> Response:
    """Every mission with its participant and request counts."""
    return render(request, "missions.html", {"missions": registry.mission_summaries(engine)})


def charts(board: Dashboard) -> dict[str, Chart]:
    """The dashboard's charts, each bar linked to the list behind it."""
    key, locale = board.mission.key, current()
    out = {
        "country": bar_chart(
            _("Participants by country"),
            [(c, n, orgs_link(key, country=c), "bar") for c, n in board.by_country.items()],
        ),
        "kind": bar_chart(
            _("Participants by kind"),
            [
                (label("kind", k, locale), n, orgs_link(key, kind=k), "bar alt")
                for k, n in board.by_kind.items()
            ],
        ),
        "screening": stacked_bar(
            _("Screening status"),
            [
                (label("status", s, locale), n, orgs_link(key, status=s), f"status-{s}")
                for s, n in board.screening.items()
            ],
        ),
    }
    if board.schedule is not None:
        load = board.schedule.interpreter_load
        names = {i.key: i.name for i in board.mission.interpreters}
        roster = f"/missions/{key}/schedule#roster"
        out["interpreters"] = bar_chart(
            _("Interpreter load (meetings)"),
            [(names.get(i, i), load.get(i, 0), roster, "bar alt") for i in board.interpreters],
            label_width=210,
        )
    return out


@router.get("/missions/{key}")
def dashboard_page(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    key: str,
    policy_error: Annotated[str, Query(max_length=500)] = "",
) -> Response:
    """A mission at a glance: who comes, screening, schedule fill, interpreters."""
    board = mission_dashboard(engine, key)
    return render(
        request,
        "dashboard.html",
        {
            "board": board,
            "charts": charts(board),
            "link": orgs_link,
            "can_screen": user.has_any(SCREENERS.roles),
            **outcome_panel(engine, key),
            **held_context(engine, user, key, policy_error),
        },
    )


@router.post("/missions/{key}/screen")
def screen_page(engine: EngineDep, user: CurrentUser, key: str) -> RedirectResponse:
    """Queue a screening of the mission and show its job page."""
    job = jobs.submit(engine, "screen_mission", {"mission": key}, user.name)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
