"""Webhooks end to end: endpoints registered through GraphQL, events delivered by the server's own relay.

A receiver (a small Starlette app on a loopback port, in a thread) records every request; each event is
verified with the ``standardwebhooks`` package, independently of our signing code, with the secret the
endpoint was given. Also: failures retried and logged, 4xx not retried, rotation, URL checks, tenancy, and
the bounds on the requests the server makes to URLs organisations register (SSRF: docs/security.md, API7).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.auth.actor import Role
from api.delivery import Permanent, Retryable
from api.delivery.webhooks import WebhookChannel, WebhookMessage, embedded_ipv4, ip_literal, is_public_address
from api.domain.clock import FixedClock
from api.domain.errors import ValidationError
from api.domain.webhooks import checked_resolution, checked_url
from tests.conftest import _migrate_seed_and_people
from tests.notification_support import sql, wait_until
from tests.support import DEMO_NOW, LiveServer, WritableApi, fresh_database, serve
from tests.test_referrals import CHILD, REFERRAL, call, create, pk

NEED_CODES = ("ASD", "SLCN")
TIMEOUT = 1.0  # WEBHOOK_TIMEOUT in these tests
RELAY = {
    "notify_relay": True,
    "notify_poll_seconds": 0.1,
    "notify_backoff_seconds": 0.2,
    "notify_backoff_max_seconds": 0.5,
    "notify_max_attempts": 10,
    "notify_lease_seconds": 10.0,
    "notify_delivery_timeout": 5.0,
    "webhook_timeout": TIMEOUT,
}
ENDPOINT = "id url kinds enabled secretRotatedAt previousSecretExpiresAt disabledAt owner"
LOG = "recentDeliveries(first: 10) { attemptNumber outcome statusCode error kind reference subject attemptedAt }"


# -- a receiver ---------------------------------------------------------------------------------


@dataclass
class Hit:
    name: str
    headers: dict[str, str]
    body: bytes
    answered: Any


@dataclass
class Receiver:
    """Records each POST to ``/hooks/{name}``; answers each with the next planned answer, then 204.

    An answer is a status code, ``"slow"`` (no answer for 5 seconds), ``"redirect"`` (302 to
    ``/hooks/redirected``) or ``"big"`` (500 with a 4 MiB body).
    """

    hits: list[Hit] = field(default_factory=list)
    plans: dict[str, list[Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    live: LiveServer | None = None

    async def hook(self, request: Request) -> Response:
        name = request.path_params["name"]
        body = await request.body()
        with self.lock:
            plan = self.plans.get(name) or []
            answer = plan.pop(0) if plan else 204
            self.hits.append(Hit(name, dict(request.headers), body, answer))
        if answer == "slow":
            await asyncio.sleep(5)
            return Response(status_code=204)
        if answer == "redirect":
            return Response(status_code=302, headers={"location": "/hooks/redirected"})
        if answer == "big":
            return Response(b"x" * (4 << 20), status_code=500)
        return Response(b"nope" if answer >= 400 else b"", status_code=answer)

    def start(self) -> Receiver:
        app = Starlette(routes=[Route("/hooks/{name}", self.hook, methods=["POST", "GET"])])
        self.live = LiveServer(app).start()
        return self

    def url(self, name: str) -> str:
        assert self.live is not None
        return f"{self.live.base_url}/hooks/{name}"

    def to(self, name: str) -> list[Hit]:
        with self.lock:
            return [hit for hit in self.hits if hit.name == name]

    def plan(self, name: str, *answers: Any) -> None:
        with self.lock:
            self.plans[name] = list(answers)


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    found = Receiver().start()
    try:
        yield found
    finally:
        assert found.live is not None
        found.live.stop()


@pytest.fixture(scope="module")
def world(backend: str, receiver: Receiver, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The demo with its people, served with the relay running (mail to files, events to ``receiver``)."""
    directory = tmp_path_factory.mktemp(f"webhooks-{backend}")
    with fresh_database(backend, directory) as url:
        asyncio.run(_migrate_seed_and_people(url))
        clock = FixedClock(DEMO_NOW)
        live = serve(url, directory, clock=clock, **RELAY)
        try:
            with httpx.Client(base_url=live.base_url, timeout=30) as http:
                api = WritableApi(live=live, http=http, backend=backend, clock=clock)
                lots = api.gql("{ purchasingSystems(first: 1) { edges { node { lots { id code } } } } }")
                by_code = {x["code"]: x["id"] for x in lots["purchasingSystems"]["edges"][0]["node"]["lots"]}
                world = {
                    "api": api,
                    "url": url,
                    "backend": backend,
                    "lots": by_code,
                    "commissioner": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=1),
                }
                # which providers a referral under L1 invites: an administrator of the first gets the events
                _, invited = open_referral(world)
                provider = pk(invited[0])
                other = next(pk(p) for p in invited[1:])
                world["invited"] = invited
                world["admin"] = admin_token(api, provider)
                world["other_admin"] = admin_token(api, other)
                world["colleague"] = api.token(Role.PROVIDER_USER, provider_id=provider)  # not an administrator
                yield world
        finally:
            live.stop()


