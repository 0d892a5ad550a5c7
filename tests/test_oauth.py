"""The built-in authorization server over real HTTP: sign-in with PKCE, client credentials, refresh rotation."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlalchemy import func, select

from api.auth.actor import Role
from api.auth.demo import DemoIdentities, seed_demo_identities
from api.auth.passwords import verify_password
from api.auth.scopes import scopes_for
from api.auth.server import token_hash
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import AuthorityRole, UserRole
from tests.support import Api, serve

ROOT = Path(__file__).resolve().parent.parent
PORTAL = "provider-portal"
REDIRECT = "http://127.0.0.1:8000/portal/callback"
VIEWER = "{ viewer { subject roles scopes authority { code } provider { id } } }"
CALL_OFFS = """query($f: CallOffFilter) { callOffs(first: 100, filter: $f) {
  totalCount edges { node { authority { code } } } } }"""


# --------------------------------------------------------------------------
# Fixtures and helpers
# --------------------------------------------------------------------------


async def _seed_identities(url: str) -> DemoIdentities:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            identities = await seed_demo_identities(session)
            await session.commit()
            return identities
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def identities(demo_database: str) -> DemoIdentities:
    """The demo users and clients, added to the shared demo database once per backend."""
    return asyncio.run(_seed_identities(demo_database))


@pytest.fixture()
def browser(api: Api, identities: DemoIdentities) -> Iterator[httpx.Client]:
    """A fresh user agent with its own cookie jar; redirects are not followed."""
    with httpx.Client(base_url=api.live.base_url, timeout=30, follow_redirects=False) as client:
        yield client


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.labels: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden":
            self.hidden[a["name"] or ""] = a.get("value") or ""
        if tag == "label":
            self.labels.add(a.get("for") or "")


def parse_form(page: str) -> _Form:
    form = _Form()
    form.feed(page)
    return form


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    return verifier, create_s256_code_challenge(verifier)


def authorize_query(challenge: str | None, **extra: str) -> dict[str, str]:
    query = {"response_type": "code", "client_id": PORTAL, "redirect_uri": REDIRECT, "state": "st-42"}
    if challenge is not None:
        query |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    return query | extra


def sign_in(browser: httpx.Client, username: str, password: str, challenge: str, **extra: str) -> httpx.Response:
    """Open the sign-in page and submit it, as a browser would."""
    page = browser.get("/oauth/authorize", params=authorize_query(challenge, **extra))
    assert page.status_code == 200, page.text
    fields = parse_form(page.text).hidden
    return browser.post("/oauth/authorize", data={**fields, "username": username, "password": password})


def code_from(response: httpx.Response) -> str:
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT + "?")
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == ["st-42"]
    return query["code"][0]


def exchange(browser: httpx.Client, code: str, verifier: str) -> httpx.Response:
    return browser.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": PORTAL,
            "code_verifier": verifier,
        },
    )


def refresh(browser: httpx.Client, token: str) -> httpx.Response:
    return browser.post(
        "/oauth/token", data={"grant_type": "refresh_token", "refresh_token": token, "client_id": PORTAL}
    )


def tokens_for(browser: httpx.Client, identities: DemoIdentities, username: str) -> dict[str, Any]:
    verifier, challenge = pkce()
    code = code_from(sign_in(browser, username, identities.password, challenge))
    response = exchange(browser, code, verifier)
    assert response.status_code == 200, response.text
    return response.json()


def machine_token(browser: httpx.Client, identities: DemoIdentities, **data: str) -> httpx.Response:
    auth = (identities.machine_client_id, identities.machine_client_secret)
    return browser.post("/oauth/token", data={"grant_type": "client_credentials", **data}, auth=auth)


def oauth_error(response: httpx.Response, status: int, error: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"] == error, response.json()


async def _count(url: str, model: type, *where: Any) -> int:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)
    finally:
        await engine.dispose()


# --------------------------------------------------------------------------
# Authorization code with PKCE
# --------------------------------------------------------------------------


def test_authorization_code_with_pkce_end_to_end(api: Api, browser: httpx.Client, identities: DemoIdentities) -> None:
    verifier, challenge = pkce()
    page = browser.get("/oauth/authorize", params=authorize_query(challenge))
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["cache-control"] == "no-store"
    form = parse_form(page.text)
    assert {"username", "password"} <= form.labels
    assert form.hidden["code_challenge"] == challenge and form.hidden["state"] == "st-42"
    assert "csrf_token" in form.hidden
    assert "North West SEND portal" in page.text

    redirect = browser.post(
        "/oauth/authorize", data={**form.hidden, "username": "ce.commissioner", "password": "demo-password"}
    )
    code = code_from(redirect)

    issued = exchange(browser, code, verifier)
    assert issued.status_code == 200, issued.text
    assert issued.headers["cache-control"] == "no-store"
    tokens = issued.json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 3600
    assert set(tokens["scope"].split()) == set(scopes_for(Role.AUTHORITY_COMMISSIONER))

    viewer = api.gql(VIEWER, token=tokens["access_token"])["viewer"]
    assert viewer["subject"] == "ce.commissioner"
    assert viewer["roles"] == ["AUTHORITY_COMMISSIONER"]
    assert viewer["authority"] == {"code": "E06000049"}

    refreshed = refresh(browser, tokens["refresh_token"])
    assert refreshed.status_code == 200, refreshed.text
    rotated = refreshed.json()
    assert rotated["refresh_token"] != tokens["refresh_token"]
    assert api.gql(VIEWER, token=rotated["access_token"])["viewer"]["subject"] == "ce.commissioner"

    # the old refresh token is spent; presenting it again revokes the rotated one too
    oauth_error(refresh(browser, tokens["refresh_token"]), 400, "invalid_grant")
    oauth_error(refresh(browser, rotated["refresh_token"]), 400, "invalid_grant")


@pytest.mark.parametrize(
    ("username", "role", "authority", "provider"),
    [
        ("lead.admin", "LEAD_ADMIN", "E06000049", False),  # Cheshire East is the lead authority
        # pays Cheshire East's placements: its invoices, call-offs and funding splits (tests/test_invoices.py)
        ("ce.finance", "AUTHORITY_FINANCE", "E06000049", False),
        ("provider.user", "PROVIDER_USER", None, True),
        ("auditor", "AUDITOR", None, False),
        ("icb.commissioner", "ICB_COMMISSIONER", None, False),  # its board: tests/test_funding.py, signed in for real
    ],
)
def test_each_role_signs_in_with_its_tenancy(
    api: Api,
    browser: httpx.Client,
    identities: DemoIdentities,
    username: str,
    role: str,
    authority: str | None,
    provider: bool,
) -> None:
    viewer = api.gql(VIEWER, token=tokens_for(browser, identities, username)["access_token"])["viewer"]
    assert viewer["subject"] == username and viewer["roles"] == [role]
    assert set(viewer["scopes"]) == set(scopes_for(Role(role)))
    assert viewer["authority"] == ({"code": authority} if authority else None), viewer
    assert (viewer["provider"] is not None) == provider, viewer


def test_pkce_is_required_and_only_s256(browser: httpx.Client) -> None:
    _, challenge = pkce()
    for query in (
        authorize_query(None),
        authorize_query(None, code_challenge=challenge),  # no method means plain
        authorize_query(None, code_challenge=challenge, code_challenge_method="plain"),
    ):
        response = browser.get("/oauth/authorize", params=query)
        assert response.status_code == 302, response.text
        error = parse_qs(urlsplit(response.headers["location"]).query)
        assert error["error"] == ["invalid_request"] and error["state"] == ["st-42"]
        assert response.headers["location"].startswith(REDIRECT)


def test_a_wrong_code_verifier_is_invalid_grant(browser: httpx.Client, identities: DemoIdentities) -> None:
    _, challenge = pkce()
    code = code_from(sign_in(browser, "auditor", identities.password, challenge))
    other_verifier, _ = pkce()
    oauth_error(exchange(browser, code, other_verifier), 400, "invalid_grant")
    missing = browser.post(
        "/oauth/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "client_id": PORTAL},
    )
    assert missing.status_code == 400 and missing.json()["error"] in ("invalid_request", "invalid_grant")


def test_a_code_is_single_use(browser: httpx.Client, identities: DemoIdentities) -> None:
    verifier, challenge = pkce()
    code = code_from(sign_in(browser, "bolton.analyst", identities.password, challenge))
    first = exchange(browser, code, verifier)
    assert first.status_code == 200, first.text
    oauth_error(exchange(browser, code, verifier), 400, "invalid_grant")
    # RFC 6749 §4.1.2: what was issued for a reused code is revoked
    oauth_error(refresh(browser, first.json()["refresh_token"]), 400, "invalid_grant")


def _code_query(code: str) -> Any:
    return select(m.AuthorizationCode).where(m.AuthorizationCode.code_hash == token_hash(code))


async def _rows(url: str, code: str, refresh_token: str) -> tuple[m.AuthorizationCode | None, m.RefreshToken | None]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            code_row = await session.scalar(_code_query(code))
            token_row = await session.scalar(
                select(m.RefreshToken).where(m.RefreshToken.token_hash == token_hash(refresh_token))
            )
            return code_row, token_row
    finally:
        await engine.dispose()


async def _expire(url: str, code: str) -> None:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            row = await session.scalar(_code_query(code))
            assert row is not None
            row.expires_at = row.auth_time - dt.timedelta(seconds=1)
            row.auth_time = row.expires_at - dt.timedelta(minutes=10)
            await session.commit()
    finally:
        await engine.dispose()


def test_codes_and_refresh_tokens_are_stored_hashed_with_their_lifetimes(
    browser: httpx.Client, demo_database: str, identities: DemoIdentities
) -> None:
    verifier, challenge = pkce()
    code = code_from(sign_in(browser, "auditor", identities.password, challenge))
    tokens = exchange(browser, code, verifier).json()
    code_row, token_row = asyncio.run(_rows(demo_database, code, tokens["refresh_token"]))
    assert code_row is not None and token_row is not None
    assert code_row.used_at is not None
    assert code_row.expires_at - code_row.auth_time == dt.timedelta(minutes=10)
    assert code_row.code_challenge == challenge and code_row.code_challenge_method == "S256"
    assert token_row.expires_at - token_row.issued_at == dt.timedelta(days=30)
    assert token_row.family == code_row.family and token_row.revoked_at is None


def test_an_expired_code_is_invalid_grant(
    browser: httpx.Client, demo_database: str, identities: DemoIdentities
) -> None:
    verifier, challenge = pkce()
    code = code_from(sign_in(browser, "auditor", identities.password, challenge))
    asyncio.run(_expire(demo_database, code))
    oauth_error(exchange(browser, code, verifier), 400, "invalid_grant")


def test_a_code_is_bound_to_its_redirect_uri(browser: httpx.Client, identities: DemoIdentities) -> None:
    verifier, challenge = pkce()
    code = code_from(sign_in(browser, "auditor", identities.password, challenge))
    response = browser.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://localhost:8000/portal/callback",
            "client_id": PORTAL,
            "code_verifier": verifier,
        },
    )
    oauth_error(response, 400, "invalid_grant")


def test_a_wrong_password_shows_the_form_again_and_issues_no_code(
    api: Api, browser: httpx.Client, demo_database: str, identities: DemoIdentities
) -> None:
    _, challenge = pkce()
    before = asyncio.run(_count(demo_database, m.AuthorizationCode))
    wrong = sign_in(browser, "ce.commissioner", "not-the-password", challenge)
    unknown = sign_in(browser, "nobody.here", "not-the-password", challenge)
    for response in (wrong, unknown):
        assert response.status_code == 200, response.text
        assert "location" not in response.headers
        assert "The username or password is incorrect." in response.text
        assert 'class="govuk-error-summary"' in response.text and '<div role="alert">' in response.text
        assert '<li><a href="#password">The username or password is incorrect.</a></li>' in response.text
        assert {"username", "password"} <= parse_form(response.text).labels

    # no user enumeration: an unknown user reads exactly like a wrong password
    def alert(page: str) -> str:
        found = re.search(r'<div role="alert">(.*?)</ul>', page)
        assert found is not None
        return found.group(1)

    assert alert(wrong.text) == alert(unknown.text)
    assert asyncio.run(_count(demo_database, m.AuthorizationCode)) == before


def test_the_sign_in_form_is_protected_against_csrf(browser: httpx.Client, identities: DemoIdentities) -> None:
    _, challenge = pkce()
    page = browser.get("/oauth/authorize", params=authorize_query(challenge))
    fields = parse_form(page.text).hidden
    credentials = {"username": "auditor", "password": identities.password}

    forged = {**fields, "csrf_token": "9999999999.0000"}
    assert browser.post("/oauth/authorize", data={**forged, **credentials}).status_code == 400

    # a cross-site post carries no cookie of ours
    with httpx.Client(base_url=str(browser.base_url), follow_redirects=False) as elsewhere:
        response = elsewhere.post("/oauth/authorize", data={**fields, **credentials})
    assert response.status_code == 400 and "location" not in response.headers
    assert "expired" in response.text


@pytest.mark.parametrize(
    "query",
    [
        {"redirect_uri": "https://attacker.example/callback"},
        {"redirect_uri": "http://127.0.0.1:8000/portal/callback/../steal"},
        {"redirect_uri": "http://evil@127.0.0.1:8000/portal/callback"},
        {"client_id": "no-such-client"},
        {"client_id": "bolton-data-team"},  # registered no redirect URI
    ],
)
def test_an_untrusted_redirect_is_never_followed(browser: httpx.Client, query: dict[str, str]) -> None:
    _, challenge = pkce()
    for method in ("GET", "POST"):
        params = authorize_query(challenge) | query
        if method == "GET":
            response = browser.get("/oauth/authorize", params=params)
        else:
            response = browser.post("/oauth/authorize", data={**params, "username": "auditor", "password": "x"})
        assert response.status_code == 400, response.text
        assert "location" not in response.headers
        assert response.headers["content-type"].startswith("text/html")
        assert "This sign-in link cannot be used" in response.text


def test_the_portal_redirects_only_to_the_ports_configured(browser: httpx.Client, identities: DemoIdentities) -> None:
    """The portal is a web client on a known port: a callback on another loopback port is some other program's."""
    _, challenge = pkce()
    for registered in identities.portal_redirect_uris:  # the configured port, on 127.0.0.1 and localhost
        response = sign_in(browser, "auditor", identities.password, challenge, redirect_uri=registered)
        assert response.status_code == 302 and response.headers["location"].startswith(registered + "?")
    for elsewhere in (
        "http://127.0.0.1:8765/portal/callback",
        "http://localhost:8765/portal/callback",
        "http://127.0.0.1/portal/callback",
        "http://[::1]:8000/portal/callback",
    ):
        for method in ("GET", "POST"):
            params = authorize_query(challenge, redirect_uri=elsewhere)
            if method == "GET":
                response = browser.get("/oauth/authorize", params=params)
            else:
                credentials = {"username": "auditor", "password": identities.password}
                response = browser.post("/oauth/authorize", data={**params, **credentials})
            assert response.status_code == 400, (elsewhere, response.text)
            assert "location" not in response.headers
            assert "This sign-in link cannot be used" in response.text


