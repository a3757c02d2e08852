"""``corridor lists update``: fetch the official list files, then load them.

Each file streams to a temporary file in its dated folder, capped at
``Limits.download_bytes`` and checked against its Content-Length; only a complete file
is renamed into place, and only complete publications are loaded — through the same
refusal rules as ``lists load``, so a mirror serving a stub changes nothing.
"""

from __future__ import annotations

import http.client
import tempfile
import urllib.error
import urllib.request
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from sqlalchemy import Engine

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.exc import CorridorError
from corridor.screen.sources.registry import get_source
from corridor.services.lists import LoadResult, Override, load_lists

CHUNK = 1024 * 1024


class DownloadFailed(CorridorError):
    """A list could not be fetched; nothing was loaded."""


def urls_for(sources: Sequence[str], base_url: str | None = None) -> dict[str, tuple[str, ...]]:
    """Official URLs of ``sources``, or the same file names under a mirror ``base_url``."""
    found = [get_source(s) for s in sources]
    if base_url is None:
        return {s.id: s.urls for s in found}
    root = base_url.rstrip("/")
    return {s.id: tuple(f"{root}/{s.id}/{f}" for f in s.files) for s in found}


def fetch(url: str, target: Path, timeout: float, limits: Limits = DEFAULT_LIMITS) -> None:
    """Download one file completely into ``target``, or raise ``DownloadFailed`` and
    leave ``target`` as it was (a partial download never takes its name)."""
    # A named temporary file beside the target (same file system, so the rename is
    # atomic); it outlives this function only as the renamed, complete file.
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed or removed
        dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
    )
    part = Path(handle.name)
    try:
        with handle:
            _stream(url, handle, timeout, limits)
        part.replace(target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _stream(url: str, out: IO[bytes], timeout: float, limits: Limits) -> None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            expected = _length(url, response.headers.get("Content-Length"), limits)
            got = _copy(url, response, out, limits)
    except http.client.IncompleteRead as err:
        raise DownloadFailed(
            f"incomplete download of {url}: the connection closed after "
            f"{len(err.partial)} bytes; nothing was loaded"
        ) from err
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise DownloadFailed(
            f"cannot download {url}: {reason} (offline?); nothing was loaded "
            "and the lists in force stay as they are"
        ) from err
    if expected is not None and got != expected:
        raise DownloadFailed(f"incomplete download of {url}: {got} of {expected} bytes")


def _length(url: str, header: str | None, limits: Limits) -> int | None:
    """The declared size, refused when it is not a number or over the cap."""
    if header is None:
        return None
    if not header.strip().isdigit():
        raise DownloadFailed(
            f"bad response from {url}: Content-Length {header[:40]!r} is not a number"
        )
    size = int(header)
    if size > limits.download_bytes:
        raise DownloadFailed(
            f"{url} is {size} bytes, over the limit of {limits.download_bytes} "
            "(CORRIDOR_MAX_DOWNLOAD_BYTES); nothing was loaded"
        )
    return size


def _copy(url: str, response: IO[bytes], out: IO[bytes], limits: Limits) -> int:
    total = 0
    while chunk := response.read(CHUNK):
        total += len(chunk)
        if total > limits.download_bytes:
            raise DownloadFailed(
                f"{url} sent more than {limits.download_bytes} bytes "
                "(CORRIDOR_MAX_DOWNLOAD_BYTES); download stopped, nothing was loaded"
            )
        out.write(chunk)
    return total


def update_lists(
    engine: Engine,
    dest: Path,
    sources: Sequence[str],
    *,
    base_url: str | None = None,
    timeout: float = 60.0,
    now: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
    override: Override | None = None,
) -> list[LoadResult]:
    """Fetch every file of ``sources`` into ``dest/<source>/<date>/`` and load them."""
    when = now or datetime.now(UTC)
    primaries: list[Path] = []
    for source, urls in urls_for(sources, base_url).items():
        folder = dest / source / when.date().isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        for index, (url, name) in enumerate(zip(urls, get_source(source).files, strict=True)):
            fetch(url, folder / name, timeout, limits)
            if index == 0:
                primaries.append(folder / name)
    return load_lists(
        engine,
        primaries,
        label="downloaded " + when.date().isoformat(),
        now=now,
        limits=limits,
        override=override,
    )
