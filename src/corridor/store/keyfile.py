"""A registry's rows and posting keys in one SQLite file, for a batch after a list update.

A delta after a list update needs, of a registry of 10⁶ names, only the rows that
share a key with a changed entry, the rows that had hits, and the few rows whose keys
are all common. Loading every row's keys to answer that (a pickle of every posting)
costs O(registry) each time; this file holds them, written once per input file, and
opens in milliseconds:

- ``rows``: each row's position in the input, its fields and its number of keys
  (indexed by id too), so a delta reads neither the input nor every key;
- ``postings``: key → the positions of the rows holding it, as packed 32-bit integers
  (indexed by key: a delta looks up the changed entries' keys only);
- ``meta``: the number of rows and every row's number of keys as one packed array (the
  rows with no rare key are found with one vectorised count).

Rows are plain ``(id, name, kind, country, birth_date)`` strings here
(``store.base.KeyRow``); what they mean is the caller's (``services.batch_keys``).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from corridor.store.base import KeyRow, UnusableKeyFile

_CHUNK = 900  # parameters per IN (...) query, under SQLite's limit

_SCHEMA = (
    "CREATE TABLE rows (position INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL,"
    " kind TEXT NOT NULL, country TEXT NOT NULL, birth_date TEXT NOT NULL)",
    "CREATE TABLE postings (key TEXT PRIMARY KEY, positions BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
)


def write_key_file(
    target: Path, parts: Iterable[tuple[Sequence[KeyRow], Sequence[tuple[str, ...]]]]
) -> int:
    """Write ``target`` (a new file) from (rows, their keys) in input order; the rows.
    A failed write (a full disk, a read-only folder) is an OSError, as a file's is."""
    try:
        return _write(target, parts)
    except sqlite3.Error as err:
        raise OSError(f"{target}: {err}") from err


def _write(
    target: Path, parts: Iterable[tuple[Sequence[KeyRow], Sequence[tuple[str, ...]]]]
) -> int:
    postings: defaultdict[str, array[int]] = defaultdict(lambda: array("i"))
    sizes = array("i")
    with sqlite3.connect(target) as db:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        for statement in _SCHEMA:
            db.execute(statement)
        for rows, keys in parts:
            start = len(sizes)
            db.executemany(
                "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?)",
                ((start + n, *row) for n, row in enumerate(rows)),
            )
            for n, held in enumerate(keys):
                for key in held:
                    postings[key].append(start + n)
                sizes.append(len(held))
        db.executemany(
            "INSERT INTO postings VALUES (?, ?)", ((k, v.tobytes()) for k, v in postings.items())
        )
        db.execute("CREATE UNIQUE INDEX rows_id ON rows (id)")
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("rows", str(len(sizes)).encode()), ("sizes", sizes.tobytes())],
        )
    db.close()
    return len(sizes)


class KeyFile:
    """An open file of ``write_key_file``, read only: look-ups by id, key and position
    (``store.base.KeyFileRepo``).

    ``UnusableKeyFile`` when the file is missing, not such a file, or not whole."""

    def __init__(self, path: Path) -> None:
        try:
            # a file: URI made by pathlib, so that "?", "#" or "%" in a folder's name stay
            # part of the path rather than starting SQLite's query or fragment
            self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error as err:
            raise UnusableKeyFile(str(err)) from err
        try:
            self.rows, self._sizes = _meta(self._db, path)
        except (sqlite3.Error, KeyError, ValueError) as err:
            self._db.close()
            raise UnusableKeyFile(str(err)) from err

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def _in(self, sql: str, values: Iterable[object]) -> Iterator[tuple[object, ...]]:
        items = list(values)
        for i in range(0, len(items), _CHUNK):
            chunk = items[i : i + _CHUNK]
            yield from self._db.execute(sql.format(",".join("?" * len(chunk))), chunk)

    def positions(self, ids: Iterable[str]) -> dict[str, int]:
        """Position of each of ``ids`` in the input (ids not in it are left out)."""
        found = self._in("SELECT id, position FROM rows WHERE id IN ({})", ids)
        return {str(i): int(str(p)) for i, p in found}

    def postings(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        """Positions of the rows holding each of ``keys`` (keys no row holds left out)."""
        found = self._in("SELECT key, positions FROM postings WHERE key IN ({})", keys)
        return {str(k): np.frombuffer(bytes(v), dtype=np.int32) for k, v in found}  # type: ignore[call-overload]

    def rows_at(self, positions: Iterable[int]) -> list[KeyRow]:
        """The rows at ``positions``, in input order."""
        sql = (
            "SELECT position, id, name, kind, country, birth_date FROM rows WHERE position IN ({})"
        )
        found = sorted(self._in(sql, sorted(positions)), key=lambda r: int(str(r[0])))
        return [(str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5])) for r in found]

    def generic_rows(self, common: Iterable[str]) -> set[int]:
        """Rows all of whose keys are among ``common`` (a row without keys included)."""
        held = np.zeros(self.rows, dtype=np.int32)
        for positions in self.postings(common).values():
            held[positions] += 1  # a row holds a key once: no repeated positions
        sizes = np.frombuffer(self._sizes, dtype=np.int32)
        return {int(p) for p in np.flatnonzero(held == sizes)}


def _meta(db: sqlite3.Connection, path: Path) -> tuple[int, bytes]:
    """The number of rows and every row's number of keys, checked against each other."""
    found = dict(db.execute("SELECT name, value FROM meta"))
    rows = int(bytes(found["rows"]).decode())
    sizes = found["sizes"]
    if len(sizes) != 4 * rows:
        raise ValueError(f"{path}: {rows} rows but {len(sizes) // 4} key counts")
    return rows, sizes
