"""The safety trail in the audit export: polls, who was told of which alert, roll
calls and every answer — flat records in the audit export's columns."""

from __future__ import annotations

from sqlalchemy import Engine

from corridor.services.uow import read_only


def _blank() -> dict[str, object]:
    return {
        "record": "",
        "at": "",
        "actor": "",
        "org_key": "",
        "person_key": "",
        "source": "",
        "source_id": "",
        "entry_name": "",
        "action_or_band": "",
        "score": "",
        "reason_or_explanation": "",
        "list_version": "",
    }


def safety_records(engine: Engine) -> list[dict[str, object]]:
    """Polls, notices, roll calls and answers, each kind oldest first."""
    with read_only(engine) as uow:
        feeds = {f.id: f.url for f in uow.safety.feeds()}
        rows = [
            {
                **_blank(),
                "record": "safety_poll",
                "at": p.at.isoformat(),
                "source": feeds.get(p.feed_id, ""),
                "source_id": p.id,
                "action_or_band": "" if p.status is None else p.status,
                "score": p.alerts,
                "reason_or_explanation": p.error,
            }
            for p in uow.safety.polls()
        ]
        rows += [
            {
                **_blank(),
                "record": "safety_notice",
                "at": n.at.isoformat(),
                "person_key": n.person_key,
                "source": n.alert_key,
                "action_or_band": "e-mail" if n.emailed else "portal",
                "reason_or_explanation": f"{n.place}, {n.day.isoformat()}",
            }
            for n in uow.safety.notices()
        ]
        missions = {w.mission_key for w in uow.safety.whereabouts()}
        missions |= {m.key for m in uow.missions.missions()}
        for key in sorted(missions):
            for call in reversed(uow.roll_calls.roll_calls(key)):
                rows.append(
                    {
                        **_blank(),
                        "record": "roll_call",
                        "at": call.started_at.isoformat(),
                        "actor": call.started_by,
                        "source": key,
                        "source_id": call.id,
                        "reason_or_explanation": call.note,
                    }
                )
                rows += [
                    {
                        **_blank(),
                        "record": "roll_call_answer",
                        "at": e.answered_at.isoformat(),
                        "actor": e.person_key,
                        "person_key": e.person_key,
                        "source": key,
                        "source_id": call.id,
                        "action_or_band": e.answer.value if e.answer else "",
                        "reason_or_explanation": e.note,
                    }
                    for e in uow.roll_calls.entries(call.id)
                    if e.answered_at is not None
                ]
    return rows
