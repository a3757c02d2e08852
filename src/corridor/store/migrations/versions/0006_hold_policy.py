"""missions: the screening hold policy (hold or flag), who set it and when

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hold_policy", sa.String(length=8), server_default="hold", nullable=False)
        )
        batch_op.add_column(sa.Column("hold_policy_by", sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column("hold_policy_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("missions", schema=None) as batch_op:
        batch_op.drop_column("hold_policy_at")
        batch_op.drop_column("hold_policy_by")
        batch_op.drop_column("hold_policy")
