"""`corridor missions policy` and `corridor missions held` on the demo mission."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_schedule_cli import run
from tests.services.demo_db import MISSION, demo_database

HELD = ["cn-cloudwalk", "cn-dji", "cn-hikvision", "cn-megvii", "hk-sensetime"]


def test_policy_shows_sets_and_refuses_what_it_does_not_know(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    db = tmp_path / "c.db"
    shutil.copyfile(demo_database(tmp_path_factory), db)
    code, out = run(db, "missions", "policy", MISSION)
    assert code == 0 and f"{MISSION}: hold policy hold" in out
    code, out = run(db, "missions", "policy", MISSION, "sometimes")
    assert code == 2
    assert "hold_policy='sometimes'" in out and "hold policy must be one of hold, flag" in out
    code, out = run(db, "missions", "policy", "nowhere", "flag")
    assert code == 3 and "nowhere" in out
    code, out = run(db, "missions", "policy", MISSION, "flag")
    assert code == 0 and "hold policy flag (set by cli at " in out
    code, out = run(db, "missions", "held", MISSION, "--json")
    assert code == 0
    found = json.loads(out)
    assert found["policy"] == "flag" and sorted(found["held"]) == HELD
    assert found["held"]["cn-dji"][0]["state"] == "undecided"


def test_held_lists_each_reason(tmp_path_factory: pytest.TempPathFactory) -> None:
    code, out = run(demo_database(tmp_path_factory), "missions", "held", MISSION)
    assert code == 0
    assert "SZ DJI TECHNOLOGY" in out and "Surveillance or facial recognition" in out
    assert "5 held, 0 blocked" in out
