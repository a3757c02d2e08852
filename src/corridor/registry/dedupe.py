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

from corridor.core.parties import Organization
from corridor.text.names import forms, phonetic_key
from corridor.text.normalize import fold


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
    owners: dict[str, list[str]] = defaultdict(list)
    for org in orgs:
        for folded in sorted({fold(n.text) for n in org.names} - {""}):
            owners[folded].append(org.key)
    pairs: dict[tuple[str, str], DuplicatePair] = {}
    for folded, keys in sorted(owners.items()):
        for other in keys[1:]:
            pair = (keys[0], other)
            pairs.setdefault(pair, DuplicatePair(keys[0], other, f"same name {folded!r}"))
    return list(pairs.values())


def _reading_keys(org: Organization) -> dict[str, str]:
    """Spelling-tolerant keys of every Latin reading of an organisation's names."""
    keys: dict[str, str] = {}
    for name in org.names:
        for form in forms(name, person=False):
            if form.origin == "native" or len(form.tokens) == 0:
                continue
            key = "".join(phonetic_key(t) for t in form.tokens)
            if len(key) >= 6:
                keys.setdefault(key, f"'{name.text}' reads '{form.text}'")
    return keys


def across_scripts(orgs: Sequence[Organization]) -> list[DuplicatePair]:
    """Pairs whose names read alike once romanised and translated (宇树科技 / Yushu
    Technology): likely one party registered twice under names in different scripts."""
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for org in orgs:
        for key, how in _reading_keys(org).items():
            owners[key].append((org.key, how))
    pairs: dict[tuple[str, str], DuplicatePair] = {}
    for holders in owners.values():
        for (a, how_a), (b, how_b) in pairwise(holders):
            if a != b:
                pairs.setdefault((a, b), DuplicatePair(a, b, f"{how_a}; {how_b}"))
    return sorted(pairs.values(), key=lambda p: (p.key_a, p.key_b))
