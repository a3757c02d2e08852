"""``corridor lists``: load, download and inspect sanctions and export-control lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.table import Table
from sqlalchemy import Engine

from corridor.cli.common import console, guard, state
from corridor.core.screening import SOURCES
from corridor.services.download import OFFICIAL, update_lists
from corridor.services.lists import LoadResult, load_lists
from corridor.services.screening import list_versions as stored_versions
from corridor.services.screening import rescreen_after_load

app = typer.Typer(
    help="Load, update and list sanctions and export-control lists.", no_args_is_help=True
)


@app.command("load")
def load(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ...,
        help="List files: OFAC sdn.csv / cons_prim.csv "
        "(companions beside them), UN XML, BIS dpl.txt, CSL CSV; "
        "the format is detected from the content.",
    ),
    published: str | None = typer.Option(
        None, help="Publication date YYYY-MM-DD (default: from the file or its folder name)."
    ),
    label: str = typer.Option("", help="A label for this load (default: the file name)."),
) -> None:
    """Load list files as new versions; a bad file loads nothing and keeps the old ones."""
    with guard():
        engine = state(ctx).engine()
        day = date.fromisoformat(published) if published else None
        results = load_lists(engine, paths, label=label, published=day)
        print_results(results)
        _rescreen(engine, results)


def _rescreen(engine: Engine, results: list[LoadResult]) -> None:
    for mission, hits in rescreen_after_load(engine, results).items():
        console.print(f"re-screened mission {mission} against changed entries: {hits} new hits")


def print_results(results: list[LoadResult]) -> None:
    """A table of what each load did."""
    table = Table(title="List loads")
    for column in ("source", "file", "version", "entries", "added", "changed", "removed"):
        table.add_column(column)
    for r in results:
        if r.version is None:
            table.add_row(
                r.source, r.path, "unchanged (same file already in force)", "", "", "", ""
            )
            continue
        table.add_row(
            r.source,
            r.path,
            f"#{r.version.id} ({r.version.published or 'undated'})",
            str(r.version.entries),
            str(len(r.added)),
            str(len(r.changed)),
            str(len(r.removed)),
        )
    console.print(table)
    for r in results:
        for warning in r.warnings:
            console.print(f"[yellow]warning:[/] {r.source}: {warning}")


@app.command("update")
def update(
    ctx: typer.Context,
    source: list[str] = typer.Option(list(OFFICIAL), help="Sources to download."),
    dest: Path = typer.Option(Path("lists"), help="Where downloaded files are kept."),
    base_url: str | None = typer.Option(
        None, help="A mirror holding SOURCE/FILE paths instead of the official URLs."
    ),
    timeout: float = typer.Option(60.0, help="Seconds to wait for each download."),
) -> None:
    """Download the lists from their official URLs and load them (fails clearly offline)."""
    with guard():
        engine = state(ctx).engine()
        results = update_lists(engine, dest, source, base_url=base_url, timeout=timeout)
        print_results(results)
        _rescreen(engine, results)


@app.command("list")
def list_versions(ctx: typer.Context) -> None:
    """Every list version loaded, with the one in force marked."""
    with guard():
        versions = stored_versions(state(ctx).engine())
        table = Table(title="List versions")
        for column in (
            "#",
            "source",
            "list",
            "published",
            "loaded",
            "entries",
            "sha256",
            "in force",
        ):
            table.add_column(column)
        for v, in_force in versions:
            table.add_row(
                str(v.id),
                v.source,
                SOURCES.get(v.source, v.source),
                str(v.published or ""),
                v.loaded_at.isoformat(timespec="seconds"),
                str(v.entries),
                v.sha256[:12],
                "yes" if in_force else "",
            )
        console.print(table)