def admin_token(api: WritableApi, provider_id: int) -> str:
    return api.token(Role.PROVIDER_USER, provider_id=provider_id, subject=f"admin.provider-{provider_id}")


def open_referral(world: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    referral = create(world)
    opened = call(
        world["api"],
        "openReferral",
        {"referral": referral["id"]},
        world["commissioner"],
        f"referral {{ {REFERRAL} }} invitations {{ provider {{ id }} }}",
    )
    assert opened["__typename"] == "OpenReferralPayload", opened
    return opened["referral"], [i["provider"]["id"] for i in opened["invitations"]]


def register(world: dict[str, Any], url: str, token: str | None = None, kinds: Any = ("referral.invited",)) -> Any:
    return call(
        world["api"],
        "createWebhookEndpoint",
        {"url": url, "kinds": list(kinds)},
        token or world["admin"],
        f"endpoint {{ {ENDPOINT} }} secret",
    )


def endpoints(world: dict[str, Any], token: str | None = None) -> list[dict[str, Any]]:
    query = f"{{ webhookEndpoints(first: 20) {{ totalCount nodes {{ {ENDPOINT} {LOG} }} }} }}"
    found = world["api"].gql(query, token=token or world["admin"])["webhookEndpoints"]
    assert found["totalCount"] == len(found["nodes"])
    return found["nodes"]


def log_of(world: dict[str, Any], endpoint_id: str) -> list[dict[str, Any]]:
    [found] = [e for e in endpoints(world) if e["id"] == endpoint_id]
    return list(reversed(found["recentDeliveries"]))  # oldest first


def verified(hit: Hit, secret: str) -> dict[str, Any]:
    """The event, once the Standard Webhooks signature is checked with ``secret``."""
    return Webhook(secret).verify(hit.body, hit.headers)


def received(receiver: Receiver, name: str, reference: str | None = None, count: int = 1) -> list[Hit]:
    def arrived() -> list[Hit]:
        hits = [h for h in receiver.to(name) if reference is None or h.headers.get("webhook-id") == reference]
        return hits if len(hits) >= count else []

    return wait_until(arrived, timeout=30, what=f"{count} event(s) at {name}")


def webhook_rows(world: dict[str, Any], referral_id: int, endpoint: str | None = None) -> list[Any]:
    """The referral's WEBHOOK rows, for one endpoint (by global ID) or for all."""
    rows = sql(
        world["url"],
        "SELECT id, webhook_endpoint_id, user_id, attempts, sent_at, failed_at, last_error, next_attempt_at "
        "FROM notification WHERE channel = 'WEBHOOK' AND subject_type = 'Referral' AND subject_id = :id ORDER BY id",
        id=referral_id,
    )
    return [r for r in rows if endpoint is None or r.webhook_endpoint_id == pk(endpoint)]


# -- the tests ----------------------------------------------------------------------------------


def test_an_invited_providers_endpoint_gets_a_signed_event_without_child_data(
    world: dict[str, Any], receiver: Receiver
) -> None:
    name = f"signed-{world['backend']}"
    created = register(world, receiver.url(name))
    assert created["__typename"] == "CreateWebhookEndpointPayload", created
    secret, endpoint = created["secret"], created["endpoint"]
    assert secret.startswith("whsec_") and endpoint["enabled"] and endpoint["kinds"] == ["referral.invited"]
    assert endpoint["owner"] == world["invited"][0]
    assert receiver.to(name) == []  # registering fetches nothing

    started = time.monotonic()
    referral, invited = open_referral(world)
    assert time.monotonic() - started < 5  # the request does not wait for the endpoint
    assert invited[0] == endpoint["owner"]
    [row] = webhook_rows(world, pk(referral["id"]), endpoint["id"])  # one row for the endpoint
    assert row.user_id is None

    [hit] = received(receiver, name, str(row.id))
    event = verified(hit, secret)
    with pytest.raises(WebhookVerificationError):  # another secret does not verify it
        Webhook("whsec_" + "A" * 43 + "=").verify(hit.body, hit.headers)
    assert hit.headers["content-type"] == "application/json"
    assert abs(int(hit.headers["webhook-timestamp"]) - time.time()) < 60
    assert event["type"] == "referral.invited"
    assert event["timestamp"].startswith(DEMO_NOW.date().isoformat())
    data = event["data"]
    assert data["reference"] == str(row.id) == hit.headers["webhook-id"]
    assert data["referral"] == f"NWR-{pk(referral['id']):06d}" and data["lot"] == "L1"
    assert data["link"] == f"{world['api'].live.base_url}/portal/Referral/{referral['id']}"
    assert set(data) == {"reference", "referral", "lot", "deadline", "startBy", "link"}
    text = hit.body.decode()
    for secret_text in (CHILD["reference"], CHILD["needsSummary"], CHILD["homePostcodeDistrict"], *NEED_CODES):
        assert secret_text not in text, secret_text

    wait_until(lambda: webhook_rows(world, pk(referral["id"]), endpoint["id"])[0].sent_at, what="the row to be sent")
    [attempt] = log_of(world, endpoint["id"])
    assert attempt["outcome"] == "DELIVERED" and attempt["statusCode"] == 204 and attempt["error"] is None
    assert attempt["kind"] == "referral.invited" and attempt["reference"] == str(row.id)
    assert attempt["subject"] == referral["id"] and attempt["attemptNumber"] == 1


def test_an_endpoint_that_fails_or_times_out_is_retried_then_delivered(
    world: dict[str, Any], receiver: Receiver
) -> None:
    name = f"flaky-{world['backend']}"
    receiver.plan(name, 500, "slow", 503)
    created = register(world, receiver.url(name))
    started = time.monotonic()
    referral, _ = open_referral(world)
    assert time.monotonic() - started < 5  # never blocking the request that caused it
    mine = created["endpoint"]["id"]
    [row] = webhook_rows(world, pk(referral["id"]), mine)

    hits = received(receiver, name, str(row.id), count=4)
    assert [h.answered for h in hits] == [500, "slow", 503, 204]
    assert len({h.headers["webhook-id"] for h in hits}) == 1  # the same message id each time
    for hit in hits:
        verified(hit, created["secret"])
    sent = wait_until(lambda: [r for r in webhook_rows(world, pk(referral["id"]), mine) if r.sent_at])
    assert sent[0].attempts == 4 and sent[0].failed_at is None and sent[0].last_error is None

    log = log_of(world, created["endpoint"]["id"])
    assert [(a["attemptNumber"], a["outcome"], a["statusCode"]) for a in log] == [
        (1, "RETRYING", 500),
        (2, "RETRYING", None),
        (3, "RETRYING", 503),
        (4, "DELIVERED", 204),
    ]
    assert "500" in log[0]["error"] and "nope" not in log[0]["error"]  # no body from a non-public address
    assert "did not answer" in log[1]["error"]
    assert all(a["reference"] == str(row.id) for a in log)


@pytest.mark.parametrize("status", [410, 400])
def test_a_4xx_answer_is_not_retried(world: dict[str, Any], receiver: Receiver, status: int) -> None:
    name = f"gone-{status}-{world['backend']}"
    receiver.plan(name, status, 204, 204)
    created = register(world, receiver.url(name))
    referral, _ = open_referral(world)
    failed = wait_until(
        lambda: [r for r in webhook_rows(world, pk(referral["id"]), created["endpoint"]["id"]) if r.failed_at],
        what="the row to be given up",
    )
    assert failed[0].attempts == 1 and failed[0].sent_at is None and f"answered {status}" in failed[0].last_error
    time.sleep(1.0)  # longer than the back-off: nothing more is sent
    assert [h.answered for h in receiver.to(name)] == [status]
    [attempt] = log_of(world, created["endpoint"]["id"])
    assert (attempt["outcome"], attempt["statusCode"]) == ("FAILED", status)


def test_after_rotating_events_verify_with_the_new_secret(world: dict[str, Any], receiver: Receiver) -> None:
    name = f"rotated-{world['backend']}"
    created = register(world, receiver.url(name))
    old = created["secret"]
    rotated = call(
        world["api"],
        "rotateWebhookEndpointSecret",
        {"id": created["endpoint"]["id"]},
        world["admin"],
        f"endpoint {{ {ENDPOINT} }} secret",
    )
    assert rotated["__typename"] == "RotateWebhookEndpointSecretPayload", rotated
    new = rotated["secret"]
    assert new != old and new.startswith("whsec_")
    until = dt.datetime.fromisoformat(rotated["endpoint"]["previousSecretExpiresAt"])
    assert until == DEMO_NOW + dt.timedelta(days=1)  # the documented overlap

    referral, _ = open_referral(world)
    [row] = webhook_rows(world, pk(referral["id"]), created["endpoint"]["id"])
    [hit] = received(receiver, name, str(row.id))
    assert verified(hit, new)["data"]["reference"] == str(row.id)
    verified(hit, old)  # during the overlap the previous secret still verifies, beside the new one
    assert len(hit.headers["webhook-signature"].split(" ")) == 2

    # after the overlap, events carry the new secret's signature only
    world["api"].at(DEMO_NOW + dt.timedelta(days=1, minutes=1))
    try:
        later, _ = open_referral(world)
    finally:
        world["api"].at(DEMO_NOW)
    [row] = webhook_rows(world, pk(later["id"]), created["endpoint"]["id"])
    [hit] = received(receiver, name, str(row.id))
    verified(hit, new)
    with pytest.raises(WebhookVerificationError):
        verified(hit, old)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/hooks",
        "http://example.org/hooks",  # http except on loopback
        "https://user:password@example.org/hooks",
        "https://token@example.org/hooks",
        "not a url",
        "example.org/hooks",
        "https:///no-host",
        "https://example.org/hooks#part",
        "",
    ],
)
def test_an_invalid_url_is_refused_naming_the_field(world: dict[str, Any], receiver: Receiver, url: str) -> None:
    before = len(endpoints(world))
    refused = register(world, url)
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "input.url"), refused
    assert len(endpoints(world)) == before


