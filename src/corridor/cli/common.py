"""What every command shares: the console, the database option, error rendering."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
