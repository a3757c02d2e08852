"""The CLI's last line of defence: no traceback reaches a person.

Commands render ``CorridorError``s themselves (``common.guard``). What escapes them
lands here: database failures that slipped past the store's translation (put in words
by ``services.database.database_failure``), Ctrl-C, and bugs. A bug gets one line on
the terminal and its full traceback in a log file the user can attach to a report — a
traceback on the terminal may hold a database URL or a value from a confidential file,
and tells a non-programmer nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from corridor.exc import Conflict, CorridorError, NotFound

EXIT_OK = 0
EXIT_FINDINGS = 1  # screening found what --fail-on names (review or block)
EXIT_INPUT = 2  # bad input or usage: the user can fix it or try again
EXIT_NOT_FOUND = 3  # what was asked for (the database, a mission, an organisation) is not there
EXIT_CONFLICT = 4  # refused: it clashes with what is stored (a newer schedule, a taken key)
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in Corridor
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C

EXIT_CODES = """Exit status: 0 ok; 1 findings (screen commands with --fail-on review|block);
2 bad input or usage; 3 not found (no database, an unknown mission or key);
4 conflict with what is stored; 70 a bug (traceback in a log file); 130 interrupted."""


def exit_code(err: CorridorError) -> int:
    """The exit status of a Corridor error: 3 not found, 4 conflict, else 2."""
    if isinstance(err, NotFound):
        return EXIT_NOT_FOUND
    if isinstance(err, Conflict):
        return EXIT_CONFLICT
    return EXIT_INPUT


def report_bug(err: BaseException, target: str) -> str:
    """Write ``err``'s traceback to a log file; the one line to show instead."""
    from corridor.services.database import without_secrets

    text = without_secrets("".join(traceback.format_exception(err)), target)
    message = without_secrets(str(err), target).strip().splitlines()
    summary = f"{type(err).__name__}: {message[0] if message else ''}".rstrip(": ")
    try:
        where = str(_write_log(text))
    except OSError as failed:
        where = f"nowhere (could not write a log: {failed.strerror})"
    return f"internal error: {summary} — this is a bug; full traceback written to {where}"


def _write_log(text: str) -> Path:
    folder = _log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"crash-{stamp}-{os.getpid()}.log"
    path.write_text(text, encoding="utf-8")
    return path


def _log_folder() -> Path:
    """``$XDG_STATE_HOME/corridor`` (``~/.local/state/corridor``), else the temp dir."""
    state = os.environ.get("XDG_STATE_HOME")
    if state:
        return Path(state) / "corridor"
    home = Path.home() if "HOME" in os.environ else None
    if home is not None and home.is_dir():
        return home / ".local" / "state" / "corridor"
    return Path(tempfile.gettempdir()) / "corridor"


def say(line: str) -> None:
    """One line on stderr, without Rich markup (it may quote user text)."""
    print(line, file=sys.stderr)
