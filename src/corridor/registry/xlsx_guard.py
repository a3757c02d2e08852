"""Looking inside an XLSX before openpyxl does: a zip bomb or a giant cell is refused.

openpyxl trusts the workbook: a 1 MB zip that unpacks to gigabytes, or a 300 KB one
holding a 314-million-character string, is read whole into memory before any rule of
ours runs. So the zip's members are checked first — their declared sizes, then the
bytes really unpacked (a header can lie), both against ``unpacked_bytes`` — and the
sheets and shared strings are streamed through expat, which sees text in chunks, so
an over-long cell, too many rows or a DTD (entity expansion) is refused while memory
stays small.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Final
from xml.parsers import expat

from corridor.core.limits import Limits
from corridor.exc import InvalidInput
from corridor.registry.hygiene import shorten

_CHUNK: Final = 1 << 20
_MAX_MEMBERS: Final = 10_000
_CELLS: Final = frozenset({"c", "si"})  # a sheet cell, a shared string


class _Refused(Exception):
    """Raised inside expat callbacks to stop parsing; carries the rule broken."""


def inspect_xlsx(file: str, data: bytes, limits: Limits) -> None:
    """Raise InvalidInput when the workbook would unpack or parse beyond ``limits``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise InvalidInput(f"not a readable XLSX workbook ({err})", file=file) from err
    if len(members) > _MAX_MEMBERS:
        raise InvalidInput(f"XLSX holds {len(members):,} parts; not a workbook", file=file)
    declared = sum(m.file_size for m in members)
    if declared > limits.unpacked_bytes:
        raise InvalidInput(_too_big(f"declares {declared:,} bytes unpacked", limits), file=file)
    budget = [limits.unpacked_bytes]
    with archive:
        for member in members:
            _scan_member(file, archive, member, budget, limits)


def _too_big(what: str, limits: Limits) -> str:
    return (
        f"XLSX {what}; the limit is {limits.unpacked_bytes:,} "
        "(CORRIDOR_MAX_UNPACKED_BYTES): a zip bomb?"
    )


def _scan_member(
    file: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: list[int], limits: Limits
) -> None:
    """Unpack one member with a running cap; XML parts also go through the scanner."""
    name = member.filename
    parser = _parser(name, limits) if name.endswith((".xml", ".rels")) else None
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise _Refused(_too_big("unpacks to more than it declares", limits))
                if parser is not None:
                    parser.Parse(chunk, False)
            if parser is not None:
                parser.Parse(b"", True)
    except _Refused as err:
        raise InvalidInput(str(err), file=file, field=name) from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError) as err:
        raise InvalidInput(f"not a readable XLSX workbook ({err})", file=file) from err
    except expat.ExpatError as err:
        raise InvalidInput(
            f"XLSX part is not well-formed XML ({err})", file=file, field=name
        ) from None


def _parser(part: str, limits: Limits) -> expat.XMLParserType:
    """An expat parser that refuses DTDs, and over-long cells and rows in data parts."""
    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise _Refused("XLSX part declares a DTD (entity expansion is refused)")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    if part.startswith("xl/worksheets/") or part == "xl/sharedStrings.xml":
        _watch_cells(parser, limits)
    return parser


def _watch_cells(parser: expat.XMLParserType, limits: Limits) -> None:
    state = {"chars": 0, "rows": 0, "index": -1}
    where = {"ref": ""}
    text: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local in _CELLS:
            state["chars"], state["index"] = 0, state["index"] + 1
            where["ref"] = attrs.get("r", "")
            text.clear()
        elif local == "row":
            state["rows"] += 1
            if state["rows"] > limits.rows + 1:  # + the header row
                raise _Refused(f"sheet has more than {limits.rows:,} rows (CORRIDOR_MAX_ROWS)")

    def chars(data: str) -> None:
        state["chars"] += len(data)
        if sum(len(t) for t in text) < 80:
            text.append(data[:80])
        if state["chars"] > limits.field_chars:
            cell = f"cell {where['ref']}" if where["ref"] else f"shared string #{state['index']}"
            raise _Refused(
                f"{cell} holds more than {limits.field_chars:,} characters "
                f"(CORRIDOR_MAX_FIELD_CHARS): {shorten(''.join(text))!r}…"
            )

    parser.StartElementHandler = start
    parser.CharacterDataHandler = chars
