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
from corridor.locale import gettext_for, translations
from corridor.services import (
    invitations,
    matching,
    outcomes,
    portal,
    profile,
    registry,
    screening,
)
from corridor.services.kpis import kpis
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
from tests.web.smtp import Inbox, body_of

KOREAN = "kr-rainbow-robotics"


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
            for p in (
                "/portal",
                "/portal/partners",
                "/portal/agenda",
                "/portal/profile",
                "/portal/feedback",
                "/portal/outcomes",
            )
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


# --- feedback and outcomes ------------------------------------------------------------


def unreported_meeting(app: FastAPI) -> tuple[str, str]:
    """A pair that met in the published schedule with no feedback or outcome yet, the
    organisation with fewer meetings first (so another of its partners is not it)."""
    engine = app.state.engine
    fed, done = outcomes.trail(engine, MISSION)
    touched = {f.pair for f in fed} | {p for o in done for p in o.pairs}
    row = stored(engine, MISSION)
    return next(
        (m.org_a, m.org_b)
        for m in row.meetings
        if frozenset((m.org_a, m.org_b)) not in touched
        and m.org_a != "kr-hostile-name"
        and m.org_b != "kr-hostile-name"
    )


def not_met(app: FastAPI, org: str) -> str:
    """A participant that ``org`` does not meet in the published schedule."""
    row = stored(app.state.engine, MISSION)
    met = {x for m in row.meetings if org in (m.org_a, m.org_b) for x in (m.org_a, m.org_b)}
    return next(x for m in row.meetings for x in (m.org_a, m.org_b) if x not in met)


def records(app: FastAPI) -> tuple[int, int]:
    """How many feedback and outcome records the mission holds, superseded included."""
    fed, done = outcomes.trail(app.state.engine, MISSION)
    return len(fed), len(done)


def test_a_delegate_gives_feedback_and_reports_an_mou_that_the_kpis_count(
    app: FastAPI,
) -> None:
    engine = app.state.engine
    mine, partner = unreported_meeting(app)
    partner_name = registry.organisation_with_people(engine, partner)[0].display("ko")
    before = kpis(engine, MISSION).funnel
    with delegate(app, mine, "feedback@x.example", lang="ko") as c:
        page = c.get("/portal/feedback")
        assert page.status_code == 200 and 'lang="ko"' in page.text
        assert f'id="f-{partner}"' in page.text and partner_name in page.text
        token = form_token(page.text, "/portal/feedback")
        r = c.post(
            "/portal/feedback",
            data={
                "csrf_token": token,
                "partner": partner,
                "held": "yes",
                "rating": "4",
                "follow_up": "yes",
                "note": "시제품 시연을 다음 달에 하기로 했습니다.",
            },
        )
        assert r.status_code == 303 and r.headers["location"].startswith("/portal/feedback")
        given = c.get(r.headers["location"]).text
        assert 'id="done"' in given and "4/5" in given
        assert "시제품 시연을 다음 달에 하기로 했습니다." in given

        r = c.post(
            "/portal/outcomes",
            data={"csrf_token": token, "kind": "mou", "partners": [partner], "note": "MOU"},
        )
        assert r.status_code == 303, r.text
        reported = c.get("/portal/outcomes").text
        assert translations("ko").gettext("MOU") in reported
        assert partner_name in reported and 'data-kind="mou"' in reported
    feedback = {f.partner_key: f for f in outcomes.feedback_of(engine, MISSION, mine)}
    assert feedback[partner].rating == 4 and feedback[partner].follow_up
    assert feedback[partner].actor == "feedback@x.example"  # the delegate, by the invitation
    mou = [o for o in outcomes.outcomes_of(engine, MISSION, mine) if o.kind.value == "mou"]
    assert [(o.partners, o.actor) for o in mou] == [((partner,), "feedback@x.example")]
    after = kpis(engine, MISSION).funnel
    for stage in ("held", "follow_up", "agreement"):
        assert after.stage(stage) == before.stage(stage) + 1, stage
    assert after.stage("investment") == before.stage("investment")


