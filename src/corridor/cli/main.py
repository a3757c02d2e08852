"""``corridor``: the top-level command and its groups."""

from __future__ import annotations

import typer

from corridor.cli import (
    demo,
    formats,
    init,
    lists,
    match,
    orgs,
    schedule,
    screen,
    search,
    serve,
    transfer,
    users,
)
from corridor.cli.common import State
from corridor.settings import Settings

app = typer.Typer(
    name="corridor",
    help="Corridor runs a cross-border startup-diplomacy mission: registry, screening, "
    "matching, scheduling and briefings in Korean, Chinese and English.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main_callback(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database: SQLite file path or URL (default: CORRIDOR_DB or ./corridor.db).",
    ),
) -> None:
    """Choose the database every command works on."""
    ctx.obj = State(db=db if db is not None else Settings().db)


app.command("init")(init.init)
app.command("import")(transfer.import_)
app.command("export")(transfer.export)
app.command("demo")(demo.demo)
app.command("formats")(formats.formats)
app.add_typer(orgs.app, name="orgs")
app.add_typer(orgs.missions_app, name="missions")
app.add_typer(lists.app, name="lists")
app.add_typer(screen.app, name="screen")
app.add_typer(schedule.app, name="schedule")
app.add_typer(match.app, name="match")
app.command("syndicates")(match.syndicates)
app.command("search")(search.search)
app.command("serve")(serve.serve)
app.add_typer(users.app, name="users")
app.add_typer(users.tokens_app, name="tokens")


def main() -> None:
    """Console-script entry point."""
    app()
