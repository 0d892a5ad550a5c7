"""The built-in OAuth 2 authorization server: authlib's grants, on Starlette and SQLAlchemy.

Grants: client credentials (confidential machine clients), authorization code
with PKCE (S256 only, always required) and refresh token (rotated on use).
Access tokens are the RS256 JWTs of :mod:`api.auth.tokens`.

Authlib is synchronous and the database is async, so one server is built per
request and driven inside ``AsyncSession.run_sync``: every hook below uses the
synchronous ``Session`` that ``run_sync`` hands over. The request body is read
beforehand, into a :class:`HttpRequest`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from authlib.oauth2 import AuthorizationServer as _AuthorizationServer
from authlib.oauth2.rfc6749 import (
    ClientMixin,
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
    JsonPayload,
    JsonRequest,
    OAuth2Payload,
    OAuth2Request,
    grants,
    scope_to_list,
)
from authlib.oauth2.rfc6749.util import extract_basic_authorization
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge, create_s256_code_challenge
from joserfc.jwk import RSAKey
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from api.auth.actor import Role
from api.auth.passwords import verify_password
from api.auth.scopes import ALL_SCOPES, scopes_for
from api.auth.tokens import ACCESS_TOKEN_LIFETIME, issue_access_token
from db.models import AuthorizationCode, OAuthClient, RefreshToken, User

REFRESH_TOKEN_LIFETIME = dt.timedelta(days=30)
AUTHORIZATION_CODE_LIFETIME = dt.timedelta(minutes=10)

GRANT_TYPES = ("authorization_code", "client_credentials", "refresh_token")
CLIENT_AUTH_METHODS = ("client_secret_basic", "client_secret_post", "none")
SUPPORTED_SCOPES = ALL_SCOPES
_SECRET_METHODS = ["client_secret_basic", "client_secret_post"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def token_hash(value: str) -> str:
    """How codes and refresh tokens are stored: the hex SHA-256 of the value."""
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class IssuerConfig:
    """What every token issued here carries: the signing key, issuer and audience."""

    signing_key: RSAKey
    issuer: str
    audience: str


@dataclass(frozen=True)
class HttpRequest:
    """What authlib needs of an HTTP request, read before entering ``run_sync``."""

    method: str
    url: str
    headers: Mapping[str, str]
    query: Sequence[tuple[str, str]] = ()
    form: Sequence[tuple[str, str]] = ()
    json_body: Any = None


# --------------------------------------------------------------------------
# Requests: authlib's view of an HttpRequest
# --------------------------------------------------------------------------


class _Payload(OAuth2Payload):
    """Parameters of one request; the first of repeated values wins, and the grants refuse repeats."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in pairs:
            self._datalist[key].append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


class _Request(OAuth2Request):
    """An OAuth 2 request: parameters from the query for GET, from the form body for POST."""

    def __init__(self, http: HttpRequest) -> None:
        super().__init__(http.method, http.url, headers=http.headers)
        self.payload = _Payload(http.form if http.method == "POST" else http.query)
        self._args = _Payload(http.query).data
        self._form = _Payload(http.form).data

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


class _JsonPayload(JsonPayload):
    def __init__(self, body: Any) -> None:
        self._body = body

    @property
    def data(self) -> Any:
        return self._body


# --------------------------------------------------------------------------
# Models: authlib's view of our rows
# --------------------------------------------------------------------------


def _redirect_matches(registered: str, given: str) -> bool:
    """Exact match, port included, loopback too.

    RFC 8252 §7.3's "any port on loopback" is for native apps that open a port of their
    own; our clients are web applications served on a port we know (the portal), so a
    callback on any other loopback port belongs to some other program on the machine.
    """
    return given == registered


