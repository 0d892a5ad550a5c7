"""The tamper-evident audit trail: ``verify-audit`` finds every altered, deleted, reordered or rewritten event.

The tampering is done straight in the database, as an attacker with the
table owner's rights would: on PostgreSQL that means switching off the
append-only trigger first. After each case the trail is put back as it was,
and it verifies again.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import asyncpg
import pytest
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.sql import Executable

from api.domain.audit import _content, event_hash
from db import models as m
from db.engine import create_engine
from tests.reliability import verify_audit_here
from tests.support import WritableApi
from tests.test_bids import World, load_world, ok, ready_bid, version_of

EVENTS = m.AuditEvent.__table__
TRIGGERS = ("audit_event_append_only", "audit_event_no_truncate")


def run(url: str, *statements: Executable) -> list[Any]:
    """Run the statements in one transaction; the rows of the last one."""

    async def go() -> list[Any]:
        engine = create_engine(url)
        try:
            async with engine.begin() as connection:
                result = None
                for statement in statements:
                    result = await connection.execute(statement)
                return list(result) if result is not None and result.returns_rows else []
        finally:
            await engine.dispose()

    return asyncio.run(go())


@dataclass
class Trail:
    api: WritableApi
    world: World
    url: str
    backend: str

    def events(self) -> list[dict[str, Any]]:
        return [dict(row._mapping) for row in run(self.url, select(EVENTS).order_by(EVENTS.c.id))]

    def as_attacker(self, *statements: Executable) -> None:
        """Change the trail as the table's owner would, getting round the append-only trigger on PostgreSQL."""
        if self.backend == "postgresql":
            off = text("ALTER TABLE audit_event DISABLE TRIGGER USER")
            on = [text(f"ALTER TABLE audit_event ENABLE ALWAYS TRIGGER {name}") for name in TRIGGERS]
            statements = (off, *statements, *on)
        run(self.url, *statements)

    def restore(self, events: list[dict[str, Any]]) -> None:
        self.as_attacker(delete(EVENTS), insert(EVENTS).values(events))


@pytest.fixture(scope="module")
def trail(writable: WritableApi) -> Trail:
    """The demo, with a few bids drafted and submitted: a trail of a dozen events or so."""
    world = load_world(writable)
    for _ in range(3):
        bidder = world.bidder()
        bid = ready_bid(world, bidder, world.round2)
        ok(writable, "submitBid", {"bid": bid, "version": version_of(world, bid, bidder.token)}, bidder.token)
    return Trail(api=writable, world=world, url=writable.app.state.settings.database_url, backend=writable.backend)


@pytest.fixture()
def untouched(trail: Trail) -> Iterator[list[dict[str, Any]]]:
    """The trail before the test; put back afterwards, and then intact."""
    before = trail.events()
    assert len(before) >= 12
    yield before
    trail.restore(before)
    assert trail.events() == before
    code, report = verify_audit_here(trail.url)
    assert code == 0, report


def test_an_intact_trail_verifies_and_names_its_head(trail: Trail, untouched: list[dict[str, Any]]) -> None:
    code, report = verify_audit_here(trail.url)
    head = untouched[-1]
    assert code == 0, report
    assert f"audit trail intact: {len(untouched)} event(s), head event {head['id']}, hash {head['hash']}" in report
    code, report = verify_audit_here(trail.url, head["hash"], untouched[3]["hash"])
    assert code == 0 and "2 anchor(s) found" in report, report


def _rehashed(events: list[dict[str, Any]], start: int) -> list[Executable]:
    """Every hash from event ``start`` on worked out again, as an attacker who knows the algorithm would."""
    statements: list[Executable] = []
    previous = events[start - 1]["hash"]
    for event in events[start:]:
        new_hash = event_hash(previous, _content(SimpleNamespace(**event)))
        statements.append(
            update(EVENTS).where(EVENTS.c.id == event["id"]).values(previous_hash=previous, hash=new_hash)
        )
        previous = new_hash
    return statements


def _altered(events: list[dict[str, Any]], field: str, new: Any) -> list[Executable]:
    return [update(EVENTS).where(EVENTS.c.id == events[4]["id"]).values({field: new})]


def _swapped(events: list[dict[str, Any]]) -> list[Executable]:
    a, b = events[4]["id"], events[5]["id"]
    return [
        update(EVENTS).where(EVENTS.c.id == a).values(id=-1),
        update(EVENTS).where(EVENTS.c.id == b).values(id=a),
        update(EVENTS).where(EVENTS.c.id == -1).values(id=b),
    ]


Case = Callable[[list[dict[str, Any]]], tuple[list[Executable], list[str]]]

