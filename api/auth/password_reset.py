"""Password reset: a one-time link e-mailed to a user's verified address, valid 30 minutes.

:func:`request_reset` is what ``POST /password-reset`` does with an e-mail address. Whoever asks is
told the same, whether or not the address belongs to anyone, and the work is the same shape either way:

1. the request is counted, known address or not, against the address typed (``per_email`` an hour)
   and against the address it came from (``per_address`` an hour), in the sign-in throttle's table
   (:func:`api.auth.throttle.limit_requests`); over either, nothing else happens and the caller waits;
2. a token is drawn and hashed;
3. one outbox row is written (:func:`api.domain.notifications.notify`): to the user whose *verified*
   address it is, pending, carrying the link; else a row with nobody to send to (``NO_RECIPIENT``,
   no link), so that the outbox also shows requests for addresses nobody has.

Only a verified address is sent a link: an unverified one may be a typing mistake of an administrator,
and its owner has not shown it is theirs. Only the SHA-256 of the token is kept on the user, with its
expiry; a newer request replaces the older link. The token itself travels in the outbox row's payload
until the relay settles it, then it is erased (the kind's ``secret`` field).

:func:`reset_password` is what the link's form does: the password rules of every other password
(:func:`api.domain.providers.check_password`), then, in one transaction, the new hash; the link dies;
every refresh token of the user is revoked and its unused authorization codes spent (every sign-in
ends); the account's sign-in throttle is cleared (a lock ends); ``user.password_reset`` is audited.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import ANONYMOUS, Actor
from api.auth.passwords import hash_password
from api.auth.throttle import account_key, limit_requests, throttle_key
from api.domain import audit
from api.domain.errors import DeadlinePassed, NotFound
from api.domain.notification_kinds import Kind
from api.domain.notifications import To, notify, one_time_token, send_link, token_hash
from api.domain.providers import check_password
from db.models import AuthorizationCode, RefreshToken, User
from db.models import SignInThrottle as ThrottleRow

if TYPE_CHECKING:
    from api.config import Settings

RESET_LIFETIME = dt.timedelta(minutes=30)
WINDOW = dt.timedelta(hours=1)
DEAD_LINK = "This link is not valid, or it has already been used"


@dataclass(frozen=True)
class ResetPolicy:
    """How many reset requests an hour: per e-mail address typed, and per source address."""

    per_email: int = 3
    per_address: int = 20

    @classmethod
    def from_settings(cls, settings: Settings) -> ResetPolicy:
        return cls(per_email=settings.password_reset_per_email, per_address=settings.password_reset_per_address)


async def request_reset(
    session: AsyncSession, *, now: dt.datetime, email: str, source: str, policy: ResetPolicy
) -> int | None:
    """Send a reset link to ``email`` if it is a user's verified address; see the module.

    ``email`` is already checked and in lower case. Returns None when done (whoever it belongs to),
    else the seconds to wait: nothing was counted or written, and the caller should roll back.
    """
    limits = (
        ("address", throttle_key("password-reset:address", source), policy.per_address),
        ("account", throttle_key("password-reset:email", email), policy.per_email),
    )
    for kind, key, allowed in limits:
        wait = await limit_requests(session, kind=kind, key=key, now=now, allowed=allowed, window=WINDOW)
        if wait is not None:
            return wait

    user = await session.scalar(
        select(User).where(User.email == email, User.email_verified_at.is_not(None), User.active.is_(True))
    )
    token, hashed = one_time_token()
    if user is None:
        # the same work, with nobody to send to: one outbox row, skipped, without a link
        await notify(
            session, now=now, kind=Kind.PASSWORD_RESET, to=To.user(0), subject_type="User", subject_id=0, payload={}
        )
        return None

    user.password_reset_token_hash = hashed
    user.password_reset_expires_at = now + RESET_LIFETIME
    await session.flush()
    await send_link(session, now=now, user=user, kind=Kind.PASSWORD_RESET, token=token)
    await audit.record(
        session,
        actor=ANONYMOUS,
        now=now,
        action="user.password_reset_requested",
        entity_type="User",
        entity_id=user.id,
        diff={"username": user.username, "expiresAt": user.password_reset_expires_at.isoformat(), "address": source},
    )
    return None


async def open_reset(session: AsyncSession, *, now: dt.datetime, token: str) -> User:
    """The user a reset link belongs to; NotFound when unknown or used, DeadlinePassed after 30 minutes."""
    user = await session.scalar(select(User).where(User.password_reset_token_hash == token_hash(token)))
    if user is None or not user.active:
        raise NotFound(DEAD_LINK)
    expires = user.password_reset_expires_at
    if expires is None or now >= expires:
        raise DeadlinePassed(
            "This link has expired: links to reset a password work for 30 minutes", deadline=expires or now
        )
    return user


async def reset_password(session: AsyncSession, *, now: dt.datetime, token: str, password: str, source: str) -> User:
    """Set the new password, end every sign-in and any lock, and kill the link; the caller commits."""
    user = await open_reset(session, now=now, token=token)
    check_password(password, username=user.username, field="password")
    user.password_hash = await asyncio.to_thread(hash_password, password)
    user.password_reset_token_hash = None
    user.password_reset_expires_at = None
    ended = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(AuthorizationCode)
        .where(AuthorizationCode.user_id == user.id, AuthorizationCode.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    key = account_key(user.username)
    locked = await session.scalar(select(ThrottleRow.locked_at).where(ThrottleRow.key == key))
    await session.execute(delete(ThrottleRow).where(ThrottleRow.key == key))
    await session.flush()
    await audit.record(
        session,
        actor=Actor(subject=user.username, roles=frozenset({user.role})),
        now=now,
        action="user.password_reset",
        entity_type="User",
        entity_id=user.id,
        diff={
            "username": user.username,
            "signInsEnded": int(ended.rowcount or 0),  # type: ignore[attr-defined]
            "unlocked": locked is not None,
            "address": source,
        },
    )
    return user
