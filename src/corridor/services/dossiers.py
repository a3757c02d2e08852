"""Briefing dossiers for every scheduled meeting, with the rules retrieved automatically."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from corridor.core.vocab import country_language
from corridor.reports.dossier import RuleView, dossier_html
from corridor.reports.render import html_to_pdf
from corridor.search.index import Index
from corridor.search.query import search
from corridor.services.screening import mission_screening
from corridor.store.db import session_factory, transaction
from corridor.store.schedules import ScheduleStore
from corridor.store.sql import SqlStore

# What a pair's sectors make worth reading: the topic shown in the dossier and, per
# language, a question naming the laws that govern it (the search puts a named law first).
TOPICS: tuple[tuple[frozenset[str], str, dict[str, str]], ...] = (
    (
        frozenset({"medical_imaging", "medical_devices", "digital_health", "biotech"}),
        "health data abroad",
        {
            "ko": "개인정보 보호법 개인정보의 국외 이전 민감정보 건강 별도 동의",
            "zh": "个人信息保护法 向境外提供个人信息 敏感个人信息 医疗健康 单独同意",
        },
    ),
    (
        frozenset({"ai_chips", "semiconductors", "drones", "lidar", "aerospace", "sensors"}),
        "export control",
        {
            "ko": "대외무역법 전략물자 수출허가 상황허가",
            "zh": "两用物项出口管制条例 两用物项 出口许可 最终用户 最终用途",
        },
    ),
    (
        frozenset({"artificial_intelligence", "llm", "computer_vision"}),
        "AI rules",
        {
            "ko": "인공지능 기본법 고영향 인공지능 생성형 인공지능 투명성 확보 의무",
            "zh": "互联网信息服务算法推荐管理规定 算法推荐服务 算法备案 标识",
        },
    ),
    (
        frozenset({"fintech", "ecommerce", "cloud", "surveillance"}),
        "personal data abroad",
        {
            "ko": "개인정보 보호법 개인정보의 국외 이전",
            "zh": "个人信息保护法 向境外提供个人信息 安全评估 标准合同",
        },
    ),
    (
        frozenset(
            {
                "robotics",
                "industrial_robots",
                "humanoid_robots",
                "smart_manufacturing",
                "industrial_software",
                "autonomous_driving",
                "batteries",
            }
        ),
        "technology protection",
        {
            "ko": "산업기술보호법 국가핵심기술 수출 승인",
            "zh": "技术进出口管理条例 限制出口的技术 技术出口许可",
        },
    ),
)


def rules_for(
    index: Index,
    sectors: set[str],
    per_language: int = 2,
    asked: dict[tuple[str, str], list[RuleView]] | None = None,
) -> list[RuleView]:
    """The best Korean and Chinese articles for each topic the pair's sectors touch
    (``asked`` keeps the answers across meetings: the questions recur)."""
    asked = {} if asked is None else asked
    out: list[RuleView] = []
    for trigger, topic, questions in TOPICS:
        if not trigger & sectors:
            continue
        for lang, question in questions.items():
            if (question, lang) not in asked:
                asked[question, lang] = [
                    RuleView(topic, r.title, r.article, r.heading, r.snippet)
                    for r in search(index, question, lang=lang, k=per_language)
                ]
            out += asked[question, lang]
    return out


def write_dossiers(
    engine: Engine, mission_key: str, index_folder: Path, out: Path, *, pdf: bool = True
) -> list[Path]:
    """Organiser edition (English, with screening status; HTML and PDF) and each side's
    edition in its own language (HTML) for every published meeting."""
    index = Index(index_folder)
    with transaction(session_factory(engine)) as session:
        store = SqlStore(session)
        mission = store.mission(mission_key)
        orgs = {o.key: o for o in store.organisations(keys=store.participants(mission_key))}
        published = ScheduleStore(session).published(mission_key)
        notes = {(r.requester, r.target): r.note or "" for r in store.requests(mission_key)}
    if published is None:
        return []
    status = {o.org.key: o.status for o in mission_screening(engine, mission_key).orgs}
    slots = {s.index: s for s in mission.slots()}
    tables = {t.key: t.name for t in mission.tables}
    folder = out / "dossiers"
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    asked: dict[tuple[str, str], list[RuleView]] = {}
    for m in published[1]:
        a, b = orgs[m.org_a], orgs[m.org_b]
        slot = slots[m.slot]
        when = f"{slot.start:%Y-%m-%d %H:%M}–{slot.end:%H:%M} ({mission.timezone})"
        why = notes.get((a.key, b.key)) or notes.get((b.key, a.key)) or ""
        rules = rules_for(index, set(a.sectors) | set(b.sectors), asked=asked)
        name = f"{m.slot:02d}-{a.key}--{b.key}"
        organiser = dossier_html(
            a,
            b,
            when,
            tables.get(m.table, m.table),
            why,
            rules,
            "en",
            {a.key: status.get(a.key, "?"), b.key: status.get(b.key, "?")},
        )
        page = folder / f"{name}.organiser.html"
        page.write_text(organiser, encoding="utf-8")
        files.append(page)
        if pdf:
            pdf_path = page.with_suffix(".pdf")
            pdf_path.write_bytes(html_to_pdf(organiser))
            files.append(pdf_path)
        for side in (a, b):
            lang = country_language(side.country)
            html = dossier_html(a, b, when, tables.get(m.table, m.table), why, rules, lang)
            path = folder / f"{name}.{side.key}.{lang}.html"
            path.write_text(html, encoding="utf-8")
            files.append(path)
    return files
