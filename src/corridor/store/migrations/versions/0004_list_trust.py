"""list events: the audit trail of list loads, accepted overrides and returns

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["list_versions.id"],
            name=op.f("fk_list_events_version_id_list_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_events")),
    )
    with op.batch_alter_table("list_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_list_events_source"), ["source"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("list_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_list_events_source"))
    op.drop_table("list_events")
