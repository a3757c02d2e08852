"""``corridor demo``: every stage that exists, on the bundled Shanghai mission."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.mission import MeetingRequest, Mission
from corridor.core.parties import Person
from corridor.core.progress import Progress, part, silent
from corridor.core.vocab import country_language
from corridor.exc import InvalidInput
from corridor.locale import LOCALES
from corridor.reports.overview import overview_html
from corridor.reports.recommendations import RecommendationView, recommendations_html
from corridor.reports.screening import screening_html
from corridor.services.bundled import DEMO_MISSION, bundled
from corridor.services.dossiers import write_dossiers
from corridor.services.exports import export_records
from corridor.services.imports import ImportReport, import_mission
from corridor.services.lists import ListRefused, LoadResult, bundled_lists, load_lists
from corridor.services.matching import hand_off, recommend
from corridor.services.pdf_fonts import pdf_warning
from corridor.services.scheduling import schedule_mission, write_outputs
from corridor.services.scheduling import summary as schedule_summary
from corridor.services.screening import active_versions, report_rows, screen_mission
from corridor.services.search import index_paths
from corridor.services.uow import read_only

EXAMPLE = bundled(DEMO_MISSION)


@dataclass(slots=True)
class DemoResult:
    """What the demo did and where its files are."""

    report: ImportReport
    mission: str
    counts: dict[str, int]
    interpreted: int
    files: list[Path] = field(default_factory=list)
    screening: dict[str, int] = field(default_factory=dict)
    loads: list[LoadResult] = field(default_factory=list)
    schedule: dict[str, object] = field(default_factory=dict)
    matching: dict[str, float] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def interpreted_requests(requests: list[MeetingRequest], people: list[Person]) -> int:
    """How many requests join two organisations whose people share no language.

    A side with no registered people has unknown languages and is not counted.
    """
    langs: dict[str, set[str]] = {}
    for p in people:
        langs.setdefault(p.org_key, set()).update(p.languages)
    return sum(
        1
        for q in requests
        if q.requester in langs
        and q.target in langs
        and len(langs[q.requester] & langs[q.target]) == 0
    )


def run_demo(
    engine: Engine,
    out: Path,
    example: Path = EXAMPLE,
    *,
    pdf: bool = True,
    search_index: Path | None = None,
    lang: str = "en",
    progress: Progress = silent,
) -> DemoResult:
    """Import the example mission, export the registry, render the overview.

    The organiser's documents (overview, screening report, table plan, organiser
    dossiers) are in ``lang``; each participant's in their own language.

    The legal search index of the bundled laws goes to ``search_index`` (where the web
    console and ``corridor search`` look by default), or to ``out/search-index``."""
    if lang not in LOCALES:
        raise InvalidInput("language must be en, ko or zh", field="lang", value=lang)
    warning = pdf_warning() if pdf else None
    pdf = pdf and warning is None
    progress(0.0, "importing the mission")
    report = import_mission(engine, example, actor="demo", progress=part(progress, 0.0, 0.08))
    mission_key = report.mission or ""
    with read_only(engine) as uow:
        mission = uow.missions.mission(mission_key)
        keys = uow.missions.participants(mission_key)
        orgs = uow.registry.organisations(keys=keys)
        members = set(keys)
        people = [p for p in uow.registry.people() if p.org_key in members]
        requests = uow.missions.requests(mission_key)
        counts = uow.registry.count()
    result = DemoResult(report, mission_key, counts, interpreted_requests(requests, people))
    result.notes += [] if warning is None else [warning]  # first, and only once
    registry = out / "registry"
    progress(0.08, "exporting the registry")
    for kind, name in (
        ("organisations", "organisations.csv"),
        ("organisations", "organisations.xlsx"),
        ("organisations", "organisations.json"),
        ("people", "people.csv"),
        ("requests", "requests.csv"),
    ):
        export_records(engine, kind, registry / name, mission=mission_key)
        result.files.append(registry / name)
    page = out / "index.html"
    page.write_text(
        overview_html(mission, orgs, people, requests, result.interpreted, lang), encoding="utf-8"
    )
    summary = out / "summary.json"
    summary.write_text(
        json.dumps(
            {
                "mission": mission_key,
                "counts": counts,
                "interpreted_requests": result.interpreted,
                "slots": len(mission.slots()),
                "warnings": [] if warning is None else [warning],
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    result.files += [page, summary]
    result.screening = _screen(engine, mission_key, out, result, lang, part(progress, 0.12, 0.4))
    progress(0.4, "matching partners")
    result.matching = _match(engine, mission_key, out, mission, result, part(progress, 0.4, 0.5))
    schedule, problem, data = schedule_mission(
        engine, mission_key, time_limit=10.0, actor="demo", progress=part(progress, 0.5, 0.65)
    )
    progress(0.65, "writing agendas and the table plan" + (" (HTML, ICS, PDF)" if pdf else ""))
    files, notes = write_outputs(out, schedule, problem, data, pdf=pdf, lang=lang)
    result.files += files
    result.notes += notes
    index = search_index if search_index is not None else out / "search-index"
    progress(0.75, "indexing the bundled laws for legal search")
    index_paths([], index)
    progress(0.8, "writing the meeting briefings")
    result.files += write_dossiers(engine, mission_key, index, out, pdf=pdf, lang=lang)
    result.schedule = schedule_summary(problem, schedule, data)
    progress(0.95, "recording the scenario outcomes")
    result.outcomes = _outcomes(engine, mission_key, out, result, pdf=pdf)
    progress(1.0, "done")
    return result


def _outcomes(
    engine: Engine, mission_key: str, out: Path, result: DemoResult, *, pdf: bool
) -> dict[str, int]:
    """Record the scenario feedback and outcomes (services/outcome_scenario.py: a
    stated, seeded rule; scenario, not fact) and write the KPI report in English."""
    from corridor.services.outcome_exports import export_outcomes
    from corridor.services.outcome_scenario import SEED, record_scenario

    feedback, outcomes = record_scenario(engine, mission_key)
    formats = ("xlsx", "pdf") if pdf else ("xlsx",)
    for fmt in formats:
        result.files.append(export_outcomes(engine, mission_key, out / f"outcomes-en.{fmt}", "en"))
    result.notes.append(
        f"outcomes: {feedback} feedback and {outcomes} outcome records are SCENARIO data "
        f"(generated from the published schedule by a seeded rule, seed {SEED}), not facts"
    )
    return {"feedback": feedback, "outcomes": outcomes}


def _match(
    engine: Engine,
    mission_key: str,
    out: Path,
    mission: Mission,
    result: DemoResult,
    progress: Progress = silent,
) -> dict[str, float]:
    """Recommend, write each participant's page, and hand the pairs to scheduling (the
    demo accepts every recommendation on the participants' behalf)."""
    matching = recommend(engine, mission_key, progress=part(progress, 0.0, 0.8))
    progress(0.8, "writing each participant's recommendations")
    folder = out / "recommendations"
    folder.mkdir(parents=True, exist_ok=True)
    with read_only(engine) as uow:
        orgs = {o.key: o for o in uow.registry.organisations(keys=list(matching.by_org))}
    for key, recs in matching.by_org.items():
        lang = country_language(orgs[key].country)
        views = [
            RecommendationView(r.partner_name, r.value, r.explanation, r.under_review) for r in recs
        ]
        page = folder / f"{key}.html"
        page.write_text(recommendations_html(orgs[key], views, mission, lang), encoding="utf-8")
        result.files.append(page)
    added = hand_off(engine, mission_key, matching)
    return {"pairs": len(matching.pairs), "gini": matching.exposure_gini, "requests_added": added}


