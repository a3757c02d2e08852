"""The console in a real browser: Debian's chromium driven by Playwright.

The server is ``corridor serve``'s uvicorn in a thread on a free port; the test signs
in as an organiser, opens the Shanghai dashboard, checks the charts and the Korean
and Chinese names, saves screenshots under out/screenshots/, and fails on any console
error (a CSP violation is one).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from corridor.settings import Settings
from corridor.web.app import create_app
from tests.web.conftest import MISSION, PASSWORD, SECRET, email

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(db_path: Path) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1, as ``corridor serve`` runs it."""
    app = create_app(Settings(db=str(db_path)), secret=SECRET)
    port = _free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, server_header=False, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)
    app.state.engine.dispose()


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[object]:
    """A chromium page that records console errors and uncaught page errors."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="en-GB")
        tab = context.new_page()
        problems: list[str] = []
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: problems.append(str(e)))
        tab.problems = problems  # type: ignore[attr-defined]
        yield tab
        browser.close()


def test_organiser_signs_in_and_reads_the_dashboard(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{server}/missions/{MISSION}")
    expect(page).to_have_url(f"{server}/login?next=/missions/{MISSION}")
    page.screenshot(path=str(SHOTS / "login.png"))
    page.fill("input[name=email]", email("organiser"))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{server}/missions/{MISSION}")
    assert page.locator("svg.bars").count() >= 2
    assert page.locator("svg.stacked rect").count() >= 1
    assert page.locator("svg.meter").count() == 1
    body = page.inner_text("main")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in body), "no Hangul on the dashboard"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body), "no Hanzi on the dashboard"
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)
    page.click("a.kpi.warn")
    expect(page).to_have_url(f"{server}/orgs?mission={MISSION}&status=review")
    rows = page.locator("tbody tr").count()
    assert rows > 0 and rows == page.locator(".badge.status-review").count()
    page.screenshot(path=str(SHOTS / "orgs-review.png"), full_page=True)
    page.goto(f"{server}/orgs?q=하이크비전")
    assert "Hikvision" in page.inner_text("tbody")
    page.screenshot(path=str(SHOTS / "orgs-search.png"))
    assert page.problems == []  # type: ignore[attr-defined]


def test_screening_runs_as_a_job_in_the_browser(server: str, page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{server}/missions/{MISSION}")
    page.click("text=Screen again")
    expect(page.locator("#job-state")).to_have_text("done", timeout=60_000)
    page.screenshot(path=str(SHOTS / "job.png"), full_page=True)
    page.goto(f"{server}/api/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)
    page.screenshot(path=str(SHOTS / "api-docs.png"))
    assert page.problems == []  # type: ignore[attr-defined]
