"""Server-rendered pages of the organiser's console (Jinja2, autoescaped, no scripts)."""

from fastapi import APIRouter

from corridor.web.pages import (
    dossiers,
    holds,
    imports,
    invitations,
    invite,
    jobs,
    lists,
    matching,
    missions,
    org,
    orgs,
    outcomes,
    portal,
    portal_outcomes,
    safety,
    schedule,
    screening,
    search,
    session,
)

router = APIRouter(include_in_schema=False)
for _module in (
    session,
    missions,
    holds,
    orgs,
    jobs,
    screening,
    lists,
    imports,
    org,
    matching,
    schedule,
    search,
    dossiers,
    outcomes,
    invitations,
    invite,
    portal,
    portal_outcomes,
    safety,
):
    router.include_router(_module.router)
