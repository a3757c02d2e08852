"""The process-level screening index: built once per set of list versions in force."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from corridor.core.screening import ListEntry
from corridor.exc import InvalidInput
from corridor.screen.index import ScreeningIndex
from corridor.screen.index_file import (
    code_version,
    index_from_bytes,
    read_index,
    stored_key,
    write_index,
)
from corridor.screen.matcher import Screener
from corridor.screen.rules import evaluate
from corridor.services import screen_cache
from corridor.services.lists import load_lists
from corridor.services.name_files import query_for
from corridor.services.screening import build_index, mission_screening, org_flags, screen_queries
from tests.conftest import FIXTURES

LISTS = FIXTURES / "lists"
NOW = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    screen_cache.clear()
    yield
    screen_cache.clear()


class CountingBuild:
    """Builds real screeners and counts how often it was asked to."""

    def __init__(self) -> None:
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, entries: list[ListEntry]) -> Screener:
        with self.lock:
            self.calls += 1
        return Screener(build_index(entries))


def _names(engine: Engine, text: str) -> list[str]:
    return [h.entry_name for h in screen_queries(engine, [query_for(text, "person")])[0]]


def test_second_call_reuses_the_index_and_a_new_list_version_rebuilds_it(
    sqlite_engine: Engine,
) -> None:
    load_lists(sqlite_engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)
    build = CountingBuild()
    first, versions = screen_cache.cached_screener(sqlite_engine, build)
    second, _ = screen_cache.cached_screener(sqlite_engine, build)
    assert first is not None and second is first and build.calls == 1 and versions == 1
    assert "AARON ABRAHAM VILLA" not in _names(sqlite_engine, "Aaron Abraham Villa")

    load_lists(sqlite_engine, [LISTS / "bis_dpl" / "dpl.txt"], now=NOW)
    third, versions = screen_cache.cached_screener(sqlite_engine, build)
    assert third is not None and third is not first and build.calls == 2 and versions == 2
    assert len(third.index) > len(first.index)
    # screen_queries goes through the same cache and sees the new list at once.
    assert "AARON ABRAHAM VILLA" in _names(sqlite_engine, "Aaron Abraham Villa")
    assert screen_cache.cached_screener(sqlite_engine, build)[0] is third


def test_concurrent_first_calls_build_once(sqlite_engine: Engine) -> None:
    load_lists(sqlite_engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)
    build = CountingBuild()
    got: list[Screener | None] = []
    start = threading.Barrier(6)

    def call() -> None:
        start.wait()
        got.append(screen_cache.cached_screener(sqlite_engine, build)[0])

    threads = [threading.Thread(target=call) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert build.calls == 1 and len(got) == 6 and all(s is got[0] for s in got)


def test_the_cache_can_be_turned_off(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_lists(sqlite_engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)
    monkeypatch.setenv(screen_cache.ENV, "0")
    build = CountingBuild()
    first, _ = screen_cache.cached_screener(sqlite_engine, build)
    second, _ = screen_cache.cached_screener(sqlite_engine, build)
    assert first is not None and second is not first and build.calls == 2


def test_no_lists_means_no_screener_and_a_clear_error(sqlite_engine: Engine) -> None:
    assert screen_cache.cached_screener(sqlite_engine, CountingBuild()) == (None, 0)
    with pytest.raises(InvalidInput, match="no lists loaded"):
        screen_queries(sqlite_engine, [query_for("anyone", "person")])


def test_kept_flags_are_what_the_rules_say(sqlite_engine: Engine, tmp_path: Path) -> None:
    from tests.factory import org_row, seed_mission
    from tests.store.test_sql import MISSION

    rows = [
        org_row(
            key="cn-cams",
            kind="corporate",
            country="CN",
            name_en="Watchful Cameras",
            sectors="defense",
        ),
        org_row(
            key="kr-plain", kind="startup", country="KR", name_en="Plain Bakery", sectors="robotics"
        ),
    ]
    seed_mission(sqlite_engine, MISSION, rows, tmp_path / "orgs.csv")
    orgs = {o.org.key: o.org for o in mission_screening(sqlite_engine, MISSION.key).orgs}
    for org in orgs.values():
        assert org_flags(org) == evaluate(org)
        assert org_flags(org) == evaluate(org)  # the kept answer, unchanged
    assert org_flags(orgs["cn-cams"]) != [] and org_flags(orgs["kr-plain"]) == []


def test_a_new_process_reads_the_index_its_predecessor_wrote(sqlite_engine: Engine) -> None:
    """Forgetting the in-process cache stands for a new `corridor screen name` process."""
    load_lists(sqlite_engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)
    build = CountingBuild()
    built, _ = screen_cache.cached_screener(sqlite_engine, build)
    path = screen_cache.index_path(sqlite_engine)
    assert (
        path is not None
        and path.exists()
        and path.parent == Path(sqlite_engine.url.database or "").parent
    )
    screen_cache.clear()
    read, versions = screen_cache.cached_screener(sqlite_engine, build)
    assert build.calls == 1 and versions == 1 and read is not None and read is not built
    assert not isinstance(read.index, ScreeningIndex) and len(read.index) == len(built.index)
    for text in (
        "Aaron Abraham Villa",
        "AEROCARIBBEAN AIRLINES",
        "김정은",
        "Banco Nacional de Cuba",
    ):
        query = query_for(text, "")
        assert read.screen(query) == built.screen(query)  # hits and explanations, the same


def test_the_file_is_rebuilt_when_the_lists_in_force_change(sqlite_engine: Engine) -> None:
    load_lists(sqlite_engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)
    build = CountingBuild()
    screen_cache.cached_screener(sqlite_engine, build)
    path = screen_cache.index_path(sqlite_engine)
    assert path is not None
    before = stored_key(path)
    load_lists(sqlite_engine, [LISTS / "bis_dpl" / "dpl.txt"], now=NOW)
    screen_cache.clear()
    _, versions = screen_cache.cached_screener(sqlite_engine, build)
    assert build.calls == 2 and versions == 2 and stored_key(path) != before
    screen_cache.clear()
    assert "AARON ABRAHAM VILLA" in _names(sqlite_engine, "Aaron Abraham Villa")
    assert build.calls == 2  # screen_queries read the new file


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short (a full disk, a killed writer)
        lambda data: data[:-200] + bytes(200),  # the tail overwritten
        lambda data: b"",
        lambda data: b"not an index at all",
    ],
    ids=["truncated", "overwritten", "empty", "foreign"],
)
def test_a_damaged_file_is_rebuilt_with_a_warning_not_a_crash(
    sqlite_engine: Engine, damage: Callable[[bytes], bytes], caplog: pytest.LogCaptureFixture
) -> None:
    load_lists(sqlite_engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)
    build = CountingBuild()
    screen_cache.cached_screener(sqlite_engine, build)
    path = screen_cache.index_path(sqlite_engine)
    assert path is not None
    path.write_bytes(damage(path.read_bytes()))
    screen_cache.clear()
    with caplog.at_level(logging.WARNING, logger="corridor.services.screen_cache"):
        names = _names(sqlite_engine, "Aaron Abraham Villa")
    assert build.calls == 1  # CountingBuild is not screen_queries' builder
    assert "unusable" in caplog.text and "rebuilding" in caplog.text
    assert names == _names(sqlite_engine, "Aaron Abraham Villa")
    screen_cache.clear()
    assert read_index(path, stored_key(path) or "") is not None  # whole again


def test_an_index_of_other_code_is_not_used(sqlite_engine: Engine) -> None:
    """A file written by another version of the name code (another key) is rebuilt."""
    load_lists(sqlite_engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)
    build = CountingBuild()
    first, _ = screen_cache.cached_screener(sqlite_engine, build)
    path = screen_cache.index_path(sqlite_engine)
    assert path is not None and first is not None
    key = stored_key(path) or ""
    assert key.endswith(f"code {code_version()}")
    write_index(build_index([]), path, key.replace(code_version(), "older"))
    screen_cache.clear()
    screen_cache.cached_screener(sqlite_engine, build)
    assert build.calls == 2 and stored_key(path) == key


def test_a_batch_ships_the_kept_file_of_an_index_built_in_this_process(
    sqlite_engine: Engine,
) -> None:
    load_lists(sqlite_engine, [LISTS / "ofac_sdn" / "sdn.csv"], now=NOW)
    build = CountingBuild()
    screener, _ = screen_cache.cached_screener(sqlite_engine, build)
    assert screener is not None and isinstance(screener.index, ScreeningIndex)  # built here
    path = screen_cache.index_path(sqlite_engine)
    assert path is not None and path.is_file()
    key, data = screen_cache.shippable(sqlite_engine, build)
    assert data == path.read_bytes()  # the file as written, not the index packed again
    path.write_bytes(b"damaged")
    again, packed = screen_cache.shippable(sqlite_engine, build)
    assert again == key and packed != b"damaged"
    assert index_from_bytes(packed, key) is not None
    assert build.calls == 1
