"""Roll call: an organiser asks the delegates on the ground to say they are safe.

A roll call covers the mission's delegates who are somewhere that day (their
whereabouts), or, for an alert, those the alert touched. Each gets a personal link —
a random 256-bit token e-mailed once and stored only as its SHA-256, like an
invitation — that opens a page where one click answers "safe" or "need help" (with
an optional note and location). The duty view lists who has not answered with their
last known place and their organisation's lead (its first listed person), who is
safe and who needs help. A reminder re-sends a fresh link to those who have not
answered (the old link stops working).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.parties import Person
from corridor.core.safety import Answer, RollCall, RollCallEntry, Whereabouts
from corridor.exc import CorridorError, InvalidInput
from corridor.locale import gettext_for
from corridor.reports.outcomes import Cell, Sheet
from corridor.reports.rollcall import rollcall_pdf
from corridor.services import mailer
from corridor.services.mailer import Letter, Smtp
from corridor.services.outcome_exports import write_xlsx
from corridor.services.safety_letters import LANGS, reader_lang
from corridor.services.uow import read_only, unit_of_work
from corridor.services.users import digest

PREFIX = "/safe/"


class LinkClosed(CorridorError):
    """A roll-call link that opens nothing (unknown, replaced or the call is closed)."""


@dataclass(frozen=True, slots=True)
class Link:
    """A delegate's new link: the token exists only here and in the e-mail."""

    person_key: str
    token: str

    def url(self, base: str) -> str:
        """The full address on the site at ``base``."""
        return base.rstrip("/") + PREFIX + self.token


@dataclass(frozen=True, slots=True)
class DutyRow:
    """One delegate in the duty view."""

    person: Person
    entry: RollCallEntry
    org_name: str
    last_place: str
    lead: Person | None


@dataclass(frozen=True, slots=True)
class Duty:
    """A roll call as the organisers read it: unanswered, safe, need help."""

    call: RollCall
    unanswered: tuple[DutyRow, ...]
    safe: tuple[DutyRow, ...]
    need_help: tuple[DutyRow, ...]


def _covered(where: Sequence[Whereabouts], day: date, touched: set[str] | None) -> list[str]:
    people = {w.person_key for w in where if w.day == day}
    return sorted(people if touched is None else people & touched)


def start(
    engine: Engine,
    mission_key: str,
    *,
    actor: str,
    now: datetime,
    day: date,
    note: str = "",
    alert_key: str | None = None,
) -> tuple[RollCall, list[Link]]:
    """Start a roll call of the delegates on the ground on ``day`` (or those an alert
    touched); returns it with each delegate's new link."""
    with unit_of_work(engine) as uow:
        uow.missions.mission(mission_key)
        touched = None
        if alert_key is not None:
            touched = {n.person_key for n in uow.safety.notices(alert_key, mission_key)}
        people = _covered(uow.safety.whereabouts(mission_key), day, touched)
        if len(people) == 0:
            raise InvalidInput(
                "no delegate is known to be on the ground that day", field="day", value=day
            )
        links = [Link(p, secrets.token_urlsafe(32)) for p in people]
        call = RollCall(mission_key, actor, now, note, alert_key)
        stored = uow.roll_calls.start_roll_call(
            call, [(k.person_key, digest(k.token)) for k in links]
        )
    return stored, links


def letters(engine: Engine, links: Sequence[Link], *, base: str, mission_name: str) -> list[Letter]:
    """The roll-call e-mail of each link whose delegate has an address."""
    out = []
    with read_only(engine) as uow:
        for link in links:
            person = uow.registry.person(link.person_key)
            if person.email:
                out.append(_letter(person, link.url(base), mission_name))
    return out


def _letter(person: Person, url: str, mission_name: str) -> Letter:
    lang = reader_lang(person.languages)
    _ = gettext_for(lang)
    lines = [
        _("Dear {name},").format(name=person.display(lang)),
        "",
        _("The organisers of {mission} ask every delegate to say whether they are safe.").format(
            mission=mission_name
        ),
        _("Open your personal link and answer with one click (safe, or need help):"),
        url,
        "",
        _("Please do not forward this e-mail: the link answers in your name."),
    ]
    subject = _("Roll call: are you safe?")
    return Letter(str(person.email), f"[Corridor] {subject}", "\n".join(lines), lang=lang)


def send(smtp: Smtp, out: Sequence[Letter]) -> int:
    """Deliver roll-call letters; returns how many the relay accepted."""
    return mailer.send(smtp, out)


def peek(engine: Engine, token: str) -> tuple[RollCallEntry, Person, RollCall]:
    """What a link opens: the entry, the delegate and the roll call."""
    with read_only(engine) as uow:
        entry = uow.roll_calls.entry_by_digest(digest(token))
        if entry is None:
            raise LinkClosed("this roll-call link is unknown or was replaced")
        call = uow.roll_calls.roll_call(entry.roll_call_id)
        return entry, uow.registry.person(entry.person_key), call


