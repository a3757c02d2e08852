"""outcomes: feedback after each meeting and outcomes reported later (append-only)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_key", sa.String(length=80), nullable=False),
        sa.Column("org_key", sa.String(length=80), nullable=False),
        sa.Column("partner_key", sa.String(length=80), nullable=False),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("follow_up", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_feedback")),
    )
    op.create_index(op.f("ix_meeting_feedback_mission_key"), "meeting_feedback", ["mission_key"])
    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_key", sa.String(length=80), nullable=False),
        sa.Column("org_key", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("partners", sa.JSON(), nullable=False),
        sa.Column("amount", sa.String(length=40), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("supersedes", sa.Integer(), nullable=True),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["supersedes"], ["outcomes.id"], name=op.f("fk_outcomes_supersedes_outcomes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
    )
    op.create_index(op.f("ix_outcomes_mission_key"), "outcomes", ["mission_key"])


def downgrade() -> None:
    op.drop_table("outcomes")
    op.drop_table("meeting_feedback")
