"""Faults on PostgreSQL: a connection dropped mid-mutation, every connection dropped at once (as by a
restart), document storage down at confirmation, and a worker killed while a bid is written.

Each fault gets a clear answer, leaves nothing half-written, and the next request works.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest
from sqlalchemy import event

from api.auth.actor import Role
from api.domain.clock import FixedClock
from tests.conftest import _migrate_and_seed
from tests.documents_support import PDF, confirm, request_upload, upload
from tests.reliability import (
    CHAIN_LOCK,
    POSTGRES_ONLY,
    Blackhole,
    ServerProcess,
    SilencingProxy,
    backend_waiting_for_the_chain,
    database_name,
    sibling,
    sql,
    value,
    verify_audit_here,
)
from tests.support import DEMO_NOW, WritableApi, free_port, fresh_database, serve
from tests.test_bids import World, full_pricing, load_world, mutation_text, ok, pk, ready_bid, version_of

pytestmark = POSTGRES_ONLY

BUCKET = "nwsend-fault-tests"
REGION = "eu-west-2"
AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": REGION}


class Moto:
    """An S3 stand-in on a fixed loopback port, which a test may stop and start again.

    moto keeps its buckets and objects in the process, so what was stored survives a restart.
    """

    def __init__(self) -> None:
        self.port = free_port()
        self.server: Any = None

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        from moto.server import ThreadedMotoServer

        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()

    def stop(self) -> None:
        self.server.stop()
        self.server = None


@dataclass
class Faults:
    api: WritableApi
    world: World
    url: str
    moto: Moto
    directory: str


@pytest.fixture(scope="module")
def faults(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Faults]:
    import boto3

    from api.storage.s3 import S3Storage

    directory = tmp_path_factory.mktemp("faults")
    with pytest.MonkeyPatch.context() as env:
        for name, setting in AWS.items():
            env.setenv(name, setting)
        for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
            env.delenv(name, raising=False)
        moto = Moto()
        moto.start()
        try:
            s3 = boto3.client("s3", endpoint_url=moto.endpoint_url, region_name=REGION)
            s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
            with fresh_database(backend, directory) as url:
                asyncio.run(_migrate_and_seed(url))
                clock = FixedClock(DEMO_NOW)
                storage = S3Storage(BUCKET, endpoint_url=moto.endpoint_url, region=REGION)
                live = serve(url, directory, clock=clock, storage=storage)
                try:
                    with httpx.Client(base_url=live.base_url, timeout=60) as http:
                        api = WritableApi(live=live, http=http, backend=backend, clock=clock)
                        yield Faults(api=api, world=load_world(api), url=url, moto=moto, directory=str(directory))
                finally:
                    live.stop()
        finally:
            if moto.server is not None:
                moto.stop()


def raw(base_url: str, name: str, input: dict[str, Any], token: str) -> httpx.Response:
    """One mutation on a connection of its own; the response as it came."""
    with httpx.Client(base_url=base_url, timeout=60) as client:
        return client.post(
            "/graphql",
            json={"query": mutation_text(name), "variables": {"input": input}},
            headers={"Authorization": f"Bearer {token}"},
        )


def bid_state(url: str, bid: str) -> dict[str, Any]:
    """The bid as stored: status, version, lots, establishments, pricing lines and audit events."""
    bid_id = pk(bid)
    row = sql(url, "SELECT submitted_at, withdrawn_at, version FROM bid WHERE id = $1", bid_id)[0]
    lines = sql(
        url,
        "SELECT l.lot_id, p.band, p.element, p.weekly_fee_pence FROM bid_lot l "
        "JOIN pricing_line p ON p.bid_lot_id = l.id WHERE l.bid_id = $1 ORDER BY 1, 2, 3",
        bid_id,
    )
    return {
        "status": "DRAFT" if row["submitted_at"] is None else "SUBMITTED",
        "version": row["version"],
        "lots": value(url, "SELECT count(*) FROM bid_lot WHERE bid_id = $1", bid_id),
        "lots_without_pricing": value(
            url,
            "SELECT count(*) FROM bid_lot l WHERE l.bid_id = $1 "
            "AND NOT EXISTS (SELECT 1 FROM pricing_line p WHERE p.bid_lot_id = l.id)",
            bid_id,
        ),
        "establishments": value(
            url,
            "SELECT count(*) FROM bid_lot_establishment e JOIN bid_lot l ON l.id = e.bid_lot_id WHERE l.bid_id = $1",
            bid_id,
        ),
        "pricing": [tuple(line) for line in lines],
        "events": [
            r["action"]
            for r in sql(
                url, "SELECT action FROM audit_event WHERE entity_type = 'Bid' AND entity_id = $1 ORDER BY id", bid_id
            )
        ],
    }


def assert_chain_intact(url: str) -> None:
    code, report = verify_audit_here(url)
    assert code == 0, report


# -- the database connection drops in the middle of a mutation -----------------------------------------


def test_a_connection_dropped_mid_mutation_writes_nothing_and_the_next_request_works(faults: Faults) -> None:
    api, world = faults.api, faults.world
    bidder = world.bidder()
    bid = ok(api, "createBid", {"round": world.round2["id"]}, bidder.token)["bid"]["id"]
    lot = world.lot_for(bidder)
    set_lot = {"bid": bid, "lot": lot["id"], "establishments": bidder.serving(lot)[:1], "pricing": full_pricing(lot)}
    before = bid_state(faults.url, bid)

    async def drop_mid_mutation() -> httpx.Response:
        admin = await asyncpg.connect(faults.url)
        try:
            await admin.execute("SELECT pg_advisory_lock($1)", CHAIN_LOCK)
            sent = asyncio.create_task(asyncio.to_thread(raw, api.live.base_url, "setBidLot", set_lot, bidder.token))
            pid = await backend_waiting_for_the_chain(admin, faults.url, request=sent)
            # the bid lot, its establishments and pricing lines are written, not committed
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
            await admin.execute("SELECT pg_advisory_unlock($1)", CHAIN_LOCK)
            return await sent
        finally:
            await admin.close()

    response = asyncio.run(drop_mid_mutation())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"] is None or body["data"].get("setBidLot") is None, body
    error = body["errors"][0]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE", error
    assert "nothing was saved" in error["message"].lower() and error["extensions"]["requestId"]
    for leak in ("asyncpg", "Traceback", "terminat", "SELECT"):
        assert leak not in response.text, response.text

    assert bid_state(faults.url, bid) == before  # nothing half-written: no lot, no lines, no event
    again = ok(api, "setBidLot", set_lot, bidder.token)
    assert again["bidLot"]["lot"]["code"] == lot["code"]
    after = bid_state(faults.url, bid)
    assert after["lots"] == 1 and after["lots_without_pricing"] == 0 and len(after["pricing"]) == len(full_pricing(lot))
    assert after["events"] == ["bid.created", "bid.lot_set"]
    assert_chain_intact(faults.url)


def test_a_connection_lost_at_commit_says_the_outcome_is_unknown(faults: Faults) -> None:
    """Between the last write and COMMIT the server cannot know whether the commit landed: it says so."""
    api, world = faults.api, faults.world
    bidder = world.bidder()
    engine = api.app.state.engine.sync_engine
    dropped: list[int] = []

    def terminate() -> None:
        pid = value(
            faults.url,
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'",
            database_name(faults.url),
        )
        dropped.append(value(faults.url, "SELECT pg_terminate_backend($1)", pid) and pid)

    def drop_before_commit(connection: Any) -> None:  # in the server's event loop, just before it sends COMMIT
        if not dropped:
            other = threading.Thread(target=terminate)  # from a connection of its own, off the server's loop
            other.start()
            other.join()

    event.listen(engine, "commit", drop_before_commit)
    try:
        response = api.post(mutation_text("createBid"), {"input": {"round": world.round2["id"]}}, token=bidder.token)
    finally:
        event.remove(engine, "commit", drop_before_commit)
    assert dropped and dropped[0], "the connection was not dropped"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE", error
    assert "may or may not have been saved" in error["message"] and "read it again" in error["message"].lower()
    # read again: here the COMMIT never reached the database, so there is no bid, and a retry makes one
    mine = "query($r: ID!) { bids(first: 5, filter: {round: $r}) { totalCount } }"
    assert api.gql(mine, {"r": world.round2["id"]}, token=bidder.token)["bids"]["totalCount"] == 0
    assert ok(api, "createBid", {"round": world.round2["id"]}, bidder.token)["bid"]["status"] == "DRAFT"


# -- every connection drops at once, as when PostgreSQL restarts -----------------------------------------

READ = "{ applicationRounds(first: 5) { totalCount } providers(first: 3) { nodes { id } } }"


def _concurrently(api: WritableApi, count: int, token: str) -> list[httpx.Response]:
    barrier = threading.Barrier(count)
    responses: list[Any] = [None] * count

    def send(i: int) -> None:
        with httpx.Client(base_url=api.live.base_url, timeout=60) as client:
            barrier.wait()
            responses[i] = client.post("/graphql", json={"query": READ}, headers={"Authorization": f"Bearer {token}"})

    threads = [threading.Thread(target=send, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return responses


def _terminate_every_connection(url: str) -> int:
    return int(
        value(
            url,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = $1 AND pid <> pg_backend_pid()",
            database_name(url),
        )
    )


def test_the_pool_recovers_when_every_connection_is_dropped(faults: Faults) -> None:
    """What a restart or a failover does to the app: every pooled connection is gone. No request may fail."""
    api, world = faults.api, faults.world
    for _ in range(2):
        # several connections in the pool, all idle
        assert all(r.status_code == 200 and "errors" not in r.json() for r in _concurrently(api, 6, world.lead))
        assert _terminate_every_connection(faults.url) >= 2
        time.sleep(0.2)
        for _ in range(6):
            response = api.post(READ, token=world.lead)
            assert response.status_code == 200 and "errors" not in response.json(), response.text
        responses = _concurrently(api, 6, world.lead)
        assert all(r.status_code == 200 and "errors" not in r.json() for r in responses), [r.text for r in responses]
    assert api.http.get("/readyz").status_code == 200
    bidder = world.bidder()
    assert ok(api, "createBid", {"round": world.round2["id"]}, bidder.token)["bid"]["status"] == "DRAFT"


# -- the database cannot be reached at all ------------------------------------------------------------------


def test_an_unreachable_database_is_answered_clearly(backend: str, tmp_path: Any) -> None:
    """Nothing listens where the database should be: GraphQL says SERVICE_UNAVAILABLE, REST answers 503."""
    live = serve(f"postgresql://postgres@127.0.0.1:{free_port()}/nwsend", tmp_path)
    try:
        with httpx.Client(base_url=live.base_url, timeout=60) as http:
            api = WritableApi(live=live, http=http, backend=backend)
            read = api.post(READ)
            assert read.status_code == 200 and read.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
            token = api.token(Role.PROVIDER_USER, provider_id=1)
            write = api.post(mutation_text("createBid"), {"input": {"round": "QXBwbGljYXRpb25Sb3VuZDox"}}, token=token)
            error = write.json()["errors"][0]
            assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE" and "Nothing was saved" in error["message"]
            rest = http.get("/ocds/releases")
            assert rest.status_code == 503, rest.text
            assert rest.json()["error"] == "service_unavailable" and rest.headers["retry-after"]
            assert rest.headers["x-request-id"] == rest.json()["requestId"]
            assert http.get("/readyz").status_code == 503 and http.get("/healthz").status_code == 200
            for answer in (read, write, rest):
                for leak in ("Traceback", "asyncpg", "Connect call failed", "127.0.0.1"):
                    assert leak not in answer.text, answer.text
    finally:
        live.stop()


# -- document storage is down when an upload is confirmed ---------------------------------------------------

DOCUMENT = "query($id: ID!) { node(id: $id) { ... on Document { status sha256 } } }"


def test_storage_down_at_confirmation_keeps_the_upload_pending_until_it_is_back(faults: Faults) -> None:
    api, world = faults.api, faults.world
    bidder = world.bidder()
    bid = ok(api, "createBid", {"round": world.round2["id"]}, bidder.token)["bid"]["id"]
    requested = request_upload(api, bidder.token, bid, PDF)
    assert requested["__typename"] == "RequestDocumentUploadPayload", requested
    document = requested["document"]["id"]
    assert upload(requested["upload"], PDF).status_code in (200, 201, 204)
    events = value(faults.url, "SELECT count(*) FROM audit_event")

    faults.moto.stop()
    try:
        with pytest.raises(httpx.TransportError):
            httpx.get(faults.moto.endpoint_url, timeout=2)  # really down
        started = time.monotonic()
        down = confirm(api, bidder.token, document)
        assert time.monotonic() - started < 30  # a bounded wait, not a hang
        assert down["__typename"] == "StorageUnavailable", down
        assert down["code"] == "STORAGE_UNAVAILABLE" and "pending" in down["message"]
        assert api.gql(DOCUMENT, {"id": document}, token=bidder.token)["node"]["status"] == "PENDING_UPLOAD"
        assert value(faults.url, "SELECT count(*) FROM audit_event") == events  # nothing recorded
        # reads that need no storage go on working
        assert api.post(READ, token=world.lead).status_code == 200
    finally:
        faults.moto.start()

    confirmed = confirm(api, bidder.token, document)
    assert confirmed["__typename"] == "ConfirmDocumentUploadPayload", confirmed
    assert confirmed["document"]["status"] == "AVAILABLE"
    assert value(faults.url, "SELECT count(*) FROM audit_event") == events + 1


# -- a worker is killed while it writes a bid ----------------------------------------------------------------


@pytest.fixture(scope="module")
def worker(faults: Faults) -> Iterator[ServerProcess]:
    settings = faults.api.app.state.settings
    process = ServerProcess(
        database_url=faults.url,
        port=free_port(),
        signing_key_file=settings.signing_key_file,
        issuer=settings.oauth_issuer,
        document_dir=settings.document_dir,
        now=DEMO_NOW,
    )
    try:
        yield process.start()
    finally:
        process.close()


def _killed_while_waiting(faults: Faults, worker: ServerProcess, name: str, input: dict[str, Any], token: str) -> None:
    """Send the mutation to the worker, SIGKILL the worker once the mutation has written and waits, let go."""

    async def kill() -> None:
        admin = await asyncpg.connect(faults.url)
        try:
            await admin.execute("SELECT pg_advisory_lock($1)", CHAIN_LOCK)
            sent = asyncio.create_task(asyncio.to_thread(raw, worker.base_url, name, input, token))
            await backend_waiting_for_the_chain(admin, faults.url, request=sent)
            worker.kill()
            await admin.execute("SELECT pg_advisory_unlock($1)", CHAIN_LOCK)
            with pytest.raises(httpx.TransportError):
                await sent
        finally:
            await admin.close()

    asyncio.run(kill())
    _wait_for_orphans(faults.url)


def _wait_for_orphans(url: str) -> None:
    """The dead worker's connections notice their client is gone, roll back and end."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        busy = value(
            url,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend' AND state NOT IN ('idle')",
            database_name(url),
        )
        if busy == 0:
            return
        time.sleep(0.05)
    raise AssertionError("a dead worker's transaction is still open")


