"""``lists update`` against a misbehaving server on 127.0.0.1: truncated bodies, bad or
huge Content-Length, endless bodies and a stub list — each a clear error, nothing loaded,
no partial file left under the real name."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.core.limits import Limits
from corridor.services.download import DownloadFailed, update_lists
from corridor.services.lists import ListRefused, load_lists
from corridor.services.screening import active_versions
from tests.conftest import FIXTURES

LISTS = FIXTURES / "lists"
NOW = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
DPL = (LISTS / "bis_dpl" / "dpl.txt").read_bytes()
UN = (LISTS / "un_sc" / "consolidated.xml").read_bytes()


def _one_entry_un() -> bytes:
    """The UN fixture with one individual left (a mirror's stub)."""
    text = UN.decode()
    start = text.index("<INDIVIDUAL>", text.index("</INDIVIDUAL>"))
    end = text.index("</ENTITIES>") + len("</ENTITIES>")
    return (text[:start] + "</INDIVIDUALS><ENTITIES></ENTITIES>" + text[end:]).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    """``/<mode>/<source>/<file>``: how the server misbehaves is the first segment."""

    def do_GET(self) -> None:
        mode = self.path.split("/")[1]
        body = _one_entry_un() if mode == "stub" else DPL
        self.send_response(200)
        if mode == "truncated":
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
        elif mode == "badlength":
            self.send_header("Content-Length", "abc")
            self.end_headers()
            self.wfile.write(body)
        elif mode == "huge":
            self.send_header("Content-Length", str(600 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(body)
        elif mode == "endless":  # no length, more than the cap
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x" * 16_384)
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _files(dest: Path) -> list[str]:
    return sorted(p.name for p in dest.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("truncated", "incomplete download"),
        ("badlength", r"Content-Length 'abc' is not a number"),
        ("huge", r"is 629145600 bytes, over the limit of 262144"),
        ("endless", r"sent more than 262144 bytes"),
    ],
)
def test_bad_downloads_fail_clearly_and_leave_nothing(
    sqlite_engine: Engine, tmp_path: Path, server: str, mode: str, message: str
) -> None:
    dest = tmp_path / "dl"
    with pytest.raises(DownloadFailed, match=message):
        update_lists(
            sqlite_engine,
            dest,
            ["bis_dpl"],
            base_url=f"{server}/{mode}",
            timeout=5,
            now=NOW,
            limits=Limits(download_bytes=256 * 1024),
        )
    assert _files(dest) == []  # no dpl.txt, no .part left behind
    assert active_versions(sqlite_engine) == []


def test_a_good_download_is_renamed_into_place_and_loaded(
    sqlite_engine: Engine, tmp_path: Path, server: str
) -> None:
    results = update_lists(
        sqlite_engine, tmp_path / "dl", ["bis_dpl"], base_url=f"{server}/ok", timeout=5, now=NOW
    )
    assert results[0].version is not None and results[0].version.entries == 3
    assert _files(tmp_path / "dl") == ["dpl.txt"]


def test_a_mirror_serving_a_one_entry_un_file_is_refused(
    sqlite_engine: Engine, tmp_path: Path, server: str
) -> None:
    load_lists(sqlite_engine, [LISTS / "un_sc" / "consolidated.xml"], now=NOW)
    with pytest.raises(ListRefused, match=r"shrink from 4 to 1 entries"):
        update_lists(
            sqlite_engine, tmp_path / "dl", ["un_sc"], base_url=f"{server}/stub", timeout=5, now=NOW
        )
    assert [(v.source, v.entries) for v in active_versions(sqlite_engine)] == [("un_sc", 4)]
