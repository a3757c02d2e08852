"""Importing a registry file by upload: the problem table, or what was written."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from corridor.exc import CorridorError, ImportRejected, InvalidInput
from corridor.services import registry
from corridor.services.uploads import KINDS, import_upload
from corridor.web.deps import CurrentUser, EngineDep, LimitsDep
from corridor.web.pages.render import render

router = APIRouter()


def _page(request: Request, engine: EngineDep, status: int = 200, **extra: object) -> Response:
    missions = registry.mission_summaries(engine)
    context: dict[str, object] = {
        "kinds": KINDS,
        "missions": missions,
        "mission_names": {s.mission.key: s.mission.name for s in missions},
        "report": None,
        "problems": [],
        "error": "",
        "filename": "",
        "chosen": {"kind": "organisations", "mission": ""},
    }
    return render(request, "import.html", {**context, **extra}, status=status)


@router.get("/import")
def import_page(request: Request, engine: EngineDep) -> Response:
    """The upload form."""
    return _page(request, engine)


@router.post("/import")
async def import_post(
    request: Request,
    engine: EngineDep,
    limits: LimitsDep,
    user: CurrentUser,
    file: Annotated[UploadFile | None, File()] = None,
    kind: Annotated[str, Form(max_length=40)] = "organisations",
    mission: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Import the file; on a bad file show every problem (nothing was written)."""
    name = "" if file is None else (file.filename or "upload")
    data = b"" if file is None else await file.read(limits.file_bytes + 1)
    chosen = {"kind": kind, "mission": mission}
    try:
        report = await run_in_threadpool(
            import_upload,
            engine,
            kind,
            name,
            data,
            mission=mission.strip() or None,
            actor=user.name,
            limits=limits,
        )
    except ImportRejected as err:
        return _page(
            request,
            engine,
            422,
            problems=err.problems,
            error=str(err),
            filename=name,
            chosen=chosen,
        )
    except InvalidInput as err:
        return _page(
            request, engine, 422, problems=[err], error=str(err), filename=name, chosen=chosen
        )
    except CorridorError as err:
        return _page(request, engine, 422, error=str(err), filename=name, chosen=chosen)
    return _page(request, engine, report=report, filename=name, chosen=chosen)
