"""Screening a query against the index: every name variant on both sides, explained."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from corridor.core.names import Name
from corridor.core.screening import Band, EntityType, Hit, ListEntry
from corridor.screen.algorithms import Algorithm, PairScore, get_algorithm
from corridor.screen.index import Indexed, NameIndex, entry_forms, keys_of
from corridor.text.names import NameForm, forms

_IDENTIFIER_SCHEMES = {"cn_uscc": "Unified Social Credit Code"}


@dataclass(frozen=True, slots=True)
class Query:
    """Who to screen: names in any script, and what else is known of them."""

    names: tuple[Name, ...]
    type: EntityType | None = None
    countries: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()  # (scheme, value), e.g. ("cn_uscc", "91…")
    birth_dates: tuple[str, ...] = ()  # any form with a four-digit year: 1984, 08 Jan 1984

    def forms(self) -> list[NameForm]:
        """Forms of every query name, as a person or organisation when known."""
        person = None if self.type is None else self.type is EntityType.PERSON
        return [x for n in self.names for x in forms(n, person=person) if len(x.tokens) > 0]


class Screener:
    """An index and an algorithm: ``screen(query)`` returns hits, best first."""

    def __init__(self, index: NameIndex, algorithm: Algorithm | None = None) -> None:
        self.index = index
        self.algorithm = algorithm or get_algorithm()

    def screen(self, query: Query, *, limit: int = 10) -> list[Hit]:
        """Hits at review level or above, strongest first (ties by source and id)."""
        query_forms = query.forms()
        query_keys = [frozenset(keys_of(f)) for f in query_forms]
        found = self._identifier_hits(query)
        for position in self.index.candidates(query_forms, self.algorithm.config["candidates"]):
            if position in found:
                continue
            hit = self._best(query, query_forms, query_keys, position)
            if hit is not None:
                found[position] = hit
        hits = sorted(
            found.values(), key=lambda h: (-h.score, -closeness(h), h.source, h.source_id)
        )
        return nearest_first(hits, self.algorithm.config["strong"])[:limit]

    def compare(self, query: Query, entry: ListEntry) -> Hit | None:
        """Score one query against one entry (not necessarily in the index), using the
        index's rarity weights: what gold-case harnesses and re-checks need."""
        found = entry_forms(entry)
        item = Indexed(entry, found, [frozenset(keys_of(f)) for f in found])
        forms_ = query.forms()
        return self._score(query, forms_, [frozenset(keys_of(f)) for f in forms_], item)

    def _identifier_hits(self, query: Query) -> dict[int, Hit]:
        """Entries carrying one of the query's identifiers: a certain hit, names aside."""
        band = self.algorithm.band(1.0)
        assert band is not None
        found: dict[int, Hit] = {}
        for scheme, value in query.identifiers:
            key = (_IDENTIFIER_SCHEMES.get(scheme, scheme), value.upper())
            for position in self.index.by_identifier.get(key, ()):
                entry = self.index.items[position].entry
                found[position] = Hit(
                    entry.source,
                    entry.source_id,
                    entry.name,
                    query.names[0].text,
                    entry.name,
                    1.0,
                    band,
                    (),
                    f"same {key[0]} {key[1]} as {entry.name} ({entry.source})",
                )
        return found

    def _best(
        self,
        query: Query,
        query_forms: list[NameForm],
        query_keys: list[frozenset[str]],
        position: int,
    ) -> Hit | None:
        return self._score(query, query_forms, query_keys, self.index.items[position])

    def _score(
        self,
        query: Query,
        query_forms: list[NameForm],
        query_keys: list[frozenset[str]],
        item: Indexed,
    ) -> Hit | None:
        best: tuple[PairScore, NameForm, NameForm] | None = None
        person = EntityType.PERSON in (query.type, item.entry.type)
        born = _years_agree(query.birth_dates, item.entry.birth_dates)
        # A pair that cannot reach the review band cannot make a hit, nor beat the pair
        # that makes one: it is dropped as soon as its score's bound says so.
        floor = self.algorithm.pair_floor()
        for qf, qk in zip(query_forms, query_keys, strict=True):
            for ef, ek in zip(item.forms, item.keys, strict=True):
                if qk.isdisjoint(ek) or not self.algorithm.worth_scoring(qf, ef):
                    continue  # nothing shared, or far apart in every order: not this pair
                scored = self.algorithm.pair_above(
                    qf, ef, self.index.idf, floor, person, born is True
                )
                if scored is None:
                    continue
                if best is None or scored.score > best[0].score:
                    best = (scored, qf, ef)
        if best is None:
            return None
        scored, qf, ef = best
        agree = _countries_agree(query.countries, item.entry.countries)
        score = self.algorithm.qualify(
            scored.score, query.type, item.entry.type, agree, corroborated=born is True
        )
        if born is False:
            score = max(0.0, score - self.algorithm.config["birth_year_mismatch_penalty"])
        band = self.algorithm.band(score)
        if band is None:
            return None
        return Hit(
            item.entry.source,
            item.entry.source_id,
            item.entry.name,
            qf.name.text,
            ef.name.text,
            score,
            band,
            scored.features,
            explain(qf, ef, scored, agree, query.type, item.entry),
        )


