"""Background jobs: recorded in the database, run by worker threads of the server.

A job is a row (kind, who, state, progress, log, result, error), so its page survives
a reload and a restart. Workers claim queued rows; a job function does its writes in
one transaction (the services it calls do), so a job interrupted by a restart has
written nothing, and the restart marks it failed rather than leaving it "running".
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from corridor.exc import CorridorError, InvalidInput, NotFound
from corridor.services import lists, screening
from corridor.services.uow import read_only, unit_of_work
from corridor.store.base import StoredJob as StoredJob  # the record front ends type jobs with

INTERRUPTED = "interrupted by a server restart"
log = logging.getLogger(__name__)

Report = Callable[[float, str], None]
"""How a job function reports: progress 0..1 and a log line."""

JobFunction = Callable[[Engine, dict[str, Any], str, Report], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class JobKind:
    """A kind of job: its function and how it checks its parameters before queueing."""

    name: str
    run: JobFunction
    check: Callable[[Engine, dict[str, Any]], None]


def _screen_mission(
    engine: Engine, params: dict[str, Any], actor: str, report: Report
) -> dict[str, Any]:
    """Screen a mission's participants; the screening's writes are one transaction."""
    key = str(params["mission"])
    report(0.05, f"screening mission {key} against the lists in force")
    result = screening.screen_mission(engine, key, actor=actor)
    counts = {s: len(result.by_status(s)) for s in ("blocked", "review", "cleared")}
    report(
        0.95,
        f"screened {len(result.orgs)} organisations: "
        + ", ".join(f"{s} {n}" for s, n in counts.items()),
    )
    return {"mission": key, "organisations": len(result.orgs), **counts}


def _check_mission(engine: Engine, params: dict[str, Any]) -> None:
    """Refuse a screening job for a mission that does not exist, before it is queued."""
    from corridor.services.registry import mission_summary

    mission_summary(engine, str(params["mission"]))


def _override(params: dict[str, Any], actor: str) -> lists.Override:
    return lists.Override(
        accept_shrink=bool(params.get("accept_shrink", False)),
        accept_older=bool(params.get("accept_older", False)),
        reason=str(params.get("reason", "")),
        actor=actor,
    )


def _load_lists(
    engine: Engine, params: dict[str, Any], actor: str, report: Report
) -> dict[str, Any]:
    """Load uploaded list files under the refusal rules; a refusal fails the job."""
    paths = [Path(p) for p in params["paths"]]
    report(0.05, f"loading {', '.join(p.name for p in paths)}")
    try:
        results = lists.load_lists(
            engine,
            paths,
            label=str(params.get("label", "")),
            override=_override(params, actor),
        )
    finally:
        for p in paths:  # the upload was a temporary copy: loaded or refused, it goes
            p.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                p.parent.rmdir()
    loaded = [r for r in results if not r.unchanged_file]
    report(
        0.95,
        "; ".join(
            f"{r.source}: +{len(r.added)} ~{len(r.changed)} -{len(r.removed)}" for r in loaded
        )
        or "the same file is already in force: nothing loaded",
    )
    return {
        "loaded": [r.source for r in loaded],
        "unchanged": [r.source for r in results if r.unchanged_file],
        "warnings": [w for r in results for w in r.warnings],
    }


def _check_lists(engine: Engine, params: dict[str, Any]) -> None:
    """Refuse a list load without files, or an override without a reason, before queueing."""
    paths = params.get("paths") or []
    if len(paths) == 0 or not all(Path(p).is_file() for p in paths):
        raise InvalidInput("choose a list file to load", field="file")
    _override(params, "check").check()


PIPELINES = {
    "cpsat": "greedy start, LP bound, restricted MIP (HiGHS), CP-SAT if the MIP runs out of time",
    "greedy": "greedy placement with the LP bound",
}
"""What each solver choice runs (schedule/pipeline.py): the log names the steps, the
result names the step that found the schedule (lp+mip, cpsat or greedy)."""


# solve_schedule: the organiser's "solve" button (issue 10)
def _solve_schedule(
    engine: Engine, params: dict[str, Any], actor: str, report: Report
) -> dict[str, Any]:
    """Solve and publish a mission's schedule as ``corridor schedule`` does, naming
    ``actor`` as its author and publisher; the store's writes are one transaction."""
    from corridor.services.scheduling import schedule_mission, set_aside_note, summary

    key = str(params["mission"])
    solver = str(params.get("solver", "cpsat"))
    limit = float(params.get("time_limit", 10.0))
    method = PIPELINES.get(solver, solver)
    report(0.05, f"solving the schedule of mission {key}: {method} ({limit:g} s at most)")
    schedule, problem, data = schedule_mission(
        engine, key, solver=solver, time_limit=limit, actor=actor
    )
    facts = summary(problem, schedule, data)
    report(0.9, set_aside_note(facts))
    report(
        0.95,
        f"published a schedule of {facts['meetings']} meetings, found by {facts['solver']} "
        f"({facts['status']})",
    )
    keep = (
        "solver",
        "status",
        "meetings",
        "weight",
        "pairs",
        "pairs_met",
        "interpreted",
        "requests_set_aside",
        "set_aside_held",
        "set_aside_blocked",
    )
    return {"mission": key, **{k: facts[k] for k in keep}}


