"""``corridor lists update``: fetch the official list files, then load them.

Downloads go to a dated folder first; only complete downloads are loaded, and a
failure (offline, HTTP error, truncated file) leaves the active versions alone.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.exc import CorridorError, InvalidInput
from corridor.services.lists import LoadResult, load_lists

_OFAC = "https://www.treasury.gov/ofac/downloads/"
OFFICIAL: dict[str, tuple[str, ...]] = {
    "ofac_sdn": tuple(_OFAC + f for f in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")),
    "ofac_cons": tuple(
        _OFAC + "consolidated/" + f
        for f in ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")
    ),
    "un_sc": ("https://scsanctions.un.org/resources/xml/en/consolidated.xml",),
    "bis_dpl": ("https://www.bis.doc.gov/dpl/dpl.txt",),
    "us_csl": (
        "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv",
    ),
}


class DownloadFailed(CorridorError):
    """A list could not be fetched; nothing was loaded."""


def urls_for(sources: Sequence[str], base_url: str | None = None) -> dict[str, tuple[str, ...]]:
    """Official URLs of ``sources``, or the same file names under a mirror ``base_url``."""
    unknown = [s for s in sources if s not in OFFICIAL]
    if len(unknown) > 0:
        raise InvalidInput(
            f"unknown list source(s): {', '.join(unknown)}; known: {', '.join(OFFICIAL)}",
            field="source",
        )
    if base_url is None:
        return {s: OFFICIAL[s] for s in sources}
    root = base_url.rstrip("/")
    return {s: tuple(f"{root}/{s}/{u.rsplit('/', 1)[1]}" for u in OFFICIAL[s]) for s in sources}


def fetch(url: str, target: Path, timeout: float) -> None:
    """Download one file completely, or raise ``DownloadFailed``."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            expected = response.headers.get("Content-Length")
            data = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise DownloadFailed(
            f"cannot download {url}: {reason} (offline?); nothing was loaded "
            "and the lists in force stay as they are"
        ) from err
    if expected is not None and int(expected) != len(data):
        raise DownloadFailed(f"incomplete download of {url}: {len(data)} of {expected} bytes")
    target.write_bytes(data)


def update_lists(
    engine: Engine,
    dest: Path,
    sources: Sequence[str],
    *,
    base_url: str | None = None,
    timeout: float = 60.0,
    now: datetime | None = None,
) -> list[LoadResult]:
    """Fetch every file of ``sources`` into ``dest/<source>/<date>/`` and load them."""
    when = now or datetime.now(UTC)
    primaries: list[Path] = []
    for source, urls in urls_for(sources, base_url).items():
        folder = dest / source / when.date().isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        for index, url in enumerate(urls):
            target = folder / url.rsplit("/", 1)[1]
            fetch(url, target, timeout)
            if index == 0:
                primaries.append(target)
    return load_lists(engine, primaries, label="downloaded " + when.date().isoformat(), now=now)
