"""Alembic environment: runs migrations on the async engine from ``DATABASE_URL``."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

import db.models  # noqa: F401  (registers every table)
from db.base import Base
from db.engine import create_engine

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        compare_server_default=False,
        render_as_batch=connection.dialect.name == "sqlite",
    )


def _run_sync(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or None)
    async with engine.connect() as connection:
        await connection.run_sync(_run_sync)
    await engine.dispose()


def run() -> None:
    """Run on a connection handed in by the caller, or on a fresh engine."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_sync(connection)
    else:
        asyncio.run(_run_async())


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported")
run()