def test_a_worker_killed_mid_write_leaves_the_bid_whole(faults: Faults, worker: ServerProcess) -> None:
    world = faults.world
    if worker.pid is None:
        worker.start()
    bidder = world.bidder()
    bid = ready_bid(world, bidder, world.round2)
    lot = world.lot_for(bidder)
    drafted = bid_state(faults.url, bid)
    assert drafted["status"] == "DRAFT" and drafted["lots"] == 1 and drafted["lots_without_pricing"] == 0

    # killed while replacing the pricing schedule: the old schedule stays, whole
    repriced = {
        "bid": bid,
        "lot": lot["id"],
        "establishments": bidder.serving(lot)[:1],
        "pricing": full_pricing(lot, base=99_000),
    }
    _killed_while_waiting(faults, worker, "setBidLot", repriced, bidder.token)
    assert bid_state(faults.url, bid) == drafted

    # killed while submitting: still the draft, at its version, with no submission recorded
    worker.start()
    version = version_of(world, bid, bidder.token)
    _killed_while_waiting(faults, worker, "submitBid", {"bid": bid, "version": version}, bidder.token)
    assert bid_state(faults.url, bid) == drafted

    # after a restart the submission goes through, once
    worker.start()
    with httpx.Client(base_url=worker.base_url, timeout=60) as client:
        submitted = client.post(
            "/graphql",
            json={"query": mutation_text("submitBid"), "variables": {"input": {"bid": bid, "version": version}}},
            headers={"Authorization": f"Bearer {bidder.token}"},
        ).json()["data"]["submitBid"]
    assert submitted["__typename"] == "SubmitBidPayload", submitted
    whole = bid_state(faults.url, bid)
    assert whole["status"] == "SUBMITTED" and whole["pricing"] == drafted["pricing"]
    assert whole["events"] == [*drafted["events"], "bid.submitted"]
    assert_chain_intact(faults.url)


