"""Starlette authentication backend: bearer token in, actor out."""

from __future__ import annotations

from starlette.authentication import AuthCredentials, AuthenticationBackend, AuthenticationError, BaseUser
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response

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
