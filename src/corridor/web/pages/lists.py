"""List versions: which is in force, the list audit trail, and loading a new file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from corridor.exc import CorridorError
from corridor.services import jobs
from corridor.services.lists import list_events
from corridor.services.screening import list_coverage, list_versions
from corridor.services.uploads import discard, keep_upload
from corridor.services.users import Role
from corridor.web.deps import CurrentUser, EngineDep, LimitsDep
from corridor.web.pages.render import render

router = APIRouter()


SERVER_PATH = re.compile(r"(?:[A-Za-z]:)?[/\\](?:[^\s;,/\\]+[/\\])+(?=[^\s;,/\\]+)")
"""The folders of a path on the server, which a page shows only by its file name."""


def without_paths(text: str) -> str:
    """``…; /srv/corridor/data/lists/sdn.csv.gz`` → ``…; sdn.csv.gz``."""
    return SERVER_PATH.sub("", text)


def _page(request: Request, engine: EngineDep, user: CurrentUser, error: str = "") -> Response:
    coverage = list_coverage(engine)
    return render(
        request,
        "lists.html",
        {
            "versions": list(reversed(list_versions(engine))),
            "events": [(e, without_paths(e.detail)) for e in reversed(list_events(engine))],
            "coverage": coverage,
            "list_names": {c.source: c.label for c in coverage.checked},
            "can_load": user.has_any([Role.ADMIN]),
            "error": error,
        },
        status=200 if error == "" else 422,
    )


@router.get("/lists")
def lists_page(request: Request, engine: EngineDep, user: CurrentUser) -> Response:
    """Every list version, newest first, and who put which in force and why."""
    return _page(request, engine, user)


@router.post("/lists")
async def load_page(
    request: Request,
    engine: EngineDep,
    limits: LimitsDep,
    user: CurrentUser,
    file: Annotated[list[UploadFile] | None, File()] = None,
    label: Annotated[str, Form(max_length=200)] = "",
    accept_shrink: Annotated[bool, Form()] = False,
    accept_older: Annotated[bool, Form()] = False,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Queue the load of uploaded list files (a source's companions together) as a job."""
    paths: list[Path] = []
    try:
        if not file:
            keep_upload("", b"", limits)  # refuses: no file chosen
        for upload in file or []:
            data = await upload.read(limits.file_bytes + 1)
            paths.append(keep_upload(upload.filename or "upload", data, limits))
    except CorridorError as err:
        for path in paths:
            discard(path)
        return _page(request, engine, user, str(err))
    params = {
        "paths": [str(p) for p in paths],
        "label": label,
        "accept_shrink": accept_shrink,
        "accept_older": accept_older,
        "reason": reason,
    }
    try:
        job = jobs.submit(engine, "load_lists", params, user.name)
    except CorridorError as err:
        for path in paths:
            discard(path)
        return _page(request, engine, user, str(err))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
