"""programme: group meetings, tables in rounds, programme items, arrival and departure

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("missions") as batch:
        batch.add_column(sa.Column("programme", sa.JSON(), nullable=True))
    with op.batch_alter_table("meetings") as batch:
        batch.add_column(sa.Column("others", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("attendees", sa.JSON(), nullable=True))
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("arrives", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("leaves", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("leaves")
        batch.drop_column("arrives")
    with op.batch_alter_table("meetings") as batch:
        batch.drop_column("attendees")
        batch.drop_column("others")
    with op.batch_alter_table("missions") as batch:
        batch.drop_column("programme")
