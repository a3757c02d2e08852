"""Screening a mission: every participant and its people, against every active list.

Hits and decisions are stored; a list update re-screens only the entries that
changed; decisions are appended, never changed, and survive list updates because
they name the entry by its official id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from corridor.core.mission import Mission
from corridor.core.parties import IdScheme, Organization, Person
from corridor.core.progress import Progress, Ticker, part, silent
from corridor.core.screening import (
    Action,
    Band,
    Coverage,
    Decision,
    EntityType,
    Hit,
    ListEntry,
    ListVersion,
)
from corridor.core.vocab import country_language
from corridor.exc import InvalidInput, NotFound
from corridor.screen.enrich import native_names
from corridor.screen.index import ScreeningIndex
from corridor.screen.matcher import Query, Screener
from corridor.screen.rules import BLOCKING, Flag, evaluate, profile_text
from corridor.screen.sources.coverage import coverage
from corridor.services.lists import LoadResult
from corridor.services.screen_cache import cached_screener
from corridor.services.uow import Stores, read_only, unit_of_work
from corridor.store.base import StoredHit

if TYPE_CHECKING:
    from corridor.reports.screening import ScreeningRow

RULE_SOURCE = "rule"


@dataclass(slots=True)
class OrgScreening:
    """One organisation's screening picture: hits, flags, decisions, status."""

    org: Organization
    hits: list[StoredHit] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    decisions: dict[tuple[str, str], Decision] = field(default_factory=dict)
    coverage: Coverage = field(default_factory=lambda: Coverage(()))

    @property
    def verdict(self) -> str:
        """The status with the lists it rests on and those it does not (never a bare
        "cleared"): what a person reads, where ``status`` is what engines obey."""
        return self.coverage.qualify(self.status)

    def action(self, source: str, source_id: str) -> Action | None:
        """The latest decision on a hit or (source ``rule``) a flag; None: undecided."""
        found = self.decisions.get((source, source_id))
        return None if found is None else found.action

    @property
    def status(self) -> str:
        """blocked, review or cleared (what matching and scheduling obey): a block on
        any current hit or flag blocks; an undecided hit or blocking flag, or an
        escalation of anything, is for review."""
        hits = [(h.hit.source, h.hit.source_id) for h in self.hits]
        flags = [(RULE_SOURCE, f.rule) for f in self.flags]
        blocking = [(RULE_SOURCE, f.rule) for f in self.flags if f.severity == BLOCKING]
        actions = [self.action(*i) for i in hits + flags]
        if Action.BLOCK in actions:
            return "blocked"
        if Action.ESCALATE in actions or None in [self.action(*i) for i in hits + blocking]:
            return "review"
        return "cleared"

    @property
    def strong(self) -> bool:
        """Whether any current hit is in the strong band."""
        return any(h.hit.band is Band.STRONG for h in self.hits)


@dataclass(slots=True)
class MissionScreening:
    """The screening of every participant of a mission."""

    mission: Mission
    orgs: list[OrgScreening]
    versions: dict[str, int]
    at: datetime | None = None
    coverage: Coverage = field(default_factory=lambda: Coverage(()))

    def by_status(self, status: str) -> list[OrgScreening]:
        """Organisations in one status."""
        return [o for o in self.orgs if o.status == status]


def build_index(entries: Sequence[ListEntry], progress: Progress = silent) -> ScreeningIndex:
    """The index over entries, enriched with curated native-script names."""
    return ScreeningIndex(entries, native_names(), progress)


def org_query(org: Organization) -> Query:
    """Screen an organisation by all its names, its country and its USCC."""
    uscc = org.identifier(IdScheme.CN_USCC)
    return Query(
        org.names, EntityType.ORGANIZATION, (org.country,), (("cn_uscc", uscc),) if uscc else ()
    )


def person_query(person: Person, country: str) -> Query:
    """Screen a person by all their names (the organisation's country as a hint)."""
    return Query(person.names, EntityType.PERSON, (country,))


def _screen_party(
    screener: Screener, org: Organization, people: Sequence[Person]
) -> list[tuple[str | None, Hit]]:
    hits: list[tuple[str | None, Hit]] = [(None, h) for h in screener.screen(org_query(org))]
    for person in people:
        hits += [(person.key, h) for h in screener.screen(person_query(person, org.country))]
    return hits


def _participants(uow: Stores, mission_key: str) -> list[tuple[Organization, list[Person]]]:
    """A mission's participating organisations, each with its people."""
    people: dict[str, list[Person]] = defaultdict(list)
    for person in uow.registry.people():
        people[person.org_key].append(person)
    keys = uow.missions.participants(mission_key)
    return [(o, people[o.key]) for o in uow.registry.organisations(keys=keys)]


