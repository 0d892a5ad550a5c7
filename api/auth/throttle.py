"""Sign-in throttling: exponential back-off and a lock, per account and per address.

Every attempt to sign in at ``/oauth/authorize`` is counted against the username
and against the caller's address *before* the password is checked, in its own
short transaction that is committed at once: the counts live in the database
(``sign_in_throttle``), so every worker sees every other worker's attempts, and
attempts sent in parallel cannot all slip in before the first failure is
recorded. A correct password then takes its own attempt back.

- After ``backoff_after`` failures of one username, each further attempt must
  wait: ``backoff_seconds``, doubling with every failure, at most
  ``backoff_max_seconds``. An attempt made too early is refused (429 with
  ``Retry-After``) without the password being looked at, and is not counted.
- After ``lock_after`` failures the account is locked for ``lock_seconds``:
  every attempt is refused, the right password included, until the lock ends by
  itself or an administrator unlocks it (``python -m api.cli unlock-user``).
  Both are audited (``user.locked`` names when the lock ends; ``user.unlocked``).
- One address gets ``address_backoff_after`` failures, across every username,
  before its attempts must wait in the same way (it is never locked: many people
  can share an address).
- Failures are forgotten ``forget_after_seconds`` after the last one.

The same table also counts requests limited whatever their outcome (:func:`limit_requests`): password
reset requests, per e-mail address and per source address (:mod:`api.auth.password_reset`), under keys
of their own. A password reset clears the account's failures and lock, as ``unlock-user`` does.

A username that belongs to no one is counted, delayed and locked exactly like a
real one, and answered with the same words, so the throttle does not tell
anyone which accounts exist. Only a real account's lock is audited, which no
caller can see.

When users have e-mail addresses, the ``on_lock`` hook is where the e-mailed,
single-use unlock link is sent: it is called, in the transaction recording the
lock, with the locked user and the time the lock ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import case, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.auth.actor import ANONYMOUS, Actor
from api.domain import audit
from db.models import SignInThrottle as ThrottleRow
from db.models import User

if TYPE_CHECKING:
    from api.config import Settings

LockHook = Callable[[AsyncSession, User, dt.datetime], Awaitable[None]]
"""Called when an account is locked: ``(session, user, locked_until)``. The e-mailed unlock goes here."""


@dataclass(frozen=True)
class ThrottlePolicy:
    """How many failures are allowed before waiting and locking, and for how long."""

    backoff_after: int = 3
    backoff_seconds: int = 1
    backoff_max_seconds: int = 300
    lock_after: int = 10
    lock_seconds: int = 1800
    address_backoff_after: int = 30
    forget_after_seconds: int = 3600

    @classmethod
    def from_settings(cls, settings: Settings) -> ThrottlePolicy:
        return cls(
            backoff_after=settings.sign_in_backoff_after,
            backoff_seconds=settings.sign_in_backoff_seconds,
            backoff_max_seconds=settings.sign_in_backoff_max_seconds,
            lock_after=settings.sign_in_lock_after,
            lock_seconds=settings.sign_in_lock_seconds,
            address_backoff_after=settings.sign_in_address_backoff_after,
            forget_after_seconds=settings.sign_in_forget_after_seconds,
        )

    def wait(self, failures: int, after: int) -> int | None:
        """Seconds to wait after ``failures`` failures when waiting starts at ``after``; None for no wait."""
        if failures < after:
            return None
        return min(self.backoff_seconds * 2 ** min(failures - after, 30), self.backoff_max_seconds)


@dataclass(frozen=True)
class Refused:
    """The attempt came too early: nothing was checked or counted."""

    retry_after: int
    """Seconds until the next attempt may be made."""


@dataclass(frozen=True)
class Attempt:
    """An attempt counted before its password is checked."""

    account_key: str
    address_key: str
    address: str
    failures: int
    """The username's failures, this attempt included."""
    locked_until: dt.datetime | None
    """When the lock that this attempt sets, if it fails, ends."""
    retry_after: int | None
    """Seconds the next attempt must wait if this one fails; None when it need not."""


def throttle_key(kind: str, value: str) -> str:
    """How a username or an address is stored: the hex SHA-256 of ``kind:value``."""
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def account_key(username: str) -> str:
    return throttle_key("account", username.strip().lower())


