"""Safety feeds, polls, alerts, whereabouts and notices in SQL (``store.base.SafetyRepo``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from corridor.core.safety import (
    AlertLevel,
    Answer,
    Feed,
    FeedKind,
    MsgType,
    Notice,
    Place,
    Poll,
    RollCall,
    RollCallEntry,
    StoredAlert,
    Whereabouts,
)
from corridor.exc import Conflict, NotFound
from corridor.store.tables import (
    RollCallEntryRow,
    RollCallRow,
    SafetyAlertRow,
    SafetyFeedRow,
    SafetyNoticeRow,
    SafetyPollRow,
    SafetyVenueRow,
    WhereaboutsRow,
)


def _naive(at: datetime) -> datetime:
    """UTC without tzinfo (the tables keep naive UTC, as the rest of the store does)."""
    return at if at.tzinfo is None else at.astimezone(UTC).replace(tzinfo=None)


def _feed(row: SafetyFeedRow) -> Feed:
    return Feed(row.id, row.url, FeedKind(row.kind), row.etag, row.last_modified)


def _alert(row: SafetyAlertRow) -> StoredAlert:
    return StoredAlert(
        row.key,
        row.feed_id,
        FeedKind(row.kind),
        MsgType(row.msg_type),
        AlertLevel(row.level),
        row.headline,
        row.state,
        row.body,
        row.received_at,
        row.replaced_by,
    )


class SafetyStore:
    """The safety tables over one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_feed(self, url: str, kind: FeedKind, actor: str, at: datetime) -> Feed:
        """Record a new feed; ``Conflict`` when the URL is already polled."""
        if self.session.scalar(select(SafetyFeedRow).where(SafetyFeedRow.url == url)):
            raise Conflict(f"feed already added: {url}")
        row = SafetyFeedRow(url=url, kind=kind.value, added_by=actor, added_at=_naive(at))
        self.session.add(row)
        self.session.flush()
        return _feed(row)

    def feeds(self) -> list[Feed]:
        """Every feed, oldest first."""
        return [
            _feed(r) for r in self.session.scalars(select(SafetyFeedRow).order_by(SafetyFeedRow.id))
        ]

    def feed(self, feed_id: int) -> Feed:
        """One feed by id."""
        row = self.session.get(SafetyFeedRow, feed_id)
        if row is None:
            raise NotFound("feed", str(feed_id))
        return _feed(row)

    def set_validators(self, feed_id: int, etag: str | None, last_modified: str | None) -> None:
        """Keep the ETag and Last-Modified of the feed's last full answer."""
        self.session.execute(
            update(SafetyFeedRow)
            .where(SafetyFeedRow.id == feed_id)
            .values(etag=etag, last_modified=last_modified)
        )

    def add_poll(self, poll: Poll) -> Poll:
        """Append the record of one poll."""
        row = SafetyPollRow(
            feed_id=poll.feed_id,
            at=_naive(poll.at),
            status=poll.status,
            size=poll.bytes,
            error=poll.error,
            alerts=poll.alerts,
        )
        self.session.add(row)
        self.session.flush()
        return Poll(row.feed_id, row.at, row.status, row.size, row.error, row.alerts, row.id)

    def polls(self, feed_id: int | None = None) -> list[Poll]:
        """Poll records (of one feed, or all), oldest first."""
        query = select(SafetyPollRow).order_by(SafetyPollRow.id)
        if feed_id is not None:
            query = query.where(SafetyPollRow.feed_id == feed_id)
        return [
            Poll(r.feed_id, r.at, r.status, r.size, r.error, r.alerts, r.id)
            for r in self.session.scalars(query)
        ]

    def alert(self, key: str) -> StoredAlert | None:
        """The stored alert of a key, if received."""
        row = self.session.scalar(select(SafetyAlertRow).where(SafetyAlertRow.key == key))
        return None if row is None else _alert(row)

    def add_alert(self, alert: StoredAlert) -> None:
        """Keep a newly received alert."""
        self.session.add(
            SafetyAlertRow(
                key=alert.key,
                feed_id=alert.feed_id,
                kind=alert.kind.value,
                msg_type=alert.msg_type.value,
                level=alert.level.value,
                headline=alert.headline,
                state=alert.state,
                replaced_by=alert.replaced_by,
                body=alert.body,
                received_at=_naive(alert.received_at),
            )
        )
        self.session.flush()

    def set_state(self, key: str, state: str, replaced_by: str | None) -> None:
        """Mark an alert superseded or withdrawn (by the message ``replaced_by``)."""
        self.session.execute(
            update(SafetyAlertRow)
            .where(SafetyAlertRow.key == key)
            .values(state=state, replaced_by=replaced_by)
        )

    def alerts(self, state: str | None = None) -> list[StoredAlert]:
        """Stored alerts (in one state, or all), oldest first."""
        query = select(SafetyAlertRow).order_by(SafetyAlertRow.id)
        if state is not None:
            query = query.where(SafetyAlertRow.state == state)
        return [_alert(r) for r in self.session.scalars(query)]

    def put_whereabouts(self, mission_key: str, items: Sequence[Whereabouts]) -> None:
        """Replace a mission's whereabouts with ``items``."""
        self.session.execute(
            delete(WhereaboutsRow).where(WhereaboutsRow.mission_key == mission_key)
        )
        self.session.add_all(
            [
                WhereaboutsRow(
                    mission_key=mission_key,
                    person_key=w.person_key,
                    day=w.day,
                    kind=w.kind,
                    place=w.place.name,
                    lat=w.place.lat,
                    lon=w.place.lon,
                    country=w.place.country,
                )
                for w in items
            ]
        )
        self.session.flush()

    def whereabouts(self, mission_key: str | None = None) -> list[Whereabouts]:
        """Whereabouts (of one mission, or all), by person and day."""
        query = select(WhereaboutsRow).order_by(WhereaboutsRow.person_key, WhereaboutsRow.day)
        if mission_key is not None:
            query = query.where(WhereaboutsRow.mission_key == mission_key)
        return [
            Whereabouts(
                r.mission_key, r.person_key, r.day, r.kind, Place(r.place, r.lat, r.lon, r.country)
            )
            for r in self.session.scalars(query)
        ]

    def purge_whereabouts(self, mission_key: str) -> int:
        """Delete a mission's location data; returns how many rows went."""
        result = self.session.execute(
            delete(WhereaboutsRow).where(WhereaboutsRow.mission_key == mission_key)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def set_venue(self, mission_key: str, venue: Place) -> None:
        """Record (or replace) where a mission meets."""
        row = self.session.scalar(
            select(SafetyVenueRow).where(SafetyVenueRow.mission_key == mission_key)
        )
        if row is None:
            row = SafetyVenueRow(mission_key=mission_key)
            self.session.add(row)
        row.name, row.lat, row.lon, row.country = venue.name, venue.lat, venue.lon, venue.country
        self.session.flush()

    def venue(self, mission_key: str) -> Place | None:
        """Where a mission meets, if its file said."""
        row = self.session.scalar(
            select(SafetyVenueRow).where(SafetyVenueRow.mission_key == mission_key)
        )
        return None if row is None else Place(row.name, row.lat, row.lon, row.country)

    def add_notice(self, notice: Notice) -> None:
        """Record that a person was told of an alert."""
        self.session.add(
            SafetyNoticeRow(
                alert_key=notice.alert_key,
                mission_key=notice.mission_key,
                person_key=notice.person_key,
                day=notice.day,
                place=notice.place,
                emailed=notice.emailed,
                at=_naive(notice.at),
            )
        )
        self.session.flush()

    def notices(self, alert_key: str | None = None, mission_key: str | None = None) -> list[Notice]:
        """Notices (of one alert and/or mission), oldest first."""
        query = select(SafetyNoticeRow).order_by(SafetyNoticeRow.id)
        if alert_key is not None:
            query = query.where(SafetyNoticeRow.alert_key == alert_key)
        if mission_key is not None:
            query = query.where(SafetyNoticeRow.mission_key == mission_key)
        return [
            Notice(r.alert_key, r.mission_key, r.person_key, r.day, r.place, r.emailed, r.at)
            for r in self.session.scalars(query)
        ]


def _roll_call(row: RollCallRow) -> RollCall:
    return RollCall(
        row.mission_key,
        row.started_by,
        row.started_at,
        row.note,
        row.alert_key,
        row.closed_at,
        row.id,
    )


def _entry(row: RollCallEntryRow) -> RollCallEntry:
    answer = None if row.answer is None else Answer(row.answer)
    return RollCallEntry(
        row.roll_call_id, row.person_key, answer, row.note, row.location, row.answered_at
    )


class RollCallStore:
    """Roll calls and their entries (one per delegate, found by the link's digest)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def start_roll_call(self, call: RollCall, entries: Sequence[tuple[str, str]]) -> RollCall:
        """Record a roll call and one entry per (person, link digest)."""
        row = RollCallRow(
            mission_key=call.mission_key,
            started_by=call.started_by,
            started_at=_naive(call.started_at),
            note=call.note,
            alert_key=call.alert_key,
        )
        self.session.add(row)
        self.session.flush()
        self.session.add_all(
            [
                RollCallEntryRow(
                    roll_call_id=row.id, person_key=person, token_hash=digest, note="", location=""
                )
                for person, digest in entries
            ]
        )
        self.session.flush()
        return _roll_call(row)

    def roll_calls(self, mission_key: str) -> list[RollCall]:
        """A mission's roll calls, newest first."""
        query = select(RollCallRow).where(RollCallRow.mission_key == mission_key)
        return [_roll_call(r) for r in self.session.scalars(query.order_by(RollCallRow.id.desc()))]

    def roll_call(self, roll_call_id: int) -> RollCall:
        """One roll call by id."""
        row = self.session.get(RollCallRow, roll_call_id)
        if row is None:
            raise NotFound("roll call", str(roll_call_id))
        return _roll_call(row)

    def entries(self, roll_call_id: int) -> list[RollCallEntry]:
        """Every delegate's entry of a roll call, by person."""
        query = select(RollCallEntryRow).where(RollCallEntryRow.roll_call_id == roll_call_id)
        return [
            _entry(r) for r in self.session.scalars(query.order_by(RollCallEntryRow.person_key))
        ]

    def entry_by_digest(self, token_hash: str) -> RollCallEntry | None:
        """The entry a link opens, if any."""
        query = select(RollCallEntryRow).where(RollCallEntryRow.token_hash == token_hash)
        row = self.session.scalar(query)
        return None if row is None else _entry(row)

    def answer(
        self, token_hash: str, answer: Answer, note: str, location: str, at: datetime
    ) -> None:
        """Record (or change) a delegate's answer."""
        self.session.execute(
            update(RollCallEntryRow)
            .where(RollCallEntryRow.token_hash == token_hash)
            .values(answer=answer.value, note=note, location=location, answered_at=_naive(at))
        )

    def clear_locations(self, mission_key: str) -> int:
        """Blank the locations delegates gave in a mission's roll calls."""
        calls = select(RollCallRow.id).where(RollCallRow.mission_key == mission_key)
        result = self.session.execute(
            update(RollCallEntryRow)
            .where(RollCallEntryRow.roll_call_id.in_(calls))
            .where(RollCallEntryRow.location != "")
            .values(location="")
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def replace_digest(
        self, roll_call_id: int, person_key: str, token_hash: str, at: datetime
    ) -> None:
        """A reminder's new link: the old one stops working."""
        self.session.execute(
            update(RollCallEntryRow)
            .where(RollCallEntryRow.roll_call_id == roll_call_id)
            .where(RollCallEntryRow.person_key == person_key)
            .values(token_hash=token_hash, reminded_at=_naive(at))
        )
