"""Notifications end to end: the app's own relay delivering the outbox to a real SMTP server.

A commissioner opens a referral through GraphQL; the relay inside the server sends each user of each
invited provider a mail, over SMTP, to an ``aiosmtpd`` server in this process. Also: addresses that are
not verified get nothing but their verification link, which works once; an SMTP server that is down
slows no request and loses no message.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.auth.actor import Role
from api.domain.clock import FixedClock
from api.domain.notification_kinds import KINDS, Kind, render
from tests.conftest import _migrate_seed_and_people
from tests.notification_support import SmtpSink, cli, outbox, sql, wait_until
from tests.support import DEMO_NOW, WritableApi, fresh_database, serve
from tests.test_oauth import parse_form
from tests.test_referrals import CHILD, REFERRAL, call, create, gid, pk

NEED_CODES = ("ASD", "SLCN")
FAST_RELAY = {
    "notify_relay": True,
    "notify_poll_seconds": 0.1,
    "notify_backoff_seconds": 0.2,
    "notify_backoff_max_seconds": 1.0,
    "notify_max_attempts": 100,
    "notify_lease_seconds": 5.0,
    "notify_delivery_timeout": 3.0,
}


@pytest.fixture(scope="module")
def smtp(backend: str) -> Iterator[SmtpSink]:
    """An SMTP server of each backend's own: the two databases' notifications have the same ids."""
    sink = SmtpSink().start()
    try:
        yield sink
    finally:
        sink.stop()


@pytest.fixture(scope="module")
def world(backend: str, smtp: SmtpSink, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The demo with its people, served with the relay running and mail going to ``smtp``."""
    directory = tmp_path_factory.mktemp(f"notifications-{backend}")
    with fresh_database(backend, directory) as url:
        asyncio.run(_migrate_seed_and_people(url))
        clock = FixedClock(DEMO_NOW)
        live = serve(url, directory, clock=clock, smtp_url=smtp.url, **FAST_RELAY)
        try:
            with httpx.Client(base_url=live.base_url, timeout=30) as http:
                api = WritableApi(live=live, http=http, backend=backend, clock=clock)
                lots = api.gql("{ purchasingSystems(first: 1) { edges { node { lots { id code } } } } }")
                by_code = {x["code"]: x["id"] for x in lots["purchasingSystems"]["edges"][0]["node"]["lots"]}
                yield {
                    "api": api,
                    "url": url,
                    "lots": by_code,
                    "commissioner": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=1),
                    "lead": api.token(Role.LEAD_ADMIN, authority_id=1),
                }
        finally:
            live.stop()


def open_referral(world: dict[str, Any], **changes: Any) -> tuple[dict[str, Any], list[str]]:
    """A new referral under L1, opened to every eligible provider: the referral and the providers' IDs."""
    referral = create(world, **changes)
    opened = call(
        world["api"],
        "openReferral",
        {"referral": referral["id"]},
        world["commissioner"],
        f"referral {{ {REFERRAL} }} invitations {{ provider {{ id }} }}",
    )
    assert opened["__typename"] == "OpenReferralPayload", opened
    return opened["referral"], [i["provider"]["id"] for i in opened["invitations"]]


def users_of(world: dict[str, Any], provider_ids: list[str]) -> list[Any]:
    return sql(
        world["url"],
        "SELECT id, username, email, email_verified_at, provider_id FROM user_account "
        f"WHERE active AND provider_id IN ({', '.join(str(pk(p)) for p in provider_ids)}) ORDER BY id",
    )


def settled(world: dict[str, Any], referral_id: int, kind: str = "referral.invited") -> list[Any]:
    rows = outbox(world["url"], referral_id, kind)
    return rows if rows and all(r.next_attempt_at is None for r in rows) else []


