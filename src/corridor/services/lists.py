"""Loading sanctions and export-control lists: versioned, hashed, all or nothing, and
refused when a new file looks like less than the list it would replace.

A list in force is what every "cleared" rests on, so a file that is truncated, much
smaller or older than the version in force is not loaded unless an operator says, with
a reason, that it is right; each such decision is an append-only list event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.progress import Progress, part, silent
from corridor.core.screening import ListAction, ListEvent, ListVersion
from corridor.exc import Conflict, CorridorError, InvalidInput
from corridor.screen.sources.detect import ListFile, detect_source, read_list
from corridor.screen.sources.registry import SOURCES, get_source
from corridor.screen.sources.registry import label as source_label
from corridor.services.bundled import LISTS, bundled
from corridor.services.uow import read_only, unit_of_work
from corridor.store.base import ListRepo

BUNDLED = bundled(LISTS)

MAX_SHRINK = 0.10
"""The largest drop in entries a new publication may show without an override.

Sanctions lists grow or lose a few entries per publication: OFAC's SDN list went from
8,976 entries (2021) to 14,965 (2024) with weekly changes of well under 1 %, and the UN
list changes by a handful of entries at a time. A real delisting of a tenth of a list
in one publication has no precedent there, whereas a truncated download, a file cut on a
line boundary or a mirror's stub lose half or nearly all. 10 % leaves room for an
unusual mass delisting (which an operator then confirms) while catching every such
accident.
"""


class ListRefused(CorridorError):
    """A load would have put a smaller or older list in force; nothing was loaded."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("refused, nothing was loaded:\n" + "\n".join(self.problems))


@dataclass(frozen=True, slots=True)
class Override:
    """An operator's confirmation that a smaller or older list is right, and why."""

    accept_shrink: bool = False
    accept_older: bool = False
    reason: str = ""
    actor: str = "cli"

    def check(self) -> None:
        """Either flag needs a reason: an override nobody can explain is not recorded."""
        if (self.accept_shrink or self.accept_older) and self.reason.strip() == "":
            raise InvalidInput(
                "--accept-shrink and --accept-older need --reason (recorded in the list "
                "audit trail)",
                field="reason",
            )


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
    limits: Limits = DEFAULT_LIMITS,
    override: Override | None = None,
    progress: Progress = silent,
) -> list[LoadResult]:
    """Parse every file first, then store them in one transaction.

    A malformed, truncated, shrunken or older file raises before anything is written
    (``ListRefused`` for the last two, naming the override), so the versions already in
    force stay in force and no hit is retired.
    """
    allow = override or Override()
    allow.check()
    parsed = _read_all(engine, paths, limits, part(progress, 0.0, 0.6))
    progress(0.6, f"storing {sum(len(f.report.entries) for f in parsed)} entries")
    when = (now or datetime.now(UTC)).replace(tzinfo=None)
    results: list[LoadResult] = []
    refusals: list[str] = []
    with unit_of_work(engine) as uow:
        for found in parsed:
            day = published or found.published
            previous = next(
                (v for v in uow.lists.active_versions() if v.source == found.source.id), None
            )
            problems = _refusals(found, day, previous, allow)
            if len(problems) > 0:
                refusals += problems
                continue
            results.append(_store(uow.lists, found, day, previous, label, when, allow))
        if len(refusals) > 0:
            raise ListRefused(refusals)  # rolls back whatever this call stored
    return results


def _read_all(
    engine: Engine, paths: Sequence[Path], limits: Limits, progress: Progress = silent
) -> list[ListFile]:
    """Every file read and checked; a defect names what stays in force for its source."""
    found: list[ListFile] = []
    for done, path in enumerate(paths):
        progress(done / max(len(paths), 1), f"reading {path.name}")
        source = detect_source(path, limits)
        try:
            found.append(read_list(path, limits))
        except InvalidInput as err:
            err.rule += f"; nothing was loaded, in force: {_in_force(engine, source)}"
            err.args = (err.describe(),)
            raise
    return found


def _in_force(engine: Engine, source: str) -> str:
    with read_only(engine) as uow:
        active = [v for v in uow.lists.active_versions() if v.source == source]
    if len(active) == 0:
        return f"no {source_label(source)} version"
    v = active[0]
    return f"{source_label(source)} version #{v.id} ({_day(v.published)}, {v.entries:,} entries)"


def _refusals(
    found: ListFile, day: date | None, previous: ListVersion | None, allow: Override
) -> list[str]:
    if previous is None:
        return []
    name, count = f"{found.path}: {found.source.label}", len(found.report.entries)
    in_force = f"version #{previous.id} ({_day(previous.published)}, {previous.entries:,} entries)"
    problems = []
    if _shrinks(count, previous.entries) and not allow.accept_shrink:
        drop = 1 - count / previous.entries
        problems.append(
            f"{name} would shrink from {previous.entries:,} to {count:,} entries "
            f"(-{drop:.0%}, more than {MAX_SHRINK:.0%}: a truncated or partial file?); "
            f"in force: {in_force}. If the list really shrank, load it with "
            "--accept-shrink --reason '…'"
        )
    if _older(day, previous.published) and not allow.accept_older:
        problems.append(
            f"{name} is older ({day}) than the version in force: {in_force}. "
            "To go back deliberately, use `corridor lists use` or load it with "
            "--accept-older --reason '…'"
        )
    return problems