def test_a_worker_killed_at_any_moment_leaves_each_bid_draft_or_submitted(
    faults: Faults, worker: ServerProcess
) -> None:
    api, world = faults.api, faults.world
    for delay in (0.0, 0.03, 0.06, 0.1, 0.15, 0.2):
        bidder = world.bidder()
        bid = ready_bid(world, bidder, world.round2)
        drafted = bid_state(faults.url, bid)
        submit = {"bid": bid, "version": drafted["version"]}
        if worker.pid is None:
            worker.start()
        sent = threading.Thread(target=_swallow, args=(raw, worker.base_url, "submitBid", submit, bidder.token))
        sent.start()
        time.sleep(delay)
        worker.kill()
        sent.join(timeout=60)
        _wait_for_orphans(faults.url)
        now = bid_state(faults.url, bid)
        if now["status"] == "DRAFT":
            assert now == drafted, delay
            assert ok(api, "submitBid", submit, bidder.token)["bid"]["status"] == "SUBMITTED"
        else:
            assert now == {**drafted, "status": "SUBMITTED", "version": drafted["version"] + 1, "events": now["events"]}
            assert now["events"] == [*drafted["events"], "bid.submitted"], delay
    assert_chain_intact(faults.url)


def _swallow(fn: Any, *args: Any) -> None:
    try:
        fn(*args)
    except httpx.TransportError:
        pass