def test_opening_a_referral_mails_every_user_of_each_invited_provider(world: dict[str, Any], smtp: SmtpSink) -> None:
    api = world["api"]
    started = time.monotonic()
    referral, invited = open_referral(world)
    reference = f"NWR-{pk(referral['id']):06d}"
    people = users_of(world, invited)
    assert {p.provider_id for p in people} == {pk(p) for p in invited}, "every demo provider has its administrator"

    rows = wait_until(lambda: settled(world, pk(referral["id"])), timeout=30, what="the relay to send every invitation")
    assert time.monotonic() - started < 30
    assert sorted(r.user_id for r in rows) == sorted(p.id for p in people)  # one row per person
    link = f"{api.live.base_url}/portal/Referral/{referral['id']}"
    for row in rows:
        assert row.sent_at is not None and row.failed_at is None and row.skipped_at is None, row
        assert row.attempts == 1 and row.provider_message_id and row.last_error is None
        [mail] = [m for m in smtp.to(row.email) if m.reference == str(row.id)]
        message, body = mail.message, mail.body
        assert mail.rcpt_tos == [row.email] and row.email.endswith("@example.org")
        assert reference in message["Subject"] and "L1" in message["Subject"]
        assert "midday on Thursday 12 March 2026" in message["Subject"] + body  # the offer deadline, 10 days on
        assert link in body
        assert message["Message-ID"] == f"<notification-{row.id}@fps.example.org>"
        # no child data: not the authority's reference, the needs, the summary or where the child lives
        for secret in (CHILD["reference"], CHILD["needsSummary"], CHILD["homePostcodeDistrict"], *NEED_CODES):
            assert secret not in message.as_string(), secret

    # the link leads to the referral, for the provider invited
    provider = invited[0]
    token = api.token(Role.PROVIDER_USER, provider_id=pk(provider))
    found = api.gql("query($id: ID!) { node(id: $id) { id } }", {"id": link.rsplit("/", 1)[1]}, token=token)
    assert found["node"]["id"] == referral["id"]

    # the lead authority sees them sent, and none failed
    query = """query($s: NotificationStatus, $after: String) { notifications(status: $s, first: 100, after: $after) {
      nodes { reference } pageInfo { hasNextPage endCursor } } }"""
    references: set[str] = set()
    after = None
    while True:  # every page: the outbox holds more than a page of sent messages by now
        page = api.gql(query, {"s": "SENT", "after": after}, token=world["lead"])["notifications"]
        references |= {n["reference"] for n in page["nodes"]}
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert {str(r.id) for r in rows} <= references


