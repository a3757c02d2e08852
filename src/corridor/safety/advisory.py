"""Travel-advisory levels, in the formats their publishers use.

The Korean foreign ministry's 여행경보 (data.go.kr "외교부_국가·지역별 여행경보",
TravelAlarmService2 JSON): ``alarm_lvl`` 1 여행유의, 2 여행자제, 3 출국권고,
4 여행금지, per country (``country_iso_alp2``) and region (``remark``). The U.S.
State Department's travel advisories (RSS, travel.state.gov ``TAsTWs.xml``): one item
per destination titled "Country - Level N: …"; its ``Country-Tag`` is the
Department's own code (MA is Madagascar, not Morocco), so the country is read from the
title's name (ISO 3166 via pycountry) and an item naming no single country is skipped.
Each level becomes an ``Alert`` whose area is the country (ISO 3166-1 geocode), so a
level change for the mission's country reaches everyone there.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element

from corridor.core.safety import Advisory, Alert, Area, Info, MsgType
from corridor.exc import InvalidInput
from corridor.safety.xml import local, parse

MOFA = "kr-mofa"
MOFA_LEVELS = {1: "여행유의", 2: "여행자제", 3: "출국권고", 4: "여행금지"}
US_STATE = "us-state"
US_LEVELS = {
    1: "Exercise Normal Precautions",
    2: "Exercise Increased Caution",
    3: "Reconsider Travel",
    4: "Do Not Travel",
}
_US_TITLE = re.compile(r"^(?P<name>.+?)\s+-\s+Level (?P<level>[1-4]):")
ISO_GEOCODE = "ISO3166-1"


def _items(data: Any, source: str) -> list[dict[str, Any]]:
    try:
        header = data["response"]["header"]
        body = data["response"]["body"]
    except (KeyError, TypeError) as err:
        raise InvalidInput("not a TravelAlarmService2 response", file=source) from err
    if str(header.get("resultCode")) not in ("0", "00"):
        raise InvalidInput(
            "the service answered an error",
            file=source,
            field="resultCode",
            value=header.get("resultMsg"),
        )
    items = (body.get("items") or {}).get("item") or []
    return [items] if isinstance(items, dict) else list(items)


def _advisory(item: dict[str, Any], row: int, source: str) -> Advisory:
    country, level = item.get("country_iso_alp2"), item.get("alarm_lvl")
    if not isinstance(country, str) or len(country) != 2:
        raise InvalidInput(
            "not an ISO country code", file=source, row=row, field="country_iso_alp2", value=country
        )
    try:
        lvl = int(str(level))
    except ValueError as err:
        raise InvalidInput(
            "level is not 1–4", file=source, row=row, field="alarm_lvl", value=level
        ) from err
    if lvl not in MOFA_LEVELS:
        raise InvalidInput("level is not 1–4", file=source, row=row, field="alarm_lvl", value=level)
    return Advisory(
        MOFA,
        country.upper(),
        lvl,
        str(item.get("remark") or ""),
        item.get("written_dt"),
        str(item.get("country_nm") or ""),
    )


def parse_mofa(body: bytes, *, source: str) -> list[Advisory]:
    """Every country level of a MOFA 여행경보 JSON response."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InvalidInput(f"not JSON: {err}", file=source) from err
    return [_advisory(item, i, source) for i, item in enumerate(_items(data, source), start=1)]


def _iso(name: str) -> str | None:
    import pycountry

    try:
        found = pycountry.countries.lookup(name.strip())
    except LookupError:
        return None
    code: str = found.alpha_2
    return code


def _text(item: Element, name: str) -> str:
    for child in item:
        if local(child.tag) == name:
            return str(child.text or "").strip()
    return ""


def parse_us_state(body: bytes, *, source: str) -> list[Advisory]:
    """Every destination of a State Department advisories feed that names one country."""
    root = parse(body, source=source)
    channel = next((c for c in root if local(c.tag) == "channel"), None)
    if local(root.tag) != "rss" or channel is None:
        raise InvalidInput("not an RSS feed of travel advisories", file=source)
    found = []
    for item in (c for c in channel if local(c.tag) == "item"):
        title = _text(item, "title")
        match = _US_TITLE.match(title)
        code = None if match is None else _iso(match["name"])
        if match is None or code is None:
            continue  # "Worldwide Caution", "… - See Summaries": no single country
        found.append(
            Advisory(US_STATE, code, int(match["level"]), "", _text(item, "pubDate"), title)
        )
    return found


def parse_advisories(body: bytes, *, source: str) -> list[Advisory]:
    """Advisory levels in either publisher's format (XML: State Department; JSON: MOFA)."""
    if body.lstrip()[:1] == b"<":
        return parse_us_state(body, source=source)
    return parse_mofa(body, source=source)


def _headline(adv: Advisory) -> str:
    if adv.publisher == US_STATE:
        return adv.name
    words = f"{adv.level}단계 {MOFA_LEVELS[adv.level]}"
    return f"{adv.name or adv.country} {adv.region}: {words}".strip()


def advisory_alert(adv: Advisory, *, seen: datetime) -> Alert:
    """The advisory as an ``Alert`` (identifier names publisher, country and level), in
    the publisher's language and words."""
    us = adv.publisher == US_STATE
    info = Info(
        lang="en-US" if us else "ko",
        event="Travel Advisory" if us else "여행경보",
        urgency="Expected",
        severity={1: "Minor", 2: "Moderate", 3: "Severe", 4: "Extreme"}[adv.level],
        certainty="Observed",
        headline=_headline(adv),
        sender_name="U.S. Department of State" if us else "외교부",
        areas=(Area(adv.region, geocodes=((ISO_GEOCODE, adv.country),)),),
    )
    return Alert(
        identifier=f"{adv.country}-{adv.level}",
        sender=adv.publisher,
        sent=seen,
        status="Actual",
        msg_type=MsgType.ALERT,
        infos=(info,),
        source="advisory",
        advisory=adv,
    )
