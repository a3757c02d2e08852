"""The registry keys of ``screen batch --since``: computed once per input file and kept
in the cache folder; a damaged kept file or a cache that cannot be written costs time,
never the answer."""

from __future__ import annotations

import csv
import logging
from collections.abc import Sequence
from pathlib import Path

import pytest

from corridor.services.batch_delta import row_keys
from corridor.services.batch_keys import kept_keys
from corridor.services.batch_rows import NameRow

NAMES = [("삼성전자", "org", "KR"), ("华为技术有限公司", "org", "CN"), ("Acme Trading", "org", "")]
DIGEST = "ab" * 32


class Counted:
    """``keys_of`` as scale/ passes it, in this process, counting the rows it keyed."""

    def __init__(self) -> None:
        self.rows = 0

    def __call__(
        self, chunks: list[list[NameRow]]
    ) -> list[tuple[Sequence[NameRow], Sequence[tuple[str, ...]]]]:
        self.rows += sum(len(c) for c in chunks)
        return [(c, row_keys(c)) for c in chunks]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "names.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "kind", "country"])
        for copy in range(4):
            writer.writerows([f"r{copy}-{n}", *row] for n, row in enumerate(NAMES))
    return path


def _kept_path(cache: Path) -> Path:
    [path] = (cache / "corridor").glob(f"registry-keys-{DIGEST[:24]}-*.sqlite")
    return path


def _answers(source: Path, keys_of: Counted) -> tuple[int, list[NameRow], set[str]]:
    kept = kept_keys(source, None, DIGEST, 5, keys_of)
    try:
        return kept.rows, kept.rows_at(range(kept.rows)), set(kept.positions(["r3-2", "none"]))
    finally:
        kept.close()


def test_keys_are_computed_once_then_opened_from_the_cache(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first, second = Counted(), Counted()
    rows, found, ids = _answers(source, first)
    assert first.rows == rows == 12 and ids == {"r3-2"}
    assert found[4] == NameRow("r1-1", "华为技术有限公司", "org", "CN")
    assert _kept_path(tmp_path / "cache").is_file()
    assert _answers(source, second) == (rows, found, ids)
    assert second.rows == 0


def test_a_damaged_kept_file_is_computed_again(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    want = _answers(source, Counted())
    _kept_path(tmp_path / "cache").write_bytes(b"half a file")
    again = Counted()
    with caplog.at_level(logging.WARNING, logger="corridor.services.batch_keys"):
        assert _answers(source, again) == want
    assert again.rows == 12 and "unusable" in caplog.text
    assert _answers(source, Counted()) == want  # and kept whole this time


def test_a_cache_that_cannot_be_written_still_gives_the_keys(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")  # the cache folder cannot be made under it
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    counted = Counted()
    with caplog.at_level(logging.WARNING, logger="corridor.services.batch_keys"):
        rows, found, ids = _answers(source, counted)
    assert (rows, counted.rows, ids) == (12, 12, {"r3-2"})
    assert found[0] == NameRow("r0-0", "삼성전자", "org", "KR")
    assert "could not keep the registry keys" in caplog.text
