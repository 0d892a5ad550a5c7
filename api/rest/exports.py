"""CSV exports for analysts: ``GET /exports/call-offs.csv``, ``GET /exports/spend.csv`` and
``GET /exports/placements-census.csv`` and ``GET /exports/invoices.csv``.

Both need a bearer token with ``calloffs:read``; which rows come back is the
caller's tenancy, applied in the domain. The body is streamed from a
server-side cursor, a chunk at a time.

The first chunk is produced before the answer starts, so that a database that
cannot be reached (or drops at once) is answered 503 with ``Retry-After``, not
``200 OK`` and a body cut short. A failure later in the stream can only cut it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Sequence

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from api.auth.actor import Actor
from api.domain import exports
from api.domain.errors import DomainError, Forbidden, ValidationError

SCOPE = "calloffs:read"
CSV_TYPE = "text/csv; charset=utf-8"


async def call_offs(request: Request) -> Response:
    """One row per call-off the caller may see."""
    actor = request.user.actor
    if (refused := _refusal(actor) or _parameter_problem(request, frozenset())) is not None:
        return refused
    now = request.app.state.clock.now()
    try:
        rows = exports.call_off_rows(request.state.session, actor=actor, now=now)
    except DomainError as exc:
        return _domain_error(exc)
    return await _csv(exports.CALL_OFF_COLUMNS, rows, f"call-offs-{now.date().isoformat()}.csv")


async def spend(request: Request) -> Response:
    """Committed spend per call-off per financial year, or summed per group (``?groupBy=``)."""
    actor = request.user.actor
    if (refused := _refusal(actor) or _parameter_problem(request, SPEND_PARAMETERS)) is not None:
        return refused
    now = request.app.state.clock.now()
    params = request.query_params
    try:
        query = exports.SpendQuery.of(financial_year=params.get("financialYear"), group=params.get("groupBy"))
        rows = exports.spend_rows(request.state.session, actor=actor, now=now, query=query)
    except DomainError as exc:
        return _domain_error(exc)
    name = "spend" + (f"-by-{query.group}" if query.group else "")
    if query.financial_year is not None:
        name += f"-{query.financial_year.label}"
    return await _csv(query.columns, rows, f"{name}-{now.date().isoformat()}.csv")


SPEND_PARAMETERS = frozenset({"financialYear", "groupBy"})
CENSUS_PARAMETERS = frozenset({"date"})


async def approved_invoices(request: Request) -> Response:
    """The approved invoices to the caller's authority, for its finance system."""
    actor = request.user.actor
    if (refused := _refusal(actor) or _parameter_problem(request, frozenset())) is not None:
        return refused
    now = request.app.state.clock.now()
    try:
        rows = exports.invoice_rows(request.state.session, actor=actor, now=now)
    except DomainError as exc:
        return _domain_error(exc)
    return await _csv(exports.INVOICE_COLUMNS, rows, f"invoices-{now.date().isoformat()}.csv")


async def placements_census(request: Request) -> Response:
    """The caller's authority's placements on the census day, in the Placements North West census's columns."""
    actor = request.user.actor
    if (refused := _refusal(actor) or _parameter_problem(request, CENSUS_PARAMETERS)) is not None:
        return refused
    now = request.app.state.clock.now()
    given = request.query_params.get("date")
    try:
        day = dt.date.fromisoformat(given) if given else now.date()
    except ValueError:
        return error(400, "VALIDATION_ERROR", "date: give the census day as YYYY-MM-DD", field="date")
    try:
        rows = exports.census_rows(request.state.session, actor=actor, now=now, day=day)
    except DomainError as exc:
        return _domain_error(exc)
    return await _csv(exports.CENSUS_COLUMNS, rows, f"placements-census-{day.isoformat()}.csv")


def _parameter_problem(request: Request, declared: frozenset[str]) -> Response | None:
    """400 for a query parameter openapi/openapi.yaml does not declare, or one given empty or twice."""
    params = request.query_params
    for name in params:
        if name not in declared:
            takes = ", ".join(sorted(declared)) or "no parameters"
            return error(400, "VALIDATION_ERROR", f"{name}: unknown parameter; this export takes {takes}", field=name)
        if len(params.getlist(name)) > 1 or not params[name]:
            return error(400, "VALIDATION_ERROR", f"{name}: give one value, or leave it out", field=name)
    return None


def _refusal(actor: Actor) -> Response | None:
    """401 without a token, 403 without the scope; the domain checks the role."""
    if not actor.is_authenticated:
        return error(401, "UNAUTHENTICATED", "Sign in: exports need an access token", challenge=True)
    if not actor.has_scope(SCOPE):
        return error(403, "FORBIDDEN", f"The access token lacks the scope {SCOPE}")
    return None


def _domain_error(exc: DomainError) -> JSONResponse:
    if isinstance(exc, Forbidden):
        return error(403, exc.code, exc.message)
    if isinstance(exc, ValidationError):
        return error(400, exc.code, exc.message, field=exc.field)
    return error(409, exc.code, exc.message)


async def _csv(columns: Sequence[str], rows: AsyncIterator[Sequence[object]], filename: str) -> Response:
    chunks = exports.csv_chunks(columns, rows)
    try:
        first = await anext(chunks)  # runs the query: the database answers, or this raises before any byte is sent
    except BaseException as exc:
        with contextlib.suppress(Exception):  # the first failure is the one to report
            await chunks.aclose()  # type: ignore[attr-defined]
        if isinstance(exc, DomainError):
            return _domain_error(exc)
        raise
    return StreamingResponse(
        _after(first, chunks),
        media_type=CSV_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def _after(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield first
    async for chunk in rest:
        yield chunk


def error(status: int, code: str, message: str, *, field: str | None = None, challenge: bool = False) -> JSONResponse:
    """A JSON error like the other REST endpoints': a stable code and a message for people."""
    body: dict[str, str] = {"error": code, "message": message}
    if field is not None:
        body["field"] = field
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if challenge else {}
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store", **headers})
