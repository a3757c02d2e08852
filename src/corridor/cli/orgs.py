"""``corridor orgs`` and ``corridor missions``: look at what the registry holds."""

from __future__ import annotations

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, state
from corridor.core.mission import Mission
from corridor.core.names import display_name
from corridor.core.vocab import sector_label

app = typer.Typer(help="List and show organisations.", no_args_is_help=True)
missions_app = typer.Typer(
    help="List and show missions; their screening hold policy.", no_args_is_help=True
)


@app.command("list")
def list_orgs(
    ctx: typer.Context,
    country: str | None = typer.Option(None, help="Only this country (ISO code, e.g. KR)."),
    kind: str | None = typer.Option(None, help="Only this kind (startup, investor, …)."),
    mission: str | None = typer.Option(None, help="Only participants of this mission."),
    as_json: bool = json_option("Print a JSON array of organisations (every field)."),
) -> None:
    """List organisations with their names in every script."""
    from corridor.services import registry

    with guard():
        orgs = registry.list_organisations(
            state(ctx).engine(), country=country, kind=kind, mission=mission
        )
        if as_json:
            emit(orgs)
            return
        table = Table(title=f"{len(orgs)} organisations")
        for column in ("key", "kind", "country", "English", "한국어", "中文", "sectors"):
            table.add_column(column, overflow="fold")
        for org in orgs:
            names = {
                lang: display_name(tuple(n for n in org.names if n.lang == lang))
                for lang in ("en", "ko", "zh")
            }
            table.add_row(
                org.key,
                org.kind.value,
                org.country,
                names["en"],
                names["ko"],
                names["zh"],
                ", ".join(org.sectors),
            )
        console.print(table)


@app.command("show")
def show_org(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Organisation key."),
    as_json: bool = json_option("Print JSON: the organisation's fields and its people."),
) -> None:
    """Everything the registry knows about one organisation, with its people."""
    from corridor.services import registry

    with guard():
        org, people = registry.organisation_with_people(state(ctx).engine(), key)
        if as_json:
            emit(
                {
                    "organisation": org,
                    "people": [
                        {"key": p.key, "names": p.names, "title": p.title, "languages": p.languages}
                        for p in people
                    ],
                }
            )
            return
        table = Table(show_header=False, title=f"{org.display()} ({org.key})")
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for name in org.names:
            table.add_row(f"name ({name.kind.value}, {name.lang or name.script.value})", name.text)
        for label, value in (
            ("kind", org.kind.value),
            ("country", org.country),
            ("city", org.city),
            ("founded", org.founded),
            ("website", org.website),
            ("stage", org.stage),
        ):
            if value is not None:
                table.add_row(label, str(value))
        table.add_row("sectors", ", ".join(sector_label(s) for s in org.sectors))
        for ident in org.identifiers:
            table.add_row(ident.scheme.value, ident.value)
        for label, texts in (("offers", org.offers), ("seeks", org.seeks)):
            for lang, text in texts.items():
                table.add_row(f"{label} ({lang})", text)
        if org.thesis is not None:
            t = org.thesis
            table.add_row(
                "thesis",
                f"sectors {', '.join(t.sectors) or '-'}; stages "
                f"{', '.join(t.stages) or '-'}; ticket {t.ticket_min_usd or '?'}–"
                f"{t.ticket_max_usd or '?'} USD; {', '.join(t.countries) or '-'}",
            )
        for person in people:
            table.add_row(
                "person",
                f"{' / '.join(n.text for n in person.names)} — "
                f"{person.title or ''} ({', '.join(person.languages)})",
            )
        for source in org.sources:
            table.add_row("source", source)
        console.print(table)


@missions_app.command("list")
def list_missions(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """List missions with their dates and size."""
    from corridor.services import registry

    with guard():
        summaries = registry.mission_summaries(state(ctx).engine())
        if as_json:
            emit([_mission_row(s.mission, s.participants) for s in summaries])
            return
        table = Table(title="Missions")
        for column in (
            "key",
            "name",
            "city",
            "first day",
            "slots",
            "tables",
            "interpreters",
            "participants",
        ):
            table.add_column(column)
        for summary in summaries:
            m = summary.mission
            table.add_row(
                m.key,
                m.name,
                m.city,
                str(m.first_day() or ""),
                str(len(m.slots())),
                str(len(m.tables)),
                str(len(m.interpreters)),
                str(summary.participants),
            )
        console.print(table)


@missions_app.command("show")
def show_mission(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="Mission key."),
    as_json: bool = json_option(),
) -> None:
    """A mission's sessions, slots, tables and interpreters."""
    from corridor.services import registry

    with guard():
        summary = registry.mission_summary(state(ctx).engine(), key)
        m = summary.mission
        if as_json:
            emit(
                {
                    **_mission_row(m, summary.participants),
                    "country": m.country,
                    "timezone": m.timezone,
                    "slot_minutes": m.slot_minutes,
                    "requests": summary.requests,
                    "sessions": m.sessions,
                    "interpreters": m.interpreters,
                }
            )
            return
        console.print(
            f"[bold]{m.name}[/] — {m.city}, {m.country} ({m.timezone}); "
            f"{len(m.slots())} slots of {m.slot_minutes} min; "
            f"{summary.participants} participants, {summary.requests} requests"
        )
        sessions = Table(title="Sessions")
        for column in ("key", "name", "date", "start", "end"):
            sessions.add_column(column)
        for s in m.sessions:
            sessions.add_row(
                s.key, s.name, s.day.isoformat(), s.start.strftime("%H:%M"), s.end.strftime("%H:%M")
            )
        console.print(sessions)
        interpreters = Table(title="Interpreters")
        for column in ("key", "name", "pairs", "max meetings", "max consecutive"):
            interpreters.add_column(column)
        for x in m.interpreters:
            interpreters.add_row(
                x.key,
                x.name,
                ", ".join(str(p) for p in x.pairs),
                str(x.max_meetings or "-"),
                str(x.max_consecutive or "-"),
            )
        console.print(interpreters)


def _mission_row(m: Mission, participants: int) -> dict[str, object]:
    return {
        "key": m.key,
        "name": m.name,
        "city": m.city,
        "first_day": m.first_day(),
        "slots": len(m.slots()),
        "tables": len(m.tables),
        "interpreters": len(m.interpreters),
        "participants": participants,
    }