# -- S3 in a brownout: it accepts connections and never answers ----------------------------------------------

CALL_OFFS = "{ callOffs(first: 5) { totalCount } }"


def _idle_in_transaction(url: str) -> int:
    """Connections idle inside a transaction for a third of a second or more: held while waiting on something.

    A connection is idle in transaction for a moment between the statements of any transaction; one that
    stays so while a request waits on storage (a 2-second timeout here) is what the test is for.
    """
    return int(
        value(
            url,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%' "
            "AND state_change < now() - interval '300 milliseconds'",
            database_name(url),
        )
    )


def test_an_s3_brownout_holds_no_transaction_and_the_api_stays_up(faults: Faults) -> None:
    """Confirmations wait on storage outside any transaction, for seconds at most; everything else goes on."""
    from api.storage.s3 import S3Storage

    api, world = faults.api, faults.world
    bidder = world.bidder()
    bid = ok(api, "createBid", {"round": world.round2["id"]}, bidder.token)["bid"]["id"]
    with Blackhole() as s3:
        storage = S3Storage(BUCKET, endpoint_url=s3.url, region=REGION, timeout=2.0)
        live = sibling(api.app, storage=storage)
        try:
            with httpx.Client(base_url=live.base_url, timeout=20) as http:
                brownout = WritableApi(live=live, http=http, backend=api.backend, clock=api.clock)
                documents = [request_upload(brownout, bidder.token, bid, PDF)["document"]["id"] for _ in range(4)]
                answers: list[tuple[float, dict[str, Any]]] = []

                def confirm_one(document: str) -> None:
                    with httpx.Client(base_url=live.base_url, timeout=20) as own:
                        started = time.monotonic()
                        body = own.post(
                            "/graphql",
                            json={"query": CONFIRM_TEXT, "variables": {"id": document}},
                            headers={"Authorization": f"Bearer {bidder.token}"},
                        ).json()
                        answers.append((time.monotonic() - started, body))

                threads = [threading.Thread(target=confirm_one, args=(d,)) for d in documents * 5]
                for thread in threads:
                    thread.start()
                time.sleep(1.0)  # every confirmation is now waiting on S3, for up to 2 seconds
                held = _idle_in_transaction(faults.url)
                started = time.monotonic()
                read = brownout.post(CALL_OFFS, token=world.lead)
                read_took = time.monotonic() - started
                ready = http.get("/readyz")
                for thread in threads:
                    thread.join(timeout=30)
        finally:
            live.stop()

    assert held == 0, f"{held} connections were held in a transaction while storage was called"
    assert read.status_code == 200 and "errors" not in read.json(), read.text
    assert read_took < 2, read_took
    assert ready.status_code == 200, ready.text
    assert len(answers) == 20
    for took, body in answers:
        result = body["data"]["confirmDocumentUpload"]
        assert result["__typename"] == "StorageUnavailable" and "pending" in result["message"], body
        assert took < 2.0 + 3, took  # the storage timeout, and a little
    for document in documents:
        assert api.gql(DOCUMENT, {"id": document}, token=bidder.token)["node"]["status"] == "PENDING_UPLOAD"


