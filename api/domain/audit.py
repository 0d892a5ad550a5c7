"""The append-only, hash-chained audit trail.

Every change a mutation makes is recorded in the same transaction as the
change. Each event's hash covers its content and the previous event's hash,
and no two events may share a predecessor, so an altered, removed or
reordered event breaks the chain.

Reading the trail is filtered, never what is stored (the hashes are over the
stored content, so old chains keep verifying):

- an event is read only where the entity it describes is, under that entity's
  own rule (``_audit`` in :mod:`api.domain.visibility`): a sealed bid's history
  stays sealed until the round closes, another council's referrals and offers
  stay with that council;
- its diff is filtered field by field (:func:`readable_diff`): a child's
  profile only in events about a referral whose child the reader sees as
  recorded, prices only in events about the priced row itself, digests of
  sealed content only in events about the bid.

A digest over secret content (a bid's pricing and answers) is keyed:
HMAC-SHA-256 under a server secret (:func:`digest_key`), so that no one can
confirm guessed prices against it offline. Without the secret no digest is
recorded at all.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor
from api.domain.children import sees_child_as_recorded
from db import models as m

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
"""The id of the request being served, set by the HTTP layer."""

_CHAIN_LOCK = 72_430_001


DIGEST_KEY = "audit_digest_key"
"""Where a database session carries the server's key for digests of secret content (``session.info``)."""


def digest_key(private_key_pem: bytes) -> bytes:
    """The key of the trail's digests of secret content, derived from the app's private signing key.

    Derived as the local document store's link-signing key is, for another purpose: it stays on the
    server and changes when the signing key is rotated (digests made before then stay checkable with
    the key derived from the old signing key).
    """
    return hmac.new(private_key_pem, b"audit-trail-digests", hashlib.sha256).digest()


def keyed_digest(session: AsyncSession, content: Any) -> str | None:
    """The HMAC-SHA-256, under the server's key, of ``content``'s canonical JSON, in hex.

    None when ``session`` carries no key (a session opened outside the app): then no digest is
    recorded, since an unkeyed one would let anyone confirm guessed content offline.
    """
    key = session.info.get(DIGEST_KEY)
    if key is None:
        return None
    body = json.dumps(content, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


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


# -- reading ------------------------------------------------------------------------------------

WITHHELD = "(withheld)"
"""What a reader is shown in place of a field it may not read."""

CHILD_FIELDS = frozenset(
    {
        "childReference",
        "ageAtStart",
        "ncYearAtStart",
        "gender",
        "primaryNeed",
        "secondaryNeed1",
        "secondaryNeed2",
        "secondaryNeeds",
        "homePostcodeDistrict",
        "homeLatitude",
        "homeLongitude",
        "needsSummary",
    }
)
"""A referred child's profile, as diffs name its fields."""

PRICE_FIELDS = frozenset(
    {"weeklyFees", "weeklyFee", "weeklyTotal", "annualCost", "lowestAnnualCost", "pricing", "rateCard"}
)
"""Fees and prices, as diffs name them."""

SEALED_FIELDS = frozenset({"digest"})
"""Digests of a bid's sealed content."""

_PRICED = frozenset({"Offer", "CallOff", "Bid", "BidLot"})
"""Entities whose own prices whoever reads them reads: an event about one may show them."""

_SEALED = frozenset({"Bid", "BidLot"})
"""Entities whose sealed content is digested: read only once the bid may be read."""


def readable_diff(entity_type: str, diff: Any, *, actor: Actor, referral: m.Referral | None = None) -> Any:
    """``diff`` of an event about an ``entity_type`` that ``actor`` may read, with every field withheld that
    ``actor`` could not read on the entity directly.

    The event itself is only read where its entity is (``_audit`` in :mod:`api.domain.visibility`), so
    what remains are fields guarded beyond the row: the child's profile is shown only in events about a
    ``referral`` (the visible row, loaded by the caller) whose child ``actor`` sees as recorded; prices
    only in events about the priced row itself (an offer, a call-off, a bid); digests of sealed content
    only in events about the bid. Anywhere else such a field is withheld, at any depth.
    """
    hidden: set[str] = set()
    if not (entity_type == "Referral" and referral is not None and sees_child_as_recorded(referral, actor)):
        hidden |= CHILD_FIELDS
    if entity_type not in _PRICED:
        hidden |= PRICE_FIELDS
    if entity_type not in _SEALED:
        hidden |= SEALED_FIELDS
    return _withhold(diff, frozenset(hidden))


def _withhold(value: Any, hidden: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: WITHHELD if k in hidden and v is not None else _withhold(v, hidden) for k, v in value.items()}
    if isinstance(value, list):
        return [_withhold(v, hidden) for v in value]
    return value
