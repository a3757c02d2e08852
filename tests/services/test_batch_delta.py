"""The rows a list update may reorder: rows whose every posting key is common."""

from __future__ import annotations

import random
from pathlib import Path

from corridor.core.names import Name, NameKind, Script
from corridor.core.screening import EntityType, ListEntry
from corridor.screen.index import NameIndex, ScreeningIndex
from corridor.screen.index_file import index_bytes, index_from_bytes
from corridor.services.batch_delta import _rare_bound
from corridor.services.batch_keys import KeptKeys, write_kept_keys
from corridor.services.batch_rows import NameRow


def _entry(number: int, text: str) -> ListEntry:
    name = Name(text, Script.LATIN, None, NameKind.TRADE)
    return ListEntry("test", str(number), EntityType.ORGANIZATION, (name,))


def _by_definition(keys: list[tuple[str, ...]], index: NameIndex) -> set[int]:
    """Rows none of whose keys is held by at most the rarity bound of entries."""
    bound = _rare_bound(index)
    return {
        row
        for row, held in enumerate(keys)
        if not any(len(index.posting(k)) <= bound for k in held)
    }


def test_generic_rows_are_those_without_a_rare_or_unknown_key(tmp_path: Path) -> None:
    rng = random.Random(3)
    # "trading" and "korea" in every entry: common keys; the rest rare.
    index = ScreeningIndex(
        _entry(n, f"korea trading {rng.choice(['alpha', 'beta', 'gamma'])}{n}") for n in range(800)
    )
    common = sorted(index.common_keys(_rare_bound(index)))
    assert "t:korea" in common and "t:trading" in common and "t:alpha1" not in common
    rare = [k for k in index.postings if k not in common][:50]
    keys = [
        tuple(rng.sample(common, rng.randint(0, len(common))))
        + tuple(rng.sample(rare, rng.randint(0, 1)))
        + (("t:nowhere",) if rng.random() < 0.2 else ())
        for _ in range(300)
    ]
    rows = [NameRow(f"r{n}", f"name {n}") for n in range(len(keys))]
    path = tmp_path / "keys.sqlite"
    assert write_kept_keys(path, [(rows[:100], keys[:100]), (rows[100:], keys[100:])]) == 300
    registry = KeptKeys(path)
    on_disk = index_from_bytes(index_bytes(index, "k"), "k")
    assert on_disk is not None
    want = _by_definition(keys, index)
    assert 0 < len(want) < len(keys)
    assert registry.generic_rows(index.common_keys(_rare_bound(index))) == want
    assert registry.generic_rows(on_disk.common_keys(_rare_bound(on_disk))) == want
    assert sorted(on_disk.common_keys(_rare_bound(on_disk))) == common


def test_kept_keys_answer_by_id_key_and_position(tmp_path: Path) -> None:
    rows = [NameRow(f"id{n}", f"name {n}", "org", "KR" if n % 2 else "") for n in range(2_500)]
    keys = [(f"m:{n % 7}", f"t:{n}") for n in range(2_500)]
    path = tmp_path / "keys.sqlite"
    write_kept_keys(
        path, [(rows[i : i + 1_000], keys[i : i + 1_000]) for i in range(0, 2_500, 1_000)]
    )
    kept = KeptKeys(path)
    assert kept.rows == 2_500
    assert kept.positions(["id5", "id2499", "nobody"]) == {"id5": 5, "id2499": 2_499}
    found = kept.postings(["m:3", "t:1999", "t:none"])
    assert sorted(found) == ["m:3", "t:1999"]
    assert found["m:3"].tolist() == list(range(3, 2_500, 7))
    assert found["t:1999"].tolist() == [1_999]
    assert kept.rows_at([2_000, 7, 1_001]) == [rows[7], rows[1_001], rows[2_000]]
    kept.close()
