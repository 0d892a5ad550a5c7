"""The append-only, hash-chained audit trail.

Every change a mutation makes is recorded in the same transaction as the
change. Each event's hash covers its content and the previous event's hash,
and no two events may share a predecessor, so an altered, removed or
reordered event breaks the chain.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor
from db import models as m

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
"""The id of the request being served, set by the HTTP layer."""

_CHAIN_LOCK = 72_430_001


def event_hash(previous_hash: str | None, content: dict[str, Any]) -> str:
    """The SHA-256 over the previous hash and the event's canonical JSON."""
    body = json.dumps({"previous": previous_hash, **content}, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def _content(event: Any) -> dict[str, Any]:
    """The hashed fields of an event (a model or a row)."""
    return {
        "at": event.at.astimezone(dt.UTC).isoformat(),
        "actor": event.actor,
        "action": event.action,
        "entity_type": event.entity_type,
        "entity_id": event.entity_id,
        "diff": event.diff,
        "request_id": event.request_id,
    }


async def record(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    action: str,
    entity_type: str,
    entity_id: int,
    diff: dict[str, Any],
) -> m.AuditEvent:
    """Append one event to the chain, in the caller's transaction."""
    if session.bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    previous = await session.scalar(select(m.AuditEvent.hash).order_by(m.AuditEvent.id.desc()).limit(1))
    event = m.AuditEvent(
        at=now,
        actor=actor.reference,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        diff=json.loads(json.dumps(diff, default=str)),
        request_id=request_id.get(),
        previous_hash=previous,
    )
    event.hash = event_hash(previous, _content(event))
    session.add(event)
    await session.flush()
    return event


@dataclass(frozen=True)
class ChainReport:
    """What checking the whole chain found."""

    events: int
    head_id: int | None
    head_hash: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


_BATCH = 1000


async def inspect_chain(session: AsyncSession, *, anchors: Sequence[str] = ()) -> ChainReport:
    """Check every event, in order, and that each hash in ``anchors`` (a head recorded earlier) is still there.

    An altered event no longer matches its hash; a deleted, inserted or
    reordered one breaks the link to its predecessor. Rewriting an event and
    every hash after it leaves a consistent chain, but not the same hashes:
    an anchor recorded before the rewrite is then missing. The events are read
    in batches, so the chain may be long.
    """
    table = m.AuditEvent.__table__
    problems: list[str] = []
    previous: str | None = None
    count, last_id = 0, None
    while True:
        query = select(table).order_by(table.c.id).limit(_BATCH)
        if last_id is not None:
            query = query.where(table.c.id > last_id)
        rows = (await session.execute(query)).all()
        for event in rows:
            if event.previous_hash != previous:
                problems.append(await _broken_link(session, event, previous, first=count == 0))
            if event.hash != event_hash(event.previous_hash, _content(event)):
                problems.append(f"event {event.id}: its content does not match its hash: it was altered")
            previous, last_id = event.hash, event.id
            count += 1
        if len(rows) < _BATCH:
            break
    for anchor in anchors:
        if await session.scalar(select(table.c.id).where(table.c.hash == anchor)) is None:
            problems.append(
                f"anchor {anchor}: no event has this hash any more: events up to it were altered, deleted "
                "or rewritten with new hashes"
            )
    return ChainReport(events=count, head_id=last_id, head_hash=previous, problems=problems)


async def _broken_link(session: AsyncSession, event: Any, previous: str | None, *, first: bool) -> str:
    """Why ``event`` does not follow the event read before it."""
    where = f"event {event.id}"
    if event.previous_hash is None:
        return f"{where}: claims to be the first event, but events come before it: they were inserted or reordered"
    table = m.AuditEvent.__table__
    claimed = await session.scalar(select(table.c.id).where(table.c.hash == event.previous_hash))
    if claimed is None:
        lost = "the events before it were" if first else "the event before it was"
        return f"{where}: its predecessor is missing: {lost} deleted, or its hash was altered"
    if claimed > event.id:
        return f"{where}: follows event {claimed}, which comes after it: the events were reordered"
    return f"{where}: follows event {claimed}, not the event just before it: events were inserted or reordered"


async def verify_chain(session: AsyncSession) -> list[str]:
    """Every break in the chain, described; an empty list means it is intact."""
    return (await inspect_chain(session)).problems
