"""``corridor import`` and ``corridor export``: registry files in and out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, progress, state

if TYPE_CHECKING:
    from corridor.services.imports import ImportReport


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
    as_json: bool = json_option(),
) -> None:
    """Import registry files, all or nothing; re-importing the same files changes nothing."""
    from corridor.services.imports import import_paths
    from corridor.settings import Settings

    with guard(), progress(ctx, "import", hidden=as_json, ticking=False) as report_progress:
        limits = Settings().limits()
        report = import_paths(
            state(ctx).engine(create=True),
            paths,
            kind=kind,
            mission=mission,
            encoding=encoding,
            limits=limits,
            progress=report_progress,
        )
    if as_json:
        emit(report_json(report))
    else:
        print_report(report)


def report_json(report: ImportReport) -> dict[str, object]:
    """An import's counts, encodings and warnings as ``--json`` prints them."""
    return {
        "mission": report.mission,
        "counts": report.counts,
        "encodings": report.encodings,
        "warnings": report.warnings,
    }


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
    kind: str = typer.Argument(
        ..., help="organisations, people, requests, or ftm (FollowTheMoney entities and hits)."
    ),
    path: Path = typer.Argument(
        ..., help="Output file; .csv, .xlsx or .json decides the format (ftm: .jsonl)."
    ),
    mission: str | None = typer.Option(None, help="Only this mission's participants/requests."),
    encoding: str = typer.Option("utf-8", help="CSV encoding (utf-8, utf-8-sig, cp949, gb18030)."),
    excel: bool = typer.Option(
        False,
        "--excel",
        "--bom",
        help="CSV for Excel: UTF-8 with a byte-order mark, so Korean and Chinese Excel "
        "read it (an .xlsx target is a workbook already).",
    ),
    as_json: bool = json_option(),
) -> None:
    """Export registry records in a format ``corridor import`` reads back unchanged, or
    (``ftm``) organisations, people, their ties and screening hits as FollowTheMoney
    JSON lines for yente, nomenklatura or Aleph."""
    if kind == "ftm":
        _export_ftm(ctx, path, mission, as_json)
        return
    from corridor.services.exports import export_records

    with guard():
        count = export_records(
            state(ctx).engine(), kind, path, mission=mission, encoding=encoding, excel=excel
        )
    if as_json:
        emit({"kind": kind, "path": path, "records": count})
    else:
        console.print(f"wrote {count} {kind} to {path}")


def _export_ftm(ctx: typer.Context, path: Path, mission: str | None, as_json: bool) -> None:
    """Write FollowTheMoney JSON lines and say how many entities of each schema."""
    from corridor.services.ftm_export import export_ftm

    with guard():
        counts = export_ftm(state(ctx).engine(), path, mission=mission)
    if as_json:
        emit({"kind": "ftm", "path": path, "entities": counts})
        return
    made = ", ".join(f"{n} {schema}" for schema, n in counts.items())
    console.print(f"wrote {sum(counts.values())} FtM entities to {path} ({made})")
