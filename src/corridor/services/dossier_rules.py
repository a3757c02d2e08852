"""The "rules to know" of a meeting: the articles its two parties' cooperation touches.

A meeting is about what would cross the border between the two: goods, technology,
data or money. Each topic below names when it matters — the sectors either party
works in, the end-use and data rules (screen/rules.py) their own words trigger, an
investor meeting a technology holder — and, per language, a question naming the law
that governs it (the search puts a named law first). Topics both parties touch come
first: an AI-chip maker meeting a robot maker is first about the chips. Articles that
state no duty of the parties (purpose, definitions, penalties, delegation) are
passed over: a dossier names the rule, not its sanction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corridor.core.parties import Organization, OrgKind
from corridor.reports.dossier import RuleView
from corridor.screen.rules import evaluate
from corridor.search.index import Index
from corridor.search.query import search


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic of the ``topic`` vocabulary (corridor.locale.labels): when it matters,
    and per language the question that finds its articles."""

    code: str
    sectors: frozenset[str]
    questions: dict[str, str]
    flags: frozenset[str] = frozenset()
    """Rules of screen/rules.py whose firing on a party's own words makes it matter."""
    notions: tuple[str, ...] = ()
    """Words of the statutes naming the duty: an article whose heading (or, without
    one, its title or first sentence) holds one is put before the rest of its answers."""
    laws: dict[str, tuple[str, ...]] | None = None
    """Per language, words of the titles of the laws that govern the topic: an article
    of another law is not its rule, however well it matches the question."""
    outbound: bool = False
    """A rule of the exporting country: its Korean (Chinese) question is asked only when
    the party from Korea (China) touches the topic — the exporter's law, not the buyer's."""


CHIPS = frozenset({"ai_chips", "semiconductors"})
VEHICLES = frozenset({"autonomous_driving", "lidar"})
HEALTH = frozenset({"medical_imaging", "medical_devices", "digital_health", "biotech"})
CORE_TECHNOLOGY = frozenset(
    {
        "robotics",
        "industrial_robots",
        "humanoid_robots",
        "smart_manufacturing",
        "industrial_software",
        "autonomous_driving",
        "batteries",
        "electric_vehicles",
        "displays",
    }
    | CHIPS
)
INVESTORS = frozenset({"venture_capital"})
PRC_DATA = ("个人信息保护法", "网络数据安全管理条例", "数据安全法")

