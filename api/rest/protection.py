"""HTTP protections: security headers on every response, and a per-client rate limit.

Security headers are defaults: a response that sets its own (the portal's shell,
the sign-in pages) keeps them. The Content-Security-Policy depends on what is
served: nothing may load for the API's JSON and small pages; the provider
portal loads only its own scripts and styles; GraphiQL, served in development
only, loads from its CDN and runs its one inline script, allowed by hash.

The rate limit counts requests per client: the verified token's client and
subject, or the caller's address when no token is sent (a token that fails
verification counts against the address too). Over the limit a request gets
429 with ``Retry-After``. The counters live in memory by default, so each
process counts on its own; several workers can share ``redis://`` storage
(``RATE_LIMIT_STORAGE_URL``, see the ``limits`` library).
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import time
from collections.abc import Callable, Sequence

from limits import RateLimitItem, parse_many
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string
from starlette.authentication import AuthenticationError
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"
IDE_ORIGIN = "https://unpkg.com"
HSTS = "max-age=31536000"
UNLIMITED_PATHS = frozenset({"/healthz", "/readyz"})
GRAPHQL_PATH = "/graphql"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def ide_policy(html: str) -> str:
    """The policy of the GraphiQL page: its CDN, and its inline scripts by hash (no other inline script runs)."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return (
        f"default-src 'self'; script-src 'self' {IDE_ORIGIN} {hashes}; "
        f"style-src 'self' {IDE_ORIGIN} 'unsafe-inline'; img-src 'self' data: {IDE_ORIGIN}; "
        f"font-src 'self' data: {IDE_ORIGIN}; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'; object-src 'none'"
    )


class SecurityHeadersMiddleware:
    """Adds the security headers a response does not set itself.

    ``Strict-Transport-Security`` is sent when the request came over HTTPS or the
    public URL is HTTPS (TLS ended at a proxy in front).
    """

    def __init__(self, app: ASGIApp, *, portal_policy: str, ide_policy: str | None = None, https: bool = False) -> None:
        self.app = app
        self.portal_policy = portal_policy
        self.ide_policy = ide_policy
        self.https = https

    def policy(self, path: str, content_type: str) -> str:
        if path == "/portal" or path.startswith("/portal/"):
            return self.portal_policy
        if path == GRAPHQL_PATH and content_type.startswith("text/html") and self.ide_policy:
            return self.ide_policy
        return API_POLICY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = self.https or scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
                headers.setdefault(
                    "Content-Security-Policy", self.policy(scope["path"], headers.get("content-type", ""))
                )
                if https:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RateLimit:
    """Per-client request limits, e.g. ``"1000/second;30000/minute"``, in a sliding window."""

    def __init__(self, limits: str, storage_url: str = "async+memory://") -> None:
        self.items: Sequence[RateLimitItem] = parse_many(limits)
        self.limiter = SlidingWindowCounterRateLimiter(storage_from_string(storage_url))

    async def hit(self, key: str) -> int | None:
        """Count one request of ``key``; the seconds to wait when it is over a limit, else ``None``."""
        for item in self.items:
            if not await self.limiter.hit(item, key):
                stats = await self.limiter.get_window_stats(item, key)
                return max(1, math.ceil(stats.reset_time - time.time()))
        return None

    @staticmethod
    def key(scope: Scope) -> str:
        """The verified client and subject of the token, or the caller's address."""
        user = scope.get("user")
        actor = getattr(user, "actor", None)
        if actor is not None and actor.is_authenticated:
            return f"token:{actor.client_id or ''}:{actor.subject}"
        client = scope.get("client")
        return f"address:{client[0] if client else 'unknown'}"


def too_many_requests(path: str, retry_after: int) -> JSONResponse:
    """429 with ``Retry-After``: a GraphQL error on ``/graphql``, the REST side's error object elsewhere."""
    message = f"Too many requests from this client: try again in {retry_after} s."
    headers = {"Retry-After": str(retry_after), "Cache-Control": "no-store"}
    if path == GRAPHQL_PATH:
        body: dict[str, object] = {
            "errors": [{"message": message, "extensions": {"code": "RATE_LIMITED", "retryAfter": retry_after}}]
        }
    else:
        body = {"error": "RATE_LIMITED", "message": message}
    return JSONResponse(body, status_code=429, headers=headers)


class RateLimitMiddleware:
    """Refuses a client's requests over the limit. Sits after authentication, which names the client."""

    def __init__(self, app: ASGIApp, *, rate_limit: RateLimit) -> None:
        self.app = app
        self.rate_limit = rate_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNLIMITED_PATHS:
            await self.app(scope, receive, send)
            return
        retry_after = await self.rate_limit.hit(RateLimit.key(scope))
        if retry_after is not None:
            await too_many_requests(scope["path"], retry_after)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def counting_failed_authentication(
    on_error: Callable[[HTTPConnection, AuthenticationError], Response], rate_limit: RateLimit | None
) -> Callable[[HTTPConnection, AuthenticationError], Response]:
    """Wraps the authentication error handler so that refused tokens count against the caller's address."""
    if rate_limit is None:
        return on_error

    def handle(conn: HTTPConnection, exc: AuthenticationError) -> Response:
        return _CountedRefusal(on_error(conn, exc), rate_limit)

    return handle


class _CountedRefusal(Response):
    """The refusal of a bad token, sent as 429 instead once the address is over its limit."""

    def __init__(self, refusal: Response, rate_limit: RateLimit) -> None:
        self.refusal = refusal
        self.rate_limit = rate_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        retry_after = await self.rate_limit.hit(RateLimit.key({"client": scope.get("client")}))
        response = self.refusal if retry_after is None else too_many_requests(scope["path"], retry_after)
        await response(scope, receive, send)