def _render_documents(
    engine: Engine, params: dict[str, Any], actor: str, report: Report
) -> dict[str, Any]:
    """Render every agenda, the plan and every dossier of the published schedule into a
    fresh folder under ``out``/documents and zip it (services/documents.py); the result
    names the archive, never a server path (``documents_archive`` finds it)."""
    from corridor.services.documents import render_documents

    key = str(params["mission"])
    stamp = _now().strftime("%Y%m%dT%H%M%S%f")
    folder = Path(params["out"]) / "documents" / f"{key}-{stamp}"
    done = render_documents(
        engine,
        key,
        folder,
        Path(params["index"]),
        pdf=bool(params.get("pdf", True)),
        progress=report,
    )
    for note in done.notes:
        report(0.95, note)
    report(0.98, f"{done.files} files in {done.archive.name}")
    return {
        "mission": key,
        "schedule": done.schedule_id,
        "files": done.files,
        "download": done.archive.name,
    }


def _export_outcomes(
    engine: Engine, params: dict[str, Any], actor: str, report: Report
) -> dict[str, Any]:
    """The outcomes report (XLSX and PDF) in Korean, Chinese and English, zipped under
    ``out``/documents like the rendered documents (``documents_archive`` finds it)."""
    from corridor.services.outcome_exports import export_all

    key = str(params["mission"])
    stamp = _now().strftime("%Y%m%dT%H%M%S%f")
    archive = export_all(
        engine, key, Path(params["out"]) / "documents" / f"outcomes-{key}-{stamp}", report
    )
    return {"mission": key, "files": 6, "download": archive.name}


def documents_archive(out: Path, stored_job: StoredJob) -> Path:
    """The archive a finished ``render_documents`` or ``export_outcomes`` job wrote
    under ``out``/documents (NotFound for another kind of job, an unfinished one, or an
    archive since removed)."""
    name = str((stored_job.result or {}).get("download", ""))
    folder = (out / "documents").resolve()
    path = (folder / name).resolve()
    usable = (
        stored_job.kind in ("render_documents", "export_outcomes")
        and stored_job.state == "done"
        and name.endswith(".zip")
        and path.parent == folder
        and path.is_file()
    )
    if not usable:
        raise NotFound("document archive of job", str(stored_job.id))
    return path


def _check_documents(engine: Engine, params: dict[str, Any]) -> None:
    """Refuse before queueing when the mission has no published schedule."""
    from corridor.services.schedule_views import stored

    stored(engine, str(params["mission"]))


def _build_search_index(
    engine: Engine, params: dict[str, Any], actor: str, report: Report
) -> dict[str, Any]:
    """Build the legal search index of the bundled laws beside the old one and swap it
    in (search/atomic.py): searches keep the old index until the new one is whole."""
    from corridor.services.search import index_paths

    folder = Path(params["index"])
    report(0.05, "reading and analysing the bundled laws")
    documents, chunks, reused = index_paths([], folder)
    report(0.95, f"{documents} documents ({reused} unchanged), {chunks} passages indexed")
    return {"documents": documents, "chunks": chunks, "reused": reused}


