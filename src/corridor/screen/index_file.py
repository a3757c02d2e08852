"""The screening index as one file, so a new process screens without rebuilding it.

Building the index over every list in force takes seconds (the name forms of ~16,000
entries); reading the whole of it back with pickle takes a second more. A command
that screens one name needs neither: it looks up a few dozen posting keys and scores
a few dozen entries. The file is therefore laid out to be memory-mapped and read
only where a query looks:

    magic · header length · header (JSON) · sections, each 8-byte aligned
    keys         the posting keys, sorted (one pickle; looked up by bisection)
    starts       int64 offsets into postings, one per key and one past the end
    postings     int32 entry positions, key by key
    offsets      int64 offsets into items, one per entry and one past the end
    items        one pickle per entry (its names' forms and keys), read on demand
    identifiers  (scheme, value) → positions (one pickle)

The header names what the index was built from (``key``: the caller's list versions
and ``code_version()``), the byte order, and a CRC-32 of the body, checked on opening:
a truncated or damaged file is refused with ``IndexFileBroken``, never half-read.
Pickles here are only ever read from the file this module wrote next to the user's own
database — the same trust as the database itself.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import pickle
import struct
import sys
import tempfile
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, overload

from corridor.screen.index import Indexed, NameIndex, ScreeningIndex

MAGIC = b"CORSCRX\x01"
FORMAT = 1
_LENGTH = struct.Struct("<Q")
# What the forms and keys of a name depend on: this package's name code and data,
# the curated native names, the index itself, and the types pickled into the file.
_SOURCES = (
    ("corridor.text", "**/*"),
    ("corridor.screen", "index.py"),
    ("corridor.screen", "index_file.py"),
    ("corridor.screen", "enrich.py"),
    ("corridor.screen", "data/native_names.csv"),
    ("corridor.core", "names.py"),
    ("corridor.core", "screening.py"),
)
_LIBRARIES = ("hanja", "pypinyin", "opencc")


class IndexFileBroken(Exception):
    """The file is not a whole index this code wrote (truncated, damaged, foreign)."""


@cache
def code_version() -> str:
    """A digest of everything that shapes an index besides the list entries.

    Computed from the sources themselves, so an edit to the name forms or the
    curated names makes older files stale without anyone remembering to bump a number.
    """
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for package, pattern in _SOURCES:
        root = Path(str(resources.files(package)))
        for path in sorted(root.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} -".encode())
    return digest.hexdigest()[:16]


def write_index(index: ScreeningIndex, path: Path, key: str) -> None:
    """Write ``index`` to ``path`` for ``key`` atomically (temporary file, then rename)."""
    _write_atomically(path, index_bytes(index, key))


def index_bytes(index: ScreeningIndex, key: str) -> bytes:
    """``index`` as the bytes of its file, written for ``key``."""
    keys = sorted(index.postings)
    starts = array("q", [0])
    postings = array("i")
    for k in keys:
        postings.extend(index.postings[k])
        starts.append(len(postings))
    offsets = array("q", [0])
    items = bytearray()
    for item in index.items:
        items += pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        offsets.append(len(items))
    sections = {
        "keys": pickle.dumps(keys, protocol=pickle.HIGHEST_PROTOCOL),
        "starts": starts.tobytes(),
        "postings": postings.tobytes(),
        "offsets": offsets.tobytes(),
        "items": bytes(items),
        "identifiers": pickle.dumps(index.by_identifier, protocol=pickle.HIGHEST_PROTOCOL),
    }
    return _pack(sections, key, len(index.items))


def _pack(sections: dict[str, bytes], key: str, size: int) -> bytes:
    body = bytearray()
    where: dict[str, list[int]] = {}
    for name, data in sections.items():
        body += b"\0" * (-len(body) % 8)
        where[name] = [len(body), len(data)]
        body += data
    header = json.dumps(
        {
            "format": FORMAT,
            "key": key,
            "items": size,
            "byteorder": sys.byteorder,
            "sections": where,
            "crc": zlib.crc32(body),
        }
    ).encode()
    header += b" " * (-(len(MAGIC) + _LENGTH.size + len(header)) % 8)
    return MAGIC + _LENGTH.pack(len(header)) + header + bytes(body)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(name).chmod(0o644)  # public list data; mkstemp made it owner-only
        Path(name).replace(path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def stored_key(path: Path) -> str | None:
    """The key the file at ``path`` was written for (None: no such file, or unreadable)."""
    try:
        with path.open("rb") as source:
            return str(_header(source.read(64 * 1024))["key"])
    except (OSError, IndexFileBroken, KeyError, ValueError):
        return None


def _header(data: bytes | mmap.mmap) -> dict[str, Any]:
    start = len(MAGIC) + _LENGTH.size
    if len(data) < start or data[: len(MAGIC)] != MAGIC:
        raise IndexFileBroken("not a Corridor screening index")
    (length,) = _LENGTH.unpack(data[len(MAGIC) : start])
    try:
        header: dict[str, Any] = json.loads(bytes(data[start : start + length]))
    except ValueError as err:
        raise IndexFileBroken(f"unreadable header: {err}") from None
    header["body"] = start + length
    return header


def read_index(path: Path, key: str) -> DiskIndex | None:
    """The index stored at ``path`` if it was written for ``key``; None if there is no
    file or it was written for other lists or other code. ``IndexFileBroken`` if the
    file is damaged."""
    try:
        source = path.open("rb")
    except FileNotFoundError:
        return None
    with source:
        try:
            view = mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            raise IndexFileBroken("empty file") from None
    header = _header(view)
    if header.get("key") != key or header.get("format") != FORMAT:
        view.close()
        return None
    return DiskIndex(view, header)


def index_from_bytes(data: bytes, key: str) -> DiskIndex | None:
    """The index held in ``data`` (a whole file's bytes, e.g. shipped to another
    machine) if it was written for ``key``; None if for other lists or other code;
    ``IndexFileBroken`` if damaged."""
    header = _header(data)
    if header.get("key") != key or header.get("format") != FORMAT:
        return None
    return DiskIndex(data, header)


class _Items(Sequence[Indexed]):
    """The entries of a disk index, unpickled when first asked for and kept — at most
    ``HELD`` of them: past that the kept ones are let go (a batch that touches every
    entry sooner or later holds a bounded share of them, not the whole index)."""

    HELD = 4_096

    def __init__(self, data: memoryview, offsets: memoryview) -> None:
        self._data = data
        self._offsets = offsets
        self._held: dict[int, Indexed] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, position: int) -> Indexed: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Indexed]: ...
    def __getitem__(self, position: int | slice) -> Indexed | Sequence[Indexed]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        item = self._held.get(position)
        if item is None:
            if not 0 <= position < len(self):
                raise IndexError(position)
            start, end = self._offsets[position], self._offsets[position + 1]
            if len(self._held) >= self.HELD:
                self._held.clear()
            item = self._held[position] = pickle.loads(self._data[start:end])
        return item

    def __iter__(self) -> Iterator[Indexed]:
        return (self[i] for i in range(len(self)))


class DiskIndex(NameIndex):
    """A screening index read from its file: keys by bisection, postings and entries
    straight from the memory map."""

    def __init__(self, view: mmap.mmap | bytes, header: dict[str, Any]) -> None:
        super().__init__()
        if header.get("byteorder") != sys.byteorder:
            raise IndexFileBroken("written on a machine of the other byte order")
        body = memoryview(view)[header["body"] :]
        if zlib.crc32(body) != header.get("crc"):
            raise IndexFileBroken("checksum mismatch (truncated or damaged)")
        self._view = view
        try:
            parts = {n: body[o : o + size] for n, (o, size) in header["sections"].items()}
            self._keys: list[str] = pickle.loads(parts["keys"])
            self._starts = parts["starts"].cast("q")
            self._postings = parts["postings"].cast("i")
            self.items = _Items(parts["items"], parts["offsets"].cast("q"))
            self.by_identifier: Mapping[tuple[str, str], Sequence[int]] = pickle.loads(
                parts["identifiers"]
            )
        except (KeyError, TypeError, ValueError, pickle.UnpicklingError) as err:
            raise IndexFileBroken(f"unreadable section: {err}") from None
        if len(self.items) != header.get("items") or len(self._starts) != len(self._keys) + 1:
            raise IndexFileBroken("section sizes disagree with the header")

    def posting(self, key: str) -> Sequence[int]:
        """Positions of the entries holding ``key`` (empty when none)."""
        at = bisect_left(self._keys, key)
        if at == len(self._keys) or self._keys[at] != key:
            return ()
        return self._postings[self._starts[at] : self._starts[at + 1]]

    def common_keys(self, bound: int) -> Iterator[str]:
        """The keys held by more than ``bound`` entries (one pass over the keys)."""
        starts = self._starts
        return (k for i, k in enumerate(self._keys) if starts[i + 1] - starts[i] > bound)
