"""RSS and Atom items (feedparser), including CAP index feeds with ``cap:`` fields.

The body is first read by ``safety.xml`` (defused, size-capped), so feedparser only
ever sees XML that has no document type declaration. An item becomes an ``Alert`` in
the feed's words; CAP index fields (``cap:severity``, ``cap:polygon``…) are kept
when the item carries them, otherwise the item is an unrated notice.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime
from typing import Any

import feedparser

from corridor.core.safety import Alert, Area, Info, MsgType
from corridor.exc import InvalidInput
from corridor.safety.cap import polygon
from corridor.safety.times import parse_time
from corridor.safety.xml import parse


def _when(entry: Any, source: str) -> datetime:
    for key in ("published", "updated"):
        value = entry.get(key)
        if value:
            try:
                return parse_time(value, source=source, field=key)
            except InvalidInput:
                parsed = entry.get(f"{key}_parsed")
                if parsed is not None:
                    return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    return datetime(1970, 1, 1, tzinfo=UTC)


def _time(entry: Any, key: str, source: str) -> datetime | None:
    value = entry.get(key)
    return None if not value else parse_time(value, source=source, field=key)


def _area(entry: Any, source: str) -> tuple[Area, ...]:
    desc = entry.get("cap_areadesc", "")
    ring = (entry.get("cap_polygon") or "").strip()
    if desc == "" and ring == "":
        return ()
    return (Area(desc, (polygon(ring, source),) if ring else ()),)


def _info(entry: Any, lang: str, source: str) -> Info:
    return Info(
        lang=lang,
        event=entry.get("cap_event", ""),
        urgency=entry.get("cap_urgency", "Unknown"),
        severity=entry.get("cap_severity", "Unknown"),
        certainty=entry.get("cap_certainty", "Unknown"),
        headline=entry.get("title", ""),
        description=entry.get("summary", ""),
        effective=_time(entry, "cap_effective", source),
        expires=_time(entry, "cap_expires", source),
        areas=_area(entry, source),
    )


def _alert(entry: Any, sender: str, lang: str, source: str) -> Alert:
    ident = entry.get("id") or entry.get("link") or entry.get("title", "")
    if ident == "":
        raise InvalidInput("an item has neither id, link nor title", file=source)
    try:
        msg_type = MsgType(entry.get("cap_msgtype", "Alert"))
    except ValueError:
        msg_type = MsgType.ALERT
    return Alert(
        identifier=ident,
        sender=sender,
        sent=_when(entry, source),
        status=entry.get("cap_status", "Actual"),
        msg_type=msg_type,
        infos=(_info(entry, lang, source),),
        source="rss",
    )


def parse_feed(body: bytes, *, source: str) -> list[Alert]:
    """Every item of an RSS or Atom feed, in the feed's order."""
    parse(body, source=source)  # refuses DTDs, entities and oversize before feedparser
    feed = feedparser.parse(body)
    if feed.bozo and len(feed.entries) == 0:
        raise InvalidInput(f"not a readable feed: {feed.get('bozo_exception')}", file=source)
    head = feed.feed
    sender = head.get("id") or head.get("link") or source
    lang = head.get("language") or "en"
    return [_alert(e, sender, lang, source) for e in feed.entries]
