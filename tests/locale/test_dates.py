"""Dates in the mission's zone, written as each language writes them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from corridor.locale.dates import instant, span, when

SLOT = datetime(2026, 1, 8, 14, 0)  # a wall-clock time in Shanghai


@pytest.mark.parametrize(
    ("lang", "slot", "moment"),
    [
        ("en", "8 Jan 2026 14:00–14:20", "8 Jan 2026 09:30"),
        ("ko", "2026. 1. 8. 오후 2:00–오후 2:20", "2026. 1. 8. 오전 9:30"),
        ("zh", "2026年1月8日 14:00–14:20", "2026年1月8日 09:30"),
    ],
)
def test_slots_and_recorded_moments(lang: str, slot: str, moment: str) -> None:
    zone = "Asia/Shanghai"
    assert span(SLOT, datetime(2026, 1, 8, 14, 20), lang, zone) == slot
    # 01:30 UTC is 09:30 in Shanghai, whether stored naive or aware
    assert instant(datetime(2026, 1, 8, 1, 30), lang, zone) == moment
    assert instant(datetime(2026, 1, 8, 1, 30, tzinfo=UTC), lang, zone) == moment
    assert when(datetime(2026, 1, 8, 9, 30), lang, zone) == moment
