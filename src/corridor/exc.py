"""One error hierarchy for the whole package.

Every error a user can cause is a ``CorridorError`` carrying structured context, so
the CLI and the web layer can render it without parsing messages.
"""

from __future__ import annotations

from collections.abc import Sequence


class CorridorError(Exception):
    """Root of every error Corridor raises on purpose."""


class InvalidInput(CorridorError):
    """A value broke a rule: says which file, row and field, the value, and the rule.

    ``row`` counts as a person reading the file would: the header is row 1 of a CSV
    or XLSX sheet, so the first record is row 2; in JSON it is the 1-based index of
    the record. ``None`` means the problem is not tied to a row.
    """

    def __init__(
        self,
        rule: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
        value: object = None,
    ) -> None:
        self.rule = rule
        self.file = file
        self.row = row
        self.field = field
        self.value = value
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line a person can act on: ``file:row: field='value': rule``."""
        where = ":".join(str(p) for p in (self.file, self.row) if p is not None)
        what = "" if self.field is None else f"{self.field}={self.value!r}: "
        return f"{where}: {what}{self.rule}" if where else f"{what}{self.rule}"


class ImportRejected(CorridorError):
    """A file (or set of files) broke rules; nothing of it was imported.

    Holds every problem found, not just the first, so a user fixes the file once.
    """

    def __init__(self, problems: Sequence[InvalidInput]) -> None:
        self.problems = list(problems)
        rows = {(p.file, p.row) for p in self.problems if p.row is not None}
        super().__init__(
            f"import rejected, nothing written: {len(self.problems)} problem(s) "
            f"in {len(rows)} row(s)"
        )


class NotFound(CorridorError):
    """A thing asked for by key does not exist."""

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"{kind} not found: {key!r}")


class NoDatabase(NotFound):
    """A command that only reads was pointed at a database that does not exist (or holds
    no Corridor schema): a mistyped ``--db`` must not create and migrate a new one."""

    def __init__(self, database: str) -> None:
        CorridorError.__init__(
            self, f"no Corridor database at {database}; run `corridor init` (or `corridor demo`)"
        )
        self.kind = "database"
        self.key = database


class Conflict(CorridorError):
    """The request contradicts the current state (e.g. a key already used)."""


class Forbidden(CorridorError):
    """The caller's role does not allow this action."""


class NotAuthenticated(CorridorError):
    """The caller is not signed in (or the credentials were wrong)."""


class LoginThrottled(Forbidden):
    """Too many failed sign-ins for an account or from an address; try again later."""


class Busy(CorridorError):
    """Another command holds the database's write lock longer than we may wait.

    Not a bad input: the same command succeeds once the other one has finished, so
    the message says so instead of showing SQLite's "database is locked".
    """


class Unavailable(CorridorError):
    """The database cannot be reached or opened: refused connection, missing or
    read-only folder, unsupported URL, a file that is not a database, a full disk.

    The message shows the URL with its password masked.
    """


class InvalidSetting(CorridorError):
    """A ``CORRIDOR_*`` setting broke a rule; names the variable, never its value.

    Settings hold secrets, so unlike ``InvalidInput`` this error carries no value.
    """

    def __init__(self, variable: str, rule: str) -> None:
        self.variable = variable
        self.rule = rule
        super().__init__(f"{variable}: {rule}")


class IdentifierTaken(Conflict):
    """An organisation brings an official identifier another organisation already has.

    A business number names one legal entity, so two keys with one number are either
    the same organisation imported twice or a typo; either way a person decides.
    """

    def __init__(self, key: str, other: str, scheme: str, value: str) -> None:
        self.key = key
        self.other = other
        self.scheme = scheme
        self.value = value
        super().__init__(
            f"organisation {key!r} has {scheme} {value}, which organisation {other!r} "
            "already has: one identifier names one organisation (import it under the "
            "existing key, or correct the number); nothing was written"
        )
