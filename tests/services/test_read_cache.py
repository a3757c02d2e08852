"""Read models kept between requests: served from memory only while nothing changed."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from corridor.registry.batch import Source
from corridor.services import read_cache
from corridor.services.dashboard import find_organisations
from corridor.services.imports import import_files
from corridor.store.db import make_engine, session_factory, transaction, write_count
from tests.factory import synthetic_rows, write_csv


@pytest.fixture(autouse=True)
def cache_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(read_cache.ENV, raising=False)
    yield


class Counted:
    """A read model that counts how often it really ran."""

    def __init__(self) -> None:
        self.calls = 0

        @read_cache.read_model
        def organisations(engine: Engine, prefix: str = "") -> list[str]:
            self.calls += 1
            with transaction(session_factory(engine)) as session:
                rows = session.execute(text("SELECT key FROM organizations ORDER BY key"))
                return [k for (k,) in rows if k.startswith(prefix)]

        self.read = organisations


def _import(engine: Engine, tmp_path: Path, count: int) -> None:
    path = write_csv(tmp_path / f"orgs-{count}.csv", synthetic_rows(count))
    import_files(engine, [Source("organisations", path)])


def test_a_read_is_kept_until_a_write_commits(sqlite_engine: Engine, tmp_path: Path) -> None:
    counted = Counted()
    assert counted.read(sqlite_engine) == []
    assert counted.read(sqlite_engine) == []
    assert counted.calls == 1  # the second answer came from memory
    _import(sqlite_engine, tmp_path, 3)
    assert len(counted.read(sqlite_engine)) == 3  # the import ended the kept answer
    assert counted.calls == 2
    assert counted.read(sqlite_engine, "test-org-001") == ["test-org-001"]
    assert counted.calls == 3  # other arguments, another answer


def test_reads_and_rolled_back_writes_do_not_count_as_changes(sqlite_engine: Engine) -> None:
    before = write_count(sqlite_engine)
    with transaction(session_factory(sqlite_engine)) as session:
        session.execute(text("SELECT count(*) FROM organizations"))
    with pytest.raises(RuntimeError), transaction(session_factory(sqlite_engine)) as session:
        session.execute(text("UPDATE missions SET name = 'x'"))
        raise RuntimeError("abandon the write")
    assert write_count(sqlite_engine) == before
    with transaction(session_factory(sqlite_engine)) as session:
        session.execute(text("UPDATE missions SET name = 'x'"))
    assert write_count(sqlite_engine) == before + 1


def test_a_write_by_another_process_shows_within_max_age(
    sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = Counted()
    assert counted.read(sqlite_engine) == []
    elsewhere = make_engine(str(sqlite_engine.url.database))  # as another process would
    try:
        _import(elsewhere, tmp_path, 2)
    finally:
        elsewhere.dispose()
    assert counted.read(sqlite_engine) == []  # unseen: within MAX_AGE, no write here
    monkeypatch.setattr(read_cache, "MAX_AGE", 0.0)
    assert len(counted.read(sqlite_engine)) == 2


def test_callers_get_their_own_list_and_the_switch_turns_it_off(
    sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(sqlite_engine, tmp_path, 2)
    counted = Counted()
    first = counted.read(sqlite_engine)
    first.clear()
    assert len(counted.read(sqlite_engine)) == 2
    assert counted.calls == 1
    monkeypatch.setenv(read_cache.ENV, "0")
    counted.read(sqlite_engine)
    counted.read(sqlite_engine)
    assert counted.calls == 3


def test_the_registry_list_sees_an_import_at_once(sqlite_engine: Engine, tmp_path: Path) -> None:
    assert find_organisations(sqlite_engine) == []
    _import(sqlite_engine, tmp_path, 4)
    assert len(find_organisations(sqlite_engine)) == 4


def _at_once(count: int, call: Callable[[], object]) -> list[object]:
    """``call`` from ``count`` threads released together; their answers."""
    start = threading.Barrier(count)
    answers: list[object] = []

    def run() -> None:
        start.wait()
        answers.append(call())

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


class Slow:
    """A read model that takes a while and counts its runs."""

    def __init__(self) -> None:
        self.calls = 0

        @read_cache.read_model
        def numbers(engine: Engine) -> list[int]:
            self.calls += 1
            time.sleep(0.2)
            return [self.calls]

        self.read = numbers


def test_requests_missing_the_same_result_read_it_once(sqlite_engine: Engine) -> None:
    slow = Slow()
    answers = _at_once(8, lambda: slow.read(sqlite_engine))
    assert slow.calls == 1
    assert answers == [[1]] * 8


def test_an_aged_result_is_refreshed_by_one_request_while_others_keep_it(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = Slow()
    assert slow.read(sqlite_engine) == [1]
    monkeypatch.setattr(read_cache, "MAX_AGE", 0.05)
    time.sleep(0.1)
    started = time.monotonic()
    answers = _at_once(8, lambda: slow.read(sqlite_engine))
    assert slow.calls == 2  # one refresh, not eight
    assert sorted(answers, key=str) == [[1]] * 7 + [[2]]  # the others kept the held result
    assert time.monotonic() - started < 0.2 * 3


def test_a_write_here_is_never_answered_from_before_it(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    counted = Counted()
    assert counted.read(sqlite_engine) == []
    _import(sqlite_engine, tmp_path, 3)
    answers = _at_once(6, lambda: counted.read(sqlite_engine))
    assert all(len(answer) == 3 for answer in answers)  # type: ignore[arg-type]
    assert counted.calls == 2
