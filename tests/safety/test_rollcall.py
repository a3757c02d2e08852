"""Roll call through the services: links, answers, the duty view, reminders, exports."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from corridor.core.safety import Answer
from corridor.exc import InvalidInput
from corridor.services import safety_rollcall as rc
from tests.safety.scenario import AT_VENUE, DAY, ELSEWHERE, LEFT, seed

NOW = datetime(2003, 6, 18, 8, 0, tzinfo=UTC)
KO, ZH, KO2 = "p-kr-samsung-electronics-1", "p-cn-deepseek-1", "p-kr-samsung-electronics-2"


def test_a_roll_call_covers_those_on_the_ground_and_sorts_their_answers(
    engine: Engine, tmp_path: Path
) -> None:
    seed(tmp_path, engine)
    call, links = rc.start(engine, "shanghai-2026", actor="organiser", now=NOW, day=DAY)
    assert sorted(link.person_key for link in links) == sorted([*AT_VENUE, ELSEWHERE])
    assert LEFT not in {link.person_key for link in links}
    token = {link.person_key: link.token for link in links}
    letters = rc.letters(engine, links, base="http://x", mission_name="M")
    ko = next(letter for letter in letters if letter.to == AT_VENUE[KO])
    assert ko.lang == "ko" and f"http://x/safe/{token[KO]}" in ko.text

    rc.answer(engine, token[KO], "safe", now=NOW)
    rc.answer(engine, token[ZH], "need_help", note="脚受伤", location="酒店", now=NOW)
    with pytest.raises(InvalidInput):
        rc.answer(engine, token[KO2], "maybe", now=NOW)
    with pytest.raises(rc.LinkClosed):
        rc.answer(engine, "not-a-token", "safe", now=NOW)

    d = rc.duty(engine, call.id, "en")
    assert [r.person.key for r in d.safe] == [KO]
    assert [(r.person.key, r.entry.note, r.last_place) for r in d.need_help] == [
        (ZH, "脚受伤", "酒店")
    ]
    waiting = {r.person.key: r for r in d.unanswered}
    assert set(waiting) == {KO2, ELSEWHERE}
    assert waiting[ELSEWHERE].last_place == "Beijing"
    assert waiting[KO2].lead is not None and waiting[KO2].lead.key == KO

    again = rc.remind(engine, call.id, now=NOW)
    assert sorted(link.person_key for link in again) == sorted([KO2, ELSEWHERE])
    with pytest.raises(rc.LinkClosed):  # the first link was replaced
        rc.peek(engine, token[KO2])
    fresh = next(link for link in again if link.person_key == KO2)
    assert rc.answer(engine, fresh.token, "safe", now=NOW).answer is Answer.SAFE


def test_the_export_lists_each_group(sqlite_engine: Engine, tmp_path: Path) -> None:
    seed(tmp_path, sqlite_engine)
    call, links = rc.start(sqlite_engine, "shanghai-2026", actor="organiser", now=NOW, day=DAY)
    token = {link.person_key: link.token for link in links}
    rc.answer(sqlite_engine, token[KO], "safe", now=NOW)
    rc.answer(sqlite_engine, token[ZH], "need_help", now=NOW)
    xlsx = rc.export_roll_call(sqlite_engine, call.id, tmp_path / "r.xlsx", "ko", now=NOW)
    book = load_workbook(xlsx)
    counts = {ws.title: ws.max_row - 1 for ws in book.worksheets}
    book.close()
    assert counts == {"도움 필요": 1, "미응답": 2, "안전": 1}
    pdf = rc.export_roll_call(sqlite_engine, call.id, tmp_path / "r.pdf", "zh", now=NOW)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "梁文锋" in text and "需要帮助 (1)" in text and "未回复 (2)" in text


def test_the_purge_deletes_whereabouts_and_the_locations_given(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    from corridor.services import safety

    seed(tmp_path, sqlite_engine)
    call, links = rc.start(sqlite_engine, "shanghai-2026", actor="organiser", now=NOW, day=DAY)
    token = {link.person_key: link.token for link in links}
    rc.answer(sqlite_engine, token[ZH], "need_help", location="酒店", now=NOW)
    assert safety.purge_due(sqlite_engine, "shanghai-2026", today=datetime(2003, 7, 17)) == 0
    assert safety.purge_due(sqlite_engine, "shanghai-2026", today=datetime(2003, 7, 18)) == 6
    d = rc.duty(sqlite_engine, call.id, "en")
    assert [(r.entry.location, r.last_place) for r in d.need_help] == [("", "")]


def test_the_audit_export_carries_the_roll_call_and_each_answer(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    from corridor.services.audit import audit_records

    seed(tmp_path, sqlite_engine)
    call, links = rc.start(sqlite_engine, "shanghai-2026", actor="organiser", now=NOW, day=DAY)
    token = {link.person_key: link.token for link in links}
    rc.answer(sqlite_engine, token[ZH], "need_help", note="脚受伤", now=NOW)
    rows = [r for r in audit_records(sqlite_engine) if str(r["record"]).startswith("roll_call")]
    assert [(r["record"], r["actor"], r["action_or_band"]) for r in rows] == [
        ("roll_call", "organiser", ""),
        ("roll_call_answer", ZH, "need_help"),
    ]
    assert rows[1]["reason_or_explanation"] == "脚受伤" and rows[0]["source_id"] == call.id
