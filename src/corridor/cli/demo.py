"""``corridor demo``: run every stage on the bundled Shanghai 2026 mission."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, progress, state
from corridor.cli.transfer import print_report, report_json


def demo(
    ctx: typer.Context,
    out: Path = typer.Option(Path("out"), help="Directory for the demo's files."),
    example: Path | None = typer.Option(
        None, help="Mission directory to run (default: the bundled Shanghai 2026 roundtable)."
    ),
    pdf: bool = typer.Option(True, help="Also render every agenda as PDF (WeasyPrint)."),
    lang: str = typer.Option(
        "en",
        help="Language of the organiser's documents: en, ko or zh (each participant's "
        "agenda, recommendations and dossier are in their own language).",
    ),
    as_json: bool = json_option(),
) -> None:
    """Run every stage on the demo mission: import, screen, schedule; write OUT."""
    from corridor.services.demo import EXAMPLE, run_demo
    from corridor.services.registry import mission_summary
    from corridor.settings import Settings

    with guard():
        engine = state(ctx).engine(create=True)
        index = Settings().search_index  # where `corridor serve` and `search` look
        mission_dir = EXAMPLE if example is None else example
        with progress(ctx, "demo", hidden=as_json) as report:
            result = run_demo(
                engine, out, mission_dir, pdf=pdf, search_index=index, lang=lang, progress=report
            )
        if as_json:
            emit(
                {
                    "mission": result.mission,
                    "import": report_json(result.report),
                    "counts": result.counts,
                    "interpreted_requests": result.interpreted,
                    "screening": result.screening,
                    "matching": result.matching,
                    "schedule": result.schedule,
                    "outcomes": result.outcomes,
                    "notes": result.notes,
                    "out": out,
                    "files": len(result.files),
                    "search_index": index,
                }
            )
            return
        print_report(result.report)
        summary = mission_summary(engine, result.mission)
        m = summary.mission
        table = Table(title=f"{m.name} — {m.city}, {m.first_day()} ({m.timezone})")
        table.add_column("what")
        table.add_column("count", justify="right")
        for label, value in (
            ("participating organisations", summary.participants),
            ("people in the registry", result.counts["people"]),
            ("sessions", len(m.sessions)),
            ("meeting slots", len(m.slots())),
            ("tables", len(m.tables)),
            ("interpreters", len(m.interpreters)),
            ("meeting requests", summary.requests),
            ("requests needing an interpreter", result.interpreted),
            ("screening: blocked", result.screening.get("blocked", 0)),
            ("screening: to review", result.screening.get("review", 0)),
            ("screening: cleared", result.screening.get("cleared", 0)),
            ("recommended pairs (capacity-aware)", result.matching.get("pairs", 0)),
            ("exposure Gini of recommendations", result.matching.get("gini", 0)),
            ("meeting requests added from matching", result.matching.get("requests_added", 0)),
            ("requests set aside by screening", result.schedule.get("requests_set_aside", 0)),
            ("meetings scheduled", result.schedule.get("meetings", 0)),
            (
                "requested pairs met",
                f"{result.schedule.get('pairs_met')} of {result.schedule.get('pairs')}",
            ),
            (
                "schedule weight / LP bound",
                f"{result.schedule.get('weight')} / {result.schedule.get('bound')}",
            ),
            ("interpreted meetings", result.schedule.get("interpreted", 0)),
            ("scenario feedback records", result.outcomes.get("feedback", 0)),
            ("scenario outcome records", result.outcomes.get("outcomes", 0)),
        ):
            table.add_row(label, str(value))
        console.print(table)
        for note in result.notes:
            console.print(f"[yellow]{note}[/]")
        agendas = [p for p in result.files if p.parent.name == "agendas"]
        pages = [p for p in result.files if p.parent.name == "recommendations"]
        dossiers = [p for p in result.files if p.parent.name == "dossiers"]
        others = [
            p
            for p in result.files
            if p.parent.name not in ("agendas", "recommendations", "dossiers")
        ]
        console.print(f"wrote {len(result.files)} files to {out}/:")
        for path in others:
            console.print(f"  {path}")
        console.print(f"  {out}/recommendations/: {len(pages)} pages (one per participant)")
        kinds = sorted({p.suffix[1:].upper() for p in agendas})  # no PDF without CJK fonts
        console.print(f"  {out}/agendas/: {len(agendas)} agendas ({', '.join(kinds)} per person)")
        console.print(
            f"  {out}/dossiers/: {len(dossiers)} meeting briefings (organiser "
            f"edition {'/'.join(sorted({p.suffix[1:].upper() for p in dossiers}))}, "
            "each side's edition in its language)"
        )
        console.print(f"legal search index: {index}")
        console.print(
            "in the browser: `corridor users add you@example.org --role admin --role organiser`, "
            "then `corridor serve` (or `make serve`) → http://127.0.0.1:8000"
        )
