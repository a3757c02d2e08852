"""Alembic environment: runs migrations on the engine Corridor hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from corridor.store.tables import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):  # pragma: no cover - only when run outside Corridor
    raise RuntimeError("run migrations through corridor (corridor init / store.db.migrate)")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=engine.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
