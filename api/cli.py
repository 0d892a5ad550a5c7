"""Command line: migrate, seed the demo, serve, mint a development token, export the schema.

Run ``python -m api.cli --help``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
from pathlib import Path

from api.config import Settings

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


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
    from db.demo import database_is_empty, seed_demo
    from db.engine import session_factory

    engine = _engine(settings)
    try:
        async with session_factory(engine)() as session:
            if not await database_is_empty(session):
                return False
            await seed_demo(session, today=today)
            await session.commit()
            return True
    finally:
        await engine.dispose()


def cmd_migrate(args: argparse.Namespace) -> None:
    asyncio.run(_migrate(Settings.from_env()))
    print("database migrated to head")


def cmd_seed(args: argparse.Namespace) -> None:
    created = asyncio.run(_seed(Settings.from_env(), args.today))
    print("demo data seeded" if created else "database already has data; demo not seeded")


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    from api.app import create_app

    settings = Settings.from_env()
    asyncio.run(_migrate(settings))
    if asyncio.run(_seed(settings, dt.date.today())):
        print("Seeded the North West demo data.")
    base = f"http://{args.host}:{args.port}"
    print(
        f"\nNorth West SEND FPS is running:\n"
        f"  GraphQL API  {base}/graphql" + ("  (GraphiQL: open it in a browser)" if settings.graphiql else "") + "\n"
        f"  Portal       {base}/portal\n"
        f"  Liveness     {base}/healthz\n"
        f"  Readiness    {base}/readyz\n"
        f"  A token for the demo: python -m api.cli token --role AUTHORITY_COMMISSIONER --authority E06000049\n",
        flush=True,
    )
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")


def cmd_token(args: argparse.Namespace) -> None:
    """Mint a development access token signed with the local key."""
    from api.auth.actor import Role
    from api.auth.scopes import scopes_for
    from api.auth.tokens import issue_access_token, load_or_create_signing_key

    settings = Settings.from_env()
    if settings.is_production:
        sys.exit("refusing to mint development tokens in production")
    role = Role(args.role)
    authority_id, provider_id = asyncio.run(_tenancy(settings, args.authority, args.provider))
    token = issue_access_token(
        load_or_create_signing_key(settings.signing_key_file),
        issuer=settings.oauth_issuer,
        audience=settings.oauth_audience,
        subject=args.subject or f"dev-{role.value.lower()}",
        client_id="dev-cli",
        roles=[role],
        scopes=scopes_for(role),
        authority_id=authority_id,
        provider_id=provider_id,
    )
    print(token)


async def _tenancy(
    settings: Settings, gss_code: str | None, provider_name: str | None
) -> tuple[int | None, int | None]:
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
            return authority_id, provider_id
    finally:
        await engine.dispose()


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="nwsend", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="upgrade the database to the latest migration").set_defaults(fn=cmd_migrate)
    seed = sub.add_parser("seed", help="seed the North West demo if the database is empty")
    seed.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help="anchor date of the demo")
    seed.set_defaults(fn=cmd_seed)
    serve = sub.add_parser("serve", help="migrate, seed if empty, and serve")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.set_defaults(fn=cmd_serve)
    token = sub.add_parser("token", help="mint a development access token")
    token.add_argument("--role", required=True, help="LEAD_ADMIN, AUTHORITY_COMMISSIONER, PROVIDER_USER, …")
    token.add_argument("--authority", help="GSS code of the authority the token acts for")
    token.add_argument("--provider", help="part of the legal name of the provider the token acts for")
    token.add_argument("--subject", help="the token's subject")
    token.set_defaults(fn=cmd_token)
    export = sub.add_parser("export-schema", help="write schema.graphql")
    export.add_argument("--check", action="store_true", help="fail if schema.graphql is out of date")
    export.set_defaults(fn=cmd_export_schema)
    args = parser.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
