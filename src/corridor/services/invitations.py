"""Invitations: each delegate's personal link into the participant portal.

A link is a random 256-bit token shown once (in the e-mail or on the printed sheet)
and stored only as its SHA-256, like an API token. It is single-purpose (it signs
one delegate in as a participant of one organisation of one mission), expires,
can be revoked, and opens once: opening it starts a participant session and uses it
up. Re-sending issues a new link and ends the old one. A held organisation is not
invited (``admitted``).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import segno
from sqlalchemy import Engine

from corridor.core.parties import Organization, Person
from corridor.core.vocab import country_language
from corridor.exc import Conflict, CorridorError, InvalidInput, NotFound
from corridor.registry import validate
from corridor.services.admission import admission
from corridor.services.uow import Stores, read_only, unit_of_work
from corridor.services.users import SignedIn, digest, participant_of
from corridor.store.base import StoredInvitation

INVITATION_DAYS = 14
"""Days a link stays valid unless the caller says otherwise (CORRIDOR_INVITATION_DAYS)."""
PARTICIPANT_SESSION_DAYS = 30
"""Days a delegate stays signed in after opening the link (the link opens only once)."""
LANGS = ("ko", "zh", "en")
PREFIX = "/invite/"


class InvitationClosed(CorridorError):
    """An invitation link that opens nothing: ``reason`` is unknown, used, revoked or
    expired; ``lang`` is the invitation's language when the link is known."""

    def __init__(self, reason: str, lang: str | None = None) -> None:
        self.reason = reason
        self.lang = lang
        super().__init__(f"this invitation link is {reason}")


@dataclass(frozen=True, slots=True)
class Issued:
    """A new invitation and its link's token, which exists only here and in what is sent."""

    invitation: StoredInvitation
    token: str

    def link(self, base: str) -> str:
        """The full address of the link on the site at ``base``."""
        return base.rstrip("/") + PREFIX + self.token


@dataclass(slots=True)
class InviteReport:
    """What inviting a whole mission did: links issued, and who was left out and why."""

    issued: list[Issued] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (who, reason)


def state_of(invitation: StoredInvitation, now: datetime | None = None) -> str:
    """live, used, revoked, replaced or expired."""
    when = _naive(now)
    if invitation.replaced_by is not None:
        return "replaced"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.used_at is not None:
        return "used"
    return "expired" if invitation.expires_at <= when else "live"


def _naive(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)


