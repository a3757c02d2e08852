"""Co-investment syndicates: investor pairs and trios for a raising startup.

Every member's thesis must fit the startup, and a syndicate spans the border (at
least one Korean and one Chinese or Hong Kong investor); syndicates are ranked by
their members' fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from corridor.core.parties import OrgKind
from corridor.match.features import thesis_fit
from corridor.match.profile import Profile

RAISING = {None, "pre_seed", "seed", "series_a", "series_b", "series_c", "growth", "pre_ipo"}


@dataclass(frozen=True, slots=True)
class Syndicate:
    """A startup, the investors proposed together, their fit and the reasons."""

    startup: str
    investors: tuple[str, ...]
    value: float
    reasons: tuple[str, ...]


def _side(p: Profile) -> str:
    return "KR" if p.org.country == "KR" else "CN"


def syndicates(
    startup: Profile, investors: Sequence[Profile], *, limit: int = 3, min_fit: float = 0.6
) -> list[Syndicate]:
    """The best cross-border investor pairs and trios whose theses all fit ``startup``."""
    if startup.org.kind is not OrgKind.STARTUP or startup.org.stage not in RAISING:
        return []
    fits = [
        (inv, thesis_fit(inv, startup)) for inv in investors if inv.org.kind is OrgKind.INVESTOR
    ]
    good = [(inv, f) for inv, f in fits if f.score >= min_fit]
    found: list[Syndicate] = []
    for size in (2, 3):
        for group in combinations(sorted(good, key=lambda t: t[0].key), size):
            if {_side(inv) for inv, _ in group} != {"KR", "CN"}:
                continue
            value = round(sum(f.score for _, f in group) / size + 0.05 * size, 4)
            found.append(
                Syndicate(
                    startup.key,
                    tuple(inv.key for inv, _ in group),
                    value,
                    tuple(f"{inv.org.display()}: {f.detail}" for inv, f in group),
                )
            )
    found.sort(key=lambda s: (-s.value, s.investors))
    return found[:limit]
