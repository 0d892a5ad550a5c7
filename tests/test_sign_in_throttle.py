"""Sign-in throttling over real HTTP: back-off, lock and unlock, by account and by address, across workers.

The counts are kept in the database every worker shares; each test starts its own servers on one
database per backend (SQLite, the embedded default, and PostgreSQL) with a clock it moves, so that
no test waits for a back-off to pass. Addresses are given with ``X-Forwarded-For``, which uvicorn
trusts from loopback as it would from a proxy.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, select

from api.auth.demo import DEMO_PASSWORD
from api.auth.throttle import ThrottlePolicy
from api.domain.clock import FixedClock
from api.domain.notification_kinds import KINDS, Kind
from db import models as m
from db.engine import create_engine, session_factory
from tests.conftest import _migrate_seed_and_people
from tests.support import DEMO_NOW, LiveServer, fresh_database, serve
from tests.test_oauth import authorize_query, parse_form, pkce

ROOT = Path(__file__).resolve().parent.parent
WRONG = "The username or password is incorrect."


# --------------------------------------------------------------------------
# Fixtures and helpers
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def people(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of this module's own, per backend, with the demo and its users."""
    with fresh_database(backend, tmp_path_factory.mktemp(f"throttle-{backend}")) as url:
        asyncio.run(_migrate_seed_and_people(url))
        yield url


async def _forget_every_failure(url: str) -> None:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            await session.execute(delete(m.SignInThrottle))
            await session.commit()
    finally:
        await engine.dispose()


class Workers:
    """Servers started on the shared database with one clock, as workers of one deployment would be."""

    def __init__(self, url: str, directory: Path) -> None:
        self.url = url
        self.directory = directory
        self.clock = FixedClock(DEMO_NOW)
        self.started: list[LiveServer] = []

    def start(self, **settings: Any) -> str:
        """Another worker (same database, same signing key); its base URL."""
        live = serve(self.url, self.directory, clock=self.clock, **settings)
        self.started.append(live)
        return live.base_url

    def wait(self, seconds: float) -> None:
        self.clock.at = self.clock.at + dt.timedelta(seconds=seconds)


@pytest.fixture()
def workers(people: str, tmp_path: Path) -> Iterator[Workers]:
    asyncio.run(_forget_every_failure(people))
    pool = Workers(people, tmp_path)
    try:
        yield pool
    finally:
        for live in pool.started:
            live.stop()


def open_form(base_url: str, address: str) -> tuple[httpx.Client, dict[str, str]]:
    """A browser at ``address`` with the sign-in form open: the client (to close) and the form's hidden fields."""
    browser = httpx.Client(base_url=base_url, headers={"X-Forwarded-For": address}, follow_redirects=False, timeout=60)
    page = browser.get("/oauth/authorize", params=authorize_query(pkce()[1]))
    assert page.status_code == 200, page.text
    return browser, parse_form(page.text).hidden


def attempt(base_url: str, address: str, username: str, password: str) -> httpx.Response:
    """Open the sign-in page and submit it, as a browser at ``address`` would."""
    browser, fields = open_form(base_url, address)
    try:
        return browser.post("/oauth/authorize", data={**fields, "username": username, "password": password})
    finally:
        browser.close()


