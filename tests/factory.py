"""Builders shared by tests: organisation rows and files of them.

The organisations here are real companies with published identifiers (see
tests/registry/test_validate.py for where each identifier is published); the
generated ones (``synthetic_rows``) are clearly synthetic keys and names for
volume tests only.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.mission import Mission
from corridor.registry.batch import Source
from corridor.registry.schema import ORGANISATION
from corridor.services.imports import import_files
from corridor.store.db import session_factory, transaction
from corridor.store.sql import SqlStore

ORG_COLUMNS = [f.name for f in ORGANISATION]


def org_row(**fields: str) -> dict[str, str]:
    """A complete organisation row: every column present, the given ones filled."""
    row = dict.fromkeys(ORG_COLUMNS, "")
    row.update(fields)
    return row


REAL_ORGS: tuple[dict[str, str], ...] = (
    org_row(
        key="kr-samsung-electronics",
        kind="corporate",
        country="KR",
        name_en="Samsung Electronics",
        name_ko="삼성전자",
        legal_name="삼성전자 주식회사",
        city="Suwon",
        sectors="semiconductors;consumer_electronics",
        stage="public",
        kr_brn="124-81-00998",
        sources="https://www.samsung.com/sec/",
    ),
    org_row(
        key="kr-naver",
        kind="corporate",
        country="KR",
        name_en="NAVER",
        name_ko="네이버",
        city="Seongnam",
        sectors="artificial_intelligence;cloud",
        kr_brn="220-81-62517",
        sources="https://www.navercorp.com/",
    ),
    org_row(
        key="kr-lg-electronics",
        kind="corporate",
        country="KR",
        name_en="LG Electronics",
        name_ko="LG전자",
        city="Seoul",
        sectors="consumer_electronics;robotics",
        kr_brn="107-86-14075",
        sources="https://www.lge.co.kr/",
    ),
    org_row(
        key="cn-huawei",
        kind="corporate",
        country="CN",
        name_en="Huawei Technologies",
        name_zh="华为技术",
        legal_name="华为技术有限公司",
        city="Shenzhen",
        sectors="telecom;semiconductors",
        cn_uscc="914403001922038216",
        sources="https://zh.wikipedia.org/wiki/华为",
    ),
    org_row(
        key="cn-byd",
        kind="corporate",
        country="CN",
        name_en="BYD",
        name_zh="比亚迪",
        legal_name="比亚迪股份有限公司",
        city="Shenzhen",
        sectors="electric_vehicles;batteries",
        cn_uscc="91440300192317458F",
        sources="https://www.byd.com/",
    ),
    org_row(
        key="cn-xiaomi",
        kind="corporate",
        country="CN",
        name_en="Xiaomi",
        name_zh="小米",
        legal_name="小米科技有限责任公司",
        city="Beijing",
        sectors="consumer_electronics;electric_vehicles",
        cn_uscc="91110108551385082Q",
        sources="https://www.mi.com/",
    ),
)


def synthetic_rows(count: int) -> list[dict[str, str]]:
    """``count`` valid organisation rows with synthetic keys and names (volume tests)."""
    rows = []
    for i in range(count):
        country = "KR" if i % 2 == 0 else "CN"
        name = {"name_ko": f"테스트기업{i}"} if country == "KR" else {"name_zh": f"测试企业{i}"}
        rows.append(
            org_row(
                key=f"test-org-{i:03d}",
                kind="startup",
                country=country,
                name_en=f"Test Org {i}",
                sectors="robotics;sensors",
                founded=str(2000 + i % 25),
                **name,
            )
        )
    return rows


def write_csv(
    path: Path,
    rows: Sequence[dict[str, str]],
    encoding: str = "utf-8",
    columns: Sequence[str] | None = None,
) -> Path:
    """Write rows as CSV in ``encoding`` (the way Excel or a legacy system would)."""
    cols = list(columns or ORG_COLUMNS)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def seed_mission(
    engine: Engine, mission: Mission, rows: Sequence[dict[str, str]], path: Path
) -> None:
    """Save ``mission`` and import ``rows`` (written as CSV at ``path``) as its participants."""
    with transaction(session_factory(engine)) as session:
        SqlStore(session).save_mission(mission)
    import_files(engine, [Source("organisations", write_csv(path, rows))], mission=mission.key)
