"""``corridor``: the top-level command and its groups."""

from __future__ import annotations

import sys

import typer

from corridor.cli import (
    demo,
    formats,
    holds,
    init,
    invite,
    lists,
    match,
    orgs,
    outcomes,
    safety,
    schedule,
    screen,
    search,
    serve,
    transfer,
    users,
)
from corridor.cli.common import State, configure_logging
from corridor.cli.fatal import (
    EXIT_CODES,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    exit_code,
    report_bug,
    say,
)
from corridor.exc import CorridorError

app = typer.Typer(
    name="corridor",
    help="Corridor runs a cross-border startup-diplomacy mission: registry, screening, "
    "matching, scheduling and briefings in Korean, Chinese and English.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=True,
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
    verbose: int = typer.Option(
        0,
        "--verbose",
        "-v",
        count=True,
        help="Say more on stderr: -v what each stage does, -vv debugging detail.",
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Only errors on stderr: no warnings, no progress bars."
    ),
) -> None:
    """Choose the database every command works on, and how much to say on stderr."""
    global _state
    _state = State(option=db, verbose=verbose, quiet=quiet)
    configure_logging(verbose, quiet)
    ctx.obj = _state


# The state of the running command, for main()'s last line of defence (one per process).
_state = State()


app.command("init")(init.init)
app.command("import")(transfer.import_)
app.command("export")(transfer.export)
app.command("demo")(demo.demo)
app.command("formats")(formats.formats)
app.add_typer(orgs.app, name="orgs")
orgs.missions_app.command("policy")(holds.policy)
orgs.missions_app.command("held")(holds.held)
app.add_typer(orgs.missions_app, name="missions")
app.add_typer(lists.app, name="lists")
app.add_typer(screen.app, name="screen")
app.add_typer(schedule.app, name="schedule")
app.add_typer(match.app, name="match")
app.add_typer(outcomes.app, name="outcomes")
app.command("syndicates")(match.syndicates)
app.command("search")(search.search)
app.command("serve")(serve.serve)
app.add_typer(users.app, name="users")
app.add_typer(users.tokens_app, name="tokens")
app.add_typer(invite.app, name="invite")
app.add_typer(safety.app, name="safety")


def main() -> None:
    """Console-script entry point: run, and exit with the status ``run`` says."""
    sys.exit(run(sys.argv[1:]))


def run(argv: list[str]) -> int:
    """Run the CLI on ``argv``; whatever escapes a command becomes one line and a status.

    2, 3, 4: an error the user can act on (bad input, not found, conflict: ``fatal``);
    130: interrupted (transactions roll back, so nothing is half-written); 70: a bug,
    with its traceback in a log file.
    """
    try:
        result = app(args=argv, prog_name="corridor", standalone_mode=False)
    except typer.TyperException as err:  # usage errors: Typer prints them with help
        show = getattr(err, "show", None)
        say(err.format_message()) if show is None else show()
        return err.exit_code
    except (typer.Abort, KeyboardInterrupt) as err:
        if isinstance(err, typer.Abort) and not isinstance(err.__cause__, KeyboardInterrupt):
            say("Aborted!")  # a prompt met the end of its input
            return EXIT_INPUT
        say("interrupted; nothing half-written")
        return EXIT_INTERRUPTED
    except Exception as err:  # the last line of defence catches everything
        return _unexpected(err)
    code = result if isinstance(result, int) else 0
    if code == EXIT_INTERRUPTED:  # Typer turns Ctrl-C into Exit(130) itself
        say("interrupted; nothing half-written")
    return code


def _unexpected(err: Exception) -> int:
    from sqlalchemy.exc import DBAPIError

    from corridor.services.database import database_failure

    if isinstance(err, DBAPIError):
        known = database_failure(err, _state.named(), _state.busy_timeout)
        if known is not None:
            err = known
    if isinstance(err, CorridorError):
        say(f"error: {err}")
        return exit_code(err)
    say(report_bug(err, _state.named()))
    return EXIT_INTERNAL


if __name__ == "__main__":
    main()
