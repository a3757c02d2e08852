"""Security of the console: CSRF, throttling, sign-out, headers, cookies, escaping, limits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi import FastAPI

from corridor.settings import Settings
from corridor.web.app import create_app
from corridor.web.security import CSP
from tests.web.conftest import (
    HOSTILE,
    MISSION,
    PASSWORD,
    SECRET,
    TestClient,
    client,
    email,
    form_token,
    sign_in,
)


def test_forms_without_the_session_token_are_refused(app: FastAPI) -> None:
    with client(app) as c:
        assert sign_in(c, "organiser") == 303
        for data in ({}, {"csrf_token": "forged"}):
            r = c.post(f"/missions/{MISSION}/screen", data=data)
            assert r.status_code == 403 and "security token" in r.text
        token = form_token(c.get("/missions").text)
        ok = c.post(f"/missions/{MISSION}/screen", data={"csrf_token": token})
        assert ok.status_code == 303 and ok.headers["location"].startswith("/jobs/")


def test_the_api_with_a_session_cookie_needs_the_csrf_header(app: FastAPI) -> None:
    with client(app) as c:
        assert sign_in(c, "compliance") == 303
        r = c.post("/api/v1/screening/name", json={"name": "x"})
        assert r.status_code == 403


def test_sign_in_form_needs_its_token(app: FastAPI) -> None:
    with client(app) as c:
        r = c.post("/login", data={"email": email("viewer"), "password": PASSWORD})
        assert r.status_code == 403 and "corridor_session" not in r.cookies


def test_repeated_failures_are_throttled_with_a_clear_message(
    db_path: Path, tmp_path: Path
) -> None:
    own = tmp_path / "throttle.db"  # failures are per address: keep them from other tests
    shutil.copy(db_path, own)
    app = create_app(Settings(db=str(own)), workers=0, secret=SECRET)
    with client(app) as c:
        for _ in range(5):
            assert sign_in(c, "admin", "wrong password!") == 401
        token = form_token(c.get("/login").text, "/login")
        r = c.post(
            "/login", data={"email": email("admin"), "password": PASSWORD, "csrf_token": token}
        )
        assert r.status_code == 429 and "Too many failed sign-ins" in r.text
    app.state.engine.dispose()


def test_sign_out_ends_the_session_on_the_server(app: FastAPI) -> None:
    with client(app) as c:
        assert sign_in(c, "viewer") == 303
        cookie = c.cookies.get("corridor_session")
        token = form_token(c.get("/missions").text, "/logout")
        assert c.post("/logout", data={"csrf_token": token}).status_code == 303
    with client(app) as replay:  # the old cookie, replayed after sign-out
        replay.cookies.set("corridor_session", cookie or "")
        r = replay.get("/missions")
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


@pytest.mark.parametrize(
    "path", ["/login", "/missions", "/api/v1/missions", "/nowhere", "/static/corridor.css"]
)
def test_security_headers_on_every_response(browsers: dict[str, TestClient], path: str) -> None:
    r = browsers["viewer"].get(path)
    assert r.headers["content-security-policy"] == CSP
    assert "'unsafe-inline'" not in CSP
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "server" not in r.headers


def test_session_cookie_flags(app: FastAPI) -> None:
    for base, secure in (("http://127.0.0.1", False), ("https://corridor.example", True)):
        with client(app, base) as c:
            token = form_token(c.get("/login").text, "/login")
            r = c.post(
                "/login", data={"email": email("viewer"), "password": PASSWORD, "csrf_token": token}
            )
            cookie = next(
                h for h in r.headers.get_list("set-cookie") if h.startswith("corridor_session=")
            )
            assert "HttpOnly" in cookie and "SameSite=lax" in cookie
            assert ("Secure" in cookie) is secure, base


def test_hostile_names_show_as_text(browsers: dict[str, TestClient]) -> None:
    page = browsers["viewer"].get("/orgs", params={"mission": MISSION, "q": "script"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert HOSTILE not in page
    echoed = browsers["viewer"].get("/orgs", params={"q": '"><script>x()</script>'}).text
    assert "<script>x()" not in echoed


def test_bodies_over_the_limit_are_413(db_path: Path) -> None:
    app = create_app(Settings(db=str(db_path), max_file_bytes=1000), workers=0, secret=SECRET)
    with client(app) as c:
        r = c.post(
            "/api/v1/screening/name",
            content=b"x" * 5000,
            headers={"content-type": "application/json"},
        )
        assert r.status_code == 413 and "1000 bytes" in r.json()["detail"]

        def chunks():  # no Content-Length: counted as it streams
            yield b"{" + b" " * 600
            yield b" " * 600 + b"}"

        r = c.post(
            "/api/v1/screening/name", content=chunks(), headers={"content-type": "application/json"}
        )
        assert r.status_code == 413
    app.state.engine.dispose()


def test_sign_in_never_redirects_off_site(app: FastAPI) -> None:
    with client(app) as c:
        for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
            token = form_token(c.get("/login").text, "/login")
            r = c.post(
                "/login",
                data={
                    "email": email("viewer"),
                    "password": PASSWORD,
                    "csrf_token": token,
                    "next": target,
                },
            )
            assert r.headers["location"] == "/missions", target


def test_a_bug_is_a_plain_500_without_a_trace(db_path: Path) -> None:
    app = create_app(Settings(db=str(db_path)), workers=0, secret=SECRET)
    app.state.engine.dispose()
    app.state.engine = None  # every service call now fails inside the server
    with client(app) as c:
        r = c.get("/api/v1/missions", headers={"Authorization": "Bearer ctk_x"})
        assert r.status_code == 500
        assert "Traceback" not in r.text and "NoneType" not in r.text
        assert "logged" in r.json()["detail"]
