"""The relational schema (SQLAlchemy 2 declarative); Alembic migrations mirror it.

Names and identifiers are rows of their own, not JSON, because screening and
de-duplication search them; lists nobody queries by (sectors, texts) are JSON.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, ClassVar

from sqlalchemy import JSON, Float, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name constraints."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class OrgRow(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    country: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str | None] = mapped_column(String(120))
    founded: Mapped[int | None]
    website: Mapped[str | None] = mapped_column(String(500))
    stage: Mapped[str | None] = mapped_column(String(32))
    sectors: Mapped[list[Any]]
    offers: Mapped[dict[str, Any]]
    seeks: Mapped[dict[str, Any]]
    thesis: Mapped[dict[str, Any] | None]
    sources: Mapped[list[Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    names: Mapped[list[OrgNameRow]] = relationship(
        cascade="all, delete-orphan", order_by="OrgNameRow.position", lazy="selectin"
    )
    identifiers: Mapped[list[OrgIdentifierRow]] = relationship(
        cascade="all, delete-orphan", order_by="OrgIdentifierRow.position", lazy="selectin"
    )


class OrgNameRow(Base):
    __tablename__ = "org_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(500), index=True)
    script: Mapped[str] = mapped_column(String(16))
    lang: Mapped[str | None] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))


class OrgIdentifierRow(Base):
    __tablename__ = "org_identifiers"
    __table_args__ = (UniqueConstraint("scheme", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    position: Mapped[int]
    scheme: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(200))
    languages: Mapped[list[Any]]
    email: Mapped[str | None] = mapped_column(String(320))
    sources: Mapped[list[Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    arrives: Mapped[datetime | None]  # mission local time; None: from the start
    leaves: Mapped[datetime | None]

    org: Mapped[OrgRow] = relationship(lazy="joined")
    names: Mapped[list[PersonNameRow]] = relationship(
        cascade="all, delete-orphan", order_by="PersonNameRow.position", lazy="selectin"
    )


class PersonNameRow(Base):
    __tablename__ = "person_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(300), index=True)
    script: Mapped[str] = mapped_column(String(16))
    lang: Mapped[str | None] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))


class MissionRow(Base):
    __tablename__ = "missions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    city: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    slot_minutes: Mapped[int]
    languages: Mapped[list[Any]]
    description: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[list[Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    # The screening hold policy is an organiser's setting, not a fact of the mission
    # file: it stays out of content_hash, and re-importing a file that does not name
    # it leaves it as set.
    hold_policy: Mapped[str] = mapped_column(String(8), default="hold", server_default="hold")
    hold_policy_by: Mapped[str | None] = mapped_column(String(320))
    hold_policy_at: Mapped[datetime | None]
    # Programme items, group meetings and tables in rounds (``convert.programme_json``).
    programme: Mapped[dict[str, Any] | None]

    sessions: Mapped[list[SessionRow]] = relationship(
        cascade="all, delete-orphan", order_by="SessionRow.position", lazy="selectin"
    )
    tables: Mapped[list[TableRow]] = relationship(
        cascade="all, delete-orphan", order_by="TableRow.position", lazy="selectin"
    )
    interpreters: Mapped[list[InterpreterRow]] = relationship(
        cascade="all, delete-orphan", order_by="InterpreterRow.position", lazy="selectin"
    )


class SessionRow(Base):
    __tablename__ = "mission_sessions"
    __table_args__ = (UniqueConstraint("mission_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(300))
    day: Mapped[date]
    start: Mapped[time]
    end: Mapped[time]


class TableRow(Base):
    __tablename__ = "mission_tables"
    __table_args__ = (UniqueConstraint("mission_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(300))
    reserved_for: Mapped[str | None] = mapped_column(String(80))


class InterpreterRow(Base):
    __tablename__ = "interpreters"
    __table_args__ = (UniqueConstraint("mission_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    position: Mapped[int]
    key: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(300))
    pairs: Mapped[list[Any]]
    sessions: Mapped[list[Any]]
    max_meetings: Mapped[int | None]
    max_consecutive: Mapped[int | None]


class ParticipantRow(Base):
    __tablename__ = "mission_participants"
    __table_args__ = (UniqueConstraint("mission_id", "org_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))


class RequestRow(Base):
    __tablename__ = "meeting_requests"
    __table_args__ = (UniqueConstraint("mission_id", "requester_id", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("missions.id", ondelete="CASCADE"))
    requester_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    target_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    interest: Mapped[int]
    note: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16))

    requester: Mapped[OrgRow] = relationship(foreign_keys=[requester_id], lazy="joined")
    target: Mapped[OrgRow] = relationship(foreign_keys=[target_id], lazy="joined")


class ImportRunRow(Base):
    """An audit record of every import: what files (by hash), when, and what changed."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(120))
    files: Mapped[list[Any]]
    created: Mapped[int]
    updated: Mapped[int]
    unchanged: Mapped[int]


Index("ix_org_names_org", OrgNameRow.org_id)
Index("ix_person_names_person", PersonNameRow.person_id)


