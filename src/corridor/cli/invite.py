"""``corridor invite``: delegates' invitation links into the participant portal.

Links are e-mailed through CORRIDOR_SMTP_* when a relay is configured (and the
delegate has an address); otherwise, or with ``--print``, each new link is printed
once — the database keeps only its digest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from corridor.cli.common import console, emit, errors, guard, json_option, state

if TYPE_CHECKING:
    from corridor.services.invitations import Issued

app = typer.Typer(help="Invitation links of delegates into the participant portal.")

BASE_HELP = "The site's address as delegates reach it (default: CORRIDOR_PUBLIC_URL)."
PRINT_HELP = "Print the new links instead of e-mailing them."
JSON_HELP = "Print JSON: [{id, name, email, lang, e-mailed, link (when not e-mailed)}]."


def _deliver(
    ctx: typer.Context,
    mission: str,
    issued: list[Issued],
    base: str,
    show: bool,
    as_json: bool = False,
) -> None:
    from corridor.services.registry import mission_summary
    from corridor.settings import Settings
    from corridor.web.mail import deliver  # the same e-mail the web sends

    settings = Settings()
    engine = state(ctx).engine()
    address = base or settings.public_url or "http://127.0.0.1:8000"
    smtp = None if show else settings.smtp()
    with guard():
        name = mission_summary(engine, mission).mission.name
        done = deliver(engine, issued, base=address, mission_name=name, smtp=smtp)
    if as_json:
        emit([_issued_json(i, i.invitation.id in done.sent, address) for i in issued])
        return
    for i in issued:
        inv = i.invitation
        if inv.id in done.sent:
            console.print(f"#{inv.id} {inv.name} <{inv.email}> ({inv.lang}): e-mailed")
        else:
            console.print(f"#{inv.id} {inv.name} ({inv.lang}): {i.link(address)}", soft_wrap=True)


def _issued_json(issued: Issued, sent: bool, address: str) -> dict[str, object]:
    inv = issued.invitation
    return {
        "id": inv.id,
        "name": inv.name,
        "email": inv.email,
        "lang": inv.lang,
        "e-mailed": sent,
        "link": None if sent else issued.link(address),
    }


@app.command("send")
def send(
    ctx: typer.Context,
    mission: str = typer.Argument(..., help="The mission's key."),
    person: str = typer.Option(None, "--person", help="The delegate's person key."),
    org: str = typer.Option(None, "--org", help="The organisation, for a typed --email."),
    email: str = typer.Option(None, "--email", help="The address to invite (or to use)."),
    lang: str = typer.Option(None, "--lang", help="ko, zh or en (default: the delegate's)."),
    base: str = typer.Option("", "--base-url", help=BASE_HELP),
    show: bool = typer.Option(False, "--print", help=PRINT_HELP),
    as_json: bool = json_option(JSON_HELP),
) -> None:
    """Invite one delegate (their earlier link ends)."""
    from corridor.services import invitations as svc
    from corridor.settings import Settings

    with guard():
        issued = svc.invite(
            state(ctx).engine(),
            mission,
            actor="cli",
            person_key=person,
            org_key=org,
            email=email,
            lang=lang,
            days=Settings().invitation_days,
        )
    _deliver(ctx, mission, [issued], base, show, as_json)


@app.command("all")
def all_(
    ctx: typer.Context,
    mission: str = typer.Argument(..., help="The mission's key."),
    base: str = typer.Option("", "--base-url", help=BASE_HELP),
    show: bool = typer.Option(False, "--print", help=PRINT_HELP),
    as_json: bool = json_option(JSON_HELP),
) -> None:
    """Invite every delegate who holds no link yet; held organisations are skipped."""
    from corridor.services import invitations as svc
    from corridor.settings import Settings

    with guard():
        report = svc.invite_mission(
            state(ctx).engine(), mission, actor="cli", days=Settings().invitation_days
        )
    _deliver(ctx, mission, report.issued, base, show, as_json)
    for who, why in report.skipped:
        (errors if as_json else console).print(f"skipped {who}: {why}")  # JSON stays whole


@app.command("list")
def list_(
    ctx: typer.Context,
    mission: str = typer.Argument(..., help="The mission's key."),
    as_json: bool = json_option("Print JSON: [{id, name, org_key, lang, state, expires_at}]."),
) -> None:
    """Every invitation of a mission and its state (never a link)."""
    from corridor.services import invitations as svc

    with guard():
        found = svc.invitations(state(ctx).engine(), mission)
    if as_json:
        emit(
            [
                {
                    "id": i.id,
                    "name": i.name,
                    "org_key": i.org_key,
                    "lang": i.lang,
                    "state": svc.state_of(i),
                    "expires_at": i.expires_at,
                }
                for i in found
            ]
        )
        return
    table = Table(title=f"Invitations of {mission}")
    for column in ("id", "delegate", "organisation", "lang", "state", "expires"):
        table.add_column(column)
    for i in found:
        expires = f"{i.expires_at:%Y-%m-%d}"
        table.add_row(str(i.id), i.name, i.org_key, i.lang, svc.state_of(i), expires)
    console.print(table)


@app.command("revoke")
def revoke(
    ctx: typer.Context,
    mission: str = typer.Argument(..., help="The mission's key."),
    invitation: int = typer.Argument(..., help="The invitation's id (corridor invite list)."),
    as_json: bool = json_option("Print JSON: {revoked: ID}."),
) -> None:
    """End a link and any session it opened."""
    from corridor.services import invitations as svc

    with guard():
        svc.revoke(state(ctx).engine(), mission, invitation)
    if as_json:
        emit({"revoked": invitation})
    else:
        console.print(f"revoked invitation {invitation}")


@app.command("resend")
def resend(
    ctx: typer.Context,
    mission: str = typer.Argument(..., help="The mission's key."),
    invitation: int = typer.Argument(..., help="The invitation's id (corridor invite list)."),
    base: str = typer.Option("", "--base-url", help=BASE_HELP),
    show: bool = typer.Option(False, "--print", help=PRINT_HELP),
    as_json: bool = json_option(JSON_HELP),
) -> None:
    """A new link for the same delegate; the old one ends."""
    from corridor.services import invitations as svc
    from corridor.settings import Settings

    with guard():
        issued = svc.resend(
            state(ctx).engine(), mission, invitation, actor="cli", days=Settings().invitation_days
        )
    _deliver(ctx, mission, [issued], base, show, as_json)
