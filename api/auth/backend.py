"""Starlette authentication backend: bearer token in, actor out."""

from __future__ import annotations

from starlette.authentication import AuthCredentials, AuthenticationBackend, AuthenticationError, BaseUser
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth.actor import ANONYMOUS, Actor
from api.auth.external import ExternalIssuer, unverified_issuer
from api.auth.tokens import AccessTokenValidator, TokenError

# Where the Authorization header carries a client's credentials (RFC 6749 §2.3.1), not a bearer token.
CLIENT_CREDENTIAL_PATHS = frozenset({"/oauth/token", "/oauth/revoke"})


class ActorUser(BaseUser):
    """Starlette's view of an actor."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor

    @property
    def is_authenticated(self) -> bool:
        return self.actor.is_authenticated

    @property
    def display_name(self) -> str:
        return self.actor.reference

    @property
    def identity(self) -> str:
        return self.actor.reference


class BearerTokenBackend(AuthenticationBackend):
    """Reads ``Authorization: Bearer …``; no header means an anonymous caller.

    Tokens claiming the external issuer are verified against its keys; all
    others against the built-in authorization server's.
    """

    def __init__(self, validator: AccessTokenValidator, external: ExternalIssuer | None = None) -> None:
        self.validator = validator
        self.external = external

    async def _actor(self, token: str) -> Actor:
        if self.external is not None and unverified_issuer(token) == self.external.issuer:
            return await self.external.actor(token)
        return self.validator.actor(token)

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser]:
        header = conn.headers.get("authorization")
        if not header or conn.scope["path"] in CLIENT_CREDENTIAL_PATHS:
            return AuthCredentials(), ActorUser(ANONYMOUS)
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthenticationError("use the Bearer scheme: 'Authorization: Bearer <token>'")
        try:
            actor = await self._actor(token.strip())
        except TokenError as exc:
            raise AuthenticationError(str(exc)) from exc
        except Exception as exc:  # a malformed token must never become a 500
            raise AuthenticationError("the access token is malformed") from exc
        return AuthCredentials(sorted(actor.scopes)), ActorUser(actor)


def on_auth_error(conn: HTTPConnection, exc: Exception) -> Response:
    """RFC 6750: 401 with a WWW-Authenticate challenge and a JSON body."""
    return JSONResponse(
        {"errors": [{"message": str(exc), "extensions": {"code": "UNAUTHENTICATED"}}]},
        status_code=401,
        headers={"WWW-Authenticate": f'Bearer error="invalid_token", error_description="{exc}"'},
    )


class NoStoreForAuthenticatedCallers:
    """``Cache-Control: no-store`` on every response to a caller with a verified token.

    What a token lets its holder read must not be kept by a browser or a shared cache
    and handed to the next person. A response that sets its own ``Cache-Control`` (a
    short-lived download redirect, say) keeps it. Runs after the authentication middleware.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        user = scope.get("user") if scope["type"] == "http" else None
        if user is None or not user.is_authenticated:
            await self.app(scope, receive, send)
            return

        async def send_no_store(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"
                    headers["Pragma"] = "no-cache"
            await send(message)

        await self.app(scope, receive, send_no_store)
