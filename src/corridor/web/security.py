"""Security headers on every response and a cap on request bodies (pure ASGI).

Pure ASGI rather than ``BaseHTTPMiddleware`` so the body cap can count bytes as they
stream in (a missing or lying Content-Length does not get past it) and the headers
reach error responses too.
"""

from __future__ import annotations

from fastapi import HTTPException
from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def too_large(limit: int) -> HTTPException:
    """The 413 a body over the limit gets, saying the limit."""
    return HTTPException(
        413, f"request body too large: the limit is {limit} bytes (CORRIDOR_MAX_FILE_BYTES)"
    )


class SecurityMiddleware:
    """Adds the headers, drops any ``server`` banner, refuses bodies over ``max_body``."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if "server" in headers:
                    del headers["server"]
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _refuse(scope, self.max_body)(scope, receive, send_with_headers)
            return
        await self.app(scope, _counting(receive, self.max_body), send_with_headers)


def _refuse(scope: Scope, limit: int) -> Response:
    """The 413 of a body declared too large, before a byte of it is read."""
    detail = str(too_large(limit).detail)
    if str(scope.get("path", "")).startswith("/api/"):
        return JSONResponse({"detail": detail}, status_code=413)
    return PlainTextResponse(detail, status_code=413)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _counting(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise too_large(limit)
        return message

    return counted
