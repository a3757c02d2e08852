"""A delegate's journey in a real browser, in Korean and in Chinese.

The organiser invites the delegate on the invitations page; the e-mail arrives at a
real SMTP server on 127.0.0.1 (aiosmtpd); in a phone-sized chromium speaking the
delegate's language, the delegate opens the link from the e-mail, enters the portal,
reads the recommended partners (explained in their language, nothing of screening),
accepts one, reads the agenda and downloads its PDF (the partner's name in Hangul or
Han characters must be in the PDF's text, via pdftotext) and its ICS, then gives
feedback on the first meeting and reports an MOU that came of it (both read back
through the services). Screenshots go to out/screenshots/portal-*.png; a console
error fails the step it happens in.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import icalendar
import pytest
from sqlalchemy import Engine

from corridor.services import outcomes, registry
from corridor.services.database import open_database
from tests.web.conftest import MISSION
from tests.web.live import MARKS, Walk, served
from tests.web.smtp import Inbox, body_of

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = MARKS

JOURNEYS = [
    ("ko", "kr-rainbow-robotics", "ko-KR", r"[\uac00-\ud7a3]"),
    ("zh", "cn-horizon-robotics", "zh-CN", r"[\u4e00-\u9fff]"),
]
"""Language, the delegate's organisation, the browser's locale, the reader's script."""
CJK = r"[\uac00-\ud7a3\u4e00-\u9fff]"
"""Hangul or Han: a partner's name as written at home."""
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def mail_server(db_path: Path, search_index: Path, inbox: Inbox) -> Iterator[str]:
    """The app served for real, e-mailing through the local SMTP server."""
    with served(db_path, search_index, inbox.port) as url:
        yield url


def invite(browser: Browser, server: str, org: str, address: str) -> None:
    """The organiser invites one delegate of ``org`` by a typed address."""
    context = browser.new_context(locale="en-GB")
    w = Walk(context.new_page(), server, "portal-organiser")
    w.sign_in("organiser")
    w.go(f"/missions/{MISSION}/invitations")
    w.page.select_option("#invite-one select[name=org]", org)
    w.page.fill("#invite-one input[name=email]", address)
    w.page.click("#invite-one button[type=submit]")
    w.page.wait_for_selector("#issued")
    assert "1" in w.page.locator("#issued").inner_text()
    w.shot("invitations")
    context.close()


@pytest.fixture(scope="module")
def lookups(db_path: Path) -> Iterator[Engine]:
    """An engine on the module's database for the test's own look-ups."""
    engine = open_database(str(db_path))
    yield engine
    engine.dispose()


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return done.stdout


