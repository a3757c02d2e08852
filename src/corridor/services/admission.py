"""Who takes part in a mission: its screening hold policy and the organisations held.

An organisation is **held** while screening has something on it nobody has settled:

- a *strong* list hit — one in ``Band.STRONG``, i.e. scored at or above the ``strong``
  threshold of the screening algorithm (``screen/algorithms.py``, 0.90 for
  ``corridor-v1``; a person's name alone never reaches it without a corroborating
  birth date or identifier) — with no decision, or escalated;
- a *blocking* end-use flag — severity ``screen.rules.BLOCKING`` ("high": military end
  use, surveillance) — with no decision, or escalated;
- anything else a compliance officer escalated (escalating asks for a senior look; the
  organisation waits for it).

The latest decision counts (decisions are append-only, services/screening.py): a
"clear" releases that item, a "block" blocks the organisation — out under every
policy — and an "escalate" keeps it held. Under the mission's policy ``hold`` (the
default) held organisations are not recommended, not scheduled and not invited; under
``flag`` they take part and organisers see the flag. Engines never see any of this:
services hand them only the organisations ``Admission.admitted`` names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from corridor.core.mission import HoldPolicy
from corridor.core.parties import Organization
from corridor.core.screening import Action, Band
from corridor.exc import InvalidInput
from corridor.screen.rules import BLOCKING
from corridor.services.screening import (
    RULE_SOURCE,
    MissionScreening,
    OrgScreening,
    mission_screening,
)
from corridor.services.uow import read_only, unit_of_work
from corridor.store.base import StoredPolicy

POLICIES = tuple(p.value for p in HoldPolicy)


@dataclass(frozen=True, slots=True)
class HoldReason:
    """One unsettled item that holds an organisation: a list hit (``kind`` "hit") or a
    rule flag ("flag"), undecided or escalated (``state``), with what it is about."""

    kind: str
    source: str
    source_id: str
    label: str  # the list entry's name, or the flag's title
    detail: str  # the hit's explanation, or the flag's legal basis and trigger words
    state: str  # undecided | escalated
    strong: bool  # a strong hit or a blocking flag (False: an escalated lesser item)


@dataclass(frozen=True, slots=True)
class Held:
    """A held organisation and every reason it is held."""

    org: Organization
    reasons: tuple[HoldReason, ...]


@dataclass(frozen=True, slots=True)
class Admission:
    """A mission's policy and who takes part under it."""

    mission: str
    policy: StoredPolicy
    participants: tuple[str, ...]
    held: tuple[Held, ...]
    blocked: tuple[str, ...]

    @property
    def held_keys(self) -> frozenset[str]:
        """Organisations screening holds (whatever the policy does with them)."""
        return frozenset(h.org.key for h in self.held)

    @property
    def excluded(self) -> frozenset[str]:
        """Participants kept out: the blocked, and under ``hold`` the held."""
        out = set(self.blocked)
        if self.policy.policy is HoldPolicy.HOLD:
            out |= self.held_keys
        return frozenset(out)

    @property
    def admitted(self) -> frozenset[str]:
        """Participants that take part: recommended, scheduled, invited."""
        return frozenset(self.participants) - self.excluded

    @property
    def flagged(self) -> frozenset[str]:
        """Held organisations that take part anyway (policy ``flag``): organisers see it."""
        return self.held_keys if self.policy.policy is HoldPolicy.FLAG else frozenset()

    def state(self, org_key: str) -> str:
        """blocked, held, flagged (held but taking part), admitted, or absent."""
        if org_key not in self.participants:
            return "absent"
        if org_key in self.blocked:
            return "blocked"
        if org_key in self.held_keys:
            return "flagged" if self.policy.policy is HoldPolicy.FLAG else "held"
        return "admitted"


def hold_reasons(o: OrgScreening) -> tuple[HoldReason, ...]:
    """What holds one organisation (empty: nothing does), strong hits first."""
    out = []
    for h in o.hits:
        action = o.action(h.hit.source, h.hit.source_id)
        strong = h.hit.band is Band.STRONG
        if (strong and action is None) or action is Action.ESCALATE:
            state = "undecided" if action is None else "escalated"
            out.append(
                HoldReason(
                    "hit",
                    h.hit.source,
                    h.hit.source_id,
                    h.hit.entry_name,
                    h.hit.explanation,
                    state,
                    strong,
                )
            )
    for f in o.flags:
        action = o.action(RULE_SOURCE, f.rule)
        blocking = f.severity == BLOCKING
        if (blocking and action is None) or action is Action.ESCALATE:
            detail = f"{f.basis} — {', '.join(f.matched)}"
            state = "undecided" if action is None else "escalated"
            out.append(HoldReason("flag", RULE_SOURCE, f.rule, f.title, detail, state, blocking))
    return tuple(sorted(out, key=lambda r: (not r.strong, r.kind != "hit", r.source, r.source_id)))


def admission_of(screening: MissionScreening, policy: StoredPolicy) -> Admission:
    """The admission of a mission from its screening picture and policy (no I/O)."""
    held, blocked = [], []
    for o in screening.orgs:
        if o.status == "blocked":
            blocked.append(o.org.key)
            continue
        reasons = hold_reasons(o)
        if len(reasons) > 0:
            held.append(Held(o.org, reasons))
    return Admission(
        screening.mission.key,
        policy,
        tuple(sorted(o.org.key for o in screening.orgs)),
        tuple(sorted(held, key=lambda h: h.org.key)),
        tuple(sorted(blocked)),
    )


def admission(engine: Engine, mission_key: str) -> Admission:
    """Which organisations of a mission are held and why, which are blocked, and which
    take part under the mission's policy — from the latest decisions."""
    screening = mission_screening(engine, mission_key)
    return admission_of(screening, hold_policy(engine, mission_key))


def is_admitted(engine: Engine, mission_key: str, org_key: str) -> bool:
    """Whether an organisation takes part in a mission now: a participant, not blocked,
    and not held under the ``hold`` policy. Ask before inviting its delegates (NotFound
    for an unknown mission; False for an organisation that is no participant)."""
    return org_key in admission(engine, mission_key).admitted


def hold_policy(engine: Engine, mission_key: str) -> StoredPolicy:
    """A mission's hold policy and who last set it (NotFound for an unknown mission)."""
    with read_only(engine) as uow:
        return uow.missions.hold_policy(mission_key)


def parse_policy(value: str, *, field: str = "hold_policy") -> HoldPolicy:
    """``hold`` or ``flag``; an InvalidInput naming ``field`` otherwise."""
    try:
        return HoldPolicy(value.strip().casefold())
    except ValueError:
        raise InvalidInput(
            f"hold policy must be one of {', '.join(POLICIES)}", field=field, value=value
        ) from None


def set_hold_policy(
    engine: Engine, mission_key: str, policy: str, *, actor: str, now: datetime | None = None
) -> StoredPolicy:
    """Set a mission's hold policy (``hold``: held organisations wait; ``flag``: they
    take part, flagged to organisers), recording who set it and when."""
    chosen = parse_policy(policy)
    with unit_of_work(engine) as uow:
        uow.missions.set_hold_policy(mission_key, chosen, actor=actor, at=now or datetime.now(UTC))
        return uow.missions.hold_policy(mission_key)