def test_unknown_or_personal_kinds_are_refused_naming_the_field(world: dict[str, Any], receiver: Receiver) -> None:
    for kinds in (["referral.nonsense"], ["email.verification"], []):
        refused = register(world, receiver.url("kinds"), kinds=kinds)
        assert (refused["__typename"], refused["field"]) == ("ValidationError", "input.kinds"), (kinds, refused)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hooks",
        "http://localhost/hooks",
        "http://[::1]/hooks",
        "https://127.0.0.1/hooks",
        "https://localhost/hooks",
        "https://api.localhost/hooks",
        "https://10.1.2.3/hooks",
        "https://169.254.169.254/latest/meta-data",
        "https://[::ffff:127.0.0.1]/hooks",
        "https://intranet/hooks",
    ],
)
def test_outside_development_loopback_and_private_urls_are_refused(url: str) -> None:
    with pytest.raises(ValidationError) as refused:
        checked_url(url, allow_loopback=False)
    assert refused.value.field == "input.url"
    assert checked_url("https://hooks.example.org:8443/in?x=1", allow_loopback=False) == (
        "https://hooks.example.org:8443/in?x=1"
    )


def test_another_organisation_cannot_see_or_change_the_endpoint(world: dict[str, Any], receiver: Receiver) -> None:
    api = world["api"]
    created = register(world, receiver.url("private"))
    endpoint_id = created["endpoint"]["id"]
    assert endpoint_id in [e["id"] for e in endpoints(world)]
    strangers = {
        "another provider's administrator": world["other_admin"],
        "a colleague who is no administrator": world["colleague"],
        "a commissioner": world["commissioner"],
    }
    for who, token in strangers.items():
        assert endpoint_id not in [e["id"] for e in endpoints(world, token)], who
        errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": endpoint_id}, token=token)
        assert errors[0]["extensions"]["code"] == "NOT_FOUND", who
        nodes = api.post("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [endpoint_id]}, token=token)
        assert nodes.json()["data"]["nodes"] == [None], who
        for mutation in ("disableWebhookEndpoint", "rotateWebhookEndpointSecret"):
            refused = call(api, mutation, {"id": endpoint_id}, token)
            assert refused["__typename"] in ("NotFound", "Forbidden"), (who, mutation, refused)
    # a colleague who is no administrator may not register one either
    refused = register(world, receiver.url("colleague"), token=world["colleague"])
    assert refused["__typename"] == "Forbidden", refused
    # the lead authority and auditors are not given the field at all
    for role in (Role.AUDITOR, Role.LEAD_ADMIN, Role.AUTHORITY_ANALYST, Role.EVALUATOR):
        errors = api.errors("{ webhookEndpoints(first: 1) { totalCount } }", token=api.token(role, authority_id=1))
        assert errors[0]["extensions"]["code"] == "FORBIDDEN", role
    # the owner still has it, unchanged, and can disable it: after that, nothing is written for it
    [mine] = [e for e in endpoints(world) if e["id"] == endpoint_id]
    assert mine["enabled"] and mine["secretRotatedAt"] is None
    disabled = call(api, "disableWebhookEndpoint", {"id": endpoint_id}, world["admin"], f"endpoint {{ {ENDPOINT} }}")
    assert disabled["endpoint"]["enabled"] is False
    referral, _ = open_referral(world)
    assert webhook_rows(world, pk(referral["id"]), endpoint_id) == []


# -- the bounds on the requests (SSRF) ------------------------------------------------------------


def _message(url: str, secret: str = "whsec_" + "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=") -> WebhookMessage:
    return WebhookMessage(reference="1", kind="referral.invited", url=url, body=b'{"type":"x"}', secrets=(secret,))


def test_no_redirect_is_followed(receiver: Receiver) -> None:
    receiver.plan("redirecting", "redirect")
    channel = WebhookChannel(timeout=5, allow_private_addresses=True)
    with pytest.raises(Permanent) as refused:
        asyncio.run(channel.deliver(_message(receiver.url("redirecting"))))
    assert refused.value.status_code == 302 and "not followed" in refused.value.message
    assert receiver.to("redirected") == []


def test_an_endpoint_that_does_not_answer_is_given_up_within_the_timeout(receiver: Receiver) -> None:
    receiver.plan("silent", "slow")
    channel = WebhookChannel(timeout=0.5, allow_private_addresses=True)
    started = time.monotonic()
    with pytest.raises(Retryable) as retried:
        asyncio.run(channel.deliver(_message(receiver.url("silent"))))
    assert time.monotonic() - started < 2 and "did not answer" in retried.value.message


def test_only_the_start_of_an_answer_is_read(receiver: Receiver) -> None:
    receiver.plan("chatty", "big")
    channel = WebhookChannel(timeout=5, allow_private_addresses=True, max_response_bytes=1024)
    with pytest.raises(Retryable) as retried:
        asyncio.run(channel.deliver(_message(receiver.url("chatty"))))
    assert retried.value.status_code == 500 and len(retried.value.message) < 300


def test_outside_development_loopback_and_plain_http_are_never_called(receiver: Receiver) -> None:
    channel = WebhookChannel(timeout=5, allow_private_addresses=False)
    before = len(receiver.hits)
    port = receiver.url("x").split(":")[2].split("/")[0]
    for url in (
        receiver.url("production"),  # http, on loopback
        f"https://localhost:{port}/hooks/production",  # resolves to loopback
        f"https://127.0.0.1:{port}/hooks/production",
        "https://user:pw@example.org/hooks",
    ):
        with pytest.raises(Permanent):
            asyncio.run(channel.deliver(_message(url)))
    assert len(receiver.hits) == before


def test_the_signature_is_the_standard_webhooks_one() -> None:
    """Our signing agrees with the reference library on the specification's own shape."""
    from api.delivery.webhooks import sign

    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = json.dumps({"type": "referral.invited"}).encode()
    now = int(time.time())
    ours = sign(secret, msg_id="msg_1", timestamp=now, body=body)
    theirs = Webhook(secret).sign("msg_1", dt.datetime.fromtimestamp(now, dt.UTC), body)
    assert ours == theirs


# -- hosts read as the resolver reads them; DNS rebinding ---------------------------------------------

INTERNAL_URLS = [
    "https://0177.0.0.1/hooks",  # octal
    "https://0x7f.0.0.1/hooks",  # hex
    "https://127.1/hooks",  # short forms
    "https://10.1/hooks",
    "https://2130706433/hooks",
    "https://127.0.0.1./hooks",
    "https://localhost./hooks",  # a trailing dot
    "https://metadata.google.internal/computeMetadata/v1/",
    "https://printer.local/hooks",
    "https://[::127.0.0.1]/hooks",  # IPv4-compatible
    "https://[::ffff:10.0.0.1]/hooks",  # IPv4-mapped
    "https://[64:ff9b::a9fe:a9fe]/hooks",  # NAT64 of 169.254.169.254
    "https://[2002:a9fe:a9fe::]/hooks",  # 6to4 of 169.254.169.254
    "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hooks",  # Teredo, client 192.0.2.45
]


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_hosts_the_resolver_reads_as_internal_are_refused_at_registration(url: str) -> None:
    with pytest.raises(ValidationError) as refused:
        checked_url(url, allow_loopback=False)
    assert refused.value.field == "input.url"


def test_in_development_registration_allows_loopback_but_no_other_private_host(world: dict[str, Any]) -> None:
    for url in INTERNAL_URLS:
        host = url.split("/")[2]
        loopback = host in ("0177.0.0.1", "0x7f.0.0.1", "127.1", "2130706433", "127.0.0.1.", "localhost.")
        refused = register(world, url)
        if loopback:
            assert refused["__typename"] == "CreateWebhookEndpointPayload", (url, refused)
            call(world["api"], "disableWebhookEndpoint", {"id": refused["endpoint"]["id"]}, world["admin"])
        else:
            assert (refused["__typename"], refused["field"]) == ("ValidationError", "input.url"), (url, refused)
    for url in ("https://169.254.169.254/latest/meta-data", "https://intranet/hooks", "http://10.0.0.1/hooks"):
        refused = register(world, url)
        assert (refused["__typename"], refused["field"]) == ("ValidationError", "input.url"), (url, refused)


@pytest.mark.parametrize(
    ("address", "embedded", "public"),
    [
        ("::ffff:127.0.0.1", "127.0.0.1", False),
        ("::ffff:8.8.8.8", "8.8.8.8", True),
        ("::127.0.0.1", "127.0.0.1", False),
        ("64:ff9b::a9fe:a9fe", "169.254.169.254", False),
        ("64:ff9b::808:808", "8.8.8.8", True),
        ("2002:a9fe:a9fe::", "169.254.169.254", False),
        ("2002:808:808::1", "8.8.8.8", True),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "192.0.2.45", False),  # Teredo: the client's address
    ],
)
def test_an_ipv6_address_is_judged_by_the_ipv4_address_it_embeds(address: str, embedded: str, public: bool) -> None:
    assert embedded in [str(a) for a in embedded_ipv4(ip_literal(address))]  # type: ignore[arg-type]
    assert is_public_address(address) is public


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0xa9.0376.43518", "169.254.169.254"),
        ("8.8.8.8.", "8.8.8.8"),
        ("[::1]", "::1"),
        ("example.org", None),
        ("08.1", None),  # not an address (8 is no octal digit): a name
    ],
)
def test_ip_literals_are_read_as_the_resolver_reads_them(host: str, address: str | None) -> None:
    found = ip_literal(host)
    assert (str(found) if found is not None else None) == address


