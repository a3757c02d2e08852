"""``corridor init``: create or upgrade the database."""

from __future__ import annotations

import typer

from corridor.cli.common import console, guard, state
from corridor.store.db import current_revision, migrate


def init(ctx: typer.Context) -> None:
    """Create the database (or bring its schema up to date) and say where it is."""
    with guard():
        engine = state(ctx).bare_engine()
        before = current_revision(engine)
        after = migrate(engine)
        url = engine.url.render_as_string(hide_password=True)
        verb = "created" if before is None else ("upgraded" if before != after else "up to date")
        console.print(f"database {verb}: {url} (schema {after})")
