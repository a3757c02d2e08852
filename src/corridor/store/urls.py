"""Database URLs as a person may see them: the password never leaves the process.

Settings, error messages and the CLI all print the database they work on; they print
it through ``mask_url`` so that a PostgreSQL password never lands in a terminal, a log
or a bug report.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

MASK = "***"
# user:password@ in anything URL-shaped, for text SQLAlchemy cannot parse.
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][\w+.-]*://)(?P<user>[^:/@]*):(?P<pw>[^@]*)@")


def mask_url(target: str) -> str:
    """``target`` with its password replaced by ``***``; plain file paths unchanged."""
    if "://" not in target:
        return target
    try:
        url = make_url(target)
    except (ArgumentError, ValueError):  # e.g. a port that is not a number
        return _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:{MASK}@", target)
    return url.render_as_string(hide_password=True)


def scrub(text: str, target: str) -> str:
    """``text`` (say, a driver's error message) with the password of ``target`` masked."""
    password = _password(target)
    if password:
        text = text.replace(password, MASK)
    return _USERINFO.sub(lambda m: f"{m['scheme']}{m['user']}:{MASK}@", text)


def _password(target: str) -> str | None:
    if "://" not in target:
        return None
    try:
        return make_url(target).password
    except (ArgumentError, ValueError):
        match = _USERINFO.search(target)
        return None if match is None else match["pw"]
