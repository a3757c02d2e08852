"""The SQLAlchemy implementation of the repository protocols of ``store.base``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, aliased

from corridor.core.mission import HoldPolicy, MeetingRequest, Mission, RequestOrigin
from corridor.core.parties import Organization, Person
from corridor.exc import IdentifierTaken, NotFound
from corridor.store import bulk, convert
from corridor.store.base import ImportRun, StoredPolicy, UpsertCounts
from corridor.store.outcomes import OutcomeStore
from corridor.store.tables import (
    ImportRunRow,
    MissionRow,
    OrgIdentifierRow,
    OrgRow,
    ParticipantRow,
    PersonRow,
    RequestRow,
)

_SCHEMES = {"kr_brn": "KR business number", "cn_uscc": "CN unified social credit code"}


def _taken(key: str, other: str, scheme: str, value: str) -> IdentifierTaken:
    return IdentifierTaken(key, other, _SCHEMES.get(scheme, scheme), value)


class SqlStore(OutcomeStore):
    """Every repository over one SQLAlchemy session (one unit of work); feedback and
    outcomes come from ``store.outcomes``."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # organisations -------------------------------------------------------------
    def upsert_organisations(self, orgs: Sequence[Organization]) -> UpsertCounts:
        """Insert new keys, update changed ones, leave identical ones untouched.

        Raises ``IdentifierTaken`` (before writing anything) when an organisation
        brings a business number another organisation has. Written in bulk
        (``store.bulk``): a few statements for the whole batch.
        """
        self._check_identifiers(orgs)
        return bulk.write_organisations(self.session, orgs)

    def _check_identifiers(self, orgs: Sequence[Organization]) -> None:
        """Refuse an identifier held by two organisations, in the batch or stored.

        The unique constraint on ``org_identifiers`` would refuse it too, but only as
        an ``IntegrityError`` naming neither organisation; it stays the last line of
        defence against a concurrent import.
        """
        claims: dict[tuple[str, str], str] = {}
        for org in orgs:
            for ident in org.identifiers:
                claim = (ident.scheme.value, ident.value)
                holder = claims.setdefault(claim, org.key)
                if holder != org.key:
                    raise _taken(org.key, holder, *claim)
        batch = {o.key for o in orgs}
        for scheme, value, owner in self._identifier_owners(sorted(claims)):
            # An owner in the batch keeps the identifier only if it claims it again.
            if owner not in batch and owner != claims[(scheme, value)]:
                raise _taken(claims[(scheme, value)], owner, scheme, value)

    def _identifier_owners(self, claims: Sequence[tuple[str, str]]) -> list[tuple[str, str, str]]:
        """Who holds each claimed (scheme, value), asked per scheme: ``scheme = … AND
        value IN (…)`` uses the unique index, where a ``(scheme, value) IN`` of pairs made
        PostgreSQL scan the table once per 250 claims (minutes for 100,000)."""
        values: dict[str, list[str]] = {}
        for scheme, value in claims:
            values.setdefault(scheme, []).append(value)
        found: list[tuple[str, str, str]] = []
        for scheme, wanted in sorted(values.items()):
            for condition in bulk.one_of(self.session, OrgIdentifierRow.value, wanted):
                query = (
                    select(OrgIdentifierRow.scheme, OrgIdentifierRow.value, OrgRow.key)
                    .join(OrgRow, OrgRow.id == OrgIdentifierRow.org_id)
                    .where(OrgIdentifierRow.scheme == scheme, condition)
                    .order_by(OrgRow.key)
                )
                found.extend((s, v, k) for s, v, k in self.session.execute(query))
        return found

    def organisation(self, key: str) -> Organization:
        """One organisation by key."""
        row = self.session.scalar(select(OrgRow).where(OrgRow.key == key))
        if row is None:
            raise NotFound("organisation", key)
        return convert.to_org(row)

    def organisations(
        self,
        *,
        country: str | None = None,
        kind: str | None = None,
        keys: Sequence[str] | None = None,
    ) -> list[Organization]:
        """Organisations ordered by key, optionally filtered."""
        query = select(OrgRow).order_by(OrgRow.key)
        if country is not None:
            query = query.where(OrgRow.country == country.upper())
        if kind is not None:
            query = query.where(OrgRow.kind == kind)
        if keys is not None:
            query = query.where(OrgRow.key.in_(list(keys)))
        return [convert.to_org(r) for r in self.session.scalars(query)]

    def organisation_keys(self) -> set[str]:
        """Every organisation key in the registry."""
        return set(self.session.scalars(select(OrgRow.key)))

    # people -------------------------------------------------------------------
    def upsert_people(self, people: Sequence[Person]) -> UpsertCounts:
        """Insert or update people by key, in bulk; their organisations must exist."""
        return bulk.write_people(self.session, people)

    def people(self, *, org_key: str | None = None) -> list[Person]:
        """People ordered by key, optionally only those of one organisation."""
        query = select(PersonRow).order_by(PersonRow.key)
        if org_key is not None:
            query = query.join(PersonRow.org).where(OrgRow.key == org_key)
        return [convert.to_person(r) for r in self.session.scalars(query)]

    def person(self, key: str) -> Person:
        """One person by key."""
        row = self.session.scalar(select(PersonRow).where(PersonRow.key == key))
        if row is None:
            raise NotFound("person", key)
        return convert.to_person(row)

    def count(self) -> dict[str, int]:
        """How many organisations, people, missions and requests are stored."""
        tables = {
            "organisations": OrgRow,
            "people": PersonRow,
            "missions": MissionRow,
            "requests": RequestRow,
        }
        return {
            name: self.session.scalar(select(func.count()).select_from(t)) or 0
            for name, t in tables.items()
        }

    # missions -----------------------------------------------------------------
    def save_mission(self, mission: Mission) -> UpsertCounts:
        """Create or replace a mission's fixed facts (sessions, tables, interpreters)."""
        row = self.session.scalar(select(MissionRow).where(MissionRow.key == mission.key))
        if row is not None and row.content_hash == convert.fingerprint(mission):
            return UpsertCounts(unchanged=1)
        counts = UpsertCounts(created=1) if row is None else UpsertCounts(updated=1)
        if row is None:
            row = MissionRow(hold_policy=HoldPolicy.HOLD.value)
            self.session.add(row)
        else:
            # Old sessions, tables and interpreters go first: the unit of work inserts
            # before it deletes, and the new ones reuse their (mission, key).
            row.sessions, row.tables, row.interpreters = [], [], []
            self.session.flush()
        convert.fill_mission(row, mission)
        self.session.flush()
        return counts

    def _mission_row(self, key: str) -> MissionRow:
        row = self.session.scalar(select(MissionRow).where(MissionRow.key == key))
        if row is None:
            raise NotFound("mission", key)
        return row

    def mission(self, key: str) -> Mission:
        """One mission by key."""
        return convert.to_mission(self._mission_row(key))

    def missions(self) -> list[Mission]:
        """Every mission, by key."""
        rows = self.session.scalars(select(MissionRow).order_by(MissionRow.key))
        return [convert.to_mission(r) for r in rows]

    def add_participants(self, mission_key: str, org_keys: Sequence[str]) -> int:
        """Register organisations for a mission; returns how many were new."""
        mission = self._mission_row(mission_key)
        ids = bulk.ids_by_key(self.session, OrgRow.key, org_keys)
        present = set(
            self.session.scalars(
                select(ParticipantRow.org_id).where(ParticipantRow.mission_id == mission.id)
            )
        )
        rows = []
        for key in dict.fromkeys(org_keys):
            if key not in ids:
                raise NotFound("organisation", key)
            if ids[key] not in present:
                rows.append({"mission_id": mission.id, "org_id": ids[key]})
                present.add(ids[key])
        if len(rows) > 0:
            self.session.flush()
            self.session.execute(insert(ParticipantRow), rows)
        return len(rows)

    def participants(self, mission_key: str) -> list[str]:
        """Keys of a mission's participating organisations, sorted."""
        mission = self._mission_row(mission_key)
        query = (
            select(OrgRow.key)
            .join(ParticipantRow, ParticipantRow.org_id == OrgRow.id)
            .where(ParticipantRow.mission_id == mission.id)
            .order_by(OrgRow.key)
        )
        return list(self.session.scalars(query))

    def upsert_requests(self, mission_key: str, requests: Sequence[MeetingRequest]) -> UpsertCounts:
        """Store meeting requests, one per (requester, target) per mission."""
        mission = self._mission_row(mission_key)
        ids = bulk.ids_by_key(
            self.session, OrgRow.key, [k for q in requests for k in (q.requester, q.target)]
        )
        stored = {
            (a, b): (row_id, (interest, note, origin))
            for row_id, a, b, interest, note, origin in self.session.execute(
                select(
                    RequestRow.id,
                    RequestRow.requester_id,
                    RequestRow.target_id,
                    RequestRow.interest,
                    RequestRow.note,
                    RequestRow.origin,
                ).where(RequestRow.mission_id == mission.id)
            )
        }
        new: dict[tuple[int, int], dict[str, Any]] = {}
        changed: dict[int, dict[str, Any]] = {}
        unchanged = 0
        for req in requests:
            for key in (req.requester, req.target):
                if key not in ids:
                    raise NotFound("organisation", key)
            pair = (ids[req.requester], ids[req.target])
            values = {"interest": req.interest, "note": req.note, "origin": req.origin.value}
            row = stored.get(pair)
            if row is None:
                if pair not in new:
                    new[pair] = {
                        "mission_id": mission.id,
                        "requester_id": pair[0],
                        "target_id": pair[1],
                    }
                new[pair].update(values)
            elif row[1] != tuple(values.values()):
                changed[row[0]] = {"id": row[0], **values}
            else:
                unchanged += 1
        self.session.flush()
        if len(new) > 0:
            self.session.execute(insert(RequestRow), list(new.values()))
        if len(changed) > 0:
            self.session.execute(update(RequestRow), list(changed.values()))
            self.session.expire_all()
        return UpsertCounts(len(new), len(changed), unchanged)

    def requests(self, mission_key: str) -> list[MeetingRequest]:
        """A mission's meeting requests, ordered by requester then target."""
        mission = self._mission_row(mission_key)
        # Only the two keys of each side: loading whole organisation rows (names,
        # identifiers, sources) for every request made the dashboard slow.
        requester, target = aliased(OrgRow), aliased(OrgRow)
        rows = self.session.execute(
            select(
                requester.key, target.key, RequestRow.interest, RequestRow.note, RequestRow.origin
            )
            .join(requester, RequestRow.requester_id == requester.id)
            .join(target, RequestRow.target_id == target.id)
            .where(RequestRow.mission_id == mission.id)
        )
        out = [
            MeetingRequest(a, b, interest, note, RequestOrigin(origin))
            for a, b, interest, note, origin in rows
        ]
        return sorted(out, key=lambda q: (q.requester, q.target))

    def hold_policy(self, mission_key: str) -> StoredPolicy:
        """A mission's screening hold policy, and who last set it when."""
        row = self._mission_row(mission_key)
        at = None if row.hold_policy_at is None else row.hold_policy_at.replace(tzinfo=UTC)
        return StoredPolicy(HoldPolicy(row.hold_policy or HoldPolicy.HOLD), row.hold_policy_by, at)

    def set_hold_policy(
        self, mission_key: str, policy: HoldPolicy, *, actor: str, at: datetime
    ) -> None:
        """Set a mission's screening hold policy, naming who did and when."""
        row = self._mission_row(mission_key)
        row.hold_policy = policy.value
        row.hold_policy_by, row.hold_policy_at = actor, at.astimezone(UTC).replace(tzinfo=None)
        self.session.flush()

    # audit --------------------------------------------------------------------
    def record_import(self, run: ImportRun) -> None:
        """Append an import record (never updated, never deleted)."""
        self.session.add(
            ImportRunRow(
                at=datetime.fromisoformat(run.at),
                actor=run.actor,
                files=run.files,
                created=run.counts.created,
                updated=run.counts.updated,
                unchanged=run.counts.unchanged,
            )
        )
        self.session.flush()

    def imports(self) -> list[ImportRun]:
        """Every import record, oldest first."""
        rows = self.session.scalars(select(ImportRunRow).order_by(ImportRunRow.id))
        return [
            ImportRun(
                r.at.isoformat(),
                r.actor,
                list(r.files),
                UpsertCounts(r.created, r.updated, r.unchanged),
            )
            for r in rows
        ]
