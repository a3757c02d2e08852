"""``corridor safety``: feeds, polls, whereabouts, roll calls (delegation safety abroad).

Polls fetch each feed with a conditional GET and record every poll; new alerts are
told to the delegates they touch, by e-mail through CORRIDOR_SMTP_* when a relay is
configured (otherwise recorded for the portal and the duty view only).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import typer
from rich.table import Table

from corridor.cli.common import console, emit, guard, json_option, say, state

app = typer.Typer(help="Delegation safety: alert feeds, whereabouts and roll calls.")
feeds_app = typer.Typer(help="The feeds polled for alerts (admins).")
rollcall_app = typer.Typer(help="Roll calls: ask the delegates on the ground if they are safe.")
app.add_typer(feeds_app, name="feeds")
app.add_typer(rollcall_app, name="rollcall")

BASE_HELP = "The site's address as delegates reach it (default: CORRIDOR_PUBLIC_URL)."


def _now() -> datetime:
    return datetime.now(UTC)


@feeds_app.command("add")
def feeds_add(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="The feed's http(s) address."),
    kind: str = typer.Option(..., "--kind", help="cap, rss or advisory (MOFA 여행경보 JSON)."),
    as_json: bool = json_option(),
) -> None:
    """Add a feed to poll."""
    from corridor.services import safety

    with guard():
        feed = safety.add_feed(state(ctx).engine(), url, kind, actor="cli", now=_now())
    say(
        as_json,
        {"id": feed.id, "url": feed.url, "kind": feed.kind.value},
        f"feed #{feed.id} {feed.kind.value} {feed.url}",
    )


@feeds_app.command("list")
def feeds_list(ctx: typer.Context, as_json: bool = json_option()) -> None:
    """The feeds and their last poll."""
    from corridor.services import safety

    engine = state(ctx).engine()
    with guard():
        found, polls = safety.feeds(engine), safety.polls(engine)
    last = {p.feed_id: p for p in polls}
    if as_json:
        emit([{"id": f.id, "url": f.url, "kind": f.kind.value} for f in found])
        return
    table = Table("id", "kind", "url", "last poll", "status", "error")
    for f in found:
        p = last.get(f.id)
        table.add_row(
            str(f.id),
            f.kind.value,
            f.url,
            "" if p is None else p.at.isoformat(),
            "" if p is None or p.status is None else str(p.status),
            "" if p is None else p.error,
        )
    console.print(table)


@app.command("poll")
def poll(
    ctx: typer.Context,
    feed: int | None = typer.Option(None, "--feed", help="Poll only this feed (default: all)."),
    as_json: bool = json_option(),
) -> None:
    """Poll the feeds, then tell the delegates each new alert touches."""
    from corridor.services import safety
    from corridor.services.safety_letters import deliver
    from corridor.settings import Settings

    engine, smtp = state(ctx).engine(), Settings().smtp()
    with guard():
        ids = [feed] if feed is not None else [f.id for f in safety.feeds(engine)]
        for feed_id in ids:
            done = safety.poll(engine, feed_id, now=_now())
            p = done.poll
            console.print(
                f"feed #{feed_id}: {p.status or '-'} {p.bytes} bytes, {p.alerts} new {p.error}"
            )
        send = None if smtp is None else (lambda e, n: deliver(e, n, smtp=smtp))
        told = safety.notify(engine, now=_now(), send=send)
    console.print(f"{len(told)} notices ({sum(n.emailed for n in told)} e-mailed)")


@app.command("places")
def places(
    ctx: typer.Context,
    mission: str = typer.Argument(..., help="The mission's key."),
    path: Path = typer.Argument(..., help="CSV: person_key,day,kind,place,lat,lon."),
    as_json: bool = json_option(),
) -> None:
    """Replace a mission's whereabouts with a file (staff only; kept until purged)."""
    from corridor.services.safety_places import import_whereabouts

    with guard():
        count = import_whereabouts(state(ctx).engine(), mission, path)
    say(as_json, {"mission": mission, "whereabouts": count}, f"{count} whereabouts for {mission}")


