"""Tables in and out of files: CSV (UTF-8, CP949/EUC-KR, GB18030), XLSX, JSON.

Every read takes ``Limits``: file size is checked before reading, rows and field
lengths while reading, JSON nesting before parsing and an XLSX's zip before openpyxl
opens it, so hostile input is refused with the file's name instead of exhausting
memory. Writes neutralise spreadsheet formulas and replace the target atomically.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.exc import InvalidInput
from corridor.registry.atomic import replace_atomically
from corridor.registry.cells import neutralise, restore
from corridor.registry.encodings import canonical_encoding, decode
from corridor.registry.table import Cell, RawRow, RawTable, screened, too_many_rows
from corridor.registry.xlsx import read_xlsx, write_xlsx

__all__ = [
    "FORMATS",
    "Cell",
    "RawRow",
    "RawTable",
    "canonical_encoding",
    "decode",
    "detect_format",
    "read_capped",
    "read_table",
    "write_table",
    "writer_codec",
]

FORMATS: Final = ("csv", "xlsx", "json")


def detect_format(path: Path) -> str:
    """The format from the file name: .csv/.tsv, .xlsx or .json."""
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"tsv": "csv", "txt": "csv"}.get(suffix, suffix)
    if fmt not in FORMATS:
        raise InvalidInput(
            f"unsupported file type .{suffix}; use .csv, .xlsx or .json", file=str(path)
        )
    return fmt


def read_table(
    path: Path, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> RawTable:
    """Read any supported file into raw rows (no validation of the values)."""
    fmt = detect_format(path)
    if not path.is_file():
        raise InvalidInput("file does not exist", file=str(path))
    data = read_capped(path, limits)
    if fmt == "xlsx":
        return read_xlsx(path, data, limits)
    text, used = decode(data, str(path), encoding)
    if fmt == "json":
        return _read_json(path, text, used, limits)
    return _read_csv(path, text, used, limits)


def read_capped(path: Path, limits: Limits) -> bytes:
    """The bytes of a file, refused unread past ``file_bytes`` (the size is not trusted)."""
    with path.open("rb") as handle:
        data = handle.read(limits.file_bytes + 1)
    if len(data) > limits.file_bytes:
        raise InvalidInput(
            f"file is larger than {limits.file_bytes:,} bytes (CORRIDOR_MAX_FILE_BYTES)",
            file=str(path),
        )
    return data


def _read_csv(path: Path, text: str, encoding: str, limits: Limits) -> RawTable:
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    _allow_csv_fields(limits)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput("file is empty (no header row)", file=str(path)) from None
    except csv.Error as err:
        raise _csv_problem(path, 1, err, limits) from None
    columns = tuple(c.strip() for c in header)
    rows: list[RawRow] = []
    try:
        for record in reader:
            if all(c.strip() == "" for c in record):
                continue
            rows.append(_csv_row(path, reader.line_num, columns, record))
            if len(rows) > limits.rows:
                raise too_many_rows(path, limits)
    except csv.Error as err:
        bad = _csv_problem(path, reader.line_num, err, limits)
        return screened(RawTable(str(path), "csv", encoding, columns, tuple(rows), (bad,)), limits)
    return screened(RawTable(str(path), "csv", encoding, columns, tuple(rows)), limits)


def _csv_row(path: Path, number: int, columns: tuple[str, ...], record: list[str]) -> RawRow:
    """One CSV record; the apostrophe an export put before a formula-like cell is removed."""
    if len(record) > len(columns):
        raise InvalidInput(
            f"row has {len(record)} cells but the header has {len(columns)}",
            file=str(path),
            row=number,
        )
    if len(record) < len(columns):
        record = record + [""] * (len(columns) - len(record))
    # Only a cell starting with an apostrophe can carry the guard: the others skip the
    # call (an import of 20,000 wide rows made half a million of them).
    return RawRow(
        number,
        {col: restore(c) if c[:1] == "'" else c for col, c in zip(columns, record, strict=True)},
    )


def _allow_csv_fields(limits: Limits) -> None:
    """Let the csv module read fields a little longer than ``field_chars``.

    Its own limit (131,072 by default) fails with a bare ``_csv.Error``; raised just
    above ours, an over-long field reaches the field-length rule, which names the row
    and field. The limit is process-wide, so it is only ever raised.
    """
    if csv.field_size_limit() <= limits.field_chars:
        csv.field_size_limit(limits.field_chars + 1)


def _csv_problem(path: Path, row: int, err: csv.Error, limits: Limits) -> InvalidInput:
    if "field larger than field limit" in str(err):
        return InvalidInput(
            f"a field is longer than {csv.field_size_limit():,} characters; the limit is "
            f"{limits.field_chars:,} (CORRIDOR_MAX_FIELD_CHARS)",
            file=str(path),
            row=row,
        )
    return InvalidInput(f"malformed CSV ({err})", file=str(path), row=row)


_JSON_STRINGS: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_JSON_BRACKETS: Final = re.compile(r"[\[\]{}]")


def _check_json_depth(path: Path, text: str, limits: Limits) -> None:
    """Refuse nesting deeper than ``json_depth`` before ``json.loads`` recurses into it."""
    depth = 0
    for match in _JSON_BRACKETS.finditer(_JSON_STRINGS.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > limits.json_depth:
            raise InvalidInput(
                f"JSON nests deeper than {limits.json_depth} levels (CORRIDOR_MAX_JSON_DEPTH)",
                file=str(path),
            )


def _read_json(path: Path, text: str, encoding: str, limits: Limits) -> RawTable:
    _check_json_depth(path, text, limits)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidInput(
            f"not valid JSON: {err.msg} (line {err.lineno})", file=str(path)
        ) from err
    except (ValueError, RecursionError) as err:  # e.g. an integer of 5,000 digits
        raise InvalidInput(f"not valid JSON: {err}", file=str(path)) from None
    records = data.get("records", data.get("data")) if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise InvalidInput('JSON must be a list of objects or {"records": [...]}', file=str(path))
    if len(records) > limits.rows:
        raise too_many_rows(path, limits)
    rows: list[RawRow] = []
    columns: dict[str, None] = {}
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise InvalidInput("each JSON record must be an object", file=str(path), row=index)
        cells = {str(k): _json_cell(v) for k, v in record.items()}
        columns.update(dict.fromkeys(cells))
        rows.append(RawRow(index, cells))
    return screened(RawTable(str(path), "json", encoding, tuple(columns), tuple(rows)), limits)


def _json_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    return str(value) if not isinstance(value, bool) else ("true" if value else "false")


def write_table(
    path: Path,
    columns: Sequence[str],
    rows: Iterable[dict[str, Cell]],
    list_seps: dict[str, str],
    encoding: str = "utf-8",
) -> int:
    """Write rows in the format the file name asks for; returns how many were written.

    Lists become arrays in JSON and ``sep``-joined strings in CSV and XLSX, so the
    output of an export imports back unchanged. The file is replaced atomically.
    """
    fmt = detect_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    materialised = list(rows)
    if fmt == "json":
        body = [{c: r.get(c, "") for c in columns} for r in materialised]
        # ASCII escapes where UTF-8 cannot go: a lone surrogate stored before import
        # hygiene existed is written as \\udXXX (which import then refuses by name).
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
        replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        return len(materialised)
    flat = [[_flat(r.get(c, ""), list_seps.get(c, ";")) for c in columns] for r in materialised]
    if fmt == "xlsx":
        replace_atomically(path, lambda tmp: write_xlsx(tmp, columns, flat))
    else:
        codec = writer_codec(encoding)
        replace_atomically(path, lambda tmp: _write_csv(tmp, str(path), columns, flat, codec))
    return len(materialised)


def writer_codec(encoding: str) -> str:
    """The codec a CSV is written in; ``utf-8-sig`` keeps its byte-order mark (reading
    maps it to UTF-8, which skips a BOM anyway, but a writer asked for one must write it:
    it is how Excel knows the file is UTF-8)."""
    if encoding.strip().lower().replace("_", "-") in ("utf-8-sig", "utf8-sig"):
        return "utf-8-sig"
    return canonical_encoding(encoding)


def _flat(cell: Cell, sep: str) -> str:
    return sep.join(cell) if isinstance(cell, list) else cell


def _write_csv(
    path: Path, name: str, columns: Sequence[str], rows: list[list[str]], codec: str
) -> None:
    """CSV with formula-like cells neutralised; a character the codec lacks is refused."""
    with path.open("w", encoding=codec, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for number, row in enumerate(rows, start=2):
            try:
                writer.writerow([neutralise(c) for c in row])
            except UnicodeEncodeError as err:
                raise InvalidInput(
                    f"cannot be written in {codec}: {err.object[err.start : err.end]!r} "
                    "has no code there; export as utf-8",
                    file=name,
                    row=number,
                ) from None