CONFIRM_TEXT = """mutation($id: ID!) { confirmDocumentUpload(input: {id: $id}) {
  __typename ... on MutationError { code message } ... on ConfirmDocumentUploadPayload { document { status } } } }"""


# -- the database accepts connections and never answers, or cannot finish a statement ------------------------

ANALYST_EXPORT = "/exports/call-offs.csv"


def test_a_silent_database_is_answered_within_seconds(backend: str, tmp_path: Any) -> None:
    """Connect, statement and pool timeouts: SERVICE_UNAVAILABLE and 503 with Retry-After within seconds."""
    with Blackhole() as database:
        live = serve(
            f"postgresql://postgres@127.0.0.1:{database.port}/nwsend",
            tmp_path,
            database_connect_timeout=1.0,
            database_pool_timeout=1.0,
            database_statement_timeout=2.0,
        )
        try:
            with httpx.Client(base_url=live.base_url, timeout=10) as http:
                api = WritableApi(live=live, http=http, backend=backend)
                token = api.token(Role.PROVIDER_USER, provider_id=1)
                timed: dict[str, tuple[float, httpx.Response]] = {}
                for name, call in {
                    "read": lambda: api.post(READ),
                    "write": lambda: api.post(
                        mutation_text("createBid"), {"input": {"round": "QXBwbGljYXRpb25Sb3VuZDox"}}, token=token
                    ),
                    "rest": lambda: http.get("/ocds/releases"),
                    "ready": lambda: http.get("/readyz"),
                }.items():
                    started = time.monotonic()
                    answer = call()
                    timed[name] = (time.monotonic() - started, answer)
        finally:
            live.stop()
    for name, (took, _answer) in timed.items():
        assert took < 4, (name, took)
    read, write, rest, ready = (timed[n][1] for n in ("read", "write", "rest", "ready"))
    assert read.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE", read.text
    error = write.json()["errors"][0]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE" and "Nothing was saved" in error["message"]
    assert rest.status_code == 503 and rest.headers["retry-after"] and rest.json()["error"] == "service_unavailable"
    assert ready.status_code == 503


