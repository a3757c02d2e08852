"""The console served for real and walked in Debian's chromium (pytest-playwright).

``serving`` runs the app under uvicorn in a thread, as ``corridor serve`` does;
``Walk`` is one person's session in a browser tab: it signs in, numbers the
screenshots it saves under out/screenshots/, and fails the step at which the
browser first reports a console error or an uncaught page error (a CSP violation
is one), so a broken page is caught where it happens rather than at the end.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn
from fastapi import FastAPI

from corridor.settings import Settings
from corridor.web.app import create_app
from tests.web.conftest import PASSWORD, SECRET, email

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"

MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]
"""The marks of every browser test module (``pytestmark = MARKS``)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """``app`` under uvicorn on a free loopback port, for the length of a ``with``."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=_free_port(), server_header=False, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        running.should_exit = True
        thread.join(10)


@contextmanager
def served(db_path: Path, search_index: Path, smtp_port: int | None = None) -> Iterator[str]:
    """The console over ``db_path`` with its job workers, served as ``corridor serve``
    does (e-mailing through the local SMTP server on ``smtp_port`` when given)."""
    mail = {} if smtp_port is None else {"smtp_host": "127.0.0.1", "smtp_port": smtp_port}
    settings = Settings(
        db=str(db_path), search_index=search_index, out=db_path.parent / "out", **mail
    )
    app = create_app(settings, secret=SECRET)
    try:
        with serving(app) as url:
            yield url
    finally:
        app.state.engine.dispose()


class Walk:
    """One person's walk through the console in a browser tab."""

    def __init__(self, page: Page, server: str, name: str) -> None:
        self.page, self.server, self.name = page, server, name
        self.errors: list[str] = []
        self.shots: list[Path] = []
        self.refusals: list[str] = []
        self.allowed: int | None = None
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        refused = f"the server responded with a status of {self.allowed} "
        if self.allowed is not None and refused in message.text:
            self.refusals.append(message.text)
        else:
            self.errors.append(message.text)

    @contextmanager
    def refused(self, status: int) -> Iterator[None]:
        """Within the block the server answers ``status`` on purpose (a rejected upload,
        a forbidden page); chromium logs each such answer as a console error, which
        is then expected — at least one must come — rather than a failure."""
        self.allowed, seen = status, len(self.refusals)
        try:
            yield
        finally:
            self.allowed = None
        assert len(self.refusals) > seen, f"the server never answered {status}"

    def url(self, path: str) -> str:
        """The absolute address of a console path."""
        return self.server + path

    def go(self, path: str) -> None:
        """Open a console path."""
        self.page.goto(self.url(path))

    def sign_in(self, account: str) -> None:
        """Sign in through the form as a test account (``email(account)``)."""
        self.go("/login")
        self.page.fill("input[name=email]", email(account))
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(re.compile(r"/missions"))

    def csrf(self) -> str:
        """The page's CSRF token (every signed-in page has one, in the sign-out form)."""
        return self.page.locator("input[name=csrf_token]").first.get_attribute("value") or ""

    def shot(self, step: str) -> Path:
        """Check the console is clean so far, then save a full-page screenshot."""
        assert self.errors == [], f"browser console errors before {step!r}: {self.errors}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{self.name}-{len(self.shots) + 1:02d}-{step}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.shots.append(path)
        return path
