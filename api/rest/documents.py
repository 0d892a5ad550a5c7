"""Document downloads: authorize against the owner and confidentiality, then redirect to a short-lived link."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from api.domain import documents
from api.domain.errors import DomainError, Forbidden, NotFound, StorageUnavailable
from api.resolvers.errors import ClientError
from api.resolvers.relay import expect_id

STATUS = {NotFound: 404, Forbidden: 403, StorageUnavailable: 503}


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
    except ClientError as exc:
        return _error(400, "INVALID_ID", exc.message)
    except DomainError as exc:
        if isinstance(exc, Forbidden) and not actor.is_authenticated:
            return _error(401, "UNAUTHENTICATED", "Sign in: this document needs an access token", challenge=True)
        return _error(STATUS.get(type(exc), 409), exc.code, exc.message)
    return RedirectResponse(url, status_code=302, headers={"Cache-Control": "no-store"})


def _error(status: int, code: str, message: str, *, challenge: bool = False) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if challenge else {}
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)
