"""``corridor missions policy`` and ``corridor missions held``: the screening hold
policy of a mission, and who it holds."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, state

# Who the record names for a change made from a shell (the CLI has no login).
ACTOR = "cli"


def policy(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Mission key."),
    value: str | None = typer.Argument(
        None,
        metavar="[hold|flag]",
        help="hold: held organisations wait until compliance clears them (the default); "
        "flag: they take part, flagged to organisers only. Omit to show the policy.",
    ),
    as_json: bool = json_option("Print JSON: {mission, policy, set_by, set_at}."),
) -> None:
    """Show or set what screening holds do in a mission (hold or flag)."""
    from corridor.services.admission import hold_policy, set_hold_policy

    with guard():
        engine = state(ctx).engine()
        if value is None:
            found = hold_policy(engine, key)
        else:
            found = set_hold_policy(engine, key, value, actor=ACTOR)
        if as_json:
            emit(
                {
                    "mission": key,
                    "policy": found.policy,
                    "set_by": found.set_by,
                    "set_at": found.set_at,
                }
            )
            return
        who = "" if found.set_by is None else f" (set by {found.set_by}"
        when = "" if found.set_at is None else f" at {found.set_at:%Y-%m-%d %H:%M} UTC"
        console.print(
            f"{key}: hold policy {found.policy.value}{escape(who)}{when}{')' if who else ''}"
        )


def held(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Mission key."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Who screening holds in a mission, and why (undecided strong hits, blocking flags,
    escalations); under policy flag they take part, flagged."""
    from corridor.services.admission import admission

    with guard():
        found = admission(state(ctx).engine(), key)
        if as_json:
            data = {
                "mission": key,
                "policy": found.policy.policy.value,
                "held": {
                    h.org.key: [
                        {
                            "kind": r.kind,
                            "source": r.source,
                            "source_id": r.source_id,
                            "label": r.label,
                            "state": r.state,
                            "strong": r.strong,
                        }
                        for r in h.reasons
                    ]
                    for h in found.held
                },
                "blocked": list(found.blocked),
            }
            emit(data)
            return
        table = Table(title=f"Held in {key} (policy {found.policy.policy.value})")
        for column in ("organisation", "reason", "state"):
            table.add_column(column, overflow="fold")
        for h in found.held:
            for r in h.reasons:
                what = f"{r.kind} {r.source} {r.source_id}: {r.label}"
                table.add_row(escape(h.org.display("en")), escape(what), r.state)
        console.print(table)
        console.print(
            f"{len(found.held)} held, {len(found.blocked)} blocked, "
            f"{len(found.admitted)} of {len(found.participants)} taking part"
        )