class ListVersionRow(Base):
    """One load of a sanctions or export-control list (never deleted)."""

    __tablename__ = "list_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(32), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    published: Mapped[date | None]
    loaded_at: Mapped[datetime]
    entries: Mapped[int]
    label: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool]


class ListEventRow(Base):
    """An append-only audit record of what was done to the lists in force: a load, an
    accepted shrink or older publication, a return to an earlier version."""

    __tablename__ = "list_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(32), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id"))
    action: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text)


class ListEntryRow(Base):
    """An entry of a list version, stored whole as JSON with a content fingerprint."""

    __tablename__ = "list_entries"
    __table_args__ = (UniqueConstraint("version_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id"), index=True)
    source_id: Mapped[str] = mapped_column(String(120))
    fingerprint: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]]


class HitRow(Base):
    """A screening hit of an organisation (or one of its people) against a list entry."""

    __tablename__ = "screening_hits"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    person_key: Mapped[str | None] = mapped_column(String(80))
    version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id"))
    source: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(String(120))
    entry_name: Mapped[str] = mapped_column(Text)
    query_name: Mapped[str] = mapped_column(Text)
    matched_name: Mapped[str] = mapped_column(Text)
    score: Mapped[float]
    band: Mapped[str] = mapped_column(String(16))
    explanation: Mapped[str] = mapped_column(Text)
    features: Mapped[list[Any]]
    screened_at: Mapped[datetime]
    current: Mapped[bool] = mapped_column(index=True)

    org: Mapped[OrgRow] = relationship(lazy="joined")


class DecisionRow(Base):
    """An append-only compliance decision; a newer one supersedes, nothing deletes."""

    __tablename__ = "screening_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    source: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(String(120))
    entry_name: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime]
    version_id: Mapped[int | None] = mapped_column(ForeignKey("list_versions.id"))

    org: Mapped[OrgRow] = relationship(lazy="joined")


class ScreeningRunRow(Base):
    """A screening of a mission: when, by whom, against which list versions, what it found."""

    __tablename__ = "screening_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_key: Mapped[str] = mapped_column(String(80), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(120))
    mode: Mapped[str] = mapped_column(String(16))
    versions: Mapped[dict[str, Any]]
    screened: Mapped[int]
    hits: Mapped[int]


class ScheduleRow(Base):
    """A solved schedule of a mission; the published one is what participants see."""

    __tablename__ = "schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_key: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[datetime]
    solver: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(32))
    weight: Mapped[int]
    bound: Mapped[float | None]
    seconds: Mapped[float]
    published: Mapped[bool]
    note: Mapped[str] = mapped_column(Text)

    meetings: Mapped[list[MeetingRow]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingRow.id", lazy="selectin"
    )


class MeetingRow(Base):
    """A meeting of a stored schedule."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("schedules.id", ondelete="CASCADE"), index=True
    )
    org_a: Mapped[str] = mapped_column(String(80))
    org_b: Mapped[str] = mapped_column(String(80))
    slot: Mapped[int]
    table_key: Mapped[str] = mapped_column(String(80))
    interpreter: Mapped[str | None] = mapped_column(String(80))
    others: Mapped[list[Any] | None]  # further parties of a group meeting
    attendees: Mapped[list[Any] | None]  # the delegate of each party


# --- web: accounts, sessions, API tokens, login throttling, background jobs --------


class UserRow(Base):
    """An account of the console; ``roles`` is a list (a person may hold several)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[Any]]
    locale: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool]
    created_at: Mapped[datetime]


class WebSessionRow(Base):
    """A signed-in browser; deleting the row ends the session whatever the cookie says."""

    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ApiTokenRow(Base):
    """A script's bearer token, stored only as its SHA-256."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    roles: Mapped[list[Any]]
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class LoginFailureRow(Base):
    """A failed sign-in, kept for throttling by account and by client address."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(320), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(index=True)


class JobRow(Base):
    """A background job: what, for whom, how far, what it said, how it ended."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(320))
    params: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(String(16), index=True)
    progress: Mapped[float]
    log: Mapped[list[Any]]
    result: Mapped[dict[str, Any] | None]
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


# --- outcomes: feedback after each meeting, outcomes months later (append-only) ---


class FeedbackRow(Base):
    """One organisation's feedback on its meeting with a partner; the newest per
    (mission, organisation, partner) is in force, older ones stay as the trail."""

    __tablename__ = "meeting_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_key: Mapped[str] = mapped_column(String(80), index=True)
    org_key: Mapped[str] = mapped_column(String(80))
    partner_key: Mapped[str] = mapped_column(String(80))
    held: Mapped[bool]
    rating: Mapped[int | None]
    follow_up: Mapped[bool]
    note: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(320))
    at: Mapped[datetime]


class OutcomeRow(Base):
    """An outcome an organisation reports; a correction is a new row naming the one it
    supersedes. ``amount`` is the decimal's text (exact on every database)."""

    __tablename__ = "outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_key: Mapped[str] = mapped_column(String(80), index=True)
    org_key: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(32))
    partners: Mapped[list[Any]]
    amount: Mapped[str | None] = mapped_column(String(40))
    currency: Mapped[str | None] = mapped_column(String(3))
    happened_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(320))
    at: Mapped[datetime]
    supersedes: Mapped[int | None] = mapped_column(ForeignKey("outcomes.id"))
    withdrawn: Mapped[bool]


