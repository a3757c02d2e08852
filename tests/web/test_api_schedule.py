"""The matching, schedule and search API (and the matching pages' cache) on the demo
mission: who may call what, what each answers, and 422s naming the field."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI

from corridor.services import jobs
from tests.web.conftest import MISSION, client

ORG = "kr-samsung-electronics"


def call(app: FastAPI, token: str | None, method: str, path: str, **kwargs: Any) -> tuple[int, Any]:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    with client(app) as c:
        r = c.request(method, path, headers=headers, **kwargs)
    return r.status_code, r.json()


def test_the_published_schedule_lists_its_meetings(app: FastAPI, tokens: dict[str, str]) -> None:
    status, body = call(app, tokens["viewer"], "GET", f"/api/v1/missions/{MISSION}/schedule")
    assert status == 200 and body["published"] and body["count"] == len(body["data"]) > 0
    first = body["data"][0]
    assert first["org_a"] != first["org_b"] and first["start"] < first["end"]
    assert call(app, None, "GET", f"/api/v1/missions/{MISSION}/schedule")[0] == 401
    assert call(app, tokens["viewer"], "GET", "/api/v1/missions/nowhere/schedule")[0] == 404


def test_recommendations_are_explained_and_cached_until_accepted(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    path = f"/api/v1/missions/{MISSION}/matches"
    status, body = call(app, tokens["viewer"], "GET", path, params={"org": ORG})
    assert status == 200 and 0 < body["count"] <= 6
    assert all(m["org"] == ORG and m["explanation"] for m in body["data"])
    assert (MISSION, ORG, "en") in app.state.match_cache
    assert call(app, tokens["viewer"], "POST", path + "/accept", json={"org": ORG})[0] == 403
    status, done = call(app, tokens["organiser"], "POST", path + "/accept", json={"org": ORG})
    assert status == 200 and done["added"] > 0 and len(done["pairs"]) > 0
    assert all(ORG in pair for pair in done["pairs"])
    partners = {m["partner"] for m in body["data"]}
    assert partners <= {o for pair in done["pairs"] for o in pair}
    assert not any(k[0] == MISSION for k in app.state.match_cache)
    again = call(app, tokens["organiser"], "POST", path + "/accept", json={"org": ORG})[1]
    assert again["added"] == 0  # already requested both ways
    assert call(app, tokens["viewer"], "GET", path, params={"org": "no-such-org"})[0] == 404


def test_solve_is_a_job_that_publishes_a_new_schedule(app: FastAPI, tokens: dict[str, str]) -> None:
    path = f"/api/v1/missions/{MISSION}/schedule/solve"
    assert call(app, tokens["viewer"], "POST", path)[0] == 403
    assert call(app, tokens["compliance"], "POST", path)[0] == 403
    assert call(app, None, "POST", path)[0] == 401
    status, job = call(app, tokens["organiser"], "POST", path)
    assert status == 202 and job["kind"] == "solve_schedule" and job["state"] == "queued"
    engine = app.state.engine
    while (ran := jobs.run_next(engine)) is not None and ran.id != job["id"]:
        pass
    assert ran is not None and ran.state == "done", ran
    assert ran.result is not None and ran.result["meetings"] > 0
    _, body = call(app, tokens["viewer"], "GET", f"/api/v1/missions/{MISSION}/schedule")
    assert body["actor"] == body["published_by"] and "organiser" in str(body["actor"])


def test_replan_previews_a_draft_and_publish_makes_it_the_schedule(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    base = f"/api/v1/missions/{MISSION}/schedule"
    _, before = call(app, tokens["viewer"], "GET", base)
    cancelled = "cn-agibot"
    status, p = call(
        app, tokens["organiser"], "POST", base + "/replan", json={"cancel": [cancelled]}
    )
    assert status == 200 and p["base_id"] == before["id"], p
    assert p["dropped"] and all(cancelled in (c["org_a"], c["org_b"]) for c in p["dropped"])
    assert all(c["after"] is None for c in p["dropped"])
    _, unchanged = call(app, tokens["viewer"], "GET", base)
    assert unchanged["id"] == before["id"]  # a draft changes nothing yet
    assert call(app, tokens["viewer"], "POST", f"{base}/{p['schedule_id']}/publish")[0] == 403
    status, done = call(app, tokens["organiser"], "POST", f"{base}/{p['schedule_id']}/publish")
    assert status == 200 and done["published"] and done["base"] == before["id"]
    _, after = call(app, tokens["viewer"], "GET", base)
    assert after["id"] == p["schedule_id"]
    assert cancelled not in {o for m in after["data"] for o in (m["org_a"], m["org_b"])}


def test_a_stale_draft_is_a_conflict(app: FastAPI, tokens: dict[str, str]) -> None:
    base = f"/api/v1/missions/{MISSION}/schedule"
    org = "cn-baidu"
    first = call(app, tokens["organiser"], "POST", base + "/replan", json={"cancel": [org]})[1]
    second = call(app, tokens["organiser"], "POST", base + "/replan", json={"cancel": [org]})[1]
    assert (
        call(app, tokens["organiser"], "POST", f"{base}/{first['schedule_id']}/publish")[0] == 200
    )
    status, body = call(app, tokens["organiser"], "POST", f"{base}/{second['schedule_id']}/publish")
    assert status == 409 and "stale" in body["detail"]


def test_bad_input_is_422_naming_the_field(app: FastAPI, tokens: dict[str, str]) -> None:
    base = f"/api/v1/missions/{MISSION}"
    org = tokens["organiser"]
    cases = [
        ("POST", f"{base}/schedule/replan", {"json": {"add": ["only-one-side"]}}, "add[0]"),
        ("POST", f"{base}/schedule/replan", {"json": {"add": ["a:b:9"]}}, "add[0].interest"),
        ("POST", f"{base}/matches/accept", {"json": {}}, "org"),
        ("GET", f"{base}/matches", {}, "org"),
        ("GET", "/api/v1/search", {"params": {"q": ""}}, "question"),
        ("GET", "/api/v1/search", {"params": {"q": "data", "k": "x"}}, "k"),
    ]
    for method, path, kwargs, field in cases:
        status, body = call(app, org, method, path, **kwargs)
        assert status == 422, (path, body)
        named = body.get("field") or " ".join(str(e.get("loc")) for e in body["detail"])
        assert field in named, (path, body)


def test_search_finds_articles_and_hides_file_paths(app: FastAPI, tokens: dict[str, str]) -> None:
    q = "cross-border transfer of personal data"
    status, body = call(app, tokens["viewer"], "GET", "/api/v1/search", params={"q": q, "k": 5})
    assert status == 200 and 0 < body["count"] <= 5
    assert all(hit["url"].startswith("/search/article?doc=") for hit in body["data"])
    # why each answers: an English question reaches Korean and Chinese law by the glossary
    assert all(hit["why"] for hit in body["data"])
    paths = {(m["via"], m["source"]) for hit in body["data"] for m in hit["matched"]}
    assert ("glossary", "personal data") in paths, paths
    chips = {"q": "export control of AI chips to China", "k": 10}
    status, body = call(app, tokens["viewer"], "GET", "/api/v1/search", params=chips)
    relied = {hit["article"]: hit["relied_on_by"] for hit in body["data"]}
    assert relied.get("734.9") == "744.23", relied  # the EAR's chain, said
    assert call(app, None, "GET", "/api/v1/search", params={"q": q})[0] == 401


def test_agenda_downloads_are_attachments(app: FastAPI, browsers: dict[str, Any]) -> None:
    import icalendar

    c = browsers["viewer"]
    page = c.get(f"/missions/{MISSION}/agenda/{ORG}")
    assert page.status_code == 200 and "dl-ics" in page.text
    meetings = page.text.count("/dossiers/")
    ics = c.get(f"/missions/{MISSION}/agenda/{ORG}.ics")
    assert ics.status_code == 200
    assert ics.headers["content-disposition"].startswith("attachment;")
    events = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    # meetings an earlier replan dropped stay in the calendar, cancelled, so that a
    # calendar that imported them removes them
    live = [e for e in events if e["status"] == "CONFIRMED"]
    assert len(live) == meetings > 0
    assert all(e["status"] == "CANCELLED" for e in events if e not in live)
    assert c.get(f"/missions/{MISSION}/agenda/{ORG}.doc").status_code == 422
    assert c.get(f"/missions/{MISSION}/agenda/no-such-org").status_code == 404


def test_an_article_outside_the_index_is_not_found(browsers: dict[str, Any]) -> None:
    c = browsers["viewer"]
    r = c.get("/search/article", params={"doc": "/etc/passwd", "article": "1"})
    assert r.status_code == 404 and "root:" not in r.text


def test_the_article_page_shows_ecfr_italics_as_emphasis(
    app: FastAPI, tokens: dict[str, str], browsers: dict[str, Any]
) -> None:
    q = "License Exception Artificial Intelligence Authorization"
    status, body = call(app, tokens["viewer"], "GET", "/api/v1/search", params={"q": q, "k": 3})
    assert status == 200
    hit = next(h for h in body["data"] if h["article"] == "740.27")
    page = browsers["viewer"].get(hit["url"])
    assert page.status_code == 200
    assert "<em>Scope.</em>" in page.text and "_Scope._" not in page.text


def test_the_article_page_marks_the_words_it_shares_with_the_question(
    app: FastAPI, tokens: dict[str, str], browsers: dict[str, Any]
) -> None:
    q = "개인정보 국외 이전"  # Korean: a Chinese article shares the glossary's words
    status, body = call(
        app, tokens["viewer"], "GET", "/api/v1/search", params={"q": q, "lang": "zh", "k": 3}
    )
    assert status == 200 and body["data"]
    hit = body["data"][0]
    page = browsers["viewer"].get(hit["url"])
    assert page.status_code == 200
    marks = set(re.findall(r"<mark>(.*?)</mark>", page.text))
    assert "个人信息" in marks, marks
    assert 'id="marked"' in page.text and f"“{q}”" in page.text  # what the marks mean
    bare = browsers["viewer"].get(hit["url"].split("&q=")[0])  # opened without a question
    assert bare.status_code == 200 and "<mark>" not in bare.text and 'id="marked"' not in bare.text
