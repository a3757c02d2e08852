"""Corridor's alert level from CAP severity × urgency × certainty.

A table, not a score: organisers must be able to read why an alert is a warning.
Past or unlikely events are information only; an extreme, immediate or expected,
observed or likely event is an emergency; a severe (or extreme) one that is immediate
or expected and at least possible is a warning; moderate or worse is an advisory.
"""

from __future__ import annotations

from corridor.core.safety import AlertLevel, Info

_NOW = frozenset({"Immediate", "Expected"})
_SURE = frozenset({"Observed", "Likely"})
_AT_LEAST_POSSIBLE = _SURE | {"Possible"}


def level_of(info: Info) -> AlertLevel:
    """The level of one CAP info block (its severity, urgency and certainty)."""
    sev, urg, cer = info.severity, info.urgency, info.certainty
    if urg == "Past" or cer == "Unlikely":
        return AlertLevel.INFO
    if sev == "Extreme" and urg in _NOW and cer in _SURE:
        return AlertLevel.EMERGENCY
    if sev in ("Extreme", "Severe") and urg in _NOW and cer in _AT_LEAST_POSSIBLE:
        return AlertLevel.WARNING
    if sev in ("Extreme", "Severe", "Moderate"):
        return AlertLevel.ADVISORY
    return AlertLevel.INFO


def why(info: Info) -> str:
    """The inputs of the level, as a reader checks them."""
    return f"severity={info.severity}, urgency={info.urgency}, certainty={info.certainty}"
