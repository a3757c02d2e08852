"""Importing registry files and missions: all or nothing, and idempotent."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.mission import Mission, RequestOrigin
from corridor.core.progress import Progress, silent
from corridor.exc import InvalidInput, NotFound
from corridor.registry.batch import (
    Batch,
    NameDuplicates,
    Source,
    check_tables,
    name_duplicates,
    raw_name_duplicates,
    read_tables,
)
from corridor.registry.mission import load_mission
from corridor.registry.schema import SCHEMAS
from corridor.services.offload import alongside, gc_paused
from corridor.services.uow import Stores, unit_of_work
from corridor.store.base import ImportRun, UpsertCounts


@dataclass(slots=True)
class ImportReport:
    """What an import did, per kind of record, and what a person should look at."""

    counts: dict[str, UpsertCounts] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    encodings: dict[str, str | None] = field(default_factory=dict)
    mission: str | None = None
    participants_added: int = 0

    def total(self) -> UpsertCounts:
        """The counts of every kind added up."""
        total = UpsertCounts()
        for counts in self.counts.values():
            total += counts
        return total


def file_digest(path: Path) -> str:
    """SHA-256 of a file, recorded so an audit can tell which file was imported."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_files(
    engine: Engine,
    sources: Sequence[Source],
    *,
    mission: str | None = None,
    actor: str = "cli",
    now: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress = silent,
) -> ImportReport:
    """Validate every file, then write everything in one transaction, or nothing.

    Rows are upserted by key, so importing the same files again changes nothing.
    Meeting requests belong to a mission and need ``mission``. ``limits`` bound
    what is read (file size, unpacked XLSX, rows, field length, JSON depth).
    """
    if mission is None and any(s.kind == "requests" for s in sources):
        raise InvalidInput(
            "meeting requests belong to a mission: name it with --mission", field="mission"
        )
    with unit_of_work(engine) as uow:
        if mission is not None:
            uow.missions.mission(mission)  # NotFound before any work
        when = now or datetime.now(UTC)
        return _import(uow, sources, mission, actor, when, limits, progress)


def import_mission(
    engine: Engine,
    path: Path,
    *,
    actor: str = "cli",
    now: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress = silent,
) -> ImportReport:
    """Import a mission directory: mission.toml and the files it names, atomically."""
    parsed = load_mission(path, limits)
    sources = [Source(kind, p) for kind, p in parsed.files.items()]
    with unit_of_work(engine) as uow:
        mission = _keeping_accepted_syndicates(uow, parsed.mission)
        mission_counts = uow.missions.save_mission(mission)
        if parsed.venue is not None:
            uow.safety.set_venue(parsed.mission.key, parsed.venue)
        when = now or datetime.now(UTC)
        if parsed.hold_policy is not None:
            stored = uow.missions.hold_policy(parsed.mission.key)
            if stored.policy is not parsed.hold_policy:
                uow.missions.set_hold_policy(
                    parsed.mission.key, parsed.hold_policy, actor=actor, at=when
                )
        report = _import(uow, sources, parsed.mission.key, actor, when, limits, progress)
    report.counts = {"mission": mission_counts, **report.counts}
    return report


def _keeping_accepted_syndicates(uow: Stores, mission: Mission) -> Mission:
    """``mission`` as read from its file, plus the group meetings organisers accepted
    from the syndicate proposals since (the file does not hold them; a re-import must
    not drop them), unless the file now asks the same parties to meet."""
    try:
        stored = uow.missions.mission(mission.key)
    except NotFound:
        return mission
    asked = {frozenset(g.parties) for g in mission.group_requests}
    accepted = tuple(
        g
        for g in stored.group_requests
        if g.origin is RequestOrigin.MATCH and frozenset(g.parties) not in asked
    )
    return replace(mission, group_requests=(*mission.group_requests, *accepted))


# From this many organisations on, names are read across scripts in a second process
# while the rows are written (below it, the fork costs more than it saves).
_OFFLOAD_FROM = 2_000

log = logging.getLogger(__name__)

_STEMS = {
    "organisations": "organisations",
    "organizations": "organisations",
    "orgs": "organisations",
    "people": "people",
    "persons": "people",
    "requests": "requests",
    "meeting_requests": "requests",
}