def test_an_unverified_address_gets_its_verification_link_and_nothing_else(
    world: dict[str, Any], smtp: SmtpSink
) -> None:
    api = world["api"]
    _, invited = open_referral(world)
    provider = invited[0]
    admin = sql(
        world["url"],
        "SELECT username FROM user_account WHERE provider_id = :p AND is_provider_admin ORDER BY id LIMIT 1",
        p=pk(provider),
    )[0].username
    assert admin
    address = f"new.colleague.{pk(provider)}@example.org"
    # an invited colleague's address is proved by accepting the e-mailed invitation (tests/test_onboarding.py);
    # a user added by an administrator with an address is sent the verification link
    [name] = sql(world["url"], "SELECT legal_name FROM provider WHERE id = :p", p=pk(provider))
    cli(
        world["url"],
        "create-user",
        *("--username", f"colleague-{pk(provider)}", "--password", "a long enough password"),
        *("--role", "PROVIDER_USER", "--provider", name.legal_name, "--email", address.upper()),
    )
    [user] = sql(world["url"], "SELECT id, email, email_verified_at FROM user_account WHERE email = :e", e=address)
    assert user.email_verified_at is None  # kept in lower case, and not yet verified

    # the verification message arrives, with its link; the token is not kept once it is sent
    [mail] = wait_until(lambda: smtp.to(address), what="the verification mail")
    assert "Confirm your e-mail address" in mail.message["Subject"]
    link = next(line for line in mail.body.splitlines() if "/verify-email/" in line).strip()
    assert link.startswith(api.live.base_url)
    [row] = sql(
        world["url"],
        "SELECT payload, sent_at FROM notification WHERE kind = 'email.verification' AND user_id = :u",
        u=user.id,
    )
    assert row.sent_at is not None and "token" not in str(row.payload)

    # a referral opened now reaches the provider's other users, not the unverified colleague
    referral, invited_again = open_referral(world)
    assert provider in invited_again
    rows = wait_until(lambda: settled(world, pk(referral["id"])), what="the invitations")
    [skipped] = [r for r in rows if r.user_id == user.id]
    assert skipped.skip_reason == "NO_VERIFIED_ADDRESS" and skipped.sent_at is None and skipped.attempts == 0
    assert smtp.to(address) == [mail]

    # a link that is not one, then the real one: following it changes nothing, confirming does, once
    path = link.removeprefix(api.live.base_url)
    assert api.http.get("/verify-email/not-a-token").status_code == 404
    page = api.http.get(path)
    assert page.status_code == 200 and address in page.text and "Confirm this address" in page.text
    [still] = sql(world["url"], "SELECT email_verified_at FROM user_account WHERE id = :u", u=user.id)
    assert still.email_verified_at is None
    done = api.http.post(path, data=parse_form(page.text).hidden)
    assert done.status_code == 200 and "is confirmed" in done.text
    assert api.http.get(path).status_code == 404
    [user] = sql(world["url"], "SELECT id, email_verified_at FROM user_account WHERE id = :u", u=user.id)
    assert user.email_verified_at is not None

    # from now on the colleague hears of referrals too
    referral, _ = open_referral(world)
    rows = wait_until(lambda: settled(world, pk(referral["id"])), what="the invitations")
    [row] = [r for r in rows if r.user_id == user.id]
    assert row.sent_at is not None
    assert any(m.reference == str(row.id) for m in smtp.to(address))


def test_an_address_is_refused_when_malformed(world: dict[str, Any]) -> None:
    api = world["api"]
    pid = sql(world["url"], "SELECT provider_id, username FROM user_account WHERE is_provider_admin LIMIT 1")[0]
    token = api.token(Role.PROVIDER_USER, provider_id=pid.provider_id, subject=pid.username)
    given = {"username": "someone-malformed", "displayName": "Someone", "email": "not an address"}
    result = call(api, "inviteProviderUser", given, token)
    assert result["__typename"] == "ValidationError" and result["field"] == "input.email", result
    assert "correct format" in result["message"]
    # an address in use is invited like any other (tests/test_onboarding.py): its link decides whose it is


def test_an_smtp_server_that_is_down_slows_nothing_and_loses_nothing(world: dict[str, Any], smtp: SmtpSink) -> None:
    smtp.stop()
    try:
        started = time.monotonic()
        referral, _ = open_referral(world)
        assert time.monotonic() - started < 5, "opening a referral does not wait for the mail"

        def retried() -> list[Any]:
            rows = outbox(world["url"], pk(referral["id"]))
            tried = [r for r in rows if r.skipped_at is None]
            # two attempts made, and the last one's outcome recorded (a row can be read between the two)
            return rows if tried and all(r.attempts >= 2 and r.last_error for r in tried) else []

        rows = wait_until(retried, what="the relay to retry")
        for row in rows:
            assert row.sent_at is None and row.failed_at is None  # still pending: never lost
            assert "could not reach the SMTP server" in row.last_error
            assert row.next_attempt_at is not None
    finally:
        smtp.start()
    rows = wait_until(lambda: settled(world, pk(referral["id"])), what="delivery once the server is back")
    assert all(r.sent_at is not None and r.attempts >= 2 for r in rows)
    for row in rows:
        assert [m.reference for m in smtp.to(row.email)].count(str(row.id)) == 1


