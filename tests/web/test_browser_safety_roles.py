"""Delegation safety as each role meets it, in a real browser: the admin reaches the
feeds page from the main menu, adds a recorded CAP feed served from 127.0.0.1 and polls
it twice (200, then 304); the organiser's duty view lists the alert and exactly the
delegates at the venue that day; the compliance officer and the viewer are offered no
Safety tab and are refused the duty view; a delegate at the venue reads the alert in the
portal in English, Korean and Chinese. Screenshots go to out/screenshots/safety-*.png.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import pytest

from corridor.core.safety import Whereabouts
from corridor.safety.places import resolve
from corridor.services import invitations, safety
from corridor.services.database import open_database
from tests.web.conftest import MISSION
from tests.web.live import MARKS, Walk, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = MARKS
FIX = Path(__file__).parents[1] / "safety" / "fixtures" / "shanghai"
DAY = date(2003, 6, 18)  # scenario: the day of the recorded CAP message (fixtures/README.md)
ETAG = '"alert-1"'
# Real delegates of the demo mission; their whereabouts are scenario data.
AT_VENUE = ("p-kr-samsung-electronics-1", "p-cn-deepseek-1")
ELSEWHERE = "p-kr-samsung-electronics-3"
SENDER = "TAKE COVER IN A SUBSTANTIAL SHELTER"  # in the recorded message's instruction


class Feed(BaseHTTPRequestHandler):
    """Serves the recorded Shanghai CAP alert; answers 304 to its own ETag."""

    hits: ClassVar[list[str | None]] = []

    def do_GET(self) -> None:
        asked = self.headers.get("If-None-Match")
        self.hits.append(asked)
        body = b"" if asked == ETAG else (FIX / "alert.xml").read_bytes()
        self.send_response(304 if asked == ETAG else 200)
        self.send_header("ETag", ETAG)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def feed() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/cap/shanghai.xml"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server(db_path: Path, search_index: Path) -> Iterator[str]:
    """The app served over a database where two delegates are at the Shanghai venue on
    the alert's day and a third is in Beijing."""
    engine = open_database(str(db_path))
    venue, beijing = resolve("Shanghai", country="CN"), resolve("Beijing", country="CN")
    where = [Whereabouts(MISSION, k, DAY, "venue", venue) for k in AT_VENUE]
    where.append(Whereabouts(MISSION, ELSEWHERE, DAY, "visit", beijing))
    safety.set_whereabouts(engine, MISSION, where)
    engine.dispose()
    with served(db_path, search_index) as url:
        yield url


def _poll(w: Walk) -> None:
    w.page.click("#poll-now")
    w.page.wait_for_url(w.url("/safety/feeds"))


def test_each_role_meets_safety_as_its_rights_allow(
    browser: Browser, server: str, feed: str, db_path: Path
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(locale="en-GB")
    admin = Walk(context.new_page(), server, "safety-admin-en")
    admin.sign_in("admin")
    admin.page.click("#nav-feeds")
    expect(admin.page.locator("h1")).to_have_text("Safety feeds")
    admin.page.fill("#add-feed input[name=url]", feed)
    admin.page.select_option("#add-feed select[name=kind]", "cap")
    admin.page.click("#add-feed button[type=submit]")
    expect(admin.page.locator("#feeds")).to_contain_text(feed)
    _poll(admin)
    _poll(admin)
    statuses = admin.page.locator("#polls tbody tr td:nth-child(3)").all_inner_texts()
    assert statuses == ["304", "200"]  # newest first
    assert Feed.hits == [None, ETAG]
    expect(admin.page.locator("#alerts")).to_contain_text("in effect")
    admin.shot("feeds")
    admin.go("/safety/feeds?lang=zh")
    expect(admin.page.locator("#alerts tbody td").nth(2)).to_have_text("警告")
    expect(admin.page.locator("#alerts tbody td").nth(3)).to_have_text("生效中")
    admin.shot("feeds-zh")
    admin.go(f"/missions/{MISSION}")
    assert admin.page.locator("#mission-nav a", has_text="Safety").count() == 0
    context.close()

    context = browser.new_context(locale="en-GB")
    organiser = Walk(context.new_page(), server, "safety-organiser-en")
    organiser.sign_in("organiser")
    assert organiser.page.locator("#nav-feeds").count() == 0
    organiser.go(f"/missions/{MISSION}")
    organiser.page.click("#mission-nav a:text-is('Safety')")
    alerts = organiser.page.locator("#open-alerts")
    expect(alerts.locator("h3")).to_have_count(1)
    told = alerts.locator("li").all_inner_texts()
    assert len(told) == len(AT_VENUE) and all(DAY.isoformat() in t for t in told)
    assert all("Beijing" not in t for t in told)
    organiser.shot("duty-alert")
    for lang, level in (("ko", "경고"), ("zh", "警告")):
        organiser.go(f"/missions/{MISSION}/safety?lang={lang}")
        expect(alerts.locator("h3 .badge")).to_have_text(level)
        organiser.shot(f"duty-alert-{lang}")
    context.close()

    for role in ("compliance", "viewer"):
        context = browser.new_context(locale="en-GB")
        w = Walk(context.new_page(), server, f"safety-{role}-en")
        w.sign_in(role)
        w.go(f"/missions/{MISSION}")
        expect(w.page.locator("#mission-nav")).to_be_visible()
        assert w.page.locator("#mission-nav a", has_text="Safety").count() == 0
        assert w.page.locator("#nav-feeds").count() == 0
        w.shot("mission")
        with w.refused(403):
            w.go(f"/missions/{MISSION}/safety")
        assert w.page.locator("#open-alerts").count() == 0
        w.shot("duty-refused")
        context.close()

    engine = open_database(str(db_path))
    issued = invitations.invite(
        engine,
        MISSION,
        actor="test",
        person_key=AT_VENUE[0],
        org_key="kr-samsung-electronics",
        email="lee@example.org",
    )
    engine.dispose()
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    delegate = Walk(context.new_page(), server, "safety-delegate")
    delegate.go(f"/invite/{issued.token}")
    delegate.page.click("#enter")
    for lang, level in (("en", "Warning"), ("ko", "경고"), ("zh", "警告")):
        delegate.go(f"/portal/safety?lang={lang}")
        card = delegate.page.locator("#alert-1")
        expect(card).to_contain_text(level)
        expect(card).to_contain_text(SENDER)  # the sender's words, quoted untranslated
        delegate.shot(f"portal-{lang}")
    context.close()
