"""safety: feeds and polls, alerts as published, whereabouts, notices

Revision ID: 0010_safety
Revises: 0008
Create Date: 2026-12-06 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_safety"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safety_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("etag", sa.String(length=400), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("added_by", sa.String(length=320), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_safety_feeds_url")),
    )
    op.create_table(
        "safety_polls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("alerts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["safety_feeds.id"], name=op.f("fk_safety_polls_feed_id_safety_feeds")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_polls")),
    )
    op.create_index(op.f("ix_safety_polls_feed_id"), "safety_polls", ["feed_id"])
    op.create_table(
        "safety_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=600), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("msg_type", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("replaced_by", sa.String(length=600), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["safety_feeds.id"], name=op.f("fk_safety_alerts_feed_id_safety_feeds")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_alerts")),
        sa.UniqueConstraint("key", name=op.f("uq_safety_alerts_key")),
    )
    op.create_table(
        "safety_whereabouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_key", sa.String(length=80), nullable=False),
        sa.Column("person_key", sa.String(length=80), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_whereabouts")),
        sa.UniqueConstraint(
            "mission_key",
            "person_key",
            "day",
            "kind",
            "place",
            name=op.f("uq_safety_whereabouts_mission_key"),
        ),
    )
    op.create_index(
        op.f("ix_safety_whereabouts_mission_key"), "safety_whereabouts", ["mission_key"]
    )
    op.create_table(
        "safety_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_key", sa.String(length=600), nullable=False),
        sa.Column("mission_key", sa.String(length=80), nullable=False),
        sa.Column("person_key", sa.String(length=80), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("emailed", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_notices")),
        sa.UniqueConstraint("alert_key", "person_key", name=op.f("uq_safety_notices_alert_key")),
    )
    op.create_index(op.f("ix_safety_notices_alert_key"), "safety_notices", ["alert_key"])
    op.create_table(
        "safety_venues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_key", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_venues")),
        sa.UniqueConstraint("mission_key", name=op.f("uq_safety_venues_mission_key")),
    )
    op.create_table(
        "safety_roll_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_key", sa.String(length=80), nullable=False),
        sa.Column("started_by", sa.String(length=320), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("alert_key", sa.String(length=600), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_roll_calls")),
    )
    op.create_index(op.f("ix_safety_roll_calls_mission_key"), "safety_roll_calls", ["mission_key"])
    op.create_table(
        "safety_roll_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roll_call_id", sa.Integer(), nullable=False),
        sa.Column("person_key", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["roll_call_id"],
            ["safety_roll_calls.id"],
            name=op.f("fk_safety_roll_entries_roll_call_id_safety_roll_calls"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_roll_entries")),
        sa.UniqueConstraint(
            "roll_call_id", "person_key", name=op.f("uq_safety_roll_entries_roll_call_id")
        ),
        sa.UniqueConstraint("token_hash", name=op.f("uq_safety_roll_entries_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("safety_venues")
    op.drop_table("safety_roll_entries")
    op.drop_table("safety_roll_calls")
    op.drop_table("safety_notices")
    op.drop_table("safety_whereabouts")
    op.drop_table("safety_alerts")
    op.drop_table("safety_polls")
    op.drop_table("safety_feeds")