def alert(response: httpx.Response) -> str:
    """The messages of the page's error summary, one after another."""
    found = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', response.text)
    return (
        " ".join(re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", found.group(1)))
        if found
        else ""
    )


def outcome(response: httpx.Response) -> tuple[int, str | None, str]:
    """What a caller can tell from an answer: the status, Retry-After and the message."""
    return response.status_code, response.headers.get("retry-after"), alert(response)


def signed_in(response: httpx.Response) -> bool:
    return response.status_code == 302 and "code=" in response.headers.get("location", "")


async def _lock_notices(url: str) -> list[tuple[str | None, dict[str, Any]]]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            rows = await session.execute(
                select(m.User.username, m.Notification.payload)
                .outerjoin(m.User, m.User.id == m.Notification.user_id)
                .where(m.Notification.kind == "user.locked")
                .order_by(m.Notification.id)
            )
            return [(username, payload) for username, payload in rows]
    finally:
        await engine.dispose()


async def _user_events(url: str, username: str) -> list[tuple[str, str, dict[str, Any]]]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            user_id = await session.scalar(select(m.User.id).where(m.User.username == username))
            rows = await session.execute(
                select(m.AuditEvent.action, m.AuditEvent.actor, m.AuditEvent.diff)
                .where(m.AuditEvent.entity_type == "User", m.AuditEvent.entity_id == user_id)
                .where(m.AuditEvent.action.in_(["user.locked", "user.unlocked"]))
                .order_by(m.AuditEvent.id)
            )
            return [(action, actor, diff) for action, actor, diff in rows]
    finally:
        await engine.dispose()


def events(url: str, username: str) -> list[tuple[str, str, dict[str, Any]]]:
    return asyncio.run(_user_events(url, username))


# --------------------------------------------------------------------------
# By account: back-off, lock, time-based unlock; unknown usernames alike
# --------------------------------------------------------------------------


def _duration(seconds: int) -> str:
    return f"{seconds} second{'s' if seconds != 1 else ''}" if seconds < 120 else f"{-(-seconds // 60)} minutes"


def test_failures_back_off_then_lock_known_and_unknown_usernames_alike(workers: Workers) -> None:
    """The issue's 40 wrong passwords in 17 s, then the right one: now waits, a lock, and the right one refused.

    A username that belongs to no one gets exactly the same answers at every step, so the throttle
    does not tell which accounts exist.
    """
    base = workers.start()
    policy = ThrottlePolicy()
    known = ("ce.commissioner", "203.0.113.10")
    unknown = ("no.such.commissioner", "203.0.113.11")

    def both(password: str) -> tuple[httpx.Response, httpx.Response]:
        first = attempt(base, known[1], known[0], password)
        second = attempt(base, unknown[1], unknown[0], password)
        assert outcome(first) == outcome(second), (outcome(first), outcome(second))
        return first, second

    for failure in range(1, policy.lock_after + 1):
        response, _ = both("not-the-password")
        assert response.status_code == 200 and alert(response).startswith(WRONG), alert(response)
        if failure >= policy.lock_after:
            wait = policy.lock_seconds
        else:
            wait = policy.wait(failure, policy.backoff_after)  # type: ignore[assignment]
        if wait is None:
            assert alert(response) == WRONG
            continue
        assert f"Try again in {_duration(wait)}" in alert(response)
        # too early: refused without looking at the password (the right one included), and not counted
        early, _ = both(DEMO_PASSWORD)
        assert early.status_code == 429 and early.headers["retry-after"] == str(wait)
        assert f"Try again in {_duration(wait)}" in alert(early) and "location" not in early.headers
        if failure < policy.lock_after:
            workers.wait(wait)

    # locked: the right password is refused for the whole lock, and the lock is audited (for the real account only)
    workers.wait(policy.lock_seconds - 1)
    locked, _ = both(DEMO_PASSWORD)
    assert locked.status_code == 429 and locked.headers["retry-after"] == "1"
    [(action, actor, diff)] = events(workers.url, known[0])
    assert (action, actor) == ("user.locked", "anonymous")
    assert diff["failures"] == policy.lock_after and diff["address"] == known[1]
    waited = sum(policy.wait(n, policy.backoff_after) or 0 for n in range(1, policy.lock_after))
    assert diff["lockedUntil"] == (DEMO_NOW + dt.timedelta(seconds=waited + policy.lock_seconds)).isoformat()
    # the account's owner is e-mailed when it unlocks and how to unlock it now; nobody for an unknown name
    [(to, notice)] = asyncio.run(_lock_notices(workers.url))
    assert to == known[0] and notice["unlocksAt"] == diff["lockedUntil"]
    spec = KINDS[Kind.ACCOUNT_LOCKED]
    assert spec.link == "/password-reset" and not spec.optional

    # the lock ends by itself, and the count starts again
    workers.wait(1)
    assert signed_in(attempt(base, known[1], known[0], DEMO_PASSWORD))
    assert alert(attempt(base, known[1], known[0], "not-the-password")) == WRONG


def test_a_right_password_starts_the_count_again(workers: Workers) -> None:
    base = workers.start()
    policy = ThrottlePolicy()
    for _ in range(policy.backoff_after - 1):
        assert alert(attempt(base, "203.0.113.20", "bolton.analyst", "wrong-password")) == WRONG
    assert signed_in(attempt(base, "203.0.113.20", "bolton.analyst", DEMO_PASSWORD))
    for _ in range(policy.backoff_after - 1):  # as many again, and still no wait
        assert alert(attempt(base, "203.0.113.20", "bolton.analyst", "wrong-password")) == WRONG


# --------------------------------------------------------------------------
# Unlocking by an administrator
# --------------------------------------------------------------------------


def _cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "APP_ENV": "development"}
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_an_administrator_unlocks_a_locked_account(workers: Workers) -> None:
    base = workers.start(sign_in_lock_after=3)
    for _ in range(3):
        attempt(base, "203.0.113.30", "auditor", "wrong-password")
    assert attempt(base, "203.0.113.30", "auditor", DEMO_PASSWORD).status_code == 429

    unlocked = _cli(workers.url, "unlock-user", "Auditor")
    assert unlocked.returncode == 0 and "unlocked auditor" in unlocked.stdout, unlocked.stderr
    assert signed_in(attempt(base, "203.0.113.30", "auditor", DEMO_PASSWORD))
    actions = [
        (action, actor.split(":")[0], diff.get("reason")) for action, actor, diff in events(workers.url, "auditor")
    ]
    assert actions == [("user.locked", "anonymous", None), ("user.unlocked", "cli", "unlocked by an administrator")]

    again = _cli(workers.url, "unlock-user", "auditor")
    assert again.returncode == 0 and "was not locked" in again.stdout
    nobody = _cli(workers.url, "unlock-user", "no.such.person")
    assert nobody.returncode != 0 and "no user named 'no.such.person'" in nobody.stderr
    assert "Traceback" not in nobody.stderr


