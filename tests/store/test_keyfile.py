"""The registry key file of ``screen batch --since``: its layout on disk, and files it
refuses (so that the caller computes the keys again instead of failing)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from corridor.store.keyfile import KeyFile, UnusableKeyFile, write_key_file

# The layout files already kept in users' cache folders have: a change here is a
# change of file format, and those files would no longer open.
LAYOUT = [
    (
        "table",
        "rows",
        "CREATE TABLE rows (position INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT"
        " NULL, kind TEXT NOT NULL, country TEXT NOT NULL, birth_date TEXT NOT NULL)",
    ),
    (
        "table",
        "postings",
        "CREATE TABLE postings (key TEXT PRIMARY KEY, positions BLOB NOT NULL) WITHOUT ROWID",
    ),
    (
        "table",
        "meta",
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
    ),
    ("index", "rows_id", "CREATE UNIQUE INDEX rows_id ON rows (id)"),
]


def _written(path: Path) -> Path:
    rows = [(f"id{n}", f"name {n}", "org", "KR", "") for n in range(5)]
    keys = [(f"t:{n}", "t:common") for n in range(5)]
    assert write_key_file(path, [(rows[:2], keys[:2]), (rows[2:], keys[2:])]) == 5
    return path


def test_the_layout_on_disk_is_the_kept_one(tmp_path: Path) -> None:
    path = _written(tmp_path / "keys.sqlite")
    with sqlite3.connect(path) as db:
        found = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
        meta = dict(db.execute("SELECT name, value FROM meta"))
        postings = dict(db.execute("SELECT key, positions FROM postings"))
    db.close()
    assert found == LAYOUT
    assert meta == {"rows": b"5", "sizes": (2).to_bytes(4, "little") * 5}
    assert postings["t:common"] == b"".join(n.to_bytes(4, "little") for n in range(5))
    kept = KeyFile(path)
    assert kept.rows_at([4, 0]) == [
        ("id0", "name 0", "org", "KR", ""),
        ("id4", "name 4", "org", "KR", ""),
    ]
    kept.close()


def _drop_meta(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM meta WHERE name = 'sizes'")
    db.close()


def _short_sizes(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE name = 'sizes'", (b"\x00" * 8,))
    db.close()


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"not a database at all" * 100)


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda p: p.unlink(), "unable to open"),
        (_not_sqlite, "not a database"),
        (_drop_meta, "'sizes'"),
        (_short_sizes, "5 rows but 2 key counts"),
    ],
)
def test_a_missing_or_damaged_file_is_unusable(
    tmp_path: Path, damage: Callable[[Path], None], said: str
) -> None:
    path = _written(tmp_path / "keys.sqlite")
    damage(path)
    with pytest.raises(UnusableKeyFile, match=said):
        KeyFile(path)


def test_a_folder_named_with_uri_marks_still_opens(tmp_path: Path) -> None:
    folder = tmp_path / "cache?v=1#x%20y"  # "?", "#" and "%" are a URI's, not this path's
    folder.mkdir()
    kept = KeyFile(_written(folder / "keys.sqlite"))
    assert kept.rows == 5
    kept.close()


def test_a_failed_write_is_an_os_error(tmp_path: Path) -> None:
    target = tmp_path / "keys.sqlite"
    target.mkdir()  # SQLite cannot open a folder as its database
    with pytest.raises(OSError, match=r"keys\.sqlite"):
        write_key_file(target, [([("id0", "name", "org", "KR", "")], [("t:0",)])])
