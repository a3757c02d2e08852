"""The REST API under ``/api/v1`` (and its documentation under ``/api``)."""

from fastapi import APIRouter

from corridor.web.api import (
    decisions,
    docs,
    imports,
    invitations,
    jobs,
    matches,
    missions,
    organisations,
    outcomes,
    people,
    schedule,
    screening,
    search,
)

router = APIRouter()
_v1 = APIRouter(prefix="/api/v1")
for _module in (
    organisations,
    people,
    missions,
    screening,
    jobs,
    decisions,
    imports,
    matches,
    schedule,
    search,
    outcomes,
    invitations,
):
    _v1.include_router(_module.router)
router.include_router(_v1)
router.include_router(docs.router)
