"""The REST side and its OpenAPI description stay in step."""

from __future__ import annotations

from pathlib import Path

import yaml
from starlette.routing import Route

from api.app import create_app
from api.config import Settings

ROOT = Path(__file__).resolve().parent.parent
HTML_PAGES = {"/", "/portal", "/accessibility", "/privacy"}  # pages for people, not the API


def test_every_rest_route_is_described(tmp_path: Path) -> None:
    spec = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())
    app = create_app(
        Settings(database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}", signing_key_file=str(tmp_path / "k.pem"))
    )
    routes = {r.path for r in app.routes if isinstance(r, Route)} - HTML_PAGES
    assert routes == set(spec["paths"])
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            assert operation.get("description"), path


def test_every_route_allows_exactly_the_described_methods(tmp_path: Path) -> None:
    """What a 405's Allow header names (HEAD aside, which Starlette adds to GET) is what the description lists."""
    spec = yaml.safe_load((ROOT / "openapi" / "openapi.yaml").read_text())
    app = create_app(
        Settings(database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}", signing_key_file=str(tmp_path / "k.pem"))
    )
    for route in app.routes:
        if isinstance(route, Route) and route.path in spec["paths"]:
            assert set(route.methods or ()) - {"HEAD"} == {m.upper() for m in spec["paths"][route.path]}, route.path
