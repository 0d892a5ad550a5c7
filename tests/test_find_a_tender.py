"""Procurement Act notices published on Find a Tender by the real relay, against a local stand-in for the service.

Each test writes a notice straight into the model with a small release that passes the merged OCDS schema,
queues it with :func:`api.domain.notices.queue` (its ``FIND_A_TENDER`` outbox row), and runs the relay, on SQLite
and on PostgreSQL, with the channel built from the settings as ``serve`` and ``worker`` build it. The stand-in
(``tests/find_a_tender_standin.py``) checks the CDP API key and validates what it is sent.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.delivery.base import Permanent, Retryable
from api.delivery.find_a_tender import CHANNEL, FindATenderChannel, NoticeMessage, find_a_tender_channels
from api.domain import inbox, notices, notifications, ocds_schema
from api.domain.errors import ValidationError
from api.domain.notification_kinds import KINDS, Kind
from api.domain.relay import NOTICE_EXTENSIONS, Relay, RelayPolicy
from api.domain.webhooks import checked_kinds, webhook_kinds
from db import models as m
from db.engine import create_engine, session_factory
from db.enums import AdmissionMode, AuthorityRole, NoticeType, Regime
from db.migrate import upgrade
from tests.find_a_tender_standin import FindATenderStandIn, find_a_tender
from tests.support import fresh_database

API_KEY = "cdp-test-key-7f3a"
PUBLIC_URL = "https://fps.example.org"
SYSTEM_OCID = "ocds-h6vhtk-nwsend-fps-2026"
_serial = itertools.count(1)


def a_release(*, serial: int, **tender: Any) -> dict[str, Any]:
    """A tender notice (UK4) of the test system's process, small but valid under the merged schema."""
    release = {
        "ocid": SYSTEM_OCID,
        "id": f"{SYSTEM_OCID}-uk4-{serial}",
        "date": "2026-03-09T12:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        "language": "en",
        "parties": [
            {
                "id": "GB-GSS-E06000049",
                "name": "Cheshire East Council",
                "identifier": {"scheme": "GB-GSS", "id": "E06000049", "legalName": "Cheshire East Council"},
                "address": {"locality": "Sandbach", "countryName": "United Kingdom", "country": "GB"},
                "roles": ["buyer"],
            }
        ],
        "buyer": {"id": "GB-GSS-E06000049", "name": "Cheshire East Council"},
        "tender": {
            "id": f"NWSEND-FPS-2026-{serial}",
            "title": "North West SEND dynamic market: competition among members",
            "status": "active",
            "procurementMethod": "selective",
            "mainProcurementCategory": "services",
            "documents": [{"id": "1", "documentType": "tenderNotice", "noticeType": "UK4"}],
            **tender,
        },
    }
    return release


# -- the world: a migrated database with one system, and the relay -------------------------------


