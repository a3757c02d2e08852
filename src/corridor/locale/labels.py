"""Labels, never codes: the one place a code of a vocabulary becomes a reader's word.

Each vocabulary (sector, kind, stage, script, screening status, …) maps its codes to
an English label that is the msgid, with the vocabulary as the gettext context, so
"review" the screening status and "review" the hit band can read differently. Pages
use it as the Jinja filter ``label`` (``{{ org.kind | label("kind") }}``), documents
and engines call ``label(vocabulary, code, locale)``. An unknown code is shown as it
is rather than hidden: a new code without a label is visible, not silently lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import Final

from corridor.core.vocab import N_, SECTORS
from corridor.locale import pgettext_for

VOCABULARIES: Final[dict[str, dict[str, str]]] = {
    "sector": SECTORS,
    "kind": {
        "startup": N_("kind", "Startup"),
        "corporate": N_("kind", "Corporation"),
        "investor": N_("kind", "Investor"),
        "agency": N_("kind", "Public agency"),
        "association": N_("kind", "Industry association"),
        "university": N_("kind", "University"),
        "research_institute": N_("kind", "Research institute"),
    },
    "stage": {
        "pre_seed": N_("stage", "Pre-seed"),
        "seed": N_("stage", "Seed"),
        "series_a": N_("stage", "Series A"),
        "series_b": N_("stage", "Series B"),
        "series_c": N_("stage", "Series C"),
        "growth": N_("stage", "Growth"),
        "pre_ipo": N_("stage", "Pre-IPO"),
        "public": N_("stage", "Listed"),
    },
    "script": {
        "hangul": N_("script", "Hangul"),
        "han": N_("script", "Chinese characters"),
        "latin": N_("script", "Latin"),
        "kana": N_("script", "Kana"),
        "other": N_("script", "Other script"),
    },
    "name_kind": {
        "legal": N_("name_kind", "Legal name"),
        "trade": N_("name_kind", "Trade name"),
        "alias": N_("name_kind", "Alias"),
        "former": N_("name_kind", "Former name"),
    },
    "status": {
        "blocked": N_("status", "Blocked"),
        "review": N_("status", "To review"),
        "cleared": N_("status", "Cleared"),
    },
    "band": {
        "strong": N_("band", "Strong"),
        "review": N_("band", "Needs review"),
    },
    "decision": {
        "clear": N_("decision", "Cleared"),
        "escalate": N_("decision", "Escalated"),
        "block": N_("decision", "Blocked"),
    },
    "severity": {
        "high": N_("severity", "High"),
        "medium": N_("severity", "Medium"),
        "low": N_("severity", "Low"),
    },
    "entity": {
        "organization": N_("entity", "Organisation"),
        "person": N_("entity", "Person"),
        "vessel": N_("entity", "Vessel"),
        "aircraft": N_("entity", "Aircraft"),
        "unknown": N_("entity", "Unknown"),
    },
    "list_action": {
        "load": N_("list_action", "Loaded"),
        "accept-shrink": N_("list_action", "Smaller version accepted"),
        "accept-older": N_("list_action", "Older version accepted"),
        "use": N_("list_action", "Put in force"),
    },
    "origin": {
        "curated": N_("origin", "Curated (demo scenario)"),
        "participant": N_("origin", "Asked by the participant"),
        "match": N_("origin", "Accepted recommendation"),
        "organiser": N_("origin", "Added by the organiser"),
    },
    "job_state": {
        "queued": N_("job_state", "Queued"),
        "running": N_("job_state", "Running"),
        "done": N_("job_state", "Done"),
        "failed": N_("job_state", "Failed"),
    },
    "record": {
        "organisations": N_("record", "Organisations"),
        "people": N_("record", "People"),
        "requests": N_("record", "Meeting requests"),
    },
    "language": {
        "ko": N_("language", "Korean"),
        "zh": N_("language", "Chinese"),
        "en": N_("language", "English"),
    },
    "topic": {
        "health_data": N_("topic", "Health data abroad"),
        "export_control": N_("topic", "Export control"),
        "ai_rules": N_("topic", "AI rules"),
        "personal_data": N_("topic", "Personal data abroad"),
        "technology_protection": N_("topic", "Technology protection"),
        "us_export_control": N_("topic", "US export controls (EAR)"),
        "surveillance": N_("topic", "Video devices and surveillance"),
        "foreign_investment": N_("topic", "Foreign investment in core technology"),
        "high_impact_ai": N_("topic", "High-impact AI"),
        "vehicle_data": N_("topic", "Vehicle and road data"),
    },
    "role": {
        "admin": N_("role", "Administrator"),
        "organiser": N_("role", "Organiser"),
        "compliance": N_("role", "Compliance officer"),
        "viewer": N_("role", "Viewer"),
    },
}


def label(vocabulary: str, code: str | Enum | None, locale: str = "en") -> str:
    """The reader's word for ``code`` of ``vocabulary`` in ``locale`` (the code itself
    when the vocabulary does not know it; "" for no code)."""
    if code is None:
        return ""
    key = str(code.value) if isinstance(code, Enum) else str(code)
    english = VOCABULARIES.get(vocabulary, {}).get(key)
    if english is None:
        return key
    return pgettext_for(locale)(vocabulary, english)


def labels(vocabulary: str, codes: Iterable[str | Enum], locale: str = "en") -> str:
    """Several codes of one vocabulary as a comma-separated list of labels."""
    comma = "、" if locale == "zh" else ", "
    return comma.join(label(vocabulary, c, locale) for c in codes)


def labeller(locale: str) -> Callable[[str | Enum | None, str], str]:
    """The Jinja filter of one locale: ``{{ code | label("sector") }}``."""

    def apply(code: str | Enum | None, vocabulary: str) -> str:
        return label(vocabulary, code, locale)

    return apply
