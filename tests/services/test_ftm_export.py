"""The FtM export read back by the followthemoney library itself: every line an entity
its model accepts, every value valid for its property, every reference resolved."""

from __future__ import annotations

import csv
import dataclasses
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from corridor.core.names import Name, NameKind, Script
from corridor.core.parties import Identifier, IdScheme, Organization, OrgKind
from corridor.core.screening import Action
from corridor.exc import InvalidInput
from corridor.reports.ftm import org_id, organisation, safe
from corridor.services.ftm_export import export_ftm
from corridor.services.screening import decide, mission_screening
from tests.services.demo_db import MISSION, copy_of, demo_database

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def ftm() -> Any:
    """followthemoney's model, imported here and not at collection: its import raises
    the csv module's process-wide field limit to 30 MB, which would change what the
    registry's over-long-field tests see. The limit is put back afterwards."""
    before = csv.field_size_limit()
    from followthemoney import model

    csv.field_size_limit(before)
    return model


def valid_id(text: str) -> bool:
    """Whether FtM's entity type takes ``text`` as an id unchanged."""
    ftm()
    from followthemoney.types import registry

    return bool(registry.entity.clean(text) == text)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Engine, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("ftm")
    engine = copy_of(demo_database(tmp_path_factory), folder)
    hit = next(h for o in mission_screening(engine, MISSION).orgs for h in o.hits)
    decide(
        engine, hit.org_key, hit.hit.source, hit.hit.source_id, Action.CLEAR, "not them", "t", NOW
    )
    out = folder / "entities.jsonl"
    counts = export_ftm(engine, out, mission=MISSION)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum(counts.values()) == len(lines)
    return engine, lines


def test_every_line_is_a_valid_ftm_entity(exported: tuple[Engine, list[dict[str, Any]]]) -> None:
    _, lines = exported
    for data in lines:
        proxy = ftm().get_proxy(data, cleaned=False)  # FtM cleans: invalid values drop out
        cleaned = proxy.to_dict()["properties"]
        assert proxy.id == data["id"] and proxy.schema.name == data["schema"]
        assert not proxy.schema.abstract
        assert {p: len(v) for p, v in cleaned.items()} == {
            p: len(v) for p, v in data["properties"].items()
        }, data["id"]


def test_ids_are_unique_and_every_reference_resolves(
    exported: tuple[Engine, list[dict[str, Any]]],
) -> None:
    _, lines = exported
    ids = [d["id"] for d in lines]
    assert len(ids) == len(set(ids))
    seen: set[str] = set()
    for data in lines:
        proxy = ftm().get_proxy(data)
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in seen, f"{data['id']}.{prop.name} → {value} not written before"
        seen.add(data["id"])


def test_parties_map_to_the_field_schemas(exported: tuple[Engine, list[dict[str, Any]]]) -> None:
    _, lines = exported
    by_id = {d["id"]: d for d in lines}
    samsung = by_id["corridor-org-kr-samsung-electronics"]
    assert samsung["schema"] == "Company"
    props = samsung["properties"]
    assert {"삼성전자", "Samsung Electronics"} <= set(props["name"])
    assert props["country"] == ["kr"]
    assert props["registrationNumber"] == ["1248100998"]
    kip = next(d for d in lines if "KIP" in d["properties"].get("weakAlias", []))
    assert "한투파트너스" in kip["properties"]["alias"]  # a short alias is a weak one
    lee = by_id["corridor-person-p-kr-samsung-electronics-1"]
    assert lee["schema"] == "Person" and "이재용" in lee["properties"]["name"]
    assert set(lee["properties"]["spokenLanguage"]) == {"kor", "eng"}
    ties = [d for d in lines if d["schema"] in ("Directorship", "Employment")]
    chair = next(d for d in ties if d["properties"].get("director") == [lee["id"]])
    assert chair["schema"] == "Directorship"
    assert chair["properties"]["organization"] == [samsung["id"]]
    assert chair["properties"]["role"] == ["Executive Chairman"]
    people = [d for d in lines if d["schema"] == "Person" and d["id"].startswith("corridor-person")]
    assert len(ties) == len(people)


