"""``corridor export ftm FILE.jsonl``: the registry and its screening hits as
FollowTheMoney entities, one JSON object a line (what ``ftm`` tools, yente and Aleph
load). The mapping and why it is so are in ``reports/ftm.py``; this gathers the
parties, the current hits with the list version each was made against and the latest
decision on it, and writes the file atomically.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.screening import Action, ListEntry
from corridor.exc import InvalidInput
from corridor.registry.atomic import replace_atomically
from corridor.reports.ftm import Entity, ScreenedHit, entities, org_id, person_id
from corridor.screen.sources.registry import label
from corridor.services.uow import Stores, read_only
from corridor.store.base import StoredHit

SUFFIXES = (".jsonl", ".json", ".ndjson")


def export_ftm(engine: Engine, path: Path, *, mission: str | None = None) -> dict[str, int]:
    """Write FtM entities to ``path`` (JSON lines); with ``mission``, only its
    participants, their people and their hits. Returns how many of each schema."""
    if path.suffix.lower() not in SUFFIXES:
        raise InvalidInput("an FtM export is JSON lines: name it .jsonl", file=str(path))
    found = ftm_entities(engine, mission=mission)
    text = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in found)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return dict(sorted(Counter(str(e["schema"]) for e in found).items()))


def ftm_entities(engine: Engine, *, mission: str | None = None) -> list[Entity]:
    """The entities of an export, in the order they are written."""
    with read_only(engine) as uow:
        keys = None if mission is None else uow.missions.participants(mission)
        orgs = sorted(uow.registry.organisations(keys=keys), key=lambda o: o.key)
        members = {o.key for o in orgs}
        people = sorted(
            (p for p in uow.registry.people() if p.org_key in members), key=lambda p: p.key
        )
        stored = uow.screening.current_hits(org_keys=members)
        hits, entries = _hits(uow, stored, {p.key for p in people})
    return entities(orgs, people, hits, entries)


def _order(h: StoredHit) -> tuple[str, str, str, str, float]:
    """Hits by party, then entry, the best-scoring first of any repeat."""
    return (h.org_key, h.person_key or "", h.hit.source, h.hit.source_id, -h.hit.score)


def _hits(
    uow: Stores, stored: Sequence[StoredHit], people: set[str]
) -> tuple[list[ScreenedHit], dict[tuple[str, str], ListEntry]]:
    """Hits with their version and latest decision, and the entries they point to (only
    those: decoding a whole list of thousands of entries took seconds)."""
    latest: dict[tuple[str, str, str], Action] = {}
    # oldest first: a newer decision supersedes
    for d in uow.screening.decisions(org_keys={h.org_key for h in stored}):
        latest[(d.org_key, d.source, d.source_id)] = d.action
    versions = {v: uow.lists.version(v) for v in sorted({h.version_id for h in stored})}
    entries = {
        (e.source, e.source_id): e
        for v in versions
        for e in uow.lists.entries_by_id(v, [h.hit.source_id for h in stored if h.version_id == v])
    }
    hits = [
        ScreenedHit(
            person_id(h.person_key)
            if h.person_key is not None and h.person_key in people
            else org_id(h.org_key),
            h.hit,
            label(h.hit.source),
            versions[h.version_id],
            latest.get((h.org_key, h.hit.source, h.hit.source_id)),
        )
        for h in sorted(stored, key=_order)
    ]
    return hits, entries
