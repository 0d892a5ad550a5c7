"""Backup and restore drills, as docs/operations.md describes them: PostgreSQL, and SQLite's file.

The test database is dumped with ``pg_dump -Fc``, restored with ``pg_restore``
into a new database, and the API started on it: the same queries get
byte-for-byte the same answers, the audit trail verifies up to the head
recorded before the backup, and the next write continues where the original
would.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from api.auth.actor import Role
from api.domain.clock import FixedClock
from db.engine import create_engine
from tests.reliability import POSTGRES_ONLY, value, verify_audit, verify_audit_here
from tests.support import DEMO_NOW, Api, WritableApi, fresh_database, serve
from tests.test_bids import load_world, ok, pk, ready_bid, version_of
from tests.test_offers import mutation_text

QUERIES = {
    "public": (
        None,
        "{ purchasingSystems(first: 5) { nodes { id title reference status lots { id code title weeksPerYear } } } "
        "authorities(first: 50) { totalCount nodes { id code name } } "
        "providers(first: 100) { totalCount nodes { id legalName status establishments { id name urn } } } }",
    ),
    "bids and rounds": (
        Role.AUDITOR,
        "{ applicationRounds(first: 10) { nodes { id number status closesAt version } } "
        "bids(first: 100) { totalCount nodes { id status version submittedAt provider { id } "
        "lots { lot { code } pricingSchedule { band element weeklyFee } } answers { answer } } } }",
    ),
    "referrals and offers": (
        Role.AUDITOR,
        "{ referrals(first: 100) { totalCount nodes { id status version offerDeadline "
        "offers { id status annualCost weeklyFees { total } } } } }",
    ),
    "call-offs": (
        Role.AUDITOR,
        "{ callOffs(first: 100) { totalCount nodes { id reference status annualCost version "
        "weeklyFees { education care total } amendments { effectiveFrom reason after { total } } } } }",
    ),
    "memberships": (
        Role.AUDITOR,
        "{ lotMemberships(first: 100) { totalCount nodes { id status version rateCard { band element weeklyFee } } } }",
    ),
    "audit trail": (
        Role.AUDITOR,
        "{ auditEvents(last: 100) { totalCount nodes { id at actor action entityType entityId diff requestId "
        "previousHash hash } } }",
    ),
    "regional spend": (
        Role.LEAD_ADMIN,
        "{ committedSpend(scope: REGION, groupBy: LOT) { groups { key label suppressed } total { suppressed } } }",
    ),
}


@dataclass
class Restored:
    original: WritableApi
    restored: Api
    original_url: str
    restored_url: str
    head: str


def _pg(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} is not installed: the backup drill needs the PostgreSQL client tools")
    return found


@pytest.fixture(scope="module")
def drill(writable: WritableApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Restored]:
    world = load_world(writable)
    for _ in range(2):  # some changes of the API's own, so that the trail has events
        bidder = world.bidder()
        bid = ready_bid(world, bidder, world.round2)
        ok(writable, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)
    url = writable.app.state.settings.database_url
    head = value(url, "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")
    directory = tmp_path_factory.mktemp("restore")
    dump = directory / "nwsend.dump"
    subprocess.run(
        [_pg("pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", f"--dbname={url}"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert dump.stat().st_size > 10_000
    with fresh_database("postgresql", directory) as restored_url:
        subprocess.run(
            [
                _pg("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={restored_url}",
                str(dump),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        # the signing key is restored with the database (docs/operations.md): the trail's digests are keyed from it
        shutil.copyfile(writable.app.state.settings.signing_key_file, directory / "signing-key.pem")
        live = serve(restored_url, directory, clock=FixedClock(DEMO_NOW))
        try:
            with httpx.Client(base_url=live.base_url, timeout=60) as http:
                yield Restored(
                    original=writable,
                    restored=Api(live=live, http=http, backend="postgresql"),
                    original_url=url,
                    restored_url=restored_url,
                    head=head,
                )
        finally:
            live.stop()


def _token(api: Api, role: Role | None) -> str | None:
    if role is None:
        return None
    authority = 1 if role is Role.LEAD_ADMIN else None
    return api.token(role, authority_id=authority, subject="backup.check")


@POSTGRES_ONLY
@pytest.mark.parametrize("name", list(QUERIES))
def test_the_restored_api_answers_byte_for_byte_the_same(drill: Restored, name: str) -> None:
    role, query = QUERIES[name]
    before = drill.original.post(query, token=_token(drill.original, role))
    after = drill.restored.post(query, token=_token(drill.restored, role))
    assert before.status_code == after.status_code == 200
    assert "errors" not in before.json(), before.text
    assert after.content == before.content


@POSTGRES_ONLY
def test_the_restored_trail_verifies_up_to_the_head_recorded_before_the_backup(drill: Restored) -> None:
    assert drill.restored.http.get("/readyz").json()["status"] == "ok"
    checked = verify_audit(drill.restored_url, drill.head)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"hash {drill.head}" in checked.stdout and "1 anchor(s) found" in checked.stdout


@POSTGRES_ONLY
def test_the_restored_database_carries_on_where_the_original_would(drill: Restored) -> None:
    """Sequences are restored too: the same change, made on both, gets the same IDs, versions and audit hash."""
    world = load_world(drill.original)
    bidder = world.bidders[3]  # the drill's bids were made by the first two
    text = mutation_text("createBid", "bid { id status version round { id } }")
    answers = []
    for api in (drill.original, drill.restored):
        token = api.token(Role.PROVIDER_USER, provider_id=pk(bidder.provider), subject="backup.provider")
        response = api.http.post(
            "/graphql",
            json={"query": text, "variables": {"input": {"round": world.round2["id"]}}},
            headers={"Authorization": f"Bearer {token}", "X-Request-ID": "backup-drill-1"},
        )
        answers.append(response.content)
    assert b"CreateBidPayload" in answers[0] and answers[0] == answers[1]
    heads = [
        value(url, "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")
        for url in (drill.original_url, drill.restored_url)
    ]
    assert heads[0] == heads[1] != drill.head


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_online_sqlite_copy_serves_the_same_data(writable: WritableApi, tmp_path: Path) -> None:
    """The embedded mode: SQLite's backup API copies the file while the API runs (see docs/operations.md)."""
    world = load_world(writable)
    bidder = world.bidder()
    bid = ready_bid(world, bidder, world.round2)
    ok(writable, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)
    source = writable.app.state.settings.database_url.removeprefix("sqlite:///")
    copy = tmp_path / "backup.sqlite3"
    subprocess.run(
        [sys.executable, "-c", f"import sqlite3; sqlite3.connect({source!r}).backup(sqlite3.connect({str(copy)!r}))"],
        check=True,
        timeout=120,
    )
    copy_url = f"sqlite:///{copy}"
    code, report = verify_audit_here(copy_url, _head(writable.app.state.settings.database_url))
    assert code == 0, report
    live = serve(copy_url, tmp_path, clock=FixedClock(DEMO_NOW))
    try:
        with httpx.Client(base_url=live.base_url, timeout=60) as http:
            restored = Api(live=live, http=http, backend="sqlite")
            for name in ("public", "bids and rounds", "call-offs", "audit trail"):
                role, query = QUERIES[name]
                before = writable.post(query, token=_token(writable, role))
                assert "errors" not in before.json(), before.text
                assert restored.post(query, token=_token(restored, role)).content == before.content, name
    finally:
        live.stop()


def _head(url: str) -> str:
    async def read() -> str:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                return (
                    await connection.execute(text("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1"))
                ).scalar_one()
        finally:
            await engine.dispose()

    return asyncio.run(read())
