"""Sending e-mail through the agency's SMTP relay (settings come from the caller).

The letters are written by the caller in the reader's language; this module only
delivers them, one connection for a batch, and turns a refused or unreachable relay
into a ``CorridorError`` that says which.
"""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from corridor.exc import Unavailable


@dataclass(frozen=True, slots=True)
class Smtp:
    """Where and how to send: the relay, its login (optional), the sender, STARTTLS."""

    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    sender: str = "corridor@localhost"
    starttls: bool = False
    timeout: float = 30.0


@dataclass(frozen=True, slots=True)
class Letter:
    """One e-mail: recipient, subject and plain-text body (UTF-8), optional HTML."""

    to: str
    subject: str
    text: str
    html: str | None = None
    lang: str | None = None


def message_of(smtp: Smtp, letter: Letter) -> EmailMessage:
    """The MIME message of a letter."""
    msg = EmailMessage()
    msg["From"] = smtp.sender
    msg["To"] = letter.to
    msg["Subject"] = letter.subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=smtp.sender.rpartition("@")[2] or "localhost")
    msg.set_content(letter.text)
    if letter.html is not None:
        msg.add_alternative(letter.html, subtype="html")
    if letter.lang is not None:  # after the content: set_content drops Content-* headers
        msg["Content-Language"] = letter.lang
    return msg


def send(smtp: Smtp, letters: Sequence[Letter]) -> int:
    """Deliver letters over one connection; returns how many the relay accepted."""
    if len(letters) == 0:
        return 0
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as relay:
            if smtp.starttls:
                relay.starttls()
            if smtp.user:
                relay.login(smtp.user, smtp.password or "")
            for letter in letters:
                relay.send_message(message_of(smtp, letter))
    except (OSError, smtplib.SMTPException) as err:
        raise Unavailable(
            f"e-mail could not be sent through {smtp.host}:{smtp.port}: {err}"
        ) from err
    return len(letters)
