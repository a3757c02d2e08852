"""A participant's recommendations page, in the participant's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridor.core.mission import Mission
from corridor.core.parties import Organization
from corridor.reports.render import render


@dataclass(frozen=True, slots=True)
class RecommendationView:
    """One recommendation as the page shows it."""

    partner: str
    value: float
    explanation: str
    under_review: bool


def recommendations_html(
    org: Organization, items: Sequence[RecommendationView], mission: Mission, lang: str
) -> str:
    """The page in ``lang``. A participant sees nothing of screening, not even that a
    review is open (``under_review`` stays on the view for the organiser's pages)."""
    return render(
        "recommendations.html.j2", lang, mission.timezone, org=org, items=items, mission=mission
    )
