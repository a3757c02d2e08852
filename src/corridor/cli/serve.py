"""``corridor serve``: the web console and REST API on uvicorn."""

from __future__ import annotations

import ipaddress

import typer

from corridor.cli.common import errors, state


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (then a throwaway key is acceptable)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
) -> None:
    """Serve the web console and the REST API (/api/v1, docs at /api/docs).

    Off localhost a secret key (CORRIDOR_SECRET_KEY, 32+ characters) is required; on
    localhost a random key is made per start when none is set, so sessions end on restart.
    """
    import uvicorn

    from corridor.settings import Settings
    from corridor.web.app import create_app, secret_of

    settings = Settings(db=state(ctx).db)
    if secret_of(settings) is None:
        if not is_loopback(host):
            errors.print(
                "[bold red]error:[/] serving on a non-local address needs a secret key: "
                "set CORRIDOR_SECRET_KEY (32+ characters)"
            )
            raise typer.Exit(2)
        errors.print(
            "no CORRIDOR_SECRET_KEY set: using a random key for this run "
            "(sessions end when the server stops)"
        )
    app = create_app(settings, engine=state(ctx).engine(create=True))
    typer.echo(f"Corridor on http://{host}:{port}/ (API docs: /api/docs)")
    uvicorn.run(app, host=host, port=port, server_header=False, log_level="info")
