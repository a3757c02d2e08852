"""Server-rendered pages of the organiser's console (Jinja2, autoescaped, no scripts)."""

from fastapi import APIRouter

from corridor.web.pages import jobs, missions, orgs, session

router = APIRouter(include_in_schema=False)
for _module in (session, missions, orgs, jobs):
    router.include_router(_module.router)
