"""The compliance queue of a mission: open hits, decisions with reasons, the trail, audit."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from corridor.core.screening import Action
from corridor.exc import CorridorError
from corridor.services import registry, screening
from corridor.services.admission import admission_of, hold_policy
from corridor.services.audit import export_audit
from corridor.services.decision_effects import DecisionEffect, decide_in_mission, effect_of
from corridor.services.screening import RULE_SOURCE
from corridor.services.users import Role
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.pages.matching import forget
from corridor.web.pages.render import render
from corridor.web.routes import ORGANISERS, ROUTES

router = APIRouter()

AUDIT = ROUTES[("GET", "/missions/{key}/screening/audit.{fmt}")]
"""Who may download the audit trail (a viewer may not: no link is shown to one)."""

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/missions/{key}/screening")
def screening_page(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    key: str,
    error: Annotated[str, Query(max_length=500)] = "",
    decided: Annotated[str, Query(max_length=20)] = "",
    org: Annotated[str, Query(max_length=200)] = "",
    source: Annotated[str, Query(max_length=200)] = "",
    source_id: Annotated[str, Query(max_length=200)] = "",
    was: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """Every organisation with hits or flags, its open hits and flags, its decision
    trail, and after a decision what it changed for the mission."""
    result = screening.mission_screening(engine, key)
    gate = admission_of(result, hold_policy(engine, key))
    trail = screening.decisions(engine)
    rows = [
        (o, [d for d in trail if d.org_key == o.org.key])
        for o in result.orgs
        if len(o.hits) > 0 or len(o.flags) > 0
    ]
    rows.sort(key=lambda r: ({"blocked": 1, "review": 0, "cleared": 2}[r[0].status], r[0].org.key))
    # Cleared organisations that only carry rule flags (no hit, no decision) need no
    # one's attention: they are listed in one table under the queue, not as cards.
    quiet = {
        o.org.key for o, t in rows if len(o.hits) == 0 and len(t) == 0 and o.status == "cleared"
    }
    return render(
        request,
        "screening.html",
        {
            "result": result,
            "rows": [(o, t) for o, t in rows if o.org.key not in quiet],
            "flagged_only": [o for o, _t in rows if o.org.key in quiet],
            "list_names": {c.source: c.label for c in result.coverage.checked},
            "can_decide": user.has_any([Role.COMPLIANCE]),
            "can_export": user.has_any(AUDIT.roles),
            "actions": list(Action),
            "error": error,
            "done": _done(result, decided, org, source, source_id),
            "effect": _effect(engine, key, org, was) if decided and was else None,
            "standing": {o.org.key: gate.state(o.org.key) for o in result.orgs},
            "can_replan": user.has_any(ORGANISERS.roles),
            "people": _people(engine, result),
        },
    )


def _effect(engine: Engine, key: str, org: str, was: str) -> DecisionEffect | None:
    """What the decision just recorded changed for the mission (None if unknowable)."""
    try:
        return effect_of(engine, key, org, was)
    except CorridorError:
        return None


def _done(
    result: screening.MissionScreening, action: str, org: str, source: str, source_id: str
) -> dict[str, str] | None:
    """What the decision just recorded was about, in names rather than keys."""
    found = next((o for o in result.orgs if o.org.key == org), None)
    if action == "" or found is None:
        return None
    hit = next(
        (h for h in found.hits if (h.hit.source, h.hit.source_id) == (source, source_id)), None
    )
    flag = next((f for f in found.flags if (RULE_SOURCE, f.rule) == (source, source_id)), None)
    entry = hit.hit.entry_name if hit else flag.title if flag else source_id
    return {"org": org, "action": action, "name": found.org.display("en"), "entry": entry}


def _people(engine: Engine, result: screening.MissionScreening) -> dict[str, str]:
    """Names of the people whose hits the queue shows (hits name them by key)."""
    orgs = {o.org.key for o in result.orgs if any(h.person_key for h in o.hits)}
    return {
        p.key: p.display("en")
        for key in sorted(orgs)
        for p in registry.organisation_with_people(engine, key)[1]
    }


@router.post("/missions/{key}/screening/decisions")
def decide_page(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    key: str,
    org: Annotated[str, Form(max_length=200)] = "",
    source: Annotated[str, Form(max_length=200)] = "",
    source_id: Annotated[str, Form(max_length=200)] = "",
    action: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> RedirectResponse:
    """Record a decision; back to the queue with what was done and what it changed for
    the mission, or what was wrong."""
    back = f"/missions/{key}/screening?"
    try:
        if action not in {a.value for a in Action}:
            raise CorridorError(f"choose clear, escalate or block (got {action!r})")
        _, effect = decide_in_mission(
            engine, key, org, source, source_id, Action(action), reason, user.name
        )
    except CorridorError as err:
        return RedirectResponse(back + urlencode({"error": str(err)}), status_code=303)
    forget(request, key)  # the recommendations follow the decision at once
    done = {
        "decided": action,
        "org": org,
        "source": source,
        "source_id": source_id,
        "was": effect.before,
    }
    return RedirectResponse(back + urlencode(done) + "#decision-done", status_code=303)


@router.get("/missions/{key}/screening/audit.{fmt}")
def audit_download(engine: EngineDep, key: str, fmt: Literal["csv", "json", "xlsx"]) -> Response:
    """The audit trail (every decision, then the hits in force) as a download."""
    screening.mission_screening(engine, key)  # NotFound for an unknown mission
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"audit.{fmt}"
        export_audit(engine, path)
        data = path.read_bytes()
    disposition = f'attachment; filename="corridor-audit-{key}.{fmt}"'
    return Response(data, media_type=MEDIA[fmt], headers={"Content-Disposition": disposition})
