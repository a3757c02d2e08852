"""A delegate's feedback after each meeting, and the outcomes reported months later.

The organisation is always the delegate's own, taken from their scope
(``portal.scope``): a form naming another organisation is Forbidden, and a partner
their organisation did not meet in the published schedule is refused by
services/outcomes.py with the field named, so a delegate can neither read nor write
another organisation's records. The actor recorded is the delegate, by the name their
invitation gives (a person's name, else the invited e-mail address).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from corridor.core.outcomes import Feedback, Outcome
from corridor.exc import Forbidden, InvalidInput
from corridor.services import outcomes
from corridor.services.portal import Scope, meetings, scope
from corridor.services.uow import read_only
from corridor.services.users import Principal


@dataclass(frozen=True, slots=True)
class MetPartner:
    """A partner the delegate's organisation meets: its first meeting and the
    feedback in force on it (None until given)."""

    partner: str
    partner_name: str
    start: datetime
    table: str
    feedback: Feedback | None


@dataclass(frozen=True, slots=True)
class Reported:
    """The organisation's outcomes in force, the partners an outcome can come from
    (key, name), and the name of every partner either mentions."""

    outcomes: list[Outcome]
    partners: list[tuple[str, str]]
    names: dict[str, str]

    def names_of(self, outcome: Outcome) -> list[str]:
        """The names of the partners an outcome came from, in its order."""
        return [self.names.get(p, p) for p in outcome.partners]


def own_scope(who: Principal, org: str | None) -> Scope:
    """The delegate's scope; Forbidden when a form names another organisation."""
    s = scope(who)
    if org is not None and org.strip() not in ("", s.org_key):
        raise Forbidden("a delegate reports for their own organisation only")
    return s


def met(engine: Engine, who: Principal, lang: str) -> list[MetPartner] | None:
    """The partners met in the published schedule, in the order of the first meeting
    with each, with the feedback given; None while nothing is published."""
    s = scope(who)
    found = meetings(engine, who, lang)
    if found is None:
        return None
    given = {f.partner_key: f for f in outcomes.feedback_of(engine, s.mission_key, s.org_key)}
    out: dict[str, MetPartner] = {}
    for m in found:
        if m.partner not in out:
            out[m.partner] = MetPartner(
                m.partner, m.partner_name, m.start, m.table, given.get(m.partner)
            )
    return list(out.values())


def parse_held(text: str) -> bool:
    """``yes`` or ``no``: whether the meeting took place."""
    if text not in ("yes", "no"):
        raise InvalidInput("say whether the meeting was held", field="held", value=text)
    return text == "yes"


def parse_rating(text: str) -> int | None:
    """A rating as a whole number (its range is checked with the record); empty is none."""
    if text.strip() == "":
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput("a rating is 1 to 5, or none", field="rating", value=text) from None


def give_feedback(
    engine: Engine,
    who: Principal,
    *,
    partner: str,
    held: str,
    rating: str,
    follow_up: bool,
    note: str,
    org: str | None = None,
) -> Feedback:
    """Record the delegate's feedback on their organisation's meeting with ``partner``
    (a second one supersedes the first)."""
    s = own_scope(who, org)
    return outcomes.record_feedback(
        engine,
        s.mission_key,
        s.org_key,
        partner.strip(),
        held=parse_held(held),
        rating=parse_rating(rating),
        follow_up=follow_up,
        note=note,
        actor=who.name,
    )


def reported(engine: Engine, who: Principal, lang: str) -> Reported:
    """What the delegate's organisation has reported so far, and whom it met."""
    s = scope(who)
    found = outcomes.outcomes_of(engine, s.mission_key, s.org_key)
    partners = outcomes.partners_met(engine, s.mission_key, s.org_key, lang)
    names = dict(partners)
    missing = sorted({p for o in found for p in o.partners} - set(names))
    if len(missing) > 0:  # a partner of an outcome no longer met after a replan
        with read_only(engine) as uow:
            names |= {o.key: o.display(lang) for o in uow.registry.organisations(keys=missing)}
    return Reported(found, partners, names)


def report(
    engine: Engine,
    who: Principal,
    *,
    kind: str,
    partners: Sequence[str],
    amount: str,
    currency: str,
    on: str,
    note: str,
    org: str | None = None,
) -> Outcome:
    """Record an outcome the delegate reports for their organisation, from its
    meeting(s) with ``partners``."""
    s = own_scope(who, org)
    return outcomes.report_outcome(
        engine,
        s.mission_key,
        s.org_key,
        kind=kind,
        partners=partners,
        amount=amount,
        currency=currency,
        on=on,
        note=note,
        actor=who.name,
    )
