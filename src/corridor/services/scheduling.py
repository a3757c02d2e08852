"""Scheduling use cases: load a mission, solve, store, and render agendas and plans.

Replanning is in replanning.py, the read side (plan grid, roster, agendas) in
schedule_views.py."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.mission import Meeting, MeetingRequest, Mission, RequestOrigin
from corridor.core.parties import Organization, Person
from corridor.core.progress import Progress, silent
from corridor.core.vocab import country_language
from corridor.exc import InvalidInput
from corridor.reports.agenda import (
    agenda_html,
    agenda_ics,
    agenda_items,
    cancelled_items,
    plan_html,
)
from corridor.reports.ics import revisions
from corridor.reports.render import html_to_pdf
from corridor.schedule.pipeline import solve
from corridor.schedule.problem import Problem, build_problem
from corridor.schedule.solution import Schedule, holes
from corridor.schedule.validate import violations
from corridor.services.admission import admission
from corridor.services.pdf_fonts import pdf_warning
from corridor.services.uow import read_only, unit_of_work
from corridor.store.base import StoredSchedule


@dataclass(slots=True)
class MissionData:
    """What scheduling needs from storage: mission, parties, people, requests."""

    mission: Mission
    orgs: dict[str, Organization]
    people: list[Person]
    requests: list[MeetingRequest]
    blocked: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    """Held by screening and kept out by the mission's ``hold`` policy."""
    set_aside: int = 0
    """Requests left out because one side is blocked or held (staff see the count)."""
    flagged: list[str] = field(default_factory=list)
    """Held by screening but taking part (policy ``flag``): organisers see the flag."""
    published: list[tuple[Meeting, ...]] = field(default_factory=list)
    """The meetings of every schedule published so far, oldest first (calendars)."""
    participants: dict[str, Organization] = field(default_factory=dict)
    """Every participant, taking part or not: a calendar names the counterpart of a
    meeting cancelled because that organisation left."""


def load_mission_data(engine: Engine, mission_key: str) -> MissionData:
    """The participants that take part (services/admission.py: neither blocked nor held
    under the mission's policy), their people, and the requests between them."""
    with read_only(engine) as uow:
        mission = uow.missions.mission(mission_key)
        keys = uow.missions.participants(mission_key)
        orgs = {o.key: o for o in uow.registry.organisations(keys=keys)}
        people = [p for p in uow.registry.people() if p.org_key in orgs]
        requests = uow.missions.requests(mission_key)
        published = published_history(uow.schedules.listing(mission_key))
    everyone = dict(orgs)
    gate = admission(engine, mission_key)
    for key in gate.excluded:
        orgs.pop(key, None)
    people = [p for p in people if p.org_key in orgs]
    kept = [r for r in requests if r.requester in orgs and r.target in orgs]
    return MissionData(
        mission,
        orgs,
        people,
        kept,
        list(gate.blocked),
        sorted(gate.held_keys & gate.excluded),
        len(requests) - len(kept),
        sorted(gate.flagged),
        published,
        everyone,
    )


def published_history(schedules: Sequence[StoredSchedule]) -> list[tuple[Meeting, ...]]:
    """The meetings of each schedule that was published, in the order of publication.

    A schedule is published at most once (publishing a draft made against an older
    schedule is refused as stale), so its ``published_at`` orders it; the id breaks a
    tie within the same second, and a schedule published before that time was recorded
    (only its flag says so) comes first.
    """
    shown = [s for s in schedules if s.published or s.published_at is not None]
    ordered = sorted(shown, key=lambda s: (s.published_at or "", s.id))
    return [s.meetings for s in ordered]


def problem_of(data: MissionData) -> Problem:
    """The scheduling problem of a mission's data."""
    return build_problem(data.mission, list(data.orgs.values()), data.people, data.requests)


def summary(
    problem: Problem, schedule: Schedule, data: MissionData | None = None
) -> dict[str, object]:
    """Requests met by weight and by organisation, interpreter load, who was left out;
    with ``data``, also how many requests screening set aside and why (for staff: it
    names blocked and held organisations)."""
    facts = _summary(problem, schedule)
    if data is not None:
        facts |= {
            "requests_set_aside": data.set_aside,
            "set_aside_blocked": list(data.blocked),
            "set_aside_held": list(data.held),
            "flagged": list(data.flagged),
        }
    return facts


