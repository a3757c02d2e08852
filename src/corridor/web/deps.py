"""Dependencies as ``Annotated`` aliases, and the one authorisation check.

``authorise`` runs before every route of the app: it finds the route's rule in
``routes.ROUTES`` (no rule: refused), identifies the caller, checks the roles, and on
state-changing browser requests checks the CSRF token.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine

from corridor.core.limits import Limits
from corridor.exc import Forbidden
from corridor.locale.labels import label
from corridor.services.users import NotAuthenticated, Principal, Role
from corridor.web.auth import bearer, csrf_matches, identify
from corridor.web.i18n import _, current, renegotiate
from corridor.web.routes import is_api, rule_for, served

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def _route_path(request: Request) -> str:
    """The full path template of the matched route (``/api/v1/jobs/{job_id}``)."""
    paths: dict[int, str] | None = getattr(request.app.state, "route_paths", None)
    if paths is None:
        paths = {id(s.route): s.path for s in served(request.app.routes)}
        request.app.state.route_paths = paths
    return paths.get(id(request.scope.get("route")), "")


async def authorise(request: Request) -> None:
    """Refuse the request unless the route table lets this caller through."""
    rule = rule_for(request.method, _route_path(request))
    if rule is None:
        raise Forbidden(_("this route has no access rule"))
    principal = await identify(request)
    if principal is not None and principal.locale is not None:
        renegotiate(request, principal.locale)
    if rule.public:
        return
    if principal is None:
        raise NotAuthenticated(_("sign in first"))
    if not principal.has_any(rule.roles):
        if principal.has_any([Role.PARTICIPANT]):  # a delegate learns nothing of staff roles
            raise Forbidden(_("this page is not part of your portal"))
        needed = ", ".join(sorted(label("role", r, current()) for r in rule.roles))
        raise Forbidden(
            _("your roles do not allow this; it needs one of: {roles}").format(roles=needed)
        )
    if request.method not in SAFE_METHODS and bearer(request) is None:
        await _check_csrf(request)


async def _check_csrf(request: Request) -> None:
    """A browser's state-changing request must carry its session's CSRF token."""
    given = request.headers.get(CSRF_HEADER)
    if given is None and not is_api(request.url.path):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not csrf_matches(getattr(request.state, "csrf", None), given):
        raise Forbidden(_("the form's security token is missing or stale; reload the page"))


@dataclass(frozen=True, slots=True)
class Folders:
    """Where the app writes files (``Settings().out``) and keeps the search index."""

    out: Path
    index: Path


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _limits(request: Request) -> Limits:
    limits: Limits = request.app.state.limits
    return limits


def _folders(request: Request) -> Folders:
    folders: Folders = request.app.state.folders
    return folders


def _user(request: Request) -> Principal:
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None:
        raise NotAuthenticated(_("sign in first"))
    return principal


def _maybe_user(request: Request) -> Principal | None:
    found: Principal | None = getattr(request.state, "principal", None)
    return found


EngineDep = Annotated[Engine, Depends(_engine)]
FoldersDep = Annotated[Folders, Depends(_folders)]
LimitsDep = Annotated[Limits, Depends(_limits)]
CurrentUser = Annotated[Principal, Depends(_user)]
MaybeUser = Annotated[Principal | None, Depends(_maybe_user)]
