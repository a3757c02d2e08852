"""``corridor screen``: screen a mission or names; record decisions; export the audit."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, progress, state
from corridor.cli.fatal import EXIT_FINDINGS
from corridor.core.screening import Action, Band, Coverage, Hit

if TYPE_CHECKING:
    from corridor.services.screening import MissionScreening

app = typer.Typer(
    help="Screen a mission's participants, or names, against the lists.",
    invoke_without_command=True,
)


class FailOn(StrEnum):
    """What makes a screen command exit with status 1 (for scripts and CI)."""

    REVIEW = "review"
    BLOCK = "block"


_FAIL_ON = typer.Option(
    None,
    "--fail-on",
    help="Exit with status 1 when something needs review (review: any hit; for a mission, "
    "any organisation in review or blocked) or would be stopped (block: a strong hit; "
    "for a mission, a blocked organisation).",
)


@app.callback()
def screen_mission(
    ctx: typer.Context,
    mission: str = typer.Option("shanghai-2026", help="Mission whose participants to screen."),
    as_json: bool = json_option(
        "Print JSON: {mission, orgs: [{key, status, verdict, hits, flags}], counts, coverage}."
    ),
    fail_on: FailOn | None = _FAIL_ON,
) -> None:
    """Screen every participant of a mission and its people against the lists in force."""
    if ctx.invoked_subcommand is not None:
        return
    from corridor.services import screening as svc

    with guard():
        engine = state(ctx).engine()
        with progress(ctx, "screening", hidden=as_json) as report:
            result = svc.screen_mission(engine, mission, progress=report)
    counts = {s: len(result.by_status(s)) for s in ("blocked", "review", "cleared")}
    if as_json:
        emit(_mission_json(result, counts))
    else:
        _print_mission(result, counts)
    worst = {FailOn.REVIEW: counts["blocked"] + counts["review"], FailOn.BLOCK: counts["blocked"]}
    if fail_on is not None and worst[fail_on] > 0:
        raise typer.Exit(EXIT_FINDINGS)


def _print_mission(result: MissionScreening, counts: dict[str, int]) -> None:
    table = Table(title=f"Screening of {result.mission.key}")
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
    console.print(
        f"blocked {counts['blocked']}, review {counts['review']}, cleared {counts['cleared']}"
    )
    print_coverage(result.coverage)


def _mission_json(result: MissionScreening, counts: dict[str, int]) -> dict[str, object]:
    return {
        "mission": result.mission.key,
        "at": result.at,
        "orgs": [
            {
                "key": o.org.key,
                "status": o.status,
                "verdict": o.verdict,
                "hits": [{**_hit_json(h.hit), "person": h.person_key} for h in o.hits],
                "flags": o.flags,
            }
            for o in result.orgs
        ],
        "counts": counts,
        "coverage": coverage_json(result.coverage),
    }


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


def _fails(fail_on: FailOn | None, hits: list[Hit]) -> bool:
    if fail_on is None:
        return False
    if fail_on is FailOn.BLOCK:
        return any(h.band is Band.STRONG for h in hits)
    return len(hits) > 0


@app.command("name")
def screen_name(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="A name in any script (Hangul, Hanzi, Latin)."),
    kind: str = typer.Option("", help="org or person (default: either)."),
    country: str = typer.Option("", help="ISO country code, if known."),
    as_json: bool = json_option("Print JSON: {query, hits: [...], coverage}."),
    fail_on: FailOn | None = _FAIL_ON,
) -> None:
    """Screen one name against every list in force and explain each hit."""
    from corridor.services import screening as svc
    from corridor.services.name_files import query_for

    with guard():
        engine = state(ctx).engine()
        query = query_for(text, kind, country)
        with progress(ctx, "screening", hidden=as_json) as report:
            hits = svc.screen_queries(engine, [query], progress=report)[0]
        coverage = svc.list_coverage(engine)
    if as_json:
        emit(
            {
                "query": text,
                "hits": [_hit_json(h) for h in hits],
                "coverage": coverage_json(coverage),
            }
        )
    else:
        _print_hits(text, hits)
        print_coverage(coverage)
    if _fails(fail_on, hits):
        raise typer.Exit(EXIT_FINDINGS)


@app.command("names")
def screen_names(
    ctx: typer.Context,
    path: Path = typer.Argument(
        ...,
        help="CSV (or XLSX/JSON) with a name column and optional "
        "kind (org|person) and country columns.",
    ),
    as_json: bool = json_option("Print a JSON array, one {query, hits, coverage} per row."),
    encoding: str | None = typer.Option(None, help="Encoding of the file (default: detect)."),
    fail_on: FailOn | None = _FAIL_ON,
) -> None:
    """Screen every name of a file; JSON gives {query, hits[...], coverage} per input row."""
    from corridor.services import screening as svc
    from corridor.services.name_files import read_queries

    with guard():
        engine = state(ctx).engine()
        queries = read_queries(path, encoding)
        with progress(ctx, "screening", hidden=as_json) as report:
            results = svc.screen_queries(engine, queries, progress=report)
        coverage = svc.list_coverage(engine)
    if as_json:
        cover = coverage_json(coverage)
        emit(
            [
                {"query": q.names[0].text, "hits": [_hit_json(h) for h in r], "coverage": cover}
                for q, r in zip(queries, results, strict=True)
            ]
        )
    else:
        for q, r in zip(queries, results, strict=True):
            _print_hits(q.names[0].text, r)
        print_coverage(coverage)
    if any(_fails(fail_on, r) for r in results):
        raise typer.Exit(EXIT_FINDINGS)


@app.command("batch")
def screen_batch(
    ctx: typer.Context,
    source: Path = typer.Argument(
        ...,
        help="Names to screen: CSV, XLSX, JSON, JSON Lines (.jsonl) or Parquet with an id and "
        "a name column; optional kind (org|person), country and birth_date.",
    ),
    output: Path = typer.Argument(
        ..., help="Results, one row per name and hit: .parquet or .jsonl."
    ),
    workers: int = typer.Option(
        2, "--workers", min=1, help="Worker processes of the local cluster."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        envvar="CORRIDOR_DASK_SCHEDULER",
        help="A running Dask scheduler (tcp://host:8786) instead of a local cluster.",
    ),
    partition_rows: int = typer.Option(
        2_000, "--partition-rows", min=1, help="Names per partition (the unit of resuming)."
    ),
    since: Path | None = typer.Option(
        None,
        "--since",
        help="The output of an earlier batch of the same file: screen again only the rows "
        "the list changes since then can touch, keep the rest.",
    ),
    encoding: str | None = typer.Option(None, help="Encoding of the file (default: detect)."),
    as_json: bool = json_option("Print the summary as JSON."),
) -> None:
    """Screen a large file of names on Dask, writing results as each partition ends.

    Run again with the same arguments after an interruption: finished partitions are
    kept in OUTPUT.parts/ and skipped. After a list update, --since PREVIOUS_OUTPUT
    redoes only what the update can change.
    """
    from functools import partial

    from corridor.scale.batch import screen_batch
    from corridor.scale.cluster import connect
    from corridor.scale.delta import screen_delta

    run = screen_batch if since is None else partial(screen_delta, previous=since)

    with guard():
        engine = state(ctx).engine()
        with (
            progress(ctx, "screening", hidden=as_json) as report,
            connect(workers, scheduler) as client,
        ):
            summary = run(
                engine,
                source=source,
                output=output,
                client=client,
                partition_rows=partition_rows,
                encoding=encoding,
                progress=report,
            )
    if as_json:
        emit({k: getattr(summary, k) for k in summary.__dataclass_fields__})
        return
    table = Table(title=f"Batch screening of {source.name}")
    table.add_column("")
    table.add_column("", justify="right")
    rate = summary.names / summary.seconds if summary.seconds > 0 else 0.0
    for label, value in (
        ("names", f"{summary.names:,}"),
        ("partitions (resumed)", f"{summary.partitions:,} ({summary.resumed:,})")
        if summary.rescreened is None
        else (
            "screened again (kept)",
            f"{summary.rescreened:,} ({summary.names - summary.rescreened:,})",
        ),
        ("names with hits", f"{summary.names_with_hits:,}"),
        ("hit rows", f"{summary.rows:,}"),
        *((f"  {band}", f"{n:,}") for band, n in summary.by_band.items()),
        ("workers", str(summary.workers)),
        ("seconds", f"{summary.seconds:.1f}"),
        ("names per second", f"{rate:,.0f}"),
    ):
        table.add_row(label, value)
    console.print(table)
    console.print(f"written: {summary.output}")


@app.command("decide")
def decide(
    ctx: typer.Context,
    org: str = typer.Argument(..., help="Organisation key."),
    source: str = typer.Argument(..., help="List source of the hit (ofac_sdn, …) or 'rule'."),
    source_id: str = typer.Argument(..., help="Official id of the entry, or the rule id."),
    action: Action = typer.Option(..., help="clear, escalate or block."),
    reason: str = typer.Option(..., help="Why (recorded verbatim in the audit trail)."),
    actor: str = typer.Option("compliance", help="Who decides."),
    as_json: bool = json_option("Print the recorded decision as JSON."),
) -> None:
    """Record a decision on a hit or flag; decisions are append-only."""
    from corridor.services import screening as svc

    with guard():
        d = svc.decide(state(ctx).engine(), org, source, source_id, action, reason, actor)
    if as_json:
        emit(d)
        return
    console.print(
        f"recorded: {d.actor} {d.action.value} {d.org_key} / {d.source} "
        f"{d.source_id} at {d.at.isoformat(timespec='seconds')}"
    )


@app.command("audit")
def audit(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="Output .csv or .json file."),
    as_json: bool = json_option("Print {path, records} as JSON."),
) -> None:
    """Export the decision trail and current hits (CSV or JSON)."""
    from corridor.services.audit import export_audit

    with guard():
        count = export_audit(state(ctx).engine(), path)
    if as_json:
        emit({"path": path, "records": count})
    else:
        console.print(f"wrote {count} audit records to {path}")
