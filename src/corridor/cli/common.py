"""What every command shares: the console, the database option, error rendering."""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.errors import MarkupError
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from corridor.cli.fatal import EXIT_INPUT, exit_code
from corridor.exc import CorridorError, ImportRejected, InvalidInput

if TYPE_CHECKING:  # the store stack loads only when a command opens a database
    from sqlalchemy import Engine

    from corridor.core.progress import Progress

log = logging.getLogger("corridor.cli")


class _Console(Console):
    """A console that shows text verbatim when it is not valid Rich markup.

    Commands print names and values from imported files; one holding "[/x]" made
    Rich raise ``MarkupError`` and the command crash. Values should still be escaped
    where printed ("[beta]" is valid markup and would vanish); this only stops the
    crash.
    """

    def render_str(self, text: str, **options: Any) -> Text:
        try:
            return super().render_str(text, **options)
        except MarkupError:
            return super().render_str(text, **{**options, "markup": False})


# Piped or captured output gets wide tables rather than 80 folded columns.
_WIDTH = None if sys.stdout.isatty() else 160
console = _Console(width=_WIDTH)
errors = _Console(stderr=True, width=_WIDTH)


@dataclass(slots=True)
class State:
    """Per-invocation state set by the top-level callback.

    The settings (pydantic, CORRIDOR_* variables) are read the first time a command
    needs the database, not in the callback: ``corridor screen --help`` then starts as
    fast as ``corridor --help``. A broken variable is still reported, as a
    ``CorridorError``, by the first command that opens the database.
    """

    option: str | None = None
    """The ``--db`` option as given (None: CORRIDOR_DB or ./corridor.db)."""
    verbose: int = 0
    """How many ``-v`` were given: 1 logs each stage, 2 debugging detail."""
    quiet: bool = False
    """``-q``: errors only on stderr, no progress bars."""
    _resolved: tuple[str, float] | None = None

    @property
    def db(self) -> str:
        """The database: SQLite file path or URL."""
        return self._settle()[0]

    @property
    def busy_timeout(self) -> float:
        """Seconds a SQLite writer waits for another."""
        return self._settle()[1]

    def named(self) -> str:
        """The database as far as known without reading settings (for error messages)."""
        if self._resolved is not None:
            return self._resolved[0]
        return self.option or "corridor.db"

    def _settle(self) -> tuple[str, float]:
        if self._resolved is None:
            from corridor.settings import Settings  # pydantic: only when a command runs

            settings = Settings()
            db = self.option if self.option is not None else settings.db
            self._resolved = (db, settings.db_busy_timeout)
        return self._resolved

    def engine(self, *, create: bool = False) -> Engine:
        """An engine on the chosen database with the schema brought up to date.

        A database that does not exist is refused (``NoDatabase``, exit 3) unless
        ``create``: only commands that write (init, import, demo, lists load, …) make one.
        """
        from corridor.services.database import open_database

        return open_database(self.db, busy_timeout=self.busy_timeout, create=create)

    def bare_engine(self) -> Engine:
        """An engine on the chosen database, schema untouched (for ``init``)."""
        from corridor.services.database import connect

        return connect(self.db, busy_timeout=self.busy_timeout)


def state(ctx: typer.Context) -> State:
    """The state object of the running command."""
    obj = ctx.find_root().obj
    if not isinstance(obj, State):  # pragma: no cover - the callback always sets it
        raise RuntimeError("corridor CLI state missing")
    return obj


@contextmanager
def guard() -> Iterator[None]:
    """Render Corridor errors for a person and exit with their status (``fatal.exit_code``:
    2 bad input, 3 not found, 4 conflict)."""
    try:
        yield
    except ImportRejected as err:
        errors.print(problem_table(err.problems))
        errors.print(f"[bold red]{escape(str(err))}[/]")
        raise typer.Exit(EXIT_INPUT) from err
    except CorridorError as err:
        # Messages quote user input; "[/x]" in a file must not read as Rich markup.
        errors.print(f"[bold red]error:[/] {escape(str(err))}")
        raise typer.Exit(exit_code(err)) from err


def problem_table(problems: list[InvalidInput]) -> Table:
    """Every problem of a rejected import, one per line."""
    table = Table(title="Problems (nothing was imported)", show_lines=False)
    for column in ("file", "row", "field", "value", "rule"):
        table.add_column(column, overflow="fold")
    for p in problems:
        value = "" if p.value is None else str(p.value)
        cells = (p.file or "", "" if p.row is None else str(p.row), p.field or "", value, p.rule)
        table.add_row(*(escape(c) for c in cells))
    return table


def configure_logging(verbose: int, quiet: bool) -> None:
    """Corridor's log on stderr: warnings by default, more with -v/-vv, errors with -q.

    Only the ``corridor`` loggers are raised to INFO/DEBUG: a library's debugging
    chatter (SQLAlchemy, httpx) is not what ``-v`` asks for.
    """
    from rich.logging import RichHandler

    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO)[min(verbose, 1)]
    if verbose >= 2 and not quiet:
        level = logging.DEBUG
    handler = RichHandler(console=errors, show_time=verbose >= 2, show_path=False, markup=False)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("corridor")
    for old in [h for h in root.handlers if isinstance(h, RichHandler)]:
        root.removeHandler(old)  # one handler, however many times the CLI runs in a process
    root.addHandler(handler)
    root.setLevel(level)


def _terminal() -> bool:
    return sys.stdout.isatty() and sys.stderr.isatty()


@contextmanager
def progress(
    ctx: typer.Context, title: str, *, hidden: bool = False, ticking: bool = True
) -> Iterator[Progress]:
    """A progress bar on stderr while the block runs, fed by the service's reports.

    Drawn only when both stdout and stderr are terminals, and not with ``hidden``
    (``--json``) or ``-q``: piped output, files and scripts get no bar characters.
    Otherwise each report becomes an INFO log line (seen with ``-v``).
    ``ticking`` False redraws the bar only on a report, without rich's refresh thread:
    for work that forks (``services.offload`` forks only a single-threaded process).
    """
    quiet = state(ctx).quiet
    if hidden or quiet or not _terminal():

        def logged(share: float, line: str, /) -> None:
            log.info("%s: %s (%.0f%%)", title, line, share * 100)

        yield logged
        return
    from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn())
    with Bar(
        *columns, TimeElapsedColumn(), console=errors, transient=True, auto_refresh=ticking
    ) as bar:
        task = bar.add_task(title, total=1.0)

        def drawn(share: float, line: str, /) -> None:
            bar.update(task, completed=share, description=f"{title}: {escape(line)}")
            if not ticking:
                bar.refresh()

        yield drawn


JSON_HELP = "Print JSON on stdout instead of tables (no progress bar)."


def json_option(help: str = JSON_HELP) -> Any:
    """The ``--json`` option every command that prints results has."""
    return typer.Option(False, "--json", help=help)


def emit(data: object) -> None:
    """``data`` as one JSON document on stdout (UTF-8 text as is, not \\u-escaped)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=plain))


def say(as_json: bool, data: object, line: str) -> None:
    """A command's one result: ``data`` as JSON with ``--json``, else ``line``."""
    if as_json:
        emit(data)
    else:
        console.print(line)


def plain(value: object) -> object:
    """What JSON cannot hold, as it can: dates as ISO text, paths and enums as their
    text, dataclasses as objects, sets as sorted lists."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON")
