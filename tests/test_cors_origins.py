"""``CORS_ORIGINS`` is read as origins: a trailing slash is dropped, anything that is not an origin stops start-up.

A browser sends ``Origin: https://fps.example.org``, never with a slash; an
allow-list entry written ``https://fps.example.org/`` used to match nothing,
silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.config import Settings
from tests.support import serve

PORTAL = "https://fps.example.org"
PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}


def test_a_trailing_slash_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", f" {PORTAL}/ , HTTP://LocalHost:5173,http://127.0.0.1:8080/")
    assert Settings.from_env().cors_origins == (PORTAL, "http://localhost:5173", "http://127.0.0.1:8080")


@pytest.mark.parametrize(
    "value",
    [
        f"{PORTAL}/portal",
        f"{PORTAL}/?x=1",
        f"{PORTAL}#top",
        "*",
        "fps.example.org",
        "ftp://fps.example.org",
        "https://someone@fps.example.org",
        "https://fps.example.org:99999",
    ],
)
def test_what_is_not_an_origin_stops_start_up(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CORS_ORIGINS", f"{PORTAL},{value}")
    with pytest.raises(ValueError, match="CORS_ORIGINS") as refused:
        Settings.from_env()
    assert repr(value) in str(refused.value)


@pytest.fixture()
def slashed(demo_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[httpx.Client]:
    monkeypatch.setenv("CORS_ORIGINS", f"{PORTAL}/")
    live = serve(demo_database, tmp_path, cors_origins=Settings.from_env().cors_origins)
    try:
        with httpx.Client(base_url=live.base_url, timeout=30) as http:
            yield http
    finally:
        live.stop()


def test_an_origin_configured_with_a_slash_is_allowed(slashed: httpx.Client) -> None:
    allowed = slashed.options("/graphql", headers={"Origin": PORTAL, **PREFLIGHT})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == PORTAL
    refused = slashed.options("/graphql", headers={"Origin": "https://evil.example.net", **PREFLIGHT})
    assert "access-control-allow-origin" not in refused.headers