def test_a_database_gone_silent_after_connections_were_pooled_is_answered_within_seconds(faults: Faults) -> None:
    """At the default settings: pooled connections that stop answering are found out by their check before use,
    not by a statement that waits out its whole time limit."""
    name = faults.url.rsplit("/", 1)[1]
    with SilencingProxy() as proxy:
        live = sibling(faults.api.app, database_url=f"postgresql://postgres@127.0.0.1:{proxy.port}/{name}")
        try:
            with httpx.Client(base_url=live.base_url, timeout=30) as http:
                for _ in range(3):  # the pool is warm
                    assert http.post("/graphql", json={"query": READ}).json()["data"]
                assert http.get("/readyz").status_code == 200
                proxy.silence()
                started = time.monotonic()
                read = http.post("/graphql", json={"query": READ})
                took_read = time.monotonic() - started
                started = time.monotonic()
                ready = http.get("/readyz")
                took_ready = time.monotonic() - started
        finally:
            live.stop()
    assert read.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE", read.text
    assert took_read < 8, took_read
    assert ready.status_code == 503 and took_ready < 4, took_ready


def test_a_statement_the_database_cannot_finish_is_answered_service_unavailable(faults: Faults) -> None:
    """A table locked by someone else: the statement times out, the answer is clear, and then all is well."""
    api, world = faults.api, faults.world
    live = sibling(api.app, database_statement_timeout=1.0)
    try:
        with httpx.Client(base_url=live.base_url, timeout=10) as http:
            slow = WritableApi(live=live, http=http, backend=api.backend, clock=api.clock)

            async def locked() -> tuple[float, httpx.Response, httpx.Response]:
                admin = await asyncpg.connect(faults.url)
                try:
                    transaction = admin.transaction()
                    await transaction.start()
                    await admin.execute("LOCK TABLE call_off IN ACCESS EXCLUSIVE MODE")
                    started = time.monotonic()
                    read = await asyncio.to_thread(slow.post, CALL_OFFS, token=world.lead)
                    took = time.monotonic() - started
                    rest = await asyncio.to_thread(http.get, "/ocds/releases")
                    await transaction.rollback()
                    return took, read, rest
                finally:
                    await admin.close()

            took, read, rest = asyncio.run(locked())
            assert took < 4, took
            assert read.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE", read.text
            assert rest.status_code == 503 and rest.headers["retry-after"], rest.text
            after = slow.post(CALL_OFFS, token=world.lead)
            assert after.status_code == 200 and "errors" not in after.json(), after.text
    finally:
        live.stop()


