"""Feeds served from 127.0.0.1: conditional GET, poll records, the Shanghai venue test,
Update and Cancel, e-mails in Korean and Chinese, and hostile answers refused."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import Engine

from corridor.services import safety
from corridor.services.mailer import Smtp
from corridor.services.safety_letters import deliver
from tests.safety.scenario import AT_VENUE, DAY, ELSEWHERE, LEFT, seed
from tests.web.smtp import Inbox, body_of, smtp_server

FIX = Path(__file__).parent / "fixtures"
HOSTILE = Path(__file__).parents[1] / "hostile"
BUNDLED = Path(__file__).parents[2] / "src" / "corridor" / "bundled" / "shanghai-2026"
NOW = datetime(2003, 6, 17, 22, 0, tzinfo=UTC)
ETAG = '"v1"'


class Feeds(BaseHTTPRequestHandler):
    """Serves recorded files; answers 304 when the client already has the ETag."""

    routes: ClassVar[dict[str, bytes]] = {}
    hits: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        self.hits.append((self.path, self.headers.get("If-None-Match")))
        if self.path == "/redirect":
            self._head(302, {"Location": "file:///etc/passwd"})
        elif self.path == "/huge":
            self._huge()
        elif self.headers.get("If-None-Match") == ETAG:
            self._head(304, {"ETag": ETAG})
        else:
            body = self.routes[self.path]
            self._head(200, {"ETag": ETAG, "Content-Length": str(len(body))})
            self.wfile.write(body)

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 200:
            self.send_header("Content-Length", "0")
        self.end_headers()

    def _huge(self) -> None:  # 50 MB, streamed
        self._head(200, {"Content-Length": str(50 * 1024 * 1024)})
        chunk = b"<" * (1024 * 1024)
        try:
            for _ in range(50):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    Feeds.routes = {
        "/alert.xml": (FIX / "shanghai" / "alert.xml").read_bytes(),
        "/update.xml": (FIX / "shanghai" / "update.xml").read_bytes(),
        "/cancel.xml": (FIX / "shanghai" / "cancel.xml").read_bytes(),
        "/mofa.json": (FIX / "mofa_travel_alarm_vn.json").read_bytes(),
        "/malformed.xml": (HOSTILE / "safety" / "cut-off-cap.xml").read_bytes(),
        "/bomb.xml": (HOSTILE / "lists" / "un_billion_laughs.xml").read_bytes(),
    }
    Feeds.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Feeds)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _send(inbox: Inbox):  # type: ignore[no-untyped-def]
    smtp = Smtp("127.0.0.1", inbox.port)
    return lambda engine, notices: deliver(engine, notices, smtp=smtp)


def test_two_polls_the_second_answered_304(engine: Engine, server: str) -> None:
    feed = safety.add_feed(engine, f"{server}/alert.xml", "cap", actor="admin", now=NOW)
    first = safety.poll(engine, feed.id, now=NOW)
    second = safety.poll(engine, feed.id, now=NOW)
    assert (first.poll.status, first.poll.alerts, first.poll.bytes > 1000) == (200, 1, True)
    assert (second.poll.status, second.poll.alerts, second.poll.bytes) == (304, 0, 0)
    assert [h[1] for h in Feeds.hits] == [None, ETAG]
    assert [p.status for p in safety.polls(engine, feed.id)] == [200, 304]
    assert safety.feeds(engine)[0].etag == ETAG


def test_the_alert_reaches_exactly_the_delegates_at_the_venue_then_update_and_cancel(
    engine: Engine, server: str, tmp_path: Path
) -> None:
    seed(tmp_path, engine)
    urls = [f"{server}/{n}.xml" for n in ("alert", "update", "cancel")]
    ids = [safety.add_feed(engine, u, "cap", actor="admin", now=NOW).id for u in urls]
    with smtp_server() as inbox:
        send = _send(inbox)
        safety.poll(engine, ids[0], now=NOW)
        told = safety.notify(engine, now=NOW, send=send)
        assert sorted(n.person_key for n in told) == sorted(AT_VENUE)
        assert all(n.emailed and n.day == DAY for n in told)
        assert sorted(str(m["To"]) for m in inbox.messages) == sorted(AT_VENUE.values())
        ko = next(m for m in inbox.messages if m["To"] == "lee@example.org")
        zh = next(m for m in inbox.messages if m["To"] == "liang@example.org")
        assert (ko["Content-Language"], zh["Content-Language"]) == ("ko", "zh")
        assert "안전 경보" in str(ko["Subject"]) and "安全警报" in str(zh["Subject"])
        assert "경고" in body_of(ko) and "警告" in body_of(zh)
        # No Korean or Chinese block from the sender: its words are quoted, marked as such.
        assert "TAKE COVER IN A SUBSTANTIAL SHELTER" in body_of(ko)
        assert "번역하지 않은" in body_of(ko) and "未经翻译" in body_of(zh)

        # A repeat changes nothing and tells no one again.
        safety.poll(engine, ids[0], now=NOW)
        assert safety.notify(engine, now=NOW, send=send) == []

        # The Update (TriNet's report, urgency Past: Corridor's level "info") goes to
        # those told of the alert it replaces — and to no one new, although its open
        # window also covers the delegate who was at the venue on the 17th.
        safety.poll(engine, ids[1], now=NOW)
        updated = safety.notify(engine, now=NOW, send=send)
        assert sorted(n.person_key for n in updated) == sorted(AT_VENUE)
        assert [a.state for a in safety.alerts(engine)] == ["superseded", "open"]
        ko_update = [m for m in inbox.messages if m["To"] == "lee@example.org"][-1]
        assert "갱신" in str(ko_update["Subject"]) and "EQ 3.4" in body_of(ko_update)

        safety.poll(engine, ids[2], now=NOW)
        withdrawn = safety.notify(engine, now=NOW, send=send)
        assert sorted(n.person_key for n in withdrawn) == sorted(AT_VENUE)
        states = [a.state for a in safety.alerts(engine)]
        assert states == ["withdrawn", "withdrawn", "cancel"]
        assert safety.notify(engine, now=NOW, send=send) == []
        assert len(inbox.messages) == 3 + 3 + 3
        last_zh = [m for m in inbox.messages if m["To"] == "liang@example.org"][-1]
        assert "撤回" in str(last_zh["Subject"])
    assert {ELSEWHERE, LEFT}.isdisjoint(n.person_key for n in told + updated + withdrawn)


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/malformed.xml", "malformed XML"),
        ("/bomb.xml", "refused XML"),
        ("/huge", "larger than"),
        ("/redirect", "file:///etc/passwd' is not allowed"),
    ],
)
def test_hostile_answers_are_recorded_and_change_nothing_else(
    sqlite_engine: Engine, server: str, path: str, error: str
) -> None:
    good = safety.add_feed(sqlite_engine, f"{server}/alert.xml", "cap", actor="a", now=NOW)
    safety.poll(sqlite_engine, good.id, now=NOW)
    before = (safety.alerts(sqlite_engine), safety.feeds(sqlite_engine))
    bad = safety.add_feed(sqlite_engine, f"{server}{path}", "cap", actor="a", now=NOW)
    result = safety.poll(sqlite_engine, bad.id, now=NOW)
    assert error in result.poll.error and result.poll.alerts == 0
    assert result.poll.bytes <= 5 * 1024 * 1024 + 1
    assert safety.alerts(sqlite_engine) == before[0]
    assert safety.feeds(sqlite_engine)[0] == before[1][0]
    assert safety.feeds(sqlite_engine)[1].etag is None


def test_only_http_urls_and_known_kinds_are_added(sqlite_engine: Engine) -> None:
    from corridor.exc import InvalidInput

    for url, kind in (("file:///etc/passwd", "cap"), ("ftp://x/y", "rss"), ("http://x", "atom")):
        with pytest.raises(InvalidInput):
            safety.add_feed(sqlite_engine, url, kind, actor="a", now=NOW)


def test_location_data_is_purged_30_days_after_the_last_day(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    seed(tmp_path, sqlite_engine)
    assert safety.purge_due(sqlite_engine, "shanghai-2026", today=datetime(2003, 7, 17)) == 0
    assert safety.purge_due(sqlite_engine, "shanghai-2026", today=datetime(2003, 7, 18)) == 5


def test_a_travel_advisory_is_kept_per_country_and_told_by_level(
    sqlite_engine: Engine, server: str, tmp_path: Path
) -> None:
    seed(tmp_path, sqlite_engine)
    feed = safety.add_feed(sqlite_engine, f"{server}/mofa.json", "advisory", actor="a", now=NOW)
    done = safety.poll(sqlite_engine, feed.id, now=NOW)
    assert (done.poll.status, done.new) == (200, ("kr-mofa,VN-1",))
    (stored,) = safety.alerts(sqlite_engine)
    assert (stored.level.value, stored.state) == ("info", "open")
    alert = safety.load_alert(stored)
    assert alert.first.areas[0].geocodes == (("ISO3166-1", "VN"),)
    # Level 1 (여행유의) for Viet Nam: listed, told to no one (and no one is there).
    assert safety.notify(sqlite_engine, now=NOW) == []


def test_the_background_poller_polls_and_tells_until_stopped(
    sqlite_engine: Engine, server: str, tmp_path: Path
) -> None:
    import time

    from corridor.services.safety_poller import Poller

    seed(tmp_path, sqlite_engine)
    safety.add_feed(sqlite_engine, f"{server}/alert.xml", "cap", actor="a", now=NOW)
    safety.add_feed(sqlite_engine, f"{server}/malformed.xml", "cap", actor="a", now=NOW)
    with smtp_server() as inbox:
        poller = Poller(sqlite_engine, 0.2, Smtp("127.0.0.1", inbox.port))
        poller.start()
        deadline = time.monotonic() + 20
        while poller.rounds < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        poller.stop()
    assert poller.rounds >= 3 and not poller.thread.is_alive()
    polls = safety.polls(sqlite_engine)
    assert {p.status for p in polls if p.feed_id == 1} == {200, 304}  # then conditional
    assert all("malformed XML" in p.error for p in polls if p.feed_id == 2)
    assert sorted(str(m["To"]) for m in inbox.messages) == sorted(AT_VENUE.values())