def test_a_name_resolving_to_a_private_address_is_refused_at_registration() -> None:
    async def private(host: str, port: int) -> list[str]:
        return ["203.0.113.1", "10.0.0.7"] if host == "hooks.example.org" else []

    with pytest.raises(ValidationError) as refused:
        asyncio.run(checked_resolution("https://hooks.example.org/in", allow_loopback=True, resolve=private))
    assert refused.value.field == "input.url" and "10.0.0.7" not in refused.value.message

    async def public(host: str, port: int) -> list[str]:
        return ["8.8.8.8"]

    url = "https://hooks.example.org/in"
    assert asyncio.run(checked_resolution(url, allow_loopback=False, resolve=public)) == url


@dataclass
class Rebinding:
    """A name that answers ``first`` the first time it is resolved, and ``then`` every later time."""

    first: list[str]
    then: list[str]
    asked: list[str] = field(default_factory=list)

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return self.first if len(self.asked) == 1 else self.then


def test_a_rebinding_name_is_sent_to_the_address_checked_not_to_a_second_answer(receiver: Receiver) -> None:
    """Development: the name first resolves to loopback (allowed there), then elsewhere; the event
    arrives at the loopback receiver, so the connection went to the checked address, with the name kept."""
    port = receiver.url("x").split(":")[2].split("/")[0]
    name = Rebinding(first=["127.0.0.1"], then=["10.0.0.1"])
    channel = WebhookChannel(timeout=5, allow_private_addresses=True, resolve=name)
    delivered = asyncio.run(channel.deliver(_message(f"http://rebind.test:{port}/hooks/pinned")))
    assert delivered.status_code == 204 and name.asked == ["rebind.test"]  # resolved once
    [hit] = receiver.to("pinned")
    assert hit.headers["host"] == f"rebind.test:{port}"  # the Host header keeps the URL's host


