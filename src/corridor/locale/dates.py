"""Dates and times as a reader of each language writes them, in the mission's zone.

``when`` takes a wall-clock time of the mission (slots and sessions are planned in
the mission's time zone, naive); ``instant`` takes a moment something happened (a
screening run, a decision, a job: stored in UTC, naive or aware) and shows it in the
mission's zone. An aware value is always converted. Formatting is Babel's CLDR data, so Korean
reads 2026. 6. 16. 오후 2:00, Chinese 2026年6月16日 14:00.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from corridor.locale import supported

_CLDR = {"en": "en_GB", "ko": "ko_KR", "zh": "zh_Hans_CN"}


def cldr(locale: str) -> str:
    """The CLDR locale Babel formats with for one of Corridor's locales."""
    return _CLDR[supported(locale)]


def _in_zone(value: datetime, zone: str) -> datetime:
    tz = ZoneInfo(zone)
    return value.replace(tzinfo=tz) if value.tzinfo is None else value.astimezone(tz)


def when(value: datetime, locale: str, zone: str, width: str = "medium") -> str:
    """Date (``width``: short, medium, long) and time of day in ``zone``."""
    moment = _in_zone(value, zone)
    return f"{day(moment, locale, zone, width)} {clock(moment, locale, zone)}"


def instant(value: datetime, locale: str, zone: str, width: str = "medium") -> str:
    """A recorded moment (naive means UTC) as date and time in ``zone``."""
    moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return when(moment, locale, zone, width)


def day(value: date | datetime, locale: str, zone: str, width: str = "medium") -> str:
    """The date alone (an aware datetime is first moved into ``zone``)."""
    if isinstance(value, datetime):
        value = _in_zone(value, zone).date()
    return format_date(value, width, locale=cldr(locale))


def clock(value: datetime | time, locale: str, zone: str) -> str:
    """The time of day (hours and minutes) in ``zone``."""
    if isinstance(value, datetime):
        value = _in_zone(value, zone).time()
    return format_time(value, "short", locale=cldr(locale))


def span(start: datetime, end: datetime, locale: str, zone: str) -> str:
    """A slot: its date and from–to times in ``zone``."""
    begin = _in_zone(start, zone)
    return f"{day(begin, locale, zone)} {clock(begin, locale, zone)}–{clock(end, locale, zone)}"
