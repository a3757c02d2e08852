"""``corridor match`` and ``corridor syndicates``: who should meet whom, and why."""

from __future__ import annotations

from dataclasses import asdict

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, progress, state

app = typer.Typer(
    help="Recommend complementary cross-border partners, capacity-aware.",
    invoke_without_command=True,
)


@app.callback()
def match(
    ctx: typer.Context,
    mission: str = typer.Option("shanghai-2026", help="Mission whose participants to match."),
    for_org: str | None = typer.Option(None, "--for", help="Only this organisation's list."),
    k: int = typer.Option(6, help="Recommendations each organisation can take (capacity)."),
    lang: str | None = typer.Option(
        None, help="Explanations in ko, zh or en (default: each reader's own language)."
    ),
    as_json: bool = typer.Option(
        False,
        "--json",
        help="Print JSON: {ORG: [recommendations]}; with --accept, "
        "{recommendations: {…}, requests_added: N}.",
    ),
    accept: bool = typer.Option(False, help="Turn the recommendations into meeting requests."),
) -> None:
    """Recommend partners; blocked organisations never appear, those under review are marked."""
    if ctx.invoked_subcommand is not None:
        return
    from corridor.services.matching import hand_off, recommend

    with guard():
        engine = state(ctx).engine()
        with progress(ctx, "matching", hidden=as_json) as report:
            result = recommend(engine, mission, k=k, lang=lang, progress=report)
        shown = {
            key: recs for key, recs in result.by_org.items() if for_org is None or key == for_org
        }
        added = hand_off(engine, mission, result) if accept else None
        if as_json:
            found: dict[str, object] = {
                key: [asdict(r) for r in recs] for key, recs in shown.items()
            }
            emit(found if added is None else {"recommendations": found, "requests_added": added})
        else:
            for key, recs in shown.items():
                table = Table(title=f"Recommended for {key}")
                for column in ("partner", "value", "why"):
                    table.add_column(column, overflow="fold")
                for r in recs:
                    mark = " (under review)" if r.under_review else ""
                    table.add_row(f"{r.partner_name}{mark}", f"{r.value:.2f}", r.explanation)
                console.print(table)
            console.print(
                f"{len(result.pairs)} recommended pairs from {result.candidates} "
                f"candidates; exposure Gini {result.exposure_gini:.3f}; blocked "
                f"(never shown): {', '.join(result.blocked) or 'none'}; held by screening "
                f"(not shown until cleared): {', '.join(result.held) or 'none'}"
            )
        if added is not None and not as_json:
            console.print(f"added {added} meeting requests")


def syndicates(
    ctx: typer.Context,
    mission: str = typer.Option("shanghai-2026", help="Mission."),
    accept: str | None = typer.Option(
        None,
        "--accept",
        metavar="STARTUP",
        help="Accept a proposal for this startup as a group meeting the schedule seats.",
    ),
    option: int = typer.Option(1, "--option", min=1, help="Which proposal to accept (1 = best)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Cross-border investor pairs and trios whose theses all fit each raising startup;
    --accept makes one a group meeting request (then `corridor schedule`)."""
    from corridor.services.matching import mission_syndicates

    if accept is not None:
        from corridor.services.syndicate_requests import accept_syndicate

        with guard():
            request = accept_syndicate(
                state(ctx).engine(), mission, accept, option=option, actor="cli"
            )
        if as_json:
            emit(asdict(request))
        else:
            console.print(f"group meeting requested: {' + '.join(request.parties)} ({request.key})")
        return
    with guard():
        found = mission_syndicates(state(ctx).engine(), mission)
        if as_json:
            emit({k: [asdict(s) for s in v] for k, v in found.items()})
            return
        table = Table(title="Syndicates")
        for column in ("startup", "investors", "fit", "reasons"):
            table.add_column(column, overflow="fold")
        for key, options in found.items():
            for s in options:
                table.add_row(key, " + ".join(s.investors), f"{s.value:.2f}", "; ".join(s.reasons))
        console.print(table)