def test_any_address_that_is_not_public_refuses_the_delivery_without_naming_it(receiver: Receiver) -> None:
    port = receiver.url("x").split(":")[2].split("/")[0]
    for addresses in (["10.0.0.5"], ["8.8.8.8", "127.0.0.1"], ["64:ff9b::a00:5"], ["::ffff:10.0.0.5"]):
        channel = WebhookChannel(timeout=5, allow_private_addresses=False, resolve=Rebinding(addresses, addresses))
        with pytest.raises(Permanent) as refused:
            asyncio.run(channel.deliver(_message(f"https://hooks.example.org:{port}/hooks/refused")))
        assert not any(a in refused.value.message for a in (*addresses, "10.0.0.5")), refused.value.message
    # in development, loopback yes, but no other private range
    channel = WebhookChannel(timeout=5, allow_private_addresses=True, resolve=Rebinding(["10.0.0.5"], []))
    with pytest.raises(Permanent):
        asyncio.run(channel.deliver(_message(f"https://hooks.example.org:{port}/hooks/refused")))
    assert receiver.to("refused") == []


def test_the_delivery_log_keeps_no_body_and_no_address_of_an_internal_host(receiver: Receiver) -> None:
    receiver.plan("internal", 500, 404)
    channel = WebhookChannel(timeout=5, allow_private_addresses=True)
    with pytest.raises(Retryable) as retried:
        asyncio.run(channel.deliver(_message(receiver.url("internal"))))
    assert retried.value.status_code == 500 and "nope" not in retried.value.message
    with pytest.raises(Permanent) as failed:
        asyncio.run(channel.deliver(_message(receiver.url("internal"))))
    assert failed.value.status_code == 404 and "nope" not in failed.value.message
    # a refused connection is named by its kind, never by the address or port it went to
    port = int(receiver.url("x").split(":")[2].split("/")[0])
    with pytest.raises(Retryable) as unreachable:
        asyncio.run(channel.deliver(_message("http://127.0.0.1:1/hooks/closed")))
    assert "127.0.0.1" not in unreachable.value.message and "ConnectError" in unreachable.value.message
    assert port > 1