@pytest.mark.parametrize(("lang", "org", "locale", "script"), JOURNEYS, ids=["ko", "zh"])
def test_a_delegate_opens_the_e_mailed_link_and_walks_the_portal(
    browser: Browser,
    mail_server: str,
    inbox: Inbox,
    lookups: Engine,
    tmp_path: Path,
    lang: str,
    org: str,
    locale: str,
    script: str,
) -> None:
    from playwright.sync_api import expect

    address = f"delegate-{lang}@example.org"
    invite(browser, mail_server, org, address)
    message = next(m for m in reversed(inbox.messages) if m["To"] == address)
    assert message["Content-Language"] == lang
    found = re.search(r"https?://\S+/invite/\S+", body_of(message))
    assert found is not None
    link = found.group()

    context = browser.new_context(locale=locale, viewport=PHONE, accept_downloads=True)
    w = Walk(context.new_page(), mail_server, f"portal-{lang}")
    w.page.goto(link)
    expect(w.page.locator("html")).to_have_attribute("lang", lang)
    w.shot("welcome")
    w.page.click("#enter")
    expect(w.page).to_have_url(w.url("/portal"))
    expect(w.page.locator("#welcome")).to_be_visible()
    w.shot("home")

    w.go("/portal/partners")
    cards = w.page.locator("article.rec")
    expect(cards.first).to_be_visible(timeout=60_000)
    why = cards.first.locator(".why").inner_text()
    assert re.search(script, why), f"the explanation is not in {lang}: {why}"
    text = w.page.locator("main").inner_text()
    for word in ("심사", "审查", "under review", "screening", "cleared"):
        assert word not in text, word
    w.shot("partners")
    first = cards.first
    first.locator("button[value=accept]").click()
    expect(w.page.locator("#done")).to_be_visible()
    expect(w.page.locator("article.rec").first.locator(".pill")).to_be_visible()
    w.shot("accepted")

    w.go("/portal/agenda")
    meetings = w.page.locator("article.meeting")
    expect(meetings.first).to_be_visible()
    names = [n.strip() for n in w.page.locator("article.meeting h3").all_inner_texts()]
    partner = meetings.first.get_attribute("data-partner") or ""
    native = [
        n.text
        for n in registry.organisation_with_people(lookups, partner)[0].names
        if re.search(CJK, n.text)
    ]
    assert native, f"{partner} has no Hangul or Han name"
    w.shot("agenda")

    with w.page.expect_download() as pdf_download:
        w.page.click("#agenda-pdf")
    pdf = tmp_path / f"agenda-{lang}.pdf"
    pdf_download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert any(n in text for n in native), f"none of {native} is in the PDF's text"

    with w.page.expect_download() as ics_download:
        w.page.click("#agenda-ics")
    ics = tmp_path / f"agenda-{lang}.ics"
    ics_download.value.save_as(ics)
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    events = [c for c in calendar.walk() if c.name == "VEVENT" and c["status"] == "CONFIRMED"]
    assert len(events) == len(names)

    w.page.locator("article.meeting a", has_text=re.compile(".")).first.click()
    expect(w.page.locator("#dossier")).to_be_visible()
    w.shot("dossier")

    give_feedback(w, partner, NOTES[lang])
    report_mou(w, partner)
    context.close()
    mine = {f.partner_key: f for f in outcomes.feedback_of(lookups, MISSION, org)}
    assert mine[partner].rating == 5 and mine[partner].follow_up
    assert mine[partner].note == NOTES[lang] and mine[partner].actor == address
    reported = outcomes.outcomes_of(lookups, MISSION, org)
    assert [(o.kind.value, o.partners, o.actor) for o in reported] == [("mou", (partner,), address)]


NOTES = {
    "ko": "다음 달에 공동 시연을 하기로 했습니다.",
    "zh": "双方约定下月进行联合演示。",
}
"""The delegate's note after the meeting, as they would write it."""


def give_feedback(w: Walk, partner: str, note: str) -> None:
    """After the meeting: held, five stars, a follow-up intended, a note."""
    from playwright.sync_api import expect

    w.go("/portal/feedback")
    card = w.page.locator(f"article.feedback[data-partner='{partner}']")
    expect(card).to_be_visible()
    text = w.page.locator("main").inner_text()
    for word in ("심사", "审查", "screening"):
        assert word not in text, word
    card.locator("select[name=rating]").select_option("5")
    card.locator("input[name=follow_up]").check()
    card.locator("textarea[name=note]").fill(note)
    card.locator("button[type=submit]").click()
    expect(w.page.locator("#done")).to_be_visible()
    card = w.page.locator(f"article.feedback[data-partner='{partner}']")
    expect(card.locator("dl.given")).to_contain_text(note)
    expect(card.locator("dl.given")).to_contain_text("5/5")
    card.scroll_into_view_if_needed()
    w.shot("feedback")


def report_mou(w: Walk, partner: str) -> None:
    """Months later: an MOU that came of the meeting with ``partner``."""
    from playwright.sync_api import expect

    w.go("/portal/outcomes")
    expect(w.page.locator("#none-yet")).to_be_visible()
    w.page.select_option("#outcome-kind", "investment_closed")
    w.page.select_option("#outcome-partners", [partner])
    w.page.fill("#outcome-amount", "1500000")
    with w.refused(422):  # an amount without its currency: the form comes back, marked
        w.page.click("#outcome-form button[type=submit]")
        expect(w.page.locator("#problem")).to_be_visible()
    expect(w.page.locator("#outcome-currency")).to_have_attribute("aria-invalid", "true")
    expect(w.page.locator("#outcome-amount")).to_have_value("1500000")
    w.shot("outcome-refused")
    w.page.fill("#outcome-amount", "")
    w.page.select_option("#outcome-kind", "mou")
    w.page.select_option("#outcome-partners", [partner])
    w.page.click("#outcome-form button[type=submit]")
    expect(w.page.locator("#done")).to_be_visible()
    expect(w.page.locator("article.outcome[data-kind=mou]")).to_be_visible()
    w.shot("outcome")