async def _prepare(url: str) -> int:
    engine = create_engine(url)
    try:
        await upgrade(engine)
        async with session_factory(engine)() as session, session.begin():
            authority = m.Authority(gss_code="E06000049", name="Cheshire East Council", role=AuthorityRole.LEAD)
            session.add(authority)
            await session.flush()
            system = m.PurchasingSystem(
                title="North West SEND dynamic market",
                reference="NWSEND-DM-2026",
                ocid=SYSTEM_OCID,
                regime=Regime.PA2023_DYNAMIC_MARKET,
                admission_mode=AdmissionMode.CONTINUOUS,
                term_start=dt.date(2026, 4, 1),
                term_end=dt.date(2030, 3, 31),
                lead_authority_id=authority.id,
            )
            session.add(system)
            await session.flush()
            return system.id
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
def database(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    with fresh_database(backend, tmp_path_factory.mktemp(f"fts-{backend}")) as url:
        system_id = asyncio.run(_prepare(url))
        yield url, system_id


@pytest.fixture(scope="module")
def standin() -> Iterator[FindATenderStandIn]:
    with find_a_tender(API_KEY) as running:
        yield running


def settings(standin: FindATenderStandIn | None, *, api_key: str = API_KEY) -> Settings:
    """The relay's settings: Find a Tender configured (at the stand-in) or not."""
    return Settings(
        oauth_issuer=PUBLIC_URL,
        notify_backoff_seconds=0.05,
        notify_backoff_max_seconds=0.1,
        notify_delivery_timeout=5.0,
        notify_lease_seconds=10.0,
        notify_max_attempts=5,
        find_a_tender_url=standin.url if standin is not None else None,
        find_a_tender_api_key=api_key if standin is not None else None,
    )


async def _queue(url: str, system_id: int, release: dict[str, Any]) -> tuple[int, int]:
    """Store the notice and queue it; its id and its outbox row's."""
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session, session.begin():
            now = dt.datetime.now(dt.UTC)
            notice = m.ProcurementNotice(
                notice_type=NoticeType.TENDER,
                system_id=system_id,
                ocid=release["ocid"],
                release_id=release["id"],
                release=release,
                problems=None,
                created_at=now,
            )
            session.add(notice)
            await session.flush()
            row = await notices.queue(session, now=now, notice=notice)
            return notice.id, row.id
    finally:
        await engine.dispose()


async def _relay(url: str, config: Settings, *, until: Any = None, passes: int = 1) -> None:
    """Run the relay as ``serve`` builds it: once, ``passes`` times, or until ``until(session)`` holds."""
    engine = create_engine(url)
    try:
        relay = Relay(
            session_factory(engine),
            {"EMAIL": _NoMail(), **find_a_tender_channels(config)},
            RelayPolicy.from_settings(config),
            name="relay-fts",
        )
        deadline = asyncio.get_running_loop().time() + 30
        for _ in range(passes) if until is None else itertools.count():
            await relay.run_once()
            if until is not None:
                async with session_factory(engine)() as session:
                    if await until(session):
                        return
                assert asyncio.get_running_loop().time() < deadline, "timed out waiting for the relay"
                await asyncio.sleep(0.05)
    finally:
        await engine.dispose()


class _NoMail:
    name = "no-mail"

    async def deliver(self, message: Any) -> Any:
        raise AssertionError("a notice never goes by e-mail")


async def _read(url: str, notice_id: int, row_id: int) -> tuple[Any, Any]:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            notice = await session.get(m.ProcurementNotice, notice_id)
            row = await session.get(m.Notification, row_id)
            return notice, row
    finally:
        await engine.dispose()


def status(notice: m.ProcurementNotice) -> str:
    """The notice's derived status (db/models/notice.py)."""
    if notice.published_at is not None:
        return "PUBLISHED"
    if notice.failed_at is not None:
        return "FAILED"
    return "QUEUED" if notice.queued_at is not None else "DRAFT"


def published(notice_id: int) -> Any:
    async def check(session: AsyncSession) -> bool:
        return bool(
            await session.scalar(select(m.ProcurementNotice.published_at).where(m.ProcurementNotice.id == notice_id))
        )

    return check


def sent_for(standin: FindATenderStandIn, release_id: str) -> list[Any]:
    return [
        r for r in standin.received() if r.body and json.loads(r.body).get("releases", [{}])[0].get("id") == release_id
    ]


# -- the tests ----------------------------------------------------------------------------------


def test_a_queued_notice_is_published_and_gets_its_id(database: tuple[str, int], standin: FindATenderStandIn) -> None:
    url, system_id = database
    release = a_release(serial=next(_serial))
    assert ocds_schema.problems(release) == []
    notice_id, row_id = asyncio.run(_queue(url, system_id, release))
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "QUEUED" and row.channel == CHANNEL and row.kind == Kind.NOTICE_TO_FIND_A_TENDER.value

    asyncio.run(_relay(url, settings(standin)))
    [request] = sent_for(standin, release["id"])
    assert request.status == 201
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "PUBLISHED", (notice.last_error, row.last_error)
    assert notice.fts_notice_id == request.answer["noticeId"] and notice.last_error is None and notice.failed_at is None
    assert row.sent_at is not None and row.provider_message_id == notice.fts_notice_id and row.attempts == 1
    assert row.next_attempt_at is None and row.last_error is None

    asyncio.run(_relay(url, settings(standin), passes=2))  # nothing more goes: it is settled
    assert len(sent_for(standin, release["id"])) == 1


def test_the_request_carries_the_key_and_nothing_but_the_release(
    database: tuple[str, int], standin: FindATenderStandIn
) -> None:
    url, system_id = database
    release = a_release(serial=next(_serial))
    notice_id, row_id = asyncio.run(_queue(url, system_id, release))
    asyncio.run(_relay(url, settings(standin)))
    [request] = sent_for(standin, release["id"])
    assert request.method == "POST" and request.path == "/api/notices"
    headers = request.headers
    assert headers["cdp-api-key"] == API_KEY
    assert headers["content-type"] == "application/json" and headers["accept"] == "application/json"
    assert not {"authorization", "cookie", "proxy-authorization"} & set(headers)
    package = request.json()
    assert set(package) == {"uri", "version", "extensions", "publishedDate", "publisher", "license", "releases"}
    assert package["version"] == "1.1" and package["releases"] == [release]  # the release exactly as stored
    assert package["extensions"] == list(NOTICE_EXTENSIONS)
    assert package["uri"] == f"{PUBLIC_URL}/ocds/records/{SYSTEM_OCID}#{release['id']}"
    assert API_KEY not in request.body.decode()  # the key travels in its header only
    notice, _ = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "PUBLISHED"


def test_a_503_is_retried_then_published(database: tuple[str, int], standin: FindATenderStandIn) -> None:
    url, system_id = database
    release = a_release(serial=next(_serial))
    notice_id, row_id = asyncio.run(_queue(url, system_id, release))
    before = len(standin.received())
    standin.unavailable(2)

    asyncio.run(_relay(url, settings(standin)))  # one attempt: 503
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "QUEUED" and row.next_attempt_at is not None and row.failed_at is None
    assert "503" in notice.last_error and "temporarily unavailable" in notice.last_error
    assert row.last_error == notice.last_error and row.attempts == 1

    asyncio.run(_relay(url, settings(standin), until=published(notice_id)))
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "PUBLISHED" and notice.last_error is None and notice.fts_notice_id
    assert row.sent_at is not None and row.attempts == 3 and row.last_error is None
    answers = [r.status for r in standin.received()[before:]]
    assert answers == [503, 503, 201], answers


def test_a_400_leaves_the_notice_failed_with_the_services_message(
    database: tuple[str, int], standin: FindATenderStandIn
) -> None:
    url, system_id = database
    serial = next(_serial)
    release = a_release(serial=serial, status="someday")  # not a tender status: Find a Tender refuses it
    notice_id, row_id = asyncio.run(_queue(url, system_id, release))

    asyncio.run(_relay(url, settings(standin), passes=3))
    [request] = sent_for(standin, release["id"])  # refused once, never tried again
    assert request.status == 400
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "FAILED" and notice.fts_notice_id is None and notice.failed_at is not None
    assert notice.last_error.startswith("Find a Tender answered 400: The notice is not valid")
    assert "release.tender.status" in notice.last_error and "someday" in notice.last_error
    assert row.failed_at is not None and row.sent_at is None and row.next_attempt_at is None and row.attempts == 1
    assert row.last_error == notice.last_error


def test_a_wrong_key_fails_at_once_with_the_services_words(
    database: tuple[str, int], standin: FindATenderStandIn
) -> None:
    url, system_id = database
    release = a_release(serial=next(_serial))
    notice_id, row_id = asyncio.run(_queue(url, system_id, release))
    asyncio.run(_relay(url, settings(standin, api_key="not-the-key"), passes=2))
    [request] = sent_for(standin, release["id"])
    assert request.status == 401 and request.headers["cdp-api-key"] == "not-the-key"
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "FAILED" and notice.last_error == "Find a Tender answered 401: Access Denied"
    assert row.failed_at is not None

    # the key put right, `retry-notifications` sends it again: published, and FAILED no more
    asyncio.run(_retry_failed(url, row_id))
    asyncio.run(_relay(url, settings(standin)))
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "PUBLISHED" and notice.failed_at is None and notice.last_error is None
    assert row.sent_at is not None and row.failed_at is None and row.attempts == 1
    assert [r.status for r in sent_for(standin, release["id"])] == [401, 201]


async def _retry_failed(url: str, row_id: int) -> None:
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session, session.begin():
            assert await notifications.retry_failed(session, now=dt.datetime.now(dt.UTC), ids=[row_id]) == 1
    finally:
        await engine.dispose()


def test_without_configuration_the_row_is_not_claimed_and_the_notice_stays_queued(
    database: tuple[str, int], standin: FindATenderStandIn
) -> None:
    url, system_id = database
    release = a_release(serial=next(_serial))
    notice_id, row_id = asyncio.run(_queue(url, system_id, release))
    unconfigured = settings(None)
    assert find_a_tender_channels(unconfigured) == {}

    asyncio.run(_relay(url, unconfigured, passes=2))
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "QUEUED" and notice.last_error is None
    assert row.attempts == 0 and row.next_attempt_at is not None and row.sent_at is None and row.failed_at is None
    assert sent_for(standin, release["id"]) == []

    # configured later, the relay takes it
    asyncio.run(_relay(url, settings(standin)))
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "PUBLISHED" and row.attempts == 1


def test_a_notice_published_already_is_not_sent_again(database: tuple[str, int], standin: FindATenderStandIn) -> None:
    """A row retried after its notice was published (a relay that lost its lease, a retry by hand) settles as sent."""
    url, system_id = database
    release = a_release(serial=next(_serial))
    notice_id, row_id = asyncio.run(_queue(url, system_id, release))

    async def publish_meanwhile() -> None:
        engine = create_engine(url)
        try:
            async with session_factory(engine)() as session, session.begin():
                notice = await session.get(m.ProcurementNotice, notice_id)
                assert notice is not None
                notice.published_at, notice.fts_notice_id = dt.datetime.now(dt.UTC), "000999-2026"
        finally:
            await engine.dispose()

    asyncio.run(publish_meanwhile())
    asyncio.run(_relay(url, settings(standin)))
    assert sent_for(standin, release["id"]) == []
    notice, row = asyncio.run(_read(url, notice_id, row_id))
    assert status(notice) == "PUBLISHED" and row.sent_at is not None and row.provider_message_id == "000999-2026"


# -- the channel alone, the settings, and the kind ------------------------------------------------


def _message(body: bytes = b'{"releases": []}') -> NoticeMessage:
    return NoticeMessage(reference="1", release_id="r-1", body=body)


def _answering(status: int, body: Any, *, seen: list[httpx.Request] | None = None) -> FindATenderChannel:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return httpx.Response(status, content=content, headers={"content-type": "application/json"})

    return FindATenderChannel(
        url="https://fts.example.org/api/notices", api_key=API_KEY, transport=httpx.MockTransport(handler)
    )


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ({"noticeId": "000123-2026"}, "000123-2026"),
        ({"submission_id": "20260309-000050"}, "20260309-000050"),
        ({"id": 42}, "42"),
    ],
)
def test_the_notice_id_is_read_from_the_answer(answer: dict[str, Any], expected: str) -> None:
    delivered = asyncio.run(_answering(201, answer).deliver(_message()))
    assert delivered.provider_message_id == expected and delivered.status_code == 201


