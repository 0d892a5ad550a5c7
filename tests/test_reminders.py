"""Reminders without cron: worked out from timestamps by the app's clock, each written exactly once.

The scan (:func:`api.domain.reminders.write_due`) runs here against each test database with the
server's movable clock; moving the clock into a reminder's window and scanning twice (and, on
PostgreSQL, from several scans at once) writes it once; a reminder whose deadline passed unseen is
not written, except "overdue"; a user who muted a kind gets a row SKIPPED as MUTED. Last, the relay
inside a running server writes reminders by the app's clock, not the real one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from api.auth.actor import Role
from api.domain import reminders
from api.domain.clock import FixedClock
from api.domain.notification_kinds import Kind
from db.engine import create_engine, session_factory
from tests.notification_support import sql, wait_until
from tests.support import DEMO_NOW, WritableApi, serve
from tests.test_notification_kinds import (
    addressed,
    open_referral,
    outbox,
    payload_of,
    placements,
    provider_users,
    registered,
    words,
)
from tests.test_notification_kinds import offer as make_offer
from tests.test_referrals import call, pk

SPRING_DUE = dt.datetime(2026, 4, 15, 17, 0, tzinfo=dt.UTC)  # 2025/26 spring term's outcome reports


@pytest.fixture(scope="module")
def world(writable_with_people: WritableApi, backend: str) -> Iterator[dict[str, Any]]:
    api = writable_with_people
    api.at(DEMO_NOW)
    systems = api.gql("{ purchasingSystems(first: 1) { nodes { id leadAuthority { id } lots { id code } } } }")
    system = systems["purchasingSystems"]["nodes"][0]
    yield {
        "api": api,
        "backend": backend,
        "url": api.app.state.settings.database_url,
        "system": system["id"],
        "lots": {x["code"]: x["id"] for x in system["lots"]},
        "commissioner": api.token(Role.AUTHORITY_COMMISSIONER, authority_id=1, subject="ce.commissioner"),
        "lead": api.token(Role.LEAD_ADMIN, authority_id=pk(system["leadAuthority"]["id"]), subject="lead.admin"),
        "auditor": api.token(Role.AUDITOR),
    }
    api.at(DEMO_NOW)


def scan(world: dict[str, Any], *, at: dt.datetime, times: int = 1) -> list[int]:
    """Run ``times`` scans at once, each on its own engine, at ``at`` (the app's clock moved there)."""
    world["api"].at(at)

    async def one() -> int:
        engine = create_engine(world["url"])
        try:
            return await reminders.write_due(session_factory(engine), now=world["api"].clock.now())
        finally:
            await engine.dispose()

    async def every() -> list[int]:
        return list(await asyncio.gather(*(one() for _ in range(times))))

    return asyncio.run(every())


def once_each(rows: list[Any]) -> None:
    """No user has the same reminder twice."""
    seen = [(r.recipient_type, r.recipient_id, r.user_id, r.dedupe_key.split("/")[0]) for r in rows]
    assert len(seen) == len(set(seen)), seen
    assert all(r.dedupe_key for r in rows)


def mute(world: dict[str, Any], user_id: int, *kinds: Kind) -> None:
    value = "[" + ", ".join(f'"{k.value}"' for k in kinds) + "]"
    cast = "CAST(:k AS JSON)" if world["backend"] == "postgresql" else ":k"
    sql(world["url"], f"UPDATE user_account SET muted_kinds = {cast} WHERE id = :u", k=value, u=user_id)


# -- offer deadlines ------------------------------------------------------------------------------


def test_an_offer_deadline_reminder_goes_once_to_each_invited_provider_with_no_live_offer(
    world: dict[str, Any],
) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    deadline = DEMO_NOW + dt.timedelta(days=3)
    referral, invited = open_referral(world, offerDeadline=deadline.isoformat())
    missed, _ = open_referral(world, offerDeadline=(DEMO_NOW + dt.timedelta(days=1, hours=1)).isoformat())
    assert len(invited) >= 3
    make_offer(world, referral, invited[0])  # a live offer: no reminder
    muted_user = min(provider_users(world, {invited[1]}))
    mute(world, muted_user, Kind.OFFER_DEADLINE_REMINDER)
    kind, subject = Kind.OFFER_DEADLINE_REMINDER, pk(referral["id"])
    try:
        # 25 hours before: not yet
        scan(world, at=deadline - dt.timedelta(hours=25))
        assert outbox(world, kind, "Referral", subject) == []
        # 23 hours before (a scan running an hour late): written, and only once however often it runs
        scan(world, at=deadline - dt.timedelta(hours=23))
        first = outbox(world, kind, "Referral", subject)
        scan(world, at=deadline - dt.timedelta(hours=22))
        scan(world, at=deadline - dt.timedelta(minutes=1))
        rows = outbox(world, kind, "Referral", subject)
        assert rows == first
        once_each(rows)
        expected = set(invited) - {invited[0]}
        assert addressed(rows) == {("Provider", p) for p in expected}
        assert {r.user_id for r in rows} == provider_users(world, expected)
        [muted] = [r for r in rows if r.user_id == muted_user]
        assert muted.skip_reason == "MUTED"
        assert all(r.skip_reason is None for r in rows if r.user_id != muted_user)
        words(kind, rows[0], f"NWR-{subject:06d}", "midday on Thursday 5 March 2026")
        # the referral whose deadline passed before any scan saw its window: no reminder, late or not
        scan(world, at=deadline + dt.timedelta(hours=1))
        assert outbox(world, kind, "Referral", pk(missed["id"])) == []
        assert outbox(world, kind, "Referral", subject) == rows
    finally:
        mute(world, muted_user)
        api.at(DEMO_NOW)


def test_two_scans_at_once_write_each_reminder_once(world: dict[str, Any]) -> None:
    if world["backend"] != "postgresql":
        pytest.skip("several workers scan at once on PostgreSQL; on SQLite one relay runs")
    api = world["api"]
    api.at(DEMO_NOW)
    deadline = DEMO_NOW + dt.timedelta(days=6)
    referral, invited = open_referral(world, offerDeadline=deadline.isoformat())
    kind, subject = Kind.OFFER_DEADLINE_REMINDER, pk(referral["id"])
    try:
        moment = deadline - dt.timedelta(hours=12)
        counts = scan(world, at=moment, times=4)
        rows = outbox(world, kind, "Referral", subject)
        once_each(rows)
        assert {r.user_id for r in rows} == provider_users(world, set(invited))
        assert addressed(rows) == {("Provider", p) for p in invited}
        # every row was written by exactly one of the scans: their counts add up to what exists
        [written] = sql(
            world["url"],
            "SELECT count(*) AS n FROM notification WHERE dedupe_key IS NOT NULL AND created_at = :t",
            t=moment,
        )
        assert sum(counts) == written.n >= len(rows) and max(counts) > 0
        assert scan(world, at=deadline - dt.timedelta(hours=11), times=3) == [0, 0, 0]
    finally:
        api.at(DEMO_NOW)


# -- rounds ---------------------------------------------------------------------------------------


def test_a_round_opening_and_closing_reaches_the_registered_providers_once(world: dict[str, Any]) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    opens, closes = DEMO_NOW + dt.timedelta(days=5), DEMO_NOW + dt.timedelta(days=15)  # before April: no report due
    result = call(
        api,
        "scheduleRound",
        {
            "system": world["system"],
            "opensAt": opens.isoformat(),
            "closesAt": closes.isoformat(),
            "lots": [world["lots"]["L1"]],
            "questions": [{"kind": "AWARD", "text": "Describe your curriculum.", "weight": 100}],
        },
        world["lead"],
        "round { id number }",
    )
    assert result["__typename"] == "ScheduleRoundPayload", result
    round_id = pk(result["round"]["id"])
    expected = registered(world)
    try:
        scan(world, at=opens - dt.timedelta(minutes=1))
        assert outbox(world, Kind.ROUND_OPENED, "ApplicationRound", round_id) == []
        scan(world, at=opens + dt.timedelta(hours=2))
        scan(world, at=opens + dt.timedelta(hours=3))
        opened = outbox(world, Kind.ROUND_OPENED, "ApplicationRound", round_id)
        once_each(opened)
        assert addressed(opened) == {("Provider", p) for p in expected}
        assert {r.user_id for r in opened} == provider_users(world, expected)
        words(Kind.ROUND_OPENED, opened[0], f"round {result['round']['number']}", "L1")
        assert outbox(world, Kind.ROUND_CLOSING_REMINDER, "ApplicationRound", round_id) == []

        scan(world, at=closes - dt.timedelta(days=3, minutes=1))
        assert outbox(world, Kind.ROUND_CLOSING_REMINDER, "ApplicationRound", round_id) == []
        scan(world, at=closes - dt.timedelta(days=2))
        scan(world, at=closes - dt.timedelta(hours=1))
        closing = outbox(world, Kind.ROUND_CLOSING_REMINDER, "ApplicationRound", round_id)
        once_each(closing)
        assert {r.user_id for r in closing} == provider_users(world, expected)
        words(Kind.ROUND_CLOSING_REMINDER, closing[0], "closes at", "Tuesday 17 March 2026")
        scan(world, at=closes + dt.timedelta(hours=1))
        assert outbox(world, Kind.ROUND_CLOSING_REMINDER, "ApplicationRound", round_id) == closing
        assert outbox(world, Kind.ROUND_OPENED, "ApplicationRound", round_id) == opened
    finally:
        api.at(DEMO_NOW)


# -- outcome reports ------------------------------------------------------------------------------


def spring(world: dict[str, Any], call_off: int, kind: Kind) -> list[Any]:
    return [
        r
        for r in outbox(world, kind, "CallOff", call_off)
        if r.dedupe_key.split("/")[0].endswith(SPRING_DUE.isoformat())
    ]


def test_an_outcome_report_due_and_overdue_is_reminded_once_unless_submitted(world: dict[str, Any]) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    waiting, submitted = placements(world)[:2]
    provider = pk(submitted["provider"]["id"])
    token = api.token(Role.PROVIDER_USER, provider_id=provider, subject=f"user-{provider}")
    measures = api.gql("{ outcomeMeasures(first: 100) { nodes { id code } } }")["outcomeMeasures"]["nodes"]
    att1 = next(x["id"] for x in measures if x["code"] == "ATT1")
    saved = call(
        api,
        "saveOutcomeReport",
        {
            "callOff": submitted["id"],
            "academicYear": 2025,
            "term": "SPRING",
            "narrative": "Settled well.",
            "values": [{"measure": att1, "value": 95}],
        },
        token,
        "report { id version }",
    )
    assert saved["__typename"] == "SaveOutcomeReportPayload", saved
    done = call(
        api, "submitOutcomeReport", {"report": saved["report"]["id"], "version": saved["report"]["version"]}, token
    )
    assert done["__typename"] == "SubmitOutcomeReportPayload", done
    waiting_id, submitted_id = pk(waiting["id"]), pk(submitted["id"])
    owner = pk(waiting["provider"]["id"])
    try:
        scan(world, at=SPRING_DUE - dt.timedelta(days=14, minutes=1))
        assert spring(world, waiting_id, Kind.REPORT_DUE_REMINDER) == []
        scan(world, at=SPRING_DUE - dt.timedelta(days=13))
        scan(world, at=SPRING_DUE - dt.timedelta(days=1))
        due = spring(world, waiting_id, Kind.REPORT_DUE_REMINDER)
        once_each(due)
        assert addressed(due) == {("Provider", owner)}
        assert {r.user_id for r in due} == provider_users(world, {owner})
        words(Kind.REPORT_DUE_REMINDER, due[0], waiting["reference"], "2025/26 spring term", "15 April 2026")
        assert payload_of(due[0])["callOff"] == waiting["reference"]
        assert spring(world, submitted_id, Kind.REPORT_DUE_REMINDER) == []  # submitted: nothing to remind
        assert spring(world, waiting_id, Kind.REPORT_OVERDUE_REMINDER) == []

        # overdue once the due time passes, written once; a late scan still writes it
        scan(world, at=SPRING_DUE + dt.timedelta(days=3))
        scan(world, at=SPRING_DUE + dt.timedelta(days=4))
        overdue = spring(world, waiting_id, Kind.REPORT_OVERDUE_REMINDER)
        once_each(overdue)
        assert {r.user_id for r in overdue} == provider_users(world, {owner})
        words(Kind.REPORT_OVERDUE_REMINDER, overdue[0], waiting["reference"], "was due")
        assert spring(world, submitted_id, Kind.REPORT_OVERDUE_REMINDER) == []
        assert spring(world, waiting_id, Kind.REPORT_DUE_REMINDER) == due
    finally:
        api.at(DEMO_NOW)


# -- the relay in the server ----------------------------------------------------------------------


def test_the_relay_in_the_server_writes_reminders_by_the_app_clock(
    world: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    api = world["api"]
    api.at(DEMO_NOW)
    deadline = DEMO_NOW + dt.timedelta(days=8)
    referral, invited = open_referral(world, offerDeadline=deadline.isoformat())
    # the real clock is long past this deadline: only the app's clock puts the reminder in its window
    clock = FixedClock(deadline - dt.timedelta(hours=6))
    live = serve(
        world["url"],
        tmp_path_factory.mktemp("reminder-relay"),
        clock=clock,
        notify_relay=True,
        notify_poll_seconds=0.1,
        notify_reminder_seconds=0.2,
    )
    try:
        subject = pk(referral["id"])
        expected = provider_users(world, set(invited))

        def written() -> list[Any]:
            rows = outbox(world, Kind.OFFER_DEADLINE_REMINDER, "Referral", subject)
            return rows if {r.user_id for r in rows} == expected else []

        rows = wait_until(written, what="the relay to write the reminder to every invited provider")
        once_each(rows)
    finally:
        live.stop()
