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


def _content(event: m.AuditEvent) -> dict[str, Any]:
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


async def verify_chain(session: AsyncSession) -> list[str]:
    """Every break in the chain, described; an empty list means it is intact."""
    problems: list[str] = []
    previous: str | None = None
    for event in await session.scalars(select(m.AuditEvent).order_by(m.AuditEvent.id)):
        if event.previous_hash != previous:
            problems.append(f"event {event.id}: does not follow the event before it")
        if event.hash != event_hash(event.previous_hash, _content(event)):
            problems.append(f"event {event.id}: its content does not match its hash")
        previous = event.hash
    return problems