def _check_index(engine: Engine, params: dict[str, Any]) -> None:
    """Refuse before queueing when the index folder cannot be replaced."""
    from corridor.services.search import check_index_folder

    check_index_folder(Path(params["index"]))


KINDS: dict[str, JobKind] = {
    "screen_mission": JobKind("screen_mission", _screen_mission, _check_mission),
    "load_lists": JobKind("load_lists", _load_lists, _check_lists),
    "solve_schedule": JobKind("solve_schedule", _solve_schedule, _check_mission),
    "render_documents": JobKind("render_documents", _render_documents, _check_documents),
    "build_search_index": JobKind("build_search_index", _build_search_index, _check_index),
    "export_outcomes": JobKind("export_outcomes", _export_outcomes, _check_mission),
}


def _now() -> datetime:
    return datetime.now(UTC)


def submit(engine: Engine, kind: str, params: dict[str, Any], actor: str) -> StoredJob:
    """Queue a job after checking its kind and parameters."""
    if kind not in KINDS:
        raise InvalidInput(f"unknown job kind; one of {sorted(KINDS)}", field="kind", value=kind)
    KINDS[kind].check(engine, params)
    with unit_of_work(engine) as uow:
        return uow.jobs.add(kind, actor, params, _now())


def job(engine: Engine, job_id: int) -> StoredJob:
    """One job."""
    with read_only(engine) as uow:
        return uow.jobs.get(job_id)


def jobs(engine: Engine, limit: int = 100) -> list[StoredJob]:
    """The newest jobs first."""
    with read_only(engine) as uow:
        return uow.jobs.jobs(limit)


def recover(engine: Engine) -> int:
    """At start-up: jobs left running by a previous server failed; returns how many."""
    with unit_of_work(engine) as uow:
        return uow.jobs.fail_running(INTERRUPTED, _now())


def _reporter(engine: Engine, job_id: int) -> Report:
    def report(progress: float, line: str) -> None:
        with unit_of_work(engine) as uow:
            uow.jobs.report(job_id, progress, f"{_now():%H:%M:%S} {line}")

    return report


def run_next(engine: Engine) -> StoredJob | None:
    """Claim and run the oldest queued job; returns it as it ended, or None if none waited."""
    with unit_of_work(engine) as uow:
        claimed = uow.jobs.claim(_now())
    if claimed is None:
        return None
    try:
        result = KINDS[claimed.kind].run(
            engine, claimed.params, claimed.actor, _reporter(engine, claimed.id)
        )
    except CorridorError as err:
        _fail(engine, claimed.id, str(err))
    except Exception:  # a bug: the log keeps the trace, the job page a plain message
        log.exception("job %s (%s) failed", claimed.id, claimed.kind)
        _fail(engine, claimed.id, "internal error (see the server log)")
    else:
        with unit_of_work(engine) as uow:
            uow.jobs.finish(claimed.id, result, _now())
    return job(engine, claimed.id)


def _fail(engine: Engine, job_id: int, error: str) -> None:
    with unit_of_work(engine) as uow:
        uow.jobs.fail(job_id, error, _now())


class Workers:
    """A few threads that run queued jobs until stopped (one is enough on SQLite)."""

    def __init__(self, engine: Engine, count: int = 1, poll_seconds: float = 0.5) -> None:
        self.engine = engine
        self.poll_seconds = poll_seconds
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._loop, name=f"corridor-job-{i}", daemon=True)
            for i in range(count)
        ]

    def start(self) -> None:
        """Start the threads."""
        for thread in self.threads:
            thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the threads to stop after their current job and wait for them."""
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout)

    def _loop(self) -> None:
        while not self.stopping.is_set():
            try:
                ran = run_next(self.engine)
            except Exception:  # the database went away for a moment: keep serving
                log.exception("job worker could not claim a job")
                ran = None
            if ran is None:
                self.stopping.wait(self.poll_seconds)