class SignInThrottle:
    """Counts sign-in attempts in the database shared by every worker; one per application."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        policy: ThrottlePolicy | None = None,
        *,
        on_lock: LockHook | None = None,
    ) -> None:
        self.sessions = sessions
        self.policy = policy or ThrottlePolicy()
        self.on_lock = on_lock

    async def begin(self, *, username: str, address: str, now: dt.datetime) -> Attempt | Refused:
        """Count an attempt against the address and the username, or refuse it if either must still wait."""
        address_key = throttle_key("address", address)
        user_key = account_key(username)
        policy = self.policy
        async with self.sessions() as session:
            failures: dict[str, int] = {}
            for kind, key in (("address", address_key), ("account", user_key)):
                counted = await _count(session, kind, key, now, now - dt.timedelta(seconds=policy.forget_after_seconds))
                if counted is None:
                    until = await session.scalar(select(ThrottleRow.blocked_until).where(ThrottleRow.key == key))
                    await session.rollback()  # nothing is counted for an attempt refused
                    wait = (until - now).total_seconds() if until is not None else 1
                    return Refused(retry_after=max(1, math.ceil(wait)))
                failures[kind] = counted
            locked_until = None
            waits = []
            account = failures["account"]
            if account >= policy.lock_after:
                locked_until = now + dt.timedelta(seconds=policy.lock_seconds)
                await _block(session, user_key, locked_until, locked_at=now)
                waits.append(policy.lock_seconds)
            elif (wait := policy.wait(account, policy.backoff_after)) is not None:
                await _block(session, user_key, now + dt.timedelta(seconds=wait))
                waits.append(wait)
            if (wait := policy.wait(failures["address"], policy.address_backoff_after)) is not None:
                await _block(session, address_key, now + dt.timedelta(seconds=wait))
                waits.append(wait)
            await session.commit()
        return Attempt(
            account_key=user_key,
            address_key=address_key,
            address=address,
            failures=account,
            locked_until=locked_until,
            retry_after=max(waits, default=None),
        )

    async def succeeded(self, attempt: Attempt) -> None:
        """The password was right: the username starts afresh, and the address gets its attempt back."""
        table = ThrottleRow
        async with self.sessions() as session:
            await session.execute(delete(table).where(table.key == attempt.account_key))
            await session.execute(
                update(table)
                .where(table.key == attempt.address_key, table.failures > 0)
                .values(failures=table.failures - 1)
            )
            await session.commit()

    async def failed(self, attempt: Attempt, *, user_id: int | None, now: dt.datetime) -> None:
        """The password was wrong: audit the lock it set, if the account exists, and forget stale counts."""
        async with self.sessions() as session:
            if attempt.locked_until is not None and user_id is not None:
                user = await session.get(User, user_id)
                if user is not None:
                    await _audit(
                        session,
                        ANONYMOUS,
                        now,
                        "user.locked",
                        user,
                        {
                            "failures": attempt.failures,
                            "lockedUntil": attempt.locked_until.isoformat(),
                            "address": attempt.address,
                        },
                    )
                    if self.on_lock is not None:
                        await self.on_lock(session, user, attempt.locked_until)
            stale = now - dt.timedelta(seconds=self.policy.forget_after_seconds)
            await session.execute(
                delete(ThrottleRow).where(
                    ThrottleRow.last_failure_at < stale,
                    or_(ThrottleRow.blocked_until.is_(None), ThrottleRow.blocked_until < now),
                )
            )
            await session.commit()


async def unlock_user(session: AsyncSession, username: str, *, actor: Actor, now: dt.datetime) -> bool | None:
    """An administrator's unlock: the username's failures are forgotten and any lock or wait ends.

    Returns None when no such user exists, else whether the account was locked (a lock that has
    ended by itself is not counted again until the next attempt); ``user.unlocked`` is audited when
    it was. The caller commits.
    """
    username = username.strip().lower()
    user = await session.scalar(select(User).where(User.username == username))
    if user is None:
        return None
    key = account_key(username)
    row = await session.scalar(select(ThrottleRow).where(ThrottleRow.key == key))
    await session.execute(delete(ThrottleRow).where(ThrottleRow.key == key))
    if row is None or row.locked_at is None:
        return False
    diff = {
        "lockedAt": row.locked_at.isoformat(),
        "lockedUntil": row.blocked_until.isoformat() if row.blocked_until else None,
        "failures": row.failures,
        "reason": "unlocked by an administrator",
    }
    await _audit(session, actor, now, "user.unlocked", user, diff)
    return True


async def limit_requests(
    session: AsyncSession, *, kind: str, key: str, now: dt.datetime, allowed: int, window: dt.timedelta
) -> int | None:
    """Count one request against ``key`` in the same table: None when allowed, else seconds to wait.

    For requests that are limited whatever their outcome (a password reset): ``allowed`` requests in a
    ``window`` since the last, then ``key`` is blocked for the ``window``. ``kind`` is ``account`` or
    ``address``, ``key`` a :func:`throttle_key` of a purpose of its own. In the caller's transaction.
    """
    counted = await _count(session, kind, key, now, now - window)
    if counted is None:
        until = await session.scalar(select(ThrottleRow.blocked_until).where(ThrottleRow.key == key))
        wait = (until - now).total_seconds() if until is not None else 1
        return max(1, math.ceil(wait))
    if counted >= allowed:
        await _block(session, key, now + window)
    return None


async def _count(
    session: AsyncSession, kind: str, key: str, now: dt.datetime, forget_before: dt.datetime
) -> int | None:
    """Add one failure to ``key`` atomically and return the count; None (and no change) while it must wait.

    A count whose last failure is older than ``forget_before``, or whose lock has ended, starts again at one.
    """
    table = ThrottleRow.__table__
    insert = postgresql_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(table)
        .values(key=key, kind=kind, failures=1, last_failure_at=now, blocked_until=None, locked_at=None)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "failures": case(
                    (or_(table.c.locked_at.is_not(None), table.c.last_failure_at < forget_before), 1),
                    else_=table.c.failures + 1,
                ),
                "last_failure_at": now,
                "blocked_until": None,
                "locked_at": None,
            },
            where=or_(table.c.blocked_until.is_(None), table.c.blocked_until <= now),
        )
        .returning(table.c.failures)
    )
    return (await session.execute(statement)).scalar_one_or_none()


async def _block(session: AsyncSession, key: str, until: dt.datetime, *, locked_at: dt.datetime | None = None) -> None:
    await session.execute(
        update(ThrottleRow).where(ThrottleRow.key == key).values(blocked_until=until, locked_at=locked_at)
    )


async def _audit(
    session: AsyncSession, actor: Actor, now: dt.datetime, action: str, user: User, diff: dict[str, object]
) -> None:
    await audit.record(
        session,
        actor=actor,
        now=now,
        action=action,
        entity_type="User",
        entity_id=user.id,
        diff={"username": user.username, **diff},
    )
