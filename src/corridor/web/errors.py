"""Corridor errors to HTTP, in one table; no stack trace ever reaches a client.

API paths get JSON (``detail``, and for bad input the ``field``, ``value`` and
``rule``); pages get the error page. Anything unexpected is logged in full on the
server and answered with a generic 500.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from corridor.exc import (
    Busy,
    Conflict,
    CorridorError,
    Forbidden,
    ImportRejected,
    InvalidInput,
    LoginThrottled,
    NotAuthenticated,
    NotFound,
    Unavailable,
)
from corridor.web.i18n import _
from corridor.web.pages.render import render
from corridor.web.routes import is_api

log = logging.getLogger(__name__)

HANDLERS: dict[type[CorridorError], int] = {
    LoginThrottled: 429,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    ImportRejected: 422,
    InvalidInput: 422,
    Busy: 503,  # another writer holds the database: the same request succeeds later
    Unavailable: 503,
    CorridorError: 400,
}
"""Status code of each error class; the most specific class in an error's MRO wins."""


def status_of(err: CorridorError) -> int:
    """The status code of an error, by the nearest class the table names."""
    for cls in type(err).__mro__:
        if cls in HANDLERS:
            return HANDLERS[cls]
    return 400


def body_of(err: CorridorError) -> dict[str, object]:
    """The JSON body of an error: its message and, for bad input, where and which rule."""
    body: dict[str, object] = {"detail": str(err)}
    if isinstance(err, InvalidInput):
        body |= {"field": err.field, "value": _jsonable(err.value), "rule": err.rule}
    if isinstance(err, ImportRejected):
        body["problems"] = [p.describe() for p in err.problems]
    return body


def _jsonable(value: object) -> object:
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def _error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", {"status": status, "message": message}, status=status)


async def corridor_error(request: Request, exc: Exception) -> Response:
    """Render a Corridor error by the table."""
    assert isinstance(exc, CorridorError)
    status = status_of(exc)
    if isinstance(exc, NotAuthenticated) and request.url.path.startswith("/portal"):
        return RedirectResponse("/portal/signed-out", status_code=303)  # delegates have no password
    if isinstance(exc, NotAuthenticated) and not is_api(request.url.path):
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/login?next={target}", status_code=303)
    if is_api(request.url.path):
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(body_of(exc), status_code=status, headers=headers)
    return _error_page(request, status, str(exc))


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own errors (404 of an unknown path, 405, 413) in the house style."""
    assert isinstance(exc, HTTPException)
    message = exc.detail if isinstance(exc.detail, str) else _("request refused")
    if is_api(request.url.path):
        return JSONResponse({"detail": message}, status_code=exc.status_code, headers=exc.headers)
    return _error_page(request, exc.status_code, message)


async def validation_error(request: Request, exc: Exception) -> Response:
    """422 naming each bad field (the API keeps FastAPI's ``loc`` list)."""
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"loc": list(e.get("loc", ())), "field": _field(e), "msg": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    if is_api(request.url.path):
        return JSONResponse({"detail": problems}, status_code=422)
    text = "; ".join(f"{p['field']}: {p['msg']}" for p in problems)
    return _error_page(request, 422, text)


def _field(error: object) -> str:
    """The field's path inside its part of the request: ``status``, ``names.1.name``."""
    loc: Sequence[object] = error.get("loc", ()) if isinstance(error, dict) else ()
    inside = loc[1:] if len(loc) > 1 and loc[0] in ("body", "query", "path", "header") else loc
    return ".".join(str(part) for part in inside)


async def unexpected(request: Request, exc: Exception) -> Response:
    """A bug: the trace goes to the server log, the client gets a plain 500."""
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    message = _("Something went wrong on the server; the error has been logged.")
    if is_api(request.url.path):
        return JSONResponse({"detail": message}, status_code=500)
    return _error_page(request, 500, message)


def install(app: FastAPI) -> None:
    """Register every handler on the app."""
    app.add_exception_handler(CorridorError, corridor_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)
