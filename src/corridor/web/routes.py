"""The one table that says which roles reach each route.

Every route of the app has a rule here, keyed by method and path template; the
authorisation dependency reads it on every request (a route without a rule is
refused) and the authorisation test is generated from it, so adding a route without
deciding who may use it fails CI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import fastapi.routing
from starlette.routing import BaseRoute, Mount

from corridor.services.users import STAFF, Role


@dataclass(frozen=True, slots=True)
class Rule:
    """Who may call a route: ``public`` routes need no sign-in; else any of ``roles``."""

    roles: frozenset[Role]
    public: bool = False


PUBLIC = Rule(frozenset(), public=True)
EVERYONE = Rule(STAFF)
"""Any signed-in staff role: reading dashboards and the registry (never a participant)."""
PARTICIPANTS = Rule(frozenset({Role.PARTICIPANT}))
"""Invited delegates, each inside their own organisation (the services check the scope)."""
SIGNED_IN = Rule(STAFF | {Role.PARTICIPANT})
"""Anyone signed in, staff or delegate: signing out."""
SCREENERS = Rule(frozenset({Role.ORGANISER, Role.COMPLIANCE}))
"""Who may run screening: organisers (their missions) and compliance officers."""
COMPLIANCE = Rule(frozenset({Role.COMPLIANCE}))
"""Who records screening decisions."""
ADMINS = Rule(frozenset({Role.ADMIN}))
"""Who loads lists."""
IMPORTERS = Rule(frozenset({Role.ORGANISER, Role.ADMIN}))
"""Who imports registry files."""
ORGANISERS = Rule(frozenset({Role.ORGANISER}))
"""Who changes a mission's plan: accepts matches, solves, replans and publishes."""
OUTCOME_READERS = Rule(frozenset({Role.ORGANISER, Role.VIEWER}))
"""Who reads what came of a mission (feedback, outcomes, KPIs and their exports)."""
BRIEFED = Rule(frozenset({Role.ORGANISER, Role.COMPLIANCE, Role.VIEWER}))
"""Who reads the organiser edition of a dossier (it shows screening status)."""

API = "/api/v1"

