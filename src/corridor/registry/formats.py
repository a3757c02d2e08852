"""Tables in and out of files: CSV (UTF-8, CP949/EUC-KR, GB18030), XLSX, JSON.

Korean and Chinese organisers still receive spreadsheets saved by Excel in the
legacy code pages, so an encoding is detected rather than assumed; a file that
cannot be read is refused with its name, never read as mojibake.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from charset_normalizer import from_bytes

from corridor.exc import InvalidInput
from corridor.text.charfreq import ordinariness

Cell = str | list[str]

FORMATS: Final = ("csv", "xlsx", "json")
# Encodings we detect; anything else must be named with --encoding.
_LEGACY: Final = ("cp949", "gb18030")
_LANG: Final = {"cp949": "ko", "gb18030": "zh"}
_ALIASES: Final = {
    "euc-kr": "cp949",
    "euc_kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8",
}


@dataclass(frozen=True, slots=True)
class RawRow:
    """One record as read: its row number as a person counts it, and its cells."""

    number: int
    cells: dict[str, Cell]


@dataclass(frozen=True, slots=True)
class RawTable:
    """Every record of a file, the columns it declared, and how it was read."""

    path: str
    fmt: str
    encoding: str | None
    columns: tuple[str, ...]
    rows: tuple[RawRow, ...]


def detect_format(path: Path) -> str:
    """The format from the file name: .csv/.tsv, .xlsx or .json."""
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"tsv": "csv", "txt": "csv"}.get(suffix, suffix)
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unsupported file type .{suffix}; use .csv, .xlsx or .json", file=str(path)
        )
    return fmt


def read_table(path: Path, encoding: str | None = None) -> RawTable:
    """Read any supported file into raw rows (no validation of the values)."""
    fmt = detect_format(path)
    if not path.is_file():
        raise InvalidInput("file does not exist", file=str(path))
    data = path.read_bytes()
    if fmt == "xlsx":
        return _read_xlsx(path, data)
    text, used = decode(data, str(path), encoding)
    if fmt == "json":
        return _read_json(path, text, used)
    return _read_csv(path, text, used)


def canonical_encoding(name: str) -> str:
    """The codec name we use for an encoding a user typed (EUC-KR → cp949)."""
    lowered = name.strip().lower()
    mapped = _ALIASES.get(lowered, lowered)
    try:
        codecs.lookup(mapped)
    except LookupError as err:
        raise InvalidInput(f"unknown encoding {name!r}", field="encoding", value=name) from err
    return mapped


def decode(data: bytes, file: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes; detect UTF-8 (with or without BOM), CP949 or GB18030.

    CP949 is the superset of EUC-KR that Windows writes, GB18030 the superset of
    GB2312/GBK. A legacy double-byte file decodes without error in both, so the
    winner is the decoding whose letters are the expected script (Hangul for CP949,
    Han for GB18030), cross-checked with charset-normalizer's language model.
    """
    if encoding is not None:
        codec = canonical_encoding(encoding)
        try:
            return data.decode("utf-8-sig" if codec == "utf-8" else codec), codec
        except UnicodeDecodeError as err:
            raise InvalidInput(
                f"cannot be decoded as {codec} at byte {err.start}",
                file=file,
                field="encoding",
                value=encoding,
            ) from err
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    legacy = _guess_legacy(data)
    if legacy is None:
        raise InvalidInput(
            "encoding not recognised (tried UTF-8, CP949/EUC-KR, GB18030); name it with --encoding",
            file=file,
        )
    return data.decode(legacy), legacy


def _guess_legacy(data: bytes) -> str | None:
    candidates: dict[str, str] = {}
    for codec in _LEGACY:
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if len(candidates) <= 1:
        return next(iter(candidates), None)
    scores = {c: ordinariness(text, _LANG[c]) for c, text in candidates.items()}
    ranked = sorted(scores, key=lambda c: scores[c], reverse=True)
    if scores[ranked[0]] - scores[ranked[1]] >= 0.1:
        return ranked[0]
    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()  # a second opinion on a close call
    return best.encoding if best is not None and best.encoding in candidates else ranked[0]


def _read_csv(path: Path, text: str, encoding: str) -> RawTable:
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput("file is empty (no header row)", file=str(path)) from None
    columns = tuple(c.strip() for c in header)
    rows: list[RawRow] = []
    for record in reader:
        if all(c.strip() == "" for c in record):
            continue
        number = reader.line_num
        if len(record) > len(columns):
            raise InvalidInput(
                f"row has {len(record)} cells but the header has {len(columns)}",
                file=str(path),
                row=number,
            )
        cells = {col: (record[i] if i < len(record) else "") for i, col in enumerate(columns)}
        rows.append(RawRow(number, dict(cells)))
    return RawTable(str(path), "csv", encoding, columns, tuple(rows))


def _read_json(path: Path, text: str, encoding: str) -> RawTable:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidInput(
            f"not valid JSON: {err.msg} (line {err.lineno})", file=str(path)
        ) from err
    records = data.get("records", data.get("data")) if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise InvalidInput('JSON must be a list of objects or {"records": [...]}', file=str(path))
    rows: list[RawRow] = []
    columns: dict[str, None] = {}
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise InvalidInput("each JSON record must be an object", file=str(path), row=index)
        cells = {str(k): _json_cell(v) for k, v in record.items()}
        columns.update(dict.fromkeys(cells))
        rows.append(RawRow(index, cells))
    return RawTable(str(path), "json", encoding, tuple(columns), tuple(rows))


def _json_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return str(value) if not isinstance(value, bool) else ("true" if value else "false")


def _read_xlsx(path: Path, data: bytes) -> RawTable:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a corrupt file
        raise InvalidInput(
            f"not a readable XLSX workbook ({type(err).__name__})", file=str(path)
        ) from err
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = next(values, None)
    if header is None:
        raise InvalidInput("workbook's first sheet is empty (no header row)", file=str(path))
    columns = tuple("" if c is None else str(c).strip() for c in header)
    rows: list[RawRow] = []
    for number, record in enumerate(values, start=2):
        cells = [_xlsx_cell(v) for v in record]
        if all(c == "" for c in cells):
            continue
        rows.append(
            RawRow(
                number,
                {
                    col: cells[i] if i < len(cells) else ""
                    for i, col in enumerate(columns)
                    if col != ""
                },
            )
        )
    book.close()
    return RawTable(str(path), "xlsx", None, tuple(c for c in columns if c != ""), tuple(rows))


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def write_table(
    path: Path,
    columns: Sequence[str],
    rows: Iterable[dict[str, Cell]],
    list_seps: dict[str, str],
    encoding: str = "utf-8",
) -> int:
    """Write rows in the format the file name asks for; returns how many were written.

    Lists become arrays in JSON and ``sep``-joined strings in CSV and XLSX, so the
    output of an export imports back unchanged.
    """
    fmt = detect_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    materialised = list(rows)
    if fmt == "json":
        body = [{c: r.get(c, "") for c in columns} for r in materialised]
        path.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return len(materialised)
    flat = [[_flat(r.get(c, ""), list_seps.get(c, ";")) for c in columns] for r in materialised]
    if fmt == "xlsx":
        _write_xlsx(path, columns, flat)
    else:
        with path.open("w", encoding=canonical_encoding(encoding), newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(flat)
    return len(materialised)


def _flat(cell: Cell, sep: str) -> str:
    return sep.join(cell) if isinstance(cell, list) else cell


def _write_xlsx(path: Path, columns: Sequence[str], rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.append(list(columns))
    for row in rows:
        sheet.append(row)
    book.save(path)
