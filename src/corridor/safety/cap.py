"""CAP 1.2 (OASIS): one ``alert`` message in, one ``Alert`` out.

Each ``info`` block is kept in its own language exactly as the sender wrote it; areas
keep their polygons (``lat,lon`` pairs), circles (``lat,lon radius-km``) and geocodes.
``references`` name earlier messages as ``sender,identifier,sent`` triples.
"""

from __future__ import annotations

from datetime import datetime
from xml.etree.ElementTree import Element

from corridor.core.safety import Alert, Area, Circle, Info, MsgType, Reference
from corridor.exc import InvalidInput
from corridor.safety.times import parse_time
from corridor.safety.xml import local, parse


def _child(el: Element, name: str) -> Element | None:
    for child in el:
        if local(child.tag) == name:
            return child
    return None


def _children(el: Element, name: str) -> list[Element]:
    return [c for c in el if local(c.tag) == name]


def _text(el: Element, name: str) -> str:
    child = _child(el, name)
    return "" if child is None or child.text is None else child.text.strip()


def _required(el: Element, name: str, source: str) -> str:
    value = _text(el, name)
    if value == "":
        raise InvalidInput("CAP element is missing or empty", file=source, field=name)
    return value


def _point(pair: str, source: str) -> tuple[float, float]:
    try:
        lat, lon = (float(p) for p in pair.split(","))
    except ValueError as err:
        raise InvalidInput("not a lat,lon pair", file=source, field="polygon", value=pair) from err
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidInput("coordinate out of range", file=source, field="polygon", value=pair)
    return (lat, lon)


def polygon(text: str, source: str) -> tuple[tuple[float, float], ...]:
    """A CAP polygon: at least four ``lat,lon`` pairs, the first repeated last."""
    ring = tuple(_point(p, source) for p in text.split())
    if len(ring) < 4 or ring[0] != ring[-1]:
        raise InvalidInput(
            "a polygon needs 4+ points, closed", file=source, field="polygon", value=text
        )
    return ring


def circle(text: str, source: str) -> Circle:
    """A CAP circle: ``lat,lon radius`` (radius in kilometres)."""
    centre, _, radius = text.strip().partition(" ")
    lat, lon = _point(centre, source)
    try:
        km = float(radius)
    except ValueError as err:
        raise InvalidInput(
            "circle radius is not a number", file=source, field="circle", value=text
        ) from err
    return Circle(lat, lon, km)


def _area(el: Element, source: str) -> Area:
    geocodes = tuple((_text(g, "valueName"), _text(g, "value")) for g in _children(el, "geocode"))
    return Area(
        _text(el, "areaDesc"),
        tuple(polygon(p.text or "", source) for p in _children(el, "polygon") if p.text),
        tuple(circle(c.text or "", source) for c in _children(el, "circle") if c.text),
        geocodes,
    )


def _when(el: Element, name: str, source: str) -> datetime | None:
    value = _text(el, name)
    return None if value == "" else parse_time(value, source=source, field=name)


def _info(el: Element, source: str) -> Info:
    return Info(
        lang=_text(el, "language") or "en-US",  # CAP's default language
        event=_text(el, "event"),
        urgency=_text(el, "urgency") or "Unknown",
        severity=_text(el, "severity") or "Unknown",
        certainty=_text(el, "certainty") or "Unknown",
        headline=_text(el, "headline"),
        description=_text(el, "description"),
        instruction=_text(el, "instruction"),
        sender_name=_text(el, "senderName"),
        effective=_when(el, "effective", source),
        onset=_when(el, "onset", source),
        expires=_when(el, "expires", source),
        areas=tuple(_area(a, source) for a in _children(el, "area")),
    )


def references(text: str, source: str) -> tuple[Reference, ...]:
    """CAP ``references``: space-separated ``sender,identifier,sent`` triples."""
    found = []
    for triple in text.split():
        parts = triple.split(",")
        if len(parts) != 3:
            raise InvalidInput(
                "a reference is sender,identifier,sent",
                file=source,
                field="references",
                value=triple,
            )
        found.append(Reference(*parts))
    return tuple(found)


def _msg_type(value: str, source: str) -> MsgType:
    try:
        return MsgType(value)
    except ValueError as err:
        raise InvalidInput("unknown msgType", file=source, field="msgType", value=value) from err


def read_alert(root: Element, source: str) -> Alert:
    """The ``Alert`` of a parsed CAP ``alert`` element."""
    if local(root.tag) != "alert":
        raise InvalidInput("not a CAP alert", file=source, field="root", value=local(root.tag))
    return Alert(
        identifier=_required(root, "identifier", source),
        sender=_required(root, "sender", source),
        sent=parse_time(_required(root, "sent", source), source=source, field="sent"),
        status=_required(root, "status", source),
        msg_type=_msg_type(_required(root, "msgType", source), source),
        infos=tuple(_info(i, source) for i in _children(root, "info")),
        references=references(_text(root, "references"), source),
        source="cap",
    )


def parse_cap(body: bytes, *, source: str) -> Alert:
    """One CAP 1.2 message from its bytes (defused, size-capped)."""
    return read_alert(parse(body, source=source), source)