def _aware(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def held_organisations(engine: Engine, mission_key: str) -> set[str]:
    """Participants that may not be invited: blocked ones, and under the mission's
    ``hold`` policy those screening holds (services/admission.py)."""
    found = admission(engine, mission_key)
    return set(found.participants) - set(found.admitted)


def language_of(person: Person | None, org: Organization) -> str:
    """A delegate's language: the first of theirs the portal speaks, else the country's."""
    for lang in person.languages if person is not None else ():
        if lang in LANGS:
            return lang
    found = country_language(org.country)
    return found if found in LANGS else "en"


def _check_lang(lang: str | None) -> str | None:
    if lang is not None and lang not in LANGS:
        raise InvalidInput(f"language must be one of {', '.join(LANGS)}", field="lang", value=lang)
    return lang


def _check_days(days: int) -> int:
    if not 1 <= days <= 365:
        raise InvalidInput("an invitation lasts 1 to 365 days", field="days", value=days)
    return days


def _participant(uow: Stores, mission_key: str, org_key: str) -> Organization:
    uow.missions.mission(mission_key)
    if org_key not in uow.missions.participants(mission_key):
        raise NotFound("participant of " + mission_key, org_key)
    return uow.registry.organisation(org_key)


def _issue(
    uow: Stores,
    *,
    mission_key: str,
    org: Organization,
    person: Person | None,
    email: str | None,
    lang: str | None,
    actor: str,
    days: int,
    now: datetime | None,
    previous: Sequence[StoredInvitation] | None = None,
) -> Issued:
    """Record a new link; a live or unused earlier link of the same delegate ends
    (``previous``: the mission's invitations, when the caller has read them already)."""
    chosen = lang or language_of(person, org)
    token = secrets.token_urlsafe(32)
    when = _aware(now)
    name = person.display(chosen) if person is not None else (email or org.display(chosen))
    invitation = uow.portal.add_invitation(
        mission_key=mission_key,
        org_key=org.key,
        person_key=None if person is None else person.key,
        email=email,
        name=name,
        lang=chosen,
        token_hash=digest(token),
        actor=actor,
        at=when,
        expires=when + timedelta(days=days),
    )
    earlier = uow.portal.invitations(mission_key) if previous is None else previous
    for old in earlier:
        same = (person is not None and old.person_key == person.key) or (
            person is None and old.person_key is None and old.email == email
        )
        if same and old.id != invitation.id and old.org_key == org.key and old.revoked_at is None:
            uow.portal.revoke_invitation(old.id, when, replaced_by=invitation.id)
    return Issued(invitation, token)


def invite(
    engine: Engine,
    mission_key: str,
    *,
    actor: str,
    person_key: str | None = None,
    org_key: str | None = None,
    email: str | None = None,
    lang: str | None = None,
    days: int = INVITATION_DAYS,
    now: datetime | None = None,
) -> Issued:
    """Invite one delegate: a person of the registry (``person_key``; their e-mail
    unless ``email`` is given) or a typed ``email`` for ``org_key``. Conflict for a
    held organisation; an earlier link of the same delegate ends."""
    _check_lang(lang)
    _check_days(days)
    address = None if email is None or email.strip() == "" else _email(email)
    with unit_of_work(engine) as uow:
        person = None if person_key is None else uow.registry.person(person_key)
        if person is None and (org_key is None or address is None):
            raise InvalidInput("name a delegate, or an organisation and an e-mail", field="person")
        target = person.org_key if person is not None else str(org_key)
        if person is not None and org_key is not None and org_key != target:
            raise InvalidInput("the delegate belongs to another organisation", field="org")
        org = _participant(uow, mission_key, target)
    if target in held_organisations(engine, mission_key):
        raise Conflict(f"{target} is held by screening and cannot be invited")
    with unit_of_work(engine) as uow:
        return _issue(
            uow,
            mission_key=mission_key,
            org=org,
            person=person,
            email=address or (None if person is None else person.email),
            lang=lang,
            actor=actor,
            days=days,
            now=now,
        )


def _email(value: str) -> str:
    try:
        return validate.email(value)
    except ValueError as err:
        raise InvalidInput(str(err), field="email", value=value) from None


def invite_mission(
    engine: Engine,
    mission_key: str,
    *,
    actor: str,
    org_key: str | None = None,
    again: bool = False,
    days: int = INVITATION_DAYS,
    now: datetime | None = None,
) -> InviteReport:
    """Invite every delegate of a mission (or of one of its organisations) at once.

    Delegates who already hold a live link or have opened theirs are left alone
    unless ``again`` (which issues new links, ending the old and any session they
    opened: what a printed sheet needs). Held
    organisations and organisations without a registered delegate are skipped."""
    _check_days(days)
    held = held_organisations(engine, mission_key)
    report = InviteReport()
    with unit_of_work(engine) as uow:
        uow.missions.mission(mission_key)
        keys = uow.missions.participants(mission_key)
        if org_key is not None and org_key not in keys:
            raise NotFound("participant of " + mission_key, org_key)
        previous = uow.portal.invitations(mission_key)
        holding = {"live", "used"}  # a delegate who signed in keeps their session
        live = {i.person_key for i in previous if state_of(i, now) in holding and i.person_key}
        people: dict[str, list[Person]] = {}
        for p in uow.registry.people():
            people.setdefault(p.org_key, []).append(p)
        for org in uow.registry.organisations(keys=[org_key] if org_key else keys):
            if org.key in held:
                report.skipped.append((org.key, "held by screening"))
                continue
            if len(people.get(org.key, [])) == 0:
                report.skipped.append((org.key, "no delegate registered"))
                continue
            for person in people[org.key]:
                if person.key in live and not again:
                    report.skipped.append((person.key, "already invited"))
                    continue
                report.issued.append(
                    _issue(
                        uow,
                        mission_key=mission_key,
                        org=org,
                        person=person,
                        email=person.email,
                        lang=None,
                        actor=actor,
                        days=days,
                        now=now,
                        previous=previous,
                    )
                )
    return report


def invitations(engine: Engine, mission_key: str) -> list[StoredInvitation]:
    """Every invitation of a mission (never a link), oldest first."""
    with read_only(engine) as uow:
        uow.missions.mission(mission_key)
        return uow.portal.invitations(mission_key)


def _of_mission(uow: Stores, mission_key: str, invitation_id: int) -> StoredInvitation:
    found = uow.portal.invitation(invitation_id)
    if found.mission_key != mission_key:
        raise NotFound("invitation of " + mission_key, str(invitation_id))
    return found


def revoke(
    engine: Engine, mission_key: str, invitation_id: int, *, now: datetime | None = None
) -> StoredInvitation:
    """End an invitation: its link opens nothing, and a delegate it signed in is out."""
    with unit_of_work(engine) as uow:
        _of_mission(uow, mission_key, invitation_id)
        uow.portal.revoke_invitation(invitation_id, _aware(now))
        return uow.portal.invitation(invitation_id)


def resend(
    engine: Engine,
    mission_key: str,
    invitation_id: int,
    *,
    actor: str,
    days: int = INVITATION_DAYS,
    now: datetime | None = None,
) -> Issued:
    """A new link for the same delegate (same language and address); the old one ends."""
    _check_days(days)
    with read_only(engine) as uow:
        old = _of_mission(uow, mission_key, invitation_id)
    if old.org_key in held_organisations(engine, mission_key):
        raise Conflict(f"{old.org_key} is held by screening and cannot be invited")
    with unit_of_work(engine) as uow:
        org = _participant(uow, mission_key, old.org_key)
        person = None if old.person_key is None else uow.registry.person(old.person_key)
        issued = _issue(
            uow,
            mission_key=mission_key,
            org=org,
            person=person,
            email=old.email,
            lang=old.lang,
            actor=actor,
            days=days,
            now=now,
        )
        if old.revoked_at is None:
            uow.portal.revoke_invitation(old.id, _aware(now), replaced_by=issued.invitation.id)
    return issued


def mark_sent(engine: Engine, invitation_ids: Sequence[int], now: datetime | None = None) -> None:
    """Record that these links left by e-mail."""
    with unit_of_work(engine) as uow:
        for invitation_id in invitation_ids:
            uow.portal.mark_sent(invitation_id, _aware(now))


def peek(engine: Engine, token: str, now: datetime | None = None) -> StoredInvitation:
    """The invitation a link names, if it would open; InvitationClosed otherwise."""
    with read_only(engine) as uow:
        found = uow.portal.invitation_by_hash(digest(token))
    if found is None:
        raise InvitationClosed("unknown")
    state = state_of(found, now)
    if state != "live":
        raise InvitationClosed("revoked" if state == "replaced" else state, found.lang)
    return found


def open_invitation(engine: Engine, token: str, now: datetime | None = None) -> SignedIn:
    """Open a link: a participant session starts and the link is used up.

    InvitationClosed (with the reason and the invitation's language) for a link that
    is unknown, used, revoked, replaced by a re-send, or expired."""
    when = _aware(now)
    with unit_of_work(engine) as uow:
        found = uow.portal.invitation_by_hash(digest(token))
        if found is None:
            raise InvitationClosed("unknown")
        state = state_of(found, when)
        if state != "live":
            raise InvitationClosed("revoked" if state == "replaced" else state, found.lang)
        uow.portal.use_invitation(found.id, when)
        session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        expires = when + timedelta(days=PARTICIPANT_SESSION_DAYS)
        uow.portal.add_participant_session(digest(session_id), found.id, csrf, when, expires)
    return SignedIn(session_id, csrf, participant_of(found))


def qr_svg(text: str) -> str:
    """A QR code of ``text`` as an inline SVG element (for the printed sheet)."""
    return str(segno.make(text, error="m").svg_inline(scale=3, omitsize=False))
