"""The demo mission, imported, screened and scheduled once per test run.

Building it takes about 15 s (loading the bundled lists and screening dominate), so
test modules share one built file and each test that writes copies it first.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.services.demo import EXAMPLE
from corridor.services.imports import import_mission
from corridor.services.lists import bundled_lists, load_lists
from corridor.services.scheduling import schedule_mission
from corridor.services.screening import screen_mission
from corridor.store.db import make_engine, migrate

MISSION = "shanghai-2026"
_BUILT: dict[str, Path] = {}


def demo_database(factory: pytest.TempPathFactory) -> Path:
    """The file of a database holding the demo mission with a published schedule."""
    if "db" not in _BUILT:
        path = factory.mktemp("demo") / "demo.db"
        engine = make_engine(str(path))
        migrate(engine)
        import_mission(engine, EXAMPLE, actor="test")
        load_lists(engine, bundled_lists(), label="bundled snapshot")
        screen_mission(engine, MISSION, actor="test")
        schedule_mission(engine, MISSION, time_limit=10.0, actor="organiser")
        engine.dispose()
        _BUILT["db"] = path
    return _BUILT["db"]


def copy_of(source: Path, folder: Path) -> Engine:
    """An engine on a private copy of ``source`` (for tests that write)."""
    target = folder / "copy.db"
    shutil.copyfile(source, target)
    return make_engine(str(target))
