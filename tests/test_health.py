"""Liveness and readiness probes."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.support import Api, serve


def test_healthz_and_readyz_on_a_migrated_database(api: Api) -> None:
    assert api.http.get("/healthz").json() == {"status": "ok"}
    ready = api.http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok"
    assert ready.headers["x-request-id"]


def test_readyz_fails_until_the_database_is_migrated(empty_database: str, tmp_path: Path) -> None:
    live = serve(empty_database, tmp_path)
    try:
        with httpx.Client(base_url=live.base_url) as http:
            assert http.get("/healthz").status_code == 200
            ready = http.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["migration"] is None
    finally:
        live.stop()


def test_request_id_is_echoed_when_sane(api: Api) -> None:
    assert api.http.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"] == "abc-123"
    assert api.http.get("/healthz", headers={"X-Request-ID": "<script>"}).headers["x-request-id"] != "<script>"
