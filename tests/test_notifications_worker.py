"""The relay as its own process (``python -m api.cli worker``): the files channel, giving up, retrying, and Notify.

Referrals are opened over GraphQL on the real app; a worker process then delivers the outbox:
to ``.eml`` files (the embedded default), to an SMTP port where nothing listens (until it gives up
and the lead authority sees the failures), and to a local stand-in for GOV.UK Notify that checks the
real client's token as Notify does.
"""

from __future__ import annotations

import email
import email.policy
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.auth.actor import Role
from tests.notification_support import cli, outbox, sql
from tests.support import LiveServer, WritableApi, free_port
from tests.test_referrals import CHILD, REFERRAL, call, create, pk

FAILED = """query { notifications(status: FAILED, first: 100) {
  totalCount nodes { reference kind status attempts lastError failedAt recipientType recipient } } }"""


@pytest.fixture(scope="module")
def world(writable_with_people: WritableApi) -> dict[str, Any]:
    api = writable_with_people
    lots = api.gql("{ purchasingSystems(first: 1) { edges { node { lots { id code } } } } }")
    return {
        "api": api,
        "url": api.app.state.settings.database_url,
        "lots": {x["code"]: x["id"] for x in lots["purchasingSystems"]["edges"][0]["node"]["lots"]},
        "commissioner": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=1),
        "lead": api.token(Role.LEAD_ADMIN, authority_id=1),
        "analyst": api.token(Role.AUTHORITY_ANALYST, authority_id=1),
    }


def open_referral(world: dict[str, Any]) -> int:
    referral = create(world)
    opened = call(
        world["api"], "openReferral", {"referral": referral["id"]}, world["commissioner"], f"referral {{ {REFERRAL} }}"
    )
    assert opened["__typename"] == "OpenReferralPayload", opened
    return pk(referral["id"])


def deliverable(rows: list[Any]) -> list[Any]:
    return [r for r in rows if r.skipped_at is None]


def test_the_worker_writes_mail_files_gives_up_and_retries_on_request(world: dict[str, Any], tmp_path: Path) -> None:
    api, url = world["api"], world["url"]
    referral = open_referral(world)
    rows = deliverable(outbox(url, referral))
    assert rows and all(r.next_attempt_at is not None for r in rows)  # pending, waiting for a relay

    # nothing listens on the SMTP port: two attempts, then the notifications are left FAILED
    down = {
        "SMTP_URL": f"smtp://127.0.0.1:{free_port()}",
        "NOTIFY_MAX_ATTEMPTS": "2",
        # with jitter, 1 to 2 seconds: well after the first pass, even on a loaded machine
        "NOTIFY_BACKOFF_SECONDS": "2",
        "NOTIFY_BACKOFF_MAX_SECONDS": "2",
    }
    cli(url, "worker", "--once", env=down)
    rows = deliverable(outbox(url, referral))
    assert all(r.attempts == 1 and r.failed_at is None and r.last_error for r in rows)
    time.sleep(2.1)
    out = cli(url, "worker", "--once", env=down)
    assert "FAILED after 2 attempt(s)" in out  # the log line an operator watches for
    rows = deliverable(outbox(url, referral))
    assert all(r.failed_at is not None and r.sent_at is None and r.attempts == 2 for r in rows), rows
    assert all("could not reach the SMTP server" in r.last_error for r in rows)

    # the lead authority reads them; nobody else may
    failed = api.gql(FAILED, token=world["lead"])["notifications"]
    shown = {n["reference"]: n for n in failed["nodes"]}
    for row in rows:
        node = shown[str(row.id)]
        assert node["status"] == "FAILED" and node["kind"] == "referral.invited" and node["attempts"] == 2
        assert "SMTP" in node["lastError"] and node["recipientType"] == "Provider"
    assert api.errors(FAILED, token=world["analyst"])[0]["extensions"]["code"] == "FORBIDDEN"
    assert CHILD["reference"] not in str(failed)

    # retried on request, they go out through the embedded default: mail files
    assert "will be tried again" in cli(url, "retry-notifications")
    mail_dir = tmp_path / "mail"
    cli(url, "worker", "--once", env={"MAIL_DIR": str(mail_dir)})
    rows = deliverable(outbox(url, referral))
    assert all(r.sent_at is not None and r.failed_at is None for r in rows)
    for row in rows:
        [path] = mail_dir.glob(f"{row.id:08d}-referral.invited.eml")
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert message["To"] == row.email and message["X-Notification-Id"] == str(row.id)
        assert f"NWR-{referral:06d}" in message["Subject"]
        assert CHILD["reference"] not in message.as_string() and CHILD["needsSummary"] not in message.as_string()
    # (the reminders the worker wrote meanwhile, the demo's annual reviews', failed and were retried with them)
    still = {n["reference"] for n in api.gql(FAILED, token=world["lead"])["notifications"]["nodes"]}
    assert not still & {str(row.id) for row in rows} and len(still) <= failed["totalCount"] - len(rows)


# -- GOV.UK Notify ------------------------------------------------------------------------------


