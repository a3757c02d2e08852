"""The legal corpus in JSON Lines (optionally gzipped): one law or CFR section a line.

Every line is checked before it becomes a Document, because a corpus file may come
from anywhere: a line that is not JSON, not an object, nested deeper than
``Limits.json_depth``, missing a key, holding the wrong type, an unknown language, a
bad date or a lone surrogate (which JSON allows and UTF-8 cannot encode) is an
InvalidInput naming the file, the line, the field, the value and the rule. A gzip
stream is read no further than ``Limits.unpacked_bytes`` whatever it claims, and a
damaged one is an InvalidInput too, never a zlib or gzip traceback.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, cast

from corridor.core.documents import Document
from corridor.core.limits import Limits
from corridor.exc import InvalidInput

LANGS = ("ko", "zh", "en")
REQUIRED = ("id", "lang", "jurisdiction", "title", "text")
OPTIONAL = ("effective_date", "version_date", "section", "official_url")
DATES = ("effective_date", "version_date")
# ``text`` is a whole law (the longest Korean statute runs to 600,000 characters): it is
# bounded by the file and unpacked sizes, not by ``Limits.field_chars`` as the rest are.
_LONG = frozenset({"text"})
_SHOWN = 80  # characters of a refused value quoted in the error
# A Federal Register citation in a CFR section's source note: "> [88 FR 73488, Oct. 25, 2023]".
_CITED = re.compile(r"\d+ FR \d+, ([A-Z][a-z]+)\.? (\d{1,2}), (\d{4})")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}


def read_jsonl(path: Path, limits: Limits) -> Iterator[Document]:
    """The documents of a ``.jsonl`` or ``.jsonl.gz`` file, line by line."""
    records = 0
    for number, raw in _lines(path, limits):
        if len(raw.strip()) == 0:
            continue  # a blank line (often the last) holds no record
        records += 1
        if records > limits.rows:
            raise InvalidInput(f"more than {limits.rows} records", file=str(path), row=number)
        yield _document(path, number, _parse(path, number, raw, limits), limits)
    if records == 0:
        raise InvalidInput("no records: the file is empty", file=str(path))


def _lines(path: Path, limits: Limits) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of the file, unpacked if gzipped, within the size limits."""
    packed = path.name.lower().endswith(".gz")
    budget = limits.unpacked_bytes if packed else limits.file_bytes
    rule = "unpacks to more than" if packed else "is larger than"
    seen, number = 0, 0
    try:
        with _open(path, packed) as handle:
            while True:
                line = handle.readline(budget - seen + 1)
                if not line:
                    return
                seen += len(line)
                number += 1
                if seen > budget:
                    raise InvalidInput(
                        f"{rule} {budget} bytes (CORRIDOR_MAX_"
                        f"{'UNPACKED' if packed else 'FILE'}_BYTES); not read further",
                        file=str(path),
                        row=number,
                    )
                yield number, line
    except (gzip.BadGzipFile, zlib.error, EOFError) as err:
        raise InvalidInput(
            f"damaged gzip file after line {number} ({err})", file=str(path), row=number + 1
        ) from err
    except OSError as err:
        raise InvalidInput(f"cannot read the file ({err})", file=str(path)) from err


def _open(path: Path, packed: bool) -> IO[bytes]:
    return cast(IO[bytes], gzip.open(path, "rb")) if packed else path.open("rb")


def _parse(path: Path, number: int, raw: bytes, limits: Limits) -> dict[str, object]:
    """One line as a JSON object, or an InvalidInput saying why it is not one."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _bad(f"not UTF-8 (byte {err.start} of the line)", path, number) from err
    too_deep = f"JSON nested deeper than {limits.json_depth} levels"
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        raise _bad(f"not valid JSON: {err.msg} (column {err.colno})", path, number) from err
    except RecursionError as err:
        raise _bad(too_deep, path, number) from err
    if not isinstance(record, dict):
        raise _bad(f"each line must be a JSON object, not {type(record).__name__}", path, number)
    if _depth(record) > limits.json_depth:
        raise _bad(too_deep, path, number)
    return record


def _bad(
    rule: str, path: Path, number: int, field: str | None = None, value: object = None
) -> InvalidInput:
    return InvalidInput(rule, file=str(path), row=number, field=field, value=value)


def _depth(value: object) -> int:
    """How deeply arrays and objects nest in a parsed JSON value (iteratively: a
    recursive walk is what a deep document attacks)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in item)
    return deepest


def _document(path: Path, number: int, record: dict[str, object], limits: Limits) -> Document:
    """A checked record as a Document (a CFR section when it names one)."""
    fields = {name: _field(path, number, record, name, limits) for name in REQUIRED + OPTIONAL}
    cfr = fields["section"] is not None
    text = _required(fields, "text")
    dated = fields["effective_date"] or fields["version_date"]
    return Document(
        id=_required(fields, "id"),
        lang=_required(fields, "lang"),
        jurisdiction=_required(fields, "jurisdiction"),
        title=_required(fields, "title"),
        text=text,
        date=dated or (amended(text) if cfr else None),
        source=fields["section"] if cfr else fields["official_url"],
        kind="cfr" if cfr else "law",
    )


def amended(text: str) -> str | None:
    """The latest Federal Register date a CFR section's source notes cite (the last
    amendment the stored text includes), as YYYY-MM-DD; None when they cite none, or
    when an editorial note sends the reader to the List of CFR Sections Affected (the
    note then gives only the original rule, not the amendments the text includes)."""
    if "For Federal Register citations affecting" in text:
        return None
    found: list[str] = []
    for line in text.splitlines():
        if not line.startswith(">"):
            continue  # only the source notes, never a date the rule itself names
        for month, day, year in _CITED.findall(line):
            number = _MONTHS.get(month[:3])
            if number is not None:
                found.append(f"{year}-{number:02d}-{int(day):02d}")
    return max(found, default=None)


def _required(fields: dict[str, str | None], name: str) -> str:
    value = fields[name]
    assert value is not None  # checked by _field
    return value


def _field(
    path: Path, number: int, record: dict[str, object], name: str, limits: Limits
) -> str | None:
    """One field, checked: present when required, a string, within limits, encodable."""
    if name not in record or record[name] is None:
        if name in REQUIRED:
            raise _bad("required key missing (or null)", path, number, name)
        return None
    value = record[name]
    if not isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False)[:_SHOWN]
        rule = f"must be a string, not {type(value).__name__}"
        raise _bad(rule, path, number, name, shown)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        rule = f"a lone surrogate ({value[err.start]!r} at character {err.start}) is not text"
        shown = value[:_SHOWN].encode("utf-8", "backslashreplace").decode()
        raise _bad(rule, path, number, name, shown) from err
    broken = _broken_rule(value, name, limits)
    if broken is not None:
        raise _bad(broken, path, number, name, value[:_SHOWN])
    return value


def _broken_rule(value: str, name: str, limits: Limits) -> str | None:
    """The rule a field's content breaks (length, language, date, empty), if any."""
    if name not in _LONG and len(value) > limits.field_chars:
        return f"longer than {limits.field_chars} characters"
    if name in ("id", "text") and len(value.strip()) == 0:
        return "must not be empty"
    if name == "lang" and value not in LANGS:
        return f"must be one of {', '.join(LANGS)}"
    if name in DATES and not _iso_date(value):
        return "must be a date YYYY-MM-DD"
    return None


def _iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