def guess_kind(path: Path) -> str:
    """The record kind from a file name such as ``people.csv`` or ``orgs-2026.xlsx``."""
    stem = path.stem.lower().replace("-", "_")
    for prefix, kind in _STEMS.items():
        if stem == prefix or stem.startswith(prefix + "_"):
            return kind
    raise InvalidInput(
        "cannot tell what the file holds from its name; use --kind organisations|people|requests",
        file=str(path),
    )


def import_paths(
    engine: Engine,
    paths: Sequence[Path],
    *,
    kind: str | None = None,
    mission: str | None = None,
    encoding: str | None = None,
    actor: str = "cli",
    now: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress = silent,
) -> ImportReport:
    """Import what a person names on a command line, all or nothing: one mission
    directory (or its mission.toml), or registry files of ``kind`` — by default the
    kind their names say (``people.csv``, ``orgs-2026.xlsx``) — read as ``encoding``
    (default: detected)."""
    missions = [p for p in paths if p.is_dir() or p.suffix == ".toml"]
    if len(missions) > 0:
        if len(paths) != 1:
            raise InvalidInput("import a mission on its own (one directory or mission.toml)")
        return import_mission(
            engine, missions[0], actor=actor, now=now, limits=limits, progress=progress
        )
    if kind is not None and kind not in SCHEMAS:
        raise InvalidInput(f"--kind must be one of {', '.join(SCHEMAS)}", field="kind", value=kind)
    sources = [Source(kind or guess_kind(p), p, encoding) for p in paths]
    return import_files(
        engine, sources, mission=mission, actor=actor, now=now, limits=limits, progress=progress
    )


def _import(
    uow: Stores,
    sources: Sequence[Source],
    mission: str | None,
    actor: str,
    when: datetime,
    limits: Limits,
    progress: Progress = silent,
) -> ImportReport:
    with gc_paused():
        batch, report = _read_check_write(uow, sources, mission, when, limits, progress)
    progress(0.95, "recording the import")
    files = [
        {
            "kind": s.kind,
            "path": str(s.path),
            "sha256": file_digest(s.path),
            "encoding": batch.encodings.get(str(s.path)),
        }
        for s in sources
    ]
    uow.audit.record_import(
        ImportRun(when.replace(tzinfo=None).isoformat(), actor, files, report.total())
    )
    return report


def _read_check_write(
    uow: Stores,
    sources: Sequence[Source],
    mission: str | None,
    when: datetime,
    limits: Limits,
    progress: Progress,
) -> tuple[Batch, ImportReport]:
    progress(0.0, f"reading and checking {len(sources)} file(s)")
    tables = read_tables(sources, limits)
    # Reading every name across scripts takes about as long as checking and writing the
    # rows: a big import does it at the same time (services.offload), straight from the
    # raw rows, with the same warnings either way.
    rows = tables.organisation_rows()
    with alongside(raw_name_duplicates, rows, min_size=_OFFLOAD_FROM) as duplicates:
        known = uow.registry.organisation_keys()
        batch = check_tables(tables, latest_year=when.year, known_orgs=known)
        progress(0.5, "writing the records")
        report = _write(uow, batch, mission)
        report.warnings += _checked(duplicates(), batch).warnings()
    return batch, report


def _checked(found: NameDuplicates, batch: Batch) -> NameDuplicates:
    """The duplicate-name check made beside the checking, when it read the organisations
    the batch holds (it always should: both parse the same rows), else made again."""
    orgs = batch.orgs()
    keys = [o.key for o in orgs]
    if found.keys == keys:
        return found
    log.warning("names read beside the checking differ from the batch; reading again")
    return name_duplicates(keys, [o.names for o in orgs])


def _write(uow: Stores, batch: Batch, mission: str | None) -> ImportReport:
    report = ImportReport(
        warnings=list(batch.warnings), encodings=dict(batch.encodings), mission=mission
    )
    report.counts["organisations"] = uow.registry.upsert_organisations(batch.orgs())
    report.counts["people"] = uow.registry.upsert_people([p.item for p in batch.people])
    if mission is not None:
        keys = [o.key for o in batch.orgs()]
        report.participants_added = uow.missions.add_participants(mission, keys)
        requests = [r.item for r in batch.requests]
        report.counts["requests"] = uow.missions.upsert_requests(mission, requests)
    return report