@pytest.mark.parametrize(
    ("status", "body", "failure", "words"),
    [
        (200, {"status": "RECEIVED"}, Permanent, "named no notice"),
        (429, {"message": "Too many requests"}, Retryable, "429: Too many requests"),
        (500, b"<html>Internal error</html>", Retryable, "500: <html>Internal error</html>"),
        (502, b"", Retryable, "Find a Tender answered 502"),
        (
            400,
            {"errors": [{"path": "tender.title", "message": "is required"}, "no buyer"]},
            Permanent,
            "tender.title: is required; no buyer",
        ),
        (
            403,
            {"error": "Access Denied", "message": "The CDP key is not valid"},
            Permanent,
            "The CDP key is not valid; Access Denied",
        ),
        (422, {"errors": {"tender.value": ["must be positive"]}}, Permanent, "tender.value: must be positive"),
        (302, b"", Permanent, "redirect"),
    ],
)
def test_answers_are_told_apart_with_the_services_words(status: int, body: Any, failure: type, words: str) -> None:
    with pytest.raises(failure) as raised:
        asyncio.run(_answering(status, body).deliver(_message()))
    assert words in raised.value.message, raised.value.message


def test_a_long_message_is_trimmed_to_one_line() -> None:
    with pytest.raises(Permanent) as raised:
        asyncio.run(_answering(400, {"message": "bad\n\tvalue " * 400}).deliver(_message()))
    message = raised.value.message
    assert len(message) < 600 and "\n" not in message and message.endswith("…")


