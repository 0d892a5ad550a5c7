"""Tokens from an external identity provider, verified against its published JWKS.

Configured by ``OAUTH_ISSUER``, ``OAUTH_JWKS_URL`` and ``OAUTH_AUDIENCE``. The
claims carrying roles, scopes and tenancy are configurable, so that an
authority's own identity provider can be used without changing it: tenancy
claims may hold our numeric IDs, an authority's GSS code, or a provider's
org-id (e.g. ``GB-COH-01234567``).
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.auth.actor import Actor, Role
from api.auth.tokens import TokenError
from db import models as m

ALGORITHMS = ("RS256", "PS256", "ES256")
REFRESH_AT_MOST_EVERY = 1.0
KEYS_KEPT_FOR = 300.0
_GSS = re.compile(r"^[EWSN]\d{8}$")
_ORG_ID = re.compile(r"^(GB-COH|GB-CHC|GB-PPON)-(.+)$")


@dataclass(frozen=True)
class ClaimMapping:
    """Which claims carry roles, scopes and tenancy, and how role names translate."""

    roles: str = "roles"
    scope: str = "scope"
    authority: str = "authority_id"
    provider: str = "provider_id"
    role_map: dict[str, str] = field(default_factory=dict)

    def roles_of(self, claims: dict[str, Any]) -> frozenset[Role]:
        raw = claims.get(self.roles) or []
        names = raw.split() if isinstance(raw, str) else list(raw)
        known = {role.value for role in Role}
        mapped = (self.role_map.get(name, name) for name in names)
        return frozenset(Role(name) for name in mapped if name in known)

    def scopes_of(self, claims: dict[str, Any]) -> frozenset[str]:
        raw = claims.get(self.scope) or ""
        return frozenset(raw.split() if isinstance(raw, str) else raw)


class JwksCache:
    """An issuer's key set, fetched over HTTP, kept a while, and refreshed on an unknown key."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def keys(self, *, refresh: bool = False) -> KeySet:
        async with self._lock:
            age = time.monotonic() - self._fetched_at
            stale = self._keys is None or age > KEYS_KEPT_FOR or (refresh and age > REFRESH_AT_MOST_EVERY)
            if stale:
                try:
                    async with httpx.AsyncClient(timeout=5) as client:
                        response = await client.get(self.url)
                        response.raise_for_status()
                        self._keys = KeySet.import_key_set(response.json())
                except (httpx.HTTPError, ValueError, JoseError) as exc:
                    if self._keys is None:
                        raise TokenError("the identity provider's keys could not be fetched") from exc
                self._fetched_at = time.monotonic()
            assert self._keys is not None
            return self._keys


class ExternalIssuer:
    """Verifies an external issuer's tokens and maps their claims to an actor."""

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        jwks_url: str,
        mapping: ClaimMapping,
        sessions: async_sessionmaker[AsyncSession],
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.mapping = mapping
        self.jwks = JwksCache(jwks_url)
        self.sessions = sessions
        self.registry = JWTClaimsRegistry(
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": audience},
            exp={"essential": True},
            sub={"essential": True},
        )

    async def actor(self, token: str) -> Actor:
        claims = await self._verified_claims(token)
        authority_id, provider_id = await self._tenancy(claims)
        return Actor(
            subject=f"{self.issuer}#{claims['sub']}",
            roles=self.mapping.roles_of(claims),
            scopes=self.mapping.scopes_of(claims),
            authority_id=authority_id,
            provider_id=provider_id,
            client_id=claims.get("client_id") or claims.get("azp"),
        )

    async def _verified_claims(self, token: str) -> dict[str, Any]:
        for refresh in (False, True):
            keys = await self.jwks.keys(refresh=refresh)
            try:
                decoded = jwt.decode(token, keys, algorithms=list(ALGORITHMS))
            except (JoseError, ValueError) as exc:
                if refresh:
                    raise TokenError("the access token's signature is not valid") from exc
                continue
            try:
                self.registry.validate(decoded.claims)
            except JoseError as exc:
                raise TokenError("the access token is invalid or expired") from exc
            return dict(decoded.claims)
        raise TokenError("the access token's signature is not valid")  # pragma: no cover

    async def _tenancy(self, claims: dict[str, Any]) -> tuple[int | None, int | None]:
        authority = claims.get(self.mapping.authority)
        provider = claims.get(self.mapping.provider)
        async with self.sessions() as session:
            return await _authority_id(session, authority), await _provider_id(session, provider)


async def _authority_id(session: AsyncSession, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return int(value)
    if isinstance(value, str) and _GSS.match(value):
        found = await session.scalar(select(m.Authority.id).where(m.Authority.gss_code == value))
        if found is None:
            raise TokenError(f"the token names an unknown authority {value}")
        return int(found)
    raise TokenError("the token's authority claim is not an ID or a GSS code")


async def _provider_id(session: AsyncSession, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return int(value)
    match = _ORG_ID.match(value) if isinstance(value, str) else None
    if match:
        found = await session.scalar(
            select(m.ProviderIdentifier.provider_id).where(
                m.ProviderIdentifier.scheme == match.group(1), m.ProviderIdentifier.identifier == match.group(2)
            )
        )
        if found is None:
            raise TokenError(f"the token names an unknown provider {value}")
        return int(found)
    raise TokenError("the token's provider claim is not an ID or an org-id")


def unverified_issuer(token: str) -> str | None:
    """The ``iss`` a token claims, read without verifying it: only to choose a verifier."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return None
    issuer = claims.get("iss") if isinstance(claims, dict) else None
    return issuer if isinstance(issuer, str) else None