def test_a_delegate_reaches_no_other_organisations_feedback_or_outcomes(app: FastAPI) -> None:
    mine, partner = unreported_meeting(app)
    stranger = not_met(app, mine)
    counted = records(app)
    with delegate(app, mine, "scope@x.example") as c:
        token = form_token(c.get("/portal/feedback").text, "/portal/feedback")
        feedback = {"csrf_token": token, "partner": partner, "held": "yes", "rating": "3"}
        outcome = {"csrf_token": token, "kind": "mou", "partners": [partner]}
        assert c.post("/portal/feedback", data={**feedback, "org": partner}).status_code == 403
        assert c.post("/portal/outcomes", data={**outcome, "org": partner}).status_code == 403
        refused = c.post("/portal/feedback", data={**feedback, "partner": stranger})
        assert refused.status_code == 422 and 'data-field="partner"' in refused.text
        refused = c.post("/portal/outcomes", data={**outcome, "partners": [stranger]})
        assert refused.status_code == 422 and 'data-field="partners"' in refused.text
        listed = c.get(f"/portal/feedback?org={stranger}").text  # a query is ignored
        assert f'id="f-{stranger}"' not in listed and f'id="f-{partner}"' in listed
        for method, path in (
            ("GET", f"/missions/{MISSION}/outcomes"),
            ("GET", f"/missions/{MISSION}/outcomes.xlsx"),
            ("POST", f"/missions/{MISSION}/outcomes/feedback"),
            ("POST", f"/missions/{MISSION}/outcomes/report"),
            ("GET", f"/api/v1/missions/{MISSION}/feedback?org={stranger}"),
            ("GET", f"/api/v1/missions/{MISSION}/outcomes?org={stranger}"),
            ("POST", f"/api/v1/missions/{MISSION}/feedback"),
            ("POST", f"/api/v1/missions/{MISSION}/outcomes"),
            ("GET", f"/api/v1/missions/{MISSION}/kpis"),
        ):
            r = c.request(method, path, data={"csrf_token": token, "org": stranger})
            assert r.status_code == 403, (method, path)
    assert records(app) == counted


BAD_INPUT = [
    # page, form fields beyond the meeting's partner, field named, English rule
    ("feedback", {"held": "yes", "rating": "7"}, "rating", "A rating is 1 to 5, or none."),
    ("feedback", {"held": "maybe"}, "held", "Say whether the meeting was held."),
    (
        "feedback",
        {"held": "no", "rating": "3"},
        "rating",
        "A meeting that was not held has no rating.",
    ),
    (
        "outcomes",
        {"kind": "investment_closed", "amount": "1500000"},
        "currency",
        "An amount needs its currency (ISO 4217).",
    ),
    (
        "outcomes",
        {"kind": "mou", "amount": "10", "currency": "USD"},
        "amount",
        "Only an investment has an amount.",
    ),
    (
        "outcomes",
        {"kind": "term_sheet", "amount": "5", "currency": "XYZ"},
        "currency",
        "Not an ISO 4217 currency code (such as KRW, CNY or USD).",
    ),
    (
        "outcomes",
        {"kind": "mou", "on": "2099-01-01"},
        "on",
        "An outcome is reported once it has happened, not before.",
    ),
    ("outcomes", {"kind": "mou", "on": "2020-01-01"}, "on", "A date before the mission began."),
    ("outcomes", {"kind": "warp"}, "kind", "Choose one of the kinds listed."),
]


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_bad_input_comes_back_with_the_field_named_in_the_delegates_language(
    app: FastAPI, lang: str
) -> None:
    mine, partner = unreported_meeting(app)
    stranger = not_met(app, mine)
    counted = records(app)
    speak = translations(lang).gettext
    cases = [
        *BAD_INPUT,
        ("feedback", {"held": "yes", "partner": stranger}, "partner", NOT_MET),
        ("outcomes", {"kind": "mou", "partners": [stranger]}, "partners", NOT_MET),
    ]
    with delegate(app, mine, f"bad-{lang}@x.example", lang=lang) as c:
        token = form_token(c.get("/portal/feedback").text, "/portal/feedback")
        for where, fields, field, rule in cases:
            meeting: dict[str, object] = (
                {"partner": partner} if where == "feedback" else {"partners": [partner]}
            )
            note = f"{where} {field} {lang}"
            r = c.post(
                f"/portal/{where}",
                data={"csrf_token": token, **meeting, **fields, "note": note},
            )
            assert r.status_code == 422, (where, fields, r.text[:300])
            # named above the form and marked at the field, unless no form is the
            # partner's own: one the organisation never met has none
            marks = 1 if (where, field) == ("feedback", "partner") else 2
            assert r.text.count(f'data-field="{field}"') == marks, (where, field)
            assert speak(rule) != rule and speak(rule) in r.text, (where, rule)
            if marks == 2:
                assert 'aria-invalid="true"' in r.text and note in r.text  # refilled
            assert "Traceback" not in r.text
    assert records(app) == counted  # nothing written


NOT_MET = "Your organisation did not meet this partner in the published schedule."


def test_a_staff_page_refuses_a_delegate_inside_the_portal_layout(app: FastAPI) -> None:
    with delegate(app, KOREAN, "refused@x.example", lang="en") as c:
        r = c.get(f"/missions/{MISSION}/screening?lang=en")
        assert r.status_code == 403
        assert "this page is not part of your portal" in r.text
        assert 'href="/portal"' in r.text and 'href="/missions"' not in r.text  # no staff nav
        assert not any(role in r.text for role in ("organiser", "compliance", "viewer"))
