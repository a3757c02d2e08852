"""Matching, schedule, replanning, agendas and legal search in a real browser.

An organiser accepts recommendations, solves the schedule as a job and watches it
finish, reads the plan, replans after a cancellation and publishes, opens an agenda
and downloads its ICS and PDF, and searches the law; a viewer sees none of the
buttons and is refused when posting anyway. Screenshots go to out/screenshots/;
any console error (a CSP violation is one) fails the test.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
import uvicorn

from corridor.settings import Settings
from corridor.web.app import create_app
from tests.web.conftest import MISSION, PASSWORD, SECRET, email
from tests.web.test_browser import CHROMIUM, SHOTS, _free_port

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]
ORG = "kr-samsung-electronics"


@pytest.fixture(scope="module")
def server(db_path: Path, search_index: Path) -> Iterator[str]:
    """The app with job workers and the test search index, served by uvicorn."""
    app = create_app(Settings(db=str(db_path), search_index=search_index), secret=SECRET)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
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


@pytest.fixture()
def browser_page(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        context = browser.new_context(
            viewport={"width": 1360, "height": 900}, locale="en-GB", accept_downloads=True
        )
        tab = context.new_page()
        problems: list[str] = []
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: problems.append(str(e)))
        tab.problems = problems  # type: ignore[attr-defined]
        yield tab
        browser.close()


def sign_in(page: object, server: str, role: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(f"{server}/login")
    page.fill("input[name=email]", email(role))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/missions|/$"))


def shot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"schedule-{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_organiser_matches_solves_replans_publishes_and_searches(
    server: str, browser_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page = browser_page
    assert isinstance(page, Page)
    sign_in(page, server, "organiser")
    page.goto(f"{server}/missions/{MISSION}/matches?org={ORG}")
    expect(page.locator("#recs tbody tr").first).to_be_visible()
    shot(page, "matches")
    page.click("#accept")
    expect(page.locator(".notice")).to_contain_text("Accepted")

    page.goto(f"{server}/missions/{MISSION}/schedule")
    page.click("#solve")
    page.wait_for_url(re.compile(r"/jobs/\d+"))
    expect(page.locator("#job-state")).to_have_text("done", timeout=90_000)
    shot(page, "job")
    page.goto(f"{server}/missions/{MISSION}/schedule")
    cells = page.locator("#plan .meeting")
    assert cells.count() > 10
    expect(page.locator("#roster tbody tr").first).to_be_visible()
    shot(page, "plan")

    first = page.locator("#plan .meeting a").first.inner_text()
    cancelled = ORG
    page.fill("#replan textarea[name=cancel]", cancelled)
    page.click("#replan button[type=submit]")
    page.wait_for_url(re.compile(r"/schedule/\d+/changes"), timeout=90_000)
    expect(page.locator(".changes-dropped tbody tr").first).to_be_visible()
    shot(page, "replan")
    page.click("#publish")
    page.wait_for_url(re.compile(r"/schedule$"))
    expect(page.locator("#schedules tbody tr").first).to_contain_text("published")
    assert first != ""

    other = "cn-byd"
    page.goto(f"{server}/missions/{MISSION}/agenda/{other}")
    rows = page.locator("#agenda tbody tr").count()
    shot(page, "agenda")
    with page.expect_download() as ics_info:
        page.click("#dl-ics")
    ics = Path(ics_info.value.path()).read_bytes()
    assert len(icalendar.Calendar.from_ical(ics).walk("VEVENT")) == rows > 0
    with page.expect_download() as pdf_info:
        page.click("#dl-pdf")
    assert Path(pdf_info.value.path()).read_bytes().startswith(b"%PDF")

    page.locator("#agenda a", has_text="dossier").first.click()
    expect(page.locator("article.dossier")).to_be_visible()
    shot(page, "dossier")

    page.goto(f"{server}/search")
    page.fill("input[name=q]", "cross-border transfer of personal data")
    page.click("#search button[type=submit]")
    expect(page.locator("#results li").first).to_be_visible()
    assert "/data/legal" not in page.locator("#results").inner_text()
    shot(page, "search")
    page.locator("#results a.title").first.click()
    expect(page.locator(".article-text p").first).to_be_visible()
    shot(page, "article")
    assert page.problems == []  # type: ignore[attr-defined]


def test_viewer_sees_no_plan_buttons_and_is_refused(server: str, browser_page: object) -> None:
    from playwright.sync_api import Page, expect

    page = browser_page
    assert isinstance(page, Page)
    sign_in(page, server, "viewer")
    page.goto(f"{server}/missions/{MISSION}/schedule")
    expect(page.locator("#plan")).to_be_visible()
    for absent in ("#solve", "#replan"):
        assert page.locator(absent).count() == 0
    shot(page, "viewer")
    page.goto(f"{server}/missions/{MISSION}/matches?org={ORG}")
    expect(page.locator("#recs")).to_be_visible()
    assert page.locator("#accept").count() == 0
    csrf = page.locator("input[name=csrf_token]").first.get_attribute("value") or ""
    for path in ("schedule/solve", "schedule/replan", "schedule/1/publish", "matches/accept"):
        r = page.request.post(f"{server}/missions/{MISSION}/{path}", form={"csrf_token": csrf})
        assert r.status == 403, path