def test_every_kind_renders_without_child_data() -> None:
    payloads = {
        Kind.REFERRAL_INVITED: {
            "referral": "NWR-000042",
            "referralId": gid("Referral", 42),
            "lot": "L1",
            "mode": "COMPETITION",
            "offerDeadline": (DEMO_NOW + dt.timedelta(days=1)).isoformat(),
            "startBy": "2026-04-16",
            "establishments": [1, 2],
        },
        Kind.REFERRAL_CANCELLED: {"referral": "NWR-000042", "referralId": gid("Referral", 42), "lot": "L1"},
        Kind.EMAIL_VERIFICATION: {"name": "Sam", "username": "sam", "token": "abc"},
        Kind.COLLEAGUE_INVITED: {
            "name": "Jo",
            "inviter": "Sam Admin",
            "provider": "Moorside Learning Trust",
            "username": "jo",
            "token": "abc",
        },
        Kind.PASSWORD_RESET: {"name": "Sam", "username": "sam", "token": "abc"},
        Kind.ACCOUNT_LOCKED: {
            "name": "Sam",
            "username": "sam",
            "unlocksAt": (DEMO_NOW + dt.timedelta(minutes=30)).isoformat(),
        },
        # never e-mailed: the outbox row of a notice for Find a Tender (api/domain/notices.py)
        Kind.NOTICE_TO_FIND_A_TENDER: {"noticeType": "UK4", "releaseId": "ocds-h6vhtk-nwsend-1-uk4-1"},
        **_procedure_payloads(),
    }
    assert set(payloads) == set(KINDS), "a new kind needs a payload here"
    for kind, payload in payloads.items():
        words = render(kind, payload, public_url="https://fps.example.org/")
        assert words.subject and words.body and "https://fps.example.org/" in words.body
        assert set(words.personalisation) == set(KINDS[kind].fields)
        assert "{" not in words.subject + words.body  # every placeholder was filled
    assert Path(__file__).name == "test_notifications.py"


