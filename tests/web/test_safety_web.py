"""Safety pages through the app: the duty view lists an open alert and whom it
touches; the portal shows it only to the delegates of the organisations concerned,
in the reader's language with the sender's words marked as such."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from fastapi import FastAPI

from corridor.core.safety import Whereabouts
from corridor.safety.places import resolve
from corridor.services import invitations, safety
from corridor.services.safety_fetch import Fetched
from tests.web.conftest import MISSION, client, open_invitation, sign_in

SH = Path(__file__).parents[1] / "safety" / "fixtures" / "shanghai"
DAY = date(2003, 6, 18)  # scenario: placed on the day of the recorded message
NOW = datetime(2003, 6, 17, 22, 0, tzinfo=UTC)


def _recorded(url: str, **_: object) -> Fetched:
    return Fetched(200, (SH / "alert.xml").read_bytes(), None, None)


def _alert_touching_samsung(app: FastAPI) -> None:
    engine = app.state.engine
    venue = resolve("Shanghai", country="CN")
    people = ["p-kr-samsung-electronics-1", "p-kr-samsung-electronics-2"]
    safety.set_whereabouts(
        engine, MISSION, [Whereabouts(MISSION, p, DAY, "venue", venue) for p in people]
    )
    feed = safety.add_feed(engine, "https://agency.example/cap.xml", "cap", actor="a", now=NOW)
    safety.poll(engine, feed.id, now=NOW, fetcher=_recorded)
    assert len(safety.notify(engine, now=NOW)) == 2


def _delegate(app: FastAPI, org: str, lang: str):  # type: ignore[no-untyped-def]
    issued = invitations.invite(
        app.state.engine, MISSION, actor="test", org_key=org, email=f"{org}@example.org", lang=lang
    )
    c = client(app)
    assert open_invitation(c, issued.token) == 303
    return c


def test_duty_view_and_portal_show_the_alert_to_those_it_touches(app: FastAPI) -> None:
    _alert_touching_samsung(app)
    c = client(app)
    assert sign_in(c, "organiser") == 303
    duty = c.get(f"/missions/{MISSION}/safety").text
    assert "SEVERE THUNDERSTORM WARNING" in duty and "이재용" not in duty  # en page
    assert "Lee Jae-yong" in duty and "Shanghai, 2003-06-18" in duty

    ko = _delegate(app, "kr-samsung-electronics", "ko")
    page = ko.get("/portal/safety", headers={"accept-language": "ko"}).text
    assert "SEVERE THUNDERSTORM WARNING" in page and "번역하지 않은" in page
    assert "경고" in page and "이재용" in page

    other = _delegate(app, "cn-horizon-robotics", "zh")
    page = other.get("/portal/safety").text
    assert "SEVERE THUNDERSTORM" not in page and "Shanghai" not in page
    assert other.get(f"/missions/{MISSION}/safety").status_code == 403
