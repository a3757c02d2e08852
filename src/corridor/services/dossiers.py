"""Briefing dossiers for every scheduled meeting, with the rules retrieved automatically."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine

from corridor.core.mission import Meeting, MeetingRequest, Mission, RequestOrigin
from corridor.core.parties import Organization, Person
from corridor.core.vocab import country_language
from corridor.exc import InvalidInput, NotFound
from corridor.locale import gettext_for
from corridor.locale.dates import span
from corridor.match.profile import Profile, build_profile
from corridor.match.scoring import explain, get_algorithm
from corridor.reports.dossier import RuleView, dossier_html
from corridor.reports.render import html_to_pdf
from corridor.search.index import Index
from corridor.services.dossier_rules import rules_for
from corridor.services.screening import mission_screening
from corridor.services.search import document_caveat
from corridor.services.uow import read_only

EDITIONS = ("organiser", "participant")
ORGANISER_NOTE = re.compile(r"\s*Accepted by [^\s]+\.")
"""What ``matching.hand_off`` adds to a request's note: the staff account that accepted."""


@dataclass(slots=True)
class Briefing:
    """What every dossier of a mission draws on, read once for all its meetings."""

    mission: Mission
    orgs: dict[str, Organization]
    requests: dict[tuple[str, str], MeetingRequest]
    status: dict[str, str]
    index: Index
    people: dict[str, list[Person]] = field(default_factory=dict)
    asked: dict[tuple[str, str], list[RuleView]] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)

    def profile(self, key: str) -> Profile:
        """An organisation as matching sees it (built once, when a dossier needs it)."""
        if key not in self.profiles:
            wanted = [t for (r, t) in self.requests if r == key]
            self.profiles[key] = build_profile(self.orgs[key], self.people.get(key, ()), wanted)
        return self.profiles[key]

    def why(self, a: str, b: str, lang: str) -> str:
        """Why the two meet, in ``lang``: the matching engine's reasons for the pair
        (written in the reader's language, not the request's stored English), with
        the note a person wrote when asking, as they wrote it."""
        _ = gettext_for(lang)
        pa, pb = self.profile(a), self.profile(b)
        scored = get_algorithm().score(pa, pb)
        out = [explain(scored, pa, pb, lang)]
        request = self.requests.get((a, b)) or self.requests.get((b, a))
        if request is not None and request.origin is RequestOrigin.MATCH:
            out.insert(
                0,
                _("Recommended by Corridor (match value {value}).").format(
                    value=f"{scored.value:.2f}"
                ),
            )
        human = (RequestOrigin.PARTICIPANT, RequestOrigin.ORGANISER)
        if request is not None and request.origin in human and request.note:
            out.append(_("Note with the request: {note}").format(note=request.note))
        return ("" if lang == "zh" else " ").join(out)

    def page(self, m: Meeting, lang: str, edition: str) -> str:
        """One meeting's dossier: the organiser's edition (with screening status) or
        a participant's, in ``lang``."""
        a, b = self.orgs[m.org_a], self.orgs[m.org_b]
        slot = {s.index: s for s in self.mission.slots()}[m.slot]
        zone = self.mission.timezone
        when = f"{span(slot.start, slot.end, lang, zone)} ({zone})"
        table = {t.key: t.name for t in self.mission.tables}.get(m.table, m.table)
        rules = [
            replace(r, caveat=document_caveat(r.doc_id, r.date, lang))
            for r in rules_for(self.index, a, b, asked=self.asked)
        ]
        screening, why = None, self.why(a.key, b.key, lang)
        if edition == "organiser":
            screening = {k: self.status.get(k, "?") for k in (a.key, b.key)}
        else:
            why = ORGANISER_NOTE.sub("", why)  # who on the staff accepted it is theirs only
        return dossier_html(a, b, when, table, why, rules, lang, screening, zone)