def screen_mission(
    engine: Engine,
    mission_key: str,
    *,
    actor: str = "cli",
    now: datetime | None = None,
    progress: Progress = silent,
) -> MissionScreening:
    """Screen every participant and its people against every active list version
    (``progress``: the index build, then organisation by organisation)."""
    when = now or datetime.now(UTC)
    # The same index ``screen name`` uses, kept per list versions in process and on disk,
    # so a mission screened once leaves the next ad-hoc check fast (issue 12).
    index_part = part(progress, 0.0, 0.7)
    screener, _ = cached_screener(
        engine, lambda entries: Screener(build_index(entries, index_part))
    )
    with unit_of_work(engine) as uow:
        versions = {v.source: v.id for v in uow.lists.active_versions() if v.id is not None}
        if screener is None or len(versions) == 0:
            raise InvalidInput("no lists loaded: run `corridor lists load` (or `corridor demo`)")
        parties = _participants(uow, mission_key)
        ticker = Ticker(part(progress, 0.7, 1.0), len(parties), "screening participants")
        total = 0
        for org, people in parties:
            ticker.tick()
            hits = _screen_party(screener, org, people)
            uow.screening.replace_hits(org.key, [(versions[h.source], p, h) for p, h in hits], when)
            total += len(hits)
        uow.screening.add_run(
            mission_key,
            when,
            actor=actor,
            mode="full",
            versions=versions,
            screened=len(parties),
            hits=total,
        )
    return mission_screening(engine, mission_key)


def rescreen_changes(
    engine: Engine,
    mission_key: str,
    results: Sequence[LoadResult],
    *,
    actor: str = "cli",
    now: datetime | None = None,
) -> int:
    """After list loads, screen participants against added and changed entries only.

    Hits on removed or changed entries are retired first; hits on unchanged
    entries stay as they were; decisions are untouched. Returns new hits.
    """
    when = now or datetime.now(UTC)
    total = 0
    with unit_of_work(engine) as uow:
        parties = _participants(uow, mission_key)
        for result in results:
            if result.version is None or result.version.id is None:
                continue
            uow.screening.drop_hits_on(result.source, [*result.changed, *result.removed])
            entries = uow.lists.entries(result.version.id)
            if result.previous is not None:
                fresh = set(result.added) | set(result.changed)
                entries = [e for e in entries if e.source_id in fresh]
            screener = Screener(build_index(entries))
            found = 0
            for org, people in parties:
                hits = _screen_party(screener, org, people)
                uow.screening.replace_hits(
                    org.key, [(result.version.id, p, h) for p, h in hits], when, sources=[]
                )
                found += len(hits)
            uow.screening.add_run(
                mission_key,
                when,
                actor=actor,
                mode="incremental",
                versions={result.source: result.version.id},
                screened=len(entries),
                hits=found,
            )
            total += found
    return total


def rescreen_after_load(engine: Engine, results: Sequence[LoadResult]) -> dict[str, int]:
    """Re-screen every screened mission against what list loads changed.

    Returns new hits per mission; nothing is done when every file was already in force.
    """
    if all(r.unchanged_file for r in results):
        return {}
    return {m: rescreen_changes(engine, m, results) for m in screened_missions(engine)}


def screened_missions(engine: Engine) -> list[str]:
    """Missions that have been screened at least once."""
    with read_only(engine) as uow:
        return uow.screening.screened_missions()


def mission_screening(engine: Engine, mission_key: str) -> MissionScreening:
    """The stored screening picture of a mission (hits, flags, latest decisions)."""
    with read_only(engine) as uow:
        mission = uow.missions.mission(mission_key)
        keys = uow.missions.participants(mission_key)
        orgs = uow.registry.organisations(keys=keys)
        hits: dict[str, list[StoredHit]] = defaultdict(list)
        for stored in uow.screening.current_hits(org_keys=keys):
            hits[stored.org_key].append(stored)
        latest: dict[str, dict[tuple[str, str], Decision]] = defaultdict(dict)
        for d in uow.screening.decisions(org_keys=keys):
            latest[d.org_key][(d.source, d.source_id)] = d
        active = uow.lists.active_versions()
        run = uow.screening.last_run_at(mission_key)
    covered = coverage(active)
    return MissionScreening(
        mission,
        [OrgScreening(o, hits[o.key], org_flags(o), latest[o.key], covered) for o in orgs],
        {v.source: v.id for v in active if v.id is not None},
        run,
        covered,
    )


