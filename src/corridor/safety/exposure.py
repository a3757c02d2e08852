"""Which people an alert touches: its areas × where each person is, on which days.

An area covers a place when the place lies in one of its polygons or circles, or when
a geocode names the place's country (ISO 3166-1). A day counts when the alert's
window (effective, else onset, else sent — until expires, or open) overlaps that day
in the mission's time zone. Geometry is shapely's, in (lon, lat) order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from shapely.geometry import Point, Polygon

from corridor.core.safety import Alert, Area, Circle, Exposure, Info, Place, Whereabouts
from corridor.safety.advisory import ISO_GEOCODE

EARTH_KM = 6371.0088


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def in_circle(c: Circle, place: Place) -> bool:
    """The place is within the circle's radius (great-circle distance)."""
    return _km(c.lat, c.lon, place.lat, place.lon) <= c.radius_km


def in_polygon(ring: Sequence[tuple[float, float]], place: Place) -> bool:
    """The place is inside or on the edge of the polygon."""
    shape = Polygon([(lon, lat) for lat, lon in ring])
    return bool(shape.covers(Point(place.lon, place.lat)))


def covers(area: Area, place: Place) -> bool:
    """The area covers the place (polygon, circle or country geocode)."""
    if any(in_polygon(r, place) for r in area.polygons):
        return True
    if any(in_circle(c, place) for c in area.circles):
        return True
    return any(n == ISO_GEOCODE and v == place.country for n, v in area.geocodes)


def window(alert: Alert, info: Info) -> tuple[datetime, datetime | None]:
    """When the alert applies: start and end (None: open)."""
    return (info.effective or info.onset or alert.sent, info.expires)


def _on_day(span: tuple[datetime, datetime | None], w: Whereabouts, tz: ZoneInfo) -> bool:
    start = datetime.combine(w.day, time(), tz)
    end = start + timedelta(days=1)
    return span[0] < end and (span[1] is None or span[1] > start)


def exposures(alert: Alert, whereabouts: Sequence[Whereabouts], *, tz: str) -> list[Exposure]:
    """Every (person, day) the alert touches, one per person and day, stable order."""
    zone, found = ZoneInfo(tz), {}
    for info in alert.infos:
        span = window(alert, info)
        for w in whereabouts:
            key = (w.person_key, w.day)
            if key in found or not _on_day(span, w, zone):
                continue
            if any(covers(a, w.place) for a in info.areas):
                found[key] = Exposure(alert.key, w.person_key, w.day, w.place.name)
    return sorted(found.values(), key=lambda e: (e.person_key, e.day))
