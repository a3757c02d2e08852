"""Repository protocols: what the services may ask of storage, in domain types.

The SQLAlchemy implementations are ``store.sql.SqlStore`` (registry, missions, import
audit), ``store.screening.ScreeningStore`` (lists, screening), ``store.schedules``,
``store.jobs`` and ``store.users``; services reach them only through these protocols
(``services.uow`` builds them), so anything else that keeps these promises (an
in-memory store for a benchmark, say) can stand in. The records the stores return
beyond ``corridor.core`` types are defined here too, so that a service names no
concrete store.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from corridor.core.mission import HoldPolicy, Meeting, MeetingRequest, Mission
from corridor.core.outcomes import Feedback, Outcome
from corridor.core.parties import Organization, Person
from corridor.core.safety import (
    Answer,
    Feed,
    FeedKind,
    Notice,
    Place,
    Poll,
    RollCall,
    RollCallEntry,
    StoredAlert,
    Whereabouts,
)
from corridor.core.screening import Decision, Hit, ListEntry, ListEvent, ListVersion

if TYPE_CHECKING:
    import numpy as np  # the key file's postings: not loaded with every store


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    """What an upsert did: rows new, rows changed, rows already identical."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: UpsertCounts) -> UpsertCounts:
        return UpsertCounts(
            self.created + other.created,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )


@dataclass(frozen=True, slots=True)
class ImportRun:
    """An audit record of one import."""

    at: str
    actor: str
    files: list[dict[str, str | None]]
    counts: UpsertCounts


@dataclass(frozen=True, slots=True)
class StoredHit:
    """A hit as stored: whose it is and which list version it was made against."""

    org_key: str
    person_key: str | None
    version_id: int
    hit: Hit
    screened_at: datetime


