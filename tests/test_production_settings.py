"""Production settings: no introspection, no IDE, no suggestions, no development tokens, no demo, no caching."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from api.app import create_app
from api.auth.actor import Role
from api.auth.scopes import scopes_for
from api.auth.tokens import issue_access_token, load_or_create_signing_key
from api.config import Settings
from db import models as m
from db.engine import create_engine, session_factory
from tests.support import Api, LiveServer, free_port

ROOT = Path(__file__).resolve().parent.parent


def test_production_turns_off_introspection_and_graphiql(demo_database: str, tmp_path: Path) -> None:
    settings = Settings(
        database_url=demo_database,
        environment="production",
        graphiql=False,
        introspection=False,
        signing_key_file=str(tmp_path / "key.pem"),
    )
    live = LiveServer(create_app(settings)).start()
    try:
        with httpx.Client(base_url=live.base_url) as http:
            body = http.post("/graphql", json={"query": "{ __schema { types { name } } }"}).json()
            assert "introspection" in body["errors"][0]["message"].lower()
            ide = http.get("/graphql", headers={"accept": "text/html"})
            assert ide.status_code != 200 or "graphiql" not in ide.text.lower()
            ok = http.post("/graphql", json={"query": "{ authorities(first: 1) { totalCount } }"}).json()
            assert ok["data"]["authorities"]["totalCount"] == 24
    finally:
        live.stop()


def test_settings_follow_the_environment() -> None:
    production = {**os.environ, "APP_ENV": "production", "PORT": "9001"}
    code = (
        "from api.config import Settings; s = Settings.from_env(); print(s.graphiql, s.introspection, s.oauth_issuer)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=production, cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False", "http://127.0.0.1:9001"]


def test_no_development_tokens_in_production(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "APP_ENV": "production",
        "OAUTH_SIGNING_KEY_FILE": str(tmp_path / "k.pem"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    out = subprocess.run(
        [sys.executable, "-m", "api.cli", "token", "--role", "AUDITOR"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0
    assert "production" in out.stderr


def test_an_external_jwks_needs_its_issuer() -> None:
    env = {**os.environ, "OAUTH_JWKS_URL": "https://idp.example.test/jwks"}
    env.pop("OAUTH_ISSUER", None)
    code = "from api.config import Settings; Settings.from_env()"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode != 0 and "OAUTH_ISSUER" in out.stderr
    env["OAUTH_ISSUER"] = "https://idp.example.test"
    env["OAUTH_ROLE_MAP"] = "send-analysts=AUTHORITY_ANALYST"
    code = (
        "from api.config import Settings; s = Settings.from_env(); print(s.external_issuer, dict(s.external_role_map))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "https://idp.example.test {'send-analysts': 'AUTHORITY_ANALYST'}"


# --------------------------------------------------------------------------
# The demo is seeded in development only
# --------------------------------------------------------------------------


def _cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DOCUMENT_DIR": str(tmp_path / "d")}
    for name in ("APP_ENV", "OAUTH_SIGNING_KEY_FILE", "PUBLIC_URL", "PORT"):
        env.pop(name, None)
    return {**env, **extra}


async def _count_rows(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return {
                model.__tablename__: int(await session.scalar(select(func.count()).select_from(model)) or 0)
                for model in (m.Authority, m.Referral, m.User, m.OAuthClient)
            }
    finally:
        await engine.dispose()


@pytest.fixture()
def production_server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """``python -m api.cli serve`` with APP_ENV=production on an empty database: its URL and database URL."""
    port = free_port()
    key = tmp_path / "production-key.pem"
    env = _cli_env(tmp_path, APP_ENV="production", OAUTH_SIGNING_KEY_FILE=str(key), PORT=str(port))
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()[0]
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the production server did not become ready"
            time.sleep(0.2)
        yield base, env["DATABASE_URL"]
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_serve_in_production_never_seeds_the_demo(production_server: tuple[str, str]) -> None:
    """An empty production database stays empty: no fictional children, no published demo passwords."""
    base, database_url = production_server
    body = httpx.post(f"{base}/graphql", json={"query": "{ authorities(first: 1) { totalCount } }"}).json()
    assert body["data"]["authorities"]["totalCount"] == 0
    assert asyncio.run(_count_rows(database_url)) == {
        "authority": 0,
        "referral": 0,
        "user_account": 0,
        "oauth_client": 0,
    }


def test_the_seed_command_refuses_outside_development(tmp_path: Path) -> None:
    for environment in ("production", "staging"):
        env = _cli_env(tmp_path, APP_ENV=environment, OAUTH_SIGNING_KEY_FILE=str(tmp_path / "k.pem"))
        out = subprocess.run(
            [sys.executable, "-m", "api.cli", "seed"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )
        assert out.returncode != 0 and "outside development" in out.stderr, out.stderr
        assert "Traceback" not in out.stderr


# --------------------------------------------------------------------------
# The signing key, and development tokens
# --------------------------------------------------------------------------


def test_production_needs_an_explicitly_configured_signing_key(tmp_path: Path) -> None:
    env = _cli_env(tmp_path, APP_ENV="production", PORT=str(free_port()))
    out = subprocess.run(
        [sys.executable, "-m", "api.cli", "serve"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode != 0
    assert "OAUTH_SIGNING_KEY_FILE" in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert not (tmp_path / "db.sqlite3").exists()  # refused before anything was done
    code = "from api.app import create_app; create_app()"
    app = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    assert app.returncode != 0 and "OAUTH_SIGNING_KEY_FILE" in app.stderr
    # the local document links are signed with a key derived from it: the cleanup job needs it too
    cleanup = subprocess.run(
        [sys.executable, "-m", "api.cli", "cleanup-uploads"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert cleanup.returncode != 0 and "OAUTH_SIGNING_KEY_FILE" in cleanup.stderr, cleanup.stderr
    assert "Traceback" not in cleanup.stderr


def _production_app(database_url: str, key_file: Path, **overrides: object) -> LiveServer:
    settings = Settings(
        database_url=database_url,
        environment="production",
        graphiql=False,
        introspection=False,
        signing_key_file=str(key_file),
        **overrides,  # type: ignore[arg-type]
    )
    return LiveServer(create_app(settings)).start()


VIEWER = "{ viewer { subject } }"


def test_production_refuses_tokens_minted_by_the_development_cli(demo_database: str, tmp_path: Path) -> None:
    """Even signed with the production key itself: the command line's tokens are for development only."""
    key_file = tmp_path / "key.pem"
    key = load_or_create_signing_key(key_file)
    live = _production_app(demo_database, key_file)
    settings: Settings = live.app.state.settings

    def token(client_id: str) -> str:
        return issue_access_token(
            key,
            issuer=settings.oauth_issuer,
            audience=settings.oauth_audience,
            subject="someone",
            client_id=client_id,
            roles=[Role.AUDITOR],
            scopes=scopes_for(Role.AUDITOR),
        )

    try:
        with httpx.Client(base_url=live.base_url) as http:
            refused = http.post(
                "/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {token('dev-cli')}"}
            )
            assert refused.status_code == 401
            assert "development tokens" in refused.json()["errors"][0]["message"]
            accepted = http.post(
                "/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {token('a-real-client')}"}
            )
            assert accepted.status_code == 200 and accepted.json()["data"]["viewer"]["subject"] == "someone"
    finally:
        live.stop()


