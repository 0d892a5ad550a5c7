"""``POST /imports/placements``: an authority's existing placements from a CSV body, all or nothing.

The body is read as it arrives and handed to the domain, which checks and
writes the rows in batches inside the request's one transaction. The
transaction is committed only when every row is good and it is not a dry
run; otherwise it is rolled back and nothing is kept.

- 200: written (or a dry run: the report, nothing written);
- 422: at least one problem; the report names each row and column;
- 413: the body or the number of rows is over the limit;
- 415: not ``text/csv``; 401 without a token; 403 for anyone but a
  commissioner with ``calloffs:write``.
"""

from __future__ import annotations

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from api.domain import placement_import
from api.domain.errors import DomainError, Forbidden
from api.rest.exports import error

SCOPE = "calloffs:write"
MEDIA_TYPES = frozenset({"text/csv", "application/csv"})
TRUE, FALSE = frozenset({"true", "1", "yes"}), frozenset({"false", "0", "no", ""})


async def placements(request: Request) -> Response:
    """Check, and unless it is a dry run write, the placements in the CSV body."""
    actor = request.user.actor
    if not actor.is_authenticated:
        return error(401, "UNAUTHENTICATED", "Sign in: imports need an access token", challenge=True)
    if not actor.has_scope(SCOPE):
        return error(403, "FORBIDDEN", f"The access token lacks the scope {SCOPE}")
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in MEDIA_TYPES:
        return error(415, "UNSUPPORTED_MEDIA_TYPE", "Send the placements as CSV, with Content-Type: text/csv")
    dry_run = request.query_params.get("dryRun", "").strip().lower()
    if dry_run not in TRUE | FALSE:
        return error(400, "VALIDATION_ERROR", "dryRun is true or false", field="dryRun")
    limits = placement_import.ImportLimits()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        return error(413, "TOO_LARGE", f"The file is larger than the {limits.max_bytes:,} bytes allowed: split it")

    session = request.state.session
    try:
        report = await placement_import.import_placements(
            session,
            actor=actor,
            now=request.app.state.clock.now(),
            chunks=request.stream(),
            dry_run=dry_run in TRUE,
            limits=limits,
        )
    except DomainError as exc:
        await session.rollback()
        return error(403 if isinstance(exc, Forbidden) else 409, exc.code, exc.message)
    except ClientDisconnect:
        await session.rollback()
        return error(400, "INCOMPLETE", "The upload was interrupted; nothing was imported")
    if report.written:
        await session.commit()
    else:
        await session.rollback()
    if report.too_large:
        status = 413
    elif report.written or report.dry_run:
        status = 200
    else:
        status = 422
    return JSONResponse(report.as_json(), status_code=status, headers={"Cache-Control": "no-store"})
