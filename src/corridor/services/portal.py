"""What a delegate does in the portal, always inside their own scope.

Every function takes the acting ``Principal`` and works on its mission and
organisation only (``scope``): a participant cannot name another organisation, and a
meeting, dossier or partner outside their own is NotFound, exactly as if it did not
exist. Nothing here returns screening status, hits, reasons, another organisation's
contact details or the organiser's notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.mission import MeetingRequest, Mission, RequestOrigin
from corridor.core.parties import Organization
from corridor.exc import Forbidden, InvalidInput, NotFound
from corridor.services import agenda_files, dossiers
from corridor.services.portal_recs import mission_recommendations
from corridor.services.schedule_views import lookup
from corridor.services.uow import read_only, unit_of_work
from corridor.services.users import Principal, Role
from corridor.store.base import Response

RESPONSES = ("accept", "decline")


@dataclass(frozen=True, slots=True)
class Scope:
    """A participant's mission and organisation."""

    mission_key: str
    org_key: str
    person_key: str | None
    actor: str


def scope(who: Principal) -> Scope:
    """The participant's scope; Forbidden for anyone without one."""
    if Role.PARTICIPANT not in who.roles or who.mission_key is None or who.org_key is None:
        raise Forbidden("the portal is for invited participants")
    actor = f"participant:{who.org_key}:{who.person_key or who.invitation_id}"
    return Scope(who.mission_key, who.org_key, who.person_key, actor)


@dataclass(frozen=True, slots=True)
class Home:
    """The portal's front page: the mission, the organisation, and what is next."""

    mission: Mission
    org: Organization
    published: bool
    meetings: int
    open_recommendations: int


def home(engine: Engine, who: Principal, lang: str) -> Home:
    """The mission, the delegate's organisation, and counts for the next steps."""
    s = scope(who)
    with read_only(engine) as uow:
        mission = uow.missions.mission(s.mission_key)
        org = uow.registry.organisation(s.org_key)
        published = uow.schedules.published(s.mission_key)
    meetings = [] if published is None else published[1]
    mine = [m for m in meetings if s.org_key in m.parties]
    answered = {r.partner_key for r in _latest(engine, s.mission_key) if r.org_key == s.org_key}
    open_recs = [r for r in recommendations(engine, who, lang) if r.partner not in answered]
    return Home(mission, org, published is not None, len(mine), len(open_recs))


# --- recommendations and responses --------------------------------------------------


@dataclass(frozen=True, slots=True)
class PortalRecommendation:
    """A recommended partner as a participant sees it: no score internals, no screening."""

    partner: str
    partner_name: str
    country: str
    kind: str
    sectors: tuple[str, ...]
    explanation: str
    response: str | None  # this organisation's own answer
    mutual: bool  # both sides accepted: a meeting request exists


def _latest(engine: Engine, mission_key: str) -> list[Response]:
    """Each (organisation, partner)'s newest response."""
    with read_only(engine) as uow:
        rows = uow.portal.responses(mission_key)
    latest: dict[tuple[str, str], Response] = {}
    for r in rows:
        latest[(r.org_key, r.partner_key)] = r
    return list(latest.values())


def responses_of_mission(engine: Engine, mission_key: str) -> dict[tuple[str, str], str]:
    """Every (organisation, partner) → its newest answer: the organiser's view."""
    return {(r.org_key, r.partner_key): r.response for r in _latest(engine, mission_key)}