def _shrinks(count: int, before: int) -> bool:
    return count < before * (1 - MAX_SHRINK)


def _older(day: date | None, before: date | None) -> bool:
    return day is not None and before is not None and day < before


def _day(published: date | None) -> str:
    return "undated" if published is None else f"published {published}"


def _store(
    store: ListRepo,
    found: ListFile,
    day: date | None,
    previous: ListVersion | None,
    label: str,
    when: datetime,
    allow: Override,
) -> LoadResult:
    source, report = found.source.id, found.report
    sha = digest(found.files)
    result = LoadResult(source, str(found.path), None, previous, warnings=list(report.warnings))
    if previous is not None and previous.sha256 == sha:
        return result
    version = store.add_version(
        ListVersion(source, sha, day, when, len(report.entries), label or found.path.name),
        report.entries,
    )
    result.version = version
    if previous is not None and previous.id is not None and version.id is not None:
        _diff(result, store.fingerprints(previous.id), store.fingerprints(version.id))
    for action in _actions(result, allow):
        store.add_event(
            ListEvent(
                when,
                allow.actor,
                source,
                version.id or 0,
                action,
                allow.reason.strip(),
                _detail(result),
            )
        )
    return result


def _actions(result: LoadResult, allow: Override) -> list[ListAction]:
    """The load itself, plus each override it actually needed."""
    actions = [ListAction.LOAD]
    new, old = result.version, result.previous
    if new is None or old is None:
        return actions
    if allow.accept_shrink and _shrinks(new.entries, old.entries):
        actions.append(ListAction.ACCEPT_SHRINK)
    if allow.accept_older and _older(new.published, old.published):
        actions.append(ListAction.ACCEPT_OLDER)
    return actions


def _diff(result: LoadResult, old: dict[str, str], new: dict[str, str]) -> None:
    result.added = sorted(k for k in new if k not in old)
    result.changed = sorted(k for k in new if k in old and old[k] != new[k])
    result.removed = sorted(k for k in old if k not in new)


def _detail(result: LoadResult) -> str:
    new = result.version
    head = "?" if new is None else f"#{new.id}: {new.entries:,} entries"
    if result.previous is None:
        return f"{head}, first version of the source; {result.path}"
    return (
        f"#{result.previous.id} ({result.previous.entries:,}) → {head}, "
        f"+{len(result.added)} ~{len(result.changed)} -{len(result.removed)}; {result.path}"
    )


def use_version(
    engine: Engine,
    source: str,
    version_id: int,
    *,
    reason: str,
    actor: str = "cli",
    now: datetime | None = None,
) -> LoadResult:
    """Put an earlier loaded version of ``source`` back in force (audited, with a reason).

    Returns what changed, like a load, so the caller re-screens the same way.
    """
    get_source(source)
    if reason.strip() == "":
        raise InvalidInput(
            "`lists use` needs a --reason (recorded in the audit trail)", field="reason"
        )
    when = (now or datetime.now(UTC)).replace(tzinfo=None)
    with unit_of_work(engine) as uow:
        target = uow.lists.version(version_id)
        if target.source != source:
            raise InvalidInput(
                f"version #{version_id} is a {source_label(target.source)} version",
                field="version",
                value=version_id,
            )
        previous = next((v for v in uow.lists.active_versions() if v.source == source), None)
        if previous is not None and previous.id == version_id:
            raise Conflict(f"version #{version_id} of {source} is already in force")
        uow.lists.put_in_force(version_id)
        result = LoadResult(source, target.label, target, previous)
        if previous is not None and previous.id is not None:
            _diff(result, uow.lists.fingerprints(previous.id), uow.lists.fingerprints(version_id))
        uow.lists.add_event(
            ListEvent(
                when, actor, source, version_id, ListAction.USE, reason.strip(), _detail(result)
            )
        )
    return result


def list_events(engine: Engine) -> list[ListEvent]:
    """The list audit trail, oldest first."""
    with read_only(engine) as uow:
        return uow.lists.events()


def bundled_lists(root: Path = BUNDLED) -> list[Path]:
    """The list snapshot shipped with Corridor, one primary file per source."""
    names = {s.bundled[0] for s in SOURCES.values()}
    return sorted(p for p in root.rglob("*") if p.name in names)


def list_sources() -> dict[str, str]:
    """Every list source Corridor reads, by id, with the name people know it by — in
    the order ``lists update`` downloads them."""
    return {s.id: s.label for s in SOURCES.values()}