def set_aside_note(facts: dict[str, object]) -> str:
    """One line for staff: how many requests screening set aside, and why (English)."""
    count = facts.get("requests_set_aside", 0)
    blocked, held = facts.get("set_aside_blocked", []), facts.get("set_aside_held", [])
    assert isinstance(blocked, list) and isinstance(held, list)  # summary() says so
    return (
        f"{count} requests set aside by screening: {len(blocked)} organisations blocked, "
        f"{len(held)} held until compliance decides"
    )


def _summary(problem: Problem, schedule: Schedule) -> dict[str, object]:
    met = {m.parties for m in schedule.meetings}
    per_org: Counter[str] = Counter()
    for m in schedule.meetings:
        for org in m.parties:
            per_org[org] += 1
    asking = {o for p in problem.pairs for o in p.parties}
    startups = sorted(o for o in asking if problem.parties[o].startup)
    return {
        "solver": schedule.solver,
        "status": schedule.status,
        "seconds": round(schedule.seconds, 2),
        "meetings": len(schedule.meetings),
        "weight": schedule.weight,
        "bound": schedule.bound,
        "pairs": len(problem.pairs),
        "pairs_met": len(met),
        "weight_requested": sum(p.weight for p in problem.pairs),
        "interpreted": sum(1 for m in schedule.meetings if m.interpreter),
        "interpreter_load": dict(
            sorted(Counter(m.interpreter for m in schedule.meetings if m.interpreter).items())
        ),
        "meetings_per_org": dict(sorted(per_org.items())),
        "startups_without_meeting": [s for s in startups if per_org[s] == 0],
        "group_meetings": sum(1 for m in schedule.meetings if len(m.others) > 0),
        "table_seats": sum(
            1
            for m in schedule.meetings
            if m.table in problem.round_tables and m.slot in problem.round_tables[m.table].slots
        ),
        "objective": schedule.objective,
        "objective_bound": schedule.objective_bound,
        "holes": holes(problem, schedule.meetings),
        "holes_before": schedule.holes_before,
    }


def schedule_mission(
    engine: Engine,
    mission_key: str,
    *,
    solver: str = "cpsat",
    time_limit: float = 10.0,
    publish: bool = True,
    now: datetime | None = None,
    actor: str,
    progress: Progress = silent,
) -> tuple[Schedule, Problem, MissionData]:
    """Solve a mission's schedule, check it independently, store (and publish) it;
    ``actor`` is recorded as its author (and publisher)."""
    progress(0.0, "reading the mission")
    data = load_mission_data(engine, mission_key)
    problem = problem_of(data)
    progress(0.1, f"solving ({solver}, at most {time_limit:g} s)")
    schedule = solve(problem, solver, time_limit=time_limit)
    progress(0.9, "checking and storing the schedule")
    check_and_store(
        engine,
        mission_key,
        problem,
        data,
        schedule,
        Stamp(actor, now, publish, "; ".join(schedule.notes)),
    )
    return schedule, problem, data


@dataclass(frozen=True, slots=True)
class Stamp:
    """How a schedule is stored: by whom, when, published or a draft, with what note,
    made against which published schedule (``base``; None: the one published now)."""

    actor: str
    now: datetime | None
    publish: bool
    note: str
    base: int | None = None


def check_and_store(
    engine: Engine,
    mission_key: str,
    problem: Problem,
    data: MissionData,
    schedule: Schedule,
    stamp: Stamp,
) -> int:
    """Refuse a schedule the independent validator rejects; store (and publish) the
    rest, returning its id. A draft remembers the schedule published when it was made,
    so that publishing it later can tell whether it is stale."""
    broken = violations(problem, data.mission, schedule.meetings)
    if len(broken) > 0:
        raise InvalidInput(
            f"{schedule.solver} returned an invalid schedule: " + "; ".join(broken[:5])
        )
    with unit_of_work(engine) as uow:
        return uow.schedules.add(
            mission_key,
            schedule.meetings,
            solver=schedule.solver,
            status=schedule.status,
            weight=schedule.weight,
            bound=schedule.bound,
            seconds=schedule.seconds,
            at=stamp.now or datetime.now(UTC),
            publish=stamp.publish,
            note=stamp.note,
            actor=stamp.actor,
            base=stamp.base if stamp.base is not None else uow.schedules.published_id(mission_key),
        )


