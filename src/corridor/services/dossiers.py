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

# What a pair's sectors make worth reading (question, topic shown in the dossier).
TOPICS: tuple[tuple[frozenset[str], str, str], ...] = (
    (
        frozenset({"medical_imaging", "medical_devices", "digital_health", "biotech"}),
        "cross-border transfer of personal information health data",
        "health data abroad",
    ),
    (
        frozenset({"ai_chips", "semiconductors", "drones", "lidar", "aerospace", "sensors"}),
        "export control dual-use items",
        "export control",
    ),
    (
        frozenset({"artificial_intelligence", "llm", "computer_vision"}),
        "artificial intelligence algorithm",
        "AI rules",
    ),
    (
        frozenset({"fintech", "ecommerce", "cloud", "surveillance"}),
        "cross-border transfer of personal information",
        "personal data abroad",
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
        "industrial technology leakage export technology",
        "technology protection",
    ),
)


def rules_for(index: Index, sectors: set[str], per_language: int = 1) -> list[RuleView]:
    """The best Korean and Chinese articles for each topic the pair's sectors touch."""
    out: list[RuleView] = []
    for trigger, question, topic in TOPICS:
        if not trigger & sectors:
            continue
        for lang in ("ko", "zh"):
            for r in search(index, question, lang=lang, k=per_language):
                out.append(RuleView(topic, r.title, r.article, r.heading, r.snippet))
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
    for m in published[1]:
        a, b = orgs[m.org_a], orgs[m.org_b]
        slot = slots[m.slot]
        when = f"{slot.start:%Y-%m-%d %H:%M}–{slot.end:%H:%M} ({mission.timezone})"
        why = notes.get((a.key, b.key)) or notes.get((b.key, a.key)) or ""
        rules = rules_for(index, set(a.sectors) | set(b.sectors))
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
