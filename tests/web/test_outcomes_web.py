"""Outcomes over the API and the pages, on the demo database: 422 naming the field,
who may read and write, the KPI page and dashboard panel, the forms, the downloads."""

from __future__ import annotations

import io
import re
import subprocess

from fastapi import FastAPI
from openpyxl import load_workbook

from tests.web.conftest import MISSION, TestClient, client, form_token

API = f"/api/v1/missions/{MISSION}"
PAGE = f"/missions/{MISSION}/outcomes"


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def meetings(c: TestClient, token: str) -> list[dict[str, str]]:
    data: list[dict[str, str]] = c.get(f"{API}/schedule", headers=auth(token)).json()["data"]
    return data


def test_api_records_and_reads_and_names_the_bad_field(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    with client(app) as c:
        organiser = auth(tokens["organiser"])
        first, second = meetings(c, tokens["organiser"])[:2]
        a, b = first["org_a"], first["org_b"]
        every = meetings(c, tokens["organiser"])
        met = {k for m in every if a in (m["org_a"], m["org_b"]) for k in (m["org_a"], m["org_b"])}
        stranger = next(m["org_b"] for m in every if m["org_b"] not in met)
        for body, field in (
            ({"org": a, "partner": b, "held": True, "rating": 7}, "rating"),
            ({"org": a, "partner": stranger, "held": True}, "partner"),
        ):
            r = c.post(f"{API}/feedback", json=body, headers=organiser)
            assert r.status_code == 422 and r.json()["field"] == field, r.json()
        for body, field in (
            ({"org": a, "kind": "merger", "partners": [b]}, "kind"),
            ({"org": a, "kind": "investment_closed", "partners": [b], "amount": 5}, "currency"),
            ({"org": a, "kind": "mou", "partners": [stranger]}, "partners"),
        ):
            r = c.post(f"{API}/outcomes", json=body, headers=organiser)
            assert r.status_code == 422 and r.json()["field"] == field, r.json()
        r = c.post(
            f"{API}/feedback",
            json={"org": a, "partner": b, "held": True, "rating": 5, "follow_up": True},
            headers=organiser,
        )
        assert r.status_code == 201 and r.json()["actor"].startswith("token:test organiser")
        r = c.post(
            f"{API}/outcomes",
            json={
                "org": b,
                "kind": "term_sheet",
                "partners": [a],
                "amount": "1250000.5",
                "currency": "usd",
            },
            headers=organiser,
        )
        assert r.status_code == 201, r.json()
        assert (r.json()["amount"], r.json()["currency"]) == ("1250000.5", "USD")
        viewer = auth(tokens["viewer"])
        listed = c.get(f"{API}/feedback", params={"org": a}, headers=viewer).json()
        assert [(f["partner"], f["rating"]) for f in listed["data"]] == [(b, 5)]
        assert any(
            o["kind"] == "term_sheet"
            for o in c.get(f"{API}/outcomes", headers=viewer).json()["data"]
        )
        k = c.get(f"{API}/kpis", headers=viewer).json()
        assert k["funnel"]["stages"]["held"] >= 1 and k["funnel"]["stages"]["investment"] >= 1
        assert {"kind": "term_sheet", "currency": "USD"}.items() <= k["money"][0].items()
        assert isinstance(k["syndicates"], list) and len(k["syndicates"]) > 0
        assert second  # the schedule has more than one meeting


def test_roles_organiser_writes_viewer_reads_compliance_neither(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    with client(app) as c:
        body = {"org": "x", "partner": "y", "held": True}
        assert (
            c.post(f"{API}/feedback", json=body, headers=auth(tokens["viewer"])).status_code == 403
        )
        assert c.get(f"{API}/kpis", headers=auth(tokens["compliance"])).status_code == 403
        assert c.get(f"{API}/outcomes", headers=auth(tokens["admin"])).status_code == 403
        assert c.get(f"{API}/kpis").status_code == 401
        assert (
            c.get(
                "/api/v1/missions/no-such-mission/kpis", headers=auth(tokens["viewer"])
            ).status_code
            == 404
        )


def test_forms_record_on_behalf_and_say_what_was_wrong(
    browsers: dict[str, TestClient], tokens: dict[str, str]
) -> None:
    c = browsers["organiser"]
    page = c.get(PAGE)
    assert page.status_code == 200 and 'id="feedback-form"' in page.text
    token = form_token(page.text, f"{PAGE}/feedback")
    m = meetings(c, tokens["organiser"])[3]
    r = c.post(
        f"{PAGE}/feedback",
        data={
            "csrf_token": token,
            "org": m["org_a"],
            "partner": m["org_b"],
            "held": "yes",
            "rating": "9",
        },
    )
    assert r.status_code == 303 and "error=" in r.headers["location"]
    assert "rating" in c.get(r.headers["location"]).text
    r = c.post(
        f"{PAGE}/report",
        data={
            "csrf_token": token,
            "org": m["org_a"],
            "kind": "pilot",
            "partners": [m["org_b"]],
            "note": "by e-mail",
        },
    )
    assert r.status_code == 303 and r.headers["location"].endswith("done=outcome")
    shown = c.get(r.headers["location"]).text
    assert "Outcome recorded." in shown and "Pilot / PoC" in shown
    viewer = browsers["viewer"].get(PAGE)
    assert viewer.status_code == 200 and 'id="feedback-form"' not in viewer.text
    assert browsers["compliance"].get(PAGE).status_code == 403


def test_dashboard_shows_the_kpi_panel(browsers: dict[str, TestClient]) -> None:
    html = browsers["viewer"].get(f"/missions/{MISSION}").text
    assert 'id="dashboard-kpis"' in html and "Funnel (pairs of organisations)" in html
    assert 'id="open-outcomes"' in html
    assert 'id="open-outcomes"' not in browsers["compliance"].get(f"/missions/{MISSION}").text


def test_downloads_open_with_their_figures(app: FastAPI, tokens: dict[str, str]) -> None:
    with client(app) as c:
        viewer = auth(tokens["viewer"])
        k = c.get(f"{API}/kpis", headers=viewer).json()
        r = c.get(f"{PAGE}.xlsx?lang=en", headers=viewer)
        assert r.status_code == 200 and r.headers["content-type"].startswith(
            "application/vnd.openxml"
        )
        book = load_workbook(io.BytesIO(r.content))
        pairs = [row[1] for row in book["Funnel"].iter_rows(min_row=2, values_only=True)]
        assert pairs == [k["funnel"]["stages"][s] for s in k["stages"]]
        r = c.get(f"{PAGE}.pdf?lang=zh", headers=viewer)
        assert r.status_code == 200 and r.content.startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=r.content, capture_output=True, check=True
        ).stdout.decode()
        words = " ".join(text.split())
        assert re.search(rf"\b{k['funnel']['stages']['scheduled']}\b", words)
        assert "1,250,000.5" in words


def test_export_job_zips_every_language_and_format(
    app: FastAPI, browsers: dict[str, TestClient]
) -> None:
    import zipfile

    from corridor.services import jobs

    c = browsers["viewer"]
    token = form_token(c.get(PAGE).text, f"{PAGE}/export")
    r = c.post(f"{PAGE}/export", data={"csrf_token": token})
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    job_id = int(r.headers["location"].rsplit("/", 1)[1])
    ran = jobs.run_next(app.state.engine)
    assert ran is not None and ran.id == job_id and ran.state == "done", ran
    archive = c.get(f"/jobs/{job_id}/download")
    assert archive.status_code == 200
    names = sorted(zipfile.ZipFile(io.BytesIO(archive.content)).namelist())
    assert names == sorted(
        f"outcomes-{lang}.{fmt}" for lang in ("en", "ko", "zh") for fmt in ("pdf", "xlsx")
    )
