"""Finding records that are the same party under two keys.

Two rows sharing an official identifier are certainly one party (an error); two
rows sharing a name, in any script, probably are (a warning for a person to read).
Across scripts, names are compared by their romanised and translated readings
(``text.names``): a likely duplicate, reported as a warning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from corridor.core.names import Name, Script
from corridor.core.parties import Organization
from corridor.text.legal_forms import strip_legal_forms
from corridor.text.normalize import fold
from corridor.text.readings import reading_keys as latin_reading_keys


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two organisation keys that look like one party, and the evidence."""

    key_a: str
    key_b: str
    reason: str
    field: str | None = None
    value: str | None = None


def shared_identifiers(orgs: Sequence[Organization]) -> list[DuplicatePair]:
    """Pairs of organisations carrying the same official identifier."""
    seen: dict[tuple[str, str], str] = {}
    pairs: list[DuplicatePair] = []
    for org in orgs:
        for ident in org.identifiers:
            first = seen.setdefault((ident.scheme.value, ident.value), org.key)
            if first != org.key:
                pairs.append(
                    DuplicatePair(
                        first,
                        org.key,
                        f"same {ident.scheme.value} {ident.value}",
                        ident.scheme.value,
                        ident.value,
                    )
                )
    return pairs


def shared_names(orgs: Sequence[Organization]) -> list[DuplicatePair]:
    """Pairs of organisations with a name in common (case, width and punctuation folded)."""
    return pairs_by_name([o.key for o in orgs], [o.names for o in orgs])


def pairs_by_name(keys: Sequence[str], names: Sequence[Sequence[Name]]) -> list[DuplicatePair]:
    """``shared_names`` of parties given as their ``keys`` and ``names`` in one order."""
    owners: dict[str, list[str]] = defaultdict(list)
    for party, party_names in zip(keys, names, strict=True):
        for folded in sorted({fold(n.text) for n in party_names} - {""}):
            owners[folded].append(party)
    pairs: dict[tuple[str, str], DuplicatePair] = {}
    for folded, keys in sorted(owners.items()):
        for other in keys[1:]:
            pair = (keys[0], other)
            pairs.setdefault(pair, DuplicatePair(keys[0], other, f"same name {folded!r}"))
    return list(pairs.values())


def _reading_keys(names: Sequence[Name], memo: _Memo) -> dict[str, str]:
    """Spelling-tolerant keys of every Latin reading of one party's names.

    Legal forms never tell two parties apart (forms strip them too), so readings are
    made once per name core and language: a row's legal name (주식회사 X, X有限公司)
    costs nothing once its trade name (X) has been read.
    """
    keys: dict[str, str] = {}
    for name in names:
        core = strip_legal_forms(name.text)[0]
        found = memo.get((core, name.lang, name.script))
        if found is None:
            found = memo[(core, name.lang, name.script)] = latin_reading_keys(core, name.lang)
        for key, reading in found:
            keys.setdefault(key, f"'{name.text}' reads '{reading}'")
    return keys


_Memo = dict[tuple[str, str | None, Script], tuple[tuple[str, str], ...]]


def reading_keys(parties: Sequence[Sequence[Name]]) -> list[dict[str, str]]:
    """For each party (its names), its reading keys and how each was read: the slow
    half of ``across_scripts``, separate so that it can run beside other work."""
    memo: _Memo = {}
    return [_reading_keys(names, memo) for names in parties]


def pairs_by_reading(
    keys: Sequence[str], readings: Sequence[dict[str, str]]
) -> list[DuplicatePair]:
    """Pairs of party ``keys`` that share a reading key (``readings`` in the same order)."""
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for party, found in zip(keys, readings, strict=True):
        for key, how in found.items():
            owners[key].append((party, how))
    pairs: dict[tuple[str, str], DuplicatePair] = {}
    for holders in owners.values():
        for (a, how_a), (b, how_b) in pairwise(holders):
            if a != b:
                pairs.setdefault((a, b), DuplicatePair(a, b, f"{how_a}; {how_b}"))
    return sorted(pairs.values(), key=lambda p: (p.key_a, p.key_b))


def across_scripts(orgs: Sequence[Organization]) -> list[DuplicatePair]:
    """Pairs whose names read alike once romanised and translated (宇树科技 / Yushu
    Technology): likely one party registered twice under names in different scripts."""
    return pairs_by_reading([o.key for o in orgs], reading_keys([o.names for o in orgs]))
