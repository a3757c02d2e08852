"""Screening holds in the console and the API: the dashboard's held panel and policy
form (staff only), rule flags decided in the screening queue, what a decision changed
for the mission with a replan offer, and the policy over the API (422 naming the field)."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlparse

from fastapi import FastAPI

from tests.web.conftest import MISSION, TestClient, form_token

HELD = ["cn-cloudwalk", "cn-dji", "cn-hikvision", "cn-megvii", "hk-sensetime"]
DASHBOARD = f"/missions/{MISSION}"
QUEUE = f"/missions/{MISSION}/screening"


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _panel(page: str) -> str:
    found = re.search(r'<section class="card" id="held">(.*?)</section>', page, re.S)
    assert found is not None, "no held panel"
    return found.group(1)


def test_the_dashboard_shows_who_is_held_and_why(browsers: dict[str, TestClient]) -> None:
    page = browsers["viewer"].get(DASHBOARD)
    assert page.status_code == 200
    panel = _panel(page.text)
    rows = re.findall(r'<tr id="held-([^"]+)">', panel)
    assert rows == HELD
    for key in HELD:
        assert f'href="/orgs/{key}"' in panel
        assert f'href="{QUEUE}#org-{key}"' in panel
    assert "SZ DJI TECHNOLOGY CO., LTD." in panel and "strong list hit" in panel
    assert "blocking end-use flag" in panel and "Surveillance or facial recognition" in panel
    assert "not recommended, scheduled or invited" in panel
    assert 'id="policy-form"' not in panel  # a viewer reads, an organiser sets
    assert 'id="policy-form"' in _panel(browsers["organiser"].get(DASHBOARD).text)


def test_the_policy_form_refuses_nonsense_and_sets_flag(browsers: dict[str, TestClient]) -> None:
    c = browsers["organiser"]
    token = form_token(c.get(DASHBOARD).text, f"{DASHBOARD}/policy")
    r = c.post(f"{DASHBOARD}/policy", data={"csrf_token": token, "hold_policy": "maybe"})
    assert r.status_code == 303
    page = c.get(r.headers["location"]).text
    assert 'id="policy-error"' in page and "hold_policy=&#39;maybe&#39;" in page
    r = c.post(f"{DASHBOARD}/policy", data={"csrf_token": token, "hold_policy": "flag"})
    assert r.status_code == 303 and r.headers["location"] == f"{DASHBOARD}#held"
    panel = _panel(c.get(DASHBOARD).text)
    assert "take part, flagged to organisers only" in panel and "set by organiser@" in panel
    assert panel.count("taking part, flagged") == len(HELD)
    r = c.post(f"{DASHBOARD}/policy", data={"csrf_token": token, "hold_policy": "hold"})
    assert r.status_code == 303
    viewer = browsers["viewer"]
    token = form_token(viewer.get(DASHBOARD).text)
    r = viewer.post(f"{DASHBOARD}/policy", data={"csrf_token": token, "hold_policy": "flag"})
    assert r.status_code == 403


def test_the_policy_over_the_api(app: FastAPI, tokens: dict[str, str]) -> None:
    from tests.web.conftest import client

    url = f"/api/v1/missions/{MISSION}"
    with client(app) as c:
        assert c.get(url, headers=auth(tokens["viewer"])).json()["hold_policy"] == "hold"
        r = c.patch(url, json={"hold_policy": "maybe"}, headers=auth(tokens["organiser"]))
        assert r.status_code == 422
        assert (r.json()["field"], r.json()["value"]) == ("hold_policy", "maybe")
        r = c.patch(url, json={}, headers=auth(tokens["organiser"]))
        assert r.status_code == 422 and r.json()["detail"][0]["field"] == "hold_policy"
        r = c.patch(url, json={"hold_policy": "flag"}, headers=auth(tokens["viewer"]))
        assert r.status_code == 403
        r = c.patch(url, json={"hold_policy": "flag"}, headers=auth(tokens["organiser"]))
        assert r.status_code == 200 and r.json()["hold_policy"] == "flag"
        held = c.get(f"{url}/held", headers=auth(tokens["viewer"])).json()
        assert held["hold_policy"] == "flag" and [h["org_key"] for h in held["data"]] == HELD
        dji = held["data"][1]["reasons"][0]
        assert (dji["kind"], dji["state"], dji["strong"]) == ("hit", "undecided", True)
        r = c.patch(url, json={"hold_policy": "hold"}, headers=auth(tokens["organiser"]))
        assert r.json()["hold_policy"] == "hold"
        assert (
            c.patch(
                "/api/v1/missions/nowhere",
                json={"hold_policy": "hold"},
                headers=auth(tokens["organiser"]),
            ).status_code
            == 404
        )


def _decide(c: TestClient, org: str, source: str, source_id: str, action: str) -> str:
    token = form_token(c.get(QUEUE).text, f"{QUEUE}/decisions")
    r = c.post(
        f"{QUEUE}/decisions",
        data={
            "csrf_token": token,
            "org": org,
            "source": source,
            "source_id": source_id,
            "action": action,
            "reason": f"web test: {action}",
        },
    )
    assert r.status_code == 303
    return str(r.headers["location"])


def test_a_rule_flag_is_decided_in_the_queue_like_a_hit(browsers: dict[str, TestClient]) -> None:
    c = browsers["compliance"]
    page = c.get(QUEUE).text
    row = re.search(
        r'<tr class="flag open" id="flag-cn-megvii-surveillance">(.*?)</tr>', page, re.S
    )
    assert row is not None
    assert "Surveillance or facial recognition" in row.group(1)
    assert "Legal basis" in row.group(1) and "EAR 744.11" in row.group(1)
    assert 'name="source" value="rule"' in row.group(1) and "required" in row.group(1)
    where = _decide(c, "cn-megvii", "rule", "surveillance", "clear")
    assert parse_qs(urlparse(where).query)["was"] == ["held"]
    page = c.get(where).text
    notice = re.search(r'<p class="notice" role="status" id="decision-done">(.*?)</p>', page)
    assert notice is not None and "Surveillance or facial recognition" in notice.group(1)
    effect = re.search(r'<section class="card" id="decision-effect">(.*?)</section>', page, re.S)
    assert effect is not None
    assert "still held until its other open items are decided" in effect.group(1)
    trail = re.search(r'id="org-cn-megvii".*?<table class="data trail">(.*?)</table>', page, re.S)
    assert trail is not None and "web test: clear" in trail.group(1)
    viewer = browsers["viewer"]
    assert 'class="decide decide-flag"' not in viewer.get(QUEUE).text  # compliance decides


def test_clearing_says_what_changed_and_offers_a_replan(browsers: dict[str, TestClient]) -> None:
    c = browsers["compliance"]
    where = _decide(c, "cn-dji", "ofac_cons", "33111", "clear")
    effect = re.search(
        r'<section class="card" id="decision-effect">(.*?)</section>', c.get(where).text, re.S
    )
    assert effect is not None
    text = html.unescape(effect.group(1))
    assert "recommendations and scheduling now include DJI" in text
    assert f'href="/missions/{MISSION}/schedule#replan"' in text  # compliance: a link
    assert "An organiser can replan it" in text
    organiser_view = browsers["organiser"].get(where).text
    assert 'id="replan-link"' in organiser_view
    assert 'id="held-cn-dji"' not in browsers["viewer"].get(DASHBOARD).text
    where = _decide(c, "cn-dji", "ofac_cons", "33111", "block")
    text = html.unescape(c.get(where).text)
    assert "recommendations and scheduling now exclude DJI" in text


def test_the_schedule_page_replans_after_screening(browsers: dict[str, TestClient]) -> None:
    c = browsers["organiser"]
    page = c.get(f"/missions/{MISSION}/schedule").text
    assert 'id="replan-screening"' in page
    token = form_token(page, f"/missions/{MISSION}/schedule/replan")
    r = c.post(f"/missions/{MISSION}/schedule/replan", data={"csrf_token": token, "screening": "1"})
    assert r.status_code == 303 and re.search(r"/schedule/\d+/changes$", r.headers["location"])
