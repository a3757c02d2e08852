"""Feedback after each meeting and outcomes reported later: recorded, checked, read.

Organisers record them on an organisation's behalf (agencies receive them by e-mail)
and the participant portal lets delegates record their own; both call these functions
with the acting user. A meeting is the pair of organisations that met in the mission's
published schedule, so feedback or an outcome naming a partner the organisation never
met is refused. Records are appended: a correction supersedes, nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from babel.numbers import list_currencies
from sqlalchemy import Engine

from corridor.core.outcomes import (
    Feedback,
    Outcome,
    OutcomeKind,
    check_amount,
    check_rating,
    outcome_kind,
)
from corridor.exc import Conflict, InvalidInput, NotFound
from corridor.services.uow import Stores, read_only, unit_of_work

MAX_NOTE = 4000
SCENARIO_ACTOR = "scenario"
"""Who records the demo's generated feedback and outcomes (never a person's name), so
every report can say which figures are scenario, not fact."""
CURRENCIES = frozenset(list_currencies())
"""ISO 4217 codes as Babel (CLDR) knows them."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def met_partners(uow: Stores, mission_key: str, org_key: str) -> set[str]:
    """Whom ``org_key`` meets in the mission's published schedule (NotFound for an
    unknown mission or an organisation that does not take part)."""
    uow.missions.mission(mission_key)
    if org_key not in uow.missions.participants(mission_key):
        raise NotFound("participant", org_key)
    published = uow.schedules.published(mission_key)
    meetings = [] if published is None else published[1]
    return {
        m.org_b if m.org_a == org_key else m.org_a
        for m in meetings
        if org_key in (m.org_a, m.org_b)
    }


def _check_partner(met: set[str], partner: str, field: str) -> None:
    if partner not in met:
        raise InvalidInput(
            "not a partner this organisation met in the published schedule",
            field=field,
            value=partner,
        )


def _note(note: str) -> str:
    text = note.strip()
    if len(text) > MAX_NOTE:
        raise InvalidInput(f"at most {MAX_NOTE} characters", field="note", value=text[:40])
    return text


def record_feedback(
    engine: Engine,
    mission_key: str,
    org_key: str,
    partner_key: str,
    *,
    held: bool,
    rating: int | None,
    follow_up: bool,
    note: str,
    actor: str,
) -> Feedback:
    """Record ``org_key``'s feedback on its meeting with ``partner_key``; a second
    record for the same meeting supersedes the first (both are kept)."""
    check_rating(rating)
    if not held and rating is not None:
        raise InvalidInput("a meeting not held has no rating", field="rating", value=rating)
    with unit_of_work(engine) as uow:
        _check_partner(met_partners(uow, mission_key, org_key), partner_key, "partner")
        return uow.outcomes.add_feedback(
            Feedback(
                mission_key,
                org_key,
                partner_key,
                held,
                rating,
                follow_up,
                _note(note),
                actor,
                _now(),
            )
        )


def parse_amount(amount: Decimal | str | int | None) -> Decimal | None:
    """An amount as a Decimal (``"1,500,000"`` and ``"2.5e6"`` read as written);
    empty means none. Floats are refused by type: money is never binary."""
    if amount is None or isinstance(amount, Decimal):
        return amount
    text = str(amount).replace(",", "").replace("_", "").strip()
    if text == "":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidInput("not a number", field="amount", value=amount) from None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -6:
        raise InvalidInput("at most 6 decimal places", field="amount", value=amount)
    return value


def parse_currency(currency: str | None) -> str | None:
    """An ISO 4217 code in capitals; empty means none."""
    if currency is None or currency.strip() == "":
        return None
    code = currency.strip().upper()
    if code not in CURRENCIES:
        raise InvalidInput("not an ISO 4217 currency code", field="currency", value=currency)
    return code


