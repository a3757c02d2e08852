"""``/api/v1/missions/{key}/invitations``: the organiser's invitations as a script sees
them: invite one delegate or all, list, revoke, re-send.

A new link is returned in the response only when it was not e-mailed (the script
then delivers it); the database keeps its digest, so it is never shown again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from corridor.services import invitations, registry
from corridor.services.invitations import Issued
from corridor.web.api.common import AUTH, BAD_INPUT, NOT_FOUND
from corridor.web.deps import CurrentUser, EngineDep
from corridor.web.mail import deliver
from corridor.web.pages.invitations import base_of, days_of

router = APIRouter(prefix="/missions", tags=["invitations"])
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "the organisation is held by screening"}
}


class InvitationCreate(BaseModel):
    """One delegate: a person of the registry, or an organisation and an address."""

    person_key: str | None = Field(default=None, max_length=80)
    org_key: str | None = Field(default=None, max_length=80)
    email: str | None = Field(default=None, max_length=320)
    lang: Literal["ko", "zh", "en"] | None = None
    send: bool = True


class InvitationPublic(BaseModel):
    """An invitation's record; ``link`` only in the answer that issued it, unsent."""

    id: int
    mission_key: str
    org_key: str
    person_key: str | None
    email: str | None
    name: str
    lang: str
    state: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    sent_at: datetime | None
    link: str | None = None


class InvitationsPublic(BaseModel):
    """Invitations, oldest first."""

    data: list[InvitationPublic]
    count: int


class InviteAll(BaseModel):
    """Invite every delegate of the mission who holds no live link."""

    send: bool = True


class InviteReportPublic(BaseModel):
    """Links issued, and who was left out and why."""

    data: list[InvitationPublic]
    count: int
    skipped: list[tuple[str, str]]


class Resend(BaseModel):
    """Issue a new link for the same delegate."""

    send: bool = True


def public(found: Any, link: str | None = None) -> InvitationPublic:
    """An invitation record as the API shows it."""
    return InvitationPublic(
        id=found.id,
        mission_key=found.mission_key,
        org_key=found.org_key,
        person_key=found.person_key,
        email=found.email,
        name=found.name,
        lang=found.lang,
        state=invitations.state_of(found),
        created_at=found.created_at,
        expires_at=found.expires_at,
        used_at=found.used_at,
        sent_at=found.sent_at,
        link=link,
    )


async def _issued(
    request: Request, engine: Any, key: str, issued: list[Issued], send: bool
) -> list[InvitationPublic]:
    """E-mail the new links if asked (and possible); the others carry their link."""
    base = base_of(request)
    sent: tuple[int, ...] = ()
    if send:
        name = registry.mission_summary(engine, key).mission.name
        smtp = request.app.state.smtp
        done = await run_in_threadpool(
            lambda: deliver(engine, issued, base=base, mission_name=name, smtp=smtp)
        )
        sent = done.sent
    fresh = {i.id: i for i in invitations.invitations(engine, key)}  # with sent_at
    return [
        public(fresh[i.invitation.id], None if i.invitation.id in sent else i.link(base))
        for i in issued
    ]


@router.get("/{key}/invitations", response_model=InvitationsPublic, responses={**AUTH, **NOT_FOUND})
def list_invitations(engine: EngineDep, key: str) -> InvitationsPublic:
    """Every invitation of the mission with its state (never a link)."""
    found = [public(i) for i in invitations.invitations(engine, key)]
    return InvitationsPublic(data=found, count=len(found))


@router.post(
    "/{key}/invitations",
    response_model=InvitationPublic,
    status_code=201,
    responses={**AUTH, **NOT_FOUND, **BAD_INPUT, **CONFLICT},
)
async def create_invitation(
    request: Request, engine: EngineDep, user: CurrentUser, key: str, body: InvitationCreate
) -> InvitationPublic:
    """Invite one delegate; e-mailed when ``send`` and an address and a relay exist."""
    issued = await run_in_threadpool(
        lambda: invitations.invite(
            engine,
            key,
            actor=user.name,
            person_key=body.person_key,
            org_key=body.org_key,
            email=body.email,
            lang=body.lang,
            days=days_of(request),
        )
    )
    return (await _issued(request, engine, key, [issued], body is None or body.send))[0]


@router.post(
    "/{key}/invitations/all",
    response_model=InviteReportPublic,
    responses={**AUTH, **NOT_FOUND},
)
async def invite_all(
    request: Request, engine: EngineDep, user: CurrentUser, key: str, body: InviteAll | None = None
) -> InviteReportPublic:
    """Invite every delegate of the mission who holds no live link (held ones skipped)."""
    report = await run_in_threadpool(
        lambda: invitations.invite_mission(engine, key, actor=user.name, days=days_of(request))
    )
    send = True if body is None else body.send
    data = await _issued(request, engine, key, report.issued, send)
    return InviteReportPublic(data=data, count=len(data), skipped=report.skipped)


@router.post(
    "/{key}/invitations/{invitation_id}/revoke",
    response_model=InvitationPublic,
    responses={**AUTH, **NOT_FOUND},
)
def revoke_invitation(engine: EngineDep, key: str, invitation_id: int) -> InvitationPublic:
    """End a link and any session it opened."""
    return public(invitations.revoke(engine, key, invitation_id))


@router.post(
    "/{key}/invitations/{invitation_id}/resend",
    response_model=InvitationPublic,
    responses={**AUTH, **NOT_FOUND, **CONFLICT},
)
async def resend_invitation(
    request: Request,
    engine: EngineDep,
    user: CurrentUser,
    key: str,
    invitation_id: int,
    body: Resend | None = None,
) -> InvitationPublic:
    """A new link for the same delegate; the old one ends."""
    issued = await run_in_threadpool(
        lambda: invitations.resend(
            engine, key, invitation_id, actor=user.name, days=days_of(request)
        )
    )
    return (await _issued(request, engine, key, [issued], body is None or body.send))[0]
