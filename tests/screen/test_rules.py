"""End-use and data-governance flags from an organisation's own words."""

from __future__ import annotations

from corridor.core.names import Name, Script
from corridor.core.parties import Organization, OrgKind
from corridor.screen.rules import evaluate


def org(offers: dict[str, str], sectors: tuple[str, ...] = ()) -> Organization:
    return Organization(
        "x", OrgKind.STARTUP, "CN", (Name("X", Script.LATIN, "en"),), sectors=sectors, offers=offers
    )


def test_surveillance_in_chinese_is_high() -> None:
    flags = evaluate(org({"zh": "人脸识别与视频监控解决方案"}))
    assert [(f.rule, f.severity) for f in flags] == [("surveillance", "high")]
    assert flags[0].matched == ("监控", "人脸识别", "视频监控")


def test_military_in_korean_and_dual_use_in_english() -> None:
    flags = evaluate(org({"ko": "방산용 무기 체계", "en": "UAV navigation modules"}))
    assert [f.rule for f in flags] == ["military_end_use", "dual_use_technology"]
    assert "PIPL" not in flags[0].basis


def test_health_data_names_the_laws() -> None:
    flags = evaluate(org({"en": "AI reading of medical imaging"}, ("medical_imaging",)))
    assert flags[0].rule == "health_biometric_data"
    assert "sector:medical_imaging" in flags[0].matched
    assert "第二十八条" in flags[0].basis and "제23조" in flags[0].basis


def test_latin_words_match_whole_words_only() -> None:
    assert evaluate(org({"en": "input devices and throughput"})) == []  # no "npu"/"gpu"
    assert evaluate(org({"en": "a robot vacuum"})) == []
