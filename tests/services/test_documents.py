"""Every document of the published schedule rendered into one archive."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.exc import NotFound
from corridor.services.documents import render_documents
from corridor.services.scheduling import load_mission_data
from corridor.services.search import index_paths
from corridor.store.db import make_engine
from tests.services.demo_db import MISSION, demo_database


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return make_engine(str(demo_database(tmp_path_factory)))


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("index") / "search-index"
    index_paths([], folder, vectors="none")
    return folder


def test_the_archive_holds_every_agenda_and_dossier(
    engine: Engine, index: Path, tmp_path: Path
) -> None:
    steps: list[float] = []
    done = render_documents(
        engine, MISSION, tmp_path / "docs", index, pdf=False, progress=lambda s, _: steps.append(s)
    )
    assert done.archive == tmp_path / "docs.zip" and steps == sorted(steps) and len(steps) >= 3
    with zipfile.ZipFile(done.archive) as packed:
        names = packed.namelist()
        assert packed.testzip() is None
    assert len(names) == done.files
    people = load_mission_data(engine, MISSION).people
    assert {f"agendas/{p.key}.ics" for p in people} <= set(names)
    assert "plan.html" in names
    organiser = [n for n in names if n.startswith("dossiers/") and n.endswith(".organiser.html")]
    assert len(organiser) > 50  # one per published meeting
    assert not (tmp_path / "docs.zip.part").exists()


def test_a_folder_that_exists_is_refused_and_kept(
    engine: Engine, index: Path, tmp_path: Path
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "mine.txt").write_text("not Corridor's", encoding="utf-8")
    with pytest.raises(FileExistsError):
        render_documents(engine, MISSION, tmp_path / "docs", index, pdf=False)
    assert (tmp_path / "docs" / "mine.txt").exists()


def test_no_published_schedule_is_not_found(engine: Engine, index: Path, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        render_documents(engine, "no-such-mission", tmp_path / "docs", index, pdf=False)
    assert not (tmp_path / "docs").exists()
