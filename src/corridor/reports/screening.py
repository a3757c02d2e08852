"""The organiser's screening report: every participant's status, hits and flags, and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from corridor.core.mission import Mission
from corridor.core.screening import Coverage, Decision, Hit, ListVersion
from corridor.reports.render import render


@dataclass(frozen=True, slots=True)
class FlagView:
    """An end-use or data-governance flag as the report shows it."""

    rule: str
    title: str
    severity: str
    basis: str
    matched: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScreeningRow:
    """One participant in the report."""

    key: str
    name: str
    native: str
    country: str
    status: str
    verdict: str
    """The status with the lists it was checked against and those it was not."""
    hits: tuple[Hit, ...]
    flags: tuple[FlagView, ...]
    decisions: tuple[Decision, ...]


def screening_html(
    mission: Mission,
    rows: Sequence[ScreeningRow],
    versions: Sequence[ListVersion],
    screened_at: datetime | None,
    coverage: Coverage,
    lang: str = "en",
) -> str:
    """The report as a standalone HTML document (organiser edition: not for participants).

    It says what the lists in force do not cover, so that "cleared" is never read as
    cleared against lists nobody loaded.
    """
    order = {"blocked": 0, "review": 1, "cleared": 2}
    ranked = sorted(rows, key=lambda r: (order.get(r.status, 3), r.key))
    counts = {s: sum(1 for r in rows if r.status == s) for s in order}
    return render(
        "screening.html.j2",
        lang,
        mission.timezone,
        mission=mission,
        rows=ranked,
        counts=counts,
        versions=versions,
        sources={c.source: c.label for c in coverage.checked},
        coverage=coverage,
        screened_at=screened_at,
    )
