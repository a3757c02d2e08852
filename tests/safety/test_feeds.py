"""CAP 1.2, RSS/Atom and MOFA advisory parsing on recorded messages (fixtures/README.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from corridor.core.safety import AlertLevel, MsgType
from corridor.exc import InvalidInput
from corridor.safety.advisory import advisory_alert, parse_mofa
from corridor.safety.cap import parse_cap
from corridor.safety.levels import level_of
from corridor.safety.rss import parse_feed

FIX = Path(__file__).parent / "fixtures"
HOSTILE = Path(__file__).parents[1] / "hostile"


def _cap(name: str):  # type: ignore[no-untyped-def]
    return parse_cap((FIX / name).read_bytes(), source=name)


def test_a_cap_alert_keeps_its_polygon_geocodes_and_window() -> None:
    alert = _cap("oasis_a2_severe_thunderstorm.xml")
    assert (alert.key, alert.msg_type) == ("KSTO@NWS.NOAA.GOV,KSTO1055887203", MsgType.ALERT)
    info = alert.first
    ring = info.areas[0].polygons[0]
    assert ring[0] == ring[-1] == (38.47, -120.14) and len(ring) == 5
    assert ("SAME", "006109") in info.areas[0].geocodes
    assert info.expires == datetime(2003, 6, 17, 23, 0, tzinfo=UTC)
    assert info.instruction.startswith("TAKE COVER")
    assert level_of(info) is AlertLevel.WARNING


def test_an_update_names_what_it_replaces_and_a_circle_is_kilometres() -> None:
    alert = _cap("oasis_a3_earthquake_update.xml")
    assert alert.msg_type is MsgType.UPDATE
    assert alert.reference_keys == ("trinet@caltech.edu,TRI13970876.1",)
    circle = alert.first.areas[0].circles[0]
    assert (circle.lat, circle.lon, circle.radius_km) == (32.9525, -115.5527, 0.0)
    assert level_of(alert.first) is AlertLevel.INFO  # urgency Past


def test_each_language_block_is_kept_in_the_senders_words() -> None:
    alert = _cap("oasis_a4_amber_multilingual.xml")
    assert [i.lang for i in alert.infos] == ["en-US", "es-US"]
    es = alert.info_for("es")
    assert es is not None and es.headline == "Alerta Amber en el condado de Los Ángeles"
    assert alert.info_for("ko") is None
    assert level_of(alert.first) is AlertLevel.WARNING


def test_a_cancel_withdraws_by_reference() -> None:
    alert = _cap("ipaws_alabama_rwt_cancel.xml")
    assert alert.msg_type is MsgType.CANCEL
    assert alert.reference_keys == ("westly.martin@ema.alabama.gov,6a90b38a3fedd9125cff7287",)


def test_an_atom_index_of_cap_alerts_reads_each_entry() -> None:
    alerts = parse_feed((FIX / "nws_atom_index_excerpt.xml").read_bytes(), source="nws")
    assert [a.first.event for a in alerts] == ["High Wind Warning", "Flash Flood Warning"]
    flood = alerts[1].first
    assert (flood.severity, flood.urgency, flood.certainty) == ("Severe", "Immediate", "Likely")
    assert len(flood.areas[0].polygons[0]) == 7
    assert alerts[0].first.areas[0].polygons == ()  # the feed's empty cap:polygon
    assert level_of(flood) is AlertLevel.WARNING


def test_a_mofa_travel_alarm_becomes_a_country_wide_alert() -> None:
    (adv,) = parse_mofa((FIX / "mofa_travel_alarm_vn.json").read_bytes(), source="mofa")
    assert (adv.country, adv.level, adv.region, adv.name) == ("VN", 1, "전 지역", "베트남")
    alert = advisory_alert(adv, seen=datetime(2026, 1, 1, tzinfo=UTC))
    assert alert.first.areas[0].geocodes == (("ISO3166-1", "VN"),)
    assert "여행유의" in alert.first.headline
    assert level_of(alert.first) is AlertLevel.INFO


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ((HOSTILE / "safety" / "cut-off-cap.xml").read_bytes(), "malformed XML"),
        ((HOSTILE / "lists" / "un_billion_laughs.xml").read_bytes(), "refused XML"),
        (b"<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'/>", "missing or empty"),
        (b"x" * (5 * 1024 * 1024 + 1), "larger than"),
    ],
)
def test_hostile_cap_bodies_are_refused_in_words(body: bytes, rule: str) -> None:
    with pytest.raises(InvalidInput, match=rule):
        parse_cap(body, source="feed")


def test_an_entity_bomb_never_reaches_feedparser() -> None:
    with pytest.raises(InvalidInput, match="refused XML"):
        parse_feed((HOSTILE / "lists" / "un_billion_laughs.xml").read_bytes(), source="rss")


def test_a_mofa_error_answer_is_refused() -> None:
    # The service's answer to an unregistered key (its documented error code 30).
    header = b'"header":{"resultCode":"30","resultMsg":"SERVICE_KEY_IS_NOT_REGISTERED_ERROR"}'
    body = b'{"response":{' + header + b',"body":{}}}'
    with pytest.raises(InvalidInput, match="answered an error"):
        parse_mofa(body, source="mofa")


def test_state_department_advisories_are_read_by_country_name_not_tag() -> None:
    from corridor.safety.advisory import parse_advisories

    body = (FIX / "us_state_travel_advisories_excerpt.xml").read_bytes()
    found = parse_advisories(body, source="us")
    # Country-Tag "MA" is the Department's code for Madagascar (ISO: MG; MA is Morocco).
    assert [(a.country, a.level) for a in found] == [("MV", 2), ("MG", 3)]
    alert = advisory_alert(found[1], seen=datetime(2025, 10, 8, tzinfo=UTC))
    info = alert.first
    assert info.headline == "Madagascar - Level 3: Reconsider Travel"
    assert (info.lang, info.sender_name) == ("en-US", "U.S. Department of State")
    assert level_of(info) is AlertLevel.WARNING
    assert alert.key == "us-state,MG-3"


def test_an_item_naming_no_single_country_is_skipped() -> None:
    from corridor.safety.advisory import parse_us_state

    body = (FIX / "us_state_travel_advisories_excerpt.xml").read_bytes()
    renamed = body.replace(b"<title>Maldives - Level 2", b"<title>Worldwide Caution - Level 2")
    assert [a.country for a in parse_us_state(renamed, source="us")] == ["MG"]
