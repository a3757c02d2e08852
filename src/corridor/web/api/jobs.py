"""``/api/v1/jobs``: background jobs and their progress."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from corridor.services import jobs
from corridor.web.api.common import AUTH, NOT_FOUND
from corridor.web.api.convert import job_public
from corridor.web.api.schemas import JobPublic, JobsPublic
from corridor.web.deps import EngineDep, FoldersDep

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("", response_model=JobsPublic, responses=AUTH)
def list_jobs(engine: EngineDep, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> JobsPublic:
    """The newest jobs first."""
    found = jobs.jobs(engine, limit)
    return JobsPublic(data=[job_public(j) for j in found], count=len(found))


@router.get("/{job_id}", response_model=JobPublic, responses={**AUTH, **NOT_FOUND})
def get_job(engine: EngineDep, job_id: int) -> JobPublic:
    """One job: state, progress, log, result or error."""
    return job_public(jobs.job(engine, job_id))


@router.get(
    "/{job_id}/download",
    response_class=FileResponse,
    responses={**AUTH, **NOT_FOUND, 200: {"content": {"application/zip": {}}}},
)
def download(engine: EngineDep, folders: FoldersDep, job_id: int) -> FileResponse:
    """The ZIP a finished ``render_documents`` job wrote (404 for any other job)."""
    path = jobs.documents_archive(folders.out, jobs.job(engine, job_id))
    return FileResponse(path, media_type="application/zip", filename=path.name)