def test_no_connection_and_no_answer_are_retryable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    channel = FindATenderChannel(
        url="https://fts.example.org/api/notices", api_key=API_KEY, transport=httpx.MockTransport(refuse)
    )
    with pytest.raises(Retryable, match="could not reach Find a Tender"):
        asyncio.run(channel.deliver(_message()))

    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return httpx.Response(201, json={"noticeId": "x"})

    channel = FindATenderChannel(
        url="https://fts.example.org/api/notices", api_key=API_KEY, timeout=0.2, transport=httpx.MockTransport(slow)
    )
    with pytest.raises(Retryable, match="did not answer"):
        asyncio.run(channel.deliver(_message()))


def test_the_body_goes_as_given_with_the_key_in_its_header() -> None:
    seen: list[httpx.Request] = []
    asyncio.run(_answering(201, {"noticeId": "1"}, seen=seen).deliver(_message(b'{"releases":[{"id":"r-1"}]}')))
    [request] = seen
    assert request.method == "POST" and str(request.url) == "https://fts.example.org/api/notices"
    assert request.content == b'{"releases":[{"id":"r-1"}]}'
    assert request.headers["CDP-Api-Key"] == API_KEY and request.headers["Accept"] == "application/json"


def test_the_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIND_A_TENDER_URL", raising=False)
    monkeypatch.delenv("FIND_A_TENDER_API_KEY", raising=False)
    assert Settings.from_env().find_a_tender_url is None and find_a_tender_channels(Settings.from_env()) == {}

    monkeypatch.setenv("FIND_A_TENDER_URL", "https://www.find-tender.service.gov.uk/api/notices")
    with pytest.raises(ValueError, match="FIND_A_TENDER_API_KEY"):
        Settings.from_env()
    monkeypatch.setenv("FIND_A_TENDER_API_KEY", "cdp-key")
    configured = Settings.from_env()
    assert configured.find_a_tender_url == "https://www.find-tender.service.gov.uk/api/notices"
    assert configured.find_a_tender_api_key == "cdp-key"
    [channel] = find_a_tender_channels(configured).values()
    assert isinstance(channel, FindATenderChannel) and channel.url == configured.find_a_tender_url

    for refused in ("http://fts.example.org/api", "ftp://fts.example.org", "https://user:pw@fts.example.org/api"):
        monkeypatch.setenv("FIND_A_TENDER_URL", refused)
        with pytest.raises(ValueError, match="FIND_A_TENDER_URL"):
            Settings.from_env()
    monkeypatch.setenv("FIND_A_TENDER_URL", "http://127.0.0.1:8081/api/notices")  # loopback, in development
    assert Settings.from_env().find_a_tender_url == "http://127.0.0.1:8081/api/notices"
    monkeypatch.setenv("APP_ENV", "production")
    with pytest.raises(ValueError, match="https"):
        Settings.from_env()


def test_the_kind_is_never_a_webhook_or_an_email_preference() -> None:
    kind = Kind.NOTICE_TO_FIND_A_TENDER
    assert not KINDS[kind].emailed and not KINDS[kind].optional
    assert kind.value not in webhook_kinds()
    with pytest.raises(ValidationError):
        checked_kinds([kind.value])
    assert kind not in {p.kind for p in inbox.preferences(None)}
    assert kind.value not in inbox.inbox_kinds()
    assert Path(__file__).name == "test_find_a_tender.py"
