"""Alerts in the participant portal: the open alerts that touch the delegate's own
organisation, in the sender's words where the sender wrote the reader's language.

A participant sees only their organisation's people and places — never another
organisation's whereabouts, and nothing of the duty view.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from corridor.core.safety import AlertLevel, Info, Notice
from corridor.services.portal import scope
from corridor.services.safety import load_alert
from corridor.services.uow import read_only
from corridor.services.users import Principal


@dataclass(frozen=True, slots=True)
class PortalAlert:
    """An open alert as a delegate reads it."""

    key: str
    level: AlertLevel
    own: Info | None  # the sender's block in the reader's language, if published
    original: Info  # the sender's first block (quoted as such)
    touched: tuple[tuple[str, Notice], ...]  # (person's name, notice)


def portal_alerts(engine: Engine, who: Principal, lang: str) -> list[PortalAlert]:
    """Open alerts touching anyone of the participant's organisation, newest first."""
    s = scope(who)
    with read_only(engine) as uow:
        people = {p.key: p for p in uow.registry.people(org_key=s.org_key)}
        notices = [
            n for n in uow.safety.notices(mission_key=s.mission_key) if n.person_key in people
        ]
        out = []
        for stored in reversed(uow.safety.alerts("open")):
            mine = [n for n in notices if n.alert_key == stored.key]
            if len(mine) == 0:
                continue
            alert = load_alert(stored)
            touched = tuple((people[n.person_key].display(lang), n) for n in mine)
            out.append(
                PortalAlert(stored.key, stored.level, alert.info_for(lang), alert.first, touched)
            )
    return out