TOPICS: tuple[Topic, ...] = (
    Topic(
        "foreign_investment",
        frozenset(),
        {"ko": "산업기술보호법 국가핵심기술 보유 대상기관 해외인수 합병 외국인투자 승인 신고"},
        notions=("해외인수", "외국인투자"),
        laws={"ko": ("산업기술의 유출방지",)},
    ),
    Topic(
        "export_control",
        CHIPS | {"drones", "lidar", "aerospace", "sensors"},
        {
            "ko": "대외무역법 전략물자 지정 고시 수출허가 기술 국외 이전 상황허가",
            "zh": "两用物项出口管制条例 两用物项 出口许可 最终用户和最终用途证明文件",
        },
        frozenset({"dual_use_technology", "military_end_use"}),
        (
            "전략물자",
            "수출허가",
            "상황허가",
            "两用物项的出口实行许可",
            "出口许可",
            "最终用户和最终用途",
        ),
        laws={"ko": ("대외무역법",), "zh": ("两用物项出口管制条例", "出口管制法")},
        outbound=True,
    ),
    Topic(
        "us_export_control",
        CHIPS,
        {
            "en": "EAR advanced-node integrated circuits supercomputer end use license "
            "foreign direct product rule de minimis China",
        },
        notions=("supercomputer", "foreign-direct product", "de minimis", "subject to the ear"),
        laws={"en": ("15 CFR",)},
    ),
    Topic(
        "surveillance",
        frozenset({"surveillance"}),
        {
            "ko": "개인정보 보호법 고정형 영상정보처리기기 설치 운영 제한",
            "zh": "个人信息保护法 公共场所安装图像采集 个人身份识别设备",
            "en": "Entity List license requirements",
        },
        frozenset({"surveillance"}),
        (
            "영상정보처리기기",
            "图像采集",
            "entity list",
            "license requirements that apply to entities",
        ),
        laws={"ko": ("개인정보 보호법",), "zh": ("个人信息保护法",), "en": ("15 CFR",)},
    ),
    Topic(
        "health_data",
        HEALTH,
        {
            "ko": "개인정보 보호법 개인정보의 국외 이전 민감정보 건강 별도 동의",
            "zh": "个人信息保护法 向境外提供个人信息 敏感个人信息 医疗健康 单独同意",
        },
        frozenset({"health_biometric_data"}),
        laws={"ko": ("개인정보 보호법",), "zh": PRC_DATA},
    ),
    Topic(
        "high_impact_ai",
        frozenset({"medical_imaging", "medical_devices", "autonomous_driving"}),
        {"ko": "인공지능 기본법 고영향 인공지능 확인 사업자의 책무"},
        notions=("고영향 인공지능의 확인", "고영향 인공지능과 관련한 사업자의 책무"),
        laws={"ko": ("인공지능",)},
    ),
    Topic(
        "vehicle_data",
        VEHICLES,
        {
            "ko": "개인정보 보호법 이동형 영상정보처리기기 운영 제한 촬영 사실 표시",
            "zh": "网络数据安全管理条例 重要数据 向境外提供 数据出境安全评估",
        },
        notions=("이동형 영상정보처리기기", "向境外提供"),
        laws={"ko": ("개인정보 보호법",), "zh": PRC_DATA},
    ),
    Topic(
        "technology_protection",
        CORE_TECHNOLOGY,
        {
            "ko": "산업기술보호법 국가핵심기술 수출 승인 유출 침해행위 금지",
            "zh": "技术进出口管理条例 禁止或者限制出口的技术 技术出口许可 申请",
        },
        notions=("국가핵심기술의 수출", "유출 및 침해행위 금지", "限制出口", "禁止出口"),
        outbound=True,
        laws={"ko": ("산업기술의 유출방지",), "zh": ("技术进出口管理条例",)},
    ),
    Topic(
        "ai_rules",
        frozenset({"artificial_intelligence", "llm"}),
        {
            "ko": "인공지능 기본법 생성형 인공지능 투명성 확보 의무 국내대리인",
            "zh": "生成式人工智能 训练数据 算法推荐服务提供者 算法备案 告知用户",
        },
        laws={"ko": ("인공지능",), "zh": ("网络数据安全管理条例", "算法推荐", "人工智能")},
    ),
    Topic(
        "personal_data",
        frozenset({"fintech", "ecommerce", "cloud", "llm"}),
        {
            "ko": "개인정보 보호법 개인정보의 국외 이전",
            "zh": "个人信息保护法 向境外提供个人信息 安全评估 标准合同",
        },
        frozenset({"personal_data_transfer"}),
        laws={"ko": ("개인정보 보호법",), "zh": PRC_DATA},
    ),
)

# Articles that state no duty of the parties: a heading of purpose, definitions,
# penalties, fines, delegation, exemptions, transitional provisions, a form to use; a
# Chinese article (no headings) that sets a fine.
NO_DUTY = re.compile(r"목적|정의|벌칙|과태료|양벌규정|위임|미수범|과실범|면제|적용례|경과조치|서식")
FINE = re.compile(r"罚款|处罚")
FORM = re.compile(r"서식에 따른다")
PER_LANGUAGE = 2
POOL = 10  # results asked per question, before articles without a duty are passed over

Asked = dict[tuple[str, str], list[RuleView]]


LAW_OF = {"KR": "ko", "CN": "zh"}
"""The language of the bundled laws of a party's country (Hong Kong's are not bundled)."""


def touches(topic: Topic, org: Organization, flags: frozenset[str]) -> bool:
    """Whether one party's sectors, or the end-use and data rules its words trigger,
    make the topic matter."""
    return len(topic.sectors & set(org.sectors)) > 0 or len(topic.flags & flags) > 0


