"""Invitation e-mails and the delivery of new links, written in the delegate's language.

The web pages, the API and the CLI (``corridor invite``) all deliver through here, so
an e-mail reads the same whoever sent it. Every sentence goes through ``_()`` in the
invitation's language (``speaking``), whatever language the organiser reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date
from sqlalchemy import Engine

from corridor.services import invitations, mailer
from corridor.services.invitations import Issued
from corridor.services.mailer import Letter, Smtp
from corridor.web.i18n import _, speaking


@dataclass(frozen=True, slots=True)
class Delivery:
    """What became of new links: e-mailed, and those without an address (sheet only)."""

    sent: tuple[int, ...]
    no_address: tuple[int, ...]


def letter(issued: Issued, link: str, mission_name: str) -> Letter:
    """The invitation e-mail of one new link, in the invitation's language."""
    inv = issued.invitation
    with speaking(inv.lang):
        until = format_date(inv.expires_at, format="long", locale=inv.lang)
        subject = _("Your invitation to {mission}").format(mission=mission_name)
        lines = [
            _("Dear {name},").format(name=inv.name),
            "",
            _(
                "You are invited to the participant portal of {mission}. There you can "
                "check your organisation's profile, answer recommended partners and read "
                "your agenda and meeting briefings."
            ).format(mission=mission_name),
            "",
            _("Your personal link (it works once, until {date}):").format(date=until),
            link,
            "",
            _("Please do not forward this e-mail: the link signs in whoever opens it."),
        ]
    return Letter(str(inv.email), subject, "\n".join(lines), lang=inv.lang)


def deliver(
    engine: Engine,
    issued: Sequence[Issued],
    *,
    base: str,
    mission_name: str,
    smtp: Smtp | None,
) -> Delivery:
    """E-mail each new link that has an address (when a relay is configured) and
    record them as sent; links without an address are left for the printed sheet."""
    with_address = [i for i in issued if i.invitation.email]
    without = tuple(i.invitation.id for i in issued if not i.invitation.email)
    if smtp is None or len(with_address) == 0:
        return Delivery((), tuple(i.invitation.id for i in issued))
    mailer.send(smtp, [letter(i, i.link(base), mission_name) for i in with_address])
    ids = [i.invitation.id for i in with_address]
    invitations.mark_sent(engine, ids)
    return Delivery(tuple(ids), without)
