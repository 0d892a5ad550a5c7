"""Signing keys rotate: tokens signed by a previous key stay valid while it is listed."""

from __future__ import annotations

from pathlib import Path

import httpx

from api.app import create_app
from api.auth.actor import Role
from api.auth.tokens import issue_access_token, load_or_create_signing_key
from api.config import Settings
from tests.support import LiveServer


def test_previous_keys_still_verify_and_are_published(demo_database: str, tmp_path: Path) -> None:
    old = load_or_create_signing_key(tmp_path / "old.pem")
    settings = Settings(
        database_url=demo_database,
        signing_key_file=str(tmp_path / "new.pem"),
        previous_signing_key_files=(str(tmp_path / "old.pem"),),
    )
    live = LiveServer(create_app(settings)).start()
    try:
        with httpx.Client(base_url=live.base_url) as http:
            kids = {key["kid"] for key in http.get("/.well-known/jwks.json").json()["keys"]}
            assert kids == {old.kid, live.app.state.signing_key.kid}
            token = issue_access_token(
                old,
                issuer=settings.oauth_issuer,
                audience=settings.oauth_audience,
                subject="s",
                client_id="c",
                roles=[Role.AUDITOR],
                scopes=["calloffs:read"],
            )
            response = http.post(
                "/graphql",
                json={"query": "{ callOffs(first: 1) { totalCount } }"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert response.status_code == 200
            assert response.json()["data"]["callOffs"]["totalCount"] >= 200
    finally:
        live.stop()
