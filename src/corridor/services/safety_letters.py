"""Safety e-mails, written in each delegate's language.

Where the sender published an info block in the reader's language, the letter quotes
it. Otherwise it gives Corridor's own headline, level and instruction in the reader's
language, followed by the sender's original text marked as such: a translation by
Corridor is never presented as the sender's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from corridor.core.safety import Alert, AlertLevel, Info, MsgType, Notice, StoredAlert
from corridor.locale import gettext_for
from corridor.safety.levels import level_of
from corridor.services import mailer
from corridor.services.mailer import Letter, Smtp
from corridor.services.safety import load_alert
from corridor.services.uow import read_only

LANGS = ("ko", "zh", "en")


def reader_lang(languages: Sequence[str]) -> str:
    """The first of a person's languages that Corridor writes, else English."""
    return next((lang for lang in languages if lang in LANGS), "en")


def level_words(level: AlertLevel, lang: str) -> tuple[str, str]:
    _ = gettext_for(lang)
    names = {
        AlertLevel.INFO: (_("Information"), _("No action is needed; stay informed.")),
        AlertLevel.ADVISORY: (
            _("Advisory"),
            _("Take note and follow the instructions of local authorities."),
        ),
        AlertLevel.WARNING: (
            _("Warning"),
            _("Follow the instructions of local authorities now and stay reachable."),
        ),
        AlertLevel.EMERGENCY: (
            _("Emergency"),
            _("Act now on the instructions of local authorities and answer the roll call."),
        ),
    }
    return names[level]


def _quoted(info: Info) -> list[str]:
    parts = [info.headline, info.description, info.instruction]
    return [p for p in parts if p]


def _subject(alert: Alert, lang: str) -> str:
    _ = gettext_for(lang)
    if alert.msg_type is MsgType.CANCEL:
        return _("Safety alert withdrawn")
    if alert.msg_type is MsgType.UPDATE:
        return _("Safety alert updated")
    return _("Safety alert")


def _lines(alert: Alert, notice: Notice, lang: str) -> list[str]:
    _ = gettext_for(lang)
    if alert.msg_type is MsgType.CANCEL:
        return [_("The sender has withdrawn the alert you were sent earlier.")]
    info = alert.info_for(lang)
    level, todo = level_words(level_of(alert.first), lang)
    head = [
        _("Corridor alert level: {level}").format(level=level),
        _("Where: {place}, on {day}").format(place=notice.place, day=notice.day.isoformat()),
        "",
    ]
    if info is not None:
        return [*head, _("The sender's message:"), *_quoted(info)]
    own = [
        _("A public alert covers a place where you will be."),
        _("What to do: {todo}").format(todo=todo),
        "",
        _("The sender's original message (language: {lang}), not translated:").format(
            lang=alert.first.lang
        ),
    ]
    return head + own + _quoted(alert.first)


def letter(alert: Alert, notice: Notice, email: str, lang: str) -> Letter:
    """The e-mail telling one person of one message."""
    sender = alert.first.sender_name or alert.sender
    _ = gettext_for(lang)
    foot = ["", _("Source: {sender}").format(sender=sender)]
    body = "\n".join([*_lines(alert, notice, lang), *foot])
    return Letter(email, f"[Corridor] {_subject(alert, lang)}", body, lang=lang)


def deliver(engine: Engine, notices: Sequence[Notice], *, smtp: Smtp) -> set[tuple[str, str]]:
    """E-mail each notice whose person has an address; returns (alert, person) sent."""
    letters, sent = [], set()
    with read_only(engine) as uow:
        stored: dict[str, StoredAlert | None] = {}
        for n in notices:
            alert = stored.setdefault(n.alert_key, uow.safety.alert(n.alert_key))
            person = uow.registry.person(n.person_key)
            if alert is None or not person.email or alert.body == "":
                continue
            parsed = load_alert(alert)
            letters.append(letter(parsed, n, person.email, reader_lang(person.languages)))
            sent.add((n.alert_key, n.person_key))
    mailer.send(smtp, letters)
    return sent
