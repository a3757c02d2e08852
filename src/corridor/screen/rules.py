"""End-use and data-governance rules over an organisation's own profile.

A name match finds listed parties; these rules find what a name cannot: a
profile that describes military or surveillance work, dual-use technology, or
cross-border flows of personal, health or biometric data. Each flag names its
rule, the words that triggered it (in the language they were written), the
severity and the law that makes it matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from corridor.core.parties import Organization

BLOCKING = "high"
"""The severity of a blocking flag: one that, until compliance decides it, sends an
organisation to review and (under a mission's default ``hold`` policy) holds it out of
recommendations and the schedule — military end use and surveillance today."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its id, what it is about, severity, legal basis, and trigger words."""

    id: str
    title: str
    severity: str  # high | medium | low
    basis: str
    words: tuple[str, ...]
    sectors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Flag:
    """A rule that fired for an organisation, and the evidence."""

    rule: str
    title: str
    severity: str
    basis: str
    matched: tuple[str, ...]


RULES: tuple[Rule, ...] = (
    Rule(
        "military_end_use",
        "Military end use or defence business",
        "high",
        "EAR part 744 military end-use/user rules; 대외무역법 전략물자; 出口管制法 第十二条",
        (
            "military",
            "defence",
            "defense",
            "weapon",
            "munition",
            "missile",
            "armed forces",
            "军工",
            "军事",
            "国防",
            "武器",
            "导弹",
            "军民融合",
            "군사",
            "방위산업",
            "방산",
            "무기",
            "미사일",
            "국방",
        ),
        ("defense",),
    ),
    Rule(
        "surveillance",
        "Surveillance or facial recognition",
        "high",
        "Entity List human-rights designations (EAR 744.11); 개인정보 보호법 제25조의2; "
        "个人信息保护法 第二十六条",
        (
            "surveillance",
            "facial recognition",
            "face recognition",
            "video monitoring",
            "mass monitoring",
            "public security",
            "监控",
            "人脸识别",
            "安防",
            "视频监控",
            "公共安全",
            "감시",
            "얼굴인식",
            "안면인식",
            "영상감시",
            "관제",
        ),
        ("surveillance",),
    ),
    Rule(
        "dual_use_technology",
        "Dual-use technology",
        "medium",
        "Wassenaar Arrangement lists; EAR Commerce Control List; 两用物项出口管制条例; "
        "대외무역법 제19조 전략물자",
        (
            "ai chip",
            "ai accelerator",
            "npu",
            "gpu",
            "semiconductor equipment",
            "lithography",
            "uav",
            "drone",
            "unmanned aerial",
            "navigation",
            "quantum",
            "encryption",
            "cryptograph",
            "lidar",
            "infrared",
            "satellite",
            "rocket",
            "hypersonic",
            "无人机",
            "芯片",
            "光刻",
            "导航",
            "量子",
            "加密",
            "激光雷达",
            "卫星",
            "火箭",
            "红外",
            "드론",
            "무인기",
            "반도체 장비",
            "노광",
            "항법",
            "양자",
            "암호",
            "라이다",
            "위성",
            "적외선",
        ),
        ("ai_chips", "drones", "lidar", "aerospace", "semiconductors"),
    ),
    Rule(
        "personal_data_transfer",
        "Cross-border personal data",
        "medium",
        "개인정보 보호법 제28조의8 (국외 이전); 个人信息保护法 第三十八条; 数据安全法",
        (
            "personal data",
            "personal information",
            "user data",
            "customer data",
            "个人信息",
            "用户数据",
            "个人数据",
            "개인정보",
            "이용자 정보",
            "고객 데이터",
        ),
        ("fintech", "ecommerce"),
    ),
    Rule(
        "health_biometric_data",
        "Health or biometric data",
        "medium",
        "개인정보 보호법 제23조 (민감정보); 个人信息保护法 第二十八条 (敏感个人信息)",
        (
            "medical imaging",
            "patient",
            "health data",
            "biometric",
            "genomic",
            "genetic",
            "medical data",
            "clinical",
            "医学影像",
            "患者",
            "健康数据",
            "生物识别",
            "基因",
            "医疗数据",
            "의료영상",
            "환자",
            "건강정보",
            "생체",
            "유전체",
            "의료 데이터",
            "임상",
        ),
        ("medical_imaging", "digital_health", "biotech"),
    ),
)


def profile_text(org: Organization) -> str:
    """Everything an organisation says about itself, in every language, lower-cased."""
    texts = [*org.offers.values(), *org.seeks.values(), *(n.text for n in org.names)]
    return " \n ".join(texts).casefold()


def evaluate(org: Organization, rules: tuple[Rule, ...] = RULES) -> list[Flag]:
    """The rules an organisation's profile and sectors trigger, highest severity first."""
    text = profile_text(org)
    flags = []
    for rule in rules:
        words = [w for w in rule.words if _pattern(w).search(text) is not None]
        sectors = [f"sector:{s}" for s in rule.sectors if s in org.sectors]
        if len(words) + len(sectors) > 0:
            flags.append(
                Flag(rule.id, rule.title, rule.severity, rule.basis, tuple(words + sectors))
            )
    order = {"high": 0, "medium": 1, "low": 2}
    return sorted(flags, key=lambda f: (order[f.severity], f.rule))


@cache
def _pattern(word: str) -> re.Pattern[str]:
    """Latin words match whole words (npu, not "input"); CJK words match anywhere."""
    if word.isascii():
        return re.compile(r"\b" + re.escape(word) + r"\b")
    return re.compile(re.escape(word))