def parse_request(text: str, *, field: str = "add") -> MeetingRequest:
    """A late request written ``REQUESTER:TARGET[:INTEREST]`` (interest 1–3, default 2),
    as the organiser types it; an InvalidInput naming ``field`` otherwise."""
    parts = [p.strip() for p in text.split(":")]
    if len(parts) not in (2, 3) or "" in parts:
        raise InvalidInput("a request is REQUESTER:TARGET[:INTEREST]", field=field, value=text)
    if parts[0] == parts[1]:
        raise InvalidInput("an organisation cannot meet itself", field=field, value=text)
    interest = 2
    if len(parts) == 3:
        if parts[2] not in ("1", "2", "3"):
            raise InvalidInput(
                "INTEREST is 1 (nice), 2 or 3 (must)", field=f"{field}.interest", value=parts[2]
            )
        interest = int(parts[2])
    return MeetingRequest(parts[0], parts[1], interest, "late request", RequestOrigin.ORGANISER)


def working_languages(problem: Problem) -> dict[str, str]:
    """Each party's working languages as an agenda prints them (``en, ko``)."""
    return {
        o: ", ".join(sorted(problem.parties[o].languages[s.index]))
        for o in problem.parties
        for s in problem.slots[:1]
        if s.index in problem.parties[o].languages
    }


def reader_language(person: Person, org: Organization) -> str:
    """The language a person reads their documents in: their first working language
    Corridor speaks, else their delegation's country's."""
    for lang in person.languages:
        if lang in ("ko", "zh", "en"):
            return lang
    return country_language(org.country)


def write_outputs(
    out: Path,
    schedule: Schedule,
    problem: Problem,
    data: MissionData,
    *,
    pdf: bool = True,
    lang: str = "en",
) -> tuple[list[Path], list[str]]:
    """Agendas per person (HTML, ICS, PDF) in each person's language, the table plan
    and roster in the organiser's ``lang``.

    Returns the files written and notes (a PDF engine missing its system libraries or
    fonts for Korean and Chinese is reported there, not hidden).
    """
    warning = pdf_warning() if pdf else None
    pdf = pdf and warning is None
    folder = out / "agendas"
    folder.mkdir(parents=True, exist_ok=True)
    languages = working_languages(problem)
    files: list[Path] = []
    pdf_error: str | None = None
    # The schedule being written is the newest publication (or, for a draft, the one
    # it would be): appending a schedule already published last changes no sequence.
    history = revisions([*data.published, tuple(schedule.meetings)])
    names = data.participants | data.orgs
    for person in data.people:
        org = data.orgs[person.org_key]
        items = agenda_items(
            org.key, schedule.meetings, data.mission, names, languages, history, person.key
        )
        dropped = cancelled_items(org.key, history, data.mission, names, languages)
        reader = reader_language(person, org)
        html = agenda_html(person, org, items, data.mission, reader)
        base = folder / person.key
        base.with_suffix(".html").write_text(html, encoding="utf-8")
        calendar = agenda_ics(person, org, [*items, *dropped], data.mission, reader)
        base.with_suffix(".ics").write_bytes(calendar)
        files += [base.with_suffix(".html"), base.with_suffix(".ics")]
        if pdf and pdf_error is None:
            try:
                base.with_suffix(".pdf").write_bytes(html_to_pdf(html))
                files.append(base.with_suffix(".pdf"))
            except OSError as err:  # WeasyPrint without Pango on this machine
                pdf_error = str(err)
    facts = summary(problem, schedule, data)
    plan = out / "plan.html"
    plan.write_text(
        plan_html(data.mission, schedule.meetings, data.orgs, facts, lang), encoding="utf-8"
    )
    report = out / "schedule-summary.json"
    report.write_text(json.dumps(facts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    files += [plan, report]
    notes = [] if warning is None else [warning]
    if pdf_error is not None:
        notes.append(
            f"PDF agendas skipped: {pdf_error} (install Pango: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
        )
    return files, notes
