"""Alert areas × where people are, per day, on the Shanghai copies (fixtures/README.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from corridor.core.safety import Place, Whereabouts
from corridor.exc import NotFound
from corridor.safety.cap import parse_cap
from corridor.safety.exposure import exposures
from corridor.safety.places import resolve

SH = Path(__file__).parent / "fixtures" / "shanghai"
TZ = "Asia/Shanghai"
# Scenario: the meeting day is 18 June 2003 in Shanghai (the alert runs 05:57–07:00 local).
DAY = date(2003, 6, 18)


def _w(person: str, day: date, place: Place, kind: str = "venue") -> Whereabouts:
    return Whereabouts("m", person, day, kind, place)


def test_the_gazetteer_resolves_korean_chinese_and_english_names_offline() -> None:
    ko, zh, en = resolve("상하이"), resolve("上海"), resolve("Shanghai", country="CN")
    assert ko == zh == en and en.country == "CN"
    assert abs(en.lat - 31.22) < 0.1 and abs(en.lon - 121.46) < 0.1
    assert resolve("Beijing").country == "CN"
    with pytest.raises(NotFound):
        resolve("Shanghai", country="KR")


def test_the_alert_reaches_only_those_in_its_polygon_on_its_day() -> None:
    alert = parse_cap((SH / "alert.xml").read_bytes(), source="alert.xml")
    venue, beijing = resolve("Shanghai"), resolve("Beijing")
    people = [
        _w("at-venue", DAY, venue),
        _w("in-beijing", DAY, beijing, "visit"),
        _w("left-before", DAY.replace(day=17), venue),
    ]
    found = exposures(alert, people, tz=TZ)
    assert [(e.person_key, e.day) for e in found] == [("at-venue", DAY)]


def test_a_circle_area_covers_within_its_radius_only() -> None:
    update = parse_cap((SH / "update.xml").read_bytes(), source="update.xml")
    near = Place("near", 31.30, 121.50)  # ~10 km from the centre
    far = Place("far", 31.60, 121.46)  # ~42 km north
    found = exposures(update, [_w("near", DAY, near), _w("far", DAY, far)], tz=TZ)
    assert [e.person_key for e in found] == ["near"]
