"""Command line: migrate, seed the demo, serve, add and unlock users, add clients, mint a development token,
export the schema, verify the audit trail, deliver notifications (``worker``) and retry failed ones.

Run ``python -m api.cli --help``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from api.config import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from api.auth.demo import DemoIdentities
    from db.enums import UserRole

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def _settings() -> Settings:
    """The settings from the environment; a configuration mistake exits with its message, not a traceback."""
    try:
        return Settings.from_env()
    except ValueError as exc:
        sys.exit(f"configuration error: {exc}")


def _engine(settings: Settings):  # type: ignore[no-untyped-def]
    from db.engine import create_engine

    return create_engine(settings.database_url)


async def _migrate(settings: Settings) -> None:
    from db.migrate import upgrade

    engine = _engine(settings)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


async def _seed(settings: Settings, today: dt.date) -> bool:
    from api.domain import notices
    from db.demo import database_is_empty, seed_demo
    from db.engine import session_factory

    engine = _engine(settings)
    try:
        async with session_factory(engine)() as session:
            if not await database_is_empty(session):
                return False
            await seed_demo(session, today=today)
            # the demo's dynamic market was set up by the seed, not by createPurchasingSystem: its intention notice
            await notices.announce_intended_markets(session, now=dt.datetime.now(dt.UTC))
            await session.commit()
            return True
    finally:
        await engine.dispose()


def cmd_migrate(args: argparse.Namespace) -> None:
    asyncio.run(_migrate(_settings()))
    print("database migrated to head")


def cmd_seed(args: argparse.Namespace) -> None:
    settings = _settings()
    if not settings.is_development:
        sys.exit(f"refusing to seed the fictional demo outside development (APP_ENV={settings.environment})")
    created = asyncio.run(_seed(settings, args.today))
    print("demo data seeded" if created else "database already has data; demo not seeded")
    if created:
        asyncio.run(_demo_identities(settings, args.port, seed=True))
        print("demo users and OAuth clients seeded (development only)")


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from api.app import create_app

    settings = _settings()
    if problems := settings.production_problems():
        sys.exit("configuration error: " + "; ".join(problems))
    asyncio.run(_migrate(settings))
    identities = None
    # The fictional demo (children included) and its published passwords: development only, never elsewhere.
    if settings.is_development:
        seeded = asyncio.run(_seed(settings, dt.date.today()))
        if seeded:
            print("Seeded the North West demo data.")
        identities = asyncio.run(_demo_identities(settings, args.port, seed=seeded))
    base = f"http://{args.host}:{args.port}"
    print(
        f"\nNorth West SEND FPS is running:\n"
        f"  GraphQL API  {base}/graphql" + ("  (GraphiQL: open it in a browser)" if settings.graphiql else "") + "\n"
        f"  Portal       {base}/portal/  (the provider portal)\n"
        f"  Liveness     {base}/healthz\n"
        f"  Readiness    {base}/readyz\n"
        + (
            f"  A token for the demo: PORT={args.port} python -m api.cli token --role AUTHORITY_COMMISSIONER "
            "--authority E06000049\n"
            if identities is not None
            else ""
        ),
        flush=True,
    )
    if identities is not None:
        print(_demo_sign_in(identities, base), flush=True)
    _configure_logging()
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")


def cmd_token(args: argparse.Namespace) -> None:
    """Mint a development access token signed with the local key."""
    from api.auth.actor import Role
    from api.auth.scopes import scopes_for
    from api.auth.tokens import DEV_CLI_CLIENT_ID, issue_access_token, load_or_create_signing_key

    settings = _settings()
    if settings.is_production:
        sys.exit("refusing to mint development tokens in production")
    role = Role(args.role)
    issuer = args.issuer or settings.oauth_issuer
    authority_id, provider_id, board_id = asyncio.run(_tenancy(settings, args.authority, args.provider, args.board))
    # on stderr, so that TOKEN=$(…) keeps only the token
    print(
        f"a token for the server at {issuer} (signed with {settings.signing_key_file}); a server elsewhere refuses it:"
        " set PORT or PUBLIC_URL as for that server, or give --issuer",
        file=sys.stderr,
    )
    token = issue_access_token(
        load_or_create_signing_key(settings.signing_key_file),
        issuer=issuer,
        audience=settings.oauth_audience,
        subject=args.subject or f"dev-{role.value.lower()}",
        client_id=DEV_CLI_CLIENT_ID,
        roles=[role],
        scopes=scopes_for(role),
        authority_id=authority_id,
        provider_id=provider_id,
        board_id=board_id,
    )
    print(token)


async def _tenancy(
    settings: Settings, gss_code: str | None, provider_name: str | None, ods_code: str | None = None
) -> tuple[int | None, int | None, int | None]:
    from sqlalchemy import select

    from db import models as m
    from db.engine import session_factory

    engine = _engine(settings)
    try:
        async with session_factory(engine)() as session:
            authority_id = provider_id = None
            if gss_code:
                authority_id = await session.scalar(select(m.Authority.id).where(m.Authority.gss_code == gss_code))
                if authority_id is None:
                    sys.exit(f"no authority with GSS code {gss_code}")
            if provider_name:
                provider_id = await session.scalar(
                    select(m.Provider.id).where(m.Provider.legal_name.ilike(f"%{provider_name}%")).limit(1)
                )
                if provider_id is None:
                    sys.exit(f"no provider whose name contains {provider_name!r}")
            return authority_id, provider_id, await _board_id(session, ods_code)
    finally:
        await engine.dispose()


def cmd_cleanup_uploads(args: argparse.Namespace) -> None:
    """Delete pending uploads whose link expired, and their files. Safe to run repeatedly."""
    from api.app import document_storage
    from api.domain.documents import expire_pending_uploads
    from db.engine import session_factory

    settings = _settings()
    if problems := settings.production_problems():  # the local backend's keys derive from the signing key
        sys.exit("configuration error: " + "; ".join(problems))

    async def run() -> int:
        engine = _engine(settings)
        try:
            async with session_factory(engine)() as session:
                removed = await expire_pending_uploads(
                    session, now=dt.datetime.now(dt.UTC), storage=document_storage(settings)
                )
                await session.commit()
                return removed
        finally:
            await engine.dispose()

    print(f"removed {asyncio.run(run())} expired pending upload(s)")


AUDIT_INTACT, AUDIT_BROKEN, AUDIT_UNREADABLE = 0, 1, 2
"""Exit codes of ``verify-audit``."""


def cmd_verify_audit(args: argparse.Namespace) -> None:
    """Check the audit trail's hash chain; exit 1 with a report when any event was altered, deleted or reordered."""
    from api.domain.audit import inspect_chain
    from db.engine import session_factory

    settings = _settings()

    async def run():  # type: ignore[no-untyped-def]
        engine = _engine(settings)
        try:
            async with session_factory(engine)() as session:
                return await inspect_chain(session, anchors=args.anchor or ())
        finally:
            await engine.dispose()

    try:
        report = asyncio.run(run())
    except Exception as exc:  # unreachable, not migrated, …: say so, and do not claim the trail is intact
        print(f"verify-audit: cannot read the audit trail: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(AUDIT_UNREADABLE)
    head = f"head event {report.head_id}, hash {report.head_hash}" if report.head_id is not None else "no events yet"
    if report.intact:
        anchored = f"; {len(args.anchor)} anchor(s) found" if args.anchor else ""
        print(f"audit trail intact: {report.events} event(s), {head}{anchored}")
        print("record the head hash elsewhere; later, `verify-audit --anchor HASH` proves nothing up to it changed")
        return
    print(f"AUDIT TRAIL BROKEN: {len(report.problems)} problem(s) in {report.events} event(s), {head}:")
    shown = report.problems[: args.max_problems]
    for problem in shown:
        print(f"  {problem}")
    if len(report.problems) > len(shown):
        print(f"  … and {len(report.problems) - len(shown)} more")
    sys.exit(AUDIT_BROKEN)


def _configure_logging() -> None:
    """INFO lines of our own loggers (``api.*``: sent, retried, failed notifications) on stderr."""
    import logging

    if not logging.getLogger().handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("api").setLevel(logging.INFO)


def cmd_worker(args: argparse.Namespace) -> None:
    """Deliver notifications until stopped (SIGTERM or Ctrl-C): the relay, apart from the API's workers."""
    import signal

    from api.auth.tokens import load_or_create_signing_key, load_signing_key
    from api.delivery import email_channel, webhook_channel
    from api.delivery.find_a_tender import find_a_tender_channels
    from api.domain import webhooks
    from api.domain.relay import Relay, RelayPolicy
    from db.engine import session_factory

    settings = _settings()
    _configure_logging()
    # webhook secrets are opened with keys derived from the server's signing keys, as the server does
    keys = [
        load_or_create_signing_key(settings.signing_key_file),
        *(load_signing_key(path) for path in settings.previous_signing_key_files),
    ]

    async def run() -> int:
        engine = _engine(settings)
        sessions = session_factory(engine)
        sessions.configure(
            info={webhooks.CONFIG: webhooks.configured(settings, [key.as_pem(private=True) for key in keys])}
        )
        relay = Relay(
            sessions,
            {
                "EMAIL": email_channel(settings),
                "WEBHOOK": webhook_channel(settings),
                **find_a_tender_channels(settings),  # notices, only when FIND_A_TENDER_URL is set
            },
            RelayPolicy.from_settings(settings),
            name=args.name,
            reminders_every=settings.notify_reminder_seconds,
        )
        try:
            if args.once:  # the reminders due now, then every notification due
                await relay.write_reminders(force=True)
                return await relay.drain()
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            await relay.run(stop)
            return 0
        finally:
            await engine.dispose()

    handled = asyncio.run(run())
    if args.once:
        print(f"handled {handled} notification(s)")


def cmd_retry_notifications(args: argparse.Namespace) -> None:
    """Make FAILED notifications pending again (all of them, or those named by id)."""
    from api.domain.notifications import retry_failed, unretryable_failed
    from db.engine import session_factory

    settings = _settings()

    async def run() -> tuple[int, list[int]]:
        engine = _engine(settings)
        try:
            async with session_factory(engine)() as session:
                stale = await unretryable_failed(session, ids=args.id or None)
                count = await retry_failed(session, now=dt.datetime.now(dt.UTC), ids=args.id or None)
                await session.commit()
                return count, stale
        finally:
            await engine.dispose()

    count, stale = asyncio.run(run())
    print(f"{count} failed notification(s) will be tried again")
    if stale:
        print(
            f"{len(stale)} not retried, their one-time link erased when they failed "
            f"(ask for a new link instead): {', '.join(map(str, stale))}"
        )


def cmd_export_schema(args: argparse.Namespace) -> None:
    from api.schema import schema

    text = str(schema) + "\n"
    if args.check:
        if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text() != text:
            sys.exit("schema.graphql is out of date: run `python -m api.cli export-schema`")
        print("schema.graphql is up to date")
        return
    SCHEMA_FILE.write_text(text)
    print(f"wrote {SCHEMA_FILE.name}")


# --------------------------------------------------------------------------
# Built-in identities: demo users and clients, create-user, create-client
# --------------------------------------------------------------------------


async def _demo_identities(settings: Settings, port: int, *, seed: bool) -> DemoIdentities | None:
    """Seed the demo identities (``seed``), or describe them if an earlier run seeded them."""
    from sqlalchemy import select

    from api.auth.demo import MACHINE_CLIENT_ID, demo_identities, point_demo_portal_at, seed_demo_identities
    from db import models as m
    from db.engine import session_factory

    engine = _engine(settings)
    try:
        async with session_factory(engine)() as session:
            if seed:
                identities = await seed_demo_identities(session, port=port)
                await session.commit()
                return identities
            known = await session.scalar(select(m.OAuthClient.id).where(m.OAuthClient.client_id == MACHINE_CLIENT_ID))
            if not known:
                return None
            await point_demo_portal_at(session, port)  # redirect URIs match exactly, port included
            await session.commit()
            return demo_identities(port)
    finally:
        await engine.dispose()


def _demo_sign_in(identities: DemoIdentities, base: str) -> str:
    """How to get a token in the demo; printed in development only."""
    users = ", ".join(user.username for user in identities.users)
    client_id, secret = identities.machine_client_id, identities.machine_client_secret
    authorize = (
        f"{base}/oauth/authorize?response_type=code&client_id={identities.portal_client_id}"
        f"&redirect_uri={base}/portal/callback&code_challenge=<S256 of your code_verifier>&code_challenge_method=S256"
    )
    return (
        "Demo identities (development only; never use these in production):\n"
        f"  Machine client {client_id} (Bolton analyst), client credentials:\n"
        f"    curl -s -u {client_id}:{secret} -d grant_type=client_credentials {base}/oauth/token\n"
        f"  Provider portal: open {base}/portal/ and sign in as provider.user, password {identities.password!r}\n"
        f"  Portal users, password {identities.password!r}: {users}\n"
        f"    they sign in to the public client {identities.portal_client_id} (authorization code with PKCE S256):\n"
        f"    {authorize}\n"
        f"  Authorization server metadata: {base}/.well-known/oauth-authorization-server\n"
    )


async def _identity_tenancy(
    session: AsyncSession, role: UserRole, gss_code: str | None, provider_name: str | None
) -> tuple[int | None, int | None]:
    """The authority and provider ids a user or machine client acts for; exits on a bad combination."""
    from sqlalchemy import func, select

    from db import models as m
    from db.enums import UserRole

    authority_roles = (UserRole.AUTHORITY_COMMISSIONER, UserRole.AUTHORITY_ANALYST, UserRole.AUTHORITY_FINANCE)
    if role in authority_roles and not gss_code:
        sys.exit(f"{role.value} acts for one authority: give --authority GSS_CODE")
    if role is UserRole.PROVIDER_USER and not provider_name:
        sys.exit("PROVIDER_USER acts for one provider: give --provider NAME")
    if provider_name and role is not UserRole.PROVIDER_USER:
        sys.exit("--provider is only for the PROVIDER_USER role")
    if gss_code and role not in (UserRole.LEAD_ADMIN, *authority_roles):
        sys.exit(f"--authority is not used by the {role.value} role")
    authority_id = provider_id = None
    if gss_code:
        authority_id = await session.scalar(select(m.Authority.id).where(m.Authority.gss_code == gss_code))
        if authority_id is None:
            sys.exit(f"no authority with GSS code {gss_code}")
    if provider_name:
        exact = func.lower(m.Provider.legal_name) == provider_name.lower()
        rows = (await session.execute(select(m.Provider.id, m.Provider.legal_name).where(exact))).all()
        if not rows:
            like = m.Provider.legal_name.ilike(f"%{provider_name}%")
            rows = (await session.execute(select(m.Provider.id, m.Provider.legal_name).where(like).limit(6))).all()
        if not rows:
            sys.exit(f"no provider whose name contains {provider_name!r}")
        if len(rows) > 1:
            names = "; ".join(name for _, name in rows[:5])
            sys.exit(f"{provider_name!r} matches more than one provider ({names}): give the full legal name")
        provider_id = rows[0][0]
    return authority_id, provider_id


async def _board_id(session: AsyncSession, ods_code: str | None) -> int | None:
    """The integrated care board with this ODS code; exits when there is none."""
    from sqlalchemy import select

    from db import models as m

    if not ods_code:
        return None
    board_id = await session.scalar(
        select(m.IntegratedCareBoard.id).where(m.IntegratedCareBoard.ods_code == ods_code.strip().upper())
    )
    if board_id is None:
        sys.exit(f"no integrated care board with ODS code {ods_code}")
    return board_id


async def _create_user(settings: Settings, args: argparse.Namespace, password: str) -> str:
    from sqlalchemy import select

    from api.auth.passwords import hash_password
    from db import models as m
    from db.engine import session_factory
    from db.enums import UserRole

    role = UserRole(args.role)
    username = args.username.strip().lower()
    engine = _engine(settings)
    try:
        async with session_factory(engine)() as session:
            if await session.scalar(select(m.User.id).where(m.User.username == username)):
                sys.exit(f"a user named {username!r} already exists")
            authority_id, provider_id = await _identity_tenancy(session, role, args.authority, args.provider)
            if (role is UserRole.ICB_COMMISSIONER) != bool(args.board):
                sys.exit("ICB_COMMISSIONER, and only it, acts for one integrated care board: give --board ODS_CODE")
            board_id = await _board_id(session, args.board)
            user = m.User(
                username=username,
                display_name=args.display_name or username,
                password_hash=hash_password(password),
                role=role,
                authority_id=authority_id,
                provider_id=provider_id,
                integrated_care_board_id=board_id,
                is_provider_admin=bool(args.provider_admin) and role is UserRole.PROVIDER_USER,
                active=True,
            )
            session.add(user)
            await session.flush()
            if args.email:
                from api.domain.errors import ValidationError
                from api.domain.notifications import set_email

                try:
                    await set_email(
                        session,
                        now=dt.datetime.now(dt.UTC),
                        user=user,
                        email=args.email,
                        field="--email",
                        verified=args.email_verified,
                    )
                except ValidationError as refusal:
                    sys.exit(f"{refusal.field}: {refusal.message}")
            await session.commit()
            return username
    finally:
        await engine.dispose()


MIN_PASSWORD_LENGTH = 12


def cmd_create_user(args: argparse.Namespace) -> None:
    """Add a built-in user who signs in at /oauth/authorize."""
    import getpass

    password = args.password
    if password is None:
        if not sys.stdin.isatty():
            sys.exit("no terminal to ask for the password on: give it with --password")
        try:
            password = getpass.getpass("Password: ")
            again = getpass.getpass("Password again: ")
        except (EOFError, KeyboardInterrupt):
            sys.exit("\nno password given: nothing was created")
        if again != password:
            sys.exit("the passwords do not match")
    if len(password) < MIN_PASSWORD_LENGTH:
        sys.exit(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if args.email_verified and not args.email:
        sys.exit("--email-verified needs --email")
    if args.provider_admin and args.role != "PROVIDER_USER":
        sys.exit("--provider-admin is only for the PROVIDER_USER role")
    username = asyncio.run(_create_user(_settings(), args, password))
    print(f"created user {username} ({args.role})")
    if args.email and not args.email_verified:
        print(f"a verification link was sent to {args.email.strip().lower()}: nothing else goes there until it is used")


def _client_settings(args: argparse.Namespace) -> tuple[list[str], list[str], str]:
    """Grant types, redirect URIs and scope of a new client, checked; exits on a bad combination."""
    from authlib.common.security import is_secure_transport

    from api.auth.actor import Role
    from api.auth.scopes import scopes_for
    from api.auth.server import GRANT_TYPES, SUPPORTED_SCOPES

    redirect_uris = list(args.redirect_uri or [])
    grant_types = list(args.grant_type or [])
    if not grant_types:
        grant_types = ["client_credentials"] if args.role else ["authorization_code", "refresh_token"]
    if unknown := set(grant_types) - set(GRANT_TYPES):
        sys.exit(f"unknown grant types: {', '.join(sorted(unknown))}")
    if args.public and args.role:
        sys.exit("a public client cannot act with a role of its own: machine clients are confidential")
    if "client_credentials" in grant_types and (args.public or not args.role):
        sys.exit("client_credentials needs a confidential client with --role")
    if "authorization_code" in grant_types and not redirect_uris:
        sys.exit("authorization_code needs at least one --redirect-uri")
    for uri in redirect_uris:
        if "#" in uri or not is_secure_transport(uri):
            sys.exit(f"redirect URI {uri!r} must be https (or http on loopback) and have no fragment")
    scopes = args.scope.split() if args.scope else list(scopes_for(Role(args.role)) if args.role else SUPPORTED_SCOPES)
    if unknown := set(scopes) - set(SUPPORTED_SCOPES):
        sys.exit(f"unknown scopes: {', '.join(sorted(unknown))}")
    return grant_types, redirect_uris, " ".join(sorted(set(scopes)))


async def _create_client(settings: Settings, args: argparse.Namespace, secret: str | None) -> None:
    from sqlalchemy import select

    from api.auth.passwords import hash_password
    from db import models as m
    from db.engine import session_factory
    from db.enums import UserRole

    grant_types, redirect_uris, scope = _client_settings(args)
    role = UserRole(args.role) if args.role else None
    engine = _engine(settings)
    try:
        async with session_factory(engine)() as session:
            if await session.scalar(select(m.OAuthClient.id).where(m.OAuthClient.client_id == args.client_id)):
                sys.exit(f"a client with id {args.client_id!r} already exists")
            authority_id = provider_id = None
            if role is UserRole.ICB_COMMISSIONER:
                sys.exit("a machine client cannot act for an integrated care board: create a user with --board")
            if role is not None:
                authority_id, provider_id = await _identity_tenancy(session, role, args.authority, args.provider)
            elif args.authority or args.provider:
                sys.exit("--authority and --provider are for machine clients: give --role too")
            session.add(
                m.OAuthClient(
                    client_id=args.client_id,
                    client_secret_hash=hash_password(secret) if secret else None,
                    name=args.name,
                    is_public=args.public,
                    redirect_uris=redirect_uris,
                    grant_types=grant_types,
                    scope=scope,
                    role=role,
                    authority_id=authority_id,
                    provider_id=provider_id,
                )
            )
            await session.commit()
    finally:
        await engine.dispose()


def cmd_unlock_user(args: argparse.Namespace) -> None:
    """An administrator's unlock of a user locked after failed sign-ins (audited as ``user.unlocked``)."""
    import getpass

    from api.auth.actor import Actor
    from api.auth.throttle import unlock_user
    from db.engine import session_factory

    settings = _settings()

    async def run() -> bool | None:
        engine = _engine(settings)
        try:
            async with session_factory(engine)() as session:
                actor = Actor(subject=f"cli:{getpass.getuser()}")
                locked = await unlock_user(session, args.username, actor=actor, now=dt.datetime.now(dt.UTC))
                await session.commit()
                return locked
        finally:
            await engine.dispose()

    locked = asyncio.run(run())
    if locked is None:
        sys.exit(f"no user named {args.username.strip().lower()!r}")
    name = args.username.strip().lower()
    print(f"unlocked {name}" if locked else f"{name} was not locked; its failed sign-ins are forgotten")


def cmd_create_client(args: argparse.Namespace) -> None:
    """Register an OAuth client; a confidential client's secret is printed once."""
    import secrets

    secret = None if args.public else secrets.token_urlsafe(32)
    asyncio.run(_create_client(_settings(), args, secret))
    print(f"created {'public' if args.public else 'confidential'} client {args.client_id}")
    if secret:
        print(f"client secret (shown only now; store it safely): {secret}")


def _add_identity_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from db.enums import UserRole

    roles = [role.value for role in UserRole]
    user = sub.add_parser("create-user", help="add a built-in user who signs in at /oauth/authorize")
    user.add_argument("--username", required=True)
    user.add_argument(
        "--password",
        help=f"the password, at least {MIN_PASSWORD_LENGTH} characters (asked for twice when absent; "
        "without a terminal, give it here)",
    )
    user.add_argument("--role", required=True, choices=roles)
    user.add_argument("--authority", help="GSS code of the user's authority (authority roles, LEAD_ADMIN)")
    user.add_argument("--provider", help="legal name (or a unique part of it) of the user's provider")
    user.add_argument("--board", help="ODS code of the user's integrated care board (ICB_COMMISSIONER), e.g. QYG")
    user.add_argument("--display-name", help="how the user is shown (default: the username)")
    user.add_argument(
        "--email",
        help="where the user's notifications go; unverified until they follow the link e-mailed to it",
    )
    user.add_argument(
        "--email-verified",
        action="store_true",
        help="you vouch for the address: no verification link is sent, and notifications go at once",
    )
    user.add_argument("--provider-admin", action="store_true", help="a PROVIDER_USER who may invite colleagues")
    user.set_defaults(fn=cmd_create_user)
    unlock = sub.add_parser(
        "unlock-user", help="unlock a built-in user locked after failed sign-ins, and forget their failures"
    )
    unlock.add_argument("username")
    unlock.set_defaults(fn=cmd_unlock_user)
    client = sub.add_parser("create-client", help="register an OAuth client; prints a confidential client's secret")
    client.add_argument("--client-id", required=True)
    client.add_argument("--name", required=True, help="shown on the sign-in page")
    client.add_argument("--public", action="store_true", help="a public client (no secret; PKCE)")
    client.add_argument("--redirect-uri", action="append", help="an allowed redirect URI (repeatable)")
    client.add_argument("--grant-type", action="append", help="authorization_code, refresh_token, client_credentials")
    client.add_argument("--scope", help="space-separated scopes the client may ask for (default: all it can use)")
    client.add_argument("--role", choices=roles, help="for a machine client: the role it acts with")
    client.add_argument("--authority", help="for a machine client: GSS code of the authority it acts for")
    client.add_argument("--provider", help="for a machine client: the provider it acts for")
    client.set_defaults(fn=cmd_create_client)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="nwsend", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="upgrade the database to the latest migration").set_defaults(fn=cmd_migrate)
    seed = sub.add_parser("seed", help="seed the North West demo if the database is empty")
    seed.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help="anchor date of the demo")
    seed.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", "8000")), help="port of the demo portal's redirect URIs"
    )
    seed.set_defaults(fn=cmd_seed)
    serve = sub.add_parser("serve", help="migrate, seed if empty, and serve")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.set_defaults(fn=cmd_serve)
    token = sub.add_parser("token", help="mint a development access token")
    token.add_argument("--role", required=True, help="LEAD_ADMIN, AUTHORITY_COMMISSIONER, PROVIDER_USER, …")
    token.add_argument("--authority", help="GSS code of the authority the token acts for")
    token.add_argument("--provider", help="part of the legal name of the provider the token acts for")
    token.add_argument("--board", help="ODS code of the integrated care board the token acts for (ICB_COMMISSIONER)")
    token.add_argument("--subject", help="the token's subject")
    token.add_argument(
        "--issuer",
        help="the issuer of the server that will accept the token (default: PUBLIC_URL, else http://127.0.0.1:$PORT,"
        " as the server works it out)",
    )
    token.set_defaults(fn=cmd_token)
    _add_identity_commands(sub)
    cleanup = sub.add_parser("cleanup-uploads", help="delete pending uploads whose link expired")
    cleanup.set_defaults(fn=cmd_cleanup_uploads)
    verify = sub.add_parser(
        "verify-audit",
        help="check the audit trail's hash chain: exit 0 if intact, 1 if broken (with a report), 2 if unreadable",
    )
    verify.add_argument(
        "--anchor",
        action="append",
        metavar="HASH",
        help="a head hash recorded earlier, which must still be in the chain (repeatable)",
    )
    verify.add_argument("--max-problems", type=int, default=50, help="list at most this many problems (default 50)")
    verify.set_defaults(fn=cmd_verify_audit)
    worker = sub.add_parser("worker", help="write reminders due and deliver notifications (the relay) until stopped")
    worker.add_argument("--once", action="store_true", help="write the reminders due, deliver what is due, then exit")
    worker.add_argument("--name", default="worker", help="how this relay names itself in the log")
    worker.set_defaults(fn=cmd_worker)
    retry = sub.add_parser("retry-notifications", help="make FAILED notifications pending again")
    retry.add_argument("--id", type=int, action="append", help="only this notification (repeatable)")
    retry.set_defaults(fn=cmd_retry_notifications)
    export = sub.add_parser("export-schema", help="write schema.graphql")
    export.add_argument("--check", action="store_true", help="fail if schema.graphql is out of date")
    export.set_defaults(fn=cmd_export_schema)
    args = parser.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
