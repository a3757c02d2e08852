"""A search index is replaced whole or not at all (search/atomic.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from corridor.core.documents import Document
from corridor.exc import InvalidInput
from corridor.search.index import Index, build
from corridor.search.ingest import read_path
from corridor.search.query import Filters, search
from corridor.services.bundled import bundled
from corridor.services.search import ask, index_paths

LEGAL = bundled("legal")
PIPA = LEGAL / "ko" / "key_laws" / "개인정보보호법" / "법률.md"
PIPL = LEGAL / "zh" / "key_laws" / "个人信息保护法(2021-08-20).md"
QUESTION = "개인정보 국외 이전"


def _dead_pid() -> int:
    """The pid of a process that has ended (a killed build's, say)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def _siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(folder.name + "."))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "idx"
    index_paths([PIPA, PIPL], folder, vectors="none")
    return folder


def test_a_refused_file_keeps_the_previous_index(folder: Path, tmp_path: Path) -> None:
    before = ask(folder, QUESTION, k=5)
    stamp = json.loads((folder / "manifest.json").read_text())["stamp"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match="required key missing"):
        index_paths([PIPA, bad], folder, vectors="none")
    assert ask(folder, QUESTION, k=5) == before
    assert json.loads((folder / "manifest.json").read_text())["stamp"] == stamp
    assert _siblings(folder) == []  # nothing half-built left behind


def test_an_error_while_building_keeps_the_previous_index(folder: Path) -> None:
    """Ctrl-C (or any error) half-way through writing: the build removes its folder."""
    before = ask(folder, QUESTION, k=5)

    def interrupted() -> Iterator[Document]:
        yield from read_path(PIPA)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(interrupted(), folder)
    assert ask(folder, QUESTION, k=5) == before
    assert _siblings(folder) == []


def test_a_killed_builds_folder_is_never_read_and_is_cleaned_up(folder: Path) -> None:
    before = ask(folder, QUESTION, k=5)
    stale = folder.with_name(f"idx.building-{_dead_pid()}")
    stale.mkdir()
    (stale / "chunks.jsonl").write_text("{not json", encoding="utf-8")
    assert ask(folder, QUESTION, k=5) == before
    count, _, reused = index_paths([PIPA, PIPL], folder, vectors="none")
    assert _siblings(folder) == [] and (count, reused) == (2, 2)


def test_the_rebuild_reuses_the_previous_index_and_replaces_it(folder: Path) -> None:
    """The analysis cache is read from the old index while the new one is written."""
    assert index_paths([PIPA], folder, vectors="none")[2] == 1
    assert {c.lang for c in Index(folder).chunks} == {"ko"}
    assert sorted(p.name for p in folder.iterdir()) == [
        "bm25-en",
        "bm25-ko",
        "bm25-zh",
        "chunks.jsonl",
        "manifest.json",
        "tokens.jsonl",
    ]


def test_an_index_of_the_old_layout_is_replaced(tmp_path: Path) -> None:
    """A folder an earlier Corridor built in place (with its leftovers) is replaced, and
    its analysis still reused."""
    folder = tmp_path / "idx"
    index_paths([PIPA], folder, vectors="none")
    (folder / "tokens.jsonl.new").write_text("half", encoding="utf-8")
    (folder / "dense.npz").write_bytes(b"PK\x03\x04 torn")
    assert index_paths([PIPA, PIPL], folder, vectors="key-laws")[2] == 1
    assert not (folder / "tokens.jsonl.new").exists()
    hits = search(Index(folder), "personal information transferred overseas", k=3)
    assert hits


def test_a_folder_that_is_not_an_index_is_never_replaced(tmp_path: Path) -> None:
    own = tmp_path / "Documents"
    own.mkdir()
    (own / "thesis.docx").write_bytes(b"mine")
    with pytest.raises(InvalidInput, match="not a search index folder"):
        index_paths([PIPA], own, vectors="none")
    assert (own / "thesis.docx").read_bytes() == b"mine" and _siblings(own) == []


def test_a_damaged_tokens_cache_is_analysed_again(folder: Path) -> None:
    (folder / "tokens.jsonl").write_text('{"hash": 1}\n[', encoding="utf-8")
    assert index_paths([PIPA, PIPL], folder, vectors="none")[2] == 0
    assert ask(folder, QUESTION, Filters(lang="ko"), k=1)


def test_a_damaged_index_is_a_clear_error(folder: Path) -> None:
    (folder / "bm25-ko" / "positions.npy").write_bytes(b"\x93NUMPY torn")
    with pytest.raises(InvalidInput, match="damaged search index"):
        ask(folder, QUESTION, k=5)
    index_paths([PIPA, PIPL], folder, vectors="none")  # a rebuild mends it
    assert ask(folder, QUESTION, k=5)


def test_an_index_behind_a_symlink_is_replaced_where_it_lives(folder: Path) -> None:
    link = folder.with_name("current")
    link.symlink_to(folder, target_is_directory=True)
    index_paths([PIPA], link, vectors="none")
    assert link.is_symlink() and {c.lang for c in Index(link).chunks} == {"ko"}
    assert _siblings(folder) == [] and _siblings(link) == []


def test_a_loaded_index_is_kept_until_a_rebuild_swaps_in_another(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corridor.services import read_cache
    from corridor.services.search import open_index

    monkeypatch.delenv(read_cache.ENV, raising=False)
    first = open_index(folder)
    assert open_index(folder) is first  # kept: no load per question
    assert {c.lang for c in first.chunks} == {"ko", "zh"}
    index_paths([PIPA], folder, vectors="none")
    rebuilt = open_index(folder)
    assert rebuilt is not first
    assert {c.lang for c in rebuilt.chunks} == {"ko"}  # the new build answers at once
    monkeypatch.setenv(read_cache.ENV, "0")
    assert open_index(folder) is not open_index(folder)  # the switch turns it off
