"""What an organisation offers and seeks, as concepts, plus what matching needs of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from corridor.core.parties import Organization, OrgKind, Person
from corridor.core.vocab import country_language
from corridor.text.concepts import Mention, find

# What a kind of organisation brings without saying so (documented assumption):
# investors bring capital; corporates bring customers, channels and supply chains.
IMPLICIT_OFFERS: dict[OrgKind, tuple[str, ...]] = {
    OrgKind.INVESTOR: ("capital",),
    OrgKind.CORPORATE: ("market_access", "manufacturing_partner"),
}
IMPLICIT_SEEKS: dict[OrgKind, tuple[str, ...]] = {OrgKind.STARTUP: ("capital",)}


@dataclass(frozen=True, slots=True)
class Profile:
    """An organisation as matching sees it."""

    org: Organization
    offers: dict[str, tuple[str, ...]]  # concept → trigger words ("" when implicit)
    seeks: dict[str, tuple[str, ...]]
    languages: frozenset[str] = field(default_factory=frozenset)
    priority: frozenset[str] = field(default_factory=frozenset)  # orgs the organiser pairs it with

    @property
    def key(self) -> str:
        """The organisation's key."""
        return self.org.key


def _mentions(found: list[Mention]) -> dict[str, tuple[str, ...]]:
    return {m.concept: m.words for m in found}


def build_profile(
    org: Organization, people: Sequence[Person] = (), priority: Sequence[str] = ()
) -> Profile:
    """Concepts from the organisation's own words in every language, plus implicit ones."""
    offers = _mentions(find(org.offers.values()))
    seeks = _mentions(find(org.seeks.values()))
    for concept in IMPLICIT_OFFERS.get(org.kind, ()):
        offers.setdefault(concept, ())
    for concept in IMPLICIT_SEEKS.get(org.kind, ()):
        seeks.setdefault(concept, ())
    languages = frozenset(lang for p in people for lang in p.languages) or frozenset(
        {country_language(org.country)}
    )
    return Profile(org, offers, seeks, languages, frozenset(priority))
