"""Fetching a feed over HTTP: http/https only, conditional GET, a time limit, a size cap.

A redirect is followed only to another http(s) URL (never ``file:``, ``ftp:`` or
``data:``); the body is read no further than ``max_bytes`` + 1, so a 50 MB answer costs
5 MB at most before it is refused. Every refusal is a ``FetchError`` with the reason,
which the poll records.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

from corridor.exc import CorridorError

SCHEMES = frozenset({"http", "https"})
MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 20.0


class FetchError(CorridorError):
    """A feed could not be fetched, or its answer was refused; ``status`` if any."""

    def __init__(self, reason: str, status: int | None = None, size: int = 0) -> None:
        self.status, self.size = status, size
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class Fetched:
    """An answer: status (200 or 304), body (empty for 304) and its validators."""

    status: int
    body: bytes
    etag: str | None
    last_modified: str | None


def check_url(url: str) -> str:
    """The URL if its scheme is http or https and it names a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES or not parts.netloc:
        raise FetchError(f"only http and https URLs are polled: {url!r}")
    return url


_OPENER = urllib.request.build_opener()  # its redirect handler refuses non-http(s) targets


def _read(stream: IO[bytes], max_bytes: int, status: int) -> bytes:
    body = stream.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise FetchError(f"answer larger than {max_bytes} bytes refused", status, len(body))
    return body


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    """GET ``url``, conditional on the validators of the last answer."""
    request = urllib.request.Request(check_url(url), headers={"User-Agent": "corridor-safety"})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            body = _read(answer, max_bytes, answer.status)
            head = answer.headers
            return Fetched(answer.status, body, head.get("ETag"), head.get("Last-Modified"))
    except urllib.error.HTTPError as err:
        if err.code == 304:
            return Fetched(304, b"", etag, last_modified)
        raise FetchError(f"HTTP {err.code} {err.reason}", err.code) from err
    except (urllib.error.URLError, OSError, ValueError) as err:
        raise FetchError(f"fetch failed: {err}") from err
