"""Server-rendered pages of the organiser's console (Jinja2, autoescaped, no scripts)."""

from fastapi import APIRouter

# matching, schedule, search, dossiers
from corridor.web.pages import dossiers, jobs, matching, missions, orgs, schedule, search, session

router = APIRouter(include_in_schema=False)
for _module in (session, missions, orgs, jobs, matching, schedule, search, dossiers):
    router.include_router(_module.router)
