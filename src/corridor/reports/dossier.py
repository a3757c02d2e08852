"""Per-meeting briefing dossiers: both parties, why they meet, the rules that apply."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridor.core.parties import Organization
from corridor.reports.render import render


@dataclass(frozen=True, slots=True)
class RuleView:
    """A retrieved article: law, label, heading, snippet, and why it was looked up."""

    topic: str
    """A code of the ``topic`` vocabulary (corridor.locale.labels)."""
    title: str
    article: str
    heading: str
    snippet: str
    date: str | None = None
    """The document's date (a CFR section: the last amendment its text cites)."""
    doc_id: str = ""
    caveat: str = ""
    """What to know before relying on the text, in the dossier's language."""


def dossier_html(
    a: Organization,
    b: Organization,
    when: str,
    table: str,
    why: str,
    rules: Sequence[RuleView],
    lang: str,
    screening: dict[str, str] | None = None,
    zone: str = "UTC",
) -> str:
    """A dossier page; ``screening`` is given only for the organiser's edition."""
    return render(
        "dossier.html.j2",
        lang,
        zone,
        a=a,
        b=b,
        when=when,
        table=table,
        why=why,
        rules=rules,
        screening=screening,
    )
