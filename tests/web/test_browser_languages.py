"""The dashboard, the recommendations and a dossier seen in Korean and Chinese in a
real browser; the screenshots under out/screenshots/ are for a person to read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from fastapi import FastAPI

from tests.web.conftest import MISSION
from tests.web.live import MARKS, Walk, serving

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = MARKS

EXPECTED = {
    "ko": ("심사 대기열 열기", "추천 파트너", "이 미팅을 하는 이유"),
    "zh": ("打开审查队列", "推荐合作伙伴", "会谈理由"),
}


@pytest.fixture(scope="module")
def server(app: FastAPI) -> Iterator[str]:
    with serving(app) as address:
        yield address


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_pages_in_a_language(server: str, page: Page, lang: str) -> None:
    w = Walk(page, server, f"lang-{lang}")
    w.sign_in("organiser")
    dashboard, matches, dossier = EXPECTED[lang]
    w.go(f"/missions/{MISSION}?lang={lang}")
    assert dashboard in page.content()
    w.shot("dashboard")
    w.go(f"/missions/{MISSION}/matches?org=kr-rainbow-robotics")
    assert matches in page.content()
    w.shot("matches")
    w.go(f"/missions/{MISSION}/schedule")
    page.locator("a[href*='/dossiers/']").first.click()
    page.wait_for_url("**/dossiers/**")
    assert dossier in page.content()
    w.shot("dossier")
    w.go("/missions?lang=en")
