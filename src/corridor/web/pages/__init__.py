"""Server-rendered pages of the organiser's console (Jinja2, autoescaped, no scripts)."""

from fastapi import APIRouter

from corridor.web.pages import (
    dossiers,
    imports,
    jobs,
    lists,
    matching,
    missions,
    org,
    orgs,
    outcomes,
    schedule,
    screening,
    search,
    session,
)

router = APIRouter(include_in_schema=False)
for _module in (
    session,
    missions,
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
):
    router.include_router(_module.router)
