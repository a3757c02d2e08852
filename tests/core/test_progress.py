"""Progress reports: stages map into the whole, long loops report a bounded number of times."""

from __future__ import annotations

import pytest

from corridor.core.progress import Ticker, part, silent


def test_a_stage_reports_within_its_slice_of_the_whole() -> None:
    seen: list[tuple[float, str]] = []
    stage = part(lambda s, line: seen.append((s, line)), 0.4, 0.6)
    for share in (-1.0, 0.0, 0.5, 1.0, 2.0):
        stage(share, "x")
    assert [round(s, 6) for s, _ in seen] == [0.4, 0.4, 0.5, 0.6, 0.6]
    nested = part(part(lambda s, line: seen.append((s, line)), 0.5, 1.0), 0.0, 0.5)
    nested(1.0, "half of the second half")
    assert seen[-1] == (0.75, "half of the second half")


@pytest.mark.parametrize(("total", "steps"), [(10_000, 100), (7, 100), (0, 10), (250, 3)])
def test_a_ticker_reports_a_bounded_number_of_times_and_ends_at_one(total: int, steps: int) -> None:
    seen: list[tuple[float, str]] = []
    ticker = Ticker(lambda s, line: seen.append((s, line)), total, "indexing", steps=steps)
    for _ in range(total):
        ticker.tick()
    if total == 0:
        assert seen == []
        return
    assert len(seen) <= steps + 2
    assert seen[-1] == (1.0, f"indexing ({total}/{total})")
    assert [s for s, _ in seen] == sorted(s for s, _ in seen)


def test_silent_accepts_any_report() -> None:
    assert silent(0.5, "anything") is None
