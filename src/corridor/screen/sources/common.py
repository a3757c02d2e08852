"""What every list parser shares: reading bytes, countries, names, strict CSV."""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.core.names import Name, NameKind
from corridor.core.screening import ListEntry
from corridor.exc import InvalidInput
from corridor.text.normalize import clean
from corridor.text.scripts import detect_script

EMPTY = "-0-"

# Country spellings the US and UN lists use that ISO's names do not.
_COUNTRY_FORMS = {
    "korea, north": "KP",
    "north korea": "KP",
    "democratic people's republic of korea": "KP",
    "korea, south": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "burma": "MM",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "venezuela": "VE",
    "taiwan": "TW",
    "vietnam": "VN",
    "laos": "LA",
    "bolivia": "BO",
    "tanzania": "TZ",
    "moldova": "MD",
    "turkey": "TR",
    "turkiye": "TR",
    "czech republic": "CZ",
    "macau": "MO",
    "macao": "MO",
    "hong kong": "HK",
    "china": "CN",
    "palestinian": "PS",
    "west bank": "PS",
    "gaza": "PS",
    "congo, democratic republic of the": "CD",
    "democratic republic of the congo": "CD",
    "congo, republic of the": "CG",
    "cote d'ivoire": "CI",
    "ivory coast": "CI",
    "kosovo": "XK",
    "region: crimea": "UA",
    "crimea": "UA",
    "micronesia": "FM",
    "united kingdom": "GB",
    "uk": "GB",
    "usa": "US",
    "united states": "US",
    "the former yugoslav republic of macedonia": "MK",
    "north macedonia": "MK",
    "iran (islamic republic of)": "IR",
    "syrian arab republic": "SY",
    "lao people's democratic republic": "LA",
    "united republic of tanzania": "TZ",
}


@dataclass(slots=True)
class ParseReport:
    """What a parser read, and what it skipped and why (orphan rows, say)."""

    entries: list[ListEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    published: str | None = None


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A list file's bytes, gunzipped through a capped stream.

    The caps are the point: a list file is outside data, and a 40 KB gzip can unpack to
    gigabytes, so neither the file nor what it unpacks to is read past ``limits``.
    """
    data = _raw(path, limits)
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            unpacked = stream.read(limits.unpacked_bytes + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise InvalidInput(f"truncated or corrupt gzip file ({err})", file=str(path)) from err
    if len(unpacked) > limits.unpacked_bytes:
        raise InvalidInput(
            f"gzip file unpacks to more than {limits.unpacked_bytes} bytes "
            "(CORRIDOR_MAX_UNPACKED_BYTES)",
            file=str(path),
        )
    return unpacked


def _raw(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InvalidInput("is a folder, not a list file", file=str(path))
        if size > limits.file_bytes:
            raise InvalidInput(
                f"list file is {size} bytes, over the limit of {limits.file_bytes} "
                "(CORRIDOR_MAX_FILE_BYTES)",
                file=str(path),
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput("list file does not exist", file=str(path)) from None
    except OSError as err:
        raise InvalidInput(f"cannot read list file ({err.strerror})", file=str(path)) from err


def read_text(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """A list file's text: gzip transparently, UTF-8 (cp1252 fallback), no 0x1A tail."""
    data = read_bytes(path, limits).rstrip(b"\r\n\x1a \t")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_rows(
    path: Path,
    width: int,
    *,
    delimiter: str = ",",
    header: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[tuple[int, list[str]]]:
    """Rows of a headerless (or headed) CSV, each exactly ``width`` cells, else an error.

    A wrong width is how a truncated or malformed file shows itself, so it is fatal.
    """
    text = read_text(path, limits)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for number, row in enumerate(reader, start=1):
            if (header and number == 1) or (len(row) == 1 and row[0].strip() == ""):
                continue
            if number > limits.rows:
                raise InvalidInput(
                    f"more than {limits.rows} rows (CORRIDOR_MAX_ROWS)", file=str(path), row=number
                )
            if len(row) != width:
                raise InvalidInput(
                    f"expected {width} columns, found {len(row)} (malformed or truncated file)",
                    file=str(path),
                    row=number,
                )
            yield number, [cell.strip() for cell in row]
    except csv.Error as err:
        raise InvalidInput(f"malformed CSV: {err}", file=str(path), row=reader.line_num) from err


def value(cell: str) -> str | None:
    """A cell's value, None for OFAC's ``-0-`` and empty cells."""
    text = cell.strip()
    return None if text in ("", EMPTY) else text


@cache
def country_code(name: str) -> str | None:
    """ISO alpha-2 code for a country as lists spell it, or None when unknown."""
    key = clean(name).lower().strip(" .")
    if key in _COUNTRY_FORMS:
        return _COUNTRY_FORMS[key]
    if len(key) == 2 and pycountry.countries.get(alpha_2=key.upper()) is not None:
        return key.upper()
    try:
        found = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return str(found.alpha_2)


def name(text: str, kind: NameKind = NameKind.LEGAL, lang: str | None = None) -> Name:
    """A list name with its script detected."""
    cleaned = clean(text)
    return Name(cleaned, detect_script(cleaned), lang, kind)


def unique(items: list[str]) -> tuple[str, ...]:
    """Items in first-seen order, without repeats or empties."""
    return tuple(dict.fromkeys(i for i in items if i))


_DOB = re.compile(r"\bDOB ([^;]+)")


def birth_dates(remarks: str) -> list[str]:
    """Dates of birth from OFAC remarks (``DOB 08 Jan 1984``; ``alt. DOB 1985``)."""
    return [m.strip(" .") for m in _DOB.findall(remarks)]


def integer(text: str, path: Path, row: int, field: str) -> int:
    """A cell that must be a whole number (OFAC's ``ent_num``), else a located error."""
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(
            "not a whole number", file=str(path), row=row, field=field, value=text[:80]
        ) from None


def require_entries(report: ParseReport, path: Path) -> ParseReport:
    """A list file with no entries is broken, not empty."""
    if len(report.entries) == 0:
        raise InvalidInput("no list entries found (wrong or truncated file?)", file=str(path))
    return report