def test_each_hit_is_a_similar_edge_with_score_list_and_version(
    exported: tuple[Engine, list[dict[str, Any]]],
) -> None:
    engine, lines = exported
    screening = mission_screening(engine, MISSION)
    stored = [h for o in screening.orgs for h in o.hits]
    edges = [d for d in lines if d["schema"] == "Similar"]
    assert len(edges) == len(
        {(h.org_key, h.person_key, h.hit.source, h.hit.source_id) for h in stored}
    )
    by_id = {d["id"]: d for d in lines}
    for edge in edges:
        listed = by_id[edge["properties"]["match"][0]]
        assert listed["datasets"] == edge["datasets"] == [edge["list"]["source"]]
        assert isinstance(edge["list"]["version"], int) and len(edge["list"]["sha256"]) == 64
        assert 0 < edge["score"] <= 1
        assert edge["properties"]["confidenceScore"] == [f"{edge['score']:.4f}"]
        assert edge["match"] in (True, False) and edge["features"]
        assert listed["referents"] and listed["schema"] != "Similar"
        assert listed["properties"]["publisher"] == [edge["list"]["title"]]
        assert edge["list"]["title"] != edge["list"]["source"]  # "OFAC Consolidated …"
    # OFAC writes a Chinese company's USCC in its remarks; FtM has a property for it
    assert any(by_id[e["properties"]["match"][0]]["properties"].get("uscCode") for e in edges)
    judged = [e for e in edges if e["judgement"] != "no_judgement"]
    assert [e["judgement"] for e in judged] == ["negative"]  # the one "clear" decision


def test_names_by_kind_and_a_uscc_as_ftm_has_them() -> None:
    org = Organization(
        "cn-huawei",
        OrgKind.CORPORATE,
        "CN",
        (
            Name("华为技术有限公司", Script.HAN, "zh", NameKind.LEGAL),
            Name("Huawei Technologies", Script.LATIN, "en", NameKind.TRADE),
            Name("HW", Script.LATIN, None, NameKind.ALIAS),
            Name("深圳市华为技术有限公司", Script.HAN, "zh", NameKind.FORMER),
        ),
        city="Shenzhen",
        founded=1987,
        website="https://www.huawei.com/",
        identifiers=(Identifier(IdScheme.CN_USCC, "914403001922038216"),),
    )
    address, company = organisation(org)
    props = company["properties"]
    assert props["name"] == ["华为技术有限公司", "Huawei Technologies"]
    assert props["weakAlias"] == ["HW"] and props["previousName"] == ["深圳市华为技术有限公司"]
    assert props["uscCode"] == ["914403001922038216"] and "registrationNumber" not in props
    assert props["addressEntity"] == [address["id"]] and address["schema"] == "Address"
    assert address["properties"]["city"] == ["Shenzhen"]
    for data in (address, company):
        cleaned = ftm().get_proxy(data, cleaned=False).to_dict()["properties"]
        assert {p: len(v) for p, v in cleaned.items()} == {
            p: len(v) for p, v in data["properties"].items()
        }
    agency = dataclasses.replace(org, key="kr-kotra", kind=OrgKind.AGENCY, identifiers=())
    assert organisation(agency)[-1]["schema"] == "PublicBody"
    school = dataclasses.replace(org, kind=OrgKind.UNIVERSITY, city=None)
    assert [e["schema"] for e in organisation(school)] == ["Organization"]


@pytest.mark.parametrize(
    ("key", "expected"),
    [("kr-naver", "kr-naver"), ("ofac_cons", "ofac-cons-"), ("삼성", ""), ("a b", "a-b-")],
)
def test_ids_are_what_ftm_accepts(key: str, expected: str) -> None:
    part = safe(key)
    assert part.startswith(expected) and valid_id(org_id(key))
    assert safe(key.replace("_", "-")) != part or "_" not in key  # no two keys share an id


def test_runtime_never_imports_followthemoney(tmp_path: Path) -> None:
    code = (
        "import sys, corridor.services.ftm_export, corridor.cli.transfer; "
        "print('followthemoney' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_export_refuses_a_non_jsonl_name(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        export_ftm(None, tmp_path / "entities.csv")  # type: ignore[arg-type]