CASES: dict[str, Case] = {
    "a diff altered": lambda e: (
        _altered(e, "diff", {**e[4]["diff"], "after": {"status": "WITHDRAWN"}}),
        [rf"event {e[4]['id']}: its content does not match its hash: it was altered"],
    ),
    "an actor altered": lambda e: (
        _altered(e, "actor", "someone-else"),
        [rf"event {e[4]['id']}: its content does not match its hash"],
    ),
    "a time altered": lambda e: (
        _altered(e, "at", e[4]["at"].replace(year=2020)),
        [rf"event {e[4]['id']}: its content does not match its hash"],
    ),
    "a hash altered": lambda e: (
        _altered(e, "hash", "0" * 64),
        [rf"event {e[4]['id']}: its content does not match", rf"event {e[5]['id']}: its predecessor is missing"],
    ),
    "an event deleted": lambda e: (
        [delete(EVENTS).where(EVENTS.c.id == e[4]["id"])],
        [rf"event {e[5]['id']}: its predecessor is missing: the event before it was deleted"],
    ),
    "the first event deleted": lambda e: (
        [delete(EVENTS).where(EVENTS.c.id == e[0]["id"])],
        [rf"event {e[1]['id']}: its predecessor is missing: the events before it were deleted"],
    ),
    "two events reordered": lambda e: (
        _swapped(e),
        [
            rf"event {e[4]['id']}: follows event {e[5]['id']}, which comes after it: the events were reordered",
            rf"event {e[5]['id']}: follows event {e[3]['id']}, not the event just before it",
        ],
    ),
    "an event inserted": lambda e: (
        [insert(EVENTS).values({**e[4], "id": e[-1]["id"] + 100, "hash": "f" * 64, "previous_hash": "e" * 64})],
        [rf"event {e[-1]['id'] + 100}: its predecessor is missing", rf"event {e[-1]['id'] + 100}: its content"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_tampering_is_detected(trail: Trail, untouched: list[dict[str, Any]], case: str) -> None:
    statements, expected = CASES[case](untouched)
    trail.as_attacker(*statements)
    assert trail.events() != untouched
    code, report = verify_audit_here(trail.url)
    assert code == 1, report
    assert report.startswith("AUDIT TRAIL BROKEN:"), report
    problems = [line.strip() for line in report.splitlines()[1:]]
    for pattern in expected:
        assert any(re.match(pattern, p) for p in problems), (pattern, report)


def test_a_rewritten_chain_is_caught_by_an_anchor(trail: Trail, untouched: list[dict[str, Any]]) -> None:
    """Altering an event and working out every later hash again leaves a consistent chain: only a head hash
    recorded earlier, kept elsewhere, shows it."""
    head = untouched[-1]["hash"]
    tampered = {**untouched[4]["diff"], "after": {"status": "WITHDRAWN"}}
    rewritten = [{**e, "diff": tampered} if i == 4 else e for i, e in enumerate(untouched)]
    trail.as_attacker(*_altered(untouched, "diff", tampered), *_rehashed(rewritten, 4))
    assert verify_audit_here(trail.url)[0] == 0  # consistent on its own
    code, report = verify_audit_here(trail.url, head)
    assert code == 1, report
    assert f"anchor {head}: no event has this hash any more" in report


def test_a_truncated_tail_is_caught_by_an_anchor(trail: Trail, untouched: list[dict[str, Any]]) -> None:
    head = untouched[-1]["hash"]
    trail.as_attacker(delete(EVENTS).where(EVENTS.c.id >= untouched[-2]["id"]))
    assert verify_audit_here(trail.url)[0] == 0
    code, report = verify_audit_here(trail.url, head)
    assert code == 1 and f"anchor {head}" in report, report


def test_an_unreadable_trail_is_not_reported_intact(tmp_path: Path) -> None:
    code, report = verify_audit_here(f"sqlite:///{tmp_path / 'not-migrated.sqlite3'}")
    assert code == 2, report
    assert "cannot read the audit trail" in report and "intact" not in report


# -- PostgreSQL refuses to change or remove an event --------------------------------------------------------


def test_postgresql_refuses_updates_and_deletes_of_audit_events(trail: Trail, untouched: list[dict[str, Any]]) -> None:
    target = untouched[4]["id"]
    if trail.backend != "postgresql":  # SQLite has no such trigger: the change goes through, and the chain tells
        trail.as_attacker(update(EVENTS).where(EVENTS.c.id == target).values(actor="someone-else"))
        assert verify_audit_here(trail.url)[0] == 1
        return

    async def attempts() -> dict[str, str]:
        connection = await asyncpg.connect(trail.url)
        refused: dict[str, str] = {}
        try:
            enabled = await connection.fetch(
                "SELECT tgname, tgenabled::text AS tgenabled FROM pg_trigger "
                "WHERE tgrelid = 'audit_event'::regclass AND NOT tgisinternal"
            )
            assert {(r["tgname"], r["tgenabled"]) for r in enabled} == {(name, "A") for name in TRIGGERS}
            for name, statement in {
                "update": f"UPDATE audit_event SET actor = 'someone-else' WHERE id = {target}",
                "delete": f"DELETE FROM audit_event WHERE id = {target}",
                "delete all": "DELETE FROM audit_event",
                "truncate": "TRUNCATE audit_event",
                "update as a replica": (
                    "SET LOCAL session_replication_role = replica; "
                    f"UPDATE audit_event SET diff = '{{}}' WHERE id = {target}"
                ),
            }.items():
                try:
                    async with connection.transaction():
                        await connection.execute(statement)
                except asyncpg.InsufficientPrivilegeError as error:
                    refused[name] = str(error)
            # appending is what the application does, and still works
            async with connection.transaction():
                await connection.execute("SELECT 1 FROM audit_event LIMIT 1")
        finally:
            await connection.close()
        return refused

    refused = asyncio.run(attempts())
    assert set(refused) == {"update", "delete", "delete all", "truncate", "update as a replica"}, refused
    assert all("audit_event is append-only" in message for message in refused.values()), refused
    assert trail.events() == untouched