@pytest.mark.parametrize("character", ["\\", '"'])
@pytest.mark.parametrize(
    "parameter",
    ["redirect_uri", "response_type", "scope", "client_id", "state", "code_challenge", "code_challenge_method"],
)
def test_a_backslash_or_quote_in_an_authorization_request_is_a_clear_400(
    browser: httpx.Client, identities: DemoIdentities, parameter: str, character: str
) -> None:
    """Authlib raised (a 500) rather than quote a backslash or a quote in its error description."""
    _, challenge = pkce()
    params = authorize_query(challenge)
    params[parameter] = params.get(parameter, "x") + character
    for method in ("GET", "POST"):
        if method == "GET":
            response = browser.get("/oauth/authorize", params=params)
        else:
            response = browser.post("/oauth/authorize", data={**params, "username": "auditor", "password": "x" * 12})
        assert response.status_code in (200, 302, 400), (method, response.status_code, response.text)
        if parameter in ("redirect_uri", "response_type"):
            assert response.status_code == 400 and "location" not in response.headers, response.text
            assert "This sign-in link cannot be used" in response.text
            assert f"{parameter}: " in response.text and "invalid_request" in response.text
    token = browser.post(
        "/oauth/token",
        data={"grant_type": "authorization_code", "code": "x", "client_id": PORTAL, "redirect_uri": REDIRECT + "\\"},
    )
    oauth_error(token, 400, "invalid_request")


