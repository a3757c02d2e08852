"""Reading the console in a real browser: the dashboard, the registry, the API docs.

An organiser opens the Shanghai dashboard, checks the charts and the Korean and
Chinese names, follows the "to review" figure to the registry, finds Hikvision by
its Korean name and opens the API documentation (Swagger UI, served by us under the
CSP). The organiser's working day is tests/web/test_browser_day.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.web.conftest import MISSION
from tests.web.live import MARKS, Walk

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = MARKS


def test_organiser_reads_the_dashboard_registry_and_api_docs(server: str, page: Page) -> None:
    from playwright.sync_api import expect

    w = Walk(page, server, "read")
    w.sign_in("organiser")
    w.go(f"/missions/{MISSION}")
    assert page.locator("svg.bars").count() >= 2
    assert page.locator("svg.stacked rect").count() >= 1
    assert page.locator("svg.meter").count() == 1
    body = page.inner_text("main")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in body), "no Hangul on the dashboard"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body), "no Hanzi on the dashboard"
    w.shot("dashboard")
    page.click("a.kpi.warn")
    expect(page).to_have_url(w.url(f"/orgs?mission={MISSION}&status=review"))
    rows = page.locator("tbody tr").count()
    assert rows > 0 and rows == page.locator(".badge.status-review").count()
    w.shot("orgs-review")
    w.go("/orgs?q=하이크비전")
    assert "Hikvision" in page.inner_text("tbody")
    w.shot("orgs-search")
    w.go("/api/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)
    w.shot("api-docs")
    assert w.errors == []
