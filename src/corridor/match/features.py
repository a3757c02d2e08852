"""Match features: each compares two profiles and says what it saw.

Each returns a ``Feature`` (score in [0, 1], detail, and the concepts involved on
the two sides), small and cheap, so thousands of pairs can be scored per second.
"""

from __future__ import annotations

from dataclasses import dataclass

from corridor.core.parties import OrgKind
from corridor.match.profile import Profile
from corridor.text.concepts import concepts


@dataclass(frozen=True, slots=True)
class Feature:
    """A feature's score, a detail for the record, and the concepts on both sides."""

    score: float
    detail: str
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()


def _needs_met(giver: Profile, taker: Profile) -> Feature:
    met = tuple(c for c in taker.seeks if c in giver.offers and c != "capital")
    if len(met) == 0:
        return Feature(0.0, "")
    wanted = max(1, len([c for c in taker.seeks if c != "capital"]))
    return Feature(
        min(1.0, len(met) / min(wanted, 2)),
        f"{giver.key} offers what {taker.key} seeks: {', '.join(met)}",
        met,
        met,
    )


def offers_a_to_b(a: Profile, b: Profile) -> Feature:
    """B seeks something A offers (explicitly, or implicitly by A's kind)."""
    return _needs_met(a, b)


def offers_b_to_a(a: Profile, b: Profile) -> Feature:
    """A seeks something B offers: the other direction of complementarity."""
    found = _needs_met(b, a)
    return Feature(found.score, found.detail, found.right, found.left)


def supply_chain(a: Profile, b: Profile) -> Feature:
    """One side's offer is an input to what the other makes (reducers → humanoids)."""
    table = concepts()
    for x, y, first in ((a, b, True), (b, a, False)):
        for offer in x.offers:
            concept = table.get(offer)
            if concept is None:
                continue
            targets = [t for t in concept.supplies if t in y.offers]
            if targets:
                left, right = ((offer,), tuple(targets)) if first else (tuple(targets), (offer,))
                return Feature(
                    1.0, f"{x.key}'s {offer} goes into {y.key}'s {', '.join(targets)}", left, right
                )
    return Feature(0.0, "")


def sector_relation(a: Profile, b: Profile) -> Feature:
    """Shared sectors (Jaccard), or concepts that are adjacent in the graph."""
    sa, sb = set(a.org.sectors), set(b.org.sectors)
    shared = sa & sb
    if shared:
        return Feature(len(shared) / len(sa | sb), f"shared sectors {', '.join(sorted(shared))}")
    table = concepts()
    near = [(x, y) for x in a.offers for y in b.offers if x in table and y in table[x].adjacent]
    if near:
        return Feature(0.5, f"adjacent: {near[0][0]} / {near[0][1]}", (near[0][0],), (near[0][1],))
    return Feature(0.0, "")


def thesis_fit(a: Profile, b: Profile) -> Feature:
    """An investor's thesis against a startup: sectors, stage, geography."""
    investor, startup = (a, b) if a.org.kind is OrgKind.INVESTOR else (b, a)
    if investor.org.kind is not OrgKind.INVESTOR or startup.org.kind is not OrgKind.STARTUP:
        return Feature(0.0, "not an investor and a startup")
    thesis = investor.org.thesis
    sectors = set(thesis.sectors if thesis and thesis.sectors else investor.org.sectors)
    fit_sectors = sorted(sectors & set(startup.org.sectors))
    parts = [0.6 * (1.0 if fit_sectors else 0.0)]
    if thesis and thesis.stages and startup.org.stage:
        parts.append(0.2 * (startup.org.stage in thesis.stages))
    else:
        parts.append(0.1)  # unknown stage: neither for nor against
    if thesis and thesis.countries:
        parts.append(0.2 * (startup.org.country in thesis.countries))
    else:
        parts.append(0.1)
    detail = (
        f"thesis covers {', '.join(fit_sectors)}"
        if fit_sectors
        else "thesis sectors do not cover the startup"
    )
    return Feature(sum(parts), detail, tuple(fit_sectors), tuple(fit_sectors))


def language(a: Profile, b: Profile) -> Feature:
    """Whether the delegations share a working language (else an interpreter is needed)."""
    shared = sorted(a.languages & b.languages)
    if shared:
        return Feature(1.0, f"both work in {', '.join(shared)}")
    return Feature(
        0.5, f"interpreter needed ({'/'.join(sorted(a.languages))}–{'/'.join(sorted(b.languages))})"
    )


def priority(a: Profile, b: Profile) -> Feature:
    """The organiser (or a participant's request) already asked for this pair."""
    asked = b.key in a.priority or a.key in b.priority
    return Feature(1.0 if asked else 0.0, "requested" if asked else "")


def similarity(a: Profile, b: Profile) -> Feature:
    """Lexical similarity of the two profiles: cosine of their concept sets.

    A documented lexical method in place of sentence embeddings: the concept
    mapping already bridges Korean, Chinese and English.
    """
    x = set(a.offers) | set(a.seeks)
    y = set(b.offers) | set(b.seeks)
    if not x or not y:
        return Feature(0.0, "")
    return Feature(len(x & y) / (len(x) * len(y)) ** 0.5, "profile similarity")