def is_investor(org: Organization) -> bool:
    return org.kind is OrgKind.INVESTOR or len(INVESTORS & set(org.sectors)) > 0


def concerned(topic: Topic, a: Organization, b: Organization) -> list[Organization]:
    """The parties the topic concerns (an investor meeting a holder of core technology:
    both, for foreign investment)."""
    if topic.code == "foreign_investment":
        held = any(
            is_investor(x) and len(CORE_TECHNOLOGY & set(y.sectors)) > 0
            for x, y in ((a, b), (b, a))
        )
        return [a, b] if held else []
    return [o for o in (a, b) if touches(topic, o, frozenset(f.rule for f in evaluate(o)))]


def pair_topics(a: Organization, b: Organization) -> list[tuple[Topic, tuple[str, ...]]]:
    """The topics the meeting touches, those of both parties first (then table order),
    each with the languages to ask it in."""
    weighed = []
    for i, topic in enumerate(TOPICS):
        parties = concerned(topic, a, b)
        langs = tuple(topic.questions)
        if topic.outbound:
            exporters = {LAW_OF.get(o.country) for o in parties}
            langs = tuple(lang for lang in langs if lang in exporters)
        if len(parties) > 0 and len(langs) > 0:
            weighed.append((-len(parties), i, topic, langs))
    return [(t, langs) for _, _, t, langs in sorted(weighed, key=lambda x: (x[0], x[1]))]


def has_duty(rule: RuleView) -> bool:
    """Whether an article states what a party must or may do (not a purpose, a
    definition, a penalty)."""
    if NO_DUTY.search(rule.heading) is not None or FORM.search(rule.snippet) is not None:
        return False
    return rule.title.startswith("15 CFR") or not FINE.search(rule.snippet)


def answers(index: Index, topic: Topic, lang: str, asked: Asked) -> list[RuleView]:
    """The articles with a duty a topic's question finds in ``lang`` (kept in
    ``asked``: every meeting of a mission asks the same questions)."""
    question = topic.questions[lang]
    if (question, lang) not in asked:
        found = [
            RuleView(topic.code, r.title, r.article, r.heading, r.snippet, r.date, r.doc_id)
            # a topic's question lists notions to reach the operative articles, not a
            # person's words (benchmarks/dossiers.py: precision@5 0.831 asked as a list,
            # 0.738 as a person's question, 0.800 with the own-language guard)
            for r in search(index, question, lang=lang, k=POOL, listed=True)
        ]
        laws = (topic.laws or {}).get(lang)
        kept = [
            r for r in found if has_duty(r) and (laws is None or any(w in r.title for w in laws))
        ]
        asked[question, lang] = sorted(kept, key=lambda r: not names_notion(r, topic.notions))
    return asked[question, lang]


def lead(rule: RuleView) -> str:
    """What an article says it is about: its heading, else a CFR section's title, else
    its first sentence."""
    if len(rule.heading) > 0:
        return rule.heading
    return rule.title if rule.title.startswith("15 CFR") else rule.snippet.split("。")[0]


def names_notion(rule: RuleView, notions: tuple[str, ...]) -> bool:
    said = lead(rule).casefold()
    return any(n.casefold() in said for n in notions)


def rules_for(
    index: Index, a: Organization, b: Organization, asked: Asked | None = None
) -> list[RuleView]:
    """The articles to know for a meeting of ``a`` and ``b``: for each topic they
    touch, the best articles with a duty in each language, each article once."""
    asked = {} if asked is None else asked
    out: list[RuleView] = []
    seen: set[tuple[str, str]] = set()
    for topic, langs in pair_topics(a, b):
        for lang in langs:
            found = answers(index, topic, lang, asked)
            fresh = [r for r in found if (r.doc_id, r.article) not in seen]
            for rule in fresh[:PER_LANGUAGE]:
                seen.add((rule.doc_id, rule.article))
                out.append(rule)
    return out
