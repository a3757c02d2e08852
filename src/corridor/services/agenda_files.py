"""Agenda downloads: one organisation's (or one delegate's) agenda as HTML, PDF or ICS.

The same renderers as ``corridor schedule --out`` and the demo, over the published
schedule, so a downloaded agenda and a written one never differ. The calendar carries
every meeting the organisation ever had in a published schedule: its current ones
with their SEQUENCE, and those a replan dropped as cancelled (``reports/ics.py``).
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Engine

from corridor.core.parties import Organization, Person
from corridor.exc import CorridorError, InvalidInput, NotFound
from corridor.reports.agenda import agenda_html, agenda_ics, agenda_items, cancelled_items
from corridor.reports.ics import revisions
from corridor.reports.render import html_to_pdf
from corridor.services.schedule_views import lookup, stored
from corridor.services.scheduling import load_mission_data, problem_of, working_languages

FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "ics": "text/calendar"}
PANGO = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"


class Download(NamedTuple):
    """A file to hand to a browser: its name, media type and content."""

    filename: str
    media_type: str
    content: bytes


def pdf_of(html: str) -> bytes:
    """HTML as PDF, or a CorridorError saying what the machine lacks (WeasyPrint loads
    Pango from the system; without it the import or the rendering fails)."""
    try:
        return html_to_pdf(html)
    except (OSError, ImportError) as err:
        raise CorridorError(f"PDF rendering is unavailable here ({err}): {PANGO}") from err


def _reader(org: Organization, people: list[Person], person_key: str | None) -> Person:
    """Whose agenda it is: the named delegate, the organisation's first one, or the
    organisation itself when it registered nobody."""
    mine = [p for p in people if p.org_key == org.key]
    if person_key is not None:
        found = next((p for p in mine if p.key == person_key), None)
        if found is None:
            raise NotFound("delegate of " + org.key, person_key)
        return found
    return mine[0] if mine else Person(org.key, org.key, org.names)


def agenda_file(
    engine: Engine,
    mission_key: str,
    org_key: str,
    fmt: str,
    lang: str = "en",
    *,
    person_key: str | None = None,
) -> Download:
    """An organisation's agenda in the published schedule as ``html``, ``pdf`` or
    ``ics`` (times in the mission's zone). NotFound without a published schedule or
    for an organisation that is not a participant; InvalidInput for another format."""
    if fmt not in FORMATS:
        raise InvalidInput("format must be html, pdf or ics", field="fmt", value=fmt)
    found = lookup(engine, mission_key, lang)
    if org_key not in found.orgs:
        raise NotFound("participant", org_key)
    row = stored(engine, mission_key)
    data = load_mission_data(engine, mission_key)
    org = found.orgs[org_key]
    person = _reader(org, data.people, person_key)
    languages = working_languages(problem_of(data))
    history = revisions(data.published)  # the published schedule is the last of them
    items = agenda_items(
        org_key, row.meetings, found.mission, found.orgs, languages, history, person_key
    )
    name = f"{mission_key}-{person.key}-agenda.{fmt}"
    if fmt == "ics":
        dropped = cancelled_items(org_key, history, found.mission, found.orgs, languages)
        calendar = agenda_ics(person, org, [*items, *dropped], found.mission, lang)
        return Download(name, FORMATS[fmt], calendar)
    html = agenda_html(person, org, items, found.mission, lang)
    content = html.encode("utf-8") if fmt == "html" else pdf_of(html)
    return Download(name, FORMATS[fmt], content)
