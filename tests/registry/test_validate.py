"""Identifier and field validators, pinned with tables of real published values."""

from __future__ import annotations

import pytest

from corridor.registry import validate as v

# Korean business registration numbers as the companies publish them (site footers,
# the legally required 사업자정보 disclosure of Korean online businesses).
VALID_BRN = [
    ("124-81-00998", "Samsung Electronics — samsung.com/sec footer"),
    ("220-81-62517", "NAVER Corp. — naver.com footer"),
    ("120-81-47521", "Kakao Corp. — kakao.com footer"),
    ("107-86-14075", "LG Electronics — lge.co.kr footer"),
    ("126-81-03725", "SK hynix — published company registration"),
    ("1248100998", "Samsung Electronics, without hyphens"),
]

INVALID_BRN = [
    ("124-81-00997", "check digit changed"),
    ("124-81-10998", "serial digit changed"),
    ("124-81-00988", "ninth digit changed (the digit with the extra term)"),
    ("124-81-0099", "nine digits"),
    ("124-81-009981", "eleven digits"),
    ("12A-81-00998", "letter"),
    ("", "empty"),
]

# Unified social credit codes as published (zh.wikipedia infobox for Huawei; public
# company records for the others).
VALID_USCC = [
    ("914403001922038216", "华为技术有限公司 — zh.wikipedia.org 华为 infobox"),
    ("91440300708461136T", "深圳市腾讯计算机系统有限公司 — public company report"),
    ("9144030071526726XG", "腾讯科技（深圳）有限公司 — python-stdnum test vector"),
    ("91440300192317458F", "比亚迪股份有限公司"),
    ("91110108551385082Q", "小米科技有限责任公司"),
    ("91330105MACPN4X08Y", "杭州深度求索人工智能基础技术研究有限公司 (new MA… series)"),
    ("91110000802100433B", "北京百度网讯科技有限公司"),
    ("91330105macpn4x08y", "lower case is accepted and upper-cased"),
]

INVALID_USCC = [
    ("914403001922038217", "check character changed"),
    ("91440300192317458E", "check character changed"),
    ("92440300192317458F", "category digit changed"),
    ("91330105MACPN4X09Y", "organisation-code check digit changed"),
    ("914403001922038229", "mod-31 check recomputed but GB 11714 inner check wrong"),
    ("91440300I92317458F", "I is not in the character set"),
    ("9144030019223821", "sixteen characters"),
    ("9144AB001922038216", "division code not numeric"),
]


@pytest.mark.parametrize(("value", "what"), VALID_BRN)
def test_valid_brn(value: str, what: str) -> None:
    assert v.kr_brn(value) == value.replace("-", ""), what


@pytest.mark.parametrize(("value", "what"), INVALID_BRN)
def test_invalid_brn(value: str, what: str) -> None:
    with pytest.raises(ValueError, match="business registration number"):
        v.kr_brn(value)


def test_brn_check_digit_catches_every_single_digit_error() -> None:
    digits = "1248100998"
    for position in range(10):
        for replacement in "0123456789":
            if replacement == digits[position]:
                continue
            changed = digits[:position] + replacement + digits[position + 1 :]
            with pytest.raises(ValueError):
                v.kr_brn(changed)


def test_brn_round_trips_through_its_printed_form() -> None:
    assert v.format_kr_brn(v.kr_brn("124-81-00998")) == "124-81-00998"


@pytest.mark.parametrize(("value", "what"), VALID_USCC)
def test_valid_uscc(value: str, what: str) -> None:
    assert v.cn_uscc(value) == value.upper(), what


@pytest.mark.parametrize(("value", "what"), INVALID_USCC)
def test_invalid_uscc(value: str, what: str) -> None:
    with pytest.raises(ValueError, match="unified social credit code"):
        v.cn_uscc(value)


def test_uscc_check_character_wraps_31_to_zero() -> None:
    # A code whose weighted sum is a multiple of 31 must end in '0', not fail.
    base = "91440300192317458"
    for last in v.USCC_CHARSET:
        candidate = base[:-1] + last
        if v.cn_uscc_check_char(candidate) == "0":
            break
    assert v.cn_uscc_check_char(candidate) == "0"


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (v.country, ("KR", "cn", "HK"), ("XX", "KOR", "")),
        (v.language, ("ko", "ZH", "en"), ("xx", "kor", "")),
        (v.email, ("a.b@example.org",), ("no-at.example.org", "a@b", "a @b.org")),
        (v.url, ("https://www.samsung.com/sec/",), ("www.samsung.com", "ftp://x.org")),
        (v.sector, ("robotics", "AI_CHIPS"), ("robots", "")),
        (v.stage, ("series_a", "public"), ("series-a", "ipo")),
        (v.key, ("kr-rainbow-robotics", "p.1"), ("Kr-Rainbow", "-x", "a b")),
        (v.amount, ("1,000,000", "0"), ("-5", "1.5", "ten")),
    ],
)
def test_field_validators(check: object, good: tuple[str, ...], bad: tuple[str, ...]) -> None:
    assert callable(check)
    for value in good:
        check(value)
    for value in bad:
        with pytest.raises(ValueError):
            check(value)


def test_year_bounds() -> None:
    assert v.year("2011", latest=2026) == 2011
    for value in ("1799", "2027", "11", "20x1"):
        with pytest.raises(ValueError):
            v.year(value, latest=2026)
