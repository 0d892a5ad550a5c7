"""Production settings: no introspection, no IDE, no development tokens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from api.app import create_app
from api.config import Settings
from tests.support import LiveServer

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
