"""A meeting's dossier, organiser edition (it shows screening status, so only the
organiser, compliance and viewer roles reach it), as a page and as a PDF."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from corridor.services.dossiers import dossier_for_meeting
from corridor.web.deps import EngineDep, FoldersDep
from corridor.web.i18n import current
from corridor.web.pages.render import render

BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)


def body_of(html: str) -> str:
    """The body of the dossier document: its own ``<style>`` would break the console's
    CSP (``style-src 'self'``), so the page shows the content in the console's style.
    The document comes from our own autoescaped report templates, not from input."""
    found = BODY.search(html)
    return found.group(1) if found is not None else html


router = APIRouter()


@router.get("/missions/{key}/dossiers/{meeting_id}.pdf")
async def dossier_pdf(
    engine: EngineDep, folders: FoldersDep, key: str, meeting_id: int
) -> Response:
    """The organiser edition as a PDF to save, in the reader's language."""
    lang = current()
    found = await run_in_threadpool(
        lambda: dossier_for_meeting(
            engine, key, meeting_id, index_dir=folders.index, lang=lang, pdf=True
        )
    )
    name = found.filename.removesuffix(".html") + ".pdf"
    return Response(
        found.pdf or b"",
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/missions/{key}/dossiers/{meeting_id}")
async def dossier_page(
    request: Request, engine: EngineDep, folders: FoldersDep, key: str, meeting_id: int
) -> Response:
    """The organiser edition inside the console, in the reader's language, with its
    PDF to download."""
    lang = current()
    found = await run_in_threadpool(
        lambda: dossier_for_meeting(engine, key, meeting_id, index_dir=folders.index, lang=lang)
    )
    return render(
        request,
        "dossier.html",
        {"key": key, "meeting_id": found.meeting_id, "body": body_of(found.html)},
    )
