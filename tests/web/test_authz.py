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


def _decision_body(c: TestClient) -> dict[str, str] | None:
    """An escalation of the mission's first current hit (None for a caller who cannot read)."""
    r = c.get(f"/api/v1/missions/{MISSION}/hits")
    if r.status_code != 200:
        return None
    hit = r.json()["data"][0]
    keys = ("org_key", "source", "source_id")
    return {**{k: hit[k] for k in keys}, "action": "escalate", "reason": "route table test"}


def concrete(path: str) -> str:
    """A path template with its parameters filled in."""
    if path.startswith(("/api/v1/organisations/", "/orgs/")):
        return path.replace("{key}", ORG_SAMPLE)
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
    if is_api(path):
        body = next((b for end, b in BODIES.items() if path.endswith(end)), None)
        return c.request(method, url, json=body, headers={"X-CSRF-Token": csrf}).status_code
    data = {"csrf_token": csrf}
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
        return {200, 202, 303, 401} if path in ("/login", "/logout") else {200, 201, 202, 303}
    if role is None:
        return {401} if is_api(path) else {303}
    return {403}


@pytest.mark.parametrize("who", [*ROLES, None], ids=[*ROLES, "anonymous"])
def test_route_table_holds_for_every_role(
    app: FastAPI, browsers: dict[str, TestClient], who: str | None
) -> None:
    jobs.submit(app.state.engine, "screen_mission", {"mission": MISSION}, "test")
    c = browsers["anon" if who is None else who]
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
