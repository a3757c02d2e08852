"""The organiser's mission overview page: who comes, when, and what they ask for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from corridor.core.mission import MeetingRequest, Mission
from corridor.core.names import display_name
from corridor.core.parties import Organization, Person
from corridor.locale.labels import labels
from corridor.reports.render import render


@dataclass(frozen=True, slots=True)
class OverviewRow:
    """One participant as the overview lists it."""

    key: str
    kind: str
    country: str
    en: str
    ko: str
    zh: str
    sectors: str
    people: int
    languages: str


def overview_html(
    mission: Mission,
    orgs: Sequence[Organization],
    people: Sequence[Person],
    requests: Sequence[MeetingRequest],
    interpreted: int,
    lang: str = "en",
) -> str:
    """The overview page as a standalone HTML document in ``lang``."""
    staff: Counter[str] = Counter(p.org_key for p in people)
    langs: dict[str, set[str]] = {}
    for p in people:
        langs.setdefault(p.org_key, set()).update(p.languages)
    rows = [
        OverviewRow(
            o.key,
            o.kind.value,
            o.country,
            _name(o, "en"),
            _name(o, "ko"),
            _name(o, "zh"),
            labels("sector", o.sectors, lang),
            staff[o.key],
            ", ".join(sorted(langs.get(o.key, set()))),
        )
        for o in orgs
    ]
    return render(
        "overview.html.j2",
        lang,
        mission.timezone,
        mission=mission,
        slots=mission.slots(),
        rows=rows,
        by_country=sorted(Counter(o.country for o in orgs).items()),
        by_kind=sorted(Counter(o.kind.value for o in orgs).items()),
        requests=len(requests),
        mutual=_mutual(requests),
        interpreted=interpreted,
        people=len(people),
    )


def _name(org: Organization, lang: str) -> str:
    return display_name(tuple(n for n in org.names if n.lang == lang))


def _mutual(requests: Sequence[MeetingRequest]) -> int:
    pairs = {(q.requester, q.target) for q in requests}
    return sum(1 for a, b in pairs if (b, a) in pairs) // 2
