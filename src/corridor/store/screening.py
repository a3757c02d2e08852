"""Storage of list versions, their entries, screening hits and decisions.

Versions and decisions are never deleted or updated in place: a new load adds a
version and moves the ``active`` mark; a new decision supersedes the older one by
being newer. Hits are replaced per organisation on each screening, the previous
ones kept with ``current = false`` for the audit trail.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from corridor.core.names import Name, NameKind, Script
from corridor.core.screening import (
    Action,
    Band,
    Decision,
    EntityType,
    FeatureScore,
    Hit,
    ListAction,
    ListEntry,
    ListEvent,
    ListVersion,
)
from corridor.exc import NotFound
from corridor.store.base import StoredHit
from corridor.store.convert import fingerprint
from corridor.store.tables import (
    DecisionRow,
    HitRow,
    ListEntryRow,
    ListEventRow,
    ListVersionRow,
    OrgRow,
    ScreeningRunRow,
)


def entry_json(entry: ListEntry) -> dict[str, Any]:
    """A list entry as JSON-ready data."""
    data = asdict(entry)
    data["type"] = entry.type.value
    data["names"] = [
        {"text": n.text, "script": n.script.value, "lang": n.lang, "kind": n.kind.value}
        for n in entry.names
    ]
    return data


def entry_from_json(data: dict[str, Any]) -> ListEntry:
    """The list entry stored by ``entry_json``."""
    return ListEntry(
        source=data["source"],
        source_id=data["source_id"],
        type=EntityType(data["type"]),
        names=tuple(
            Name(n["text"], Script(n["script"]), n["lang"], NameKind(n["kind"]))
            for n in data["names"]
        ),
        programs=tuple(data["programs"]),
        countries=tuple(data["countries"]),
        birth_dates=tuple(data["birth_dates"]),
        identifiers=tuple((str(i[0]), str(i[1])) for i in data["identifiers"]),
        addresses=tuple(data["addresses"]),
        remarks=data["remarks"],
        list_name=data["list_name"],
    )


def _version(row: ListVersionRow) -> ListVersion:
    return ListVersion(
        row.source, row.sha256, row.published, row.loaded_at, row.entries, row.label, row.id
    )


class ScreeningStore:
    """Repository for screening data over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_version(self, version: ListVersion, entries: Sequence[ListEntry]) -> ListVersion:
        """Store a new active version of a source; the previous one stays, inactive."""
        self.session.execute(
            update(ListVersionRow)
            .where(ListVersionRow.source == version.source)
            .values(active=False)
        )
        row = ListVersionRow(
            source=version.source,
            sha256=version.sha256,
            published=version.published,
            loaded_at=version.loaded_at,
            entries=len(entries),
            label=version.label,
            active=True,
        )
        self.session.add(row)
        self.session.flush()
        self.session.add_all(
            ListEntryRow(
                version_id=row.id,
                source_id=e.source_id,
                fingerprint=fingerprint(e),
                data=entry_json(e),
            )
            for e in entries
        )
        self.session.flush()
        return _version(row)

    def active_versions(self) -> list[ListVersion]:
        """The version in force of every loaded source."""
        rows = self.session.scalars(
            select(ListVersionRow).where(ListVersionRow.active).order_by(ListVersionRow.source)
        )
        return [_version(r) for r in rows]

    def versions(self) -> list[ListVersion]:
        """Every version ever loaded, oldest first."""
        return [
            _version(r)
            for r in self.session.scalars(select(ListVersionRow).order_by(ListVersionRow.id))
        ]

    def version(self, version_id: int) -> ListVersion:
        """One version by id."""
        row = self.session.get(ListVersionRow, version_id)
        if row is None:
            raise NotFound("list version", str(version_id))
        return _version(row)

    def put_in_force(self, version_id: int) -> None:
        """Make a stored version the one in force of its source (``lists use``)."""
        version = self.version(version_id)
        self.session.execute(
            update(ListVersionRow)
            .where(ListVersionRow.source == version.source)
            .values(active=ListVersionRow.id == version_id)
        )
        self.session.flush()

    def add_event(self, event: ListEvent) -> None:
        """Append a list event to the audit trail (there is no update and no delete)."""
        self.session.add(
            ListEventRow(
                at=event.at.replace(tzinfo=None),
                actor=event.actor,
                source=event.source,
                version_id=event.version_id,
                action=event.action.value,
                reason=event.reason,
                detail=event.detail,
            )
        )
        self.session.flush()

    def events(self) -> list[ListEvent]:
        """The list audit trail, oldest first."""
        rows = self.session.scalars(select(ListEventRow).order_by(ListEventRow.id))
        return [
            ListEvent(
                r.at.replace(tzinfo=UTC),
                r.actor,
                r.source,
                r.version_id,
                ListAction(r.action),
                r.reason,
                r.detail,
            )
            for r in rows
        ]

    def entries(self, version_id: int) -> list[ListEntry]:
        """All entries of one version."""
        rows = self.session.scalars(
            select(ListEntryRow.data)
            .where(ListEntryRow.version_id == version_id)
            .order_by(ListEntryRow.id)
        )
        return [entry_from_json(d) for d in rows]

    def entries_by_id(self, version_id: int, source_ids: Sequence[str]) -> list[ListEntry]:
        """The entries of one version with these ids (a few hits' entries, without
        decoding the thousands of a whole list); unknown ids are left out."""
        found: list[ListEntry] = []
        wanted = sorted(set(source_ids))
        for start in range(0, len(wanted), 500):  # well under any backend's bind limit
            rows = self.session.scalars(
                select(ListEntryRow.data)
                .where(
                    ListEntryRow.version_id == version_id,
                    ListEntryRow.source_id.in_(wanted[start : start + 500]),
                )
                .order_by(ListEntryRow.id)
            )
            found += [entry_from_json(d) for d in rows]
        return found

    def fingerprints(self, version_id: int) -> dict[str, str]:
        """source_id → content fingerprint of a version's entries (to diff versions)."""
        rows = self.session.execute(
            select(ListEntryRow.source_id, ListEntryRow.fingerprint).where(
                ListEntryRow.version_id == version_id
            )
        )
        return {r[0]: r[1] for r in rows}

    def _org_id(self, key: str) -> int:
        org_id = self.session.scalar(select(OrgRow.id).where(OrgRow.key == key))
        if org_id is None:
            raise NotFound("organisation", key)
        return org_id

    def replace_hits(
        self,
        org_key: str,
        hits: Sequence[tuple[int, str | None, Hit]],
        at: datetime,
        sources: Sequence[str] | None = None,
    ) -> None:
        """Make ``hits`` (version id, person key, hit) the current hits of an organisation.

        With ``sources``, only hits on those lists are replaced (a partial re-screen).
        """
        org_id = self._org_id(org_key)
        stale = update(HitRow).where(HitRow.org_id == org_id, HitRow.current)
        if sources is not None:
            stale = stale.where(HitRow.source.in_(list(sources)))
        self.session.execute(stale.values(current=False))
        self.session.add_all(
            HitRow(
                org_id=org_id,
                person_key=person,
                version_id=version,
                source=h.source,
                source_id=h.source_id,
                entry_name=h.entry_name,
                query_name=h.query_name,
                matched_name=h.matched_name,
                score=h.score,
                band=h.band.value,
                explanation=h.explanation,
                features=[asdict(f) for f in h.features],
                screened_at=at.replace(tzinfo=None),
                current=True,
            )
            for version, person, h in hits
        )
        self.session.flush()

    def drop_hits_on(self, source: str, source_ids: Sequence[str]) -> int:
        """Retire current hits on entries a list update removed; returns how many."""
        result = self.session.execute(
            update(HitRow)
            .where(HitRow.current, HitRow.source == source, HitRow.source_id.in_(list(source_ids)))
            .values(current=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def current_hits(
        self,
        org_key: str | None = None,
        entry: tuple[str, str] | None = None,
        org_keys: Collection[str] | None = None,
    ) -> list[StoredHit]:
        """Current hits, by organisation then score; optionally of one organisation,
        of the organisations ``org_keys`` (filtered in SQL, a chunk of keys at a time:
        a mission's page must not read a national registry's hits) and of one
        (source, source id) entry."""
        query = select(HitRow).where(HitRow.current)
        if org_key is not None:
            query = query.where(HitRow.org_id == self._org_id(org_key))
        if entry is not None:
            query = query.where(HitRow.source == entry[0], HitRow.source_id == entry[1])
        query = query.order_by(HitRow.org_id, HitRow.score.desc(), HitRow.id)
        return [
            self._stored_hit(r)
            for q in _for_orgs(query, HitRow, org_keys)
            for r in self.session.scalars(q)
        ]

    def _stored_hit(self, r: HitRow) -> StoredHit:
        return StoredHit(
            r.org.key,
            r.person_key,
            r.version_id,
            Hit(
                r.source,
                r.source_id,
                r.entry_name,
                r.query_name,
                r.matched_name,
                r.score,
                Band(r.band),
                tuple(FeatureScore(**f) for f in r.features),
                r.explanation,
            ),
            r.screened_at,
        )

    def add_run(
        self,
        mission_key: str,
        at: datetime,
        *,
        actor: str,
        mode: str,
        versions: dict[str, int],
        screened: int,
        hits: int,
    ) -> None:
        """Record a screening run of a mission (full or incremental)."""
        self.session.add(
            ScreeningRunRow(
                mission_key=mission_key,
                at=at.replace(tzinfo=None),
                actor=actor,
                mode=mode,
                versions=versions,
                screened=screened,
                hits=hits,
            )
        )
        self.session.flush()

    def screened_missions(self) -> list[str]:
        """Missions screened at least once."""
        return sorted(self.session.scalars(select(ScreeningRunRow.mission_key).distinct()))

    def last_run_at(self, mission_key: str) -> datetime | None:
        """When the mission was last screened (None: never)."""
        return self.session.scalar(
            select(ScreeningRunRow.at)
            .where(ScreeningRunRow.mission_key == mission_key)
            .order_by(ScreeningRunRow.id.desc())
            .limit(1)
        )

    def add_decision(self, decision: Decision) -> None:
        """Append a decision (there is no update and no delete)."""
        self.session.add(
            DecisionRow(
                org_id=self._org_id(decision.org_key),
                source=decision.source,
                source_id=decision.source_id,
                entry_name=decision.entry_name,
                action=decision.action.value,
                reason=decision.reason,
                actor=decision.actor,
                at=decision.at.replace(tzinfo=None),
                version_id=decision.list_version,
            )
        )
        self.session.flush()

    def decisions(self, org_keys: Collection[str] | None = None) -> list[Decision]:
        """Every decision ever recorded, oldest first (of ``org_keys`` only, when given)."""
        query = select(DecisionRow).order_by(DecisionRow.id)
        rows = [r for q in _for_orgs(query, DecisionRow, org_keys) for r in self.session.scalars(q)]
        if org_keys is not None:
            rows.sort(key=lambda r: r.id)
        return [
            Decision(
                r.org.key,
                r.source,
                r.source_id,
                Action(r.action),
                r.reason,
                r.actor,
                r.at.replace(tzinfo=UTC),
                r.version_id,
                r.entry_name,
            )
            for r in rows
        ]


_T = TypeVar("_T")
_KEYS_PER_QUERY = 1_000  # well under SQLite's and PostgreSQL's bound parameter limits


def _for_orgs(
    query: Select[_T],
    table: type[HitRow] | type[DecisionRow],
    org_keys: Collection[str] | None,
) -> Iterator[Select[_T]]:
    """``query`` as is, or once per chunk of ``org_keys`` restricted to those organisations."""
    if org_keys is None:
        yield query
        return
    keys = sorted(set(org_keys))
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        chunk = keys[start : start + _KEYS_PER_QUERY]
        yield query.where(table.org_id.in_(select(OrgRow.id).where(OrgRow.key.in_(chunk))))
