"""A web app on a real SQLite file holding the Shanghai demo mission, screened and
scheduled, with one account and one API token per role.

The database is built once per session (importing, loading the bundled lists and
screening take seconds) and copied for each test module that needs it.
"""

from __future__ import annotations

import re
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from corridor.services import users
from corridor.services.bundled import bundled
from corridor.services.database import open_database
from corridor.services.demo import EXAMPLE
from corridor.services.imports import import_mission
from corridor.services.lists import bundled_lists, load_lists
from corridor.services.scheduling import schedule_mission
from corridor.services.screening import screen_mission
from corridor.settings import Settings
from corridor.web.app import create_app
from tests.web.smtp import Inbox, smtp_server

with warnings.catch_warnings():
    # Starlette nudges towards httpx2, which is not installed; httpx works as ever.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

MISSION = "shanghai-2026"
PASSWORD = "correct horse battery staple"
ROLES = ("admin", "organiser", "compliance", "viewer")
SECRET = "test-secret-key-that-is-long-enough-0123456789"
HOSTILE = "<script>alert(1)</script>"
BASE = "http://127.0.0.1"


def email(role: str) -> str:
    """The test account of a role."""
    return f"{role}@example.org"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the demo mission (and one hostile name), screened and scheduled."""
    from corridor.registry.batch import Source
    from corridor.services.imports import import_files
    from tests.factory import org_row, write_csv

    path = tmp_path_factory.mktemp("web") / "corridor.db"
    engine = open_database(str(path))
    import_mission(engine, EXAMPLE, actor="test")
    hostile = org_row(
        key="kr-hostile-name", kind="startup", country="KR", name_en=HOSTILE, sectors="robotics"
    )
    csv = write_csv(path.parent / "hostile.csv", [hostile])
    import_files(engine, [Source("organisations", csv)], mission=MISSION)
    load_lists(engine, bundled_lists(), label="test")
    screen_mission(engine, MISSION, actor="test")
    schedule_mission(engine, MISSION, solver="greedy", time_limit=2.0, actor="test")
    for role in ROLES:
        users.add_user(engine, email(role), PASSWORD, [role])
    engine.dispose()
    return path


@pytest.fixture(scope="module")
def db_path(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the demo database for one test module."""
    copy = tmp_path_factory.mktemp("webmod") / "corridor.db"
    shutil.copy(demo_db, copy)
    return copy


@pytest.fixture(scope="session")
def search_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A legal search index of the bundled laws without dense vectors (about 10 s, once)."""
    from corridor.services.search import index_paths

    folder = tmp_path_factory.mktemp("search") / "index"
    index_paths([bundled("legal")], folder, vectors="none")
    return folder


@pytest.fixture(scope="module")
def app(db_path: Path, search_index: Path) -> Iterator[FastAPI]:
    """The app on the module's database, without job workers (tests run jobs in turn);
    files it writes go beside the database."""
    settings = Settings(db=str(db_path), search_index=search_index, out=db_path.parent / "out")
    app = create_app(settings, workers=0, secret=SECRET)
    yield app
    app.state.engine.dispose()


def client(app: FastAPI, base_url: str = BASE) -> TestClient:
    """A browser-like client that does not follow redirects (tests look at them)."""
    return TestClient(app, base_url=base_url, follow_redirects=False, raise_server_exceptions=False)


def form_token(html: str, action: str = "") -> str:
    """The CSRF token of the first form on a page (posting to ``action``, if given)."""
    found = re.search(
        action + r'"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]*)"', html
    )
    assert found is not None, "no CSRF field on the page"
    return found.group(1)


def sign_in(c: TestClient, role: str, password: str = PASSWORD) -> int:
    """Sign in through the form like a person; returns the status of the POST."""
    token = form_token(c.get("/login").text, "/login")
    r = c.post(
        "/login",
        data={"email": email(role), "password": password, "csrf_token": token, "next": "/"},
    )
    return r.status_code


@pytest.fixture(scope="module")
def browsers(app: FastAPI) -> Iterator[dict[str, TestClient]]:
    """A signed-in client per role, and an anonymous one under ``None``'s key ``anon``."""
    out: dict[str, TestClient] = {}
    for role in ROLES:
        c = client(app)
        assert sign_in(c, role) == 303
        out[role] = c
    out["anon"] = client(app)
    yield out
    for c in out.values():
        c.close()


@pytest.fixture(scope="module")
def tokens(app: FastAPI) -> dict[str, str]:
    """An API token per role."""
    return {role: users.create_token(app.state.engine, [role], f"test {role}")[1] for role in ROLES}


# The browser tests: pytest-playwright's fixtures, pointed at Debian's chromium
# (a browser is never downloaded), and the app served for real.


@pytest.fixture(scope="session")
def base_url() -> str | None:
    """No base address: pages are opened by full address. (pytest-playwright 0.10's own
    ``base_url`` is an instance method that pytest 9 warns about, an error here.)"""
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, object]) -> dict[str, object]:
    """pytest-playwright launches /usr/bin/chromium."""
    from tests.web.live import CHROMIUM

    return {**browser_type_launch_args, "executable_path": str(CHROMIUM)}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, object]) -> dict[str, object]:
    """A laptop-sized British-English window that accepts downloads."""
    viewport = {"width": 1360, "height": 900}
    return {
        **browser_context_args,
        "viewport": viewport,
        "locale": "en-GB",
        "accept_downloads": True,
    }


@pytest.fixture(scope="module")
def server(db_path: Path, search_index: Path) -> Iterator[str]:
    """The module's app with its job workers, served by uvicorn as ``corridor serve`` does."""
    from tests.web.live import served

    with served(db_path, search_index) as url:
        yield url


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    """A local SMTP server that keeps what it is sent."""
    with smtp_server() as box:
        yield box


def open_invitation(c: TestClient, token: str) -> int:
    """Open an invitation link like a delegate: the welcome page, then "Enter"."""
    page = c.get(f"/invite/{token}")
    assert page.status_code == 200, page.text
    r = c.post(f"/invite/{token}", data={"csrf_token": form_token(page.text, f"/invite/{token}")})
    return r.status_code


def first_meeting_org(app: FastAPI) -> str:
    """The first organisation of the published schedule's first meeting."""
    from corridor.services.schedule_views import stored

    return stored(app.state.engine, MISSION).meetings[0].org_a


@pytest.fixture(scope="module")
def participant(app: FastAPI) -> Iterator[TestClient]:
    """A delegate of the organisation of the first published meeting, signed in through
    an invitation (issued after a throwaway one, so the delegate's is not invitation 1)."""
    from corridor.services import invitations, registry

    engine = app.state.engine
    org = first_meeting_org(app)
    invitations.invite(engine, MISSION, actor="test", org_key=org, email="first@example.org")
    people = registry.find_people(engine, org=org)
    issued = invitations.invite(
        engine,
        MISSION,
        actor="test",
        person_key=people[0].key if people else None,
        org_key=org,
        email="delegate@example.org",
    )
    c = client(app)
    assert open_invitation(c, issued.token) == 303
    yield c
    c.close()