_FLAGS: dict[tuple[str, tuple[str, ...]], tuple[Flag, ...]] = {}


def org_flags(org: Organization) -> list[Flag]:
    """``evaluate(org)``, kept per profile text and sectors (what the rules read): the
    dashboard and registry list ask for every participant on every request."""
    key = (profile_text(org), tuple(org.sectors))
    found = _FLAGS.get(key)
    if found is None:
        if len(_FLAGS) >= 65536:
            _FLAGS.clear()
        found = _FLAGS[key] = tuple(evaluate(org))
    return list(found)


def decide(
    engine: Engine,
    org_key: str,
    source: str,
    source_id: str,
    action: Action,
    reason: str,
    actor: str,
    now: datetime | None = None,
) -> Decision:
    """Record a decision on a hit (or, with source ``rule``, on a flag); append-only."""
    if reason.strip() == "":
        raise InvalidInput("a decision needs a reason", field="reason")
    with unit_of_work(engine) as uow:
        org = uow.registry.organisation(org_key)
        version: int | None = None
        entry_name = source_id
        if source == RULE_SOURCE:
            flag = next((f for f in org_flags(org) if f.rule == source_id), None)
            if flag is None:
                raise NotFound("flag", f"{org_key}/{source_id}")
            entry_name = flag.title
        else:
            stored = uow.screening.current_hits(org_key, (source, source_id))
            if len(stored) == 0:
                raise NotFound("current hit", f"{org_key} / {source} {source_id}")
            version, entry_name = stored[0].version_id, stored[0].hit.entry_name
        decision = Decision(
            org_key,
            source,
            source_id,
            action,
            reason.strip(),
            actor,
            now or datetime.now(UTC),
            version,
            entry_name,
        )
        uow.screening.add_decision(decision)
    return decision


def decisions(engine: Engine) -> list[Decision]:
    """The whole decision trail, oldest first."""
    with read_only(engine) as uow:
        return uow.screening.decisions()


def active_entries(engine: Engine) -> list[ListEntry]:
    """Every entry of every list version in force."""
    with read_only(engine) as uow:
        return [
            e
            for v in uow.lists.active_versions()
            if v.id is not None
            for e in uow.lists.entries(v.id)
        ]


def screen_queries(
    engine: Engine, queries: Sequence[Query], *, limit: int = 10, progress: Progress = silent
) -> list[list[Hit]]:
    """Screen ad-hoc names against the lists in force (nothing is stored).

    The index is built once per set of list versions in force and kept in the
    process and beside the database (services/screen_cache.py;
    CORRIDOR_SCREEN_CACHE=0 turns that off).
    """
    index_part = part(progress, 0.0, 0.5)
    screener, _ = cached_screener(
        engine, lambda entries: Screener(build_index(entries, index_part))
    )
    if screener is None:
        raise InvalidInput("no lists loaded: run `corridor lists load` (or `corridor demo`)")
    ticker = Ticker(part(progress, 0.5, 1.0), len(queries), "screening names")
    found = []
    for q in queries:
        found.append(screener.screen(q, limit=limit))
        ticker.tick()
    return found


def list_coverage(engine: Engine) -> Coverage:
    """What a screening now is checked against, and which expected lists it misses."""
    return coverage(active_versions(engine))


def report_rows(result: MissionScreening) -> list[ScreeningRow]:
    """The screening of a mission as rows of the organiser's report."""
    from corridor.reports.screening import FlagView, ScreeningRow  # Jinja2: reports only

    rows = []
    for o in result.orgs:
        lang = "ko" if country_language(o.org.country) == "ko" else "zh"
        native = next((n.text for n in o.org.names if n.lang == lang), "")
        rows.append(
            ScreeningRow(
                o.org.key,
                o.org.display("en"),
                native,
                o.org.country,
                o.status,
                o.verdict,
                tuple(h.hit for h in o.hits),
                tuple(FlagView(f.rule, f.title, f.severity, f.basis, f.matched) for f in o.flags),
                tuple(o.decisions.values()),
            )
        )
    return rows


def active_versions(engine: Engine) -> list[ListVersion]:
    """The list versions in force."""
    with read_only(engine) as uow:
        return uow.lists.active_versions()


def list_versions(engine: Engine) -> list[tuple[ListVersion, bool]]:
    """Every list version ever loaded, oldest first, each with whether it is in force."""
    with read_only(engine) as uow:
        active = {v.id for v in uow.lists.active_versions()}
        return [(v, v.id in active) for v in uow.lists.versions()]