def briefing(
    engine: Engine, mission_key: str, index_folder: Path
) -> tuple[Briefing, list[Meeting]]:
    """The mission's briefing material and its published meetings (none if unpublished)."""
    index = Index(index_folder)
    with read_only(engine) as uow:
        mission = uow.missions.mission(mission_key)
        keys = uow.missions.participants(mission_key)
        orgs = {o.key: o for o in uow.registry.organisations(keys=keys)}
        published = uow.schedules.published(mission_key)
        requests = {(r.requester, r.target): r for r in uow.missions.requests(mission_key)}
        people: dict[str, list[Person]] = {}
        for p in uow.registry.people():
            if p.org_key in orgs:
                people.setdefault(p.org_key, []).append(p)
    status = {o.org.key: o.status for o in mission_screening(engine, mission_key).orgs}
    meetings = [] if published is None else published[1]
    return Briefing(mission, orgs, requests, status, index, people), meetings


def file_stem(m: Meeting) -> str:
    """A meeting's dossier file name without edition and suffix: slot, then both keys."""
    return f"{m.slot:02d}-{m.org_a}--{m.org_b}"


def write_dossiers(
    engine: Engine,
    mission_key: str,
    index_folder: Path,
    out: Path,
    *,
    pdf: bool = True,
    lang: str = "en",
) -> list[Path]:
    """Organiser edition (in ``lang``, with screening status; HTML and PDF) and each
    side's edition in its own language (HTML) for every published meeting."""
    brief, meetings = briefing(engine, mission_key, index_folder)
    if len(meetings) == 0:
        return []
    folder = out / "dossiers"
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    for m in meetings:
        name = file_stem(m)
        organiser = brief.page(m, lang, "organiser")
        page = folder / f"{name}.organiser.html"
        page.write_text(organiser, encoding="utf-8")
        files.append(page)
        if pdf:
            pdf_path = page.with_suffix(".pdf")
            pdf_path.write_bytes(html_to_pdf(organiser))
            files.append(pdf_path)
        for side in (brief.orgs[m.org_a], brief.orgs[m.org_b]):
            reader = country_language(side.country)
            path = folder / f"{name}.{side.key}.{reader}.html"
            path.write_text(brief.page(m, reader, "participant"), encoding="utf-8")
            files.append(path)
    return files


@dataclass(frozen=True, slots=True)
class Dossier:
    """One meeting's dossier: a file name, the HTML, and the PDF when asked for."""

    meeting_id: int
    filename: str
    html: str
    pdf: bytes | None = None


def dossier_for_meeting(
    engine: Engine,
    mission_key: str,
    meeting: int | tuple[str, str],
    *,
    index_dir: Path,
    lang: str = "en",
    edition: str = "organiser",
    pdf: bool = False,
) -> Dossier:
    """The briefing of one published meeting, by meeting id or by its two
    organisations (either order): the organiser's edition (with screening status,
    never to be shown to a participant) or a participant's, in ``lang``; the same
    page ``write_dossiers`` writes for it."""
    if edition not in EDITIONS:
        raise InvalidInput("edition is organiser or participant", field="edition", value=edition)
    with read_only(engine) as uow:
        found = uow.schedules.published_id(mission_key)
        if found is None:
            raise NotFound("published schedule", mission_key)
        row = uow.schedules.get(found, mission_key)
    chosen = _meeting(row.meetings, row.meeting_ids, meeting)
    brief, _ = briefing(engine, mission_key, index_dir)
    html = brief.page(chosen[1], lang, edition)
    name = f"{file_stem(chosen[1])}.{edition}.{lang}.html"
    return Dossier(chosen[0], name, html, html_to_pdf(html) if pdf else None)


def _meeting(
    meetings: tuple[Meeting, ...], ids: tuple[int, ...], wanted: int | tuple[str, str]
) -> tuple[int, Meeting]:
    """The published meeting ``wanted`` names, with its id; NotFound otherwise."""
    for meeting_id, m in zip(ids, meetings, strict=True):
        if meeting_id == wanted or (
            isinstance(wanted, tuple) and set(wanted) == {m.org_a, m.org_b}
        ):
            return meeting_id, m
    shown = wanted if isinstance(wanted, int) else f"{wanted[0]} × {wanted[1]}"
    raise NotFound("published meeting", str(shown))
