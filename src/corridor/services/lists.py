"""Loading sanctions and export-control lists: versioned, hashed, all or nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.screening import ListVersion
from corridor.screen.sources.common import ParseReport
from corridor.screen.sources.detect import parse_list
from corridor.screen.sources.ofac import SETS, sibling
from corridor.store.convert import fingerprint
from corridor.store.db import session_factory, transaction
from corridor.store.screening import ScreeningStore

BUNDLED = Path(__file__).resolve().parents[3] / "data" / "lists"


@dataclass(slots=True)
class LoadResult:
    """What loading one list file did, compared with the version it replaced."""

    source: str
    path: str
    version: ListVersion | None
    previous: ListVersion | None
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def unchanged_file(self) -> bool:
        """The same bytes were already the active version: nothing was written."""
        return self.version is None


def files_of(path: Path, source: str) -> list[Path]:
    """The files a load reads: an OFAC primary file brings its companions."""
    if source not in SETS:
        return [path]
    found = [sibling(path, name) for name in SETS[source][1:]]
    return [path, *(p for p in found if p is not None)]


def digest(paths: Sequence[Path]) -> str:
    """SHA-256 over the bytes of every file of a load, in order."""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()


def load_lists(
    engine: Engine,
    paths: Sequence[Path],
    *,
    label: str = "",
    published: date | None = None,
    now: datetime | None = None,
) -> list[LoadResult]:
    """Parse every file first, then store them in one transaction.

    A malformed or truncated file raises before anything is written, so the
    versions already loaded stay in force.
    """
    parsed: list[tuple[Path, str, ParseReport]] = []
    for path in paths:
        source, report = parse_list(path)
        parsed.append((path, source, report))
    when = (now or datetime.now(UTC)).replace(tzinfo=None)
    results = []
    with transaction(session_factory(engine)) as session:
        store = ScreeningStore(session)
        for path, source, report in parsed:
            results.append(_store(store, path, source, report, label, published, when))
    return results


def _store(
    store: ScreeningStore,
    path: Path,
    source: str,
    report: ParseReport,
    label: str,
    published: date | None,
    when: datetime,
) -> LoadResult:
    sha = digest(files_of(path, source))
    previous = next((v for v in store.active_versions() if v.source == source), None)
    result = LoadResult(source, str(path), None, previous, warnings=list(report.warnings))
    if previous is not None and previous.sha256 == sha:
        return result
    day = published or _published(report, path)
    version = store.add_version(
        ListVersion(source, sha, day, when, len(report.entries), label or path.name), report.entries
    )
    result.version = version
    if previous is not None and previous.id is not None:
        old = store.fingerprints(previous.id)
        new = {e.source_id: fingerprint(e) for e in report.entries}
        result.added = sorted(k for k in new if k not in old)
        result.changed = sorted(k for k in new if k in old and old[k] != new[k])
        result.removed = sorted(k for k in old if k not in new)
    return result


def bundled_lists(root: Path = BUNDLED) -> list[Path]:
    """The list snapshot shipped in the repository, one primary file per source."""
    names = (
        "sdn.csv.gz",
        "cons_prim.csv.gz",
        "dpl.txt.gz",
        "consolidated.csv.gz",
        "consolidated.xml.gz",
    )
    return sorted(p for p in root.rglob("*") if p.name in names)


def _published(report: ParseReport, path: Path) -> date | None:
    """The list's own date, else a YYYY-MM-DD folder name (how snapshots are filed)."""
    for text in (report.published, path.parent.name):
        try:
            return date.fromisoformat(text or "")
        except ValueError:
            continue
    return None
