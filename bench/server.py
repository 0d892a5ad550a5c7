"""The application as the benchmark serves it: ``uvicorn --factory bench.server:create``.

The application itself, configured from the environment as ``api.cli serve`` would
be, with two bench-only additions:

* ``BENCH_NOW`` (an ISO timestamp) stands the clock still at the generated data's
  "now", so that states derived from dates (active call-offs, due reports) are
  those the generator meant, whatever day the benchmark runs;
* ``BENCH_COUNT_SQL=1``: a SQLAlchemy event listener counts the statements each
  request sends, and the response carries the count in an ``X-SQL-Statements``
  header.

Nothing of this is in the application's own code path.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import os
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.app import create_app
from api.domain.clock import FixedClock

STATEMENTS_HEADER = b"x-sql-statements"

_statements: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("bench_statements", default=None)


def _count(*_args: Any) -> None:
    counter = _statements.get()
    if counter is not None:
        counter[0] += 1


class CountStatements:
    """ASGI middleware: the SQL statements a request sent, in a response header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        counter = [0]
        token = _statements.set(counter)

        async def send_with_count(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((STATEMENTS_HEADER, str(counter[0]).encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_count)
        finally:
            _statements.reset(token)


def create() -> ASGIApp:
    """The application, at ``BENCH_NOW``, counting statements per request when ``BENCH_COUNT_SQL=1``."""
    now = os.environ.get("BENCH_NOW")
    app = create_app(clock=FixedClock(dt.datetime.fromisoformat(now)) if now else None)
    if os.environ.get("BENCH_COUNT_SQL") != "1":
        return app
    from sqlalchemy import event

    event.listen(app.state.engine.sync_engine, "before_cursor_execute", _count)
    return CountStatements(app)