def recommendations(engine: Engine, who: Principal, lang: str) -> list[PortalRecommendation]:
    """The delegate's recommended partners, best first, explained in ``lang``."""
    s = scope(who)
    recs = mission_recommendations(engine, s.mission_key, lang).get(s.org_key, [])
    answers = responses_of_mission(engine, s.mission_key)
    with read_only(engine) as uow:
        partners = {o.key: o for o in uow.registry.organisations(keys=[r.partner for r in recs])}
    out = []
    for r in recs:
        partner = partners[r.partner]
        mine, theirs = answers.get((s.org_key, r.partner)), answers.get((r.partner, s.org_key))
        out.append(
            PortalRecommendation(
                r.partner,
                r.partner_name,
                partner.country,
                partner.kind.value,
                partner.sectors,
                r.explanation,
                mine,
                mine == "accept" and theirs == "accept",
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Answered:
    """What an answer did: recorded, and whether it made a mutual meeting request."""

    partner: str
    response: str
    mutual: bool


def respond(
    engine: Engine,
    who: Principal,
    partner: str,
    response: str,
    *,
    lang: str = "en",
    now: datetime | None = None,
) -> Answered:
    """Accept or decline one recommended partner. When both sides have accepted, the
    pair becomes a mutual meeting request (origin: participant); scheduling and
    publishing stay with the organiser. NotFound for a partner not recommended now."""
    s = scope(who)
    if response not in RESPONSES:
        raise InvalidInput("answer accept or decline", field="response", value=response)
    recs = mission_recommendations(engine, s.mission_key, lang).get(s.org_key, [])
    found = next((r for r in recs if r.partner == partner), None)
    if found is None:
        raise NotFound("recommended partner", partner)
    when = now or datetime.now(UTC)
    theirs = responses_of_mission(engine, s.mission_key).get((partner, s.org_key))
    mutual = response == "accept" and theirs == "accept"
    with unit_of_work(engine) as uow:
        uow.portal.add_response(
            Response(s.mission_key, s.org_key, partner, response, s.actor, when)
        )
        if mutual:
            existing = {(r.requester, r.target) for r in uow.missions.requests(s.mission_key)}
            interest = 3 if found.value >= 0.6 else 2 if found.value >= 0.4 else 1
            note = "Both sides accepted this recommendation in the participant portal."
            new = [
                MeetingRequest(a, b, interest, note, RequestOrigin.PARTICIPANT)
                for a, b in ((s.org_key, partner), (partner, s.org_key))
                if (a, b) not in existing
            ]
            uow.missions.upsert_requests(s.mission_key, new)
    return Answered(partner, response, mutual)


# --- agenda and dossiers --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PortalMeeting:
    """One of the delegate's meetings: when, where, with whom (no organiser notes)."""

    id: int
    start: datetime
    end: datetime
    table: str
    partner: str  # the first other party (its dossier link); partner_name names them all
    partner_name: str
    interpreter: str | None


def meetings(engine: Engine, who: Principal, lang: str) -> list[PortalMeeting] | None:
    """The delegate's meetings in the published schedule, in time order (times in the
    mission's zone); None while nothing is published."""
    s = scope(who)
    with read_only(engine) as uow:
        found = uow.schedules.published_id(s.mission_key)
        row = None if found is None else uow.schedules.get(found, s.mission_key)
    if row is None:
        return None
    view = lookup(engine, s.mission_key, lang)
    slots = view.slots()
    tables = {t.key: t.name for t in view.mission.tables}
    interpreters = {x.key: x.name for x in view.mission.interpreters}
    out = []
    for meeting_id, m in zip(row.meeting_ids, row.meetings, strict=True):
        if s.org_key not in m.parties:
            continue
        others = [o for o in m.parties if o != s.org_key]  # a group meeting has several
        slot = slots[m.slot]
        interpreter = None if m.interpreter is None else interpreters.get(m.interpreter)
        out.append(
            PortalMeeting(
                meeting_id,
                slot.start,
                slot.end,
                tables.get(m.table, m.table),
                others[0],
                ", ".join(view.name(o) for o in others),
                interpreter,
            )
        )
    return sorted(out, key=lambda p: (p.start, p.partner))


def agenda_file(engine: Engine, who: Principal, fmt: str, lang: str) -> agenda_files.Download:
    """The delegate's own agenda as html, pdf or ics."""
    s = scope(who)
    return agenda_files.agenda_file(
        engine, s.mission_key, s.org_key, fmt, lang, person_key=s.person_key
    )


def dossier(
    engine: Engine, who: Principal, meeting_id: int, *, index_dir: Path, lang: str, pdf: bool
) -> dossiers.Dossier:
    """The participant edition of one of the delegate's own meetings, in ``lang``;
    NotFound for any other meeting."""
    mine = meetings(engine, who, lang) or []
    if meeting_id not in {m.id for m in mine}:
        raise NotFound("meeting", str(meeting_id))
    s = scope(who)
    return dossiers.dossier_for_meeting(
        engine,
        s.mission_key,
        meeting_id,
        index_dir=index_dir,
        lang=lang,
        edition="participant",
        pdf=pdf,
    )
