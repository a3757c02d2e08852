"""``corridor screen``: screen a mission or names; record decisions; export the audit."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from corridor.cli.common import console, guard, state
from corridor.core.screening import Action, Coverage, Hit

app = typer.Typer(
    help="Screen a mission's participants, or names, against the lists.",
    invoke_without_command=True,
)


@app.callback()
def screen_mission(
    ctx: typer.Context,
    mission: str = typer.Option("shanghai-2026", help="Mission whose participants to screen."),
) -> None:
    """Screen every participant of a mission and its people against the lists in force."""
    if ctx.invoked_subcommand is not None:
        return
    from corridor.services import screening as svc

    with guard():
        result = svc.screen_mission(state(ctx).engine(), mission)
        table = Table(title=f"Screening of {mission}")
        for column in ("organisation", "status", "best hit", "score", "flags"):
            table.add_column(column, overflow="fold")
        for o in sorted(
            result.orgs, key=lambda x: (x.status != "blocked", x.status != "review", x.org.key)
        ):
            best = o.hits[0].hit if len(o.hits) > 0 else None
            table.add_row(
                o.org.key,
                _status(o.status, result.coverage),
                f"{best.entry_name} ({best.source})" if best else "",
                f"{best.score:.2f} {best.band.value}" if best else "",
                ", ".join(f.rule for f in o.flags),
            )
        console.print(table)
        counts = {s: len(result.by_status(s)) for s in ("blocked", "review", "cleared")}
        console.print(
            f"blocked {counts['blocked']}, review {counts['review']}, cleared {counts['cleared']}"
        )
        print_coverage(result.coverage)


def _status(status: str, coverage: Coverage) -> str:
    if status == "cleared" and not coverage.complete:
        return "cleared (lists checked only)"
    return status


def print_coverage(coverage: Coverage) -> None:
    """What the result was checked against, and — in red — what it was not."""
    console.print(f"checked against: {coverage.against()}")
    if not coverage.complete:
        console.print(f"[red]not checked:[/] {coverage.not_checked()}")


def coverage_json(coverage: Coverage) -> dict[str, object]:
    """The coverage as the JSON outputs carry it (the web reuses the same fields)."""
    return {
        "checked": [
            {
                "source": c.source,
                "label": c.label,
                "version": c.version_id,
                "published": None if c.published is None else c.published.isoformat(),
                "entries": c.entries,
                "sample": c.sample,
            }
            for c in coverage.checked
        ],
        "not_checked": [
            {"source": g.source, "label": g.label, "why": g.why} for g in coverage.gaps
        ],
        "complete": coverage.complete,
        "summary": coverage.qualify("cleared"),
    }


def _hit_json(hit: Hit) -> dict[str, object]:
    return {
        "source": hit.source,
        "source_id": hit.source_id,
        "name": hit.entry_name,
        "matched_name": hit.matched_name,
        "score": hit.score,
        "band": hit.band.value,
        "explanation": hit.explanation,
    }


def _print_hits(query: str, hits: list[Hit]) -> None:
    table = Table(title=f"Hits for {query!r}")
    for column in ("source", "id", "list name", "matched name", "score", "band", "why"):
        table.add_column(column, overflow="fold")
    for h in hits:
        table.add_row(
            h.source,
            h.source_id,
            h.entry_name,
            h.matched_name,
            f"{h.score:.3f}",
            h.band.value,
            h.explanation,
        )
    if len(hits) > 0:
        console.print(table)
    else:
        console.print(f"no hits for {query!r} in the lists checked (below)")


@app.command("name")
def screen_name(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="A name in any script (Hangul, Hanzi, Latin)."),
    kind: str = typer.Option("", help="org or person (default: either)."),
    country: str = typer.Option("", help="ISO country code, if known."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """Screen one name against every list in force and explain each hit."""
    from corridor.services import screening as svc
    from corridor.services.name_files import query_for

    with guard():
        engine = state(ctx).engine()
        hits = svc.screen_queries(engine, [query_for(text, kind, country)])[0]
        coverage = svc.list_coverage(engine)
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "query": text,
                        "hits": [_hit_json(h) for h in hits],
                        "coverage": coverage_json(coverage),
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            _print_hits(text, hits)
            print_coverage(coverage)


@app.command("names")
def screen_names(
    ctx: typer.Context,
    path: Path = typer.Argument(
        ...,
        help="CSV (or XLSX/JSON) with a name column and optional "
        "kind (org|person) and country columns.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array, one object per row."),
    encoding: str | None = typer.Option(None, help="Encoding of the file (default: detect)."),
) -> None:
    """Screen every name of a file; JSON gives {query, hits[...], coverage} per input row."""
    from corridor.services import screening as svc
    from corridor.services.name_files import read_queries

    with guard():
        engine = state(ctx).engine()
        queries = read_queries(path, encoding)
        results = svc.screen_queries(engine, queries)
        coverage = svc.list_coverage(engine)
        if as_json:
            cover = coverage_json(coverage)
            typer.echo(
                json.dumps(
                    [
                        {
                            "query": q.names[0].text,
                            "hits": [_hit_json(h) for h in r],
                            "coverage": cover,
                        }
                        for q, r in zip(queries, results, strict=True)
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        for q, r in zip(queries, results, strict=True):
            _print_hits(q.names[0].text, r)
        print_coverage(coverage)


@app.command("decide")
def decide(
    ctx: typer.Context,
    org: str = typer.Argument(..., help="Organisation key."),
    source: str = typer.Argument(..., help="List source of the hit (ofac_sdn, …) or 'rule'."),
    source_id: str = typer.Argument(..., help="Official id of the entry, or the rule id."),
    action: Action = typer.Option(..., help="clear, escalate or block."),
    reason: str = typer.Option(..., help="Why (recorded verbatim in the audit trail)."),
    actor: str = typer.Option("compliance", help="Who decides."),
) -> None:
    """Record a decision on a hit or flag; decisions are append-only."""
    from corridor.services import screening as svc

    with guard():
        d = svc.decide(state(ctx).engine(), org, source, source_id, action, reason, actor)
        console.print(
            f"recorded: {d.actor} {d.action.value} {d.org_key} / {d.source} "
            f"{d.source_id} at {d.at.isoformat(timespec='seconds')}"
        )


@app.command("audit")
def audit(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="Output .csv or .json file."),
) -> None:
    """Export the decision trail and current hits (CSV or JSON)."""
    from corridor.services.audit import export_audit

    with guard():
        count = export_audit(state(ctx).engine(), path)
        console.print(f"wrote {count} audit records to {path}")
