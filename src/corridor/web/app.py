"""``create_app(settings)``: the console and the REST API in one FastAPI app.

The lifespan marks jobs a previous server left running as failed and starts the job
workers; everything a route needs (engine, limits, cookie signer) hangs on
``app.state``, so tests build as many independent apps as they like.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from pydantic import SecretStr
from sqlalchemy import Engine

import corridor
from corridor.services import heap, jobs
from corridor.services.database import open_database, single_writer
from corridor.services.safety_poller import Poller
from corridor.settings import Settings
from corridor.web import errors
from corridor.web.api import router as api_router
from corridor.web.auth import Signer
from corridor.web.deps import Folders, authorise
from corridor.web.i18n import LocaleMiddleware
from corridor.web.pages import router as pages_router
from corridor.web.security import SecurityMiddleware

STATIC = errors.__file__.rsplit("/", 1)[0] + "/static"


def secret_of(settings: Settings) -> str | None:
    """The configured secret key as text, whether Settings holds a str or a SecretStr."""
    value: object = settings.secret_key
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    return value if isinstance(value, str) and value != "" else None


def create_app(
    settings: Settings,
    *,
    engine: Engine | None = None,
    workers: int | None = None,
    secret: str | None = None,
) -> FastAPI:
    """The app on ``settings.db`` (or ``engine``); ``workers=0`` runs no job workers.

    Without a configured secret key a random one is made for this process: sessions
    then end when the server restarts (``corridor serve`` only allows that on localhost).
    """
    db = engine if engine is not None else open_database(settings.db)
    count = workers if workers is not None else (1 if single_writer(db) else 2)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        jobs.recover(db)
        runner = jobs.Workers(db, count)
        if count > 0:
            runner.start()
        poller = None
        if settings.safety_poll_minutes > 0:
            poller = Poller(db, settings.safety_poll_minutes * 60.0, settings.smtp())
            poller.start()
        heap.settle()  # modules and app: long-lived, kept off the full collections
        try:
            yield
        finally:
            runner.stop()
            if poller is not None:
                poller.stop()

    app = FastAPI(
        title="Corridor",
        version=corridor.__version__,
        description="REST API of Corridor: registry, screening, missions and jobs.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        dependencies=[Depends(authorise)],
    )
    app.state.engine = db
    app.state.limits = settings.limits()
    app.state.folders = Folders(out=settings.out, index=settings.search_index)
    app.state.smtp = settings.smtp()
    app.state.invitation_days = settings.invitation_days
    app.state.public_url = settings.public_url
    app.state.signer = Signer(secret or secret_of(settings) or secrets.token_urlsafe(48))
    app.add_middleware(LocaleMiddleware)
    app.add_middleware(SecurityMiddleware, max_body=settings.max_file_bytes)
    errors.install(app)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
