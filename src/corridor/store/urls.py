"""Database URLs as a person may see them: the password never leaves the process.

Settings, error messages and the CLI all print the database they work on; they print
it through ``mask_url`` so that a PostgreSQL password never lands in a terminal, a log
or a bug report. Masking works on the text as typed, not on a parsed URL: a password
with an unencoded ``@`` or ``/`` parses as part of the host, and a parser-based mask
would print the rest of it.
"""

from __future__ import annotations

from urllib.parse import unquote

MASK = "***"
_RESERVED = "@/?#"  # must be percent-encoded inside a password
_MIN_SCRUB = 3  # shorter passwords would turn every "p" of a message into ***


def _userinfo(target: str) -> tuple[str, str, str] | None:
    """(``scheme://user``, password as typed, ``@host…``) or None without a password."""
    scheme, sep, rest = target.partition("://")
    at = rest.rfind("@")
    if len(sep) == 0 or at < 0:
        return None
    user, colon, password = rest[:at].partition(":")
    if len(colon) == 0:
        return None
    return f"{scheme}://{user}", password, rest[at:]


def mask_url(target: str) -> str:
    """``target`` with everything between ``user:`` and the last ``@`` as ``***``."""
    parts = _userinfo(target)
    return target if parts is None else f"{parts[0]}:{MASK}{parts[2]}"


def ambiguous_password(target: str) -> bool:
    """Whether the password holds an unencoded ``@ / ? #`` (drivers would misread it)."""
    parts = _userinfo(target)
    return parts is not None and any(c in parts[1] for c in _RESERVED)


def scrub(text: str, target: str) -> str:
    """``text`` (say, a driver's error message) with the password of ``target`` masked."""
    parts = _userinfo(target)
    if parts is None:
        return text
    for secret in sorted({parts[1], unquote(parts[1])}, key=len, reverse=True):
        if len(secret) >= _MIN_SCRUB:
            text = text.replace(secret, MASK)
    return text
