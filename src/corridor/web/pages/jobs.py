"""Job pages: the list, and one job's progress (refreshing itself while it runs)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from corridor.services import jobs
from corridor.web.deps import EngineDep, FoldersDep
from corridor.web.pages.render import render

router = APIRouter()


@router.get("/jobs")
def jobs_page(request: Request, engine: EngineDep) -> Response:
    """The newest jobs."""
    return render(request, "jobs.html", {"jobs": jobs.jobs(engine)})


@router.get("/jobs/{job_id}")
def job_page(request: Request, engine: EngineDep, job_id: int) -> Response:
    """One job; a meta refresh reloads it until it is done or failed (no script needed)."""
    job = jobs.job(engine, job_id)
    return render(request, "job.html", {"job": job, "running": job.state in ("queued", "running")})


@router.get("/jobs/{job_id}/download")
def download_page(engine: EngineDep, folders: FoldersDep, job_id: int) -> FileResponse:
    """The archive a finished document-rendering job wrote (404 for any other job)."""
    path = jobs.documents_archive(folders.out, jobs.job(engine, job_id))
    return FileResponse(path, media_type="application/zip", filename=path.name)
