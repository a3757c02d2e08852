"""``corridor schedule``: solve, replan and publish the roundtable's meetings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, progress, state

if TYPE_CHECKING:
    from corridor.services.replanning import ReplanPreview

# Who the audit trail names for a command run from a shell (the CLI has no login).
ACTOR = "cli"

app = typer.Typer(
    help="Schedule the 1:1 meetings (CP-SAT with an LP bound, or greedy).",
    invoke_without_command=True,
)


def print_schedule(facts: dict[str, object]) -> None:
    """The schedule's numbers (``summary``) as a table."""
    from corridor.services.scheduling import set_aside_note

    table = Table(title=f"Schedule ({facts['solver']}, {facts['status']})")
    table.add_column("what")
    table.add_column("value", justify="right")
    weight, bound = facts["weight"], facts["bound"]
    assert isinstance(weight, int)  # summary() says so
    gap = None
    if isinstance(bound, float | int) and bound > 0:
        gap = max(0.0, 1 - weight / bound)
    for label, value in (
        ("meetings", facts["meetings"]),
        ("requested pairs met", f"{facts['pairs_met']} of {facts['pairs']}"),
        ("weight", weight),
        ("upper bound (LP)", f"{bound:.1f}" if isinstance(bound, float | int) else "-"),
        ("gap to the bound", f"{gap:.2%}" if gap is not None else "-"),
        ("interpreted meetings", facts["interpreted"]),
        ("startups without a meeting", len(facts["startups_without_meeting"])),  # type: ignore[arg-type]
        ("seconds", f"{facts['seconds']:.1f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)
    if "requests_set_aside" in facts:
        console.print(set_aside_note(facts))
        for label, key in (("held", "set_aside_held"), ("blocked", "set_aside_blocked")):
            keys = facts[key]
            assert isinstance(keys, list)  # summary() says so
            if len(keys) > 0:
                console.print(f"  {label}: {', '.join(keys)}")


@app.callback()
def schedule(
    ctx: typer.Context,
    mission: str = typer.Option("shanghai-2026", help="Mission to schedule."),
    solver: str = typer.Option(
        "cpsat", help="cpsat (greedy → LP bound → exact solve on the LP support) or greedy."
    ),
    time_limit: float = typer.Option(10.0, help="CP-SAT deterministic time limit (seconds)."),
    out: Path | None = typer.Option(
        None, help="Also write agendas (HTML, ICS, PDF) and the plan to this directory."
    ),
    publish: int | None = typer.Option(
        None,
        "--publish",
        metavar="ID",
        help="Instead of solving, publish the stored draft ID (from `replan --preview`).",
    ),
    list_: bool = typer.Option(
        False, "--list", help="Instead of solving, list the mission's stored schedules."
    ),
    as_json: bool = json_option(
        "Print JSON: the schedule's figures (and files written); with --list the schedules, "
        "with --publish the one published."
    ),
) -> None:
    """Solve and publish the mission's schedule (every constraint independently checked)."""
    if ctx.invoked_subcommand is not None:
        return
    from corridor.services.scheduling import schedule_mission, summary

    with guard():
        if list_:
            list_stored(ctx, mission, as_json)
            return
        if publish is not None:
            publish_draft(ctx, mission, publish, as_json)
            return
        with progress(ctx, "scheduling", hidden=as_json) as report:
            result, problem, data = schedule_mission(
                state(ctx).engine(),
                mission,
                solver=solver,
                time_limit=time_limit,
                actor=ACTOR,
                progress=report,
            )
        facts = summary(problem, result, data)
        if not as_json:
            print_schedule(facts)
        written = _write(out, result, problem, data, quiet=as_json)
        if as_json:
            emit({**facts, **written})


def _write(out: Path | None, *solved: Any, quiet: bool) -> dict[str, object]:
    """Agendas and the plan into ``out`` (if given): what was written, and notes."""
    from corridor.services.scheduling import write_outputs

    if out is None:
        return {}
    files, notes = write_outputs(out, *solved)
    if not quiet:
        console.print(f"wrote {len(files)} files to {out}/")
        for note in notes:
            console.print(f"[yellow]{note}[/]")
    return {"out": out, "files": len(files), "notes": notes}


def print_changes(preview: ReplanPreview) -> None:
    """What replanning moved, dropped and added, meeting by meeting."""
    published = len(preview.kept) + len(preview.moved) + len(preview.dropped)
    share = (len(preview.moved) + len(preview.dropped)) / published if published else 0.0
    console.print(
        f"kept {len(preview.kept)}, moved {len(preview.moved)}, dropped "
        f"{len(preview.dropped)}, added {len(preview.added)} "
        f"({share:.1%} of published meetings moved or dropped)"
    )
    for c in preview.moved:
        old, new = c.before, c.after
        assert old is not None and new is not None  # a move has both sides
        delegates = (
            f" (delegates {', '.join(old.attendees)} → {', '.join(new.attendees)})"
            if c.delegates_changed
            else ""
        )
        console.print(
            f"  moved {c.org_a} × {c.org_b}: slot {old.slot.index} {old.table} "
            f"{old.interpreter or ''} → slot {new.slot.index} {new.table} "
            f"{new.interpreter or ''}{delegates}"
        )
    for c in preview.dropped:
        assert c.before is not None  # a dropped meeting was there before
        console.print(f"  dropped {c.org_a} × {c.org_b} (slot {c.before.slot.index})")
    for c in preview.added:
        assert c.after is not None  # an added meeting is there after
        console.print(f"  added {c.org_a} × {c.org_b} (slot {c.after.slot.index} {c.after.table})")


@app.command("replan")
def replan(
    ctx: typer.Context,
    mission: str = typer.Option("shanghai-2026", help="Mission to replan."),
    cancel: list[str] = typer.Option([], help="Organisation that cancelled (repeatable)."),
    no_show: list[str] = typer.Option([], help="Interpreter who is not coming (repeatable)."),
    add: list[str] = typer.Option([], help="Late request REQUESTER:TARGET[:INTEREST]."),
    time_limit: float = typer.Option(5.0, help="CP-SAT deterministic time limit (seconds)."),
    out: Path | None = typer.Option(None, help="Rewrite agendas and the plan here."),
    preview: bool = typer.Option(
        False,
        "--preview",
        help="Only show what would move; the result is kept as an unpublished draft "
        "(`corridor schedule --publish ID` publishes it).",
    ),
    as_json: bool = json_option(
        "Print JSON: the figures, {draft, published} and the moved, dropped and added meetings."
    ),
) -> None:
    """Replan the published schedule with as few moved meetings as possible."""
    from corridor.services.replanning import publish_schedule, replan_draft
    from corridor.services.scheduling import parse_request, summary

    with guard():
        requests = [parse_request(a) for a in add]
        engine = state(ctx).engine()
        done = replan_draft(
            engine,
            mission,
            cancel=cancel,
            no_show=no_show,
            add=requests,
            time_limit=time_limit,
            actor=ACTOR,
        )
        if not preview:
            publish_schedule(engine, mission, done.preview.schedule_id, actor=ACTOR)
        facts = summary(done.problem, done.schedule, done.data)
        if not as_json:
            print_schedule(facts)
            print_changes(done.preview)
        if preview and not as_json:
            console.print(
                f"draft {done.preview.schedule_id} not published: "
                f"`corridor schedule --publish {done.preview.schedule_id}` publishes it"
            )
        written = _write(out, done.schedule, done.problem, done.data, quiet=as_json)
        if as_json:
            p = done.preview
            emit(
                {
                    **facts,
                    "draft": p.schedule_id,
                    "published": not preview,
                    "kept": len(p.kept),
                    "moved": p.moved,
                    "dropped": p.dropped,
                    "added": p.added,
                    **written,
                }
            )


def publish_draft(ctx: typer.Context, mission: str, schedule_id: int, as_json: bool) -> None:
    """Publish a stored draft (refused if another was published since it was made)."""
    from corridor.services.replanning import publish_schedule

    row = publish_schedule(state(ctx).engine(), mission, schedule_id, actor=ACTOR)
    if as_json:
        emit({"published": row.id, "meetings": row.meetings})
    else:
        console.print(f"published schedule {row.id} ({row.meetings} meetings)")


def list_stored(ctx: typer.Context, mission: str, as_json: bool) -> None:
    """The mission's stored schedules, newest first, and which one is published."""
    from corridor.services.schedule_pages import list_schedules

    found = list_schedules(state(ctx).engine(), mission)
    if as_json:
        emit(found)
        return
    table = Table(title=f"Schedules of {mission}")
    for column in ("id", "created", "published", "meetings", "weight", "by", "note"):
        table.add_column(column, overflow="fold")
    for s in found:
        table.add_row(
            str(s.id),
            f"{s.created_at:%Y-%m-%d %H:%M}",
            f"yes ({s.published_by or '?'})" if s.published else "",
            str(s.meetings),
            str(s.weight),
            s.actor or "",
            s.note,
        )
    console.print(table)
