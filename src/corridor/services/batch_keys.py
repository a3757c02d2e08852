"""A registry's rows and posting keys kept on disk, for ``screen batch --since``.

A delta after a list update needs, of a registry of 10⁶ names, only the rows that
share a key with a changed entry, the rows that had hits, and the few rows whose keys
are all common. Loading every row's keys to answer that costs O(registry) each time;
they are therefore kept in one file (``store.keyfile``, which ``services.uow`` opens
and writes), written once per input file (under its digest and the name code's
version, in the user's cache folder), and opened in milliseconds. Here rows go in and
come out as ``NameRow``, and ``kept_keys`` opens the kept file or makes it.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from corridor.registry.atomic import replace_atomically
from corridor.screen.index_file import code_version
from corridor.services.batch_rows import NameRow, read_name_rows
from corridor.services.screen_cache import cache_folder
from corridor.services.uow import open_key_file, write_key_file
from corridor.store.base import KeyRow
from corridor.store.base import UnusableKeyFile as UnusableKeyFile  # what KeptKeys raises

log = logging.getLogger(__name__)

Parts = Iterable[tuple[Sequence[NameRow], Sequence[tuple[str, ...]]]]
"""(rows, their keys), in input order."""


def write_kept_keys(target: Path, parts: Parts) -> int:
    """Write ``target`` (a new file) from (rows, their keys) in input order; the rows."""
    return write_key_file(target, ((_kept(rows), keys) for rows, keys in parts))


def _kept(rows: Sequence[NameRow]) -> list[KeyRow]:
    return [(r.id, r.name, r.kind, r.country, r.birth_date) for r in rows]


class KeptKeys:
    """An open file of ``write_kept_keys``: look-ups by id, key and position.

    ``UnusableKeyFile`` when the file is missing, damaged or not whole."""

    def __init__(self, path: Path) -> None:
        self._file = open_key_file(path)
        self.rows = self._file.rows

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def positions(self, ids: Iterable[str]) -> dict[str, int]:
        """Position of each of ``ids`` in the input (ids not in it are left out)."""
        return self._file.positions(ids)

    def postings(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        """Positions of the rows holding each of ``keys`` (keys no row holds left out)."""
        return self._file.postings(keys)

    def rows_at(self, positions: Iterable[int]) -> list[NameRow]:
        """The rows at ``positions``, in input order."""
        return [NameRow(*row) for row in self._file.rows_at(positions)]

    def generic_rows(self, common: Iterable[str]) -> set[int]:
        """Rows all of whose keys are among ``common`` (a row without keys included)."""
        return self._file.generic_rows(common)


def kept_keys(
    source: Path,
    encoding: str | None,
    digest: str,
    size: int,
    keys_of: Callable[[list[list[NameRow]]], Parts],
) -> KeptKeys:
    """The rows and posting keys of ``source`` (whose SHA-256 is ``digest``): from the
    cache, or read and computed by ``keys_of`` over chunks of ``size`` rows (on the
    workers: the one O(registry) step) and kept there under the input's digest."""
    path = cache_folder() / f"registry-keys-{digest[:24]}-{code_version()}.sqlite"
    try:
        return KeptKeys(path)
    except UnusableKeyFile as err:
        if path.exists():
            log.warning("registry keys in %s unusable (%s): computing them again", path, err)
    rows = read_name_rows(source, encoding, checked=True)  # the earlier batch checked it
    chunks = [rows[i : i + size] for i in range(0, len(rows), size)]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, lambda tmp: write_kept_keys(tmp, keys_of(chunks)))
        return KeptKeys(path)
    except OSError as err:  # a read-only cache: correct, only slower next time
        log.warning("could not keep the registry keys in %s: %s", path, err.strerror)
    with tempfile.TemporaryDirectory() as scratch:  # the file is opened before it goes
        held = Path(scratch) / "registry-keys.sqlite"
        write_kept_keys(held, keys_of(chunks))
        return KeptKeys(held)
