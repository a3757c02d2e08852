"""Registered matching algorithms: named, configured, made of weighted features.

An algorithm is a class with a ``NAME``, a declared ``CONFIG`` (type, default,
description) and weighted pure feature functions; ``get_algorithm(name)`` finds it.
Config is passed in, never read from globals, so a benchmark can sweep it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from rapidfuzz.fuzz import ratio, token_set_ratio

from corridor.core.screening import Band, EntityType, FeatureScore
from corridor.screen import features as f
from corridor.text.names import NameForm

FeatureFn = Callable[[NameForm, NameForm, f.Idf], f.Feature]


@dataclass(frozen=True, slots=True)
class ConfigField:
    """One setting of an algorithm."""

    type: type
    default: Any
    description: str


@dataclass(frozen=True, slots=True)
class PairScore:
    """How well one query form matches one entry form, with its features."""

    score: float
    features: tuple[FeatureScore, ...]


class Algorithm:
    """Base of registered algorithms: weighted features plus stand-alone overrides."""

    NAME: ClassVar[str] = ""
    CONFIG: ClassVar[dict[str, ConfigField]] = {}
    FEATURES: ClassVar[tuple[tuple[FeatureFn, float], ...]] = ()
    OVERRIDES: ClassVar[tuple[FeatureFn, ...]] = ()
    BOUND_ORDER: ClassVar[tuple[int, ...]] = ()
    """Positions in FEATURES in the order ``pair_above`` computes them to bound a pair's
    score early, the one that rules out most pairs first (empty: the declared order)."""

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        given = dict(config or {})
        unknown = set(given) - set(self.CONFIG)
        if len(unknown) > 0:
            raise ValueError(f"unknown settings for {self.NAME}: {', '.join(sorted(unknown))}")
        self.config = {k: given.get(k, spec.default) for k, spec in self.CONFIG.items()}

    def worth_scoring(self, query: NameForm, entry: NameForm) -> bool:
        """A cheap C-speed look before the features: pairs far apart in every order are
        skipped (no feature could lift them to a review)."""
        if query.origin == "native" or len(query.tokens) + len(entry.tokens) <= 2:
            return True
        floor = self.config["prefilter"]
        return bool(
            token_set_ratio(query.text, entry.text) >= floor
            or ratio(query.compact, entry.compact) >= floor
        )

    def pair(
        self,
        query: NameForm,
        entry: NameForm,
        idf: f.Idf,
        person: bool = False,
        corroborated: bool = False,
    ) -> PairScore:
        """Weighted features, unless an override (initials, same native name) is higher.

        ``corroborated`` (a birth year agrees) lets a person's name parts pair up by
        spelling similarity rather than syllable by syllable."""
        found = self.pair_above(query, entry, idf, None, person, corroborated)
        assert found is not None
        return found

    def pair_above(
        self,
        query: NameForm,
        entry: NameForm,
        idf: f.Idf,
        floor: float | None,
        person: bool = False,
        corroborated: bool = False,
    ) -> PairScore | None:
        """``pair``, or None as soon as the pair's score cannot reach ``floor``.

        The overrides come first, then the features in ``BOUND_ORDER``, each time
        bounding the weighted sum with 1.0 for the features not yet computed; the
        caps that follow only lower a score (or raise it by at most ``_lift``). Most
        candidates of a query are far below the review band and stop after one feature.
        """
        overrides = [fn(query, entry, idf) for fn in self.OVERRIDES]
        weights = sum(w for _, w in self.FEATURES)
        results: dict[int, f.Feature] = {}
        if floor is not None:
            lifted = max((r.score for r in overrides), default=0.0)
            rest = weights
            done = 0.0
            for i in self.BOUND_ORDER or range(len(self.FEATURES)):
                fn, w = self.FEATURES[i]
                results[i] = fn(query, entry, idf)
                rest -= w
                done += w * results[i].score
                if max((done + rest) / weights, lifted) * self._lift() < floor:
                    return None
        scored = [
            (fn, w, results[i] if i in results else fn(query, entry, idf))
            for i, (fn, w) in enumerate(self.FEATURES)
        ]
        total = sum(w * r.score for _, w, r in scored) / weights
        parts = [FeatureScore(fn.__name__, r.score, w, r.detail) for fn, w, r in scored]
        for fn, result in zip(self.OVERRIDES, overrides, strict=True):
            if result.score > total:
                total = result.score
                parts.append(FeatureScore(fn.__name__, result.score, 1.0, result.detail))
        if total >= self.config["strong"]:
            differs = f.core_difference(query, entry, idf)
            if differs.score < 1.0:
                # A one-consonant difference in the distinctive name is another party
                # more often than a misspelling: at most a review.
                total = self.config["strong"] - 0.001
                parts.append(FeatureScore("core_difference", 0.0, 0.0, differs.detail))
        if person:
            coverage = f.person_coverage(query, entry, idf, strict=not corroborated)
            cap = self.config["person_floor"] + (1 - self.config["person_floor"]) * coverage.score
            if cap < total:
                total = cap
                parts.append(FeatureScore("person_coverage", coverage.score, 0.0, coverage.detail))
        if (query.legal or entry.legal) and f.has_group(query) != f.has_group(entry):
            total *= self.config["group_mismatch_factor"]
            parts.append(
                FeatureScore(
                    "group_mismatch",
                    self.config["group_mismatch_factor"],
                    0.0,
                    "one name is a group (集团), the other is not",
                )
            )
        return PairScore(round(total, 4), tuple(parts))

    def _lift(self) -> float:
        """The most the group factor of ``pair`` can multiply a score by (1 unless
        configured above 1)."""
        return max(1.0, float(self.config["group_mismatch_factor"]))

    def pair_floor(self) -> float:
        """A pair score below which ``qualify`` cannot lift a name to the review band
        (the country bonus is the only lift; a margin covers rounding)."""
        lift = max(1.0, float(self.config["type_mismatch_factor"]))
        bonus = max(0.0, float(self.config["country_match_bonus"]))
        return float(self.config["review"]) / lift - bonus - 0.001

    def qualify(
        self,
        score: float,
        query_type: EntityType | None,
        entry_type: EntityType,
        countries_agree: bool | None,
        corroborated: bool = False,
    ) -> float:
        """Adjust a name score by entity type, country and corroborating evidence."""
        if query_type is not None and entry_type not in (query_type, EntityType.UNKNOWN):
            score *= self.config["type_mismatch_factor"]
        if countries_agree is False:
            score -= self.config["country_mismatch_penalty"]
        if entry_type is EntityType.PERSON and not corroborated:
            # A person is one name among many who share it: without a matching birth
            # date or identifier a name match is for a person to review, never strong.
            score = min(score, self.config["strong"] - 0.001)
        elif countries_agree is True:
            score = min(1.0, score + self.config["country_match_bonus"])
        return round(max(0.0, score), 4)

    def band(self, score: float) -> Band | None:
        """``strong`` or ``review`` by the configured thresholds, None below both."""
        if score >= self.config["strong"]:
            return Band.STRONG
        if score >= self.config["review"]:
            return Band.REVIEW
        return None


class CorridorV1(Algorithm):
    """Token alignment with rarity weights, compact and phonetic edit similarity.

    Thresholds are calibrated on benchmarks/name_cases.csv (see README figures).
    """

    NAME = "corridor-v1"
    CONFIG: ClassVar[dict[str, ConfigField]] = {
        "strong": ConfigField(float, 0.9, "score at or above which a hit is strong"),
        "review": ConfigField(float, 0.82, "score at or above which a hit goes to review"),
        "type_mismatch_factor": ConfigField(
            float, 0.75, "multiplier when the query and the entry are different kinds of party"
        ),
        "country_mismatch_penalty": ConfigField(
            float, 0.1, "subtracted when both countries are known and none agrees"
        ),
        "country_match_bonus": ConfigField(float, 0.02, "added when a country agrees"),
        "birth_year_mismatch_penalty": ConfigField(
            float, 0.15, "subtracted when both birth years are known and none agrees"
        ),
        "person_floor": ConfigField(
            float,
            0.4,
            "a person's score is capped at floor + (1 - floor) × share of name parts "
            "that correspond",
        ),
        "group_mismatch_factor": ConfigField(
            float, 0.85, "multiplier when one organisation name is a group and the other not"
        ),
        "candidates": ConfigField(int, 20, "entries scored per query, from the index"),
        "prefilter": ConfigField(
            float, 55.0, "pairs below this token-set and compact similarity (0-100) are skipped"
        ),
    }
    FEATURES = (
        (f.token_alignment, 0.5),
        (f.compact_similarity, 0.3),
        (f.phonetic_similarity, 0.2),
    )
    OVERRIDES = (f.initials, f.native_exact)
    BOUND_ORDER = (0, 1, 2)  # token alignment alone rules out most pairs


ALGORITHMS: dict[str, type[Algorithm]] = {CorridorV1.NAME: CorridorV1}
DEFAULT = CorridorV1.NAME


def get_algorithm(name: str = DEFAULT, config: Mapping[str, Any] | None = None) -> Algorithm:
    """An instance of a registered algorithm with ``config`` over its defaults."""
    if name not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {name!r}; known: {', '.join(sorted(ALGORITHMS))}")
    return ALGORITHMS[name](config)
