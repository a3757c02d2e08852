"""Per-meeting briefing dossiers: both parties, why they meet, the rules that apply."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridor.core.parties import Organization
from corridor.reports.render import render

LABELS = {
    "en": {
        "title": "Meeting briefing",
        "why": "Why this meeting",
        "rules": "Rules to know",
        "offers": "Offers",
        "seeks": "Seeks",
        "sectors": "Sectors",
        "screening": "Screening status (organiser edition only)",
        "when": "When and where",
    },
    "ko": {
        "title": "미팅 브리핑",
        "why": "미팅 이유",
        "rules": "관련 법규",
        "offers": "제공",
        "seeks": "희망",
        "sectors": "분야",
        "screening": "심사 현황 (주최 측 전용)",
        "when": "일시 및 장소",
    },
    "zh": {
        "title": "会谈简报",
        "why": "会谈理由",
        "rules": "相关法规",
        "offers": "提供",
        "seeks": "寻求",
        "sectors": "领域",
        "screening": "审查状态（仅限主办方）",
        "when": "时间与地点",
    },
}


@dataclass(frozen=True, slots=True)
class RuleView:
    """A retrieved article: law, label, heading, snippet, and why it was looked up."""

    topic: str
    title: str
    article: str
    heading: str
    snippet: str


def dossier_html(
    a: Organization,
    b: Organization,
    when: str,
    table: str,
    why: str,
    rules: Sequence[RuleView],
    lang: str,
    screening: dict[str, str] | None = None,
) -> str:
    """A dossier page; ``screening`` is given only for the organiser's edition."""
    return render(
        "dossier.html.j2",
        a=a,
        b=b,
        when=when,
        table=table,
        why=why,
        rules=rules,
        lang=lang,
        t=LABELS.get(lang, LABELS["en"]),
        screening=screening,
    )
