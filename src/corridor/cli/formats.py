"""``corridor formats``: the reference of every registry file's columns."""

from __future__ import annotations

import typer

from corridor.cli.common import console


def formats(
    markdown: bool = typer.Option(False, "--markdown", help="Print raw Markdown (as in docs/)."),
) -> None:
    """Describe the columns of organisations, people and requests files."""
    from corridor.services.registry import formats_reference

    text = formats_reference()
    if markdown:
        typer.echo(text, nl=False)
    else:
        from rich.markdown import Markdown

        console.print(Markdown(text))
