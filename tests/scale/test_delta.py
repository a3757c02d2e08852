"""``screen batch --since``: after a real OFAC update (the 2021-07-07 SDN set, then the
bundled 2024-05-03 one), re-screening only what the change touches gives a full run's
hits."""

from __future__ import annotations

import csv
import gzip
import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from distributed import Client

from corridor.exc import Conflict, InvalidInput
from corridor.scale.batch import screen_batch
from corridor.scale.cluster import connect
from corridor.scale.delta import screen_delta
from corridor.scale.parts import read_output
from corridor.services import screen_cache
from corridor.services.lists import bundled_lists, load_lists
from corridor.store.db import make_engine, migrate
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.skipif(
    not SHARED_DATA.exists(), reason="../shared/data (two real SDN versions) is absent"
)
OLD = SHARED_DATA / "sanctions" / "ofac_sdn" / "2021-07-07_full_set" / "sdn.csv"
[NEW] = [p for p in bundled_lists() if p.name == "sdn.csv.gz"]
NOW = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)


def _sdn_names(path: Path) -> dict[str, tuple[str, str]]:
    """ent_num → (name, kind) of an sdn.csv."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as rows:
        return {
            r[0]: (r[1], "person" if r[2].strip() == "individual" else "org")
            for r in csv.reader(rows)
            if len(r) > 2 and r[0].strip().isdigit()
        }


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Names of entries added, removed and kept between the versions, and names no list
    holds (the import benchmark's style of company names, in three scripts)."""
    old, new = _sdn_names(OLD), _sdn_names(NEW)
    rng = random.Random(5)
    added = rng.sample(sorted(new.keys() - old.keys()), 60)
    removed = rng.sample(sorted(old.keys() - new.keys()), 40)
    kept = rng.sample(sorted(old.keys() & new.keys()), 80)
    picks = [new[k] for k in added] + [old[k] for k in removed] + [new[k] for k in kept]
    neutral = ["레인보우로보틱스", "宇树科技", "Samsung Electronics", "深圳市大疆创新科技有限公司"]
    path = tmp_path_factory.mktemp("registry") / "registry.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "kind"])
        for number, (name, kind) in enumerate(picks + [(n, "org") for n in neutral] * 40):
            writer.writerow([f"r{number:04d}", name.title() if number % 2 else name, kind])
    return path


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with connect(workers=2) as running:
        yield running


def _hits(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return {
        k: [(r["source"], r["source_id"], r["band"], r["score"], r["list_version"]) for r in v]
        for k, v in read_output(path).items()
    }


def test_delta_after_a_real_update_gives_the_full_runs_hits(
    registry: Path, client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    screen_cache.clear()
    engine = make_engine(f"sqlite:///{tmp_path / 'corridor.db'}")
    migrate(engine)
    load_lists(engine, [OLD], now=NOW)
    before = tmp_path / "before.parquet"
    screen_batch(engine, registry, before, client, partition_rows=300)
    load_lists(engine, [NEW], now=NOW)
    full, delta = tmp_path / "full.parquet", tmp_path / "delta.parquet"
    screen_batch(engine, registry, full, client, partition_rows=300)
    summary = screen_delta(engine, registry, before, delta, client, partition_rows=300)
    assert summary.rescreened is not None and 0 < summary.rescreened < summary.names
    got, want = _hits(delta), _hits(full)
    assert {k: [(*h[:3], h[4]) for h in v] for k, v in got.items()} == {
        k: [(*h[:3], h[4]) for h in v] for k, v in want.items()
    }  # kept hits carry the version in force, as a full run's do
    moved = [
        (a[3], b[3]) for k in want for a, b in zip(got[k], want[k], strict=True) if a[3] != b[3]
    ]
    assert all(abs(float(str(a)) - float(str(b))) < 0.001 for a, b in moved)
    assert _hits(before) != want  # the update did change hits
    made_from = json.loads((tmp_path / "delta.parquet.batch.json").read_text(encoding="utf-8"))
    assert made_from == json.loads(
        (tmp_path / "full.parquet.batch.json").read_text(encoding="utf-8")
    )
    again = tmp_path / "again.parquet"  # no change since: nothing screened again
    assert screen_delta(engine, registry, delta, again, client).rescreened == 0
    assert _hits(again) == _hits(delta)


def test_since_needs_an_earlier_batch_of_the_same_file(
    registry: Path, client: Client, tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'corridor.db'}")
    migrate(engine)
    load_lists(engine, [OLD], now=NOW)
    with pytest.raises(InvalidInput, match=r"batch\.json is missing"):
        screen_delta(engine, registry, tmp_path / "nothing.jsonl", tmp_path / "o.jsonl", client)
    other = tmp_path / "other.csv"
    other.write_text("id,name\n1,KIM Jong Un\n", encoding="utf-8")
    first = tmp_path / "first.jsonl"
    screen_batch(engine, other, first, client)
    with pytest.raises(Conflict, match="another input"):
        screen_delta(engine, registry, first, tmp_path / "o.jsonl", client)
