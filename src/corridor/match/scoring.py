"""Registered match algorithms: weighted, documented features, explained in ko/zh/en."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from corridor.core.parties import OrgKind
from corridor.core.vocab import country_language
from corridor.locale import gettext_for
from corridor.locale.labels import label as label_of
from corridor.locale.labels import labels
from corridor.match import features as f
from corridor.match.profile import Profile
from corridor.text.concepts import concepts
from corridor.text.particles import fill

FeatureFn = Callable[[Profile, Profile], f.Feature]


@dataclass(frozen=True, slots=True)
class Scored:
    """A pair's value and the features behind it (by name)."""

    a: str
    b: str
    value: float
    features: dict[str, f.Feature]


class MatchAlgorithm:
    """Weighted features; ``thesis_fit`` counts only between an investor and a startup."""

    NAME: ClassVar[str] = "match-v1"
    CONFIG: ClassVar[dict[str, tuple[type, Any, str]]] = {
        "cross_border_only": (bool, True, "recommend only pairs from different countries"),
        "min_value": (float, 0.2, "pairs below this value are not recommended"),
    }
    FEATURES: ClassVar[tuple[tuple[FeatureFn, float], ...]] = (
        (f.offers_a_to_b, 0.25),
        (f.offers_b_to_a, 0.25),
        (f.supply_chain, 0.15),
        (f.sector_relation, 0.1),
        (f.thesis_fit, 0.3),
        (f.language, 0.05),
        (f.priority, 0.1),
        (f.similarity, 0.05),
    )

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        given = dict(config or {})
        unknown = set(given) - set(self.CONFIG)
        if unknown:
            raise ValueError(f"unknown settings for {self.NAME}: {', '.join(sorted(unknown))}")
        self.config = {k: given.get(k, spec[1]) for k, spec in self.CONFIG.items()}

    def eligible(self, a: Profile, b: Profile) -> bool:
        """Pairs worth scoring at all (different organisations; cross-border by default)."""
        if a.key == b.key:
            return False
        return not (self.config["cross_border_only"] and _domestic(a, b))

    def score(self, a: Profile, b: Profile) -> Scored:
        """The weighted mean of the applicable features."""
        both = {a.org.kind, b.org.kind}
        results, total, weights = {}, 0.0, 0.0
        for fn, weight in self.FEATURES:
            if fn is f.thesis_fit and both != {OrgKind.INVESTOR, OrgKind.STARTUP}:
                continue
            result = fn(a, b)
            results[fn.__name__] = result
            total += weight * result.score
            weights += weight
        return Scored(a.key, b.key, round(total / weights, 4), results)


def _domestic(a: Profile, b: Profile) -> bool:
    korean = {"KR"}
    return (a.org.country in korean) == (b.org.country in korean)


ALGORITHMS: dict[str, type[MatchAlgorithm]] = {MatchAlgorithm.NAME: MatchAlgorithm}


def get_algorithm(
    name: str = "match-v1", config: Mapping[str, Any] | None = None
) -> MatchAlgorithm:
    """A registered match algorithm with ``config`` over its defaults."""
    if name not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {name!r}")
    return ALGORITHMS[name](config)


def explain(scored: Scored, a: Profile, b: Profile, lang: str = "en") -> str:
    """The reasons for a recommendation in the reader's language, naming the concepts.

    The sentences are catalog messages (``corridor/locale``); Korean translations name
    each field's particle (``{b:은/는}``) and ``fill`` picks its form for the name.
    """
    _, table = gettext_for(lang), concepts()

    def label(c: str) -> str:
        return table[c].label(lang) if c in table else c

    na, nb = a.org.display(lang), b.org.display(lang)
    out = []
    for key, giver, g, k in (("offers_a_to_b", a, na, nb), ("offers_b_to_a", b, nb, na)):
        feature = scored.features.get(key)
        if feature and feature.score > 0:
            words = [w for c in feature.left for w in giver.offers.get(c, ())][:3]
            shown = f" ({', '.join(words)})" if words else ""
            what = _join([label(c) for c in feature.left], lang)
            out.append(
                fill(_("{b} seeks {what}; {a} offers it{words}."), b=k, a=g, what=what, words=shown)
            )
    chain = scored.features.get("supply_chain")
    if chain and chain.score > 0:
        giver_first = chain.detail.startswith(a.key)
        out.append(
            fill(
                _("{a}'s {x} goes into {b}'s {y}."),
                a=na if giver_first else nb,
                b=nb if giver_first else na,
                x=label(chain.left[0] if giver_first else chain.right[0]),
                y=_join([label(c) for c in (chain.right if giver_first else chain.left)], lang),
            )
        )
    thesis = scored.features.get("thesis_fit")
    if thesis and thesis.left:
        investor = na if a.org.kind is OrgKind.INVESTOR else nb
        sectors = labels("sector", thesis.left, lang)
        out.append(
            fill(_("{inv}'s investment thesis covers {sectors}."), inv=investor, sectors=sectors)
        )
    if not out:
        sector = scored.features.get("sector_relation")
        if sector and sector.score > 0:
            shared = sorted(set(a.org.sectors) & set(b.org.sectors))
            both = labels("sector", shared, lang) or sector.detail
            out.append(fill(_("Both work in {sectors}."), sectors=both))
    spoken = sorted(a.languages & b.languages)
    if spoken:
        out.append(
            fill(_("Common working language: {langs}."), langs=labels("language", spoken, lang))
        )
    else:
        pair = "–".join(label_of("language", x, lang) for x in sorted({_native(a), _native(b)}))
        out.append(fill(_("No common working language — interpreter needed ({pair})."), pair=pair))
    if scored.features.get("priority", f.Feature(0, "")).score > 0:
        out.append(_("Already requested."))
    return ("" if lang == "zh" else " ").join(out)


def _join(items: list[str], lang: str) -> str:
    """A list as the reader's language writes one (、 between Chinese items)."""
    return ("、" if lang == "zh" else ", ").join(items)


def _native(p: Profile) -> str:
    """The language a delegation is most likely to need interpreting from."""
    return country_language(p.org.country)
