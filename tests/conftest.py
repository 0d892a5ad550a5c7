"""Fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL tests are skipped when no server is reachable, unless
``REQUIRE_POSTGRES=1``, which turns the skip into a failure. Browser tests
likewise skip without Chromium unless ``REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest

from db.demo import seed_demo
from db.engine import create_engine, session_factory
from db.migrate import upgrade
from tests.support import (
    BACKENDS,
    DEMO_TODAY,
    Api,
    WritableApi,
    fresh_database,
    postgres_available,
    serve,
    writable_api,
)

_postgres: bool | None = None


def _require(backend: str) -> None:
    global _postgres
    if backend != "postgresql":
        return
    if _postgres is None:
        _postgres = postgres_available()
    if not _postgres:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL is required (REQUIRE_POSTGRES=1) but not reachable at 127.0.0.1:5432")
        pytest.skip("PostgreSQL not reachable; set REQUIRE_POSTGRES=1 to make this a failure")


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    _require(request.param)
    return request.param


@pytest.fixture()
def empty_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, unmigrated database."""
    with fresh_database(backend, tmp_path) as url:
        yield url


async def _migrate_and_seed(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
        async with session_factory(engine)() as session:
            await seed_demo(session, today=DEMO_TODAY)
            await session.commit()
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def demo_database(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database holding the demo, shared by the read-only tests."""
    with fresh_database(backend, tmp_path_factory.mktemp(f"demo-{backend}")) as url:
        asyncio.run(_migrate_and_seed(url))
        yield url


@pytest.fixture(scope="session")
def api(backend: str, demo_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The real app over HTTP on the demo database, with the clock fixed at the demo's today."""
    live = serve(demo_database, tmp_path_factory.mktemp(f"server-{backend}"))
    try:
        with httpx.Client(base_url=live.base_url, timeout=30) as http:
            yield Api(live=live, http=http, backend=backend)
    finally:
        live.stop()


class S3Server(NamedTuple):
    """Where the S3 stand-in listens, and its bucket."""

    endpoint_url: str
    bucket: str
    region: str


_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "eu-west-2",
    "AWS_SESSION_TOKEN": None,
    "AWS_PROFILE": None,
    "AWS_ENDPOINT_URL": None,
    "AWS_ENDPOINT_URL_S3": None,
}


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """An S3 stand-in (moto's server) on a loopback port: its endpoint URL, a bucket and its region.

    Dummy AWS credentials are set in the environment for the session and restored afterwards.
    """
    import boto3
    from moto.server import ThreadedMotoServer

    saved = {name: os.environ.get(name) for name in _AWS_ENV}
    for name, value in _AWS_ENV.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        bucket = "nwsend-documents-test"
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-2")
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
        yield S3Server(endpoint_url=endpoint, bucket=bucket, region="eu-west-2")
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@pytest.fixture(scope="module")
def writable(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WritableApi]:
    """The real app on a demo database of this test module's own: tests may write, and move the clock."""
    with writable_api(backend, tmp_path_factory.mktemp(f"writable-{backend}"), seed=_migrate_and_seed) as api:
        yield api


async def _migrate_seed_and_people(url: str) -> None:
    """The demo data and the demo users (evaluators, lead admin, …) of the built-in sign-in."""
    from api.auth.demo import seed_demo_identities

    await _migrate_and_seed(url)
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            await seed_demo_identities(session)
            await session.commit()
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
def writable_with_people(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WritableApi]:
    """Like ``writable``, with the demo users too."""
    with writable_api(backend, tmp_path_factory.mktemp(f"people-{backend}"), seed=_migrate_seed_and_people) as api:
        yield api


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def require_browser() -> None:
    """Skip unless Playwright and Debian's Chromium are installed; with ``REQUIRE_BROWSER=1`` fail instead."""
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "Playwright is not installed (pip install -e '.[test]')"
    if problem is None and not Path(CHROMIUM).exists():
        problem = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    if problem is not None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"a browser is required (REQUIRE_BROWSER=1): {problem}")
        pytest.skip(f"{problem}; set REQUIRE_BROWSER=1 to make this a failure")


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One headless Chromium, Debian's, driven by Playwright, for the module that asks for it.

    Module-scoped on purpose: while Playwright's synchronous API is open the thread has a running
    event loop, so ``asyncio.run`` (the database fixtures) must happen before it starts or after it ends.
    """
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--disable-sync"])
        try:
            yield browser
        finally:
            browser.close()