# -- CSV exports during an outage -----------------------------------------------------------------------------


def test_a_csv_export_during_an_outage_is_refused_before_the_first_byte(backend: str, tmp_path: Any) -> None:
    live = serve(f"postgresql://postgres@127.0.0.1:{free_port()}/nwsend", tmp_path)
    try:
        with httpx.Client(base_url=live.base_url, timeout=10) as http:
            api = WritableApi(live=live, http=http, backend=backend)
            token = api.token(Role.AUTHORITY_ANALYST, authority_id=1)
            for path in (ANALYST_EXPORT, "/exports/spend.csv"):
                answer = http.get(path, headers={"Authorization": f"Bearer {token}"})
                assert answer.status_code == 503, (path, answer.status_code, answer.text)
                assert answer.headers["retry-after"] and answer.json()["error"] == "service_unavailable"
    finally:
        live.stop()


# -- "nothing was saved" only when nothing was ---------------------------------------------------------------

CREATE_AND_READ_BACK = """mutation($input: CreateBidInput!) { createBid(input: $input) { __typename
  ... on CreateBidPayload { bid { id status round { id number } provider { legalName } } } } }"""


def test_a_connection_lost_after_the_commit_never_says_nothing_was_saved(faults: Faults) -> None:
    """The mutation committed; its answer's nested fields could not be read. Saying "nothing was saved" would
    invite a duplicate: the answer says it was saved, and how to see it."""
    api, world = faults.api, faults.world
    bidder = world.bidder()
    engine = api.app.state.engine.sync_engine
    armed: list[bool] = []
    dropped: list[int] = []

    def after_commit(connection: Any) -> None:
        armed.append(True)

    def drop_next_statement(connection: Any, *args: Any) -> None:  # the first read after the commit
        if armed and not dropped:
            other = threading.Thread(target=lambda: dropped.append(_terminate_every_connection(faults.url)))
            other.start()
            other.join()

    event.listen(engine, "commit", after_commit)
    event.listen(engine, "before_cursor_execute", drop_next_statement)
    try:
        response = api.post(CREATE_AND_READ_BACK, {"input": {"round": world.round2["id"]}}, token=bidder.token)
    finally:
        event.remove(engine, "commit", after_commit)
        event.remove(engine, "before_cursor_execute", drop_next_statement)
    assert dropped and dropped[0], "no connection was dropped"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE", error
    assert "nothing was saved" not in error["message"].lower(), error
    assert "was saved" in error["message"] and "read it again" in error["message"].lower(), error
    # it was: the bid and its audit event are there, once
    mine = "query($r: ID!) { bids(first: 5, filter: {round: $r}) { totalCount edges { node { id } } } }"
    bids = api.gql(mine, {"r": world.round2["id"]}, token=bidder.token)["bids"]
    assert bids["totalCount"] == 1
    events = value(
        faults.url,
        "SELECT count(*) FROM audit_event WHERE entity_type = 'Bid' AND entity_id = $1 AND action = 'bid.created'",
        pk(bids["edges"][0]["node"]["id"]),
    )
    assert events == 1


