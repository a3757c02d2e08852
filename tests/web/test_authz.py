"""Every route × every role (and anonymous), generated from the route table.

A route the app serves without a rule in ``routes.ROUTES`` fails here, and so does a
rule for a route that no longer exists.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI

from corridor.services import jobs, users
from corridor.services.lists import bundled_lists
from corridor.settings import Settings
from corridor.web.app import create_app
from corridor.web.routes import ROUTES, is_api, rule_for, served
from tests.web.conftest import (
    MISSION,
    PASSWORD,
    ROLES,
    SECRET,
    TestClient,
    client,
    form_token,
)

SAMPLES = {
    "{key}": MISSION,
    "{job_id}": "1",
    "{org}": "kr-samsung-electronics",
    "{fmt}": "ics",
    "{schedule_id}": "1",
    "{meeting_id}": "1",
    "{person_key}": "p-kr-samsung-electronics-1",
    "{invitation_id}": "1",
    "{token}": "no-such-invitation-link",
    "{partner}": "kr-samsung-electronics",  # a participant test sets a recommended one
    "{call_id}": "1",
}
"""Values for path parameters; every parameter of the table must have one."""
ORG_SAMPLE = "cn-hikvision"


def _list_file() -> dict[str, tuple[str, bytes]]:
    first = bundled_lists()[0]
    return {"file": (first.name, first.read_bytes())}


UPLOADS = {
    "/import": lambda: {"file": ("orgs.json", b"[]")},
    "/lists": _list_file,
}
"""Files for the upload forms, so an allowed caller's request succeeds."""
FORMS: dict[str, dict[str, object]] = {
    "/missions/{key}/invitations": {"person": "p-kr-samsung-electronics-1"},
    "/missions/{key}/invitations/sheet": {"org": "kr-samsung-electronics"},
    "/portal/partners/{partner}": {"response": "decline"},
}
"""Fields of page forms that need some, so an allowed caller's request succeeds."""


def _decision_body(c: TestClient) -> dict[str, str] | None:
    """An escalation of the mission's first current hit (None for a caller who cannot read)."""
    r = c.get(f"/api/v1/missions/{MISSION}/hits")
    if r.status_code != 200:
        return None
    hit = r.json()["data"][0]
    keys = ("org_key", "source", "source_id")
    return {**{k: hit[k] for k in keys}, "action": "escalate", "reason": "route table test"}


def _outcome_body(c: TestClient, path: str) -> dict[str, object] | None:
    """Feedback on, or an MOU from, the published schedule's first meeting (None for a
    caller who cannot read the schedule)."""
    r = c.get(f"/api/v1/missions/{MISSION}/schedule")
    if r.status_code != 200:
        return None
    m = r.json()["data"][0]
    if path.endswith("/feedback"):
        return {"org": m["org_a"], "partner": m["org_b"], "held": True, "rating": 4}
    return {"org": m["org_a"], "kind": "mou", "partners": [m["org_b"]]}


def concrete(path: str) -> str:
    """A path template with its parameters filled in."""
    if path.startswith(("/api/v1/organisations/", "/orgs/")):
        return path.replace("{key}", ORG_SAMPLE)
    if path.endswith("/outcomes.{fmt}"):
        path = path.replace("{fmt}", "xlsx")
    if path.endswith("/audit.{fmt}"):
        path = path.replace("{fmt}", "csv")
    if path == "/static":
        return "/static/corridor.css"
    for name, value in SAMPLES.items():
        path = path.replace(name, value)
    assert "{" not in path, f"no sample value for a parameter of {path}"
    return path + QUERIES.get(path.rsplit("/", 1)[-1], "") if is_api(path) else path


QUERIES = {"matches": "?org=kr-samsung-electronics", "search": "?q=personal+data"}
"""Required query parameters of API routes, by the path's last segment."""
BODIES = {
    "/screening/name": {"name": "Hikvision"},
    "/screening/names": {"names": [{"name": "Hikvision"}]},
    "/matches/accept": {"org": "kr-samsung-electronics"},
    "/schedule/replan": {},
    "/invitations": {"person_key": "p-kr-samsung-electronics-1", "send": False},
    "/missions/{key}": {"hold_policy": "hold"},
}
"""Bodies of API POSTs that need one, by the path's ending."""


def test_every_served_route_has_a_rule_and_every_rule_a_route(app: FastAPI) -> None:
    seen = {(s.method, s.path) for s in served(app.routes)}
    assert sorted(k for k in seen if rule_for(*k) is None) == []
    assert sorted(set(ROUTES) - seen) == []


