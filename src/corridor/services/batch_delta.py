"""Re-screening a batch after a list update: only the rows the change can touch.

A full batch screens every registry name against every list entry: O(registry). After
a list update only the added, changed and removed entries are new, so the work turns
around: the registry's names are indexed by the same posting keys the screening index
uses (``row_keys``, once per input file, kept), and each changed entry is looked up
in it: O(changes). A row is screened again when

- one of its previous hits is on a removed or changed entry (its hits, bands and
  order may all move), or
- it shares a posting key with an added, changed or removed entry that is rare in the
  index in force (the screener proposes candidates by rare keys first, so an entry
  sharing none of a row's rare keys never becomes its candidate; the rarity bound here
  is twice the screener's, to stay on the safe side), or
- it has no rare key at all (its candidates come from common keys, which any change
  can reorder), or
- it has hits and shares any key, common ones included, with a changed entry: that
  key's rarity weight moved, so its hits' scores and order may move.

Every other row keeps its previous hits. Rows screened again are screened whole, by
the same screener as a full batch, so their hits are exactly a full run's. What this
does not redo is a row untouched by any change whose scores move only because the
number of entries changed every rarity weight a little (log N): a few ten-thousandths
at most; the test and the benchmark compare delta and full runs hit by hit and say how
many rows differ.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine

from corridor.core.screening import ListEntry
from corridor.screen.index import NameIndex, keys_of
from corridor.services.batch_keys import KeptKeys
from corridor.services.batch_rows import NameRow
from corridor.services.name_files import query_for
from corridor.services.screening import build_index
from corridor.services.uow import read_only

_RARE_MARGIN = 2  # times the screener's own bound for a rare key


@dataclass(frozen=True)
class ListChange:
    """What changed in one source between two list versions."""

    source: str
    before: int | None
    after: int | None
    added: tuple[ListEntry, ...]
    removed: tuple[ListEntry, ...]
    changed_before: tuple[ListEntry, ...]
    changed_after: tuple[ListEntry, ...]

    def touched(self) -> set[tuple[str, str]]:
        """(source, id) of the entries whose earlier hits no longer stand."""
        return {(self.source, e.source_id) for e in self.removed + self.changed_before}

    def entries(self) -> tuple[ListEntry, ...]:
        """Every entry on either side of the change."""
        return self.added + self.removed + self.changed_before + self.changed_after


def list_changes(engine: Engine, before: Mapping[str, int]) -> list[ListChange]:
    """The changes from the versions ``before`` (source → version id) to those in force."""
    out: list[ListChange] = []
    with read_only(engine) as uow:
        now = {v.source: v.id for v in uow.lists.active_versions() if v.id is not None}
        for source in sorted(set(now) | set(before)):
            old_id, new_id = before.get(source), now.get(source)
            if old_id == new_id:
                continue
            old = uow.lists.fingerprints(old_id) if old_id is not None else {}
            new = uow.lists.fingerprints(new_id) if new_id is not None else {}
            changed = sorted(k for k in new.keys() & old.keys() if new[k] != old[k])
            gone = sorted(old.keys() - new.keys())
            came = sorted(new.keys() - old.keys())

            def fetch(version: int | None, ids: list[str]) -> tuple[ListEntry, ...]:
                return (
                    ()
                    if version is None or not ids
                    else tuple(uow.lists.entries_by_id(version, ids))
                )

            out.append(
                ListChange(
                    source,
                    old_id,
                    new_id,
                    added=fetch(new_id, came),
                    removed=fetch(old_id, gone),
                    changed_before=fetch(old_id, changed),
                    changed_after=fetch(new_id, changed),
                )
            )
    return out


def row_keys(rows: Sequence[NameRow]) -> list[tuple[str, ...]]:
    """The posting keys of each row's query, as the screener forms them."""
    out: list[tuple[str, ...]] = []
    for row in rows:
        query = query_for(row.name, row.kind, row.country, row.birth_date)
        out.append(tuple(sorted(set().union(*(keys_of(f) for f in query.forms())))))
    return out


def _rare_bound(index: NameIndex) -> int:
    # The screener's bound (index.candidates): max(50, 2 % of the entries).
    return _RARE_MARGIN * max(50, int(0.02 * len(index)))


def rows_to_rescreen(
    changes: Sequence[ListChange],
    previous: Mapping[int, Sequence[Mapping[str, object]]],
    registry: KeptKeys,
    index: NameIndex,
) -> set[int]:
    """Positions of the rows whose hits a full run could give differently now.

    ``previous``: the earlier hits of each row that had any, by the row's position.
    Looks up only the changed entries' keys, the index's common keys and the rows
    with hits: O(changes + hits), not O(registry)."""
    touched = set().union(*(c.touched() for c in changes)) if changes else set()
    out = {
        position
        for position, hits in previous.items()
        if any((h["source"], h["source_id"]) in touched for h in hits)
    }
    entries = [e for c in changes for e in c.entries()]
    if len(entries) == 0:
        return out
    bound = _rare_bound(index)
    keys = set().union(*(k for item in build_index(entries).items for k in item.keys))
    with_hits = np.fromiter(previous, dtype=np.int32, count=len(previous))
    for key, held in registry.postings(keys).items():
        if len(index.posting(key)) <= bound:
            out.update(held.tolist())
        else:  # a common word whose rarity weight moved: rows with hits may rescore
            out.update(np.intersect1d(with_hits, held).tolist())
    return out | registry.generic_rows(index.common_keys(bound))
