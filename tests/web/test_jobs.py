"""Background jobs on a real database: queue, run, fail, survive a restart, show a page."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi import FastAPI

from corridor.exc import InvalidInput, NotFound
from corridor.services import jobs
from corridor.settings import Settings
from corridor.web.app import create_app
from tests.web.conftest import MISSION, SECRET, TestClient, client, sign_in


def test_a_failed_job_keeps_its_error_and_its_page_shows_it(
    app: FastAPI, browsers: dict[str, TestClient]
) -> None:
    engine = app.state.engine
    job = jobs.submit(engine, "screen_mission", {"mission": MISSION}, "test")
    # a job whose mission is unknown by the time it runs (queued below the service's check)
    from corridor.store.db import session_factory, transaction
    from corridor.store.jobs import JobStore

    with transaction(session_factory(engine)) as session:
        bad = JobStore(session).add("screen_mission", "test", {"mission": "gone"}, job.created_at)
    ran = [jobs.run_next(engine), jobs.run_next(engine)]
    assert [j.state for j in ran if j is not None] == ["done", "failed"]
    failed = jobs.job(engine, bad.id)
    assert failed.error is not None and "gone" in failed.error
    page = browsers["viewer"].get(f"/jobs/{bad.id}").text
    assert "failed" in page and "gone" in page and 'http-equiv="refresh"' not in page


def test_unknown_kinds_and_missions_are_refused_before_queueing(app: FastAPI) -> None:
    with pytest.raises(InvalidInput, match="unknown job kind"):
        jobs.submit(app.state.engine, "mine_bitcoin", {}, "test")
    with pytest.raises(NotFound):
        jobs.submit(app.state.engine, "screen_mission", {"mission": "nowhere"}, "test")


def test_a_restart_fails_interrupted_jobs(db_path: Path) -> None:
    from corridor.store.db import session_factory, transaction
    from corridor.store.jobs import JobStore

    app = create_app(Settings(db=str(db_path)), workers=0, secret=SECRET)
    engine = app.state.engine
    job = jobs.submit(engine, "screen_mission", {"mission": MISSION}, "test")
    with transaction(session_factory(engine)) as session:
        claimed = JobStore(session).claim(job.created_at)  # a worker took it, then died
    assert claimed is not None and claimed.id == job.id
    with client(app) as c:  # lifespan: the new server starts
        c.get("/login")
    after = jobs.job(engine, job.id)
    assert after.state == "failed" and after.error == jobs.INTERRUPTED
    engine.dispose()


def test_the_servers_workers_run_a_job_the_page_follows(db_path: Path) -> None:
    app = create_app(Settings(db=str(db_path)), workers=1, secret=SECRET)
    with client(app) as c:
        assert sign_in(c, "organiser") == 303
        page = c.get(f"/missions/{MISSION}").text
        from tests.web.conftest import form_token

        r = c.post(f"/missions/{MISSION}/screen", data={"csrf_token": form_token(page, "screen")})
        assert r.status_code == 303
        url = r.headers["location"]
        first = c.get(url).text
        assert 'http-equiv="refresh"' in first  # queued or running: the page reloads itself
        deadline = time.monotonic() + 60
        while "state-done" not in c.get(url).text and time.monotonic() < deadline:
            time.sleep(0.5)
        done = c.get(url).text
        assert "state-done" in done and "screened 82 organisations" in done
        assert 'http-equiv="refresh"' not in done
    app.state.engine.dispose()