def test_development_accepts_the_clis_tokens(api: Api) -> None:
    settings: Settings = api.app.state.settings
    token = issue_access_token(
        api.app.state.signing_key,
        issuer=settings.oauth_issuer,
        audience=settings.oauth_audience,
        subject="dev-auditor",
        client_id="dev-cli",
        roles=[Role.AUDITOR],
        scopes=scopes_for(Role.AUDITOR),
    )
    assert api.gql(VIEWER, token=token)["viewer"]["subject"] == "dev-auditor"


# --------------------------------------------------------------------------
# Field suggestions, and caching
# --------------------------------------------------------------------------

# each mistake, and the name a suggestion would give away
MISTAKES = [
    ("{ calOffs(first: 1) { totalCount } }", "'callOffs'"),  # a field
    ("{ authorities(frist: 1) { totalCount } }", "'first'"),  # an argument
    ("query($f: CallOffFilter) { callOffs(first: 1, filter: $f) { totalCount } }", "'authority'"),  # in variables
    ("query($f: CallOfFilter) { callOffs(first: 1, filter: $f) { totalCount } }", "'CallOffFilter'"),  # a type
]
VARIABLES = {"f": {"authorty": "x"}}


def _messages(http: httpx.Client, token: str | None = None) -> list[tuple[str, str]]:
    """Each error message, with the name a suggestion for its mistake would reveal."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    messages = []
    for query, revealed in MISTAKES:
        body = http.post("/graphql", json={"query": query, "variables": VARIABLES}, headers=headers).json()
        assert body["errors"], body
        messages += [(error["message"], revealed) for error in body["errors"]]
    return messages


def test_production_makes_no_field_suggestions(api: Api, demo_database: str, tmp_path: Path) -> None:
    """With introspection off, "Did you mean 'callOffs'?" would still reveal the schema one guess at a time."""
    development = _messages(api.http)
    assert sum(f"Did you mean {revealed}" in message for message, revealed in development) == len(MISTAKES)

    key_file = tmp_path / "key.pem"
    key = load_or_create_signing_key(key_file)
    live = _production_app(demo_database, key_file)
    settings: Settings = live.app.state.settings
    auditor = issue_access_token(
        key,
        issuer=settings.oauth_issuer,
        audience=settings.oauth_audience,
        subject="auditor",
        client_id="tests",
        roles=[Role.AUDITOR],
        scopes=scopes_for(Role.AUDITOR),
    )
    try:
        with httpx.Client(base_url=live.base_url) as http:
            for messages in (_messages(http), _messages(http, auditor)):
                assert len(messages) >= len(MISTAKES)
                assert not [message for message, _ in messages if "Did you mean" in message], messages
                assert not [message for message, revealed in messages if revealed in message], messages
            # the mistake itself is still named
            assert "Cannot query field 'calOffs' on type 'Query'." in [message for message, _ in _messages(http)]
    finally:
        live.stop()


def test_authenticated_responses_are_never_stored(api: Api) -> None:
    """What a token lets its holder read must not stay in a browser or a shared cache for the next person."""
    token = api.token(Role.AUDITOR)
    query = {"query": "{ callOffs(first: 1) { totalCount } }"}
    signed_in = api.http.post("/graphql", json=query, headers={"Authorization": f"Bearer {token}"})
    assert signed_in.status_code == 200 and signed_in.headers["cache-control"] == "no-store"
    as_get = api.http.get("/graphql", params=query, headers={"Authorization": f"Bearer {token}"})
    assert as_get.status_code == 200 and as_get.headers["cache-control"] == "no-store"
    export = api.http.get("/exports/call-offs.csv", headers={"Authorization": f"Bearer {token}"})
    assert export.status_code == 200 and "no-store" in export.headers["cache-control"]  # its own, kept
    public = api.http.post("/graphql", json={"query": "{ authorities(first: 1) { totalCount } }"})
    assert public.status_code == 200 and "no-store" not in public.headers.get("cache-control", "")
