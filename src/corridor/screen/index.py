"""Candidate generation: an inverted index over the tokens of every name form.

A query touches only the entries that share a token (or a spelling-tolerant key,
or a joined pair of tokens, or a native-script bigram) with it, and rare tokens
count more than CHINA, GROUP or LIMITED; nothing is compared by brute force.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass
from itertools import pairwise

from corridor.core.names import Name
from corridor.core.progress import Progress, Ticker, silent
from corridor.core.screening import EntityType, ListEntry
from corridor.text.names import NameForm, forms, phonetic_key


@dataclass(slots=True)
class Indexed:
    """A list entry with the forms of all its names and their posting keys."""

    entry: ListEntry
    forms: list[NameForm]
    keys: list[frozenset[str]]


def entry_forms(entry: ListEntry) -> list[NameForm]:
    """Forms of every name of an entry (persons as persons, others as organisations)."""
    person = {EntityType.PERSON: True, EntityType.UNKNOWN: None}.get(entry.type, False)
    out: list[NameForm] = []
    for name in entry.names:
        out += [f for f in forms(name, person=person) if len(f.tokens) > 0]
    return out


def keys_of(form: NameForm) -> set[str]:
    """Posting keys of a form: tokens, phonetic keys, 4-letter prefixes, joined neighbours,
    CJK bigrams."""
    if form.origin == "native":
        text = form.tokens[0]
        return {f"n:{text}", *(f"b:{text[i : i + 2]}" for i in range(len(text) - 1))}
    toks = form.tokens
    keys = {f"t:{t}" for t in toks} | {f"k:{phonetic_key(t)}" for t in toks if len(t) > 2}
    keys |= {f"p:{t[:4]}" for t in toks if len(t) >= 5}
    keys |= {f"t:{a}{b}" for a, b in pairwise(toks)}
    keys.add(f"t:{''.join(toks)}")
    return keys


class NameIndex:
    """Postings from keys to entries, with document frequencies for rarity weights.

    What the screener needs of an index, whatever holds it: ``ScreeningIndex`` builds
    one in memory from list entries, ``index_file.DiskIndex`` reads one a previous
    process wrote. Both answer ``candidates`` and ``idf`` through ``posting``.
    """

    items: Sequence[Indexed]
    by_identifier: Mapping[tuple[str, str], Sequence[int]]
    """(scheme, upper-cased value) → positions: identifiers match exactly, not by name."""

    def __init__(self) -> None:
        self._idf: dict[str, float] = {}

    def posting(self, key: str) -> Sequence[int]:
        """Positions of the entries holding ``key`` (empty when none)."""
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.items)

    def common_keys(self, bound: int) -> Iterator[str]:
        """The keys held by more than ``bound`` entries (one pass over the keys)."""
        raise NotImplementedError

    def idf(self, token: str) -> float:
        """Rarity weight of a token: log(N / df), at least a small floor.

        Kept only for tokens of the index (bounded by the lists' words): a token no
        entry holds gets the unseen weight without being remembered, so a batch's
        memory does not grow with the distinct words of the names it screens.
        """
        weight = self._idf.get(token)
        if weight is None:
            df = len(self.posting(f"t:{token}"))
            weight = max(0.1, math.log((len(self) + 1) / (df + 1)))
            if df > 0:
                self._idf[token] = weight
        return weight

    def candidates(
        self,
        query: Sequence[NameForm],
        limit: int = 60,
        common: float = 0.02,
        relative: float = 0.5,
    ) -> list[int]:
        """Entries sharing keys with the query, best-evidenced first.

        Keys held by more than ``common`` of all entries (CO, CHINA, KIM) only count
        when the query has nothing rarer; entries with less than ``relative`` of the
        best entry's evidence are not worth scoring.
        """
        size = len(self)
        cap = max(50, int(common * size))
        keys = set().union(*(keys_of(f) for f in query)) if query else set()
        found = {k: p for k in keys if len(p := self.posting(k)) > 0}
        rare = [k for k, p in found.items() if len(p) <= cap]
        chosen = rare if len(rare) > 0 else list(found)
        votes: dict[int, float] = defaultdict(float)
        for key in chosen:
            postings = found[key]
            weight = math.log((size + 1) / (len(postings) + 1))
            for position in postings[: cap * 4]:
                votes[position] += weight
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 0:
            return []
        floor = ranked[0][1] * relative
        return [p for p, v in ranked[:limit] if v >= floor]


class ScreeningIndex(NameIndex):
    """The index built in memory from list entries (and curated extra names)."""

    def __init__(
        self,
        entries: Iterable[ListEntry],
        extra_names: Mapping[tuple[str, str], Sequence[Name]] | None = None,
        progress: Progress = silent,
    ) -> None:
        super().__init__()
        extra = extra_names or {}
        total = len(entries) if isinstance(entries, Sized) else 0
        ticker = Ticker(progress, total, "indexing list entries")
        self.items: list[Indexed] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.by_identifier: dict[tuple[str, str], list[int]] = defaultdict(list)
        for entry in entries:
            added = tuple(extra.get((entry.source, entry.source_id), ()))
            if len(added) > 0:
                entry = _with_names(entry, added)
            found = entry_forms(entry)
            item = Indexed(entry, found, [frozenset(keys_of(f)) for f in found])
            position = len(self.items)
            self.items.append(item)
            for key in frozenset().union(*item.keys):
                self.postings[key].append(position)
            for scheme, value in entry.identifiers:
                self.by_identifier[(scheme, value.upper())].append(position)
            ticker.tick()
        self.postings = dict(self.postings)  # a lookup must not add empty keys
        self.by_identifier = dict(self.by_identifier)

    def posting(self, key: str) -> Sequence[int]:
        """Positions of the entries holding ``key`` (empty when none)."""
        return self.postings.get(key, ())

    def common_keys(self, bound: int) -> Iterator[str]:
        """The keys held by more than ``bound`` entries (one pass over the keys)."""
        return (k for k, p in self.postings.items() if len(p) > bound)


def _with_names(entry: ListEntry, added: tuple[Name, ...]) -> ListEntry:
    from dataclasses import replace

    return replace(entry, names=(*entry.names, *added))