ROUTES: dict[tuple[str, str], Rule] = {
    # pages
    ("GET", "/"): EVERYONE,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): SIGNED_IN,
    ("GET", "/missions"): EVERYONE,
    ("GET", "/missions/{key}"): EVERYONE,
    ("POST", "/missions/{key}/screen"): SCREENERS,
    ("POST", "/missions/{key}/policy"): ORGANISERS,
    ("GET", "/orgs"): EVERYONE,
    ("GET", "/jobs"): EVERYONE,
    ("GET", "/jobs/{job_id}"): EVERYONE,
    ("GET", "/static"): PUBLIC,
    # matching, schedule, search, dossiers
    ("GET", "/missions/{key}/matches"): EVERYONE,
    ("POST", "/missions/{key}/matches/accept"): ORGANISERS,
    ("GET", "/missions/{key}/schedule"): EVERYONE,
    ("POST", "/missions/{key}/schedule/solve"): ORGANISERS,
    ("POST", "/missions/{key}/schedule/replan"): ORGANISERS,
    ("GET", "/missions/{key}/schedule/{schedule_id}/changes"): EVERYONE,
    ("POST", "/missions/{key}/schedule/{schedule_id}/publish"): ORGANISERS,
    ("GET", "/missions/{key}/agenda/{org}"): EVERYONE,
    ("GET", "/missions/{key}/agenda/{org}.{fmt}"): EVERYONE,
    ("GET", "/missions/{key}/dossiers/{meeting_id}"): BRIEFED,
    ("GET", "/missions/{key}/dossiers/{meeting_id}.pdf"): BRIEFED,
    ("GET", "/search"): EVERYONE,
    ("GET", "/search/article"): EVERYONE,
    # API
    ("GET", "/api/openapi.json"): PUBLIC,
    ("GET", "/api/docs"): PUBLIC,
    ("GET", f"{API}/organisations"): EVERYONE,
    ("GET", f"{API}/organisations/{{key}}"): EVERYONE,
    ("GET", f"{API}/missions"): EVERYONE,
    ("GET", f"{API}/missions/{{key}}"): EVERYONE,
    ("POST", f"{API}/missions/{{key}}/screen"): SCREENERS,
    ("PATCH", f"{API}/missions/{{key}}"): ORGANISERS,
    ("GET", f"{API}/missions/{{key}}/held"): EVERYONE,
    ("POST", f"{API}/screening/name"): SCREENERS,
    ("POST", f"{API}/screening/names"): SCREENERS,
    ("GET", f"{API}/people"): EVERYONE,
    ("GET", f"{API}/people/{{person_key}}"): EVERYONE,
    ("GET", f"{API}/jobs"): EVERYONE,
    ("GET", f"{API}/jobs/{{job_id}}"): EVERYONE,
    # compliance and imports
    ("GET", "/missions/{key}/screening"): EVERYONE,
    ("POST", "/missions/{key}/screening/decisions"): COMPLIANCE,
    ("GET", "/missions/{key}/screening/audit.{fmt}"): Rule(
        frozenset({Role.COMPLIANCE, Role.ORGANISER, Role.ADMIN})
    ),
    ("GET", "/lists"): EVERYONE,
    ("POST", "/lists"): ADMINS,
    ("GET", "/import"): IMPORTERS,
    ("POST", "/import"): IMPORTERS,
    ("GET", "/orgs/{key}"): EVERYONE,
    ("GET", f"{API}/missions/{{key}}/hits"): EVERYONE,
    ("POST", f"{API}/missions/{{key}}/decisions"): COMPLIANCE,
    ("GET", f"{API}/decisions"): EVERYONE,
    ("GET", f"{API}/lists"): EVERYONE,
    ("POST", f"{API}/imports"): IMPORTERS,
    # matching, schedule, search, dossiers
    ("GET", f"{API}/missions/{{key}}/matches"): EVERYONE,
    ("POST", f"{API}/missions/{{key}}/matches/accept"): ORGANISERS,
    ("GET", f"{API}/missions/{{key}}/schedule"): EVERYONE,
    ("POST", f"{API}/missions/{{key}}/schedule/solve"): ORGANISERS,
    ("POST", f"{API}/missions/{{key}}/schedule/replan"): ORGANISERS,
    ("POST", f"{API}/missions/{{key}}/schedule/{{schedule_id}}/publish"): ORGANISERS,
    ("GET", f"{API}/search"): EVERYONE,
    ("POST", f"{API}/search/index"): ADMINS,
    ("POST", "/search/index"): ADMINS,
    ("POST", f"{API}/missions/{{key}}/documents"): ORGANISERS,
    ("POST", "/missions/{key}/documents"): ORGANISERS,
    ("GET", f"{API}/jobs/{{job_id}}/download"): BRIEFED,
    ("GET", "/jobs/{job_id}/download"): BRIEFED,
    # outcomes and KPIs (organisers record on an organisation's behalf)
    ("GET", "/missions/{key}/outcomes"): OUTCOME_READERS,
    ("GET", "/missions/{key}/outcomes.{fmt}"): OUTCOME_READERS,
    ("POST", "/missions/{key}/outcomes/export"): OUTCOME_READERS,
    ("POST", "/missions/{key}/outcomes/feedback"): ORGANISERS,
    ("POST", "/missions/{key}/outcomes/report"): ORGANISERS,
    ("GET", f"{API}/missions/{{key}}/feedback"): OUTCOME_READERS,
    ("POST", f"{API}/missions/{{key}}/feedback"): ORGANISERS,
    ("GET", f"{API}/missions/{{key}}/outcomes"): OUTCOME_READERS,
    ("POST", f"{API}/missions/{{key}}/outcomes"): ORGANISERS,
    ("GET", f"{API}/missions/{{key}}/kpis"): OUTCOME_READERS,
    # invitations (organiser) and the participant portal
    ("GET", "/missions/{key}/invitations"): ORGANISERS,
    ("POST", "/missions/{key}/invitations"): ORGANISERS,
    ("POST", "/missions/{key}/invitations/all"): ORGANISERS,
    ("POST", "/missions/{key}/invitations/sheet"): ORGANISERS,
    ("POST", "/missions/{key}/invitations/{invitation_id}/revoke"): ORGANISERS,
    ("POST", "/missions/{key}/invitations/{invitation_id}/resend"): ORGANISERS,
    ("GET", f"{API}/missions/{{key}}/invitations"): ORGANISERS,
    ("POST", f"{API}/missions/{{key}}/invitations"): ORGANISERS,
    ("POST", f"{API}/missions/{{key}}/invitations/all"): ORGANISERS,
    ("POST", f"{API}/missions/{{key}}/invitations/{{invitation_id}}/revoke"): ORGANISERS,
    ("POST", f"{API}/missions/{{key}}/invitations/{{invitation_id}}/resend"): ORGANISERS,
    ("GET", "/invite/{token}"): PUBLIC,
    ("POST", "/invite/{token}"): PUBLIC,
    ("GET", "/portal/signed-out"): PUBLIC,
    ("GET", "/portal"): PARTICIPANTS,
    ("GET", "/portal/profile"): PARTICIPANTS,
    ("POST", "/portal/profile"): PARTICIPANTS,
    ("GET", "/portal/partners"): PARTICIPANTS,
    ("POST", "/portal/partners/{partner}"): PARTICIPANTS,
    ("GET", "/portal/agenda"): PARTICIPANTS,
    ("GET", "/portal/agenda.{fmt}"): PARTICIPANTS,
    ("GET", "/portal/meetings/{meeting_id}"): PARTICIPANTS,
    ("GET", "/portal/meetings/{meeting_id}.pdf"): PARTICIPANTS,
    ("GET", "/portal/feedback"): PARTICIPANTS,
    ("POST", "/portal/feedback"): PARTICIPANTS,
    ("GET", "/portal/outcomes"): PARTICIPANTS,
    ("POST", "/portal/outcomes"): PARTICIPANTS,
    # delegation safety: feeds (admins), duty view and roll calls (organisers), the
    # delegates' roll-call links (the token is the key, like an invitation)
    ("GET", "/safety/feeds"): ADMINS,
    ("POST", "/safety/feeds"): ADMINS,
    ("POST", "/safety/poll"): ADMINS,
    ("GET", "/missions/{key}/safety"): ORGANISERS,
    ("POST", "/missions/{key}/safety/rollcall"): ORGANISERS,
    ("POST", "/missions/{key}/safety/rollcall/{call_id}/remind"): ORGANISERS,
    ("GET", "/missions/{key}/safety/rollcall/{call_id}.{fmt}"): ORGANISERS,
    ("GET", "/safe/{token}"): PUBLIC,
    ("POST", "/safe/{token}"): PUBLIC,
    ("GET", "/portal/safety"): PARTICIPANTS,
}