def closeness(hit: Hit) -> float:
    """How alike the two names are before caps and bonuses: the weighted features.

    Two entries can both reach the top score (KOREA TAESONG TRADING COMPANY and
    KOREA DAESONG GENERAL TRADING CORPORATION for 조선대성무역회사); the one whose
    name is nearer the query's ranks first.
    """
    weighted = [x for x in hit.features if x.weight > 0]
    total = sum(x.weight for x in weighted)
    return sum(x.score * x.weight for x in weighted) / total if total > 0 else hit.score


def nearest_first(hits: list[Hit], strong: float) -> list[Hit]:
    """The strong band goes to the closest entry: a strong hit on an entry whose name is
    farther from the query than a strong hit ranked above it becomes a review, and
    says which entry is closer. Entries as close as the first (one party on two
    lists) keep their band."""
    if len(hits) < 2 or hits[0].band is not Band.STRONG:
        return hits
    best, lead = closeness(hits[0]), hits[0]
    out = [lead]
    for hit in hits[1:]:
        if hit.band is Band.STRONG and closeness(hit) < best - 1e-6:
            hit = replace(
                hit,
                score=min(hit.score, round(strong - 0.001, 4)),
                band=Band.REVIEW,
                explanation=f"{hit.explanation[:-1]}; the closer entry {lead.entry_name} "
                f"({lead.source} {lead.source_id}) takes the strong band.",
            )
        out.append(hit)
    return out


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _years_agree(query: tuple[str, ...], entry: tuple[str, ...]) -> bool | None:
    """Whether any birth year of the query is one of the entry's (None: unknown)."""
    ours = {y for d in query for y in _YEAR.findall(d)}
    theirs = {y for d in entry for y in _YEAR.findall(d)}
    if len(ours) == 0 or len(theirs) == 0:
        return None
    return len(ours & theirs) > 0


def _countries_agree(query: tuple[str, ...], entry: tuple[str, ...]) -> bool | None:
    if len(query) == 0 or len(entry) == 0:
        return None
    return len(set(query) & set(entry)) > 0


def explain(
    qf: NameForm,
    ef: NameForm,
    scored: PairScore,
    agree: bool | None,
    query_type: EntityType | None,
    entry: ListEntry,
) -> str:
    """A sentence a compliance officer can read: which names, which variant, why."""
    via = "" if qf.origin in ("latin", "native") else f" (read as '{qf.text}', {qf.origin})"
    main = max(scored.features, key=lambda x: x.score * x.weight)
    words = [
        f"'{qf.name.text}'{via} matches '{ef.name.text}' on {entry.source} "
        f"{entry.source_id}: {main.detail}"
    ]
    if ef.origin == "native" and ef.name.text != entry.name:
        words.append("the list entry's native-script name comes from the curated alias table")
    if len(qf.legal) + len(ef.legal) > 0:
        words.append("legal forms ignored")
    if agree is True:
        words.append("country agrees")
    elif agree is False:
        words.append("country differs")
    if query_type is not None and entry.type not in (query_type, EntityType.UNKNOWN):
        words.append(f"but the entry is a {entry.type.value}")
    if len(entry.programs) > 0:
        words.append(f"programmes {', '.join(entry.programs)}")
    return "; ".join(words) + "."