def load_bundled(engine: Engine, root: Path | None = None) -> tuple[list[LoadResult], list[str]]:
    """Load the bundled snapshot source by source; a source whose version in force is
    newer or fuller keeps it (the demo never rolls a real list back to the snapshot)."""
    loads: list[LoadResult] = []
    notes: list[str] = []
    for path in bundled_lists() if root is None else bundled_lists(root):
        try:
            loads += load_lists(engine, [path], label="bundled snapshot")
        except ListRefused:
            notes.append(f"bundled {path.name} not loaded: the list in force is newer or fuller")
    return loads, notes


def _screen(
    engine: Engine,
    mission_key: str,
    out: Path,
    result: DemoResult,
    lang: str = "en",
    progress: Progress = silent,
) -> dict[str, int]:
    """Load the bundled lists (a no-op when already in force), screen, write the report."""
    progress(0.0, "loading the bundled sanctions and export-control lists")
    result.loads, refused = load_bundled(engine)
    result.notes += refused
    progress(0.3, "screening participants and their people")
    screening = screen_mission(engine, mission_key, actor="demo", progress=part(progress, 0.3, 1))
    page = out / "screening.html"
    page.write_text(
        screening_html(
            screening.mission,
            report_rows(screening),
            active_versions(engine),
            screening.at,
            screening.coverage,
            lang,
        ),
        encoding="utf-8",
    )
    result.files.append(page)
    result.notes.append(f'screening: "cleared" means {screening.coverage.qualify("cleared")}')
    return {s: len(screening.by_status(s)) for s in ("blocked", "review", "cleared")}