def parse_day(on: date | str | None, first_day: date | None) -> date:
    """When it happened: a date (ISO text accepted), not before the mission and not
    in the future; none means today."""
    today = datetime.now(UTC).date()
    if on is None or (isinstance(on, str) and on.strip() == ""):
        return today
    if isinstance(on, str):
        try:
            on = date.fromisoformat(on.strip())
        except ValueError:
            raise InvalidInput("a date as YYYY-MM-DD", field="on", value=on) from None
    if on > today:
        raise InvalidInput("an outcome is reported once it happened", field="on", value=str(on))
    if first_day is not None and on < first_day:
        raise InvalidInput(
            f"before the mission began ({first_day.isoformat()})", field="on", value=str(on)
        )
    return on


def _partners(partners: Sequence[str], met: set[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(p.strip() for p in partners if p.strip() != ""))
    if len(chosen) == 0:
        raise InvalidInput(
            "name the partner(s) of the meeting(s) it came from", field="partners", value=""
        )
    for p in chosen:
        _check_partner(met, p, "partners")
    return tuple(sorted(chosen))


def report_outcome(
    engine: Engine,
    mission_key: str,
    org_key: str,
    *,
    kind: OutcomeKind | str,
    partners: Sequence[str],
    amount: Decimal | str | int | None = None,
    currency: str | None = None,
    on: date | str | None = None,
    note: str = "",
    actor: str,
    supersedes: int | None = None,
) -> Outcome:
    """Record an outcome ``org_key`` reports from its meeting(s) with ``partners``;
    with ``supersedes``, it corrects that earlier record of the same organisation."""
    chosen = kind if isinstance(kind, OutcomeKind) else outcome_kind(str(kind))
    value, code = parse_amount(amount), parse_currency(currency)
    check_amount(chosen, value, code)
    with unit_of_work(engine) as uow:
        met = met_partners(uow, mission_key, org_key)
        first = uow.missions.mission(mission_key).first_day()
        record = Outcome(
            mission_key,
            org_key,
            chosen,
            _partners(partners, met),
            value,
            code,
            parse_day(on, first),
            _note(note),
            actor,
            _now(),
            supersedes=supersedes,
        )
        if supersedes is not None:
            _check_supersedes(uow, record)
        return uow.outcomes.add_outcome(record)


def _check_supersedes(uow: Stores, record: Outcome) -> None:
    """A correction replaces a record in force of the same mission and reporter."""
    target = record.supersedes
    records = uow.outcomes.outcomes(record.mission_key, record.org_key)
    if target not in {r.id for r in records}:
        raise InvalidInput(
            "not an outcome this organisation reported in this mission",
            field="supersedes",
            value=target,
        )
    if target not in {r.id for r in current(records)}:
        raise Conflict(f"outcome {target} was already corrected or withdrawn")


def withdraw_outcome(
    engine: Engine, mission_key: str, org_key: str, outcome_id: int, *, note: str, actor: str
) -> Outcome:
    """Withdraw an outcome reported by mistake: a superseding record marked withdrawn
    (the reason in ``note`` is required; the original stays in the trail)."""
    reason = _note(note)
    if reason == "":
        raise InvalidInput("say why it is withdrawn", field="note", value="")
    with unit_of_work(engine) as uow:
        met_partners(uow, mission_key, org_key)
        old = uow.outcomes.outcome(outcome_id)
        record = Outcome(
            mission_key,
            org_key,
            old.kind,
            old.partners,
            old.amount,
            old.currency,
            old.on,
            reason,
            actor,
            _now(),
            supersedes=outcome_id,
            withdrawn=True,
        )
        _check_supersedes(uow, record)
        return uow.outcomes.add_outcome(record)


def current(records: Sequence[Outcome]) -> list[Outcome]:
    """The outcomes in force: neither superseded by a later record nor withdrawn."""
    replaced = {r.supersedes for r in records if r.supersedes is not None}
    return [r for r in records if r.id not in replaced and not r.withdrawn]


def latest_feedback(records: Sequence[Feedback]) -> list[Feedback]:
    """The feedback in force: the newest per (reporter, partner), in partner order."""
    newest: dict[tuple[str, str], Feedback] = {}
    for r in sorted(records, key=lambda f: f.id):
        newest[(r.org_key, r.partner_key)] = r
    return sorted(newest.values(), key=lambda f: (f.org_key, f.partner_key))


def feedback_of(engine: Engine, mission_key: str, org_key: str) -> list[Feedback]:
    """An organisation's feedback in force, one per partner it reported on."""
    with read_only(engine) as uow:
        met_partners(uow, mission_key, org_key)
        return latest_feedback(uow.outcomes.feedback(mission_key, org_key))


def outcomes_of(engine: Engine, mission_key: str, org_key: str) -> list[Outcome]:
    """An organisation's outcomes in force, oldest first."""
    with read_only(engine) as uow:
        met_partners(uow, mission_key, org_key)
        return current(uow.outcomes.outcomes(mission_key, org_key))


def trail(engine: Engine, mission_key: str) -> tuple[list[Feedback], list[Outcome]]:
    """Every feedback and outcome record of a mission, superseded ones included."""
    with read_only(engine) as uow:
        uow.missions.mission(mission_key)
        return uow.outcomes.feedback(mission_key), uow.outcomes.outcomes(mission_key)


def feedback_in_force(
    engine: Engine, mission_key: str, org_key: str | None = None
) -> list[Feedback]:
    """The mission's feedback in force (or one reporter's), by reporter and partner."""
    if org_key is not None:
        return feedback_of(engine, mission_key, org_key)
    with read_only(engine) as uow:
        uow.missions.mission(mission_key)
        return latest_feedback(uow.outcomes.feedback(mission_key))


def outcomes_in_force(
    engine: Engine, mission_key: str, org_key: str | None = None
) -> list[Outcome]:
    """The mission's outcomes in force (or one reporter's), oldest first."""
    if org_key is not None:
        return outcomes_of(engine, mission_key, org_key)
    with read_only(engine) as uow:
        uow.missions.mission(mission_key)
        return current(uow.outcomes.outcomes(mission_key))


def reporters(engine: Engine, mission_key: str, lang: str = "en") -> list[tuple[str, str]]:
    """Every organisation with a meeting in the published schedule, as (key, name) in
    the reader's language, by name: whom feedback and outcomes can be recorded for."""
    with read_only(engine) as uow:
        uow.missions.mission(mission_key)
        published = uow.schedules.published(mission_key)
        keys = sorted({k for m in (published[1] if published else []) for k in (m.org_a, m.org_b)})
        orgs = uow.registry.organisations(keys=keys)
    return sorted(((o.key, o.display(lang)) for o in orgs), key=lambda t: (t[1].casefold(), t[0]))


def partners_met(
    engine: Engine, mission_key: str, org_key: str, lang: str = "en"
) -> list[tuple[str, str]]:
    """The partners ``org_key`` met, as (key, name) in the reader's language: the
    choices of one organisation's feedback and outcome forms."""
    with read_only(engine) as uow:
        met = met_partners(uow, mission_key, org_key)
        orgs = uow.registry.organisations(keys=sorted(met))
    return sorted(((o.key, o.display(lang)) for o in orgs), key=lambda t: (t[1].casefold(), t[0]))


def record_batch(
    engine: Engine, mission_key: str, feedback: Sequence[Feedback], outcomes: Sequence[Outcome]
) -> None:
    """Record many built records in one transaction, all or nothing, checked by the
    rules one record at a time is (a file of them, or the demo's scenario); the
    published schedule is read once rather than per record."""
    with unit_of_work(engine) as uow:
        first = uow.missions.mission(mission_key).first_day()
        participants = set(uow.missions.participants(mission_key))
        published = uow.schedules.published(mission_key)
        pairs = {frozenset((m.org_a, m.org_b)) for m in (published[1] if published else [])}
        for f in feedback:
            check_rating(f.rating)
            if f.org_key not in participants:
                raise NotFound("participant", f.org_key)
            if f.mission_key != mission_key or f.pair not in pairs:
                _check_partner(set(), f.partner_key, "partner")
            uow.outcomes.add_feedback(f)
        for o in outcomes:
            check_amount(o.kind, o.amount, parse_currency(o.currency))
            if o.org_key not in participants:
                raise NotFound("participant", o.org_key)
            if o.mission_key != mission_key or not set(o.pairs) <= pairs or len(o.pairs) == 0:
                _check_partner(set(), ",".join(o.partners), "partners")
            parse_day(o.on, first)
            uow.outcomes.add_outcome(o)
