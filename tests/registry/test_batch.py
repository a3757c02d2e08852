"""A whole import validated together: every problem reported, cross-row rules held."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.core.names import NameKind, Script
from corridor.core.parties import IdScheme
from corridor.exc import ImportRejected
from corridor.registry.batch import Source, read_batch
from tests.factory import REAL_ORGS, org_row, synthetic_rows, write_csv

PEOPLE_COLUMNS = ["key", "org_key", "name_en", "name_ko", "name_zh", "title", "languages"]


def _problems(sources: list[Source], **kwargs: object) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(ImportRejected) as info:
        read_batch(sources, latest_year=2026, **kwargs)  # type: ignore[arg-type]
    return [(p.row, p.field, p.rule) for p in info.value.problems]


def test_real_organisations_parse_with_names_and_identifiers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "orgs.csv", REAL_ORGS)
    batch = read_batch([Source("organisations", path)], latest_year=2026)
    samsung = batch.orgs()[0]
    assert samsung.identifier(IdScheme.KR_BRN) == "1248100998"
    assert [(n.text, n.script, n.lang, n.kind) for n in samsung.names] == [
        ("Samsung Electronics", Script.LATIN, "en", NameKind.TRADE),
        ("삼성전자", Script.HANGUL, "ko", NameKind.TRADE),
        ("삼성전자 주식회사", Script.HANGUL, "ko", NameKind.LEGAL),
    ]
    assert batch.organisations[3].row == 5  # Huawei: the 4th record is row 5 of the file


def test_hundred_rows_with_three_bad_ones_report_all_three(tmp_path: Path) -> None:
    rows = synthetic_rows(100)
    rows[9]["kr_brn"] = "124-81-00997"  # row 11: check digit
    rows[49]["country"] = "XX"  # row 51: not a country
    rows[88]["sectors"] = "robotics;teleportation"  # row 90: not in the vocabulary
    path = write_csv(tmp_path / "orgs.csv", rows)
    with pytest.raises(ImportRejected) as info:
        read_batch([Source("organisations", path)], latest_year=2026)
    found = [(p.file, p.row, p.field, p.value) for p in info.value.problems]
    assert found == [
        (str(path), 11, "kr_brn", "124-81-00997"),
        (str(path), 51, "country", "XX"),
        (str(path), 90, "sectors", "teleportation"),
    ]
    assert all(p.rule for p in info.value.problems)
    assert "3 problem(s) in 3 row(s)" in str(info.value)


def test_every_problem_of_one_row_is_reported(tmp_path: Path) -> None:
    row = org_row(
        key="Bad Key",
        kind="spaceship",
        country="",
        name_ko="Samsung",
        founded="1066",
        sectors="",
        website="samsung.com",
    )
    path = write_csv(tmp_path / "orgs.csv", [row])
    fields = {f for _, f, _ in _problems([Source("organisations", path)])}
    assert fields == {"key", "kind", "country", "name_ko", "founded", "sectors", "website"}


def test_duplicate_keys_and_identifiers_in_one_file(tmp_path: Path) -> None:
    rows = [dict(r) for r in REAL_ORGS[:3]]
    rows.append(dict(REAL_ORGS[0]))  # same key again, row 5
    rows.append(
        org_row(
            key="kr-samsung-copy",
            kind="corporate",
            country="KR",
            name_en="Copy",
            sectors="semiconductors",
            kr_brn="1248100998",
        )
    )  # same BRN, row 6
    problems = _problems([Source("organisations", write_csv(tmp_path / "orgs.csv", rows))])
    assert (5, "key", "duplicate: already used on row 2") in problems
    assert any(
        r == 6 and f == "kr_brn" and "kr-samsung-electronics" in rule for r, f, rule in problems
    )


def test_unknown_and_missing_columns_are_reported_on_the_header(tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_text("key,kind,contry,name_en,sectors\na,startup,KR,A,robotics\n")
    problems = _problems([Source("organisations", path)])
    assert (1, "contry", "unknown column (see docs/data-formats.md)") in problems
    assert (1, "country", "required column is missing") in problems


def test_people_and_requests_must_name_known_organisations(tmp_path: Path) -> None:
    orgs = write_csv(tmp_path / "orgs.csv", REAL_ORGS[:2])
    people = write_csv(
        tmp_path / "people.csv",
        [
            {"key": "p1", "org_key": "kr-naver", "name_en": "A Person", "languages": "ko;en"},
            {"key": "p2", "org_key": "kr-nowhere", "name_en": "B Person", "languages": "ko"},
        ],
        columns=PEOPLE_COLUMNS,
    )
    requests = write_csv(
        tmp_path / "requests.csv",
        [
            {"requester": "kr-naver", "target": "kr-samsung-electronics", "interest": "3"},
            {"requester": "kr-naver", "target": "kr-naver", "interest": "2"},
            {"requester": "cn-ghost", "target": "kr-naver", "interest": "5"},
        ],
        columns=["requester", "target", "interest", "note"],
    )
    sources = [
        Source("requests", requests),
        Source("people", people),
        Source("organisations", orgs),
    ]
    problems = _problems(sources)
    assert (3, "org_key", "unknown organisation (not in this import or the registry)") in problems
    assert (3, "target", "an organisation cannot request a meeting with itself") in problems
    assert (4, "interest", "interest must be 1, 2 or 3") in problems
    assert (4, "requester", "unknown organisation (not in this import or the registry)") in problems


def test_references_to_organisations_already_in_the_registry_are_fine(tmp_path: Path) -> None:
    people = write_csv(
        tmp_path / "people.csv",
        [
            {"key": "p1", "org_key": "kr-naver", "name_ko": "홍길동", "languages": "ko"},
        ],
        columns=PEOPLE_COLUMNS,
    )
    batch = read_batch([Source("people", people)], latest_year=2026, known_orgs={"kr-naver"})
    assert batch.people[0].item.names[0].script is Script.HANGUL


def test_same_name_under_two_keys_is_a_warning_not_an_error(tmp_path: Path) -> None:
    rows = [
        org_row(key="kr-a", kind="startup", country="KR", name_ko="뉴로메카", sectors="robotics"),
        org_row(
            key="kr-b",
            kind="startup",
            country="KR",
            name_en="Neuromeka",
            aliases="뉴로메카",
            sectors="robotics",
        ),
    ]
    batch = read_batch(
        [Source("organisations", write_csv(tmp_path / "o.csv", rows))], latest_year=2026
    )
    assert batch.warnings == ["possible duplicate: kr-a / kr-b (same name '뉴로메카')"]


def test_same_party_in_two_scripts_is_a_warning(tmp_path: Path) -> None:
    rows = [
        org_row(
            key="cn-unitree", kind="startup", country="CN", name_zh="宇树科技", sectors="robotics"
        ),
        org_row(
            key="cn-yushu",
            kind="startup",
            country="CN",
            name_en="Yushu Technology",
            sectors="robotics",
        ),
        org_row(
            key="kr-other",
            kind="startup",
            country="KR",
            name_en="Other Robotics",
            sectors="robotics",
        ),
    ]
    batch = read_batch(
        [Source("organisations", write_csv(tmp_path / "o.csv", rows))], latest_year=2026
    )
    assert len(batch.warnings) == 1
    assert batch.warnings[0].startswith("possible duplicate across scripts: cn-unitree / cn-yushu")
    assert "yushu technology" in batch.warnings[0]


def test_names_that_differ_only_in_digits_are_not_duplicates(tmp_path: Path) -> None:
    rows = [
        org_row(
            key=f"kr-plant-{n}",
            kind="corporate",
            country="KR",
            name_ko=f"테스트기업{n}",
            name_en=f"Test Company {n}",
            sectors="robotics",
        )
        for n in (2, 22, 86, 88)
    ]
    batch = read_batch(
        [Source("organisations", write_csv(tmp_path / "o.csv", rows))], latest_year=2026
    )
    assert batch.warnings == []