def answer(
    engine: Engine,
    token: str,
    value: str,
    *,
    note: str = "",
    location: str = "",
    now: datetime,
) -> RollCallEntry:
    """Record a delegate's answer (safe or need_help); it may be changed until closed."""
    try:
        chosen = Answer(value)
    except ValueError as err:
        raise InvalidInput("answer is safe or need_help", field="answer", value=value) from err
    for name, text, limit in (("note", note, 2000), ("location", location, 200)):
        if len(text) > limit:
            raise InvalidInput(f"longer than {limit} characters", field=name, value=text[:40])
    with unit_of_work(engine) as uow:
        entry = uow.roll_calls.entry_by_digest(digest(token))
        if entry is None:
            raise LinkClosed("this roll-call link is unknown or was replaced")
        if uow.roll_calls.roll_call(entry.roll_call_id).closed_at is not None:
            raise LinkClosed("this roll call is closed")
        uow.roll_calls.answer(digest(token), chosen, note.strip(), location.strip(), now)
        found = uow.roll_calls.entry_by_digest(digest(token))
    assert found is not None
    return found


def remind(engine: Engine, roll_call_id: int, *, now: datetime) -> list[Link]:
    """New links for those who have not answered (their old links stop working)."""
    with unit_of_work(engine) as uow:
        waiting = [e for e in uow.roll_calls.entries(roll_call_id) if e.answer is None]
        links = [Link(e.person_key, secrets.token_urlsafe(32)) for e in waiting]
        for link in links:
            uow.roll_calls.replace_digest(roll_call_id, link.person_key, digest(link.token), now)
    return links


def roll_calls(engine: Engine, mission_key: str) -> list[RollCall]:
    """A mission's roll calls, newest first."""
    with read_only(engine) as uow:
        return uow.roll_calls.roll_calls(mission_key)


def _last_place(where: Sequence[Whereabouts], person: str, day: date) -> str:
    mine = [w for w in where if w.person_key == person]
    before = [w for w in mine if w.day <= day] or mine
    return "" if len(before) == 0 else max(before, key=lambda w: w.day).place.name


def duty(engine: Engine, roll_call_id: int, lang: str) -> Duty:
    """The roll call as organisers read it (location data: staff only)."""
    with read_only(engine) as uow:
        call = uow.roll_calls.roll_call(roll_call_id)
        where = uow.safety.whereabouts(call.mission_key)
        day = call.started_at.date()
        rows = []
        for entry in uow.roll_calls.entries(roll_call_id):
            person = uow.registry.person(entry.person_key)
            org = uow.registry.organisation(person.org_key)
            colleagues = uow.registry.people(org_key=person.org_key)
            lead = min(colleagues, key=lambda p: p.key) if colleagues else None
            place = entry.location or _last_place(where, person.key, day)
            rows.append(DutyRow(person, entry, org.display(lang), place, lead))
    return Duty(
        call,
        tuple(r for r in rows if r.entry.answer is None),
        tuple(r for r in rows if r.entry.answer is Answer.SAFE),
        tuple(r for r in rows if r.entry.answer is Answer.NEED_HELP),
    )


def _sheets(d: Duty, lang: str) -> list[Sheet]:
    _ = gettext_for(lang)
    header = (
        _("Name"),
        _("Organisation"),
        _("Answer"),
        _("Note"),
        _("Last known place"),
        _("Organisation lead"),
        _("E-mail"),
        _("Answered at (UTC)"),
    )
    answers = {Answer.SAFE: _("Safe"), Answer.NEED_HELP: _("Needs help"), None: _("No answer")}

    def row(r: DutyRow) -> tuple[Cell, ...]:
        at = r.entry.answered_at
        lead = "" if r.lead is None else r.lead.display(lang)
        return (
            r.person.display(lang),
            r.org_name,
            answers[r.entry.answer],
            r.entry.note,
            r.last_place,
            lead,
            r.person.email or "",
            "" if at is None else at.strftime("%Y-%m-%d %H:%M"),
        )

    return [
        Sheet(_("Need help"), header, tuple(row(r) for r in d.need_help)),
        Sheet(_("Not answered"), header, tuple(row(r) for r in d.unanswered)),
        Sheet(_("Safe"), header, tuple(row(r) for r in d.safe)),
    ]


def export_roll_call(
    engine: Engine, roll_call_id: int, path: Path, lang: str, *, now: datetime
) -> Path:
    """Write a roll call for the consulate as ``.xlsx`` or ``.pdf`` in ``lang``."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "pdf"):
        raise InvalidInput("one of xlsx, pdf", field="format", value=fmt)
    if lang not in LANGS:
        raise InvalidInput(f"one of {', '.join(LANGS)}", field="lang", value=lang)
    d = duty(engine, roll_call_id, lang)
    sheets = _sheets(d, lang)
    if fmt == "xlsx":
        return write_xlsx(sheets, path)
    _ = gettext_for(lang)
    with read_only(engine) as uow:
        mission_name = uow.missions.mission(d.call.mission_key).name
    title = _("Roll call") + f": {mission_name}"
    subtitle = _("Started {at} UTC by {who}").format(
        at=d.call.started_at.strftime("%Y-%m-%d %H:%M"), who=d.call.started_by
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(rollcall_pdf(title, subtitle, sheets, lang, now))
    return path