def _request(c: TestClient, method: str, path: str, csrf: str) -> int:
    url = concrete(path)
    if method == "GET":
        return c.get(url).status_code
    if path == "/api/v1/imports":
        files = {"file": ("orgs.json", b"[]", "application/json")}
        data = {"kind": "organisations"}
        return c.post(url, data=data, files=files, headers={"X-CSRF-Token": csrf}).status_code
    if path.endswith("/decisions") and is_api(path):
        body = _decision_body(c)
        return c.post(url, json=body, headers={"X-CSRF-Token": csrf}).status_code
    if is_api(path) and path.endswith(("/feedback", "/outcomes")):
        body = _outcome_body(c, path)
        return c.post(url, json=body, headers={"X-CSRF-Token": csrf}).status_code
    if is_api(path):
        body = next((b for end, b in BODIES.items() if path.endswith(end)), None)
        return c.request(method, url, json=body, headers={"X-CSRF-Token": csrf}).status_code
    data = {"csrf_token": csrf, **FORMS.get(path, {})}
    if path in UPLOADS:
        return c.post(
            url, data={**data, "kind": "organisations"}, files=UPLOADS[path]()
        ).status_code
    if path == "/login":
        data = {
            "csrf_token": form_token(c.get("/login").text, "/login"),
            "email": "x@example.org",
            "password": "wrong password",
        }
    return c.request(method, url, data=data).status_code


def _expected(method: str, path: str, role: str | None) -> set[int]:
    rule = rule_for(method, path)
    assert rule is not None
    if rule.public or (role is not None and any(r.value == role for r in rule.roles)):
        # allowed: the route's own answer (a page, a redirect it makes, a failed sign-in)
        if path.endswith("/download"):
            return {404}  # job 1 is a screening: an allowed caller learns it has no archive
        if path in ("/invite/{token}", "/safe/{token}") and method == "GET":
            return {404}  # an unknown link: the page says so
        if path.startswith("/missions/{key}/safety/rollcall/{call_id}."):
            return {400, 404, 422}  # roll call 1 does not exist (nor does an .ics export)
        if path in ("/login", "/logout"):
            # a failed sign-in; after five of them (one per caller walked) the throttle
            return {200, 202, 303, 401, 429}
        return {200, 201, 202, 303}
    if role is None:
        return {401} if is_api(path) else {303}
    return {403}


WHO = [*ROLES, "participant", None]


@pytest.mark.parametrize("who", WHO, ids=[*ROLES, "participant", "anonymous"])
def test_route_table_holds_for_every_role(
    app: FastAPI,
    browsers: dict[str, TestClient],
    participant: TestClient,
    who: str | None,
) -> None:
    jobs.submit(app.state.engine, "screen_mission", {"mission": MISSION}, "test")
    if who == "participant":
        SAMPLES["{partner}"] = recommended_partner(app)
        FORMS.update(participant_forms(app))
    c = participant if who == "participant" else browsers["anon" if who is None else who]
    failures = []
    csrf = "" if who is None else form_token(c.get("/missions").text)
    for s in served(app.routes):
        if s.path == "/logout":
            continue  # signing out would end this client's session; see test_security
        status = _request(c, s.method, s.path, csrf)
        expected = _expected(s.method, s.path, who)
        if status not in expected:
            failures.append(f"{s.method} {s.path}: {status}, expected {sorted(expected)}")
    assert failures == []


def recommended_partner(app: FastAPI) -> str:
    """A partner recommended to the test participant's organisation."""
    from corridor.services.portal_recs import mission_recommendations
    from tests.web.conftest import first_meeting_org

    found = mission_recommendations(app.state.engine, MISSION, "en")[first_meeting_org(app)]
    return found[0].partner


def participant_forms(app: FastAPI) -> dict[str, dict[str, object]]:
    """Feedback on, and an MOU from, the test participant's first published meeting."""
    from corridor.services.schedule_views import stored

    first = stored(app.state.engine, MISSION).meetings[0]
    return {
        "/portal/feedback": {"partner": first.org_b, "held": "yes", "rating": "4"},
        "/portal/outcomes": {"kind": "mou", "partners": [first.org_b]},
    }


def test_a_participant_role_is_never_given_to_an_account_or_a_token(app: FastAPI) -> None:
    from corridor.exc import InvalidInput

    for make in (
        lambda: users.add_user(app.state.engine, "p@example.org", PASSWORD, ["participant"]),
        lambda: users.create_token(app.state.engine, ["participant"]),
    ):
        with pytest.raises(InvalidInput):
            make()


def test_anonymous_pages_redirect_to_sign_in(browsers: dict[str, TestClient]) -> None:
    r = browsers["anon"].get(f"/missions/{MISSION}")
    assert r.status_code == 303 and r.headers["location"] == f"/login?next=/missions/{MISSION}"


def test_logout_is_for_signed_in_people_only(app: FastAPI) -> None:
    with client(app) as c:
        r = c.post("/logout", data={"csrf_token": "x"})
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_tokens_follow_the_same_rules(app: FastAPI, tokens: dict[str, str]) -> None:
    with client(app) as c:
        for role, token in tokens.items():
            r = c.post(
                "/api/v1/screening/name",
                json={"name": "Hikvision"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert r.status_code == (200 if role in ("organiser", "compliance") else 403), role


def test_a_cookie_signed_by_another_secret_opens_nothing(app: FastAPI, db_path: Path) -> None:
    signed = users.sign_in(app.state.engine, "viewer@example.org", PASSWORD, "10.0.0.9")
    other = create_app(Settings(db=str(db_path)), workers=0, secret=SECRET[::-1])
    for target, expected in ((app, 200), (other, 303)):
        with client(target) as c:
            c.cookies.set("corridor_session", app.state.signer.sign(signed.session_id))
            assert c.get("/missions").status_code == expected
    other.state.engine.dispose()
