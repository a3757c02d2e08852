"""Travel-advisory levels, in the formats their publishers use.

The Korean foreign ministry's 여행경보 (data.go.kr "외교부_국가·지역별 여행경보",
TravelAlarmService2 JSON): ``alarm_lvl`` 1 여행유의, 2 여행자제, 3 출국권고,
4 여행금지, per country (``country_iso_alp2``) and region (``remark``).
Each level becomes an ``Alert`` whose area is the country (ISO 3166-1 geocode), so a
level change for the mission's country reaches everyone there.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from corridor.core.safety import Advisory, Alert, Area, Info, MsgType
from corridor.exc import InvalidInput

MOFA = "kr-mofa"
MOFA_LEVELS = {1: "여행유의", 2: "여행자제", 3: "출국권고", 4: "여행금지"}
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


def advisory_alert(adv: Advisory, *, seen: datetime) -> Alert:
    """The advisory as an ``Alert`` (identifier names publisher, country and level)."""
    headline = (
        f"{adv.name or adv.country} {adv.region}: {adv.level}단계 {MOFA_LEVELS[adv.level]}".strip()
    )
    info = Info(
        lang="ko",
        event="여행경보",
        urgency="Expected",
        severity={1: "Minor", 2: "Moderate", 3: "Severe", 4: "Extreme"}[adv.level],
        certainty="Observed",
        headline=headline,
        sender_name="외교부",
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
