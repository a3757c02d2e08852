"""participants: invitations, participant sessions, profile changes, responses

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 09:00:00

Self-contained (it touches no table of another revision), so it can be re-chained
after any other revision that branches from 0005.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_key", sa.String(length=80), nullable=False),
        sa.Column("org_key", sa.String(length=80), nullable=False),
        sa.Column("person_key", sa.String(length=80), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("replaced_by", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitations_token_hash")),
    )
    op.create_index(op.f("ix_invitations_mission_key"), "invitations", ["mission_key"])
    op.create_index(op.f("ix_invitations_org_key"), "invitations", ["org_key"])
    op.create_table(
        "participant_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["invitations.id"],
            name=op.f("fk_participant_sessions_invitation_id_invitations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_participant_sessions")),
    )
    op.create_index(
        op.f("ix_participant_sessions_invitation_id"), "participant_sessions", ["invitation_id"]
    )
    op.create_table(
        "profile_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_key", sa.String(length=80), nullable=False),
        sa.Column("mission_key", sa.String(length=80), nullable=True),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_changes")),
    )
    op.create_index(op.f("ix_profile_changes_org_key"), "profile_changes", ["org_key"])
    op.create_table(
        "recommendation_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_key", sa.String(length=80), nullable=False),
        sa.Column("org_key", sa.String(length=80), nullable=False),
        sa.Column("partner_key", sa.String(length=80), nullable=False),
        sa.Column("response", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_responses")),
    )
    op.create_index(
        op.f("ix_recommendation_responses_mission_key"),
        "recommendation_responses",
        ["mission_key"],
    )


def downgrade() -> None:
    op.drop_table("recommendation_responses")
    op.drop_table("profile_changes")
    op.drop_table("participant_sessions")
    op.drop_table("invitations")
