"""The Starlette application: GraphQL, the REST side, and the provider portal."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import re
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from strawberry.asgi import GraphQL
from strawberry.http.base import HTTPException  # the one strawberry's view answers with its status

from api.auth.backend import BearerTokenBackend, NoStoreForAuthenticatedCallers, on_auth_error
from api.auth.external import ClaimMapping, ExternalIssuer
from api.auth.password_reset import ResetPolicy
from api.auth.throttle import SignInThrottle, ThrottlePolicy
from api.auth.tokens import (
    DEV_CLI_CLIENT_ID,
    AccessTokenValidator,
    load_or_create_signing_key,
    load_signing_key,
    public_jwks,
)
from api.config import Settings
from api.delivery import email_channel, webhook_channel
from api.delivery.find_a_tender import find_a_tender_channels
from api.domain import notifications, webhooks
from api.domain.audit import DIGEST_KEY, digest_key
from api.domain.clock import Clock, SystemClock
from api.domain.documents import DocumentRules
from api.domain.notification_kinds import Kind
from api.domain.relay import Relay, RelayPolicy
from api.resolvers.context import Context
from api.rest import documents, exports, imports, ocds, pages
from api.rest.health import database_unavailable, healthz, readyz
from api.rest.invitations import InvitationPages
from api.rest.middleware import RequestIdMiddleware, SessionMiddleware
from api.rest.oauth import OAuthEndpoints
from api.rest.password_reset import PasswordResetPages
from api.rest.protection import (
    RateLimit,
    RateLimitMiddleware,
    SecurityHeadersMiddleware,
    counting_failed_authentication,
    ide_policy,
)
from api.rest.storage import KeyRoute, receive_upload, serve_object
from api.rest.verification import VerificationPages
from api.schema import build_schema
from api.storage import DocumentStorage, storage_from_settings
from db.engine import Timeouts, create_engine, session_factory
from portal.server import content_security_policy, portal_app, upload_origins

# graphql-core's "Did you mean 'callOffs'?" (validation, variables, execution): names never hold a '?'
_SUGGESTION = re.compile(r" Did you mean [^?]*\?")


class GraphQLEndpoint(GraphQL):
    """Strawberry's ASGI view, with our per-request context; without field suggestions when ``suggestions`` is off."""

    def __init__(self, *args: Any, clock: Clock, suggestions: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clock = clock
        self.suggestions = suggestions

    async def process_result(self, request: Request, result: Any) -> Any:
        """Suggestions name fields and types: with introspection off in production, they would reveal the schema."""
        body = await super().process_result(request, result)
        if not self.suggestions and isinstance(body, dict):
            for error in body.get("errors") or ():
                if isinstance(error.get("message"), str):
                    error["message"] = _SUGGESTION.sub("", error["message"])
        return body

    def should_render_graphql_ide(self, request: Any) -> bool:
        """The IDE for a browser asking for HTML with no URL parameters at all; anything else is a GraphQL request."""
        return request.method == "GET" and not request.query_params and "text/html" in request.headers.get("accept", "")

    def decode_json(self, data: str | bytes) -> object:
        """The request's JSON: UTF-8 only (RFC 8259), and a clear 400 for nesting too deep to parse."""
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise HTTPException(400, "The request body is not UTF-8: send JSON encoded as UTF-8") from None
        try:
            decoded = json.loads(data)
        except RecursionError:
            raise HTTPException(400, "The request body is nested too deeply to be read as JSON") from None
        if not isinstance(decoded, dict | list):
            raise HTTPException(400, "Expected a JSON object: the request, or its variables")
        return decoded

    async def parse_http_body(self, request: Any) -> Any:
        """Strawberry's reading of the request, with ``operationName`` held to a string or null like the rest."""
        data = await super().parse_http_body(request)
        if not isinstance(getattr(data, "operation_name", None), str | None):
            raise HTTPException(400, "The GraphQL operation's `operationName` must be a string or null, if provided.")
        return data

    async def get_context(self, request: Request, response: Response | None = None) -> Context:  # type: ignore[override]
        return Context(
            session=request.state.session,
            actor=request.user.actor,
            now=self.clock.now(),
            request_id=request.state.request_id,
            response=response,
            storage=request.app.state.storage,
            document_rules=request.app.state.document_rules,
            public_url=request.app.state.settings.public_url,
        )


def _tell_locked(clock: Clock) -> Any:
    """The throttle's hook on a lock: e-mail the account's owner when it ends and how to unlock it now."""

    async def tell(session: Any, user: Any, locked_until: Any) -> None:
        await notifications.notify(
            session,
            now=clock.now(),
            kind=Kind.ACCOUNT_LOCKED,
            to=notifications.To.user(user.id),
            subject_type="User",
            subject_id=user.id,
            payload={"name": user.display_name, "username": user.username, "unlocksAt": locked_until.isoformat()},
        )

    return tell


def create_app(
    settings: Settings | None = None, *, clock: Clock | None = None, storage: DocumentStorage | None = None
) -> Starlette:
    """Build the application. Nothing connects until the first request."""
    settings = settings or Settings.from_env()
    if problems := settings.production_problems():
        raise ValueError("; ".join(problems))
    clock = clock or SystemClock()
    signing_key = load_or_create_signing_key(settings.signing_key_file)
    storage = storage or document_storage(settings)
    rules = DocumentRules.with_overrides(
        dict(settings.document_max_bytes),
        upload_ttl=settings.upload_url_ttl,
        download_ttl=settings.download_url_ttl,
    )
    engine = create_engine(
        settings.database_url,
        timeouts=Timeouts(
            connect=settings.database_connect_timeout,
            statement=settings.database_statement_timeout,
            pool=settings.database_pool_timeout,
        ),
    )
    sessions = session_factory(engine)
    # digests of secret content in the audit trail are keyed with a secret derived from the signing key
    verification_keys = [signing_key, *(load_signing_key(path) for path in settings.previous_signing_key_files)]
    # webhook secrets are kept encrypted with keys derived from the signing keys (the current one first)
    private_pems = [key.as_pem(private=True) for key in verification_keys]
    sessions.configure(
        info={
            DIGEST_KEY: digest_key(signing_key.as_pem(private=True)),
            webhooks.CONFIG: webhooks.configured(settings, private_pems),
        }
    )
    validator = AccessTokenValidator(
        issuer=settings.oauth_issuer,
        audience=settings.oauth_audience,
        jwks=public_jwks(*verification_keys),
        refused_client_ids=[DEV_CLI_CLIENT_ID] if settings.is_production else [],
    )
    schema = build_schema(
        introspection=settings.introspection, max_depth=settings.max_query_depth, max_cost=settings.max_query_cost
    )
    graphql = GraphQLEndpoint(
        schema,
        clock=clock,
        graphql_ide="graphiql" if settings.graphiql else None,
        suggestions=not settings.is_production,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Everything loaded so far lives as long as the process: keep the
        # collector from walking it again on every full collection.
        gc.freeze()
        # A GraphQL request allocates tens of thousands of short-lived objects (several per
        # field of every row): collect the youngest generation every 20,000 allocations
        # rather than 700. Measured: 10 to 15% less CPU per request (bench/RESULTS.md).
        gc.set_threshold(20_000, 10, 10)
        # The notification relay, in this process unless NOTIFY_RELAY=off (production runs `api.cli worker`).
        stop, task = asyncio.Event(), None
        if settings.notify_relay:
            relay = Relay(
                sessions,
                {
                    "EMAIL": email_channel(settings),
                    "WEBHOOK": webhook_channel(settings),
                    **find_a_tender_channels(settings),  # notices, only when FIND_A_TENDER_URL is set
                },
                RelayPolicy.from_settings(settings),
                reminders_every=settings.notify_reminder_seconds,
                app_clock=clock,  # reminders are due by the domain's clock; the relay's retries by the real one
            )
            task = asyncio.create_task(relay.run(stop), name="notification-relay")
        yield
        stop.set()
        if task is not None:
            try:
                await asyncio.wait_for(task, settings.notify_delivery_timeout + 5)
            except TimeoutError:
                pass  # cancelled by wait_for; its claimed rows go back to the outbox when their lease ends
        await engine.dispose()

    async def jwks(request: Request) -> JSONResponse:
        return JSONResponse(public_jwks(*verification_keys))

    oauth = OAuthEndpoints(
        signing_key=signing_key,
        issuer=settings.oauth_issuer,
        audience=settings.oauth_audience,
        throttle=SignInThrottle(sessions, ThrottlePolicy.from_settings(settings), on_lock=_tell_locked(clock)),
    )
    reset_pages = PasswordResetPages(signing_key=signing_key, policy=ResetPolicy.from_settings(settings))
    rate_limit = RateLimit(settings.rate_limit, settings.rate_limit_storage_url) if settings.rate_limit else None

    app = Starlette(
        routes=[
            Route("/", pages.start, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/.well-known/jwks.json", jwks, methods=["GET"]),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Mount("/portal", app=portal_app(settings)),
            Route("/documents/{id}/download", documents.download, methods=["GET"]),
            Route("/exports/call-offs.csv", exports.call_offs, methods=["GET"]),
            Route("/exports/spend.csv", exports.spend, methods=["GET"]),
            Route("/exports/placements-census.csv", exports.placements_census, methods=["GET"]),
            Route("/exports/invoices.csv", exports.approved_invoices, methods=["GET"]),
            Route("/imports/placements", imports.placements, methods=["POST"]),
            Route("/ocds/releases", ocds.releases, methods=["GET"]),
            Route("/ocds/records/{ocid}", ocds.record, methods=["GET"]),
            Route("/oauth/token", oauth.token, methods=["POST"]),
            Route("/oauth/revoke", oauth.revoke, methods=["POST"]),
            Route("/oauth/authorize", oauth.authorize, methods=["GET", "POST"]),
            Route("/.well-known/oauth-authorization-server", oauth.metadata, methods=["GET"]),
            Route("/invitations/{token}", InvitationPages(signing_key=signing_key).page, methods=["GET", "POST"]),
            Route("/verify-email/{token}", VerificationPages(signing_key=signing_key).page, methods=["GET", "POST"]),
            Route("/password-reset", reset_pages.request, methods=["GET", "POST"]),
            Route("/password-reset/{token}", reset_pages.reset, methods=["GET", "POST"]),
            Route("/accessibility", pages.accessibility, methods=["GET"]),
            Route("/privacy", pages.privacy, methods=["GET"]),
            Route("/storage/uploads", receive_upload, methods=["POST"]),
            KeyRoute("/storage/objects/{key}", serve_object, methods=["GET"]),
        ],
        middleware=[
            Middleware(RequestIdMiddleware),
            *protection_middleware(settings, graphql, rate_limit),
            Middleware(
                AuthenticationMiddleware,
                backend=BearerTokenBackend(validator, external_issuer(settings, sessions)),
                on_error=counting_failed_authentication(on_auth_error, rate_limit),
            ),
            Middleware(NoStoreForAuthenticatedCallers),
            *([Middleware(RateLimitMiddleware, rate_limit=rate_limit)] if rate_limit else []),
            Middleware(SessionMiddleware, sessions=sessions),
        ],
        lifespan=lifespan,
        exception_handlers={ConnectionError: database_unavailable, DBAPIError: database_unavailable},
    )
    app.state.engine = engine
    app.state.clock = clock
    app.state.storage = storage
    app.state.document_rules = rules
    app.state.settings = settings
    app.state.signing_key = signing_key
    return app


def protection_middleware(settings: Settings, graphql: GraphQL, rate_limit: RateLimit | None) -> list[Middleware]:
    """Security headers on every response, and CORS for the allowed origins only (none by default)."""
    middleware = [
        Middleware(
            SecurityHeadersMiddleware,
            portal_policy=content_security_policy(upload_origins(settings)),
            ide_policy=ide_policy(graphql.graphql_ide_html) if settings.graphiql else None,
            https=settings.public_url.startswith("https://"),
        )
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
                expose_headers=["X-Request-ID", "Retry-After", "Content-Disposition", "WWW-Authenticate"],
                allow_credentials=False,
                max_age=600,
            )
        )
    return middleware


def document_storage(settings: Settings) -> DocumentStorage:
    """The document storage the settings choose, keyed from the app's signing key."""
    signing_key = load_or_create_signing_key(settings.signing_key_file)
    return storage_from_settings(settings, private_key_pem=signing_key.as_pem(private=True))


def external_issuer(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> ExternalIssuer | None:
    """The external identity provider whose tokens are accepted, if one is configured."""
    if not (settings.external_issuer and settings.external_jwks_url):
        return None
    mapping = ClaimMapping(
        roles=settings.external_roles_claim,
        scope=settings.external_scope_claim,
        authority=settings.external_authority_claim,
        provider=settings.external_provider_claim,
        role_map=dict(settings.external_role_map),
    )
    return ExternalIssuer(
        issuer=settings.external_issuer,
        audience=settings.oauth_audience,
        jwks_url=settings.external_jwks_url,
        mapping=mapping,
        sessions=sessions,
    )
