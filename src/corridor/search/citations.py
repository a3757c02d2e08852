"""Following a regulation's cross-references, as a reader does.

A CFR section states its rule and sends the reader to the sections it builds on: the
advanced-computing end-use rule (15 CFR 744.23) relies on the foreign direct product
rules (734.9), which turn on the Entity List (744.11). A question about AI chips names
none of these words, so BM25 and the vectors reach the first section only. The
sections cited by the best results join the ranking, below the results that cite them.
Citations are read from the stored texts ("§ 734.9", "§§ 744.11 and 744.21"), within
the same CFR title; a section citing itself is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corridor.core.documents import Chunk

CITE = re.compile(r"(?<![\d.])(\d{3}\.\d{1,3})(?!\d)")  # 734.9, 744.11
PREFIX = "us-cfr:"
RELIED_ON = 2  # citations of one section that make it one the citing text relies on
Sections = dict[tuple[str, str], list[int]]


def cfr_key(chunk: Chunk) -> tuple[str, str] | None:
    """(CFR title, section) of a CFR chunk ("us-cfr:15/744.11" → ("15", "744.11"))."""
    if not chunk.doc_id.startswith(PREFIX):
        return None
    title, _, section = chunk.doc_id.removeprefix(PREFIX).partition("/")
    return (title, section) if section else None


def cited(chunks: Sequence[Chunk]) -> list[str]:
    """The other sections a section (all its chunks) cites at least RELIED_ON times,
    most cited first (a passing "see also" is not followed)."""
    own = cfr_key(chunks[0]) if chunks else None
    counts: dict[str, int] = {}
    for chunk in chunks:
        for section in CITE.findall(chunk.text):
            if own is not None and section != own[1]:
                counts[section] = counts.get(section, 0) + 1
    return sorted((s for s in counts if counts[s] >= RELIED_ON), key=lambda s: -counts[s])


def followed(chunks: Sequence[Chunk], position: int, sections: Sections) -> list[int]:
    """The first chunk of every section of the same CFR title that the section holding
    ``position`` cites, most cited first."""
    own = cfr_key(chunks[position])
    if own is None or own not in sections:
        return []
    text = [chunks[p] for p in sections[own]]
    return [sections[own[0], s][0] for s in cited(text) if (own[0], s) in sections]
