"""``corridor users`` and ``corridor tokens``: accounts of the console and API tokens."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, state

app = typer.Typer(help="Accounts of the web console (admin, organiser, compliance, viewer).")
tokens_app = typer.Typer(help="API tokens for scripts (Authorization: Bearer …).")

ROLE_HELP = "Role to grant; repeat for several: admin, organiser, compliance, viewer."


@app.command("add")
def add(
    ctx: typer.Context,
    email: str = typer.Argument(..., help="The person's e-mail address (their sign-in name)."),
    role: list[str] = typer.Option(..., "--role", help=ROLE_HELP),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input, not a prompt."
    ),
    as_json: bool = json_option("Print JSON: {email, roles}."),
) -> None:
    """Create an account (the first admin is made this way)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    from corridor.services import users as svc

    with guard():
        user = svc.add_user(state(ctx).engine(create=True), email, password, role)
    roles = sorted(r.value for r in user.roles)
    if as_json:
        emit({"email": user.name, "roles": roles})
    else:
        console.print(f"added {user.name} ({', '.join(roles)})")


@app.command("list")
def list_(ctx: typer.Context, as_json: bool = json_option("Print JSON: [{email, roles}].")) -> None:
    """Every account and its roles."""
    from corridor.services import users as svc

    with guard():
        found = svc.users(state(ctx).engine())
    rows = [(u.name, sorted(r.value for r in u.roles)) for u in found]
    if as_json:
        emit([{"email": name, "roles": roles} for name, roles in rows])
        return
    table = Table(title="Accounts")
    table.add_column("e-mail")
    table.add_column("roles")
    for name, roles in rows:
        table.add_row(name, ", ".join(roles))
    console.print(table)


@tokens_app.command("create")
def create(
    ctx: typer.Context,
    role: list[str] = typer.Option(..., "--role", help=ROLE_HELP),
    name: str = typer.Option("", "--name", help="What the token is for (shown in the list)."),
    as_json: bool = json_option("Print JSON: {id, token} (the token is shown only now)."),
) -> None:
    """Create a token and print it once; only its hash is stored."""
    from corridor.services import users as svc

    with guard():
        token_id, token = svc.create_token(state(ctx).engine(create=True), role, name)
    if as_json:
        emit({"id": token_id, "token": token})
        return
    console.print(f"token {token_id} (shown only now; store it safely):", highlight=False)
    typer.echo(token)


@tokens_app.command("list")
def list_tokens(
    ctx: typer.Context,
    as_json: bool = json_option("Print JSON: [{id, name, roles, created_at, revoked_at}]."),
) -> None:
    """Every token's id, name, roles and whether it is revoked (never the token)."""
    from corridor.services import users as svc

    with guard():
        found = svc.tokens(state(ctx).engine())
    if as_json:
        emit(
            [
                {
                    "id": t.id,
                    "name": t.name,
                    "roles": t.roles,
                    "created_at": t.created_at,
                    "revoked_at": t.revoked_at,
                }
                for t in found
            ]
        )
        return
    table = Table(title="API tokens")
    for column in ("id", "name", "roles", "created", "revoked"):
        table.add_column(column)
    for t in found:
        revoked = "" if t.revoked_at is None else f"{t.revoked_at:%Y-%m-%d %H:%M}"
        table.add_row(
            str(t.id), t.name, ", ".join(t.roles), f"{t.created_at:%Y-%m-%d %H:%M}", revoked
        )
    console.print(table)


@tokens_app.command("revoke")
def revoke(
    ctx: typer.Context,
    token_id: int = typer.Argument(..., help="Id from `tokens list`."),
    as_json: bool = json_option("Print JSON: {revoked: ID}."),
) -> None:
    """Revoke a token; scripts using it are refused from now on."""
    from corridor.services import users as svc

    with guard():
        svc.revoke_token(state(ctx).engine(), token_id)
    if as_json:
        emit({"revoked": token_id})
    else:
        console.print(f"revoked token {token_id}")
