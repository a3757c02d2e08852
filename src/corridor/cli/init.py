"""``corridor init``: create or upgrade the database."""

from __future__ import annotations

import typer

from corridor.cli.common import console, emit, guard, json_option, state


def init(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """Create the database (or bring its schema up to date) and say where it is."""
    from corridor.services.database import init_database

    with guard():
        done = init_database(state(ctx).bare_engine())
    if as_json:
        emit(
            {
                "database": done.database,
                "outcome": done.outcome,
                "before": done.before,
                "after": done.after,
            }
        )
        return
    console.print(f"database {done.outcome}: {done.database} (schema {done.after})")
