"""Alembic environment: runs migrations on the engine (or connection) Corridor hands it.

``store.db.migrate`` passes a connection already inside a locked transaction, so that
two processes migrating one database at once take turns; the migrations then run in
that transaction and the caller commits.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from corridor.store.tables import Base

config = context.config
engine = config.attributes.get("engine")
given = config.attributes.get("connection")
if not isinstance(engine, Engine):  # pragma: no cover - only when run outside Corridor
    raise RuntimeError("run migrations through corridor (corridor init / store.db.migrate)")
batch = engine.dialect.name == "sqlite"


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=batch,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if isinstance(given, Connection):
    _run(given)
else:
    with engine.connect() as connection:
        _run(connection)
        connection.commit()
