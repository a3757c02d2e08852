"""Mission time: slots derived from sessions."""

from __future__ import annotations

from datetime import date, datetime, time

from corridor.core.mission import Interpreter, LangPair, Mission, Session


def _mission(*sessions: Session, minutes: int = 20) -> Mission:
    return Mission("m", "M", "Shanghai", "CN", "Asia/Shanghai", minutes, sessions=sessions)


def test_slots_fill_whole_lengths_only_and_run_in_time_order() -> None:
    late = Session("b", "Afternoon", date(2026, 1, 8), time(14, 0), time(15, 10))
    early = Session("a", "Morning", date(2026, 1, 8), time(9, 0), time(10, 0))
    slots = _mission(late, early).slots()
    assert [s.session_key for s in slots] == ["a"] * 3 + ["b"] * 3
    assert [s.index for s in slots] == list(range(6))
    assert slots[3].start == datetime(2026, 1, 8, 14, 0)
    assert slots[-1].end == datetime(2026, 1, 8, 15, 0)  # 15:00–15:10 is not a whole slot


def test_language_pairs_are_unordered() -> None:
    assert LangPair.of("zh", "ko") == LangPair.of("ko", "zh") == LangPair("ko", "zh")
    assert str(LangPair.of("zh", "en")) == "en-zh"
    interpreter = Interpreter("i", "I", (LangPair.of("ko", "zh"),))
    assert interpreter.covers("zh", "ko")
    assert not interpreter.covers("ko", "en")


def test_first_day() -> None:
    assert _mission().first_day() is None
    day = _mission(
        Session("a", "A", date(2026, 1, 9), time(9), time(10)),
        Session("b", "B", date(2026, 1, 8), time(9), time(10)),
    ).first_day()
    assert day == date(2026, 1, 8)
