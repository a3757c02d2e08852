"""What a compliance decision changes for a mission: who now takes part, and whether a
schedule exists that should be replanned.

Clearing the last open item of a held organisation brings it back into
recommendations and scheduling; blocking one takes it out. The screening page says
which, and offers the organisers a replan when there is a schedule to replan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from corridor.core.screening import Action, Decision
from corridor.exc import InvalidInput, NotFound
from corridor.services.admission import admission
from corridor.services.screening import decide
from corridor.services.uow import read_only

STATES = ("admitted", "flagged", "held", "blocked")
TAKING_PART = ("admitted", "flagged")


@dataclass(frozen=True, slots=True)
class DecisionEffect:
    """An organisation's standing in a mission before and after a decision, and the
    mission's schedule: ``published``, ``stored`` (drafts only) or None."""

    org_key: str
    org_name: str
    before: str
    after: str
    schedule: str | None

    @property
    def change(self) -> str:
        """``include`` (now takes part), ``exclude`` (no longer does) or ``none``."""
        was, now = self.before in TAKING_PART, self.after in TAKING_PART
        return "none" if was == now else "include" if now else "exclude"


def standing(engine: Engine, mission_key: str, org_key: str) -> str:
    """An organisation's standing in a mission: admitted, flagged, held or blocked
    (NotFound when it is no participant)."""
    found = admission(engine, mission_key).state(org_key)
    if found == "absent":
        raise NotFound("participant", org_key)
    return found


def effect_of(engine: Engine, mission_key: str, org_key: str, before: str) -> DecisionEffect:
    """The effect of a decision taken when the organisation stood at ``before``."""
    if before not in STATES:
        raise InvalidInput(f"one of {list(STATES)}", field="was", value=before)
    now = standing(engine, mission_key, org_key)
    with read_only(engine) as uow:
        name = uow.registry.organisation(org_key).display("en")
        schedule = (
            "published"
            if uow.schedules.published_id(mission_key) is not None
            else "stored"
            if len(uow.schedules.listing(mission_key)) > 0
            else None
        )
    return DecisionEffect(org_key, name, before, now, schedule)


def decide_in_mission(
    engine: Engine,
    mission_key: str,
    org_key: str,
    source: str,
    source_id: str,
    action: Action,
    reason: str,
    actor: str,
    now: datetime | None = None,
) -> tuple[Decision, DecisionEffect]:
    """Record a decision on a participant's hit or flag (append-only, as
    ``screening.decide``) and say what it changed for the mission."""
    before = standing(engine, mission_key, org_key)
    decision = decide(engine, org_key, source, source_id, action, reason, actor, now)
    return decision, effect_of(engine, mission_key, org_key, before)
