"""Compliance and imports over the API and the pages, on a real database: hits,
decisions (reason required), the decision trail, list versions, uploads, audit export,
the organisation page, and what each role may do."""

from __future__ import annotations

import csv
import gzip
import html as html_module
import io
import json
import re
from pathlib import Path

from fastapi import FastAPI

from corridor.services import jobs
from corridor.services.lists import bundled_lists
from corridor.services.screening import list_versions
from tests.factory import org_row, write_csv
from tests.web.conftest import MISSION, TestClient, client, form_token

HITS = f"/api/v1/missions/{MISSION}/hits"
DECISIONS = f"/api/v1/missions/{MISSION}/decisions"


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def first_hit(app: FastAPI, token: str) -> dict[str, object]:
    with client(app) as c:
        body = c.get(HITS, headers=auth(token)).json()
    assert body["count"] == len(body["data"]) > 0
    hit: dict[str, object] = body["data"][0]
    return hit


def test_hits_say_list_version_explanation_and_coverage(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    with client(app) as c:
        r = c.get(HITS, headers=auth(tokens["viewer"]))
        assert r.status_code == 200
        body = r.json()
        assert body["checked_against"] != "no list"
        active = {v.id for v, on in list_versions(app.state.engine) if on}
        assert all(h["list_version"] in active and h["explanation"] for h in body["data"])
        assert c.get(HITS).status_code == 401
        assert (
            c.get("/api/v1/missions/nowhere/hits", headers=auth(tokens["viewer"])).status_code
            == 404
        )


def test_a_decision_needs_a_reason_and_the_compliance_role(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    hit = first_hit(app, tokens["compliance"])
    body = {k: hit[k] for k in ("org_key", "source", "source_id")}
    with client(app) as c:
        for reason in ("", "   "):
            r = c.post(
                DECISIONS,
                json={**body, "action": "clear", "reason": reason},
                headers=auth(tokens["compliance"]),
            )
            assert r.status_code == 422
            assert r.json()["detail"][0]["field"] == "reason"
        bad = c.post(
            DECISIONS,
            json={**body, "action": "maybe", "reason": "x"},
            headers=auth(tokens["compliance"]),
        )
        assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "action"
        for role in ("viewer", "organiser", "admin"):
            r = c.post(
                DECISIONS,
                json={**body, "action": "clear", "reason": "r"},
                headers=auth(tokens[role]),
            )
            assert r.status_code == 403, role
        assert c.post(DECISIONS, json={**body, "action": "clear", "reason": "r"}).status_code == 401
        r = c.post(
            DECISIONS,
            json={**body, "action": "block", "reason": "same registration number"},
            headers=auth(tokens["compliance"]),
        )
        assert r.status_code == 201
        made = r.json()
        assert made["actor"].startswith("test compliance") or made["actor"]
        assert made["list_version"] == hit["list_version"]
        trail = c.get("/api/v1/decisions", headers=auth(tokens["viewer"])).json()
        assert trail["data"][-1]["reason"] == "same registration number"
        assert trail["data"][-1]["action"] == "block"
        after = c.get(HITS, headers=auth(tokens["viewer"])).json()["data"]
        same = next(
            h for h in after if (h["org_key"], h["source_id"]) == (hit["org_key"], hit["source_id"])
        )
        assert same["decision"] == "block" and same["open"] is False
        missing = c.post(
            DECISIONS,
            json={**body, "source_id": "no-such-entry", "action": "clear", "reason": "r"},
            headers=auth(tokens["compliance"]),
        )
        assert missing.status_code == 404


def test_list_versions_say_which_is_in_force(app: FastAPI, tokens: dict[str, str]) -> None:
    with client(app) as c:
        body = c.get("/api/v1/lists", headers=auth(tokens["viewer"])).json()
        assert c.get("/api/v1/lists").status_code == 401
    assert body["count"] == len(body["data"]) >= 1
    sources = [v["source"] for v in body["data"] if v["in_force"]]
    assert len(sources) == len(set(sources)) > 0  # one version in force per source


def bad_and_good(tmp: Path) -> tuple[Path, Path]:
    good = org_row(
        key="kr-upload-robotics",
        kind="startup",
        country="KR",
        name_en="Upload Robotics",
        sectors="robotics",
    )
    return (
        write_csv(tmp / "orgs-bad.csv", [{**good, "country": "XX"}]),
        write_csv(tmp / "orgs-good.csv", [good]),
    )


def test_import_rejects_a_bad_file_whole_then_takes_the_fixed_one(
    app: FastAPI, tokens: dict[str, str], tmp_path: Path
) -> None:
    bad, good = bad_and_good(tmp_path)
    with client(app) as c:

        def post(path: Path, role: str = "organiser") -> tuple[int, dict[str, object]]:
            r = c.post(
                "/api/v1/imports",
                data={"kind": "organisations", "mission": MISSION},
                files={"file": (path.name, path.read_bytes(), "text/csv")},
                headers=auth(tokens[role]),
            )
            return r.status_code, r.json()

        status, body = post(bad)
        assert status == 422
        problems = body["problems"]
        assert isinstance(problems, list) and any("country" in p and "XX" in p for p in problems)
        assert all(p.startswith("orgs-bad.csv:2:") for p in problems), problems
        assert (
            c.get(
                "/api/v1/organisations/kr-upload-robotics", headers=auth(tokens["viewer"])
            ).status_code
            == 404
        )
        assert post(good, "viewer")[0] == 403
        assert post(good, "compliance")[0] == 403
        status, body = post(good)
        assert status == 200, body
        assert body["total"] == {"created": 1, "updated": 0, "unchanged": 0}
        assert body["participants_added"] == 1
        status, body = post(good, "admin")
        assert status == 200 and body["total"]["unchanged"] == 1
        r = c.post(
            "/api/v1/imports",
            data={"kind": "animals"},
            files={"file": ("x.csv", b"a,b\n", "text/csv")},
            headers=auth(tokens["organiser"]),
        )
        assert r.status_code == 422 and r.json()["detail"][0]["field"] == "kind"


def signed_csrf(c: TestClient, page: str, action: str) -> str:
    return form_token(c.get(page).text, action)


def test_import_page_shows_the_problem_table_and_writes_nothing(
    browsers: dict[str, TestClient], tmp_path: Path
) -> None:
    bad, _ = bad_and_good(tmp_path)
    c = browsers["organiser"]
    token = signed_csrf(c, "/import", "/import")
    r = c.post(
        "/import",
        data={"csrf_token": token, "kind": "organisations", "mission": ""},
        files={"file": ("../../etc/orgs-bad.csv", bad.read_bytes(), "text/csv")},
    )
    assert r.status_code == 422
    assert 'class="data problems"' in r.text and "XX" in r.text and "country" in r.text
    assert "corridor-upload-" not in r.text  # the temporary path is not shown
    assert browsers["viewer"].get("/import").status_code == 403
    assert browsers["compliance"].get("/import").status_code == 403


def test_screening_page_decides_with_a_reason_and_shows_the_trail(
    app: FastAPI, browsers: dict[str, TestClient]
) -> None:
    page = f"/missions/{MISSION}/screening"
    action = f"{page}/decisions"
    viewer = browsers["viewer"].get(page)
    assert viewer.status_code == 200 and "Checked against" in viewer.text
    assert action not in viewer.text  # no decision form for a viewer
    organiser = browsers["organiser"].get(page)
    assert action not in organiser.text
    c = browsers["compliance"]
    html = c.get(page).text
    assert action in html
    hit = first_hit(app, next(iter([_token(app)])))
    form = {
        "csrf_token": form_token(html, action),
        "org": str(hit["org_key"]),
        "source": str(hit["source"]),
        "source_id": str(hit["source_id"]),
    }
    refused = c.post(action, data={**form, "action": "clear", "reason": " "})
    assert refused.status_code == 303 and "error=" in refused.headers["location"]
    assert "reason" in c.get(refused.headers["location"]).text
    r = c.post(action, data={**form, "action": "clear", "reason": "different founding year"})
    assert r.status_code == 303
    shown = c.get(r.headers["location"]).text
    assert "different founding year" in shown and "compliance@example.org" in shown
    viewer_post = browsers["viewer"].post(action, data={**form, "action": "clear", "reason": "x"})
    assert viewer_post.status_code == 403


def _token(app: FastAPI) -> str:
    from corridor.services import users

    return users.create_token(app.state.engine, ["viewer"], "hits reader")[1]


def test_audit_export_in_three_formats(browsers: dict[str, TestClient]) -> None:
    c = browsers["compliance"]
    base = f"/missions/{MISSION}/screening/audit"
    rows = list(csv.DictReader(io.StringIO(c.get(f"{base}.csv").text)))
    assert {r["record"] for r in rows} >= {"hit"}
    records = json.loads(c.get(f"{base}.json").text)
    assert len(records) == len(rows)
    xlsx = c.get(f"{base}.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "attachment" in xlsx.headers["content-disposition"]
    assert browsers["viewer"].get(f"{base}.csv").status_code == 403


def test_lists_page_and_a_refused_load_fails_its_job(
    app: FastAPI, browsers: dict[str, TestClient]
) -> None:
    viewer = browsers["viewer"].get("/lists")
    assert viewer.status_code == 200 and "in-force" in viewer.text
    assert 'action="/lists"' not in viewer.text
    c = browsers["admin"]
    html = c.get("/lists").text
    first = next(p for p in bundled_lists() if p.name == "dpl.txt.gz")
    lines = gzip.decompress(first.read_bytes()).splitlines(keepends=True)
    truncated = gzip.compress(b"".join(lines[: len(lines) // 4]), mtime=0)
    r = c.post(
        "/lists",
        data={"csrf_token": form_token(html, "/lists"), "label": "cut"},
        files={"file": (first.name, truncated)},
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    ran = jobs.run_next(app.state.engine)
    while ran is not None and ran.kind != "load_lists":
        ran = jobs.run_next(app.state.engine)
    assert ran is not None and ran.state == "failed"
    assert ran.error is not None and "refused" in ran.error
    page = c.get(r.headers["location"]).text
    assert "refused" in page
    no_reason = c.post(
        "/lists",
        data={"csrf_token": form_token(html, "/lists"), "accept_shrink": "true", "reason": ""},
        files={"file": (first.name, truncated)},
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.text


def test_organisation_page(browsers: dict[str, TestClient]) -> None:
    r = browsers["viewer"].get("/orgs/cn-hikvision")
    assert r.status_code == 200
    assert "海康威视" in r.text and "하이크비전" in r.text
    assert f'id="mission-{MISSION}"' in r.text
    assert browsers["viewer"].get("/orgs/no-such-org").status_code == 404
    assert 'href="/orgs/cn-hikvision"' in browsers["viewer"].get("/orgs?q=hikvision").text


def test_the_registry_pages_through_every_organisation_once(
    browsers: dict[str, TestClient],
) -> None:
    viewer = browsers["viewer"]
    first = viewer.get(f"/orgs?mission={MISSION}")
    total = int(re.search(r'id="org-count">(\d+)', first.text).group(1))  # type: ignore[union-attr]
    assert total > 50  # the demo mission needs more than one page
    seen: list[str] = []
    url: str | None = f"/orgs?mission={MISSION}"
    while url is not None:
        page = viewer.get(url)
        assert page.status_code == 200
        seen += re.findall(r'<strong><a href="/orgs/([^"]+)">', page.text)
        found = re.search(r'<a rel="next" href="([^"]+)"', page.text)
        url = html_module.unescape(found.group(1)) if found else None
        if url is not None:
            assert f"mission={MISSION}" in url  # the filters stay on the pager's links
    assert len(seen) == total == len(set(seen))
    beyond = viewer.get(f"/orgs?mission={MISSION}&page=999")
    assert beyond.status_code == 200 and 'rel="prev"' in beyond.text  # the last page
    assert viewer.get("/orgs?page=0").status_code == 422