# --------------------------------------------------------------------------
# Client credentials
# --------------------------------------------------------------------------


def _authority_gid(api: Api, code: str) -> str:
    edges = api.gql("{ authorities(first: 50) { edges { node { id code } } } }")["authorities"]["edges"]
    return next(e["node"]["id"] for e in edges if e["node"]["code"] == code)


def test_client_credentials_act_for_bolton_only(api: Api, browser: httpx.Client, identities: DemoIdentities) -> None:
    response = machine_token(browser, identities)
    assert response.status_code == 200, response.text
    token = response.json()
    assert "refresh_token" not in token
    assert set(token["scope"].split()) == set(scopes_for(Role.AUTHORITY_ANALYST))

    viewer = api.gql(VIEWER, token=token["access_token"])["viewer"]
    assert viewer["subject"] == "client:bolton-data-team"
    assert viewer["roles"] == ["AUTHORITY_ANALYST"] and viewer["authority"] == {"code": "E08000001"}

    own = api.gql(CALL_OFFS, token=token["access_token"])["callOffs"]
    assert own["totalCount"] > 0
    assert {e["node"]["authority"]["code"] for e in own["edges"]} == {"E08000001"}
    bolton = {"f": {"authority": _authority_gid(api, "E08000001")}}
    audited = api.gql(CALL_OFFS, bolton, token=api.token(Role.AUDITOR))["callOffs"]["totalCount"]
    assert own["totalCount"] == audited


