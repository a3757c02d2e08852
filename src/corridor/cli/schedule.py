"""``corridor schedule``: solve, replan and publish the roundtable's meetings."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from corridor.cli.common import console, guard, state
from corridor.core.mission import MeetingRequest, RequestOrigin
from corridor.exc import InvalidInput
from corridor.schedule.solution import Schedule
from corridor.services.scheduling import replan_mission, schedule_mission, summary, write_outputs

app = typer.Typer(
    help="Schedule the 1:1 meetings (CP-SAT with an LP bound, or greedy).",
    invoke_without_command=True,
)


def print_schedule(schedule: Schedule, facts: dict[str, object]) -> None:
    """The schedule's numbers as a table."""
    table = Table(title=f"Schedule ({schedule.solver}, {schedule.status})")
    table.add_column("what")
    table.add_column("value", justify="right")
    gap = schedule.gap()
    for label, value in (
        ("meetings", facts["meetings"]),
        ("requested pairs met", f"{facts['pairs_met']} of {facts['pairs']}"),
        ("weight", schedule.weight),
        ("upper bound (LP)", f"{schedule.bound:.1f}" if schedule.bound is not None else "-"),
        ("gap to the bound", f"{gap:.2%}" if gap is not None else "-"),
        ("interpreted meetings", facts["interpreted"]),
        ("startups without a meeting", len(facts["startups_without_meeting"])),  # type: ignore[arg-type]
        ("seconds", f"{schedule.seconds:.1f}"),
    ):
        table.add_row(label, str(value))
    console.print(table)


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
) -> None:
    """Solve and publish the mission's schedule (every constraint independently checked)."""
    if ctx.invoked_subcommand is not None:
        return
    with guard():
        result, problem, data = schedule_mission(
            state(ctx).engine(), mission, solver=solver, time_limit=time_limit
        )
        print_schedule(result, summary(problem, result))
        if out is not None:
            files, notes = write_outputs(out, result, problem, data)
            console.print(f"wrote {len(files)} files to {out}/")
            for note in notes:
                console.print(f"[yellow]{note}[/]")


def _request(text: str) -> MeetingRequest:
    parts = text.split(":")
    if len(parts) not in (2, 3):
        raise InvalidInput("a request is REQUESTER:TARGET[:INTEREST]", field="add", value=text)
    interest = int(parts[2]) if len(parts) == 3 else 2
    return MeetingRequest(parts[0], parts[1], interest, "late request", RequestOrigin.ORGANISER)


@app.command("replan")
def replan(
    ctx: typer.Context,
    mission: str = typer.Option("shanghai-2026", help="Mission to replan."),
    cancel: list[str] = typer.Option([], help="Organisation that cancelled (repeatable)."),
    no_show: list[str] = typer.Option([], help="Interpreter who is not coming (repeatable)."),
    add: list[str] = typer.Option([], help="Late request REQUESTER:TARGET[:INTEREST]."),
    time_limit: float = typer.Option(5.0, help="CP-SAT deterministic time limit (seconds)."),
    out: Path | None = typer.Option(None, help="Rewrite agendas and the plan here."),
) -> None:
    """Replan the published schedule with as few moved meetings as possible."""
    with guard():
        requests = [_request(a) for a in add]
        result, changes, problem, data = replan_mission(
            state(ctx).engine(),
            mission,
            cancel=cancel,
            no_show=no_show,
            add=requests,
            time_limit=time_limit,
        )
        print_schedule(result, summary(problem, result))
        published = len(changes.kept) + len(changes.moved) + len(changes.dropped)
        console.print(
            f"kept {len(changes.kept)}, moved {len(changes.moved)}, dropped "
            f"{len(changes.dropped)}, added {len(changes.added)} "
            f"({changes.moved_share(published):.1%} of published meetings moved or dropped)"
        )
        for old, new in changes.moved:
            console.print(
                f"  moved {old.org_a} × {old.org_b}: slot {old.slot} {old.table} "
                f"{old.interpreter or ''} → slot {new.slot} {new.table} "
                f"{new.interpreter or ''}"
            )
        for m in changes.dropped:
            console.print(f"  dropped {m.org_a} × {m.org_b} (slot {m.slot})")
        if out is not None:
            files, notes = write_outputs(out, result, problem, data)
            console.print(f"wrote {len(files)} files to {out}/")
            for note in notes:
                console.print(f"[yellow]{note}[/]")
