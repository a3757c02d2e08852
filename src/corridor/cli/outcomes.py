"""``corridor outcomes``: what came of a mission, and the report a ministry files."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, state

app = typer.Typer(help="Feedback, outcomes and KPIs after the mission, and their export.")


@app.command("export")
def export(
    ctx: typer.Context,
    mission: str = typer.Option("shanghai-2026", help="Mission whose outcomes to report."),
    lang: str = typer.Option("en", help="Language of the report: ko, zh or en."),
    out: Path = typer.Option(
        Path("out"),
        help="Folder for outcomes-MISSION-LANG.xlsx and .pdf, or one file ending in .xlsx or .pdf.",
    ),
    as_json: bool = json_option("Print JSON: {files: [paths written]}."),
) -> None:
    """Write the KPI tables as XLSX (one sheet per table) and a PDF report with charts."""
    from corridor.services.outcome_exports import export_outcomes

    with guard():
        engine = state(ctx).engine()
        if out.suffix.lower() in (".xlsx", ".pdf"):
            targets = [out]
        else:
            targets = [out / f"outcomes-{mission}-{lang}.{fmt}" for fmt in ("xlsx", "pdf")]
        written = [export_outcomes(engine, mission, target, lang) for target in targets]
    if as_json:
        emit({"files": written})
        return
    for path in written:
        console.print(f"wrote {path}")


@app.command("kpis")
def show(
    ctx: typer.Context,
    mission: str = typer.Option("shanghai-2026", help="Mission."),
    as_json: bool = json_option(
        "Print JSON: {mission, stages, funnel: [{group, counts}], money: [...]}."
    ),
) -> None:
    """Print the funnel (pairs of organisations per stage), overall and by country pair."""
    from corridor.services.kpis import STAGES, kpis

    with guard():
        k = kpis(state(ctx).engine(), mission, with_syndicates=False)
        if as_json:
            rows = (k.funnel, k.cross_border, *k.by_country_pair)
            emit(
                {
                    "mission": k.mission.key,
                    "stages": STAGES,
                    "funnel": [{"group": r.group, "counts": r.counts} for r in rows],
                    "money": k.money,
                }
            )
            return
        table = Table(title=f"{k.mission.name}: the funnel (pairs of organisations)")
        table.add_column("group")
        for stage in STAGES:
            table.add_column(stage, justify="right")
        for row in (k.funnel, k.cross_border, *k.by_country_pair):
            table.add_row(row.group, *(str(n) for n in row.counts))
        console.print(table)
        for m in k.money:
            console.print(f"{m.kind}: {m.total:,} {m.currency} in {m.deals} deal(s)")
