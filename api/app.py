"""The Starlette application: GraphQL, REST probes, and the portal placeholder."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from api.auth.backend import BearerTokenBackend, on_auth_error
from api.auth.tokens import AccessTokenValidator, load_or_create_signing_key, public_jwks
from api.config import Settings
from api.domain.clock import Clock, SystemClock
from api.resolvers.context import Context
from api.rest.health import healthz, readyz
from api.rest.middleware import RequestIdMiddleware, SessionMiddleware
from api.schema import build_schema
from db.engine import create_engine, session_factory


class GraphQLEndpoint(GraphQL):
    """Strawberry's ASGI view, with our per-request context."""

    def __init__(self, *args: Any, clock: Clock, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clock = clock

    async def get_context(self, request: Request, response: Response | None = None) -> Context:  # type: ignore[override]
        return Context(
            session=request.state.session,
            actor=request.user.actor,
            now=self.clock.now(),
            request_id=request.state.request_id,
            response=response,
        )


def create_app(settings: Settings | None = None, *, clock: Clock | None = None) -> Starlette:
    """Build the application. Nothing connects until the first request."""
    settings = settings or Settings.from_env()
    clock = clock or SystemClock()
    engine = create_engine(settings.database_url)
    signing_key = load_or_create_signing_key(settings.signing_key_file)
    validator = AccessTokenValidator(
        issuer=settings.oauth_issuer, audience=settings.oauth_audience, jwks=public_jwks(signing_key)
    )
    schema = build_schema(introspection=settings.introspection, max_depth=settings.max_query_depth)
    graphql = GraphQLEndpoint(schema, clock=clock, graphql_ide="graphiql" if settings.graphiql else None)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await engine.dispose()

    async def jwks(request: Request) -> JSONResponse:
        return JSONResponse(public_jwks(signing_key))

    app = Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/.well-known/jwks.json", jwks, methods=["GET"]),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/portal", portal, methods=["GET"]),
        ],
        middleware=[
            Middleware(RequestIdMiddleware),
            Middleware(AuthenticationMiddleware, backend=BearerTokenBackend(validator), on_error=on_auth_error),
            Middleware(SessionMiddleware, sessions=session_factory(engine)),
        ],
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.signing_key = signing_key
    return app


async def home(request: Request) -> HTMLResponse:
    """A short page saying where everything is."""
    return HTMLResponse(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>North West SEND Flexible Purchasing System</title></head><body>"
        "<h1>North West SEND Flexible Purchasing System</h1><ul>"
        "<li><a href='/graphql'>GraphQL API</a> (GraphiQL in development)</li>"
        "<li><a href='/portal'>Provider portal</a></li>"
        "<li><a href='/healthz'>/healthz</a> and <a href='/readyz'>/readyz</a></li>"
        "</ul></body></html>"
    )


async def portal(request: Request) -> HTMLResponse:
    """Placeholder until the generated provider portal lands."""
    return HTMLResponse(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Provider portal</title></head>"
        "<body><h1>Provider portal</h1><p>The provider portal is generated from the GraphQL schema. "
        "It is not built yet; use the <a href='/graphql'>GraphQL API</a>.</p></body></html>"
    )
