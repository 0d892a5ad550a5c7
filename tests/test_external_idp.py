"""Tokens from an external identity provider, whose keys are served over HTTP inside the test."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.app import create_app
from api.auth.actor import Role
from api.config import Settings
from api.domain.clock import FixedClock
from tests.support import DEMO_NOW, LiveServer

ISSUER = "https://login.example-council.test"
AUDIENCE = "nwsend-api"
CALL_OFFS = "{ callOffs(first: 100) { totalCount edges { node { authority { code } } } } }"


class IdentityProvider:
    """A stand-in external issuer: a key pair and its JWKS served over HTTP."""

    def __init__(self) -> None:
        self.keys = [RSAKey.generate_key(2048, private=True)]
        for key in self.keys:
            key.ensure_kid()
        self.live = LiveServer(Starlette(routes=[Route("/jwks", self.jwks)])).start()

    async def jwks(self, request: Any) -> JSONResponse:
        return JSONResponse({"keys": [k.as_dict(private=False) for k in self.keys]})

    def rotate(self) -> None:
        key = RSAKey.generate_key(2048, private=True)
        key.ensure_kid()
        self.keys.insert(0, key)

    def token(self, key: RSAKey | None = None, **claims: Any) -> str:
        key = key or self.keys[0]
        now = int(time.time())
        body = {"iss": ISSUER, "aud": AUDIENCE, "sub": "u-123", "iat": now, "exp": now + 600, **claims}
        return jwt.encode({"alg": "RS256", "kid": key.kid}, body, key)


@pytest.fixture(scope="module")
def idp() -> Iterator[IdentityProvider]:
    provider = IdentityProvider()
    yield provider
    provider.live.stop()


@pytest.fixture(scope="module")
def http(idp: IdentityProvider, demo_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = Settings(
        database_url=demo_database,
        signing_key_file=str(tmp_path_factory.mktemp("external") / "key.pem"),
        oauth_audience=AUDIENCE,
        external_issuer=ISSUER,
        external_jwks_url=f"{idp.live.base_url}/jwks",
        external_roles_claim="groups",
        external_role_map=(("send-analysts", Role.AUTHORITY_ANALYST.value),),
        external_scope_claim="scp",
        external_authority_claim="la",
    )
    live = LiveServer(create_app(settings, clock=FixedClock(DEMO_NOW))).start()
    try:
        with httpx.Client(base_url=live.base_url) as client:
            yield client
    finally:
        live.stop()


def _post(http: httpx.Client, token: str, query: str = CALL_OFFS) -> httpx.Response:
    return http.post("/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"})


def analyst_token(idp: IdentityProvider, **extra: Any) -> str:
    claims = {"groups": ["send-analysts", "staff"], "scp": "calloffs:read reports:read", "la": "E08000001"}
    return idp.token(**{**claims, **extra})


def test_an_external_analyst_sees_only_their_authoritys_call_offs(idp: IdentityProvider, http: httpx.Client) -> None:
    response = _post(http, analyst_token(idp))
    assert response.status_code == 200, response.text
    call_offs = response.json()["data"]["callOffs"]
    assert call_offs["totalCount"] > 0
    assert {e["node"]["authority"]["code"] for e in call_offs["edges"]} == {"E08000001"}

    viewer = _post(http, analyst_token(idp), "{ viewer { subject roles scopes authority { code } } }").json()
    assert viewer["data"]["viewer"] == {
        "subject": f"{ISSUER}#u-123",
        "roles": ["AUTHORITY_ANALYST"],
        "scopes": ["calloffs:read", "reports:read"],
        "authority": {"code": "E08000001"},
    }


def test_external_tokens_are_verified(idp: IdentityProvider, http: httpx.Client, tmp_path: Path) -> None:
    stranger = RSAKey.generate_key(2048, private=True)
    stranger.ensure_kid()
    refused = {
        "unknown key": idp.token(stranger, **{"groups": ["send-analysts"], "scp": "calloffs:read", "la": "E08000001"}),
        "expired": analyst_token(idp, exp=int(time.time()) - 120),
        "wrong audience": analyst_token(idp, aud="another-api"),
        "unknown authority": analyst_token(idp, la="E99999999"),
    }
    for case, token in refused.items():
        response = _post(http, token)
        assert response.status_code == 401, case


def test_unmapped_roles_grant_nothing(idp: IdentityProvider, http: httpx.Client) -> None:
    response = _post(http, analyst_token(idp, groups=["staff"]))
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_a_rotated_key_is_fetched_when_first_seen(idp: IdentityProvider, http: httpx.Client) -> None:
    assert _post(http, analyst_token(idp)).status_code == 200
    idp.rotate()
    time.sleep(1.1)  # key set refreshes are rate limited to one a second
    assert _post(http, analyst_token(idp)).status_code == 200
