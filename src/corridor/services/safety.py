"""Delegation safety, the one API: feeds, polls, alerts to the people they touch.

A poll fetches a feed (conditional GET), parses it with the safety engine and keeps
each new message as published. An Update supersedes the messages it references, a
Cancel withdraws them; a message already received is a repeat and changes nothing.
Every open alert is matched against the whereabouts of each mission (safety.exposure);
each person it touches is told once — in the portal and by e-mail in their language
(services/safety_letters.py). A refused answer is recorded and changes nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from corridor.core.safety import (
    LEVEL_ORDER,
    Advisory,
    Alert,
    AlertLevel,
    Feed,
    FeedKind,
    MsgType,
    Notice,
    Poll,
    StoredAlert,
    Whereabouts,
)
from corridor.exc import CorridorError, InvalidInput
from corridor.safety.advisory import advisory_alert, parse_advisories
from corridor.safety.cap import parse_cap
from corridor.safety.exposure import exposures
from corridor.safety.levels import level_of
from corridor.safety.rss import parse_feed
from corridor.services.safety_fetch import Fetched, FetchError, check_url, fetch
from corridor.services.uow import Stores, read_only, unit_of_work

PURGE_AFTER_DAYS = 30
"""Location data is deleted this many days after a mission's last day (PIPA/PIPL)."""

Fetcher = Callable[..., Fetched]


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll did: its record, the new messages, and who was told."""

    poll: Poll
    new: tuple[str, ...]
    notices: tuple[Notice, ...]


def add_feed(engine: Engine, url: str, kind: str, *, actor: str, now: datetime) -> Feed:
    """Add a feed to poll (http/https only; kind cap, rss or advisory)."""
    try:
        feed_kind = FeedKind(kind)
    except ValueError as err:
        raise InvalidInput("kind must be cap, rss or advisory", field="kind", value=kind) from err
    try:
        check_url(url)
    except FetchError as err:
        raise InvalidInput(str(err), field="url", value=url) from err
    with unit_of_work(engine) as uow:
        return uow.safety.add_feed(url, feed_kind, actor, now)


def feeds(engine: Engine) -> list[Feed]:
    """Every feed."""
    with read_only(engine) as uow:
        return uow.safety.feeds()


def polls(engine: Engine, feed_id: int | None = None) -> list[Poll]:
    """Poll records, oldest first."""
    with read_only(engine) as uow:
        return uow.safety.polls(feed_id)


def parse_body(kind: FeedKind, body: bytes, *, source: str, now: datetime) -> list[Alert]:
    """The messages of a feed body, read the way its kind says."""
    if kind is FeedKind.CAP:
        return [parse_cap(body, source=source)]
    if kind is FeedKind.RSS:
        return parse_feed(body, source=source)
    return [advisory_alert(a, seen=now) for a in parse_advisories(body, source=source)]


def _stored(alert: Alert, feed: Feed, body: bytes, now: datetime) -> StoredAlert:
    info = alert.first if alert.infos else None
    level = AlertLevel.INFO if info is None else level_of(info)
    return StoredAlert(
        alert.key,
        feed.id,
        feed.kind,
        alert.msg_type,
        level,
        "" if info is None else info.headline or info.event,
        "open",
        body.decode("utf-8", "replace"),
        now,
    )


def _ingest(
    uow: Stores, feed: Feed, alerts: Sequence[Alert], body: bytes, now: datetime
) -> list[str]:
    safety, new = uow.safety, []
    for alert in alerts:
        if safety.alert(alert.key) is not None:
            continue  # a repeat: already received, nothing to do
        stored = _stored(alert, feed, _body_of(feed.kind, alert, body), now)
        if alert.msg_type is MsgType.CANCEL:
            stored = replace(stored, state="cancel")
        safety.add_alert(stored)
        for ref in alert.reference_keys:
            if alert.msg_type is MsgType.CANCEL:
                safety.set_state(ref, "withdrawn", alert.key)
            elif alert.msg_type is MsgType.UPDATE:
                safety.set_state(ref, "superseded", alert.key)
        if feed.kind is FeedKind.ADVISORY:
            _supersede_older_levels(uow, alert)
        new.append(alert.key)
    return new


def _body_of(kind: FeedKind, alert: Alert, body: bytes) -> bytes:
    """What is kept of a message: a CAP message as published; an advisory as its
    publisher's fields (the JSON response holds every country at once)."""
    if kind is FeedKind.CAP:
        return body
    if kind is FeedKind.ADVISORY:
        adv = alert.advisory
        return b"" if adv is None else json.dumps(asdict(adv), ensure_ascii=False).encode()
    return b""


