"""Finding records that are the same party under two keys.

Two rows sharing an official identifier are certainly one party (an error); two
rows sharing a name, in any script, probably are (a warning for a person to read).
Fuzzy cross-script comparison (pinyin, romanisation) builds on ``text.names``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from corridor.core.parties import Organization
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
