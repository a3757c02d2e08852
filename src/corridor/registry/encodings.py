"""Which encoding a CSV or JSON file is in: UTF-8 (with or without BOM), CP949, GB18030.

Korean and Chinese organisers still receive spreadsheets saved by Excel in the
legacy code pages, so an encoding is detected rather than assumed. A file that does
not read cleanly in one of them is refused with its name, never stored as mojibake:
GB18030 decodes almost any byte string, so "it decoded" proves nothing — a UTF-8 or
CP949 file with one stray cp1252 byte decodes as GB18030 into rare characters.
"""

from __future__ import annotations

import codecs
from typing import Final

from charset_normalizer import from_bytes

from corridor.exc import InvalidInput
from corridor.text.charfreq import ordinariness

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
# Below this share of common characters a legacy decoding is taken for mojibake;
# real registry files (names, cities) score far above it, mojibake far below.
_PLAUSIBLE: Final = 0.5
# A file is "mostly X with stray bytes" when X reads at least this many characters
# beyond ASCII for every byte it cannot read.
_MOSTLY: Final = 4
_HINT: Final = "pass --encoding"


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
    Han for GB18030), cross-checked with charset-normalizer's language model. A
    winner whose letters are mostly rare is mojibake and is refused.
    """
    if encoding is not None:
        return _decode_as(data, file, canonical_encoding(encoding), encoding)
    if data.startswith(codecs.BOM_UTF8):
        _refuse_if_mostly(data[len(codecs.BOM_UTF8) :], file, "utf-8")
        return _decode_as(data, file, "utf-8", "utf-8-sig")[0], "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    _refuse_if_mostly(data, file, "utf-8")
    legacy = _guess_legacy(data)
    text = "" if legacy is None else data.decode(legacy)
    if legacy is not None and ordinariness(text, _LANG[legacy]) >= _PLAUSIBLE:
        return text, legacy
    for codec in _LEGACY:
        _refuse_if_mostly(data, file, codec)
    if legacy is None:
        raise InvalidInput(
            "encoding not recognised (tried UTF-8, CP949/EUC-KR, GB18030); name it with --encoding",
            file=file,
        )
    raise InvalidInput(
        f"looks like cp1252/{legacy.upper()} (mixed encodings?): as {legacy} it reads "
        f"only as rare characters (mojibake); {_HINT}",
        file=file,
    )


def _decode_as(data: bytes, file: str, codec: str, named: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig" if codec == "utf-8" else codec), codec
    except UnicodeDecodeError as err:
        raise InvalidInput(
            f"cannot be decoded as {codec} at byte {err.start}",
            file=file,
            field="encoding",
            value=named,
        ) from err


def _refuse_if_mostly(data: bytes, file: str, codec: str) -> None:
    """Refuse a file that reads as ``codec`` except for a few stray bytes.

    Such a file was assembled from two sources (a row pasted from a cp1252 sheet into
    a UTF-8 one); guessing another encoding for the whole file would garble the rest.
    """
    text = data.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    if bad == 0 or good < _MOSTLY * bad:
        return
    try:
        data.decode(codec)
    except UnicodeDecodeError as err:
        byte = data[err.start]
        raise InvalidInput(
            f"looks like cp1252/{codec.upper()} (mixed encodings?): {codec} except {bad} "
            f"stray byte(s), the first 0x{byte:02X} at byte {err.start}; {_HINT}",
            file=file,
        ) from None


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
