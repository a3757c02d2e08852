"""Fixtures shared by the service tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.search.index import build
from corridor.search.ingest import read_path
from corridor.services.bundled import bundled


@pytest.fixture(scope="session")
def pipa_pipl_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A search index of two bundled laws: Korea's PIPA and China's PIPL."""
    legal = bundled("legal")
    folder = tmp_path_factory.mktemp("pipa-pipl-index")
    docs = [
        *read_path(legal / "ko" / "key_laws" / "개인정보보호법" / "법률.md"),
        *read_path(legal / "zh" / "key_laws" / "个人信息保护法(2021-08-20).md"),
    ]
    build(docs, folder)
    return folder