@app.command("purge")
def purge(
    ctx: typer.Context,
    mission: str = typer.Argument(..., help="The mission's key."),
    as_json: bool = json_option(),
) -> None:
    """Delete a mission's location data once 30 days have passed since its last day."""
    from corridor.services import safety

    with guard():
        gone = safety.purge_due(state(ctx).engine(), mission, today=_now())
    say(as_json, {"mission": mission, "deleted": gone}, f"{gone} location records deleted")


@rollcall_app.command("start")
def rollcall_start(
    ctx: typer.Context,
    mission: str = typer.Argument(..., help="The mission's key."),
    day: str = typer.Option("", "--day", help="Whose whereabouts count (default: today)."),
    note: str = typer.Option("", "--note", help="Why (shown to organisers)."),
    base: str = typer.Option("", "--base", help=BASE_HELP),
    show: bool = typer.Option(False, "--print", help="Print the links instead of e-mailing."),
    as_json: bool = json_option(),
) -> None:
    """Start a roll call of the delegates on the ground and send their links."""
    from corridor.services import safety_rollcall as rc
    from corridor.services.registry import mission_summary
    from corridor.settings import Settings

    settings, engine = Settings(), state(ctx).engine()
    address = base or settings.public_url or "http://127.0.0.1:8000"
    with guard():
        when = date.fromisoformat(day) if day else _now().date()
        call, links = rc.start(engine, mission, actor="cli", now=_now(), day=when, note=note)
        smtp = None if show else settings.smtp()
        if smtp is not None:
            name = mission_summary(engine, mission).mission.name
            rc.send(smtp, rc.letters(engine, links, base=address, mission_name=name))
    if as_json:
        emit(
            {
                "roll_call": call.id,
                "links": [
                    {"person": k.person_key, "link": None if smtp is not None else k.url(address)}
                    for k in links
                ],
            }
        )
        return
    console.print(f"roll call #{call.id}: {len(links)} delegates")
    if smtp is None:
        for link in links:
            console.print(f"{link.person_key}: {link.url(address)}", soft_wrap=True)


@rollcall_app.command("status")
def rollcall_status(
    ctx: typer.Context,
    roll_call: int = typer.Argument(..., help="The roll call's number."),
    as_json: bool = json_option(),
) -> None:
    """Who has not answered, who is safe, who needs help."""
    from corridor.services import safety_rollcall as rc

    with guard():
        d = rc.duty(state(ctx).engine(), roll_call, "en")
    if as_json:
        groups = {"need_help": d.need_help, "unanswered": d.unanswered, "safe": d.safe}
        emit(
            {
                name: [
                    {
                        "person": r.person.key,
                        "organisation": r.org_name,
                        "place": r.last_place,
                        "note": r.entry.note,
                        "lead": None if r.lead is None else r.lead.key,
                    }
                    for r in rows
                ]
                for name, rows in groups.items()
            }
        )
        return
    table = Table("group", "name", "organisation", "place", "note", "lead")
    for group, rows in (("need help", d.need_help), ("no answer", d.unanswered), ("safe", d.safe)):
        for r in rows:
            lead = "" if r.lead is None else r.lead.display("en")
            table.add_row(
                group, r.person.display("en"), r.org_name, r.last_place, r.entry.note, lead
            )
    console.print(table)


@rollcall_app.command("export")
def rollcall_export(
    ctx: typer.Context,
    roll_call: int = typer.Argument(..., help="The roll call's number."),
    path: Path = typer.Argument(..., help="A .xlsx or .pdf file to write."),
    lang: str = typer.Option("en", "--lang", help="ko, zh or en."),
    as_json: bool = json_option(),
) -> None:
    """Write a roll call for the consulate as XLSX or PDF."""
    from corridor.services import safety_rollcall as rc

    with guard():
        rc.export_roll_call(state(ctx).engine(), roll_call, path, lang, now=_now())
    say(as_json, {"wrote": str(path)}, f"wrote {path}")