def test_client_secret_post_and_narrower_scopes(browser: httpx.Client, identities: DemoIdentities) -> None:
    response = browser.post(
        "/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": identities.machine_client_id,
            "client_secret": identities.machine_client_secret,
            "scope": "calloffs:read",
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["scope"] == "calloffs:read"
    oauth_error(machine_token(browser, identities, scope="audit:read"), 400, "invalid_scope")
    oauth_error(machine_token(browser, identities, scope="everything:write"), 400, "invalid_scope")


def test_a_wrong_client_secret_is_401_invalid_client(browser: httpx.Client, identities: DemoIdentities) -> None:
    data = {"grant_type": "client_credentials"}
    basic = browser.post("/oauth/token", data=data, auth=(identities.machine_client_id, "wrong-secret"))
    oauth_error(basic, 401, "invalid_client")
    assert basic.headers["www-authenticate"].startswith("Basic")
    post = browser.post(
        "/oauth/token", data={**data, "client_id": identities.machine_client_id, "client_secret": "wrong-secret"}
    )
    oauth_error(post, 401, "invalid_client")
    unknown = browser.post("/oauth/token", data=data, auth=("no-such-client", "secret"))
    oauth_error(unknown, 401, "invalid_client")


def test_a_public_client_cannot_use_client_credentials(browser: httpx.Client) -> None:
    response = browser.post("/oauth/token", data={"grant_type": "client_credentials", "client_id": PORTAL})
    oauth_error(response, 401, "invalid_client")


def test_token_endpoint_errors_are_rfc6749_json(browser: httpx.Client, identities: DemoIdentities) -> None:
    oauth_error(browser.post("/oauth/token", data={"grant_type": "password"}), 400, "unsupported_grant_type")
    oauth_error(browser.post("/oauth/token", json={"grant_type": "client_credentials"}), 400, "invalid_request")
    oauth_error(
        browser.post("/oauth/token", data={"grant_type": "refresh_token", "client_id": PORTAL}), 400, "invalid_request"
    )
    oauth_error(refresh(browser, "not-a-token"), 400, "invalid_grant")


# --------------------------------------------------------------------------
# Metadata and the tokens themselves
# --------------------------------------------------------------------------


def revoke(browser: httpx.Client, token: str, **data: str) -> httpx.Response:
    return browser.post("/oauth/revoke", data={"token": token, "client_id": PORTAL, **data})


def test_signing_out_revokes_the_refresh_token_and_its_rotations(
    browser: httpx.Client, identities: DemoIdentities
) -> None:
    tokens = tokens_for(browser, identities, "provider.user")
    rotated = refresh(browser, tokens["refresh_token"]).json()
    revoked = revoke(browser, rotated["refresh_token"], token_type_hint="refresh_token")
    assert revoked.status_code == 200, revoked.text
    oauth_error(refresh(browser, rotated["refresh_token"]), 400, "invalid_grant")
    # the sign-in is over: no token of its family refreshes any more, and revoking again changes nothing
    assert revoke(browser, rotated["refresh_token"]).status_code == 200
    other = tokens_for(browser, identities, "provider.user")  # another sign-in is not touched
    assert refresh(browser, other["refresh_token"]).status_code == 200


def test_revocation_is_refused_to_another_client_and_says_nothing_of_unknown_tokens(
    browser: httpx.Client, identities: DemoIdentities
) -> None:
    tokens = tokens_for(browser, identities, "provider.user")
    auth = (identities.machine_client_id, identities.machine_client_secret)
    refused = browser.post("/oauth/revoke", data={"token": tokens["refresh_token"]}, auth=auth)
    oauth_error(refused, 400, "invalid_grant")
    still = refresh(browser, tokens["refresh_token"])  # still valid
    assert still.status_code == 200, still.text
    current = still.json()["refresh_token"]
    assert revoke(browser, "no-such-token").status_code == 200  # RFC 7009 §2.2
    assert revoke(browser, tokens["access_token"], token_type_hint="access_token").status_code == 200
    oauth_error(browser.post("/oauth/revoke", data={"client_id": PORTAL}), 400, "invalid_request")
    assert revoke(browser, current, token_type_hint="id_token").status_code == 200  # an unknown hint is ignored
    oauth_error(refresh(browser, current), 400, "invalid_grant")
    wrong = browser.post("/oauth/revoke", data={"token": "x"}, auth=(identities.machine_client_id, "wrong"))
    oauth_error(wrong, 401, "invalid_client")


def test_the_metadata_document_names_the_endpoints(api: Api, browser: httpx.Client) -> None:
    response = browser.get("/.well-known/oauth-authorization-server")
    assert response.status_code == 200
    meta = response.json()
    issuer = api.app.state.settings.oauth_issuer
    assert meta["issuer"] == issuer
    assert meta["authorization_endpoint"] == f"{issuer}/oauth/authorize"
    assert meta["token_endpoint"] == f"{issuer}/oauth/token"
    assert meta["revocation_endpoint"] == f"{issuer}/oauth/revoke"
    assert set(meta["revocation_endpoint_auth_methods_supported"]) == {
        "client_secret_basic",
        "client_secret_post",
        "none",
    }
    assert meta["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert meta["response_types_supported"] == ["code"]
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert set(meta["grant_types_supported"]) == {"authorization_code", "client_credentials", "refresh_token"}
    assert set(meta["token_endpoint_auth_methods_supported"]) == {"client_secret_basic", "client_secret_post", "none"}
    assert "calloffs:read" in meta["scopes_supported"]


def test_issued_tokens_verify_against_the_published_keys(
    api: Api, browser: httpx.Client, identities: DemoIdentities
) -> None:
    keys = KeySet.import_key_set(browser.get("/.well-known/jwks.json").json())
    settings = api.app.state.settings
    for token in (
        machine_token(browser, identities).json()["access_token"],
        tokens_for(browser, identities, "evaluator-1")["access_token"],
    ):
        decoded = jwt.decode(token, keys, algorithms=["RS256"])
        assert decoded.header["typ"] == "at+jwt" and decoded.header["alg"] == "RS256"
        assert decoded.header["kid"] in {k.kid for k in keys.keys}
        claims = decoded.claims
        assert claims["iss"] == settings.oauth_issuer and claims["aud"] == settings.oauth_audience
        assert claims["exp"] - claims["iat"] == 3600
        assert {"sub", "client_id", "jti", "scope", "roles"} <= set(claims)
        assert isinstance(claims["scope"], str)


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "APP_ENV": "development"}
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _at_once(*runs: Callable[[], subprocess.CompletedProcess[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Commands that do not depend on one another (none writes what another reads), run side by side."""
    with ThreadPoolExecutor(len(runs)) as pool:
        return [future.result() for future in [pool.submit(run) for run in runs]]


async def _add_authority(url: str) -> None:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            session.add(m.Authority(gss_code="E08000001", name="Bolton", role=AuthorityRole.MEMBER, active=True))
            await session.commit()
    finally:
        await engine.dispose()


async def _user(url: str, username: str) -> m.User | None:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return await session.scalar(select(m.User).where(m.User.username == username))
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
def cli_migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite database file migrated by ``python -m api.cli migrate``, once for this module: copy it to use it."""
    path = tmp_path_factory.mktemp("cli-migrated") / "migrated.sqlite3"
    migrated = _cli(f"sqlite:///{path}", "migrate")
    assert migrated.returncode == 0, migrated.stderr
    return path


def _migrated_copy(cli_migrated: Path, tmp_path: Path) -> str:
    """A copy of the migrated database of this test's own; its URL."""
    return f"sqlite:///{shutil.copyfile(cli_migrated, tmp_path / 'cli.sqlite3')}"


def test_the_cli_creates_users_and_clients(cli_migrated: Path, tmp_path: Path) -> None:
    url = _migrated_copy(cli_migrated, tmp_path)
    asyncio.run(_add_authority(url))
    analyst = ("--role", "AUTHORITY_ANALYST", "--authority", "E08000001")

    made = _cli(url, "create-user", "--username", "Bolton.Analyst", "--password", "a-long-password", *analyst)
    assert made.returncode == 0, made.stderr
    user = asyncio.run(_user(url, "bolton.analyst"))
    assert user is not None and user.role is UserRole.AUTHORITY_ANALYST and user.authority_id is not None
    assert user.password_hash.startswith("$argon2id$")
    assert verify_password(user.password_hash, "a-long-password").ok

    no_authority, short = _at_once(  # both refused, so neither writes
        lambda: _cli(url, "create-user", "--username", "x", "--password", "a-long-password", *analyst[:2]),
        lambda: _cli(url, "create-user", "--username", "y", "--password", "short", "--role", "AUDITOR"),
    )
    assert no_authority.returncode != 0 and "--authority" in no_authority.stderr
    assert short.returncode != 0

    machine = _cli(url, "create-client", "--client-id", "bolton-bi", "--name", "Bolton BI", *analyst)
    assert machine.returncode == 0, machine.stderr
    secret = re.search(r"client secret .*: (\S+)", machine.stdout)
    assert secret is not None
    callback = "http://127.0.0.1:9000/portal/callback"
    public = _cli(
        url, "create-client", "--client-id", "portal", "--name", "Portal", "--public", "--redirect-uri", callback
    )
    assert public.returncode == 0, public.stderr
    assert "secret" not in public.stdout

    live = serve(url, tmp_path)
    try:
        with httpx.Client(base_url=live.base_url) as client:
            response = client.post(
                "/oauth/token", data={"grant_type": "client_credentials"}, auth=("bolton-bi", secret.group(1))
            )
            assert response.status_code == 200, response.text
            query = authorize_query(pkce()[1], client_id="portal", redirect_uri=callback)
            page = client.get("/oauth/authorize", params=query)
            assert page.status_code == 200 and "Portal" in page.text
    finally:
        live.stop()


def test_the_cli_token_is_for_the_server_it_names_and_a_wrong_issuer_says_so(api: Api, demo_database: str) -> None:
    """The README's `token` command used to mint for port 8000 whatever the server's port, refused with no hint."""
    settings = api.app.state.settings
    env = {**os.environ, "DATABASE_URL": demo_database, "OAUTH_SIGNING_KEY_FILE": settings.signing_key_file}
    for name in ("APP_ENV", "PORT", "PUBLIC_URL"):
        env.pop(name, None)

    def mint(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "api.cli", "token", "--role", "AUDITOR", *args]
        return subprocess.run(command, cwd=ROOT, env={**env, **extra}, capture_output=True, text=True, timeout=120)

    port = settings.oauth_issuer.rsplit(":", 1)[1]

    default, *others = _at_once(
        mint,
        lambda: mint("--issuer", settings.oauth_issuer),
        lambda: mint(PORT=port),
        lambda: mint(PUBLIC_URL=settings.oauth_issuer),
    )
    assert default.returncode == 0, default.stderr
    assert "http://127.0.0.1:8000" in default.stderr and "--issuer" in default.stderr  # what it is for, on stderr
    refused = api.post(VIEWER, token=default.stdout.strip())
    assert refused.status_code == 401
    message = refused.json()["errors"][0]["message"]
    assert "issued for http://127.0.0.1:8000, not for this server" in message and settings.oauth_issuer in message
    assert "http://127.0.0.1:8000" in refused.headers["www-authenticate"]

    for minted in others:
        assert minted.returncode == 0, minted.stderr
        assert api.gql(VIEWER, token=minted.stdout.strip())["viewer"]["roles"] == ["AUDITOR"]


def test_create_user_documents_its_password_and_needs_no_terminal_to_fail(cli_migrated: Path, tmp_path: Path) -> None:
    url = _migrated_copy(cli_migrated, tmp_path)
    helped = _cli(url, "create-user", "--help")
    assert "--password" in helped.stdout and "12 characters" in " ".join(helped.stdout.split())
    env = {**os.environ, "DATABASE_URL": url, "APP_ENV": "development"}
    no_terminal = subprocess.run(
        [sys.executable, "-m", "api.cli", "create-user", "--username", "x.y", "--role", "AUDITOR"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert no_terminal.returncode != 0
    assert "--password" in no_terminal.stderr and "Traceback" not in no_terminal.stderr, no_terminal.stderr
    assert asyncio.run(_user(url, "x.y")) is None
