"""Server-rendered pages of the organiser's console (Jinja2, autoescaped, no scripts)."""

from fastapi import APIRouter

from corridor.web.pages import imports, jobs, lists, missions, org, orgs, screening, session

router = APIRouter(include_in_schema=False)
for _module in (session, missions, orgs, jobs, screening, lists, imports, org):
    router.include_router(_module.router)