# --------------------------------------------------------------------------
# By address
# --------------------------------------------------------------------------


def test_one_address_trying_many_usernames_is_slowed_down(workers: Workers) -> None:
    """Password spraying: one guess for each of many usernames, from one address."""
    base = workers.start(sign_in_address_backoff_after=5)
    for n in range(1, 6):
        response = attempt(base, "198.51.100.7", f"guess.{n}", "Summer2026!")
        assert response.status_code == 200
    assert "Try again in 1 second" in alert(response)
    sprayed = attempt(base, "198.51.100.7", "guess.6", "Summer2026!")
    assert sprayed.status_code == 429 and sprayed.headers["retry-after"] == "1"
    assert attempt(base, "198.51.100.7", "provider.user", DEMO_PASSWORD).status_code == 429  # anyone, from there
    assert signed_in(attempt(base, "198.51.100.8", "provider.user", DEMO_PASSWORD))  # elsewhere, no one waits
    workers.wait(1)
    assert signed_in(attempt(base, "198.51.100.7", "provider.user", DEMO_PASSWORD))


def test_people_signing_in_from_one_address_do_not_slow_each_other_down(workers: Workers) -> None:
    """An office behind one address: only failures count against it, never a sign-in that succeeds."""
    base = workers.start(sign_in_address_backoff_after=3)
    for username in ("lead.admin", "evaluator-1", "evaluator-2", "evaluator-3", "auditor", "bolton.analyst"):
        assert signed_in(attempt(base, "192.0.2.50", username, DEMO_PASSWORD)), username


# --------------------------------------------------------------------------
# Across workers
# --------------------------------------------------------------------------


def test_the_counts_hold_across_workers(workers: Workers) -> None:
    """Two workers on one database: failures on either count towards one lock, which both enforce."""
    first, second = (workers.start(sign_in_lock_after=4, sign_in_backoff_after=4) for _ in range(2))
    for n in range(4):
        response = attempt((first, second)[n % 2], f"203.0.113.{40 + n}", "lead.admin", "wrong-password")
        assert response.status_code == 200 and alert(response).startswith(WRONG)
    for base in (first, second):
        refused = attempt(base, "203.0.113.49", "lead.admin", DEMO_PASSWORD)
        assert refused.status_code == 429, base
    assert [action for action, _, _ in events(workers.url, "lead.admin")] == ["user.locked"]


def test_parallel_attempts_on_two_workers_get_no_more_guesses(workers: Workers) -> None:
    """Attempts are counted before the password is checked: a burst sent at once to two workers gets only
    the guesses the lock allows, not one each before the first failure is recorded."""
    lock_after, burst = 4, 16
    bases = [workers.start(sign_in_lock_after=lock_after, sign_in_backoff_after=lock_after) for _ in range(2)]
    forms = [open_form(bases[n % 2], f"203.0.113.{100 + n}") for n in range(burst)]
    ready = threading.Barrier(burst)

    def post(form: tuple[httpx.Client, dict[str, str]]) -> int:
        browser, fields = form
        ready.wait()
        try:
            data = {**fields, "username": "evaluator-4", "password": "wrong-password"}
            return browser.post("/oauth/authorize", data=data).status_code
        finally:
            browser.close()

    with ThreadPoolExecutor(burst) as pool:
        statuses = list(pool.map(post, forms))
    assert sorted(statuses) == [200] * lock_after + [429] * (burst - lock_after), statuses
    assert [action for action, _, _ in events(workers.url, "evaluator-4")] == ["user.locked"]


# --------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------


def test_the_throttle_is_configured_from_the_environment(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SIGN_IN_BACKOFF_AFTER": "5",
        "SIGN_IN_BACKOFF_SECONDS": "2",
        "SIGN_IN_BACKOFF_MAX_SECONDS": "60",
        "SIGN_IN_LOCK_AFTER": "8",
        "SIGN_IN_LOCK_SECONDS": "600",
        "SIGN_IN_ADDRESS_BACKOFF_AFTER": "50",
        "SIGN_IN_FORGET_AFTER_SECONDS": "7200",
    }
    code = "from api.auth.throttle import ThrottlePolicy; from api.config import Settings; " + (
        "print(ThrottlePolicy.from_settings(Settings.from_env()))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == (
        "ThrottlePolicy(backoff_after=5, backoff_seconds=2, backoff_max_seconds=60, lock_after=8, lock_seconds=600,"
        " address_backoff_after=50, forget_after_seconds=7200)"
    ), out.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "api.cli", "unlock-user", "someone"],
        env={**env, "SIGN_IN_LOCK_AFTER": "0", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode != 0 and "SIGN_IN_LOCK_AFTER must be at least 1" in bad.stderr
    assert "Traceback" not in bad.stderr