# -- a connection lost after the answer was sent ----------------------------------------------------------------


def test_a_connection_lost_after_the_answer_leaves_the_clients_connection_open(
    faults: Faults, caplog: pytest.LogCaptureFixture
) -> None:
    """The session's connection dies between the answer and the session's end: nothing escapes the app, and the
    client's keep-alive connection serves its next request."""
    import http.client

    api, world = faults.api, faults.world
    engine = api.app.state.engine.sync_engine
    dropped: list[int] = []

    def drop_before_rollback(connection: Any) -> None:  # the session ends its read-only transaction
        if not dropped:
            other = threading.Thread(target=lambda: dropped.append(_terminate_every_connection(faults.url)))
            other.start()
            other.join()

    host, port = api.live.base_url.removeprefix("http://").split(":")
    client = http.client.HTTPConnection(host, int(port), timeout=10)
    headers = {"Authorization": f"Bearer {world.lead}", "Content-Type": "application/json"}
    body = json.dumps({"query": CALL_OFFS})
    try:
        event.listen(engine, "rollback", drop_before_rollback)
        with caplog.at_level(logging.WARNING):
            try:
                client.request("POST", "/graphql", body=body, headers=headers)
                first = client.getresponse()
                first_body = first.read()
                time.sleep(0.5)  # the session is closed after the answer
            finally:
                event.remove(engine, "rollback", drop_before_rollback)
            assert dropped and dropped[0], "no connection was dropped"
            assert first.status == 200 and b'"errors"' not in first_body, first_body
            client.request("POST", "/graphql", body=body, headers=headers)  # the same connection
            second = client.getresponse()
            assert second.status == 200 and b'"errors"' not in second.read()
    finally:
        client.close()
    assert not [r for r in caplog.records if "Exception in ASGI application" in r.getMessage()], caplog.text
