"""The roll call in a real browser: the organiser starts it on the duty view, the
e-mails arrive at a real SMTP server on 127.0.0.1, one delegate (Korean) answers
"safe" from the e-mailed link on a phone, another (Chinese) answers "need help" with
a note, and the duty view — read in Korean and in Chinese — shows one unanswered,
one safe and one needing help; the consulate's XLSX and PDF list all three.
Screenshots go to out/screenshots/safety-*.png.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl import load_workbook

from corridor.core.safety import Whereabouts
from corridor.safety.places import resolve
from corridor.services import safety
from corridor.services.database import open_database
from corridor.services.uow import unit_of_work
from tests.web.conftest import MISSION
from tests.web.live import MARKS, Walk, served
from tests.web.smtp import Inbox, body_of

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = MARKS
PHONE = {"width": 390, "height": 844}
# Real delegates of the demo mission; their addresses and whereabouts are scenario data.
DELEGATES = {
    "p-kr-samsung-electronics-1": ("lee@example.org", "ko-KR"),  # answers safe
    "p-cn-deepseek-1": ("liang@example.org", "zh-CN"),  # answers need help
    "p-kr-samsung-electronics-2": ("jun@example.org", "ko-KR"),  # does not answer
}
HELP_NOTE = "脚踝扭伤，在酒店休息"


@pytest.fixture(scope="module")
def server(db_path: Path, search_index: Path, inbox: Inbox) -> Iterator[str]:
    """The app served for real over a database where three delegates are in Shanghai
    today (by the server's clock, the day the roll-call form proposes)."""
    engine = open_database(str(db_path))
    with unit_of_work(engine) as uow:
        people = [uow.registry.person(k) for k in DELEGATES]
        uow.registry.upsert_people([replace(p, email=DELEGATES[p.key][0]) for p in people])
    today = datetime.now(UTC).date()
    venue = resolve("Shanghai", country="CN")
    where = [Whereabouts(MISSION, k, today, "venue", venue) for k in DELEGATES]
    safety.set_whereabouts(engine, MISSION, where)
    engine.dispose()
    with served(db_path, search_index, inbox.port) as url:
        yield url


def _link(inbox: Inbox, address: str) -> str:
    message = next(m for m in reversed(inbox.messages) if m["To"] == address)
    found = re.search(r"https?://\S+/safe/\S+", body_of(message))
    assert found is not None
    return found.group()


def _answer(browser: Browser, inbox: Inbox, key: str, button: str, note: str = "") -> None:
    from playwright.sync_api import expect

    address, locale = DELEGATES[key]
    context = browser.new_context(locale=locale, viewport=PHONE)
    w = Walk(context.new_page(), "", f"safety-{locale[:2]}-{button}")
    w.page.goto(_link(inbox, address))
    expect(w.page.locator("html")).to_have_attribute("lang", locale[:2])
    w.shot("link")
    if note:
        w.page.fill("#answer-form input[name=note]", note)
    w.page.click(f"#answer-{button}")
    expect(w.page.locator("#answered")).to_be_visible()
    w.shot("answered")
    context.close()


def _counts(w: Walk) -> tuple[str, str, str]:
    return (
        w.page.locator("#count-unanswered").inner_text(),
        w.page.locator("#count-safe").inner_text(),
        w.page.locator("#count-help").inner_text(),
    )


def test_a_roll_call_from_start_to_the_consulates_export(
    browser: Browser, server: str, inbox: Inbox, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(locale="ko-KR", accept_downloads=True)
    w = Walk(context.new_page(), server, "safety-organiser-ko")
    w.sign_in("organiser")
    w.go(f"/missions/{MISSION}/safety")
    w.shot("duty-before")
    w.page.click("#start-roll-call button[type=submit]")
    expect(w.page.locator("#sent")).to_be_visible()
    assert _counts(w) == ("3", "0", "0")
    sent = [m for m in inbox.messages if "/safe/" in body_of(m)]
    assert sorted(str(m["To"]) for m in sent) == sorted(a for a, _ in DELEGATES.values())
    langs = {str(m["To"]): m["Content-Language"] for m in sent}
    assert (langs["lee@example.org"], langs["liang@example.org"]) == ("ko", "zh")

    _answer(browser, inbox, "p-kr-samsung-electronics-1", "safe")
    _answer(browser, inbox, "p-cn-deepseek-1", "help", HELP_NOTE)

    w.go(f"/missions/{MISSION}/safety")
    assert _counts(w) == ("1", "1", "1")
    assert HELP_NOTE in w.page.locator("#need-help").inner_text()
    assert "Shanghai" in w.page.locator("#unanswered").inner_text()  # last known place
    w.shot("duty-after")

    with w.page.expect_download() as xlsx_download:
        w.page.click("#downloads a[href$='.xlsx?lang=ko']")
    xlsx = tmp_path / "rollcall.xlsx"
    xlsx_download.value.save_as(xlsx)
    book = load_workbook(xlsx)
    rows = {ws.title: [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] for ws in book}
    assert {k: len(v) for k, v in rows.items()} == {"도움 필요": 1, "미응답": 1, "안전": 1}
    assert rows["안전"] == ["이재용"]
    with w.page.expect_download() as pdf_download:
        w.page.click("#downloads a[href$='.pdf?lang=zh']")
    pdf = tmp_path / "rollcall.pdf"
    pdf_download.value.save_as(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "梁文锋" in text and HELP_NOTE in text
    for group in ("需要帮助 (1)", "未回复 (1)", "安全 (1)"):
        assert group in text
    context.close()

    zh = browser.new_context(locale="zh-CN")
    wz = Walk(zh.new_page(), server, "safety-organiser-zh")
    wz.sign_in("organiser")
    wz.go(f"/missions/{MISSION}/safety")
    expect(wz.page.locator("h1")).to_have_text("安全值班视图")
    assert _counts(wz) == ("1", "1", "1")
    wz.shot("duty-after")
    zh.close()