@dataclass(frozen=True, slots=True)
class StoredPolicy:
    """A mission's screening hold policy, and who set it when (None: never changed)."""

    policy: HoldPolicy
    set_by: str | None = None
    set_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StoredSchedule:
    """A stored schedule with its provenance; ``meeting_ids`` runs parallel to
    ``meetings`` (a meeting's id is how a page links to its dossier)."""

    id: int
    mission_key: str
    created_at: datetime
    solver: str
    status: str
    weight: int
    bound: float | None
    seconds: float
    published: bool
    note: str
    actor: str | None = None
    base: int | None = None  # the published schedule a draft was made against
    published_by: str | None = None
    published_at: str | None = None
    meetings: tuple[Meeting, ...] = ()
    meeting_ids: tuple[int, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class StoredJob:
    """A job's record as the services see it."""

    id: int
    kind: str
    actor: str
    params: dict[str, Any]
    state: str
    progress: float
    log: tuple[str, ...]
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredUser:
    """An account as the services see it (the hash stays for verification only)."""

    id: int
    email: str
    password_hash: str
    roles: tuple[str, ...]
    locale: str | None
    active: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StoredToken:
    """An API token's record; the token itself is never stored."""

    id: int
    name: str
    roles: tuple[str, ...]
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredInvitation:
    """A delegate's invitation as the services see it (never the link itself)."""

    id: int
    mission_key: str
    org_key: str
    person_key: str | None
    email: str | None
    name: str
    lang: str
    actor: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None
    replaced_by: int | None
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class ProfileChange:
    """One recorded profile edit: each changed field's value before and after."""

    org_key: str
    mission_key: str | None
    actor: str
    at: datetime
    changes: dict[str, tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Response:
    """A participant's answer to one recommended partner: accept or decline."""

    mission_key: str
    org_key: str
    partner_key: str
    response: str
    actor: str
    at: datetime


class RegistryRepo(Protocol):
    """Organisations and people, keyed by their stable keys."""

    def upsert_organisations(self, orgs: Sequence[Organization]) -> UpsertCounts: ...
    def upsert_people(self, people: Sequence[Person]) -> UpsertCounts: ...
    def organisation(self, key: str) -> Organization: ...
    def organisations(
        self,
        *,
        country: str | None = None,
        kind: str | None = None,
        keys: Sequence[str] | None = None,
    ) -> list[Organization]: ...
    def organisation_keys(self) -> set[str]: ...
    def people(self, *, org_key: str | None = None) -> list[Person]: ...
    def person(self, key: str) -> Person: ...
    def count(self) -> dict[str, int]: ...


class MissionRepo(Protocol):
    """Missions, their participants and meeting requests."""

    def save_mission(self, mission: Mission) -> UpsertCounts: ...
    def mission(self, key: str) -> Mission: ...
    def missions(self) -> list[Mission]: ...
    def add_participants(self, mission_key: str, org_keys: Sequence[str]) -> int: ...
    def participants(self, mission_key: str) -> list[str]: ...
    def upsert_requests(
        self, mission_key: str, requests: Sequence[MeetingRequest]
    ) -> UpsertCounts: ...
    def requests(self, mission_key: str) -> list[MeetingRequest]: ...
    def hold_policy(self, mission_key: str) -> StoredPolicy: ...
    def set_hold_policy(
        self, mission_key: str, policy: HoldPolicy, *, actor: str, at: datetime
    ) -> None: ...


class OutcomeRepo(Protocol):
    """Feedback after meetings and outcomes reported later: appended, never changed."""

    def add_feedback(self, feedback: Feedback) -> Feedback: ...
    def feedback(self, mission_key: str, org_key: str | None = None) -> list[Feedback]: ...
    def add_outcome(self, outcome: Outcome) -> Outcome: ...
    def outcome(self, outcome_id: int) -> Outcome: ...
    def outcomes(self, mission_key: str, org_key: str | None = None) -> list[Outcome]: ...


class SafetyRepo(Protocol):
    """Safety feeds and their polls, alerts as published, whereabouts and notices."""

    def add_feed(self, url: str, kind: FeedKind, actor: str, at: datetime) -> Feed: ...
    def feeds(self) -> list[Feed]: ...
    def feed(self, feed_id: int) -> Feed: ...
    def set_validators(self, feed_id: int, etag: str | None, last_modified: str | None) -> None: ...
    def add_poll(self, poll: Poll) -> Poll: ...
    def polls(self, feed_id: int | None = None) -> list[Poll]: ...
    def alert(self, key: str) -> StoredAlert | None: ...
    def add_alert(self, alert: StoredAlert) -> None: ...
    def set_state(self, key: str, state: str, replaced_by: str | None) -> None: ...
    def alerts(self, state: str | None = None) -> list[StoredAlert]: ...
    def put_whereabouts(self, mission_key: str, items: Sequence[Whereabouts]) -> None: ...
    def whereabouts(self, mission_key: str | None = None) -> list[Whereabouts]: ...
    def purge_whereabouts(self, mission_key: str) -> int: ...
    def set_venue(self, mission_key: str, venue: Place) -> None: ...
    def venue(self, mission_key: str) -> Place | None: ...
    def add_notice(self, notice: Notice) -> None: ...
    def notices(
        self, alert_key: str | None = None, mission_key: str | None = None
    ) -> list[Notice]: ...


class RollCallRepo(Protocol):
    """Roll calls and each delegate's entry (links kept as digests)."""

    def start_roll_call(self, call: RollCall, entries: Sequence[tuple[str, str]]) -> RollCall: ...
    def roll_calls(self, mission_key: str) -> list[RollCall]: ...
    def roll_call(self, roll_call_id: int) -> RollCall: ...
    def entries(self, roll_call_id: int) -> list[RollCallEntry]: ...
    def entry_by_digest(self, token_hash: str) -> RollCallEntry | None: ...
    def answer(
        self, token_hash: str, answer: Answer, note: str, location: str, at: datetime
    ) -> None: ...
    def replace_digest(
        self, roll_call_id: int, person_key: str, token_hash: str, at: datetime
    ) -> None: ...
    def clear_locations(self, mission_key: str) -> int: ...


class AuditRepo(Protocol):
    """The append-only record of imports."""

    def record_import(self, run: ImportRun) -> None: ...
    def imports(self) -> list[ImportRun]: ...


class ListRepo(Protocol):
    """Sanctions and export-control list versions, their entries, and the list events."""

    def add_version(self, version: ListVersion, entries: Sequence[ListEntry]) -> ListVersion: ...
    def active_versions(self) -> list[ListVersion]: ...
    def versions(self) -> list[ListVersion]: ...
    def version(self, version_id: int) -> ListVersion: ...
    def put_in_force(self, version_id: int) -> None: ...
    def entries(self, version_id: int) -> list[ListEntry]: ...
    def entries_by_id(self, version_id: int, source_ids: Sequence[str]) -> list[ListEntry]: ...
    def fingerprints(self, version_id: int) -> dict[str, str]: ...
    def add_event(self, event: ListEvent) -> None: ...
    def events(self) -> list[ListEvent]: ...


class ScreeningRepo(Protocol):
    """Screening hits, runs and the append-only decisions on them."""

    def replace_hits(
        self,
        org_key: str,
        hits: Sequence[tuple[int, str | None, Hit]],
        at: datetime,
        sources: Sequence[str] | None = None,
    ) -> None: ...
    def drop_hits_on(self, source: str, source_ids: Sequence[str]) -> int: ...
    def current_hits(
        self,
        org_key: str | None = None,
        entry: tuple[str, str] | None = None,
        org_keys: Collection[str] | None = None,
    ) -> list[StoredHit]: ...
    def add_run(
        self,
        mission_key: str,
        at: datetime,
        *,
        actor: str,
        mode: str,
        versions: dict[str, int],
        screened: int,
        hits: int,
    ) -> None: ...
    def screened_missions(self) -> list[str]: ...
    def last_run_at(self, mission_key: str) -> datetime | None: ...
    def add_decision(self, decision: Decision) -> None: ...
    def decisions(self, org_keys: Collection[str] | None = None) -> list[Decision]: ...


class ScheduleRepo(Protocol):
    """Solved schedules; one published schedule per mission at a time."""

    def add(
        self,
        mission_key: str,
        meetings: Sequence[Meeting],
        *,
        solver: str,
        status: str,
        weight: int,
        bound: float | None,
        seconds: float,
        at: datetime,
        publish: bool,
        note: str = "",
        actor: str | None = None,
        base: int | None = None,
    ) -> int: ...
    def published(self, mission_key: str) -> tuple[int, list[Meeting]] | None: ...
    def published_id(self, mission_key: str) -> int | None: ...
    def get(self, schedule_id: int, mission_key: str | None = None) -> StoredSchedule: ...
    def listing(self, mission_key: str) -> list[StoredSchedule]: ...
    def publish(self, schedule_id: int, *, actor: str, at: datetime) -> StoredSchedule: ...


class JobRepo(Protocol):
    """Background jobs: the table is the queue."""

    def add(self, kind: str, actor: str, params: dict[str, Any], at: datetime) -> StoredJob: ...
    def get(self, job_id: int) -> StoredJob: ...
    def jobs(self, limit: int = 100) -> list[StoredJob]: ...
    def claim(self, at: datetime) -> StoredJob | None: ...
    def report(self, job_id: int, progress: float, line: str | None) -> None: ...
    def finish(self, job_id: int, result: dict[str, Any], at: datetime) -> None: ...
    def fail(self, job_id: int, error: str, at: datetime) -> None: ...
    def fail_running(self, error: str, at: datetime) -> int: ...


class UserRepo(Protocol):
    """Accounts, browser sessions, API tokens and failed sign-ins (secrets as digests)."""

    def add_user(
        self, email: str, password_hash: str, roles: Sequence[str], at: datetime
    ) -> StoredUser: ...
    def user_by_email(self, email: str) -> StoredUser | None: ...
    def users(self) -> list[StoredUser]: ...
    def set_password_hash(self, user_id: int, password_hash: str) -> None: ...
    def add_session(
        self, id_hash: str, user_id: int, csrf: str, at: datetime, expires: datetime
    ) -> None: ...
    def session_user(self, id_hash: str, now: datetime) -> tuple[StoredUser, str] | None: ...
    def delete_session(self, id_hash: str) -> None: ...
    def add_token(self, name: str, token_hash: str, roles: Sequence[str], at: datetime) -> int: ...
    def token(self, token_hash: str) -> StoredToken | None: ...
    def tokens(self) -> list[StoredToken]: ...
    def revoke_token(self, token_id: int, at: datetime) -> None: ...
    def add_failure(self, account: str, address: str, at: datetime) -> None: ...
    def failures_since(self, account: str, address: str, since: datetime) -> tuple[int, int]: ...
    def forget_failures(self, account: str, before: datetime) -> None: ...


class PortalRepo(Protocol):
    """Invitations (as digests), participant sessions, profile edits and responses."""

    def add_invitation(
        self,
        *,
        mission_key: str,
        org_key: str,
        person_key: str | None,
        email: str | None,
        name: str,
        lang: str,
        token_hash: str,
        actor: str,
        at: datetime,
        expires: datetime,
    ) -> StoredInvitation: ...
    def invitation(self, invitation_id: int) -> StoredInvitation: ...
    def invitation_by_hash(self, token_hash: str) -> StoredInvitation | None: ...
    def invitations(self, mission_key: str) -> list[StoredInvitation]: ...
    def use_invitation(self, invitation_id: int, at: datetime) -> None: ...
    def revoke_invitation(
        self, invitation_id: int, at: datetime, replaced_by: int | None = None
    ) -> None: ...
    def mark_sent(self, invitation_id: int, at: datetime) -> None: ...
    def add_participant_session(
        self, id_hash: str, invitation_id: int, csrf: str, at: datetime, expires: datetime
    ) -> None: ...
    def participant_session(
        self, id_hash: str, now: datetime
    ) -> tuple[StoredInvitation, str] | None: ...
    def delete_participant_session(self, id_hash: str) -> None: ...
    def add_profile_change(self, change: ProfileChange) -> None: ...
    def profile_changes(self, org_key: str) -> list[ProfileChange]: ...
    def add_response(self, response: Response) -> None: ...
    def responses(self, mission_key: str) -> list[Response]: ...


KeyRow = tuple[str, str, str, str, str]
"""A registry row as the key file of ``screen batch --since`` keeps it: id, name, kind,
country, birth date."""


class UnusableKeyFile(ValueError):
    """A registry key file missing, damaged or not whole: its keys are to be computed
    again."""


class KeyFileRepo(Protocol):
    """A registry's rows and posting keys, kept on disk for ``screen batch --since``
    (``store.keyfile``): what a delta looks up, by id, key and position."""

    rows: int

    def close(self) -> None: ...
    def positions(self, ids: Iterable[str]) -> dict[str, int]: ...
    def postings(self, keys: Iterable[str]) -> dict[str, np.ndarray]: ...
    def rows_at(self, positions: Iterable[int]) -> list[KeyRow]: ...
    def generic_rows(self, common: Iterable[str]) -> set[int]: ...
