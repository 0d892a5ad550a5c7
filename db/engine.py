"""Engine and session factory for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool
from sqlalchemy.util import await_only

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/nwsend.sqlite3"

# SQLSTATEs meaning the server cannot serve us now: a statement cancelled (statement_timeout), the server
# shutting down or starting up, too many connections, and every connection exception (class 08)
_UNAVAILABLE_STATES = frozenset({"57014", "57P01", "57P02", "57P03", "53300"})


class DatabaseUnavailable(ConnectionError):
    """The database did not answer in time, or no pooled connection came free in time."""


@dataclass(frozen=True)
class Timeouts:
    """How long the API waits on PostgreSQL, in seconds.

    ``connect``: to open a connection (a server that accepts and never answers, a lost network);
    ``statement``: for one statement, enforced by the server (``statement_timeout``) and, a second
    later, by the client, for a server that stopped answering; ``pool``: for a pooled connection to
    come free. None leaves a limit off (the command line runs migrations without a statement limit).
    """

    connect: float | None = 5.0
    statement: float | None = None
    pool: float | None = None
    ping: float = 1.0
    """How long a pooled connection has to answer the check it gets before each use; one that does not is
    discarded and a new one opened (within ``connect``), so a database gone silent is known within seconds."""


def unavailable_cause(error: BaseException | None) -> BaseException | None:
    """The refused, lost or silent database connection behind ``error``, if that is what it is."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return error
        if isinstance(error, (ConnectionError, TimeoutError)):
            return error
        error = error.__cause__ or error.__context__
    return None


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


def create_engine(url: str | None = None, *, timeouts: Timeouts | None = None, **kwargs: Any) -> AsyncEngine:
    """Create the async engine; on SQLite, foreign keys are enforced.

    On PostgreSQL each pooled connection is pinged when checked out (within ``timeouts.ping``), so a
    server restart, a failover or a dropped connection costs a reconnect, not
    a failed request; connections are also replaced after an hour, before
    proxies and firewalls silently cut idle ones. PostgreSQL's JIT compiler is
    off for our connections: the API's statements run in milliseconds, and on
    the regional fee benchmark, the one statement costly enough to trigger it,
    compiling took longer than running (``bench/RESULTS.md``).

    ``timeouts`` bound every wait on PostgreSQL (see :class:`Timeouts`): a database that refuses,
    drops or never answers is reported as :class:`DatabaseUnavailable` (a ``ConnectionError``) or a
    ``DBAPIError`` whose connection is invalidated, within seconds, never a hung request.
    """
    resolved = database_url(url)
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        os.makedirs(os.path.dirname(os.path.abspath(parsed.database)), exist_ok=True)
    limits = timeouts or Timeouts()
    if parsed.get_backend_name() == "postgresql":
        server_settings = {"jit": "off"}
        connect_args: dict[str, Any] = {"server_settings": server_settings}
        if limits.connect is not None:
            connect_args["timeout"] = limits.connect
            connect_args["async_creator_fn"] = _connect_within(limits.connect)
        if limits.statement is not None:
            server_settings["statement_timeout"] = str(int(limits.statement * 1000))
            connect_args["command_timeout"] = limits.statement + 1
        pool: dict[str, Any] = {"poolclass": _Pool}
        if limits.pool is not None:
            pool["pool_timeout"] = limits.pool
        kwargs = {"pool_recycle": 3600, "connect_args": connect_args, **pool, **kwargs}
    engine = create_async_engine(resolved, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    else:
        event.listen(engine.sync_engine, "handle_error", _unavailable_is_a_disconnect)
        event.listen(engine.sync_engine, "checkout", _ping_within(limits.ping))
    return engine


def _ping_within(seconds: float) -> Any:
    """A pooled connection's check before each use (SQLAlchemy's pre-ping, with a time limit of its own): one
    that fails or does not answer in ``seconds`` is discarded, and the pool opens a new one."""

    def ping(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        try:
            await_only(dbapi_connection._connection.fetchval("SELECT 1", timeout=seconds))
        except Exception as exc:
            dbapi_connection._connection.terminate()  # no graceful goodbye to a server that does not answer
            raise sa_exc.DisconnectionError(f"the pooled connection did not answer within {seconds:g} s") from exc

    return ping


def _connect_within(seconds: float) -> Any:
    """asyncpg's connect, with its timeout reported as DatabaseUnavailable."""
    import asyncpg

    async def connect(*args: Any, **kwargs: Any) -> Any:
        try:
            return await asyncpg.connect(*args, **kwargs)
        except TimeoutError as exc:
            raise DatabaseUnavailable(f"the database did not answer within {seconds:g} s of connecting") from exc

    return connect


class _Pool(AsyncAdaptedQueuePool):
    """The async queue pool, reporting a wait for a free connection that timed out as DatabaseUnavailable."""

    def _do_get(self) -> Any:
        try:
            return super()._do_get()
        except sa_exc.TimeoutError as exc:
            raise DatabaseUnavailable(f"no database connection came free within {self._timeout:g} s") from exc


def _unavailable_is_a_disconnect(context: Any) -> None:
    """A statement the server cancelled (``statement_timeout``) or that the client gave up waiting for, or a
    server shutting down: the connection is discarded and the error reported as the database being
    unavailable."""
    error = context.original_exception
    if isinstance(error, TimeoutError):
        context.is_disconnect = True
        raise DatabaseUnavailable("the database did not answer in time") from error
    state = getattr(error, "sqlstate", None) or getattr(getattr(error, "__cause__", None), "sqlstate", None)
    if isinstance(state, str) and (state in _UNAVAILABLE_STATES or state.startswith("08")):
        context.is_disconnect = True


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
