"""Document downloads: authorize against the owner and confidentiality, then redirect to a short-lived link.

The stored file is checked before the link is signed (``api/domain/documents.py``): bytes that no longer
match the verified SHA-256 are refused with 409 ``DOCUMENT_CHANGED`` and logged; storage that cannot be
reached or does not answer in time is 503 ``STORAGE_UNAVAILABLE`` with ``Retry-After``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from api.domain import documents
from api.domain.errors import DomainError, Forbidden, NotFound, StorageUnavailable
from api.resolvers.errors import ClientError
from api.resolvers.relay import expect_id

STATUS = {NotFound: 404, Forbidden: 403, StorageUnavailable: 503, documents.DocumentChanged: 409}


async def download(request: Request) -> Response:
    """302 to a presigned GET that expires within minutes, for a caller who may read the document."""
    actor = request.user.actor
    try:
        document_id = expect_id(request.path_params["id"], "Document", field="id")
        assert document_id is not None
        url = await documents.download_url(
            request.state.session,
            actor=actor,
            now=request.app.state.clock.now(),
            document_id=document_id,
            storage=request.app.state.storage,
            rules=request.app.state.document_rules,
        )
    except ClientError:  # any text is a well-formed path: one naming no document is not found
        return _error(404, "NOT_FOUND", "No document has this ID")
    except DomainError as exc:
        if isinstance(exc, Forbidden) and not actor.is_authenticated:
            return _error(401, "UNAUTHENTICATED", "Sign in: this document needs an access token", challenge=True)
        status = STATUS.get(type(exc), 409)
        return _error(status, exc.code, exc.message, retry=status == 503)
    return RedirectResponse(url, status_code=302, headers={"Cache-Control": "no-store"})


def _error(status: int, code: str, message: str, *, challenge: bool = False, retry: bool = False) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if challenge else {}
    if retry:
        headers["Retry-After"] = "5"
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)
