"""Long work as jobs through the API: every document of a mission in one ZIP, and
rebuilding the legal search index."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from corridor.services import jobs, users
from corridor.settings import Settings
from corridor.web.app import create_app
from tests.web.conftest import MISSION, SECRET, client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def run(app: FastAPI, job_id: int) -> None:
    while (ran := jobs.run_next(app.state.engine)) is not None and ran.id != job_id:
        pass
    assert ran is not None and ran.state == "done", ran


def test_documents_render_as_a_job_and_download_as_one_zip(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    path = f"/api/v1/missions/{MISSION}/documents"
    with client(app) as c:
        assert c.post(path, headers=bearer(tokens["viewer"])).status_code == 403
        assert (
            c.post(path, json={"pdf": "perhaps"}, headers=bearer(tokens["organiser"])).json()[
                "detail"
            ][0]["field"]
            == "pdf"
        )
        queued = c.post(path, json={"pdf": False}, headers=bearer(tokens["organiser"]))
        assert queued.status_code == 202 and queued.json()["kind"] == "render_documents"
        job_id = queued.json()["id"]
        early = c.get(f"/api/v1/jobs/{job_id}/download", headers=bearer(tokens["viewer"]))
        assert early.status_code == 404  # not rendered yet
        run(app, job_id)
        done = c.get(f"/api/v1/jobs/{job_id}", headers=bearer(tokens["viewer"])).json()
        assert done["result"]["files"] > 100 and "/" not in done["result"]["download"]
        got = c.get(f"/api/v1/jobs/{job_id}/download", headers=bearer(tokens["viewer"]))
        assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
        names = zipfile.ZipFile(io.BytesIO(got.content)).namelist()
        assert len(names) == done["result"]["files"]
        assert any(n.startswith("agendas/") and n.endswith(".ics") for n in names)
        assert any(n.startswith("dossiers/") for n in names) and "plan.html" in names
        refused = c.get(f"/api/v1/jobs/{job_id}/download", headers=bearer(tokens["admin"]))
        assert refused.status_code == 403
        shown = c.get(f"/jobs/{job_id}", headers=bearer(tokens["organiser"]))
        assert shown.status_code == 200 and f'href="/jobs/{job_id}/download"' in shown.text
        page = c.get(f"/jobs/{job_id}/download", headers=bearer(tokens["organiser"]))
        assert page.status_code == 200 and page.content == got.content
        missing = c.post("/api/v1/missions/nowhere/documents", headers=bearer(tokens["organiser"]))
        assert missing.status_code == 404  # refused before it is queued


def test_a_job_of_another_kind_has_nothing_to_download(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    screening = jobs.submit(app.state.engine, "screen_mission", {"mission": MISSION}, "test")
    with client(app) as c:
        r = c.get(f"/api/v1/jobs/{screening.id}/download", headers=bearer(tokens["organiser"]))
    assert r.status_code == 404 and "archive" in r.json()["detail"]


@pytest.fixture()
def own_index_app(db_path: Path, tmp_path: Path) -> Iterator[FastAPI]:
    """An app whose search index folder is its own (the module's index stays as it is)."""
    db = tmp_path / "copy.db"
    shutil.copyfile(db_path, db)
    settings = Settings(db=str(db), search_index=tmp_path / "index", out=tmp_path / "out")
    app = create_app(settings, workers=0, secret=SECRET)
    yield app
    app.state.engine.dispose()


def test_an_admin_rebuilds_the_search_index_as_a_job(own_index_app: FastAPI) -> None:
    app = own_index_app
    _, admin = users.create_token(app.state.engine, ["admin"], name="test")
    _, organiser = users.create_token(app.state.engine, ["organiser"], name="test")
    with client(app) as c:
        question = {"q": "personal information export"}
        before = c.get("/api/v1/search", params=question, headers=bearer(organiser))
        assert before.status_code == 404  # no index yet
        assert c.post("/api/v1/search/index", headers=bearer(organiser)).status_code == 403
        queued = c.post("/api/v1/search/index", headers=bearer(admin))
        assert queued.status_code == 202 and queued.json()["kind"] == "build_search_index"
        run(app, queued.json()["id"])
        after = c.get("/api/v1/search", params=question, headers=bearer(organiser))
        assert after.status_code == 200 and after.json()["count"] > 0
        result = c.get(f"/api/v1/jobs/{queued.json()['id']}", headers=bearer(admin)).json()
        assert result["result"]["documents"] > 0 and result["result"]["chunks"] > 0
        page = c.get(f"/jobs/{queued.json()['id']}", headers=bearer(admin))
        assert page.status_code == 200 and "Passages indexed" in page.text


def test_an_index_folder_holding_other_files_is_refused_before_queueing(
    own_index_app: FastAPI, tmp_path: Path
) -> None:
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "notes.txt").write_text("someone's notes", encoding="utf-8")
    _, admin = users.create_token(own_index_app.state.engine, ["admin"], name="test")
    with client(own_index_app) as c:
        r = c.post("/api/v1/search/index", headers=bearer(admin))
    assert r.status_code == 422 and (tmp_path / "index" / "notes.txt").exists()
    assert all(j.kind != "build_search_index" for j in jobs.jobs(own_index_app.state.engine))
