"""Agenda downloads from the published schedule: ICS, HTML and PDF."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from sqlalchemy import Engine

from corridor.exc import InvalidInput, NotFound
from corridor.services.agenda_files import agenda_file
from corridor.services.schedule_pages import organisation_agenda
from corridor.store.db import make_engine
from tests.services.demo_db import MISSION, demo_database

ORG = "cn-agibot"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return make_engine(str(demo_database(tmp_path_factory)))


def test_ics_has_one_event_per_meeting_in_the_missions_zone(engine: Engine) -> None:
    name, media, content = agenda_file(engine, MISSION, ORG, "ics")
    assert name.endswith(".ics") and media == "text/calendar"
    events = Calendar.from_ical(content).walk("VEVENT")
    agenda = organisation_agenda(engine, MISSION, ORG)
    assert len(events) == len(agenda.entries) > 0
    starts = sorted(e.decoded("dtstart") for e in events)
    # aware datetimes compare as instants: a wrong zone would move every start
    assert starts == [e.slot.start for e in agenda.entries]
    assert b"TZID=Asia/Shanghai" in content


def test_html_names_every_counterpart(engine: Engine) -> None:
    _, media, content = agenda_file(engine, MISSION, ORG, "html", "zh")
    html = content.decode("utf-8")
    assert media.startswith("text/html") and '<html lang="zh">' in html
    agenda = organisation_agenda(engine, MISSION, ORG)
    assert all(e.table_name in html for e in agenda.entries)


def test_pdf_is_a_pdf(engine: Engine) -> None:
    name, media, content = agenda_file(engine, MISSION, ORG, "pdf")
    assert content[:5] == b"%PDF-" and media == "application/pdf" and name.endswith(".pdf")


@pytest.mark.parametrize(
    ("org", "fmt", "error"),
    [(ORG, "docx", InvalidInput), ("nobody", "ics", NotFound)],
)
def test_bad_requests_are_clear_errors(
    engine: Engine, org: str, fmt: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        agenda_file(engine, MISSION, org, fmt)
