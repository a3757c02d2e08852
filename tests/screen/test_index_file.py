"""The screening index written to a file and read back answers exactly as built."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.screen.index import ScreeningIndex
from corridor.screen.index_file import IndexFileBroken, read_index, stored_key, write_index
from corridor.screen.matcher import Screener
from corridor.screen.sources.detect import parse_list
from corridor.services.screening import build_index
from tests.conftest import FIXTURES
from tests.screen.test_matcher import q

LISTS = FIXTURES / "lists"


@pytest.fixture(scope="module")
def built() -> ScreeningIndex:
    paths = ("ofac_sdn/sdn.csv", "un_sc/consolidated.xml", "bis_dpl/dpl.txt")
    return build_index([e for p in paths for e in parse_list(LISTS / p)[1].entries])


def test_every_posting_identifier_and_entry_reads_back(
    built: ScreeningIndex, tmp_path: Path
) -> None:
    path = tmp_path / "index"
    write_index(built, path, "lists v1")
    disk = read_index(path, "lists v1")
    assert disk is not None and len(disk) == len(built) and stored_key(path) == "lists v1"
    assert all(list(disk.posting(k)) == p for k, p in built.postings.items())
    assert disk.posting("t:no-such-token") == () and built.posting("t:no-such-token") == ()
    assert dict(disk.by_identifier) == dict(built.by_identifier)
    assert list(disk.items) == built.items
    for token in ("kim", "bank", "aerocaribbean", "zzz"):
        assert disk.idf(token) == built.idf(token)


@pytest.mark.parametrize("text", ["KIM Jong Un", "Aerocaribbean", "Banco Nacional", "Nobody Here"])
def test_the_same_hits_from_disk_as_from_memory(
    built: ScreeningIndex, tmp_path: Path, text: str
) -> None:
    write_index(built, tmp_path / "index", "k")
    disk = read_index(tmp_path / "index", "k")
    assert disk is not None
    assert Screener(disk).screen(q(text)) == Screener(built).screen(q(text))


def test_another_key_or_no_file_is_none_and_a_cut_file_is_refused(
    built: ScreeningIndex, tmp_path: Path
) -> None:
    path = tmp_path / "index"
    assert read_index(path, "k") is None and stored_key(path) is None
    write_index(built, path, "k")
    assert read_index(path, "other lists") is None
    path.write_bytes(path.read_bytes()[:-1000])
    with pytest.raises(IndexFileBroken, match="checksum"):
        read_index(path, "k")
    assert [p.name for p in tmp_path.iterdir()] == ["index"]  # no temporary file left


def test_memory_held_by_a_disk_index_is_bounded(
    built: ScreeningIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long batch touches many entries and meets many words no list holds: the
    entries kept unpickled and the rarity weights kept stay bounded, and answers stay
    the same."""
    write_index(built, tmp_path / "index", "k")
    disk = read_index(tmp_path / "index", "k")
    assert disk is not None
    monkeypatch.setattr(type(disk.items), "HELD", 16)
    for _ in range(2):
        assert list(disk.items) == built.items
        assert len(disk.items._held) <= 16  # type: ignore[attr-defined]
    unseen = [disk.idf(f"nowhere{n}") for n in range(2_000)]
    assert len(set(unseen)) == 1 and unseen[0] == built.idf("nowhere0") > disk.idf("kim")
    assert len(disk._idf) <= 1  # "kim" only
