"""``corridor import`` and ``corridor export``: registry files in and out."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from corridor.cli.common import console, guard, state
from corridor.exc import InvalidInput
from corridor.registry.batch import Source
from corridor.registry.schema import SCHEMAS
from corridor.services.exports import export_records
from corridor.services.imports import ImportReport, import_files, import_mission

_STEMS = {
    "organisations": "organisations",
    "organizations": "organisations",
    "orgs": "organisations",
    "people": "people",
    "persons": "people",
    "requests": "requests",
    "meeting_requests": "requests",
}


def guess_kind(path: Path) -> str:
    """The record kind from a file name such as ``people.csv`` or ``orgs-2026.xlsx``."""
    stem = path.stem.lower().replace("-", "_")
    for prefix, kind in _STEMS.items():
        if stem == prefix or stem.startswith(prefix + "_"):
            return kind
    raise InvalidInput(
        "cannot tell what the file holds from its name; use --kind organisations|people|requests",
        file=str(path),
    )


def import_(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ..., help="Files (CSV, XLSX, JSON) or a mission directory or mission.toml."
    ),
    kind: str | None = typer.Option(
        None, help="organisations, people or requests (default: from the file name)."
    ),
    mission: str | None = typer.Option(
        None, help="Mission the records belong to (needed for requests)."
    ),
    encoding: str | None = typer.Option(
        None, help="Text encoding of CSV/JSON files (default: detect UTF-8, CP949/EUC-KR, GB18030)."
    ),
) -> None:
    """Import registry files, all or nothing; re-importing the same files changes nothing."""
    from corridor.settings import Settings

    with guard():
        limits = Settings().limits()
        engine = state(ctx).engine()
        missions = [p for p in paths if p.is_dir() or p.suffix == ".toml"]
        if len(missions) > 0:
            if len(paths) != 1:
                raise InvalidInput("import a mission on its own (one directory or mission.toml)")
            report = import_mission(engine, missions[0], limits=limits)
        else:
            if kind is not None and kind not in SCHEMAS:
                raise InvalidInput(
                    f"--kind must be one of {', '.join(SCHEMAS)}", field="kind", value=kind
                )
            sources = [Source(kind or guess_kind(p), p, encoding) for p in paths]
            report = import_files(engine, sources, mission=mission, limits=limits)
        print_report(report)


def print_report(report: ImportReport) -> None:
    """The counts of an import as a table, then its warnings."""
    table = Table(title="Imported" + (f" into mission {report.mission}" if report.mission else ""))
    for column in ("records", "created", "updated", "unchanged"):
        table.add_column(column, justify="right" if column != "records" else "left")
    for kind, c in report.counts.items():
        table.add_row(kind, str(c.created), str(c.updated), str(c.unchanged))
    console.print(table)
    for path, encoding in report.encodings.items():
        console.print(f"read {path} as {encoding or 'xlsx'}")
    for warning in report.warnings:
        console.print(f"[yellow]warning:[/] {warning}")


def export(
    ctx: typer.Context,
    kind: str = typer.Argument(..., help="organisations, people or requests."),
    path: Path = typer.Argument(..., help="Output file; .csv, .xlsx or .json decides the format."),
    mission: str | None = typer.Option(None, help="Only this mission's participants/requests."),
    encoding: str = typer.Option("utf-8", help="CSV encoding (utf-8, utf-8-sig, cp949, gb18030)."),
) -> None:
    """Export registry records in a format ``corridor import`` reads back unchanged."""
    with guard():
        count = export_records(state(ctx).engine(), kind, path, mission=mission, encoding=encoding)
        console.print(f"wrote {count} {kind} to {path}")
