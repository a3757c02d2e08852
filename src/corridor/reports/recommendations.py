"""A participant's recommendations page, in the participant's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corridor.core.mission import Mission
from corridor.core.parties import Organization
from corridor.reports.render import render

TITLES = {"en": "Recommended partners", "ko": "추천 파트너", "zh": "推荐合作伙伴"}
REVIEW = {"en": "screening under review", "ko": "심사 중", "zh": "审查中"}


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
    """The page (participants see no screening details: only a neutral "under review")."""
    return render(
        "recommendations.html.j2",
        org=org,
        items=items,
        mission=mission,
        lang=lang,
        title=TITLES.get(lang, TITLES["en"]),
        review=REVIEW.get(lang, REVIEW["en"]),
    )
