"""``screen batch`` on a real Dask LocalCluster: the same hits as ``screen names``, a
killed batch resumed to the same output, bad input refused before any work."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from distributed import Client

from corridor.exc import Conflict, ImportRejected, InvalidInput
from corridor.scale.batch import screen_batch
from corridor.scale.cluster import connect
from corridor.services import screen_cache
from corridor.services.batch_rows import read_name_rows
from corridor.services.lists import load_lists
from corridor.services.name_files import query_for
from corridor.services.screening import screen_queries
from corridor.store.db import make_engine, migrate
from tests.conftest import FIXTURES

LISTS = FIXTURES / "lists"
NOW = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
# Names in several scripts and spellings: list names, their readings, and names no
# list holds (so that some rows have no hit).
NAMES = [
    ("김정은", "person", ""),
    ("KIM Jong Un", "person", "KP"),
    ("Korea Kwangson Banking Corporation", "org", ""),
    ("조선광선은행", "org", "KP"),
    ("Raybeam Optronics", "org", "CN"),
    ("HWANG Pyong So", "person", ""),
    ("최룡해", "person", ""),
    ("Samsung Electronics", "org", "KR"),
    ("레인보우로보틱스", "org", "KR"),
    ("宇树科技", "org", "CN"),
]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("batch")
    url = f"sqlite:///{folder / 'corridor.db'}"
    engine = make_engine(url)
    migrate(engine)
    primaries = ["ofac_sdn/sdn.csv", "ofac_cons/cons_prim.csv", "un_sc/consolidated.xml"]
    load_lists(engine, [LISTS / p for p in [*primaries, "bis_dpl/dpl.txt"]], now=NOW)
    engine.dispose()
    yield url
    screen_cache.clear()


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with connect(workers=2) as running:
        yield running


def _names_file(folder: Path, copies: int = 12) -> Path:
    path = folder / "names.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "kind", "country"])
        for copy in range(copies):
            for number, (name, kind, country) in enumerate(NAMES):
                writer.writerow([f"r{copy:02d}-{number}", name, kind, country])
    return path


def _expected(url: str, path: Path) -> list[tuple[str, str, str, float, str]]:
    rows = read_name_rows(path)
    found = screen_queries(
        make_engine(url), [query_for(r.name, r.kind, r.country, r.birth_date) for r in rows]
    )
    return [
        (row.id, h.source, h.source_id, h.score, h.band.value)
        for row, hits in zip(rows, found, strict=True)
        for h in hits
    ]


def _got(records: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(r["id"], r["source"], r["source_id"], r["score"], r["band"]) for r in records]


def test_batch_on_two_workers_equals_screen_names(
    database: str, client: Client, tmp_path: Path
) -> None:
    source = _names_file(tmp_path)
    expected = _expected(database, source)
    assert len({e[0] for e in expected}) >= 6 * 12  # most names hit, some do not
    output = tmp_path / "hits.parquet"
    summary = screen_batch(make_engine(database), source, output, client, partition_rows=7)
    assert summary.workers == 2
    assert summary.partitions == -(-len(NAMES) * 12 // 7)
    records = pq.read_table(output).to_pylist()
    assert _got(records) == expected
    assert summary.rows == len(expected)
    assert 0 not in {r["list_version"] for r in records}
    assert not (tmp_path / "hits.parquet.parts").exists()
    jsonl = tmp_path / "hits.jsonl"
    screen_batch(make_engine(database), source, jsonl, client, partition_rows=50)
    lines = [json.loads(x) for x in jsonl.read_text(encoding="utf-8").splitlines()]
    assert lines == records


def test_bad_rows_are_refused_before_any_work(
    database: str, client: Client, tmp_path: Path
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        '{"id": "a", "name": "KIM Jong Un"}\n'
        '{"id": "a", "name": "HWANG Pyong So"}\n'
        '{"id": "c", "name": ""}\n'
        '{"id": "d", "name": "X", "kind": "vessel"}\n',
        encoding="utf-8",
    )
    output = tmp_path / "out.jsonl"
    with pytest.raises(ImportRejected) as caught:
        screen_batch(make_engine(database), source, output, client)
    assert [(p.row, p.field) for p in caught.value.problems] == [
        (2, "id"),
        (3, "name"),
        (4, "kind"),
    ]
    assert "row 1" in caught.value.problems[0].rule
    assert not output.exists() and not (tmp_path / "out.jsonl.parts").exists()
    with pytest.raises(InvalidInput, match=r"parquet or \.jsonl"):
        screen_batch(make_engine(database), _names_file(tmp_path), tmp_path / "x.csv", client)


def test_unfinished_batch_of_another_input_is_not_mixed_in(
    database: str, client: Client, tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    parts = tmp_path / "out.jsonl.parts"
    parts.mkdir()
    (parts / "manifest.json").write_text('{"input": "something else"}', encoding="utf-8")
    with pytest.raises(Conflict, match="remove it"):
        screen_batch(make_engine(database), _names_file(tmp_path), output, client)
    assert not output.exists()


def test_a_killed_batch_resumes_to_the_uninterrupted_output(database: str, tmp_path: Path) -> None:
    source = _names_file(tmp_path, copies=40)
    whole = tmp_path / "whole.jsonl"
    main = "from corridor.cli.main import main; main()"
    command = [sys.executable, "-c", main, "--db", database.removeprefix("sqlite:///")]
    args = ["screen", "batch", "--workers", "1", "--partition-rows", "5"]
    subprocess.run([*command, *args, str(source), str(whole)], check=True, capture_output=True)
    resumed = tmp_path / "resumed.jsonl"
    parts = tmp_path / "resumed.jsonl.parts"
    run = subprocess.Popen(
        [*command, *args, str(source), str(resumed)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(list(parts.glob("part-*.jsonl"))) < 3 and time.monotonic() < deadline:
        assert run.poll() is None, "the batch ended before it could be killed"
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGKILL)  # the client and its workers, at once
    run.wait()
    kept = len(list(parts.glob("part-*.jsonl")))
    assert 3 <= kept < 80 and not resumed.exists()
    done = subprocess.run(
        [*command, *args, "--json", str(source), str(resumed)],
        check=True,
        capture_output=True,
        text=True,
    )
    assert json.loads(done.stdout)["resumed"] >= kept
    assert resumed.read_bytes() == whole.read_bytes()
    assert not parts.exists()