class Client(ClientMixin):
    """A registered client; secrets already checked off the event loop are looked up, not re-hashed."""

    def __init__(self, row: OAuthClient, checked_secrets: Mapping[tuple[str, str], bool]) -> None:
        self.row = row
        self._checked = checked_secrets

    def get_client_id(self) -> str:
        return self.row.client_id

    def get_default_redirect_uri(self) -> str | None:
        uris = self.row.redirect_uris or []
        return uris[0] if len(uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str | None:
        allowed = scope_to_list(self.row.scope) or []
        if not scope:
            return " ".join(allowed)
        granted = [s for s in scope_to_list(scope) if s in allowed]
        return " ".join(granted) or None

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return any(_redirect_matches(uri, redirect_uri) for uri in self.row.redirect_uris or [])

    def check_client_secret(self, client_secret: str) -> bool:
        if self.row.client_secret_hash is None:
            return False
        known = self._checked.get((self.row.client_id, client_secret))
        if known is not None:
            return known
        return verify_password(self.row.client_secret_hash, client_secret).ok

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        if self.row.is_public:
            return method == "none"
        return method in _SECRET_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code" and "authorization_code" in (self.row.grant_types or [])

    def check_grant_type(self, grant_type: str) -> bool:
        if grant_type not in (self.row.grant_types or []):
            return False
        if grant_type == "client_credentials":
            return not self.row.is_public and self.row.role is not None
        return True


@dataclass
class _Code:
    row: AuthorizationCode

    @property
    def code_challenge(self) -> str:
        return self.row.code_challenge

    @property
    def code_challenge_method(self) -> str:
        return self.row.code_challenge_method

    def get_redirect_uri(self) -> str | None:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope


@dataclass
class _Refresh:
    row: RefreshToken

    def get_scope(self) -> str:
        return self.row.scope

    def check_client(self, client: Client) -> bool:
        return self.row.client_id == client.row.id


@dataclass(frozen=True)
class _Principal:
    """Who a token speaks for: a user, or a machine client acting for itself."""

    subject: str
    role: Role
    authority_id: int | None
    provider_id: int | None
    board_id: int | None = None


# --------------------------------------------------------------------------
# Grants
# --------------------------------------------------------------------------


def _compare_s256(verifier: str, challenge: str) -> bool:
    return hmac.compare_digest(create_s256_code_challenge(verifier), challenge)


class S256CodeChallenge(CodeChallenge):
    """PKCE (RFC 7636), required on every authorization request, with S256 only."""

    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    CODE_CHALLENGE_METHODS = {"S256": _compare_s256}

    def validate_code_challenge(self, grant: Any, redirect_uri: Any) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send 'code_challenge' with 'code_challenge_method=S256'.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("Only the 'S256' code_challenge_method is accepted.")
        super().validate_code_challenge(grant, redirect_uri)


class _AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    """Authorization code: codes are stored hashed, single use, and narrowed to the user's role."""

    TOKEN_ENDPOINT_AUTH_METHODS = list(CLIENT_AUTH_METHODS)
    server: AuthorizationServer

    def create_authorization_response(self, redirect_uri: str, grant_user: User | None) -> tuple[int, str, list]:
        if grant_user is not None:
            scope = self.server.grantable_scope(self.request.scope, self.request.client, Role(grant_user.role.value))
            if not scope:
                raise InvalidScopeError("None of the requested scopes may be granted.", redirect_uri=redirect_uri)
            self.request.scope = " ".join(scope)
        return super().create_authorization_response(redirect_uri, grant_user)

    def save_authorization_code(self, code: str, request: _Request) -> None:
        now = _now()
        data = request.payload.data
        self.server.session.add(
            AuthorizationCode(
                code_hash=token_hash(code),
                client_id=request.client.row.id,
                user_id=request.user.id,
                redirect_uri=request.payload.redirect_uri,
                scope=request.scope,
                code_challenge=data["code_challenge"],
                code_challenge_method=data["code_challenge_method"],
                nonce=data.get("nonce"),
                family=secrets.token_hex(16),
                auth_time=now,
                expires_at=now + AUTHORIZATION_CODE_LIFETIME,
            )
        )
        self.server.session.flush()

    def query_authorization_code(self, code: str, client: Client) -> _Code | None:
        query = select(AuthorizationCode).where(AuthorizationCode.code_hash == token_hash(code))
        row = self.server.session.scalar(query)
        if row is None or row.client_id != client.row.id:
            return None
        if row.used_at is not None:
            # RFC 6749 §4.1.2: a code used twice revokes what was issued for it.
            self.server.revoke_family(row.family)
            return None
        if row.expires_at <= _now():
            return None
        return _Code(row)

    def create_token_response(self) -> tuple[int, dict, list]:
        # Claim the code before issuing anything, so that two concurrent
        # exchanges cannot both succeed.
        code: _Code = self.request.authorization_code
        claimed = self.server.session.execute(
            update(AuthorizationCode)
            .where(AuthorizationCode.id == code.row.id, AuthorizationCode.used_at.is_(None))
            .values(used_at=_now())
        )
        if claimed.rowcount != 1:
            raise InvalidGrantError("The authorization code was already used.")
        return super().create_token_response()

    def delete_authorization_code(self, authorization_code: _Code) -> None:
        """Nothing left to do: the code was claimed before the token was issued."""

    def authenticate_user(self, authorization_code: _Code) -> User | None:
        return self.server.active_user(authorization_code.row.user_id)


class _ClientCredentialsGrant(grants.ClientCredentialsGrant):
    """Client credentials: confidential machine clients only, acting with their own role and tenancy."""

    TOKEN_ENDPOINT_AUTH_METHODS = list(_SECRET_METHODS)


class _RefreshTokenGrant(grants.RefreshTokenGrant):
    """Refresh token: rotated on every use; the new token carries the user's current role and tenancy."""

    TOKEN_ENDPOINT_AUTH_METHODS = list(CLIENT_AUTH_METHODS)
    INCLUDE_NEW_REFRESH_TOKEN = True
    server: AuthorizationServer

    def authenticate_refresh_token(self, refresh_token: str) -> _Refresh | None:
        query = select(RefreshToken).where(RefreshToken.token_hash == token_hash(refresh_token))
        row = self.server.session.scalar(query)
        if row is None:
            return None
        if row.revoked_at is not None:
            # A rotated-out token came back: someone holds a copy. Revoke the family.
            self.server.revoke_family(row.family)
            return None
        if row.expires_at <= _now():
            return None
        return _Refresh(row)

    def create_token_response(self) -> tuple[int, dict, list]:
        # Rotate: revoke the presented token before issuing its successor.
        old: _Refresh = self.request.refresh_token
        revoked = self.server.session.execute(
            update(RefreshToken)
            .where(RefreshToken.id == old.row.id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=_now())
        )
        if revoked.rowcount != 1:
            raise InvalidGrantError("The refresh token was already used.")
        return super().create_token_response()

    def authenticate_user(self, refresh_token: _Refresh) -> User | None:
        if refresh_token.row.user_id is None:
            return None
        return self.server.active_user(refresh_token.row.user_id)

    def revoke_old_credential(self, refresh_token: _Refresh) -> None:
        """Nothing left to do: the token was revoked before its successor was issued."""


# --------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------


class _Revocation(RevocationEndpoint):
    """RFC 7009: a client revokes a refresh token it was issued, which ends that sign-in.

    Every refresh token rotated from the same sign-in is revoked with it. Access
    tokens are signed and short-lived, not stored: one presented here is answered
    200, as an unknown token is (RFC 7009 §2.2), and lasts until it expires.
    """

    CLIENT_AUTH_METHODS = list(CLIENT_AUTH_METHODS)

    def check_params(self, request: _Request, client: Client) -> None:
        """The token is required; the hint is not needed (see :meth:`query_token`), so any hint is accepted."""
        if not request.form.get("token"):
            raise InvalidRequestError("token is required")

    def query_token(self, token_string: str, token_type_hint: str | None) -> _Refresh | None:
        """Refresh tokens are the only tokens stored, so every hint leads to them (RFC 7009 §2.1)."""
        query = select(RefreshToken).where(RefreshToken.token_hash == token_hash(token_string))
        row = self.server.session.scalar(query)
        return None if row is None else _Refresh(row)

    def revoke_token(self, token: _Refresh, request: _Request) -> None:
        self.server.revoke_family(token.row.family)


class AuthorizationServer(_AuthorizationServer):
    """Authlib's authorization server, with the Starlette and SQLAlchemy hooks. One per request."""

    def __init__(
        self,
        config: IssuerConfig,
        session: Session,
        *,
        checked_secrets: Mapping[tuple[str, str], bool] | None = None,
    ) -> None:
        super().__init__(scopes_supported=list(SUPPORTED_SCOPES))
        self.config = config
        self.session = session
        self._checked_secrets = dict(checked_secrets or {})
        self.register_token_generator("default", self._generate_token)
        self.register_grant(_AuthorizationCodeGrant, [S256CodeChallenge(required=True)])
        self.register_grant(_ClientCredentialsGrant)
        self.register_grant(_RefreshTokenGrant)
        self.register_endpoint(_Revocation)

    # -- framework hooks ------------------------------------------------------

    def query_client(self, client_id: str) -> Client | None:
        row = self.session.scalar(select(OAuthClient).where(OAuthClient.client_id == client_id))
        return Client(row, self._checked_secrets) if row is not None else None

    def save_token(self, token: dict[str, Any], request: _Request) -> None:
        """Only refresh tokens are stored; access tokens are self-contained JWTs."""
        value = token.get("refresh_token")
        if not value:
            return
        if request.authorization_code is not None:
            family = request.authorization_code.row.family
        elif request.refresh_token is not None:
            family = request.refresh_token.row.family
        else:
            family = secrets.token_hex(16)
        now = _now()
        self.session.add(
            RefreshToken(
                token_hash=token_hash(value),
                client_id=request.client.row.id,
                user_id=request.user.id if request.user is not None else None,
                scope=token["scope"],
                family=family,
                issued_at=now,
                expires_at=now + REFRESH_TOKEN_LIFETIME,
            )
        )
        self.session.flush()

    def create_oauth2_request(self, request: HttpRequest | OAuth2Request) -> OAuth2Request:
        if isinstance(request, OAuth2Request):
            return request
        return _Request(request)

    def create_json_request(self, request: HttpRequest) -> JsonRequest:
        json_request = JsonRequest(request.method, request.url, request.headers)
        json_request.payload = _JsonPayload(request.json_body)
        return json_request

    def handle_response(self, status: int, body: Any, headers: Sequence[tuple[str, str]]) -> Response:
        content = json.dumps(body) if isinstance(body, dict) else (body or "")
        return Response(content, status_code=status, headers=dict(headers))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No signals are listened to."""

    # -- tokens ---------------------------------------------------------------

    def grantable_scope(self, requested: str | None, client: Client, role: Role) -> list[str]:
        """Requested ∩ the client's allowed ∩ the role's scopes; all that is allowed when none are requested."""
        allowed = set(scope_to_list(client.row.scope) or []) & set(scopes_for(role))
        wanted = set(scope_to_list(requested) or []) if requested else allowed
        return sorted(wanted & allowed)

    def _principal(self, client: Client, user: User | None) -> _Principal:
        if user is not None:
            return _Principal(
                user.username, Role(user.role.value), user.authority_id, user.provider_id, user.integrated_care_board_id
            )
        row = client.row
        if row.role is None:  # refused earlier by check_grant_type; never a token without a role
            raise InvalidGrantError("The client has no role to act with.")
        return _Principal(f"client:{row.client_id}", Role(row.role.value), row.authority_id, row.provider_id)

    def _generate_token(
        self,
        grant_type: str,
        client: Client,
        user: User | None = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        principal = self._principal(client, user)
        granted = self.grantable_scope(scope, client, principal.role)
        if not granted:
            raise InvalidScopeError("None of the requested scopes may be granted.")
        access_token = issue_access_token(
            self.config.signing_key,
            issuer=self.config.issuer,
            audience=self.config.audience,
            subject=principal.subject,
            client_id=client.row.client_id,
            roles=[principal.role],
            scopes=granted,
            authority_id=principal.authority_id,
            provider_id=principal.provider_id,
            board_id=principal.board_id,
            lifetime=ACCESS_TOKEN_LIFETIME,
        )
        token: dict[str, Any] = {
            "token_type": "Bearer",
            "access_token": access_token,
            "expires_in": ACCESS_TOKEN_LIFETIME,
            "scope": " ".join(granted),
        }
        if include_refresh_token and user is not None:
            token["refresh_token"] = secrets.token_urlsafe(48)
        return token

    # -- storage helpers --------------------------------------------------------

    def active_user(self, user_id: int) -> User | None:
        user = self.session.get(User, user_id)
        return user if user is not None and user.active else None

    def revoke_family(self, family: str) -> None:
        """Revoke every live refresh token descending from one sign-in."""
        self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=_now())
        )


# --------------------------------------------------------------------------
# Client secrets, checked off the event loop
# --------------------------------------------------------------------------


@dataclass
class SecretCheck:
    """The client secret a token request presents, verified in a worker thread."""

    results: dict[tuple[str, str], bool] = field(default_factory=dict)

    @classmethod
    async def of(cls, session: AsyncSession, http: HttpRequest) -> SecretCheck:
        """Verify the presented secret (HTTP Basic first, then the form) without blocking the loop.

        Argon2 is deliberately slow; the synchronous hooks then only look the result up.
        """
        client_id, secret = extract_basic_authorization(http.headers)
        if not (client_id and secret):
            form = _Payload(http.form).data
            client_id, secret = form.get("client_id"), form.get("client_secret")
        if not (client_id and secret):
            return cls()
        stored = await session.scalar(select(OAuthClient.client_secret_hash).where(OAuthClient.client_id == client_id))
        verification = await run_in_threadpool(verify_password, stored, secret)
        return cls({(client_id, secret): verification.ok})
