"""``corridor lists``: load, download, inspect and go back between list versions."""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, plain, progress, state
from corridor.exc import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from corridor.services.lists import LoadResult

app = typer.Typer(
    help="Load, update, inspect and roll back sanctions and export-control lists.",
    no_args_is_help=True,
)

_SHRINK = typer.Option(
    False,
    "--accept-shrink",
    help="Load a file with >10% fewer entries than the version in force (needs --reason).",
)
_OLDER = typer.Option(
    False,
    "--accept-older",
    help="Load a file published before the version in force (needs --reason).",
)
_REASON = typer.Option("", help="Why an override is right (recorded in the list audit trail).")
_ACTOR = typer.Option(None, help="Who acts (default: the login name); recorded in the audit trail.")
_JSON = "Print JSON: {loads: [{source, path, version, entries, added, …}], rescreened}."


def _who(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "cli"


def _date(text: str | None) -> date | None:
    if text is None or text == "":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            "not a date (YYYY-MM-DD)", field="--published", value=text[:40]
        ) from None


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
    accept_shrink: bool = _SHRINK,
    accept_older: bool = _OLDER,
    reason: str = _REASON,
    actor: str | None = _ACTOR,
    as_json: bool = json_option(_JSON),
) -> None:
    """Load list files as new versions; a bad, much smaller or older file loads nothing."""
    from corridor.services.lists import Override, load_lists
    from corridor.settings import Settings

    with guard():
        engine = state(ctx).engine(create=True)
        override = Override(accept_shrink, accept_older, reason, _who(actor))
        with progress(ctx, "list load", hidden=as_json) as report:
            results = load_lists(
                engine,
                paths,
                label=label,
                published=_date(published),
                limits=Settings().limits(),
                override=override,
                progress=report,
            )
        _finish(engine, results, as_json)


def _finish(engine: Engine, results: list[LoadResult], as_json: bool) -> None:
    """Re-screen what the loads changed; print both."""
    from corridor.services.screening import rescreen_after_load

    rescreened = rescreen_after_load(engine, results)
    if as_json:
        emit({"loads": [_result_json(r) for r in results], "rescreened": rescreened})
        return
    print_results(results)
    for mission, hits in rescreened.items():
        console.print(f"re-screened mission {mission} against changed entries: {hits} new hits")


def _result_json(r: LoadResult) -> dict[str, object]:
    v = r.version
    return {
        "source": r.source,
        "path": r.path,
        "version": None if v is None else v.id,
        "published": None if v is None else v.published,
        "entries": None if v is None else v.entries,
        "sha256": None if v is None else v.sha256,
        "unchanged_file": r.unchanged_file,
        "added": len(r.added),
        "changed": len(r.changed),
        "removed": len(r.removed),
        "warnings": r.warnings,
    }


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
    source: list[str] = typer.Option(
        [], help="Sources to download, repeatable (default: every source with an official URL)."
    ),
    dest: Path = typer.Option(Path("lists"), help="Where downloaded files are kept."),
    base_url: str | None = typer.Option(
        None, help="A mirror holding SOURCE/FILE paths instead of the official URLs."
    ),
    timeout: float = typer.Option(60.0, help="Seconds to wait for each download."),
    accept_shrink: bool = _SHRINK,
    accept_older: bool = _OLDER,
    reason: str = _REASON,
    actor: str | None = _ACTOR,
    as_json: bool = json_option(_JSON),
) -> None:
    """Download the lists from their official URLs and load them (fails clearly offline)."""
    from corridor.services.download import update_lists
    from corridor.services.lists import Override, list_sources
    from corridor.settings import Settings

    with guard():
        engine = state(ctx).engine(create=True)
        results = update_lists(
            engine,
            dest,
            source or list(list_sources()),
            base_url=base_url,
            timeout=timeout,
            limits=Settings().limits(),
            override=Override(accept_shrink, accept_older, reason, _who(actor)),
        )
        _finish(engine, results, as_json)


@app.command("use")
def use(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="List source (ofac_sdn, un_sc, …)."),
    version: int = typer.Argument(..., help="Version number (#, from `corridor lists list`)."),
    reason: str = typer.Option(..., help="Why (recorded in the list audit trail)."),
    actor: str | None = _ACTOR,
    as_json: bool = json_option(_JSON),
) -> None:
    """Put an earlier loaded version back in force and re-screen what that changes."""
    from corridor.services.lists import use_version

    with guard():
        engine = state(ctx).engine()
        result = use_version(engine, source, version, reason=reason, actor=_who(actor))
        _finish(engine, [result], as_json)


@app.command("list")
def list_versions(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """Every list version loaded, with the one in force marked."""
    from corridor.services.lists import list_sources
    from corridor.services.screening import list_versions as stored_versions

    with guard():
        versions = stored_versions(state(ctx).engine())
        names = list_sources()
        if as_json:
            emit([{**_fields(v), "list": names.get(v.source), "in_force": f} for v, f in versions])
            return
        table = Table(title="List versions")
        for column in ("#", "source", "list", "published", "loaded", "entries", "sha256"):
            table.add_column(column)
        table.add_column("in force")
        for v, in_force in versions:
            table.add_row(
                str(v.id),
                v.source,
                names.get(v.source, v.source),
                str(v.published or ""),
                v.loaded_at.isoformat(timespec="seconds"),
                str(v.entries),
                v.sha256[:12],
                "yes" if in_force else "",
            )
        console.print(table)


@app.command("log")
def log(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """The list audit trail: every load, accepted override and return, with who and why."""
    from corridor.services.lists import list_events

    with guard():
        events = list_events(state(ctx).engine())
        if as_json:
            emit(events)
            return
        table = Table(title="List events")
        for column in ("when", "who", "source", "version", "action", "reason", "detail"):
            table.add_column(column, overflow="fold")
        for e in events:
            table.add_row(
                e.at.isoformat(timespec="seconds"),
                e.actor,
                e.source,
                f"#{e.version_id}",
                e.action.value,
                e.reason,
                e.detail,
            )
        console.print(table)


def _fields(value: object) -> dict[str, object]:
    found = plain(value)
    assert isinstance(found, dict)  # a dataclass
    return found