def _procedure_payloads() -> dict[Kind, dict[str, Any]]:
    """A payload of each kind the procedure sends (api.domain.referrals, offers, rounds, … reminders)."""
    deadline = (DEMO_NOW + dt.timedelta(days=1)).isoformat()
    referral = {"referral": "NWR-000042", "referralId": gid("Referral", 42), "lot": "L1"}
    offer = {**referral, "offerId": gid("Offer", 7), "offerDeadline": deadline}
    round_ = {
        "round": "3",
        "roundId": gid("ApplicationRound", 3),
        "system": "North West SEND Flexible Purchasing System",
        "systemReference": "NWSEND-FPS-2021",
        "lots": "L1, L2",
        "opensAt": deadline,
        "closesAt": (DEMO_NOW + dt.timedelta(days=20)).isoformat(),
    }
    call_off = {"callOff": "NWFPS-CO-000012", "callOffId": gid("CallOff", 12), "lot": "L1"}
    report = {**call_off, "reportId": gid("OutcomeReport", 5), "period": "2025/26 spring term"}
    due = {**call_off, "period": "2025/26 spring term", "dueAt": "2026-04-15T17:00:00+00:00"}
    membership = {"lot": "L1", "system": "North West SEND FPS", "membershipId": gid("LotMembership", 4)}
    review = {
        "callOff": "NWFPS-CO-000012",
        "callOffId": gid("CallOff", 12),
        "reviewId": gid("AnnualReview", 7),
        "establishment": "Moorside School",
    }
    return {
        Kind.OFFER_DEADLINE_REMINDER: {**referral, "offerDeadline": deadline},
        Kind.OFFER_RECEIVED: offer,
        Kind.OFFER_WITHDRAWN: {**offer, "reason": "Our last place from that date has been taken."},
        Kind.OFFER_AWARDED: {
            **referral,
            "callOff": "NWFPS-CO-000012",
            "callOffId": gid("CallOff", 12),
            "startDate": "2026-04-16",
        },
        Kind.OFFER_DECLINED: referral,
        Kind.ROUND_SCHEDULED: round_,
        Kind.ROUND_OPENED: round_,
        Kind.CLARIFICATION_ANSWERED: round_,
        Kind.ROUND_CLOSING_REMINDER: round_,
        Kind.DECISIONS_ISSUED: {
            "round": "3",
            "system": "North West SEND Flexible Purchasing System",
            "bidId": gid("Bid", 9),
            "outcomes": "- lot L1 (0-16 day): admitted",
            "standstill": "The standstill period ends at midday on Thursday 12 March 2026.\n\n",
        },
        Kind.REPORT_DUE_REMINDER: due,
        Kind.REPORT_OVERDUE_REMINDER: due,
        Kind.REPORT_SUBMITTED: report,
        Kind.REPORT_QUERIED: report,
        Kind.REPORT_ACCEPTED: report,
        Kind.FEES_AMENDED: {**call_off, "effectiveFrom": "2026-04-01", "reason": "annual uplift"},
        Kind.FUNDING_AGREEMENT_REQUESTED: {
            "callOff": "NWFPS-CO-000012",
            "authority": "Cheshire East",
            "effectiveFrom": "2026-03-09",
            "fundingSplitId": gid("FundingSplit", 3),
        },
        Kind.INVOICE_SUBMITTED: {
            "callOff": "NWFPS-CO-000012",
            "invoiceId": gid("Invoice", 9),
            "total": "£28,751.90",
            "dueOn": "2026-04-01",
        },
        **{
            kind: {"invoice": "INV-2027-001", "callOff": "NWFPS-CO-000012", "invoiceId": gid("Invoice", 9)}
            for kind in (Kind.INVOICE_APPROVED, Kind.INVOICE_DISPUTED, Kind.INVOICE_PAID)
        },
        Kind.UPLIFT_REQUESTED: {
            "establishment": "Moorside School",
            "lot": "L2",
            "effectiveFrom": "2026-09-01",
            "requestId": gid("UpliftRequest", 2),
        },
        Kind.UPLIFT_DECIDED: {
            "outcome": "A smaller uplift is agreed: the decision gives it",
            "effectiveFrom": "2026-09-01",
            "requestId": gid("UpliftRequest", 2),
        },
        Kind.FUNDING_AGREED: {
            "callOff": "NWFPS-CO-000012",
            "effectiveFrom": "2026-03-09",
            "fundingSplitId": gid("FundingSplit", 3),
        },
        Kind.MEMBERSHIP_SUSPENDED: {**membership, "until": "until further notice"},
        Kind.MEMBERSHIP_REINSTATED: membership,
        Kind.MEMBERSHIP_REMOVED: membership,
        Kind.NOTICE_FROM_PROVIDER: {**call_off, "endOn": "2026-07-17"},
        Kind.NOTICE_FROM_AUTHORITY: {**call_off, "endOn": "2026-08-31"},
        Kind.ESTABLISHMENT_CLOSING: {
            "establishment": "Moorside School",
            "urn": "123456",
            "closingOn": "2026-12-18",
            "placements": "2 placements",
            "establishmentId": gid("Establishment", 4),
        },
        # annual reviews: the placement's reference, the establishment and dates; never the child
        Kind.REVIEW_REPORT_REQUESTED: {**review, "meetingOn": "2026-03-23", "reportDueOn": "2026-03-09"},
        Kind.REVIEW_REPORT_DUE_REMINDER: {**review, "reportDueOn": "2026-03-09"},
        Kind.REVIEW_REPORT_OVERDUE_REMINDER: {**review, "reportDueOn": "2026-02-23"},
        Kind.REVIEW_MEETING_TO_ARRANGE_REMINDER: {**review, "dueOn": "2026-04-21"},
        Kind.REVIEW_DECISION_OVERDUE_REMINDER: {**review, "heldOn": "2026-01-21", "decisionDueOn": "2026-02-18"},
        Kind.INSPECTION_CONCERN: {
            "establishment": "Moorside School",
            "urn": "143512",
            "inspectedOn": "2026-03-03",
            "framework": "Ofsted report card",
            "reason": "Ofsted report card, 3 March 2026: safeguarding not met",
            "placements": "2",
            "establishmentId": gid("Establishment", 7),
        },
    }
