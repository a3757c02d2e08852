"""What came of a mission: the KPI page, its downloads, the organiser's forms for
feedback and outcomes received by e-mail, and the dashboard's KPI panel."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from corridor.core.outcomes import OutcomeKind
from corridor.exc import CorridorError, InvalidInput
from corridor.locale.labels import label
from corridor.services import jobs, outcomes
from corridor.services.kpis import STAGES, Kpis, kpis
from corridor.services.outcome_exports import (
    LANGS,
    export_outcomes,
    kind_labels,
    stage_labels,
    syndicate_labels,
)
from corridor.services.users import Role
from corridor.web.deps import CurrentUser, EngineDep, FoldersDep
from corridor.web.i18n import _, current
from corridor.web.pages.charts import Chart, bar_chart
from corridor.web.pages.render import render

router = APIRouter()
MEDIA = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def kpi_charts(k: Kpis, page: str) -> dict[str, Chart]:
    """The funnel, outcomes by kind and by country pair; bars link to their tables."""
    stages, kinds = stage_labels(_), kind_labels(_)
    return {
        "funnel": bar_chart(
            _("Funnel (pairs of organisations)"),
            [(stages[s], k.funnel.stage(s), f"{page}#funnel", "bar") for s in STAGES],
        ),
        "kinds": bar_chart(
            _("Outcomes by kind"),
            [(kinds[c], n, f"{page}#deals", "bar alt") for c, n in k.deals_by_kind],
            label_width=170,
        ),
        "pairs": bar_chart(
            _("Outcomes by country pair"),
            [(c, n, f"{page}#deals", "bar") for c, n in k.deals_by_country_pair],
        ),
    }


def outcome_panel(engine: Engine, mission_key: str) -> dict[str, Any]:
    """What the dashboard's KPI partial (dashboard_kpis.html) needs: the figures
    without the syndicate table (seconds to compute) and their charts."""
    k = kpis(engine, mission_key, with_syndicates=False)
    return {
        "outcome_kpis": k,
        "outcome_charts": kpi_charts(k, f"/missions/{mission_key}/outcomes"),
        "outcome_stages": stage_labels(_),
    }


def _labels() -> dict[str, Any]:
    return {
        "stages": stage_labels(_),
        "kinds": kind_labels(_),
        "verdicts": syndicate_labels(_),
        "sector": lambda code: label("sector", code, current()),
        "plain": str,
        "kind_pair": lambda group: "–".join(
            label("kind", part, current()) for part in group.split("–")
        ),
    }


@router.get("/missions/{key}/outcomes")
async def outcomes_page(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    key: str,
    error: Annotated[str, Query(max_length=500)] = "",
    done: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """The KPI tables and charts, the records in force, and the organiser's forms."""
    k = await run_in_threadpool(kpis, engine, key)
    lang = current()
    page = f"/missions/{key}/outcomes"
    return render(
        request,
        "outcomes.html",
        {
            "k": k,
            "mission": k.mission,
            "charts": kpi_charts(k, page),
            "stage_keys": STAGES,
            "feedback": outcomes.feedback_in_force(engine, key),
            "records": outcomes.outcomes_in_force(engine, key),
            "name": lambda org: k.orgs[org].display(lang) if org in k.orgs else org,
            "can_record": user.has_any([Role.ORGANISER]),
            "reporters": outcomes.reporters(engine, key, lang),
            "kind_keys": [kind.value for kind in OutcomeKind],
            "langs": LANGS,
            "error": error,
            "done": done,
            **_labels(),
        },
    )


def _back(key: str, **query: str) -> RedirectResponse:
    return RedirectResponse(f"/missions/{key}/outcomes?{urlencode(query)}", status_code=303)


def _rating(value: str) -> int | None:
    if value.strip() == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(_("a rating is 1 to 5, or none"), field="rating", value=value) from None


@router.post("/missions/{key}/outcomes/feedback")
def feedback_post(
    engine: EngineDep,
    user: CurrentUser,
    key: str,
    org: Annotated[str, Form(max_length=80)] = "",
    partner: Annotated[str, Form(max_length=80)] = "",
    held: Annotated[str, Form(max_length=5)] = "",
    rating: Annotated[str, Form(max_length=5)] = "",
    follow_up: Annotated[str, Form(max_length=5)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
) -> RedirectResponse:
    """Record feedback an organisation sent; back to the page with what was wrong."""
    try:
        if held not in ("yes", "no"):
            raise InvalidInput(_("say whether the meeting was held"), field="held", value=held)
        outcomes.record_feedback(
            engine,
            key,
            org,
            partner,
            held=held == "yes",
            rating=_rating(rating),
            follow_up=follow_up == "yes",
            note=note,
            actor=user.name,
        )
    except CorridorError as err:
        return _back(key, error=str(err))
    return _back(key, done="feedback")


@router.post("/missions/{key}/outcomes/report")
def outcome_post(
    engine: EngineDep,
    user: CurrentUser,
    key: str,
    org: Annotated[str, Form(max_length=80)] = "",
    kind: Annotated[str, Form(max_length=40)] = "",
    partners: Annotated[list[str] | None, Form(max_length=50)] = None,
    amount: Annotated[str, Form(max_length=40)] = "",
    currency: Annotated[str, Form(max_length=3)] = "",
    on: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
) -> RedirectResponse:
    """Record an outcome an organisation reported; back to the page."""
    try:
        outcomes.report_outcome(
            engine,
            key,
            org,
            kind=kind,
            partners=partners or [],
            amount=amount,
            currency=currency,
            on=on,
            note=note,
            actor=user.name,
        )
    except CorridorError as err:
        return _back(key, error=str(err))
    return _back(key, done="outcome")


@router.post("/missions/{key}/outcomes/export")
def export_job(engine: EngineDep, folders: FoldersDep, user: CurrentUser, key: str) -> Response:
    """Queue the report in every language and format as one archive; show its job."""
    params = {"mission": key, "out": str(folders.out)}
    job = jobs.submit(engine, "export_outcomes", params, user.name)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/missions/{key}/outcomes.{fmt}")
async def outcomes_download(
    engine: EngineDep,
    key: str,
    fmt: Literal["xlsx", "pdf"],
    lang: Annotated[Literal["ko", "zh", "en"] | None, Query()] = None,
) -> Response:
    """The outcomes report as XLSX or PDF, in the page's language (or ``?lang=``).
    One PDF of a few pages renders in about a second, in a worker thread."""
    chosen = lang or current()

    def build() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            path = export_outcomes(engine, key, Path(tmp) / f"outcomes.{fmt}", chosen)
            return path.read_bytes()

    data = await run_in_threadpool(build)
    name = f"corridor-outcomes-{key}-{chosen}.{fmt}"
    return Response(
        data,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