def _supersede_older_levels(uow: Stores, alert: Alert) -> None:
    """A new level for a country supersedes the earlier level of the same publisher."""
    prefix = alert.key.rsplit("-", 1)[0] + "-"
    for old in uow.safety.alerts("open"):
        if old.key.startswith(prefix) and old.key != alert.key:
            uow.safety.set_state(old.key, "superseded", alert.key)


def poll(
    engine: Engine,
    feed_id: int,
    *,
    now: datetime,
    fetcher: Fetcher = fetch,
) -> PollResult:
    """Poll one feed: fetch (conditional), parse, keep new messages, record the poll."""
    with read_only(engine) as uow:
        feed = uow.safety.feed(feed_id)
    try:
        got = fetcher(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        alerts = (
            [] if got.status == 304 else parse_body(feed.kind, got.body, source=feed.url, now=now)
        )
    except FetchError as err:
        return _refused(engine, feed, now, str(err), err.status, err.size)
    except CorridorError as err:
        return _refused(engine, feed, now, str(err), got.status, len(got.body))
    with unit_of_work(engine) as uow:
        new = _ingest(uow, feed, alerts, got.body, now)
        if got.status != 304:
            uow.safety.set_validators(feed.id, got.etag, got.last_modified)
        record = uow.safety.add_poll(Poll(feed.id, now, got.status, len(got.body), "", len(new)))
    return PollResult(record, tuple(new), ())


def poll_all(engine: Engine, *, now: datetime, send: Deliver | None) -> list[Notice]:
    """Poll every feed, then tell the people each new alert concerns."""
    for feed in feeds(engine):
        poll(engine, feed.id, now=now)
    return notify(engine, now=now, send=send)


def _refused(
    engine: Engine, feed: Feed, now: datetime, error: str, status: int | None, size: int
) -> PollResult:
    with unit_of_work(engine) as uow:
        record = uow.safety.add_poll(Poll(feed.id, now, status, size, error, 0))
    return PollResult(record, (), ())


def alerts(engine: Engine, state: str | None = None) -> list[StoredAlert]:
    """Stored alerts (open, superseded, withdrawn, cancel — or all)."""
    with read_only(engine) as uow:
        return uow.safety.alerts(state)


def notices(engine: Engine, mission_key: str) -> list[Notice]:
    """Every notice of a mission (who was told of what), oldest first."""
    with read_only(engine) as uow:
        return uow.safety.notices(mission_key=mission_key)


def set_whereabouts(engine: Engine, mission_key: str, items: Sequence[Whereabouts]) -> int:
    """Replace a mission's whereabouts (staff only); returns how many."""
    with unit_of_work(engine) as uow:
        uow.missions.mission(mission_key)  # NotFound for an unknown mission
        uow.safety.put_whereabouts(mission_key, items)
    return len(items)


def whereabouts(engine: Engine, mission_key: str) -> list[Whereabouts]:
    """A mission's whereabouts (staff only), by person and day."""
    with read_only(engine) as uow:
        return uow.safety.whereabouts(mission_key)


def purge_due(engine: Engine, mission_key: str, *, today: datetime) -> int:
    """Delete a mission's location data once PURGE_AFTER_DAYS have passed since its
    last day of whereabouts — the whereabouts, and the locations delegates gave in
    roll calls; returns how many records went (0 when not yet due)."""
    with unit_of_work(engine) as uow:
        days = [w.day for w in uow.safety.whereabouts(mission_key)]
        if len(days) == 0 or today.date() < max(days) + timedelta(days=PURGE_AFTER_DAYS):
            return 0
        gone = uow.safety.purge_whereabouts(mission_key)
        return gone + uow.roll_calls.clear_locations(mission_key)


def notify(engine: Engine, *, now: datetime, send: Deliver | None = None) -> list[Notice]:
    """Tell each person an open CAP alert touches (once per alert), and those told of a
    withdrawn or superseded alert that it was; ``send`` e-mails the notices' letters."""
    with read_only(engine) as uow:
        stored = uow.safety.alerts()
        missions = {w.mission_key for w in uow.safety.whereabouts()}
        told = {(n.alert_key, n.person_key) for n in uow.safety.notices()}
        by_alert = _by_alert(uow.safety.notices())
    fresh: list[Notice] = []
    for alert in stored:
        if alert.kind is not FeedKind.RSS and alert.state == "open" and _worth_telling(alert):
            for key in sorted(missions):
                fresh += _touched(engine, alert, key, told, now)
        elif alert.state in ("withdrawn", "superseded") and alert.replaced_by is not None:
            fresh += _follow_up(alert, by_alert, told, now)
    emailed = set() if send is None or len(fresh) == 0 else send(engine, fresh)
    fresh = [replace(n, emailed=(n.alert_key, n.person_key) in emailed) for n in fresh]
    with unit_of_work(engine) as uow:
        for notice in fresh:
            uow.safety.add_notice(notice)
    return fresh


Deliver = Callable[[Engine, Sequence[Notice]], set[tuple[str, str]]]


def _worth_telling(alert: StoredAlert) -> bool:
    """New exposures are told from Corridor's level "advisory" up; information only
    (past events, level-1 travel advisories) is listed, not sent. Those already told
    of an alert always hear of its update or withdrawal."""
    return LEVEL_ORDER.index(alert.level) >= LEVEL_ORDER.index(AlertLevel.ADVISORY)


def load_alert(stored: StoredAlert) -> Alert:
    """The stored message read again: CAP from its body, an advisory from its fields."""
    if stored.kind is FeedKind.ADVISORY:
        adv = Advisory(**json.loads(stored.body))
        return advisory_alert(adv, seen=stored.received_at.replace(tzinfo=UTC))
    return parse_cap(stored.body.encode("utf-8"), source=stored.key)


def _by_alert(notices: Sequence[Notice]) -> dict[str, list[Notice]]:
    found: dict[str, list[Notice]] = {}
    for n in notices:
        found.setdefault(n.alert_key, []).append(n)
    return found


def _touched(
    engine: Engine,
    alert: StoredAlert,
    mission_key: str,
    told: set[tuple[str, str]],
    now: datetime,
) -> list[Notice]:
    with read_only(engine) as uow:
        tz = uow.missions.mission(mission_key).timezone
        where = uow.safety.whereabouts(mission_key)
    out = []
    for e in exposures(load_alert(alert), where, tz=tz):
        if (alert.key, e.person_key) not in told:
            told.add((alert.key, e.person_key))
            out.append(Notice(alert.key, mission_key, e.person_key, e.day, e.place, False, now))
    return out


def _follow_up(
    alert: StoredAlert,
    by_alert: dict[str, list[Notice]],
    told: set[tuple[str, str]],
    now: datetime,
) -> list[Notice]:
    """Those told of ``alert`` hear of the message that replaced or withdrew it."""
    out, key = [], str(alert.replaced_by)
    for n in by_alert.get(alert.key, []):
        if (key, n.person_key) not in told:
            told.add((key, n.person_key))
            out.append(Notice(key, n.mission_key, n.person_key, n.day, n.place, False, now))
    return out
