"""The in-app inbox: a person's own messages, and the optional kinds they turned off.

Whose inbox: the signed-in **user** the access token names (its subject is their username). A
machine client (client credentials, subject ``client:…``), an external identity without an
account here, or a token for a deactivated user has no inbox: it reads an empty one, and its
attempts to change one are refused as ``Forbidden``.

What is in it: every notification row written for that user (``user_id``), whatever its channel and
whatever became of its e-mail: a SKIPPED e-mail (no verified address, a muted kind) is still a
message. Kinds carrying a one-time secret (the e-mail verification link) are left out: the link must
reach the address, not whoever holds the session, and its token is erased from the row once settled.
Kinds no longer in the registry are left out too.

Order: **unread first, then newest first**: ``(read_at IS NULL) DESC, id DESC``. A page is taken by
keyset on both keys, so a cursor holds both (:func:`cursor`: whether the row was unread, and its id).
Reading marks nothing; ``mark_read`` does. A message marked read while someone pages moves from the
unread part to the read part, so it may be listed again there; none is skipped.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor
from api.domain import audit
from api.domain.errors import Forbidden, NotFound, ValidationError
from api.domain.notification_kinds import KINDS, Kind
from db import models as m

MAX_IDS = 100
"""Messages named in one ``mark_read``, at most."""
MACHINE_PREFIX = "client:"


def inbox_kinds() -> list[str]:
    """The stored kinds an inbox shows: every kind sent to people but those carrying a one-time secret."""
    return sorted(kind.value for kind, entry in KINDS.items() if entry.emailed and not entry.secret)


async def user_of(session: AsyncSession, actor: Actor) -> m.User | None:
    """The active user the actor is, if it is a person with an account here; see the module."""
    if actor.subject is None or actor.subject.startswith(MACHINE_PREFIX):
        return None
    user = await session.scalar(select(m.User).where(m.User.username == actor.subject))
    return user if user is not None and user.active else None


def _mine(user_id: int) -> ColumnElement[bool]:
    t = m.Notification
    return and_(t.user_id == user_id, t.kind.in_(inbox_kinds()))


def listing(user_id: int | None, *, unread_only: bool = False) -> Select[Any]:
    """The user's messages (none for nobody), unordered: :func:`page` orders them."""
    t = m.Notification
    if user_id is None:
        return select(t).where(t.id.is_(None))
    statement = select(t).where(_mine(user_id))
    if unread_only:
        statement = statement.where(t.read_at.is_(None))
    return statement


@dataclass(frozen=True)
class Position:
    """Where a row sits in the inbox order: unread ones first, then by id, highest first."""

    unread: bool
    id: int


def cursor(row: m.Notification) -> str:
    """The opaque cursor of a row: ``inbox:<1 if unread else 0>:<id>``."""
    return base64.urlsafe_b64encode(f"inbox:{int(row.read_at is None)}:{row.id}".encode()).decode().rstrip("=")


def position(value: str) -> Position:
    """Decode a cursor made by :func:`cursor`; ValueError when it is not one."""
    try:
        if len(value) > 200:
            raise ValueError(value)
        decoded = base64.urlsafe_b64decode((value + "=" * (-len(value) % 4)).encode()).decode()
        prefix, unread, pk = decoded.split(":")
        if prefix != "inbox" or unread not in ("0", "1") or not pk.isascii() or not pk.isdigit():
            raise ValueError(value)
        if int(pk) > 2**31 - 1:
            raise ValueError(value)
        return Position(unread == "1", int(pk))
    except (binascii.Error, UnicodeDecodeError) as error:
        raise ValueError(value) from error


def _after(at: Position) -> ColumnElement[bool]:
    t = m.Notification
    if at.unread:
        return or_(and_(t.read_at.is_(None), t.id < at.id), t.read_at.is_not(None))
    return and_(t.read_at.is_not(None), t.id < at.id)


async def page(
    session: AsyncSession, statement: Select[Any], *, first: int, after: Position | None
) -> tuple[list[m.Notification], bool]:
    """One page of ``statement`` in inbox order after ``after``: its rows, and whether more follow."""
    t = m.Notification
    if after is not None:
        statement = statement.where(_after(after))
    unread_first = case((t.read_at.is_(None), 0), else_=1)
    rows = list(await session.scalars(statement.order_by(unread_first, t.id.desc()).limit(first + 1)))
    return rows[:first], len(rows) > first


async def unread_count(session: AsyncSession, user_id: int | None) -> int:
    if user_id is None:
        return 0
    t = m.Notification
    statement = select(func.count()).select_from(t).where(_mine(user_id), t.read_at.is_(None))
    return int(await session.scalar(statement) or 0)


async def mark_read(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, ids: Sequence[int] | None, every: bool
) -> tuple[int, int]:
    """Mark the caller's messages read: those named, or all. Already read ones keep their time.

    Returns how many were newly marked and how many stay unread. One of the caller's own IDs only:
    another's (or one that does not exist) is NotFound naming its index, and nothing is marked.
    """
    if every == (ids is not None):
        raise ValidationError("Give either the messages to mark read, or all: true", field="input.ids")
    user = await user_of(session, actor)
    if user is None:
        raise Forbidden("Only a person signed in with their own account has messages")
    t = m.Notification
    statement = update(t).where(_mine(user.id), t.read_at.is_(None))
    if ids is not None:
        if len(ids) > MAX_IDS:
            raise ValidationError(f"Mark at most {MAX_IDS} messages at once", field="input.ids")
        owned = set(await session.scalars(select(t.id).where(_mine(user.id), t.id.in_(set(ids)))))
        for index, pk in enumerate(ids):
            if pk not in owned:
                raise NotFound("No such message, or it is not yours", field=f"input.ids[{index}]")
        statement = statement.where(t.id.in_(owned))
    result = await session.execute(statement.values(read_at=now).execution_options(synchronize_session=False))
    marked = int(result.rowcount or 0)  # type: ignore[attr-defined]
    return marked, await unread_count(session, user.id)


@dataclass(frozen=True)
class Preference:
    kind: Kind
    optional: bool
    muted: bool


def preferences(user: m.User | None) -> list[Preference]:
    """Every kind sent to people, whether a user may turn it off, and whether this one has."""
    muted = set(user.muted_kinds or []) if user is not None else set()
    return [
        Preference(kind, entry.optional, entry.optional and kind.value in muted)
        for kind, entry in KINDS.items()
        if entry.emailed
    ]


async def set_muted(session: AsyncSession, *, actor: Actor, now: dt.datetime, muted: Sequence[Kind]) -> m.User:
    """Turn off exactly the ``muted`` kinds for the caller; a kind the procedure requires is refused."""
    for index, kind in enumerate(muted):
        if not KINDS[kind].optional:
            raise ValidationError(
                f"Messages of this kind cannot be turned off: {KINDS[kind].description}",
                field=f"input.muted[{index}]",
            )
    user = await user_of(session, actor)
    if user is None:
        raise Forbidden("Only a person signed in with their own account has message preferences")
    before = sorted(user.muted_kinds or [])
    after = sorted({kind.value for kind in muted})
    if before != after:
        user.muted_kinds = after
        await session.flush()
        await audit.record(
            session,
            actor=actor,
            now=now,
            action="user.notification_preferences_set",
            entity_type="User",
            entity_id=user.id,
            diff={"before": {"mutedKinds": before}, "after": {"mutedKinds": after}},
        )
    return user
