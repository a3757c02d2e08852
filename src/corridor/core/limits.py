"""How much input Corridor accepts before it refuses, in one place.

Every door where outside data enters (imports, uploads, list files, downloads, search
documents) takes a ``Limits`` and refuses what exceeds it with a clear error naming the
file, row and field — instead of reading a zip bomb or a 300-million-character name into
memory. The defaults suit a national mission registry; ``Settings`` exposes each one as
a ``CORRIDOR_MAX_*`` variable, and the layers below take the value as an argument.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds on input; each is a ``CORRIDOR_MAX_*`` setting of the same name."""

    file_bytes: int = 100 * MiB
    """Size of one input file as given (an import, an upload, a list file)."""

    unpacked_bytes: int = 512 * MiB
    """What one compressed input may unpack to: a gzip stream, an XLSX's XML parts."""

    download_bytes: int = 512 * MiB
    """One file fetched by ``lists update`` (streamed to disk, stopped at this size)."""

    field_chars: int = 10_000
    """Characters in one field of an imported row (a name, an address, a note)."""

    rows: int = 1_000_000
    """Rows of one imported file."""

    json_depth: int = 32
    """Nesting of arrays and objects in a JSON or JSONL input."""


DEFAULT_LIMITS = Limits()
