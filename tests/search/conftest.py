"""The bundled laws indexed once per run, with their shipped vectors (as `make demo`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.search.index import Index
from corridor.services.search import index_paths


@pytest.fixture(scope="session")
def bundled_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = tmp_path_factory.mktemp("bundled") / "index"
    index_paths([], built)  # the bundled laws with their shipped vectors
    return built


@pytest.fixture(scope="session")
def bundled_index(bundled_folder: Path) -> Index:
    return Index(bundled_folder)
