"""Replanning in two steps: preview what would move, then publish.

An organisation cancels, an interpreter does not come, a late request arrives: the
organiser must see exactly which meetings move before participants' agendas change.
``preview_replan`` solves and stores the result as an unpublished draft remembering
the published schedule it was made against; ``publish_schedule`` publishes a draft
unless another schedule has been published since (the draft would silently undo it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import Engine

from corridor.core.mission import Meeting, MeetingRequest
from corridor.exc import Conflict, InvalidInput, NotFound
from corridor.schedule.problem import Problem
from corridor.schedule.repair import Changes, diff, replan
from corridor.schedule.solution import Schedule
from corridor.services.schedule_views import (
    Lookup,
    MeetingView,
    ScheduleSummary,
    lookup,
    summary_of,
)
from corridor.services.scheduling import (
    MissionData,
    Stamp,
    check_and_store,
    load_mission_data,
    problem_of,
)
from corridor.services.uow import read_only, unit_of_work
from corridor.store.base import StoredSchedule


@dataclass(frozen=True, slots=True)
class Change:
    """One meeting before and after replanning; ``kind`` is kept, moved, dropped or
    added (``before`` is None when added, ``after`` None when dropped)."""

    kind: str
    org_a: str
    org_a_name: str
    org_b: str
    org_b_name: str
    before: MeetingView | None
    after: MeetingView | None

    @property
    def delegates_changed(self) -> bool:
        """Whether the meeting is there before and after with other delegates: the one
        rule by which the organiser's page and the CLI say that a delegate changed."""
        if self.before is None or self.after is None:
            return False
        return self.before.attendees != self.after.attendees


@dataclass(frozen=True, slots=True)
class ReplanPreview:
    """A stored draft and how it differs from the schedule it was made against."""

    schedule_id: int
    base_id: int
    kept: tuple[Change, ...]
    moved: tuple[Change, ...]
    dropped: tuple[Change, ...]
    added: tuple[Change, ...]
    weight: int
    meetings: int


@dataclass(frozen=True, slots=True)
class Replanned:
    """What the CLI prints and writes after a replan (engine types, not for the web)."""

    preview: ReplanPreview
    schedule: Schedule
    changes: Changes
    problem: Problem
    data: MissionData


def _changed_data(
    engine: Engine,
    mission_key: str,
    cancel: Sequence[str],
    no_show: Sequence[str],
    add: Sequence[MeetingRequest],
) -> MissionData:
    """The mission's data as it is after the change (unknown keys are NotFound)."""
    data = load_mission_data(engine, mission_key)
    out = set(data.held) | set(data.blocked)  # screening keeps them out already
    for key in cancel:
        if key not in data.orgs and key not in out:
            raise NotFound("participant", key)
        data.orgs.pop(key, None)
    interpreters = {x.key for x in data.mission.interpreters}
    for key in no_show:
        if key not in interpreters:
            raise NotFound("interpreter", key)
    for request in add:
        for key in (request.requester, request.target):
            if key in out:
                raise InvalidInput(
                    "held or blocked by screening: it cannot be scheduled until compliance "
                    "clears it",
                    field="add",
                    value=key,
                )
            if key not in data.orgs:
                raise NotFound("participant", key)
    data.mission = replace(
        data.mission,
        interpreters=tuple(x for x in data.mission.interpreters if x.key not in set(no_show)),
    )
    data.people = [p for p in data.people if p.org_key in data.orgs]
    data.requests = [
        r for r in [*data.requests, *add] if r.requester in data.orgs and r.target in data.orgs
    ]
    return data


def replan_note(
    cancel: Sequence[str], no_show: Sequence[str], add: Sequence[MeetingRequest]
) -> str:
    """What a replan changed, in words (the stored schedule's note)."""
    parts = [
        f"{label} {', '.join(keys)}"
        for label, keys in (("cancelled", cancel), ("interpreter no-show", no_show))
        if keys
    ]
    if add:
        asked = ", ".join(f"{r.requester} → {r.target}" for r in add)
        parts.append(f"added {len(add)} request{'s' if len(add) != 1 else ''} ({asked})")
    return "replan: " + ("; ".join(parts) if parts else "no change asked")


