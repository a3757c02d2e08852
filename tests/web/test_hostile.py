"""Hostile names from tests/hostile/web/ imported into a mission: the console and the
API show them as text, never as markup or template code."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fastapi import FastAPI

from corridor.registry.batch import Source
from corridor.services.imports import import_files
from tests.web.conftest import MISSION, TestClient

CORPUS = Path(__file__).resolve().parents[1] / "hostile" / "web" / "hostile-names.csv"


@pytest.fixture(scope="module")
def hostile(app: FastAPI) -> dict[str, str]:
    """The corpus imported into the demo mission; key → the hostile name."""
    import_files(app.state.engine, [Source("organisations", CORPUS)], mission=MISSION)
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row["name_en"] for row in csv.DictReader(handle)}


def test_the_registry_page_shows_hostile_names_as_text(
    browsers: dict[str, TestClient], hostile: dict[str, str]
) -> None:
    page = browsers["viewer"].get("/orgs", params={"mission": MISSION, "q": "hostile"})
    assert page.status_code == 200
    html = ""
    for number in range(1, 100):  # every page of the mission's registry list
        shown = browsers["viewer"].get("/orgs", params={"mission": MISSION, "page": number})
        html += shown.text
        if 'rel="next"' not in shown.text:
            break
    for name in hostile.values():
        if any(ch in name for ch in '<>"'):
            assert name not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "{{ 7*7 }}" in html and ">49<" not in html  # data is never a template
    assert "<svg onload" not in html


def test_the_dashboard_and_api_survive_them(
    browsers: dict[str, TestClient], hostile: dict[str, str]
) -> None:
    assert browsers["organiser"].get(f"/missions/{MISSION}").status_code == 200
    api = browsers["viewer"].get("/api/v1/organisations", params={"mission": MISSION}).json()
    names = {o["key"]: o["display_name"] for o in api["data"]}
    assert all(names[k] == v for k, v in hostile.items())
