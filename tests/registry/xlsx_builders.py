"""Building hostile XLSX files in tests: zip bombs and giant cells, streamed to disk.

The files are made on the fly (too big to commit) from a real workbook written by
openpyxl, with one placeholder cell replaced by a stream of characters, so the rest
of the workbook is exactly what Excel-compatible tools produce.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

PLACEHOLDER = "PLACEHOLDER-CELL"


def workbook(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A small real workbook, written by openpyxl alone (inline strings)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for values in (header, *rows):
        cells = [WriteOnlyCell(sheet, value=v) for v in values]
        for cell in cells:
            cell.data_type = "s"
        sheet.append(cells)
    book.save(path)
    return path


def with_giant_cell(path: Path, chars: int, letter: str = "A") -> Path:
    """A workbook whose one name cell holds ``chars`` characters (compresses ~1000:1)."""
    base = workbook(path.with_suffix(".base.xlsx"), ["key", "name_en"], [["x", PLACEHOLDER]])
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if PLACEHOLDER.encode() not in data:
                out.writestr(info, data)
                continue
            before, after = data.split(PLACEHOLDER.encode())
            with out.open(info.filename, "w", force_zip64=True) as member:
                member.write(before)
                block = (letter * (1 << 20)).encode()
                for _ in range(chars // len(block)):
                    member.write(block)
                member.write((letter * (chars % len(block))).encode())
                member.write(after)
    base.unlink()
    return path


def bomb(path: Path, unpacked: int) -> Path:
    """A workbook with an extra part of ``unpacked`` zero bytes (about 1 KB per MB)."""
    base = workbook(path.with_suffix(".base.xlsx"), ["key"], [["x"]])
    with (
        zipfile.ZipFile(base) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
    ):
        for info in src.infolist():
            out.writestr(info, src.read(info))
        with out.open("xl/media/padding.bin", "w", force_zip64=True) as member:
            block = bytes(1 << 20)
            for _ in range(unpacked // len(block)):
                member.write(block)
    base.unlink()
    return path


def replace_part(path: Path, part: str, text: str) -> Path:
    """Rewrite one XML part of a workbook in place (for DTDs and formula cells)."""
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    parts[part] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path
