"""Serving the provider portal under ``/portal``: the shell, the runtime, the generated modules and GOV.UK Frontend.

Every path that is not a file is the shell page (``index.html``), so that the portal's own
URLs (``/portal/bids``, ``/portal/callback``) can be bookmarked and reloaded. GOV.UK Frontend
is served from ``portal/node_modules``, installed at build time by ``make portal``; its
stylesheet is adjusted as it is served: asset URLs point under ``/portal``, and the GDS
Transport typeface, which only GOV.UK services may use, gives way to Arial.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, Router
from starlette.staticfiles import StaticFiles

PORTAL_DIR = Path(__file__).resolve().parent
SOURCE_DIR = PORTAL_DIR / "src"
GENERATED_DIR = PORTAL_DIR / "generated"
GOVUK_DIR = PORTAL_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
GOVUK_CSS = "govuk-frontend.min.css"

log = logging.getLogger(__name__)

MISSING_FRONTEND = (
    '<div class="app-missing" role="alert"><strong>GOV.UK Frontend is not installed</strong>: run '
    "<code>make portal</code> (it runs <code>npm ci</code> in <code>portal/</code>) and reload.</div>"
)


def content_security_policy(upload_origins: Sequence[str] = ()) -> str:
    connect = " ".join(["'self'", *upload_origins])
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        f"connect-src {connect}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )


def upload_origins(settings: Any) -> list[str]:
    """Where the browser sends document uploads, besides this server: the S3 endpoint when documents live in S3."""
    if getattr(settings, "document_storage", "local") != "s3":
        return []
    endpoint = getattr(settings, "s3_endpoint_url", None)
    if endpoint:
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}"]
    return ["https://*.amazonaws.com"]


@lru_cache(maxsize=4)
def _stylesheet(path: Path, mtime: float) -> str:
    css = path.read_text(encoding="utf-8")
    css = css.replace("url(/assets/", "url(/portal/govuk/assets/")
    return css.replace("GDS Transport,arial,sans-serif", "arial,sans-serif")


async def govuk_stylesheet(request: Request) -> Response:
    path = GOVUK_DIR / GOVUK_CSS
    if not path.exists():
        return PlainTextResponse("GOV.UK Frontend is not installed: run `make portal`.", status_code=404)
    css = _stylesheet(path, path.stat().st_mtime)
    return Response(css, media_type="text/css", headers={"Cache-Control": "no-cache"})


def portal_app(settings: Any = None, *, generated: Path | None = None) -> Router:
    """The ASGI app to mount at ``/portal``; ``generated`` points at another generator output (tests)."""
    generated = generated or GENERATED_DIR
    csp = content_security_policy(upload_origins(settings))
    shell_file = SOURCE_DIR / "index.html"
    if not GOVUK_DIR.exists():
        log.warning("GOV.UK Frontend is missing from portal/node_modules: run `make portal`")

    async def shell(request: Request) -> Response:
        page = shell_file.read_text(encoding="utf-8")
        if not GOVUK_DIR.exists():
            page = page.replace("<!-- missing-frontend -->", MISSING_FRONTEND)
        headers = {
            "Content-Security-Policy": csp,
            "Cache-Control": "no-cache",
            "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY",
            "X-Content-Type-Options": "nosniff",
        }
        return HTMLResponse(page, headers=headers)

    return Router(
        routes=[
            Route(f"/govuk/{GOVUK_CSS}", govuk_stylesheet, methods=["GET"]),
            Mount("/govuk", app=StaticFiles(directory=GOVUK_DIR, check_dir=False)),
            Mount("/src", app=StaticFiles(directory=SOURCE_DIR)),
            Mount("/generated", app=StaticFiles(directory=generated, check_dir=False)),
            Route("/{path:path}", shell, methods=["GET"]),
        ]
    )
