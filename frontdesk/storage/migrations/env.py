"""Alembic environment: always run with a connection handed in by frontdesk.storage.migrate."""

from __future__ import annotations

from alembic import context

from frontdesk.storage.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through frontdesk-admin init (frontdesk.storage.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