def rule_for(method: str, path: str) -> Rule | None:
    """The rule of a route (HEAD is GET), or None when the table has none."""
    return ROUTES.get(("GET" if method == "HEAD" else method, path))


def is_api(path: str) -> bool:
    """Whether a path belongs to the REST API (JSON errors, 401 rather than a redirect)."""
    return path == "/api" or path.startswith("/api/")


@dataclass(frozen=True, slots=True)
class Served:
    """A route as served: method, full path template, and the route object behind it."""

    method: str
    path: str
    route: object


def served(routes: Sequence[BaseRoute]) -> list[Served]:
    """Every (method, full path) the app serves; mounts count as GET of their prefix.

    FastAPI ≥ 0.16x keeps included routers as lazy nodes whose own routes carry paths
    relative to the router; its ``iter_route_contexts`` resolves them to full paths.
    """
    walk: Any = getattr(fastapi.routing, "iter_route_contexts", None)
    contexts = (
        [(c.original_route, c.path_format or c.path or "") for c in walk(routes)]
        if walk is not None
        else [(r, getattr(r, "path_format", getattr(r, "path", ""))) for r in routes]
    )
    out: list[Served] = []
    for route, path in contexts:
        if isinstance(route, Mount):
            out.append(Served("GET", route.path, route))
            continue
        methods = getattr(route, "methods", None) or {"GET"}
        out += [Served(m, path, route) for m in sorted(methods) if m != "HEAD"]
    return out
