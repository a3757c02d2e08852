"""A mission's recommendations for the portal, computed once and kept a while.

``matching.recommend`` weighs every pair of the mission (5–8 s for the demo's 81
participants), so delegates cannot wait for it on every page. The result is kept per
(engine, mission, language) for ``MAX_AGE`` seconds regardless of writes — a
delegate's accept adds a meeting request, which would otherwise reshuffle the very
list they are answering. Screening is re-checked on every read: an organisation held
after the list was made disappears from it at once.
"""

from __future__ import annotations

import threading
import time
import weakref

from sqlalchemy import Engine

from corridor.services.invitations import held_organisations
from corridor.services.matching import Recommendation, recommend

MAX_AGE = 900.0
"""Seconds a mission's recommendations are served before they are computed afresh."""

_Held = dict[tuple[str, str], tuple[float, dict[str, list[Recommendation]]]]
_LOCK = threading.Lock()
_KEPT: weakref.WeakKeyDictionary[Engine, _Held] = weakref.WeakKeyDictionary()
_COMPUTING: weakref.WeakKeyDictionary[Engine, dict[tuple[str, str], threading.Lock]] = (
    weakref.WeakKeyDictionary()
)


def _lock_for(engine: Engine, key: tuple[str, str]) -> threading.Lock:
    with _LOCK:
        return _COMPUTING.setdefault(engine, {}).setdefault(key, threading.Lock())


def _kept(engine: Engine, key: tuple[str, str]) -> dict[str, list[Recommendation]] | None:
    with _LOCK:
        found = _KEPT.get(engine, {}).get(key)
    if found is None or time.monotonic() - found[0] > MAX_AGE:
        return None
    return found[1]


def _computed(engine: Engine, mission_key: str, lang: str) -> dict[str, list[Recommendation]]:
    key = (mission_key, lang)
    found = _kept(engine, key)
    if found is not None:
        return found
    with _lock_for(engine, key):  # one computation per key; the others wait for it
        found = _kept(engine, key)
        if found is None:
            found = recommend(engine, mission_key, lang=lang).by_org
            with _LOCK:
                _KEPT.setdefault(engine, {})[key] = (time.monotonic(), found)
    return found


def mission_recommendations(
    engine: Engine, mission_key: str, lang: str
) -> dict[str, list[Recommendation]]:
    """Every participant's recommendations explained in ``lang``, held ones left out."""
    found = _computed(engine, mission_key, lang)
    held = held_organisations(engine, mission_key)
    return {
        org: [r for r in recs if r.partner not in held]
        for org, recs in found.items()
        if org not in held
    }


def forget(engine: Engine, mission_key: str | None = None) -> None:
    """Drop what is kept (a mission's, or all): after a replan or in tests."""
    with _LOCK:
        kept = _KEPT.get(engine, {})
        for key in [k for k in kept if mission_key is None or k[0] == mission_key]:
            del kept[key]
