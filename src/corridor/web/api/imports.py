"""``POST /api/v1/imports``: a registry file by upload, all or nothing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from starlette.concurrency import run_in_threadpool

from corridor.services.imports import ImportReport
from corridor.services.uploads import import_upload
from corridor.web.api.common import AUTH, NOT_FOUND
from corridor.web.api.schemas import ImportCountsPublic, ImportPublic, ImportRejectedPublic
from corridor.web.deps import CurrentUser, EngineDep, LimitsDep

router = APIRouter(prefix="/imports", tags=["imports"])


def import_public(report: ImportReport) -> ImportPublic:
    """An import report as the API shows it."""
    total = report.total()
    return ImportPublic(
        counts={
            k: ImportCountsPublic(created=c.created, updated=c.updated, unchanged=c.unchanged)
            for k, c in report.counts.items()
        },
        total=ImportCountsPublic(
            created=total.created, updated=total.updated, unchanged=total.unchanged
        ),
        warnings=report.warnings,
        mission=report.mission,
        participants_added=report.participants_added,
    )


@router.post(
    "",
    response_model=ImportPublic,
    responses={
        **AUTH,
        **NOT_FOUND,
        422: {"model": ImportRejectedPublic, "description": "rejected; nothing written"},
    },
)
async def import_file(
    engine: EngineDep,
    limits: LimitsDep,
    user: CurrentUser,
    file: Annotated[UploadFile, File(description="CSV, XLSX or JSON, any supported encoding")],
    kind: Annotated[str, Form(pattern="^(organisations|people|requests)$")],
    mission: Annotated[str, Form(max_length=200)] = "",
) -> ImportPublic:
    """Validate the whole file, then write it in one transaction, or write nothing."""
    data = await file.read(limits.file_bytes + 1)
    report = await run_in_threadpool(
        import_upload,
        engine,
        kind,
        file.filename or "upload",
        data,
        mission=mission.strip() or None,
        actor=user.name,
        limits=limits,
    )
    return import_public(report)