class NotifyStandIn:
    """``POST /v2/notifications/email`` as GOV.UK Notify answers it, checking the client's token as Notify does."""

    def __init__(self) -> None:
        self.service_id, self.secret = str(uuid.uuid4()), str(uuid.uuid4())
        self.api_key = f"nwsend_test-{self.service_id}-{self.secret}"
        self.good, self.bad, self.flaky = (str(uuid.uuid4()) for _ in range(3))
        self.fail_each = 0  # 5xx answers to each reference before it is accepted (the flaky template)
        self.failed: dict[str, int] = {}
        self.accepted: list[dict[str, Any]] = []
        self.refused_tokens = 0
        self.app = Starlette(routes=[Route("/v2/notifications/email", self.send, methods=["POST"])])

    async def send(self, request: Request) -> JSONResponse:
        header = request.headers.get("authorization", "")
        try:
            claims = jwt.decode(header.removeprefix("Bearer "), self.secret, algorithms=["HS256"])
            assert claims["iss"] == self.service_id and abs(time.time() - claims["iat"]) < 30
        except (jwt.PyJWTError, AssertionError, KeyError):
            self.refused_tokens += 1
            return _error(403, "AuthError", "Invalid token: signature, api token not found")
        body = await request.json()
        if body["template_id"] == self.bad:
            return _error(400, "BadRequestError", "Template not found")
        reference = str(body.get("reference"))
        if body["template_id"] == self.flaky and self.failed.get(reference, 0) < self.fail_each:
            self.failed[reference] = self.failed.get(reference, 0) + 1
            return _error(500, "Exception", "Internal server error")
        if body["template_id"] not in (self.good, self.flaky):
            return _error(400, "ValidationError", "template_id is not a valid UUID")
        notification_id = str(uuid.uuid4())
        self.accepted.append(body)
        return JSONResponse(
            {
                "id": notification_id,
                "reference": body.get("reference"),
                "content": {"subject": "subject", "body": "body", "from_email": "service@notifications.service.gov.uk"},
                "uri": f"http://notify.invalid/v2/notifications/{notification_id}",
                "template": {"id": body["template_id"], "version": 1, "uri": "http://notify.invalid/template"},
            },
            status_code=201,
        )


def _error(status: int, error: str, message: str) -> JSONResponse:
    return JSONResponse({"status_code": status, "errors": [{"error": error, "message": message}]}, status_code=status)


@pytest.fixture(scope="module")
def notify(backend: str) -> Iterator[tuple[NotifyStandIn, str]]:
    """A stand-in of each backend's own: the two databases' notifications have the same ids."""
    stand_in = NotifyStandIn()
    live = LiveServer(stand_in.app).start()
    try:
        yield stand_in, live.base_url
    finally:
        live.stop()


def _notify_env(stand_in: NotifyStandIn, base_url: str, template: str, **more: str) -> dict[str, str]:
    return {
        "NOTIFY_API_KEY": stand_in.api_key,
        "NOTIFY_BASE_URL": base_url,
        "NOTIFY_TEMPLATES": f"referral.invited={template},email.verification={stand_in.good}",
        "NOTIFY_BACKOFF_SECONDS": "0.05",
        "NOTIFY_BACKOFF_MAX_SECONDS": "0.05",
        **more,
    }


def test_gov_uk_notify_takes_each_message_with_its_template_and_reference(
    world: dict[str, Any], notify: tuple[NotifyStandIn, str]
) -> None:
    stand_in, base_url = notify
    referral = open_referral(world)
    cli(world["url"], "worker", "--once", env=_notify_env(stand_in, base_url, stand_in.good))
    rows = deliverable(outbox(world["url"], referral))
    by_reference = {body["reference"]: body for body in stand_in.accepted}
    assert stand_in.refused_tokens == 0
    for row in rows:
        assert row.sent_at is not None and row.attempts == 1
        sent = by_reference[str(row.id)]
        assert sent["email_address"] == row.email and sent["template_id"] == stand_in.good
        assert row.provider_message_id and row.provider_message_id != str(row.id)  # Notify's own id
        fields = sent["personalisation"]
        assert set(fields) == {"referral", "lot", "deadline", "startBy", "link"}  # personalisation only
        assert fields["referral"] == f"NWR-{referral:06d}" and fields["lot"] == "L1"
        assert CHILD["reference"] not in str(sent) and CHILD["needsSummary"] not in str(sent)


def test_a_notify_400_fails_at_once_with_notifys_message(
    world: dict[str, Any], notify: tuple[NotifyStandIn, str]
) -> None:
    stand_in, base_url = notify
    referral = open_referral(world)
    cli(world["url"], "worker", "--once", env=_notify_env(stand_in, base_url, stand_in.bad))
    rows = deliverable(outbox(world["url"], referral))
    assert rows and all(r.failed_at is not None and r.attempts == 1 for r in rows), rows  # not retried
    assert all(r.last_error == "GOV.UK Notify answered 400: Template not found" for r in rows)
    failed = world["api"].gql(FAILED, token=world["lead"])["notifications"]["nodes"]
    assert {str(r.id) for r in rows} <= {n["reference"] for n in failed}


def test_a_notify_5xx_is_retried_then_delivered(world: dict[str, Any], notify: tuple[NotifyStandIn, str]) -> None:
    stand_in, base_url = notify
    referral = open_referral(world)
    rows = deliverable(outbox(world["url"], referral))
    stand_in.fail_each = 2  # every message is answered 500 twice
    env = _notify_env(stand_in, base_url, stand_in.flaky)
    for _ in range(10):
        cli(world["url"], "worker", "--once", env=env)
        rows = deliverable(outbox(world["url"], referral))
        if all(r.sent_at is not None for r in rows):
            break
        time.sleep(0.1)
    assert all(r.sent_at is not None and r.failed_at is None and r.attempts == 3 for r in rows), rows
    assert all(stand_in.failed[str(r.id)] == 2 for r in rows)
    assert {str(r.id) for r in rows} <= {body["reference"] for body in stand_in.accepted}
    assert sql(world["url"], "SELECT count(*) AS n FROM notification WHERE last_error LIKE '%500%'")[0].n == 0