# --- the participant portal: invitations, participant sessions, profile edits,
# responses to recommendations ------------------------------------------------------


class InvitationRow(Base):
    """A delegate's personal link, stored as its SHA-256 (the link itself never is)."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_key: Mapped[str] = mapped_column(String(80), index=True)
    org_key: Mapped[str] = mapped_column(String(80), index=True)
    person_key: Mapped[str | None] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(300))
    lang: Mapped[str] = mapped_column(String(8))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    actor: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    replaced_by: Mapped[int | None]
    sent_at: Mapped[datetime | None]


class ParticipantSessionRow(Base):
    """A delegate's browser, signed in by opening an invitation; ends with it."""

    __tablename__ = "participant_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("invitations.id", ondelete="CASCADE"), index=True
    )
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class ProfileChangeRow(Base):
    """An append-only record of one profile edit: who, when, and each field's before/after."""

    __tablename__ = "profile_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_key: Mapped[str] = mapped_column(String(80), index=True)
    mission_key: Mapped[str | None] = mapped_column(String(80))
    actor: Mapped[str] = mapped_column(String(320))
    at: Mapped[datetime]
    changes: Mapped[dict[str, Any]]


class ResponseRow(Base):
    """A participant's accept or decline of one recommended partner (the newest counts)."""

    __tablename__ = "recommendation_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_key: Mapped[str] = mapped_column(String(80), index=True)
    org_key: Mapped[str] = mapped_column(String(80))
    partner_key: Mapped[str] = mapped_column(String(80))
    response: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(320))
    at: Mapped[datetime]


# --- delegation safety: feeds and their polls, alerts, whereabouts, notices ----------


class SafetyFeedRow(Base):
    """A feed an admin added: where, how it is read, and the validators of its last
    answer (for a conditional GET)."""

    __tablename__ = "safety_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    etag: Mapped[str | None] = mapped_column(String(400))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    added_by: Mapped[str] = mapped_column(String(320))
    added_at: Mapped[datetime]


class SafetyPollRow(Base):
    """One poll of a feed: when, the HTTP status, bytes read, error (if any), alerts."""

    __tablename__ = "safety_polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("safety_feeds.id"), index=True)
    at: Mapped[datetime]
    status: Mapped[int | None]
    size: Mapped[int]
    error: Mapped[str] = mapped_column(Text)
    alerts: Mapped[int]


class SafetyAlertRow(Base):
    """A message received from a feed, kept as published (``body``); ``state`` is open,
    superseded (by an Update) or withdrawn (by a Cancel)."""

    __tablename__ = "safety_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(600), unique=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("safety_feeds.id"))
    kind: Mapped[str] = mapped_column(String(16))
    msg_type: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))
    headline: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    replaced_by: Mapped[str | None] = mapped_column(String(600))
    body: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]


class WhereaboutsRow(Base):
    """Where a delegate is on a day (venue, hotel, visit): location data, deleted on
    the mission's schedule (services/safety.py, PURGE_AFTER_DAYS)."""

    __tablename__ = "safety_whereabouts"
    __table_args__ = (UniqueConstraint("mission_key", "person_key", "day", "kind", "place"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_key: Mapped[str] = mapped_column(String(80), index=True)
    person_key: Mapped[str] = mapped_column(String(80))
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(200))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    country: Mapped[str] = mapped_column(String(2))


class SafetyNoticeRow(Base):
    """An alert told to one person (once: a repeat of the same alert is not re-sent)."""

    __tablename__ = "safety_notices"
    __table_args__ = (UniqueConstraint("alert_key", "person_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_key: Mapped[str] = mapped_column(String(600), index=True)
    mission_key: Mapped[str] = mapped_column(String(80))
    person_key: Mapped[str] = mapped_column(String(80))
    day: Mapped[date]
    place: Mapped[str] = mapped_column(String(200))
    emailed: Mapped[bool]
    at: Mapped[datetime]


class RollCallRow(Base):
    """An organiser's call for a mission's delegates to say they are safe."""

    __tablename__ = "safety_roll_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_key: Mapped[str] = mapped_column(String(80), index=True)
    started_by: Mapped[str] = mapped_column(String(320))
    started_at: Mapped[datetime]
    note: Mapped[str] = mapped_column(Text)
    alert_key: Mapped[str | None] = mapped_column(String(600))
    closed_at: Mapped[datetime | None]


class RollCallEntryRow(Base):
    """One delegate in a roll call: the link's digest (never the token), the answer."""

    __tablename__ = "safety_roll_entries"
    __table_args__ = (UniqueConstraint("roll_call_id", "person_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roll_call_id: Mapped[int] = mapped_column(ForeignKey("safety_roll_calls.id"))
    person_key: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    answer: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(String(200))
    answered_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]


class SafetyVenueRow(Base):
    """Where a mission meets (``[venue]`` of mission.toml)."""

    __tablename__ = "safety_venues"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    country: Mapped[str] = mapped_column(String(2))
