"""RS256 access tokens (RFC 9068): signing keys, issuing and validating.

The signing key is a PEM file; one is generated on first use so that a
development checkout needs no set-up. Its public half is served as a JWKS.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from authlib.oauth2.rfc6750.errors import InvalidTokenError
from authlib.oauth2.rfc9068 import JWTBearerTokenValidator
from joserfc import jwt
from joserfc.errors import ExpiredTokenError
from joserfc.jwk import KeySet, RSAKey

from api.auth.actor import Actor, Role

ACCESS_TOKEN_LIFETIME = 3600
DEV_CLI_CLIENT_ID = "dev-cli"
"""The ``client_id`` of tokens minted by ``python -m api.cli token``; refused in production."""
_SHOWABLE = re.compile(r"[\x21\x23-\x5b\x5d-\x7e]{1,200}")  # safe to quote in an error and a header


class TokenError(Exception):
    """The bearer token is missing a part, expired, or not signed by a trusted key."""


def load_signing_key(path: str | os.PathLike[str]) -> RSAKey:
    """The RSA key at ``path``, with its key id."""
    key = RSAKey.import_key(Path(path).read_bytes())
    key.ensure_kid()
    return key


def load_or_create_signing_key(path: str | os.PathLike[str]) -> RSAKey:
    """The RSA signing key at ``path``, generated (mode 0600) when absent."""
    file = Path(path)
    if file.exists():
        return load_signing_key(file)
    key = RSAKey.generate_key(2048, private=True)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(key.as_pem(private=True))
    file.chmod(0o600)
    key.ensure_kid()
    return key


def public_jwks(*keys: RSAKey) -> dict[str, Any]:
    """The JSON Web Key Set publishing the public halves of ``keys``."""
    return {"keys": [{**k.as_dict(private=False), "use": "sig", "alg": "RS256"} for k in keys]}


def issue_access_token(
    key: RSAKey,
    *,
    issuer: str,
    audience: str,
    subject: str,
    client_id: str,
    roles: Iterable[Role] = (),
    scopes: Iterable[str] = (),
    authority_id: int | None = None,
    provider_id: int | None = None,
    board_id: int | None = None,
    lifetime: int = ACCESS_TOKEN_LIFETIME,
) -> str:
    """Sign an RFC 9068 access token carrying roles, scopes and tenancy claims."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": subject,
        "client_id": client_id,
        "iat": now,
        "exp": now + lifetime,
        "jti": uuid.uuid4().hex,
        "scope": " ".join(sorted(set(scopes))),
        "roles": sorted(role.value for role in roles),
    }
    if authority_id is not None:
        claims["authority_id"] = authority_id
    if provider_id is not None:
        claims["provider_id"] = provider_id
    if board_id is not None:
        claims["integrated_care_board_id"] = board_id
    header = {"alg": "RS256", "typ": "at+jwt", "kid": key.kid}
    return jwt.encode(header, claims, key)


class AccessTokenValidator(JWTBearerTokenValidator):
    """Validates access tokens against a fixed key set, issuer and audience.

    Tokens of the clients in ``refused_client_ids`` are refused even when validly
    signed: in production, those the development command line mints.
    """

    def __init__(
        self, *, issuer: str, audience: str, jwks: dict[str, Any], refused_client_ids: Iterable[str] = ()
    ) -> None:
        super().__init__(issuer=issuer, resource_server=audience)
        self._key_set = KeySet.import_key_set(jwks)
        self.refused_client_ids = frozenset(refused_client_ids)

    def get_jwks(self) -> KeySet:
        return self._key_set

    def actor(self, token: str) -> Actor:
        """The actor a valid token speaks for; :class:`TokenError` otherwise."""
        try:
            claims = self.authenticate_token(token)
        except InvalidTokenError as exc:
            raise TokenError("the access token is invalid or expired") from exc
        # the signature is ours: say what is wrong with the claims
        issuer = claims.get("iss")
        if issuer != self.issuer:
            shown = issuer if isinstance(issuer, str) and _SHOWABLE.fullmatch(issuer) else "another issuer"
            raise TokenError(
                f"the access token was issued for {shown}, not for this server ({self.issuer}): "
                f"get a token whose issuer is {self.issuer}"
            )
        if claims.get("client_id") in self.refused_client_ids:
            raise TokenError("development tokens are not accepted here: get a token from the authorization server")
        try:
            self.validate_token(claims, scopes=None, request=None)
        except InvalidTokenError as exc:
            if isinstance(exc.__cause__, ExpiredTokenError):
                raise TokenError("the access token has expired") from exc
            raise TokenError("the access token is invalid or expired") from exc
        return actor_from_claims(claims)


def actor_from_claims(claims: dict[str, Any]) -> Actor:
    """Map validated claims to an actor; unknown roles are ignored."""
    known = {role.value for role in Role}
    raw_scope = claims.get("scope") or ""
    scopes = raw_scope.split() if isinstance(raw_scope, str) else list(raw_scope)
    return Actor(
        subject=str(claims["sub"]),
        roles=frozenset(Role(r) for r in claims.get("roles") or [] if r in known),
        scopes=frozenset(scopes),
        authority_id=_int_or_none(claims.get("authority_id")),
        provider_id=_int_or_none(claims.get("provider_id")),
        board_id=_int_or_none(claims.get("integrated_care_board_id")),
        client_id=claims.get("client_id"),
    )


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)
