"""The columns of each registry file: the single source for parsing, export and docs.

docs/data-formats.md is generated from these specs (``corridor formats``) and a
test checks it is current, so the documentation cannot drift from the parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One column: its meaning, whether it is required, and its list separator."""

    name: str
    doc: str
    required: bool = False
    sep: str | None = None
    example: str = ""


_NAME_DOC = "at least one of name_en, name_ko, name_zh, legal_name is required"

ORGANISATION: Final[tuple[FieldSpec, ...]] = (
    FieldSpec(
        "key",
        "Stable unique key; re-importing a row with the same key updates it",
        True,
        example="kr-rainbow-robotics",
    ),
    FieldSpec(
        "kind",
        "startup, corporate, investor, agency, association, university or research_institute",
        True,
        example="startup",
    ),
    FieldSpec("country", "Country of headquarters, ISO 3166-1 alpha-2", True, example="KR"),
    FieldSpec(
        "name_en",
        f"English or trade name in Latin script ({_NAME_DOC})",
        example="Rainbow Robotics",
    ),
    FieldSpec("name_ko", "Korean name; must contain Hangul", example="레인보우로보틱스"),
    FieldSpec(
        "name_zh",
        "Chinese name (simplified or traditional); must contain Han characters",
        example="深度求索",
    ),
    FieldSpec(
        "legal_name",
        "Registered legal name in the native script, with legal form",
        example="杭州深度求索人工智能基础技术研究有限公司",
    ),
    FieldSpec(
        "legal_name_en", "Registered legal name in English", example="Samsung Electronics Co., Ltd."
    ),
    FieldSpec(
        "aliases",
        "Other names (former, stock, romanised), any script",
        sep="|",
        example="Hynix Semiconductor|Hyundai Electronics",
    ),
    FieldSpec("city", "City of headquarters, in English", example="Daejeon"),
    FieldSpec("founded", "Year founded, four digits", example="2011"),
    FieldSpec(
        "website", "Official website, http(s) URL", example="https://www.rainbow-robotics.com"
    ),
    FieldSpec(
        "sectors",
        "One or more sector codes from the controlled vocabulary below",
        True,
        sep=";",
        example="robotics;humanoid_robots",
    ),
    FieldSpec(
        "stage",
        "Funding stage: pre_seed, seed, series_a, series_b, series_c, growth, pre_ipo, public",
        example="public",
    ),
    FieldSpec(
        "kr_brn",
        "Korean business registration number (사업자등록번호), 10 digits with "
        "check digit; hyphens optional",
        example="124-81-00998",
    ),
    FieldSpec(
        "cn_uscc",
        "Chinese unified social credit code (统一社会信用代码), 18 characters, "
        "GB 32100-2015 check character",
        example="914403001922038216",
    ),
    FieldSpec("offers_en", "What the organisation offers partners, in English"),
    FieldSpec("offers_ko", "What it offers, in Korean"),
    FieldSpec("offers_zh", "What it offers, in Chinese"),
    FieldSpec("seeks_en", "What it seeks from partners, in English"),
    FieldSpec("seeks_ko", "What it seeks, in Korean"),
    FieldSpec("seeks_zh", "What it seeks, in Chinese"),
    FieldSpec(
        "thesis_sectors",
        "Investors: sector codes they invest in",
        sep=";",
        example="robotics;ai_chips",
    ),
    FieldSpec(
        "thesis_stages", "Investors: stage codes they invest in", sep=";", example="seed;series_a"
    ),
    FieldSpec("ticket_min_usd", "Investors: smallest typical cheque in USD", example="500000"),
    FieldSpec(
        "ticket_max_usd",
        "Investors: largest typical cheque in USD (>= ticket_min_usd)",
        example="5000000",
    ),
    FieldSpec(
        "thesis_countries",
        "Investors: countries they invest in, ISO alpha-2",
        sep=";",
        example="KR;CN",
    ),
    FieldSpec(
        "sources",
        "Where the facts in this row come from (URLs)",
        sep="|",
        example="https://en.wikipedia.org/wiki/Rainbow_Robotics",
    ),
)

PERSON: Final[tuple[FieldSpec, ...]] = (
    FieldSpec("key", "Stable unique key of the person", True, example="p-kr-rainbow-robotics-1"),
    FieldSpec(
        "org_key",
        "Key of the organisation the person represents (in the same import "
        "or already in the registry)",
        True,
        example="kr-rainbow-robotics",
    ),
    FieldSpec(
        "name_en",
        "Name in Latin script as the person writes it (at least one of "
        "name_en, name_ko, name_zh is required)",
        example="Liang Wenfeng",
    ),
    FieldSpec("name_ko", "Name in Hangul", example="이정호"),
    FieldSpec("name_zh", "Name in Han characters", example="梁文锋"),
    FieldSpec("title", "Job title", example="Founder and CEO"),
    FieldSpec("languages", "Working languages, ISO 639-1 codes", True, sep=";", example="zh;en"),
    FieldSpec("email", "E-mail address (for invitations)", example="name@example.org"),
    FieldSpec("sources", "Where the facts in this row come from (URLs)", sep="|"),
    FieldSpec(
        "arrives",
        "When the person arrives, in the mission's local time (empty: from the start)",
        example="2026-01-08 15:00",
    ),
    FieldSpec(
        "leaves",
        "When the person leaves, in the mission's local time (empty: until the end)",
        example="2026-01-09 12:00",
    ),
)

REQUEST: Final[tuple[FieldSpec, ...]] = (
    FieldSpec(
        "requester", "Key of the organisation asking for the meeting", True, example="cn-agibot"
    ),
    FieldSpec(
        "target", "Key of the organisation it wants to meet", True, example="kr-rainbow-robotics"
    ),
    FieldSpec("interest", "1 = would like, 2 = want, 3 = must meet", example="2"),
    FieldSpec("note", "Why, in a sentence", example="humanoid joint actuators"),
)

SCHEMAS: Final[dict[str, tuple[FieldSpec, ...]]] = {
    "organisations": ORGANISATION,
    "people": PERSON,
    "requests": REQUEST,
}


def list_separators(kind: str) -> dict[str, str]:
    """Column → separator for the list columns of a record kind."""
    return {f.name: f.sep for f in SCHEMAS[kind] if f.sep is not None}
