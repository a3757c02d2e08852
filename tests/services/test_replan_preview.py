"""Replanning shows what would move before anything participants see changes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.core.mission import Meeting
from corridor.exc import Conflict, InvalidInput, NotFound
from corridor.services.replanning import (
    Change,
    draft_changes,
    preview_replan,
    publish_schedule,
)
from corridor.services.schedule_pages import list_schedules
from corridor.services.schedule_views import MeetingView, SlotView
from corridor.services.scheduling import parse_request
from corridor.store.db import session_factory, transaction
from corridor.store.schedules import ScheduleStore
from tests.services.demo_db import MISSION, copy_of, demo_database


@pytest.fixture
def engine(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Engine:
    return copy_of(demo_database(tmp_path_factory), tmp_path)


def published(engine: Engine) -> tuple[int, list[Meeting]]:
    with transaction(session_factory(engine)) as session:
        found = ScheduleStore(session).published(MISSION)
    assert found is not None
    return found


def test_preview_changes_nothing_until_published(engine: Engine) -> None:
    before_id, before = published(engine)
    preview = preview_replan(engine, MISSION, cancel=["cn-agibot"], actor="alice")
    assert published(engine) == (before_id, before)  # participants still see the old plan
    assert preview.base_id == before_id and preview.schedule_id != before_id
    gone = [m for m in before if "cn-agibot" in (m.org_a, m.org_b)]
    assert len(gone) > 0
    dropped = {(c.org_a, c.org_b) for c in preview.dropped}
    assert {(m.org_a, m.org_b) for m in gone} <= dropped
    publish_schedule(engine, MISSION, preview.schedule_id, actor="bob")
    after_id, after = published(engine)
    assert after_id == preview.schedule_id
    assert not any("cn-agibot" in (m.org_a, m.org_b) for m in after)
    # the changes list exactly the meetings that differ
    old = {(m.org_a, m.org_b): m for m in before}
    new = {(m.org_a, m.org_b): m for m in after}

    # moved: another slot, table, interpreter or delegate (someone's agenda changed)
    def place(m: Meeting) -> tuple[object, ...]:
        return (m.slot, m.table, m.interpreter, m.attendees)

    differ = {p for p in old if p in new and place(old[p]) != place(new[p])}
    assert {(c.org_a, c.org_b) for c in preview.moved} == differ
    assert dropped == set(old) - set(new)
    # a group meeting's change names every party (the demo has syndicate meetings)
    views = [(c, c.after or c.before) for c in (*preview.kept, *preview.moved, *preview.added)]
    groups = [(c, v) for c, v in views if v is not None and ", " in v.org_b_name]
    assert groups and all(c.org_b_name == v.org_b_name for c, v in groups)
    assert {(c.org_a, c.org_b) for c in preview.added} == set(new) - set(old)
    assert {(c.org_a, c.org_b) for c in preview.kept} == {
        p for p in old if p in new and place(new[p]) == place(old[p])
    }
    for c in preview.moved:
        assert c.before is not None and c.after is not None
        before_m, after_m = old[c.org_a, c.org_b], new[c.org_a, c.org_b]
        assert (c.before.slot.index, c.before.table) == (before_m.slot, before_m.table)
        assert (c.after.slot.index, c.after.table) == (after_m.slot, after_m.table)
    listed = {s.id: s for s in list_schedules(engine, MISSION)}
    assert listed[after_id].actor == "alice" and listed[after_id].published_by == "bob"
    assert listed[after_id].base == before_id and not listed[before_id].published


def test_a_stale_draft_is_refused(engine: Engine) -> None:
    first = preview_replan(engine, MISSION, cancel=["cn-agibot"], actor="alice")
    second = preview_replan(
        engine, MISSION, add=[parse_request("kr-lunit:cn-agibot:3")], actor="carol"
    )
    publish_schedule(engine, MISSION, second.schedule_id, actor="carol")
    with pytest.raises(Conflict, match=f"schedule {first.schedule_id} is stale"):
        publish_schedule(engine, MISSION, first.schedule_id, actor="alice")
    assert published(engine)[0] == second.schedule_id
    # publishing the published one again is harmless
    assert publish_schedule(engine, MISSION, second.schedule_id, actor="carol").published


def test_draft_changes_recomputes_the_preview(engine: Engine) -> None:
    preview = preview_replan(engine, MISSION, cancel=["cn-agibot"], actor="alice")
    again = draft_changes(engine, MISSION, preview.schedule_id)
    assert again == preview


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"cancel": ["nobody"]}, NotFound, "participant not found"),
        ({"no_show": ["nobody"]}, NotFound, "interpreter not found"),
        ({"add": [parse_request("kr-lunit:nobody")]}, NotFound, "participant not found"),
    ],
)
def test_unknown_keys_are_not_found(
    engine: Engine, kwargs: dict[str, list[object]], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words):
        preview_replan(engine, MISSION, actor="alice", **kwargs)  # type: ignore[arg-type]


def test_an_id_of_another_mission_is_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound):
        publish_schedule(engine, "other-mission", published(engine)[0], actor="x")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("kr-lunit", "add"),
        ("a:b:c:d", "add"),
        (":cn-agibot", "add"),
        ("kr-lunit:kr-lunit", "add"),
        ("kr-lunit:cn-agibot:5", "add.interest"),
        ("kr-lunit:cn-agibot:x", "add.interest"),
    ],
)
def test_parse_request_errors_name_the_field(text: str, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_request(text)
    assert caught.value.field == field and field in str(caught.value)


def test_parse_request_reads_interest() -> None:
    assert parse_request("kr-lunit:cn-agibot").interest == 2
    request = parse_request(" kr-lunit : cn-agibot : 3 ")
    assert (request.requester, request.target, request.interest) == ("kr-lunit", "cn-agibot", 3)


def test_the_replan_note_says_what_changed_in_words() -> None:
    from corridor.core.mission import MeetingRequest
    from corridor.services.replanning import replan_note

    note = replan_note(["cn-byd"], [], [MeetingRequest("kr-a", "cn-b")])
    assert note == "replan: cancelled cn-byd; added 1 request (kr-a → cn-b)"
    assert "[" not in replan_note(["a", "b"], ["i-1"], [])
    assert replan_note([], [], []) == "replan: no change asked"


def _view(slot: int, attendees: tuple[str, ...]) -> MeetingView:
    at = datetime(2026, 5, 12, 9 + slot, tzinfo=UTC)
    when = SlotView(slot, "am", at, at)
    return MeetingView(0, when, "t1", "T1", "a", "A", "b", "B", None, None, 2, 3, "", attendees)


@pytest.mark.parametrize(
    ("before", "after", "changed"),
    [
        (_view(1, ("p1", "p2")), _view(2, ("p1", "p2")), False),  # moved, same delegates
        (_view(1, ("p1", "p2")), _view(1, ("p1", "p3")), True),
        (_view(1, ("p1", "p2")), _view(1, ("p2", "p1")), True),  # in party order
        (_view(1, ("p1",)), None, False),  # dropped
        (None, _view(1, ("p1",)), False),  # added
    ],
)
def test_a_delegate_changed_only_when_both_sides_name_other_delegates(
    before: MeetingView | None, after: MeetingView | None, changed: bool
) -> None:
    change = Change("moved", "a", "A", "b", "B", before, after)
    assert change.delegates_changed is changed
