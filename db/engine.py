"""Engine and session factory for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import math
import os
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/nwsend.sqlite3"


def database_url(url: str | None = None) -> str:
    """The async database URL: the argument, ``DATABASE_URL``, or the SQLite default.

    Plain ``postgresql://`` and ``sqlite://`` URLs are given their async driver.
    """
    raw = url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    parsed = make_url(raw)
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif parsed.drivername == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    return parsed.render_as_string(hide_password=False)


def create_engine(url: str | None = None, **kwargs: Any) -> AsyncEngine:
    """Create the async engine; on SQLite, foreign keys are enforced.

    On PostgreSQL each pooled connection is pinged when checked out, so a
    server restart, a failover or a dropped connection costs a reconnect, not
    a failed request; connections are also replaced after an hour, before
    proxies and firewalls silently cut idle ones. PostgreSQL's JIT compiler is
    off for our connections: the API's statements run in milliseconds, and on
    the regional fee benchmark, the one statement costly enough to trigger it,
    compiling took longer than running (``bench/RESULTS.md``).
    """
    resolved = database_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        os.makedirs(os.path.dirname(os.path.abspath(parsed.database)), exist_ok=True)
    if parsed.get_backend_name() == "postgresql":
        kwargs = {
            "pool_pre_ping": True,
            "pool_recycle": 3600,
            "connect_args": {"server_settings": {"jit": "off"}},
            **kwargs,
        }
    engine = create_async_engine(resolved, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    try:
        cursor.execute("SELECT sin(0), cos(0), asin(0), sqrt(0)")
    except Exception:  # an SQLite built without its math functions: give it Python's
        for name in ("sin", "cos", "asin", "sqrt"):
            dbapi_connection.create_function(name, 1, getattr(math, name), deterministic=True)
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
