"""ASGI middleware: a request id, and one database session per request."""

from __future__ import annotations

import logging
import re
import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.domain import audit
from api.rest.health import unavailable_response
from db.engine import unavailable_cause

log = logging.getLogger("api.errors")

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Tags each request with an id (the caller's ``X-Request-ID`` if sane) and echoes it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        audit.request_id.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        await self.app(scope, receive, send_with_id)


class SessionMiddleware:
    """Opens a database session for each HTTP request and closes it afterwards.

    The session connects only when first used, so requests that never touch
    the database cost nothing.

    A database refused, lost or silent never escapes from here, as an exception
    would end the client's (keep-alive) connection: before the answer has
    started it is answered 503 with ``Retry-After``; after, it is logged, since
    the answer is already on its way. Closing the session is the same: a
    connection lost after the answer was sent costs a log line, nothing more.
    """

    def __init__(self, app: ASGIApp, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.app = app
        self.sessions = sessions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        session = self.sessions()
        state = scope.setdefault("state", {})
        state["session"] = session
        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            if unavailable_cause(exc) is None:
                raise
            log.warning("database unavailable at %s (request %s): %s", scope.get("path"), state.get("request_id"), exc)
            if not started:
                await unavailable_response(state.get("request_id"))(scope, receive, send)
        finally:
            await _close(session, scope)


async def _close(session: AsyncSession, scope: Scope) -> None:
    """Close the request's session; a connection that was lost meanwhile is discarded, not raised."""
    try:
        await session.close()
    except Exception as exc:
        request_id = scope.get("state", {}).get("request_id")
        if unavailable_cause(exc) is None:
            log.error("could not close the session of %s (request %s)", scope.get("path"), request_id, exc_info=exc)
        else:
            log.warning("database connection lost after %s (request %s): %s", scope.get("path"), request_id, exc)
        try:
            await session.invalidate()
        except Exception:  # noqa: BLE001 - the connection is gone either way
            log.debug("could not invalidate the session's connection", exc_info=True)
