"""The REST API on a real database: each resource, bad input, tokens."""

from __future__ import annotations

from fastapi import FastAPI

from corridor.services import jobs, users
from tests.web.conftest import HOSTILE, MISSION, client


def get(app: FastAPI, token: str, path: str, **params: str) -> tuple[int, dict[str, object]]:
    with client(app) as c:
        r = c.get(path, params=params, headers={"Authorization": f"Bearer {token}"})
    return r.status_code, r.json()


def test_organisations_filter_by_mission_country_and_status(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    status, body = get(app, tokens["viewer"], "/api/v1/organisations", mission=MISSION)
    assert status == 200
    assert body["count"] == len(body["data"]) == 82  # 81 demo participants + the hostile one
    _, cn = get(app, tokens["viewer"], "/api/v1/organisations", mission=MISSION, country="cn")
    assert {o["country"] for o in cn["data"]} == {"CN"} and cn["count"] == 41
    _, review = get(
        app, tokens["viewer"], "/api/v1/organisations", mission=MISSION, status="review"
    )
    assert review["count"] > 0 and {o["status"] for o in review["data"]} == {"review"}


def test_a_name_in_any_script_finds_the_same_organisation(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    for query in ("海康", "하이크비전", "hikvision", "HIKVISION"):
        _, body = get(app, tokens["viewer"], "/api/v1/organisations", q=query)
        assert [o["key"] for o in body["data"]] == ["cn-hikvision"], query


def test_one_organisation_and_a_missing_one(app: FastAPI, tokens: dict[str, str]) -> None:
    status, body = get(app, tokens["viewer"], "/api/v1/organisations/cn-hikvision")
    assert status == 200 and body["display_name"] == "Hikvision"
    assert {"海康威视", "하이크비전"} <= {n["text"] for n in body["names"]}
    status, body = get(app, tokens["viewer"], "/api/v1/organisations/no-such-org")
    assert status == 404 and "no-such-org" in body["detail"]


def test_missions(app: FastAPI, tokens: dict[str, str]) -> None:
    status, body = get(app, tokens["viewer"], "/api/v1/missions")
    assert status == 200 and [m["key"] for m in body["data"]] == [MISSION]
    status, body = get(app, tokens["viewer"], f"/api/v1/missions/{MISSION}")
    assert status == 200 and body["participants"] == 82 and body["requests"] > 0
    assert get(app, tokens["viewer"], "/api/v1/missions/nowhere")[0] == 404


def test_bad_input_is_422_naming_the_field(app: FastAPI, tokens: dict[str, str]) -> None:
    cases = [
        ("/api/v1/organisations", {"status": "maybe"}, "status"),
        ("/api/v1/organisations", {"country": "KOR"}, "country"),
        ("/api/v1/jobs", {"limit": "0"}, "limit"),
    ]
    for path, params, field in cases:
        status, body = get(app, tokens["viewer"], path, **params)
        assert status == 422, (path, params)
        assert [p["field"] for p in body["detail"]] == [field]  # type: ignore[index, union-attr]
    status, body = get(app, tokens["viewer"], "/api/v1/jobs/not-a-number")
    assert status == 422 and body["detail"][0]["field"] == "job_id"  # type: ignore[index]


def test_screen_a_name_explains_its_hits(app: FastAPI, tokens: dict[str, str]) -> None:
    headers = {"Authorization": f"Bearer {tokens['compliance']}"}
    with client(app) as c:
        r = c.post("/api/v1/screening/name", json={"name": "海康威视"}, headers=headers)
        assert r.status_code == 200
        hits = r.json()["data"]
        assert len(hits) > 0 and "hikvision" in hits[0]["name"].lower()
        assert hits[0]["explanation"] != ""
        bad = c.post("/api/v1/screening/name", json={"name": ""}, headers=headers)
        assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "name"
        kind = c.post("/api/v1/screening/name", json={"name": "x", "kind": "ship"}, headers=headers)
        assert kind.status_code == 422 and kind.json()["detail"][0]["field"] == "kind"


def test_screen_a_batch_keeps_the_order_and_names_the_bad_item(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    headers = {"Authorization": f"Bearer {tokens['compliance']}"}
    names = [
        {"name": "海康威视"},
        {"name": "Lee Jae-yong", "kind": "person"},
        {"name": "Hangzhou Hikvision Digital Technology"},
    ]
    with client(app) as c:
        r = c.post("/api/v1/screening/names", json={"names": names}, headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        assert [h["query"] for h in body["data"]] == [n["name"] for n in names]
        assert body["count"] == 3 and body["with_hits"] == sum(h["count"] > 0 for h in body["data"])
        first, third = body["data"][0]["data"], body["data"][2]["data"]
        assert first and third and first[0]["source_id"] == third[0]["source_id"]  # same entry
        bad = c.post(
            "/api/v1/screening/names",
            json={"names": [{"name": "x"}, {"name": ""}]},
            headers=headers,
        )
        assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "names.1.name"
        empty = c.post("/api/v1/screening/names", json={"names": []}, headers=headers)
        assert empty.status_code == 422 and empty.json()["detail"][0]["field"] == "names"
        viewer = {"Authorization": f"Bearer {tokens['viewer']}"}
        assert (
            c.post("/api/v1/screening/names", json={"names": names}, headers=viewer).status_code
            == 403
        )


def test_people_of_an_organisation_and_one_person(app: FastAPI, tokens: dict[str, str]) -> None:
    org = "kr-samsung-electronics"
    status, body = get(app, tokens["viewer"], "/api/v1/people", org=org)
    assert status == 200 and body["count"] == len(body["data"]) > 0
    assert {p["org_key"] for p in body["data"]} == {org}  # type: ignore[index]
    first = body["data"][0]  # type: ignore[index]
    assert "email" not in first  # personal data the API does not hand out
    status, one = get(app, tokens["viewer"], f"/api/v1/people/{first['key']}")
    assert status == 200 and one["names"] == first["names"]
    _, everyone = get(app, tokens["viewer"], "/api/v1/people", mission=MISSION)
    assert everyone["count"] >= body["count"]
    assert get(app, tokens["viewer"], "/api/v1/people/nobody")[0] == 404
    assert get(app, tokens["viewer"], "/api/v1/people", org="no-such-org")[0] == 404


def test_screen_a_mission_is_a_job(app: FastAPI, tokens: dict[str, str]) -> None:
    headers = {"Authorization": f"Bearer {tokens['organiser']}"}
    with client(app) as c:
        r = c.post(f"/api/v1/missions/{MISSION}/screen", headers=headers)
        assert r.status_code == 202
        job = r.json()
        assert job["state"] == "queued" and job["actor"].startswith("token:")
        missing = c.post("/api/v1/missions/nowhere/screen", headers=headers)
        assert missing.status_code == 404
    ran = jobs.run_next(app.state.engine)
    assert ran is not None and ran.id == job["id"] and ran.state == "done"
    status, body = get(app, tokens["viewer"], f"/api/v1/jobs/{job['id']}")
    assert status == 200 and body["state"] == "done" and body["progress"] == 1.0
    assert body["result"]["organisations"] == 82  # type: ignore[index]
    assert any("screened 82 organisations" in line for line in body["log"])  # type: ignore[union-attr]
    _, listing = get(app, tokens["viewer"], "/api/v1/jobs")
    assert listing["data"][0]["id"] == job["id"]  # type: ignore[index]


def test_wrong_and_revoked_tokens_are_401(app: FastAPI) -> None:
    token_id, token = users.create_token(app.state.engine, ["viewer"], "soon revoked")
    assert get(app, token, "/api/v1/missions")[0] == 200
    users.revoke_token(app.state.engine, token_id)
    status, body = get(app, token, "/api/v1/missions")
    assert status == 401 and "revoked" in str(body["detail"])
    assert get(app, "ctk_made-up", "/api/v1/missions")[0] == 401


def test_hostile_names_come_back_as_data(app: FastAPI, tokens: dict[str, str]) -> None:
    _, body = get(app, tokens["viewer"], "/api/v1/organisations/kr-hostile-name")
    assert body["display_name"] == HOSTILE


def test_openapi_names_every_schema(app: FastAPI) -> None:
    with client(app) as c:
        schema = c.get("/api/openapi.json").json()
    names = set(schema["components"]["schemas"])
    assert {"OrgPublic", "OrgsPublic", "MissionsPublic", "JobPublic", "HitsPublic"} <= names
    for path, item in schema["paths"].items():
        for method, op in item.items():
            assert op.get("tags"), (method, path)
            assert {"401", "403"} <= set(op["responses"]), (method, path)
