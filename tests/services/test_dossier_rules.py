"""A meeting's rules to know follow what its two parties would move across the border."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.reports.dossier import RuleView
from corridor.search.index import Index, build
from corridor.search.ingest import read_path
from corridor.services.bundled import bundled
from corridor.services.dossier_rules import has_duty, pair_topics, rules_for

LEGAL = bundled("legal")


def org(key: str, country: str, sectors: tuple[str, ...], **kw: object) -> Organization:
    kind = kw.pop("kind", OrgKind.STARTUP)
    assert isinstance(kind, OrgKind)
    offers = {"en": str(kw.pop("offers", ""))}
    return Organization(
        key, kind, country, (Name(key, Script.LATIN, "en"),), sectors=sectors, offers=offers
    )


KR_CHIPS = org("kr-chips", "KR", ("ai_chips", "semiconductors"))
CN_CHIPS = org("cn-chips", "CN", ("ai_chips", "autonomous_driving"))
HK_CHIPS = org("hk-chips", "HK", ("ai_chips",))
CN_LLM = org("cn-llm", "CN", ("llm", "artificial_intelligence"))
CN_VC = org("cn-vc", "CN", ("venture_capital",), kind=OrgKind.INVESTOR)
CN_CAMERAS = org(
    "cn-cameras", "CN", ("surveillance", "computer_vision"), offers="Video-surveillance cameras"
)
KR_MEMORY = org("kr-memory", "KR", ("semiconductors", "consumer_electronics"))


def asked(a: Organization, b: Organization) -> dict[str, tuple[str, ...]]:
    return {t.code: langs for t, langs in pair_topics(a, b)}


def test_export_rules_are_the_exporters_law() -> None:
    # a Korean chip maker selling to a Chinese model maker: Korea's export law, not China's
    assert asked(KR_CHIPS, CN_LLM)["export_control"] == ("ko",)
    assert asked(KR_CHIPS, CN_LLM)["us_export_control"] == ("en",)
    # both make chips: either may ship them
    assert asked(KR_CHIPS, CN_CHIPS)["export_control"] == ("ko", "zh")
    # Hong Kong's own law is not bundled: no Chinese export question for its chips
    assert "zh" not in asked(KR_MEMORY, HK_CHIPS)["export_control"]


def test_topics_of_both_parties_come_first() -> None:
    order = [t.code for t, _ in pair_topics(KR_CHIPS, CN_CHIPS)]
    assert order[0] == "export_control"  # both make chips
    assert order.index("export_control") < order.index("high_impact_ai")  # one drives cars


def test_an_investor_meeting_is_about_the_investment() -> None:
    order = [t.code for t, _ in pair_topics(CN_VC, KR_CHIPS)]
    assert order[0] == "foreign_investment"
    assert "foreign_investment" not in asked(CN_VC, CN_LLM)  # no core technology held


@pytest.mark.parametrize(
    ("rule", "duty"),
    [
        (RuleView("t", "대외무역법", "제2조", "정의", "이 법에서 사용하는 용어의 뜻은"), False),
        (RuleView("t", "대외무역법 시행령", "제33조의6", "수출허가 등의 면제", "①"), False),
        (RuleView("t", "대외무역법", "제53조", "벌칙", "다음 각 호의"), False),
        (RuleView("t", "시행규칙", "제2조", "수출승인신청서", "별지 제2호서식에 따른다."), False),
        (RuleView("t", "出口管制法", "第三十四条", "", "出口经营者有下列行为之一的，…罚款"), False),
        (RuleView("t", "대외무역법", "제19조의2", "수출허가", "전략물자를 수출하려는 자는"), True),
        (RuleView("t", "出口管制法", "第十二条", "", "国家对管制物项的出口实行许可制度。"), True),
    ],
)
def test_articles_without_a_duty_are_passed_over(rule: RuleView, duty: bool) -> None:
    assert has_duty(rule) is duty


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    folder = tmp_path_factory.mktemp("idx")
    docs = [
        *read_path(LEGAL / "ko" / "key_laws" / "대외무역법" / "법률.md"),
        *read_path(LEGAL / "ko" / "key_laws" / "대외무역법" / "시행령.md"),
        *read_path(LEGAL / "ko" / "key_laws" / "개인정보보호법" / "법률.md"),
        *read_path(LEGAL / "zh" / "key_laws" / "个人信息保护法(2021-08-20).md"),
        *read_path(LEGAL / "en" / "us_cfr_ear_730_744_sections.jsonl.gz"),
    ]
    build(docs, folder)
    return Index(folder)


def shown(rules: list[RuleView]) -> list[tuple[str, str]]:
    return [(r.title.split(" §")[0], r.article) for r in rules]


def test_chip_sale_names_the_licence_not_its_exemptions(index: Index) -> None:
    rules = shown(rules_for(index, KR_CHIPS, CN_LLM))
    # judged by reading: strategic items, the export and catch-all licences and how to
    # apply for them set the duty; 시행령 제33조의6 (exemptions, once shown in a
    # dossier) does not
    duty = {("대외무역법", a) for a in ("제19조", "제19조의2", "제19조의3")}
    assert set(rules[:2]) <= duty | {("대외무역법 시행령", "제33조")}
    assert ("대외무역법 시행령", "제33조의6") not in rules
    assert ("15 CFR", "744.23") in rules


def test_a_surveillance_maker_brings_video_rules_and_the_entity_list(index: Index) -> None:
    rules = shown(rules_for(index, CN_CAMERAS, KR_MEMORY))
    assert ("개인정보 보호법", "제25조") in rules  # fixed video devices
    assert ("中华人民共和国个人信息保护法", "第二十六条") in rules  # image capture in public
    assert ("15 CFR", "744.11") in rules  # Entity List licence requirements
    assert ("대외무역법 시행령", "제33조의6") not in rules  # the exemptions, shown once


def test_a_topic_whose_law_is_not_indexed_brings_nothing(index: Index, tmp_path: Path) -> None:
    # the AI Basic Act is not in this index: high-impact AI must not borrow PIPA articles
    rules = rules_for(index, CN_CHIPS, KR_CHIPS)
    assert [r for r in rules if r.topic == "high_impact_ai"] == []
