"""Liveness and readiness probes, and the answer given when the database cannot be reached."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from db.engine import unavailable_cause
from db.migrate import current_revision, head_revision


async def healthz(request: Request) -> JSONResponse:
    """The process is up."""
    return JSONResponse({"status": "ok"})


READINESS_TIMEOUT = 3.0
"""Seconds the readiness probe waits on the database: a load balancer's probe wants an answer, not a hang."""


async def readyz(request: Request) -> JSONResponse:
    """The database answers and its schema is at the migrations' head."""
    engine = request.app.state.engine
    try:
        # bounded: a database that accepts connections and never answers is unreachable within seconds
        async with asyncio.timeout(READINESS_TIMEOUT):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            revision = await current_revision(engine)
    except Exception:
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    head = head_revision()
    if revision != head:
        return JSONResponse(
            {"status": "unavailable", "database": "reachable", "migration": revision, "head": head},
            status_code=503,
        )
    return JSONResponse({"status": "ok", "database": "reachable", "migration": revision})


log = logging.getLogger("api.errors")

DATABASE_UNAVAILABLE = "The database is unavailable or the connection to it was lost. Nothing was saved; try again."


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """A REST request whose database connection was refused, lost or silent: 503 with ``Retry-After``, said plainly.

    Any other database error is a bug, and goes on to be answered 500 and logged.
    """
    if unavailable_cause(exc) is None:
        raise exc
    request_id = getattr(request.state, "request_id", None)
    log.warning("database unavailable at %s (request %s): %s", request.url.path, request_id, exc)
    return unavailable_response(request_id)


def unavailable_response(request_id: str | None) -> JSONResponse:
    """503 with ``Retry-After``: the database is unavailable."""
    return JSONResponse(
        {"error": "service_unavailable", "error_description": DATABASE_UNAVAILABLE, "requestId": request_id},
        status_code=503,
        headers={"Retry-After": "5"},
    )
