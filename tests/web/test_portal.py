"""The participant portal over HTTP: invitations by real e-mail (aiosmtpd on
127.0.0.1), links that open once, the delegate's own scope, profile edits validated
and recorded, answers that become mutual requests, and nothing of screening shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI

from corridor.core.mission import MeetingRequest
from corridor.core.screening import Action
from corridor.locale import gettext_for
from corridor.services import invitations, matching, portal, profile, registry, screening
from corridor.services.portal_recs import mission_recommendations
from corridor.services.schedule_views import stored
from corridor.settings import Settings
from corridor.web.app import create_app
from tests.web.conftest import (
    MISSION,
    SECRET,
    TestClient,
    client,
    form_token,
    open_invitation,
    sign_in,
)
from tests.web.smtp import Inbox, body_of, smtp_server

KOREAN = "kr-rainbow-robotics"


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    with smtp_server() as box:
        yield box


@pytest.fixture(scope="module")
def mail_app(db_path: Path, search_index: Path, inbox: Inbox) -> Iterator[FastAPI]:
    """The app with e-mail through the local SMTP server."""
    settings = Settings(
        db=str(db_path),
        search_index=search_index,
        out=db_path.parent / "out",
        smtp_host="127.0.0.1",
        smtp_port=inbox.port,
        smtp_from="mission@example.org",
        invitation_days=10,
    )
    app = create_app(settings, workers=0, secret=SECRET)
    yield app
    app.state.engine.dispose()


def organiser(app: FastAPI) -> TestClient:
    c = client(app)
    assert sign_in(c, "organiser") == 303
    return c


def delegate(app: FastAPI, org: str, email: str, lang: str | None = None) -> TestClient:
    """A signed-in delegate of ``org`` (invited by a typed address)."""
    issued = invitations.invite(
        app.state.engine, MISSION, actor="test", org_key=org, email=email, lang=lang
    )
    c = client(app)
    assert open_invitation(c, issued.token) == 303
    return c


def link_in(text: str) -> str:
    found = re.search(r"https?://\S+/invite/\S+", text)
    assert found is not None, text
    return found.group()


def test_an_invitation_arrives_by_e_mail_in_the_delegates_language_and_opens_once(
    mail_app: FastAPI, inbox: Inbox
) -> None:
    before = len(inbox.messages)
    with organiser(mail_app) as c:
        csrf = form_token(c.get(f"/missions/{MISSION}/invitations").text)
        r = c.post(
            f"/api/v1/missions/{MISSION}/invitations",
            json={"org_key": KOREAN, "email": "ceo@rainbow.example"},
            headers={"X-CSRF-Token": csrf},
        )
        assert r.status_code == 201, r.text
        made = r.json()
        assert made["lang"] == "ko" and made["link"] is None and made["sent_at"] is not None
    assert len(inbox.messages) == before + 1
    message = inbox.messages[-1]
    assert message["To"] == "ceo@rainbow.example"
    assert message["Content-Language"] == "ko"
    name = registry.mission_summary(mail_app.state.engine, MISSION).mission.name
    assert name in str(message["Subject"])
    link = link_in(body_of(message))
    path = link[link.index("/invite/") :]
    with client(mail_app) as browser:
        welcome = browser.get(path)
        assert welcome.status_code == 200 and 'lang="ko"' in welcome.text
        token = path.removeprefix("/invite/")
        assert open_invitation(browser, token) == 303
        assert browser.get("/portal").status_code == 200
    with client(mail_app) as other:
        again = other.get(path)
        assert again.status_code == 410
        used = "This link has already been used"
        assert gettext_for("ko")(used) in again.text and 'lang="ko"' in again.text
        assert used not in again.text  # said in the delegate's language
        assert "Traceback" not in again.text


def test_revoked_expired_and_resent_links_say_so(app: FastAPI) -> None:
    engine = app.state.engine
    first = invitations.invite(engine, MISSION, actor="t", org_key=KOREAN, email="a@x.example")
    second = invitations.resend(engine, MISSION, first.invitation.id, actor="t")
    revoked = invitations.invite(engine, MISSION, actor="t", org_key=KOREAN, email="b@x.example")
    invitations.revoke(engine, MISSION, revoked.invitation.id)
    old = datetime.now(UTC) - timedelta(days=20)
    expired = invitations.invite(
        engine, MISSION, actor="t", org_key=KOREAN, email="c@x.example", days=14, now=old
    )
    with client(app) as c:
        ko = gettext_for("ko")  # the invitations speak Korean (a Korean delegate's)
        for token, words in (
            (first.token, "This link has been withdrawn"),
            (revoked.token, "This link has been withdrawn"),
            (expired.token, "This link has expired"),
        ):
            r = c.get(f"/invite/{token}")
            assert r.status_code == 410 and ko(words) in r.text, token
        assert c.get("/invite/not-a-link").status_code == 404
        assert open_invitation(c, second.token) == 303
    listed = {i.id: invitations.state_of(i) for i in invitations.invitations(engine, MISSION)}
    assert listed[first.invitation.id] == "replaced"
    assert listed[second.invitation.id] == "used"
    assert listed[revoked.invitation.id] == "revoked"
    assert listed[expired.invitation.id] == "expired"


def test_revoking_signs_the_delegate_out(app: FastAPI) -> None:
    issued = invitations.invite(
        app.state.engine, MISSION, actor="t", org_key=KOREAN, email="d@x.example"
    )
    with client(app) as c:
        assert open_invitation(c, issued.token) == 303
        assert c.get("/portal").status_code == 200
        invitations.revoke(app.state.engine, MISSION, issued.invitation.id)
        assert c.get("/portal").status_code == 303


def test_a_held_organisation_is_not_invited(app: FastAPI) -> None:
    engine = app.state.engine
    found = screening.mission_screening(engine, MISSION)
    hit = next(o for o in found.orgs if len(o.hits) > 0)
    for h in hit.hits:
        screening.decide(
            engine,
            org_key=hit.org.key,
            source=h.hit.source,
            source_id=h.hit.source_id,
            action=Action.BLOCK,
            reason="test",
            actor="compliance",
        )
    with pytest.raises(Exception, match="held"):
        invitations.invite(engine, MISSION, actor="t", org_key=hit.org.key, email="e@x.example")
    report = invitations.invite_mission(engine, MISSION, actor="t")
    assert (hit.org.key, "held by screening") in report.skipped
    assert all(i.invitation.org_key != hit.org.key for i in report.issued)


def test_a_participant_sees_only_their_own_organisation(app: FastAPI) -> None:
    engine = app.state.engine
    row = stored(engine, MISSION)
    mine = row.meetings[0].org_a
    theirs = [
        i
        for i, m in zip(row.meeting_ids, row.meetings, strict=True)
        if mine not in (m.org_a, m.org_b)
    ]
    other = next(m.org_a for m in row.meetings if mine not in (m.org_a, m.org_b))
    with delegate(app, mine, "own@x.example") as c:
        assert c.get(f"/portal/meetings/{theirs[0]}").status_code == 404
        assert c.get(f"/portal/meetings/{theirs[0]}.pdf").status_code == 404
        for staff in (
            f"/missions/{MISSION}/agenda/{other}",
            f"/missions/{MISSION}/agenda/{other}.ics",
            f"/missions/{MISSION}/dossiers/{theirs[0]}",
            f"/missions/{MISSION}/screening",
            f"/orgs/{other}",
            f"/api/v1/organisations/{other}",
            f"/api/v1/missions/{MISSION}/hits",
            f"/api/v1/people?org={other}",
        ):
            assert c.get(staff).status_code == 403, staff
        agenda = c.get(f"/portal/agenda?org={other}")  # a query naming another is ignored
        ids = set(re.findall(r"/portal/meetings/(\d+)\"", agenda.text))
        own = {
            str(i)
            for i, m in zip(row.meeting_ids, row.meetings, strict=True)
            if mine in (m.org_a, m.org_b)
        }
        assert ids == own
        ics = c.get(f"/portal/agenda.ics?org={other}")
        assert ics.status_code == 200
        assert (
            mine in ics.headers["content-disposition"]
            or "agenda" in ics.headers["content-disposition"]
        )
        profile_page = c.get(f"/portal/profile?org={other}")
        assert (
            f'value="{registry.organisation_with_people(engine, other)[0].display("en")}"'
            not in profile_page.text
        )
        token = form_token(c.get("/portal").text)
        refused = c.post(
            f"/portal/partners/{other}", data={"csrf_token": token, "response": "accept"}
        )
        assert refused.status_code == 404  # not recommended to this organisation


def test_nothing_of_screening_reaches_the_portal(app: FastAPI) -> None:
    engine = app.state.engine
    status = {o.org.key: o.status for o in screening.mission_screening(engine, MISSION).orgs}
    by_org = matching.recommend(engine, MISSION).by_org
    org = next(
        k
        for k, recs in by_org.items()
        if any(r.under_review for r in recs) and status.get(k) != "blocked"
    )
    with delegate(app, org, "watch@x.example", lang="ko") as c:
        pages = [
            c.get(p).text
            for p in ("/portal", "/portal/partners", "/portal/agenda", "/portal/profile")
        ]
        agenda = c.get("/portal/agenda").text
        pages += [
            c.get(f"/portal/meetings/{i}").text
            for i in re.findall(r"/portal/meetings/(\d+)\"", agenda)
        ]
    for text in pages:
        for word in (
            "심사",
            "审查",
            "review",
            "screen",
            "sanction",
            "hit",
            "blocked",
            "Accepted by",
        ):
            assert word not in text.replace("preview", ""), word


def test_profile_edits_are_validated_like_imports_and_recorded(app: FastAPI) -> None:
    with delegate(app, KOREAN, "profile@x.example", lang="ko") as c:
        token = form_token(c.get("/portal/profile").text, "/portal/profile")
        bad = c.post("/portal/profile", data={"csrf_token": token, "name_ko": "Rainbow"})
        assert bad.status_code == 422
        assert 'aria-invalid="true"' in bad.text and "hangul" in bad.text
        bad = c.post(
            "/portal/profile", data={"csrf_token": token, "sectors": "robotics; warp_drives"}
        )
        assert bad.status_code == 422 and "warp_drives" in bad.text
        good = c.post(
            "/portal/profile",
            data={"csrf_token": token, "offers_zh": "协作机器人与人形机器人平台"},
        )
        assert good.status_code == 303
    org = registry.organisation_with_people(app.state.engine, KOREAN)[0]
    assert org.offers["zh"] == "协作机器人与人形机器人平台"
    changes = profile.profile_changes(app.state.engine, KOREAN)
    assert changes[-1].changes == {"offers_zh": ("", "协作机器人与人形机器人平台")}
    assert changes[-1].actor.startswith(f"participant:{KOREAN}:")


def test_both_sides_accepting_makes_a_mutual_participant_request(app: FastAPI) -> None:
    engine = app.state.engine
    recs = mission_recommendations(engine, MISSION, "en")
    before = {(q.requester, q.target) for q in registry_requests(app)}
    a, b = next(
        (k, r.partner)
        for k, v in sorted(recs.items())
        for r in v
        if (k, r.partner) not in before and (r.partner, k) not in before
    )
    for me, partner in ((a, b), (b, a)):
        with delegate(app, me, f"{me}@x.example", lang="en") as c:
            token = form_token(c.get("/portal/partners").text, f"/portal/partners/{partner}")
            r = c.post(
                f"/portal/partners/{partner}", data={"csrf_token": token, "response": "accept"}
            )
            assert r.status_code == 303
    done = r.headers["location"]
    assert "done=mutual" in done
    asked = {(q.requester, q.target): q for q in registry_requests(app)}
    assert asked[(a, b)].origin.value == asked[(b, a)].origin.value == "participant"
    answers = portal.responses_of_mission(engine, MISSION)
    assert answers[(a, b)] == answers[(b, a)] == "accept"
    with organiser(app) as c:
        page = c.get(f"/missions/{MISSION}/matches?org={a}").text
        assert "accepted" in page


def registry_requests(app: FastAPI) -> list[MeetingRequest]:
    from corridor.services.scheduling import load_mission_data

    return list(load_mission_data(app.state.engine, MISSION).requests)


def test_the_portal_speaks_the_choice_then_the_invitation_then_the_browser(app: FastAPI) -> None:
    with delegate(app, KOREAN, "lang@x.example", lang="zh") as c:
        headers = {"Accept-Language": "ko-KR,ko;q=0.9"}
        assert 'lang="zh"' in c.get("/portal", headers=headers).text  # the invitation's
        assert 'lang="en"' in c.get("/portal?lang=en", headers=headers).text  # a choice
        assert 'lang="en"' in c.get("/portal", headers=headers).text  # remembered (cookie)
    with client(app) as anonymous:
        page = anonymous.get("/invite/unknown-link", headers={"Accept-Language": "ko"})
        assert page.status_code == 404 and 'lang="ko"' in page.text