def replan_draft(
    engine: Engine,
    mission_key: str,
    *,
    cancel: Sequence[str] = (),
    no_show: Sequence[str] = (),
    add: Sequence[MeetingRequest] = (),
    actor: str,
    time_limit: float = 5.0,
    now: datetime | None = None,
    lang: str = "en",
) -> Replanned:
    """Replan and store the result as a draft, with the engine's objects (for the CLI)."""
    with read_only(engine) as uow:
        published = uow.schedules.published(mission_key)
    if published is None:
        raise NotFound("published schedule", mission_key)
    data = _changed_data(engine, mission_key, cancel, no_show, add)
    problem = problem_of(data)
    schedule, changes = replan(problem, published[1], time_limit=time_limit)
    note = replan_note(cancel, no_show, add)
    if data.set_aside > 0:
        note += f"; {data.set_aside} requests set aside by screening"
    draft = check_and_store(
        engine, mission_key, problem, data, schedule, Stamp(actor, now, False, note, published[0])
    )
    row = _get(engine, mission_key, draft)
    preview = _preview(row, published[0], changes, lookup(engine, mission_key, lang))
    return Replanned(preview, schedule, changes, problem, data)


def preview_replan(
    engine: Engine,
    mission_key: str,
    *,
    cancel: Sequence[str] = (),
    no_show: Sequence[str] = (),
    add: Sequence[MeetingRequest] = (),
    actor: str,
    time_limit: float = 5.0,
    now: datetime | None = None,
    lang: str = "en",
) -> ReplanPreview:
    """Replan the published schedule after cancellations, interpreter no-shows or late
    requests, moving as few meetings as possible; store the result as an unpublished
    draft and say what would change. Nothing participants see changes until
    ``publish_schedule``."""
    return replan_draft(
        engine,
        mission_key,
        cancel=cancel,
        no_show=no_show,
        add=add,
        actor=actor,
        time_limit=time_limit,
        now=now,
        lang=lang,
    ).preview


def draft_changes(
    engine: Engine, mission_key: str, schedule_id: int, *, lang: str = "en"
) -> ReplanPreview:
    """A stored draft's changes against the schedule it was made from (the preview
    page again, without solving again)."""
    row = _get(engine, mission_key, schedule_id)
    if row.base is None:
        raise NotFound("schedule a draft was made from", str(schedule_id))
    base = _get(engine, mission_key, row.base)
    changes = diff(base.meetings, row.meetings)
    return _preview(row, base.id, changes, lookup(engine, mission_key, lang))


def publish_schedule(
    engine: Engine,
    mission_key: str,
    schedule_id: int,
    *,
    actor: str,
    now: datetime | None = None,
) -> ScheduleSummary:
    """Publish a stored draft, recording who did; a Conflict when it is stale (made
    against a schedule that is no longer the published one). Publishing the
    published schedule again changes nothing."""
    with unit_of_work(engine) as uow:
        row = uow.schedules.get(schedule_id, mission_key)
        if row.published:
            return summary_of(row)
        current = uow.schedules.published_id(mission_key)
        if current != row.base:
            raise Conflict(
                f"schedule {schedule_id} is stale: it was made against schedule "
                f"{row.base}, but schedule {current} has been published since; "
                "replan again from the published schedule"
            )
        return summary_of(
            uow.schedules.publish(schedule_id, actor=actor, at=now or datetime.now(UTC))
        )


def _get(engine: Engine, mission_key: str, schedule_id: int) -> StoredSchedule:
    with read_only(engine) as uow:
        return uow.schedules.get(schedule_id, mission_key)


def _preview(row: StoredSchedule, base_id: int, changes: Changes, found: Lookup) -> ReplanPreview:
    slots = found.slots()
    ids = dict(zip(row.meetings, row.meeting_ids, strict=True))

    def change(kind: str, before: Meeting | None, after: Meeting | None) -> Change:
        either = before or after
        assert either is not None  # every change has a side
        return Change(
            kind,
            either.org_a,
            found.name(either.org_a),
            either.org_b,
            found.guests(either),
            None if before is None else found.meeting(before, slots),
            None if after is None else found.meeting(after, slots, ids.get(after, 0)),
        )

    return ReplanPreview(
        row.id,
        base_id,
        tuple(change("kept", m, m) for m in changes.kept),
        tuple(change("moved", old, new) for old, new in changes.moved),
        tuple(change("dropped", m, None) for m in changes.dropped),
        tuple(change("added", None, m) for m in changes.added),
        row.weight,
        len(row.meetings),
    )
