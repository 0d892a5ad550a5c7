"""Notifications: who is told what, written to the outbox in the cause's own transaction.

:func:`notify` is the one entry point. Given a kind (:mod:`api.domain.notification_kinds`) and an
addressee (:class:`To`: a provider, an authority or one user, or several), it writes one ``EMAIL``
row per person who should get it, in the caller's transaction, so the message exists exactly when
its cause was committed. Nothing is sent here: the relay (:mod:`api.domain.relay`) delivers later.

Who gets it:

- a **provider**: each of its active users;
- an **authority**: each of its active commissioners;
- a **user**: that user.

A row is written for each of them even when it will not be sent, marked SKIPPED with the reason:
``NO_VERIFIED_ADDRESS`` (nothing but the verification message goes to an unverified address),
``MUTED`` (the user turned this optional kind off), ``NO_RECIPIENT`` (nobody at the organisation:
one row, with no user). So the outbox answers "was anyone told?" for every cause.

Statuses are derived from the row's timestamps (:func:`status`): PENDING, SENT, FAILED, SKIPPED.

Addresses: :func:`set_email` gives a user a new, unverified address and writes its verification
message (a one-time link to ``/verify-email/{token}``, valid 7 days; only the token's SHA-256 is
kept on the user); :func:`verify_email` is what confirming on the link's page does, and
:func:`request_verification` sends a signed-in user a new link. An address is unique among VERIFIED
accounts only: claiming it says nothing about whether it is in use, and the first account to verify
it owns it; a later verification of it elsewhere is refused.

Extension points, for what comes next:

- **Another recipient type**: add a case to :func:`_people`, returning the users it stands for, or
  to :func:`_addressees`, expanding it into providers, authorities or users. A purchasing system's
  **registered providers** (:meth:`To.registered_providers`) are expanded there into each ACTIVE,
  verified provider (:func:`registered_providers`), so each row names its own provider.
- **Webhooks** (:mod:`api.domain.webhooks`): beside the e-mail rows, :func:`notify` writes one
  ``channel="WEBHOOK"`` row per enabled endpoint of each addressed organisation (a provider or an
  authority) subscribed to the kind, with ``webhook_endpoint_id`` and no user; the relay delivers it
  through the ``WEBHOOK`` channel as a signed event.
- **Reminders**: pass ``dedupe_key="<kind>:<subject type>:<subject id>:<due time ISO>"``. Each row's
  key is that, plus its addressee; a second write of the same reminder (a restart, two workers,
  running late) is refused by the unique index and :func:`notify` returns no rows, inside a savepoint,
  so the caller's transaction carries on.
- **The in-app inbox** (:mod:`api.domain.inbox`) reads a user's rows (``user_id``, any channel; unread
  first, then newest first), and sets ``read_at``. Skipped e-mail rows still belong in the inbox: the
  inbox is not an e-mail. Kinds with a ``secret`` (a one-time link) are e-mail only.
- **Preferences**: ``User.muted_kinds`` holds the optional kinds a user turned off;
  :func:`api.domain.inbox.set_muted` refuses kinds whose spec is not ``optional``.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, false, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, webhooks
from api.domain.errors import DeadlinePassed, Forbidden, InvalidTransition, NotFound, ValidationError
from api.domain.notification_kinds import KINDS, Kind
from db import models as m
from db.enums import ProviderStatus, UserRole

EMAIL = "EMAIL"
VERIFICATION_LIFETIME = dt.timedelta(days=7)
MAX_EMAIL = 254
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_EMAIL = re.compile(rf"^[^@\s<>\"',;()\[\]\\]{{1,64}}@{_LABEL}(?:\.{_LABEL})+$")


class Status(str, enum.Enum):
    """What became of a notification, derived from its timestamps."""

    PENDING = "PENDING"
    SENT = "SENT"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"


class SkipReason(str, enum.Enum):
    """Why a notification was not sent."""

    NO_VERIFIED_ADDRESS = "NO_VERIFIED_ADDRESS"
    MUTED = "MUTED"
    NO_RECIPIENT = "NO_RECIPIENT"
    INACTIVE = "INACTIVE"
    SUPERSEDED = "SUPERSEDED"  # a one-time link (verification, password reset, invitation) replaced or used
    ENDPOINT_DISABLED = "ENDPOINT_DISABLED"  # a webhook endpoint disabled after the event was written


def status(row: m.Notification) -> Status:
    if row.sent_at is not None:
        return Status.SENT
    if row.failed_at is not None:
        return Status.FAILED
    if row.skipped_at is not None:
        return Status.SKIPPED
    return Status.PENDING


@dataclass(frozen=True)
class To:
    """An addressee: an organisation (``Provider``, ``Authority``) or one ``User``."""

    type: str
    id: int

    @classmethod
    def provider(cls, provider_id: int) -> To:
        return cls("Provider", provider_id)

    @classmethod
    def authority(cls, authority_id: int) -> To:
        return cls("Authority", authority_id)

    @classmethod
    def payers(cls, authority_id: int) -> To:
        """An authority's commissioners and finance users: those who approve and pay its invoices."""
        return cls("AuthorityPayers", authority_id)

    @classmethod
    def board(cls, board_id: int) -> To:
        """An integrated care board: its active people."""
        return cls("IntegratedCareBoard", board_id)

    @classmethod
    def user(cls, user_id: int) -> To:
        return cls("User", user_id)

    @classmethod
    def registered_providers(cls, system_id: int) -> To:
        """A purchasing system's registered providers: see :func:`registered_providers`."""
        return cls(REGISTERED_PROVIDERS, system_id)


async def notify(
    session: AsyncSession,
    *,
    now: dt.datetime,
    kind: Kind,
    to: To | Sequence[To],
    subject_type: str,
    subject_id: int,
    payload: Mapping[str, Any],
    dedupe_key: str | None = None,
) -> list[m.Notification]:
    """Write the message to everyone ``to`` stands for, in the caller's transaction; see the module."""
    entry = KINDS[kind]
    addressees = await _addressees(session, [to] if isinstance(to, To) else list(to))
    people = await _people(session, addressees)
    rows: list[m.Notification] = []
    for addressee in addressees:
        users = people.get(addressee, [])
        for user in users or [None]:
            reason = _skip_reason(kind, user)
            key = None
            if dedupe_key is not None:
                key = f"{dedupe_key}/{addressee.type}:{addressee.id}/{user.id if user else '-'}"
            rows.append(
                m.Notification(
                    created_at=now,
                    kind=kind.value,
                    channel=EMAIL,
                    recipient_type=addressee.type,
                    recipient_id=addressee.id,
                    user_id=user.id if user else None,
                    subject_type=subject_type,
                    subject_id=subject_id,
                    payload=_settled_payload(kind, payload) if reason else dict(payload),
                    attempts=0,
                    next_attempt_at=None if reason else now,
                    skipped_at=now if reason else None,
                    skip_reason=reason.value if reason else None,
                    dedupe_key=key,
                )
            )
    assert entry is not None
    rows += await _webhook_rows(
        session,
        now=now,
        kind=kind,
        addressees=addressees,
        subject_type=subject_type,
        subject_id=subject_id,
        payload=payload,
        dedupe_key=dedupe_key,
    )
    if dedupe_key is None:
        session.add_all(rows)
        await session.flush()
        return rows
    try:
        async with session.begin_nested():
            session.add_all(rows)
            await session.flush()
    except IntegrityError:
        return []  # written before: a reminder is written once
    return rows


async def _webhook_rows(
    session: AsyncSession,
    *,
    now: dt.datetime,
    kind: Kind,
    addressees: Sequence[To],
    subject_type: str,
    subject_id: int,
    payload: Mapping[str, Any],
    dedupe_key: str | None,
) -> list[m.Notification]:
    """One ``WEBHOOK`` row per enabled endpoint of each addressed organisation that wants ``kind``."""
    organisations = [(a.type, a.id) for a in addressees if a.type in ("Provider", "Authority")]
    endpoints = await webhooks.subscribed(session, kind=kind, organisations=organisations)
    rows = []
    for (type_, id_), found in endpoints.items():
        for endpoint in found:
            rows.append(
                m.Notification(
                    created_at=now,
                    kind=kind.value,
                    channel=webhooks.WEBHOOK,
                    recipient_type=type_,
                    recipient_id=id_,
                    user_id=None,
                    webhook_endpoint_id=endpoint.id,
                    subject_type=subject_type,
                    subject_id=subject_id,
                    payload=_settled_payload(kind, payload),  # never a secret (a token) to another system
                    attempts=0,
                    next_attempt_at=now,
                    dedupe_key=None if dedupe_key is None else f"{dedupe_key}/{type_}:{id_}/webhook:{endpoint.id}",
                )
            )
    return rows


def _skip_reason(kind: Kind, user: m.User | None) -> SkipReason | None:
    entry = KINDS[kind]
    if user is None:
        return SkipReason.NO_RECIPIENT
    if not user.active:
        return SkipReason.INACTIVE
    if user.email is None or (user.email_verified_at is None and not entry.to_unverified):
        return SkipReason.NO_VERIFIED_ADDRESS
    if entry.optional and kind.value in (user.muted_kinds or []):
        return SkipReason.MUTED
    return None


def _settled_payload(kind: str | Kind, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The payload without the kind's secrets (a one-time token), once nothing will be sent."""
    secret = KINDS[Kind(kind)].secret
    return {k: v for k, v in payload.items() if k not in secret}


REGISTERED_PROVIDERS = "PurchasingSystem"


def registered_providers(system_id: int) -> Select[tuple[int]]:
    """The providers registered with the purchasing system: those who hear of its rounds.

    Every provider registered with the service (one registration covers each of its purchasing
    systems) that is ACTIVE and whose registration the lead authority has verified. A provider
    SUSPENDED or EXCLUDED, or still awaiting verification, is not told.
    """
    p = m.Provider
    del system_id  # one register of providers for the service's purchasing systems
    return select(p.id).where(p.status == ProviderStatus.ACTIVE, p.verified_at.is_not(None)).order_by(p.id)


async def _addressees(session: AsyncSession, addressees: Sequence[To]) -> list[To]:
    """The addressees, a purchasing system's registered providers each standing for its own provider."""
    found: list[To] = []
    for addressee in addressees:
        if addressee.type == REGISTERED_PROVIDERS:
            found.extend(To.provider(pid) for pid in await session.scalars(registered_providers(addressee.id)))
        else:
            found.append(addressee)
    return list(dict.fromkeys(found))  # each once, in order


async def _people(session: AsyncSession, addressees: Sequence[To]) -> dict[To, list[m.User]]:
    """The active users each addressee stands for, in one query."""
    by_type: dict[str, set[int]] = {}
    for addressee in addressees:
        if addressee.type not in ("Provider", "Authority", "AuthorityPayers", "IntegratedCareBoard", "User"):
            raise ValueError(f"notifications go to an organisation's people or a User, not {addressee.type}")
        by_type.setdefault(addressee.type, set()).add(addressee.id)
    u = m.User
    conditions = []
    if ids := by_type.get("Provider"):
        conditions.append(and_(u.provider_id.in_(ids), u.active))
    if ids := by_type.get("Authority"):
        conditions.append(and_(u.authority_id.in_(ids), u.role == UserRole.AUTHORITY_COMMISSIONER, u.active))
    if ids := by_type.get("AuthorityPayers"):
        payer_roles = (UserRole.AUTHORITY_COMMISSIONER, UserRole.AUTHORITY_FINANCE)
        conditions.append(and_(u.authority_id.in_(ids), u.role.in_(payer_roles), u.active))
    if ids := by_type.get("IntegratedCareBoard"):
        conditions.append(and_(u.integrated_care_board_id.in_(ids), u.active))
    if ids := by_type.get("User"):
        conditions.append(u.id.in_(ids))
    found: dict[To, list[m.User]] = {}
    if not conditions:
        return found
    for user in await session.scalars(select(u).where(or_(*conditions)).order_by(u.id)):
        if user.provider_id is not None and user.provider_id in by_type.get("Provider", ()) and user.active:
            found.setdefault(To.provider(user.provider_id), []).append(user)
        if (
            user.authority_id is not None
            and user.authority_id in by_type.get("Authority", ())
            and user.role is UserRole.AUTHORITY_COMMISSIONER
            and user.active
        ):
            found.setdefault(To.authority(user.authority_id), []).append(user)
        if (
            user.authority_id in by_type.get("AuthorityPayers", ())
            and user.role in (UserRole.AUTHORITY_COMMISSIONER, UserRole.AUTHORITY_FINANCE)
            and user.active
        ):
            found.setdefault(To.payers(user.authority_id), []).append(user)
        if user.integrated_care_board_id in by_type.get("IntegratedCareBoard", ()) and user.active:
            found.setdefault(To.board(user.integrated_care_board_id), []).append(user)
        if user.id in by_type.get("User", ()):
            found.setdefault(To.user(user.id), []).append(user)
    return found


# -- addresses -------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    """How a one-time token is kept: the hex SHA-256 of it."""
    return hashlib.sha256(token.encode()).hexdigest()


def one_time_token() -> tuple[str, str]:
    """A new one-time token for a link, and the hash to keep of it: only the hash is ever stored on the user."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


async def send_link(
    session: AsyncSession, *, now: dt.datetime, user: m.User, kind: Kind, token: str, **fields: str
) -> None:
    """Write ``kind``'s message carrying the one-time ``token`` to ``user`` (a kind whose spec keeps the token
    secret: erased from the row once it is sent, skipped if a newer link replaced it)."""
    payload = {"name": user.display_name, "username": user.username, "token": token, **fields}
    await notify(
        session, now=now, kind=kind, to=To.user(user.id), subject_type="User", subject_id=user.id, payload=payload
    )


def checked_email(value: str, *, field: str) -> str:
    """An e-mail address, trimmed and in lower case; ValidationError naming ``field`` when it is not one."""
    address = value.strip().lower()
    if len(address) > MAX_EMAIL or not _EMAIL.match(address):
        raise ValidationError("Enter an e-mail address in the correct format, like name@example.org", field=field)
    return address


async def set_email(
    session: AsyncSession, *, now: dt.datetime, user: m.User, email: str, field: str, verified: bool = False
) -> None:
    """Give ``user`` an address: unverified, with its verification message written, unless ``verified``.

    ``verified`` is for addresses an administrator vouches for (the demo, ``create-user --verified``);
    it is refused when another account has already verified the address.

    Otherwise the answer never depends on who else has the address: any number of accounts may claim
    it, unverified, and each is sent its own link. Ownership is decided when a link is followed
    (:func:`verify_email`): the first account to verify the address owns it, and only verified
    addresses are unique. So nobody learns, or blocks, another person's address by claiming it.
    """
    address = checked_email(email, field=field)
    if verified and await verified_elsewhere(session, user_id=user.id, address=address):
        raise ValidationError("This e-mail address is already used by another account", field=field)
    if user.email == address and (user.email_verified_at is not None or not verified):
        return
    user.email = address
    if verified:
        user.email_verified_at, user.email_verification_token_hash = now, None
        user.email_verification_expires_at = None
        await session.flush()
        return
    await send_verification(session, now=now, user=user)


async def send_verification(session: AsyncSession, *, now: dt.datetime, user: m.User) -> None:
    """Write a new verification message for the user's (unverified) address; an earlier link stops working."""
    token, user.email_verification_token_hash = one_time_token()
    user.email_verified_at = None
    user.email_verification_expires_at = now + VERIFICATION_LIFETIME
    await session.flush()
    await send_link(session, now=now, user=user, kind=Kind.EMAIL_VERIFICATION, token=token)


async def request_verification(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, expected: str | None = None
) -> m.User:
    """The signed-in user asks for a new link to their own address, e.g. because the first one expired.

    InvalidTransition when there is no address to verify, or it is already verified; ValidationError when
    ``expected`` (checked, lower case) is given and is not the user's address. The link goes to
    the user's own address only, so this tells nobody anything they do not already know.
    """
    user = None
    if actor.subject is not None:
        user = await session.scalar(select(m.User).where(m.User.username == actor.subject))
    if user is None or not user.active:
        raise Forbidden("Only a person with an account here has an e-mail address to verify")
    if user.email is None:
        raise InvalidTransition("You have no e-mail address to verify: ask your administrator to add one")
    if expected is not None and expected != user.email:
        raise ValidationError("This is not your account's e-mail address", field="input.email")
    if user.email_verified_at is not None:
        raise InvalidTransition("Your e-mail address is already verified")
    await send_verification(session, now=now, user=user)
    return user


async def verified_elsewhere(session: AsyncSession, *, user_id: int, address: str) -> bool:
    """Whether an account other than ``user_id`` has verified ``address`` (so owns it)."""
    u = m.User
    found = await session.scalar(
        select(u.id).where(u.email == address, u.email_verified_at.is_not(None), u.id != user_id).limit(1)
    )
    return found is not None


ADDRESS_TAKEN = (
    "This e-mail address has already been confirmed by another account, so it cannot be confirmed for this one. "
    "If the other account is yours, sign in with it; otherwise ask your administrator to use a different address"
)


async def open_verification(session: AsyncSession, *, now: dt.datetime, token: str) -> m.User:
    """The user a verification link is for, changing nothing: what its page shows before confirming.

    NotFound when unknown or used, DeadlinePassed when expired, InvalidTransition (:data:`ADDRESS_TAKEN`)
    when another account has verified the address first.
    """
    user = await session.scalar(select(m.User).where(m.User.email_verification_token_hash == token_hash(token)))
    if user is None or not user.active or user.email is None:
        raise NotFound("This link is not valid, or it has already been used")
    expires = user.email_verification_expires_at
    if expires is None or now >= expires:
        raise DeadlinePassed(
            "This link has expired: sign in and ask for a new one, or ask your administrator", deadline=expires or now
        )
    if await verified_elsewhere(session, user_id=user.id, address=user.email):
        raise InvalidTransition(ADDRESS_TAKEN)
    return user


async def verify_email(session: AsyncSession, *, now: dt.datetime, token: str) -> m.User:
    """What confirming on the link's page does: the address is the user's. The link works once.

    Refused as :func:`open_verification` is: in particular when another account verified the address
    first (the first to verify owns it, and keeps it). Nothing changes then.
    """
    user = await open_verification(session, now=now, token=token)
    user.email_verified_at = now
    user.email_verification_token_hash = None
    user.email_verification_expires_at = None
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as refusal:  # verified elsewhere at the same moment: the unique index decided
        raise InvalidTransition(ADDRESS_TAKEN) from refusal
    await audit.record(
        session,
        actor=Actor(subject=user.username),
        now=now,
        action="user.email_verified",
        entity_type="User",
        entity_id=user.id,
        diff={"before": {"emailVerified": False}, "after": {"emailVerified": True}},
    )
    return user


# -- what administrators read and do ----------------------------------------------------------


def listing(actor: Actor, *, now: dt.datetime, status: Status | None = None, kind: str | None = None) -> Select[Any]:
    """Notifications the lead authority and auditors may read: all of them; nobody else any."""
    t = m.Notification
    statement = select(t)
    if not (actor.has_role(Role.LEAD_ADMIN) or actor.has_role(Role.AUDITOR)):
        return statement.where(false())
    if status is Status.PENDING:
        statement = statement.where(t.next_attempt_at.is_not(None))
    elif status is Status.SENT:
        statement = statement.where(t.sent_at.is_not(None))
    elif status is Status.FAILED:
        statement = statement.where(t.failed_at.is_not(None))
    elif status is Status.SKIPPED:
        statement = statement.where(t.skipped_at.is_not(None))
    if kind is not None:
        statement = statement.where(t.kind == kind)
    return statement


async def retry_failed(session: AsyncSession, *, now: dt.datetime, ids: Sequence[int] | None = None) -> int:
    """Make FAILED notifications (all, or the ones named) pending again, with a fresh count of attempts.

    A row whose kind carries a secret (a one-time link) lost it when it FAILED: it is not retried, as
    it could only go out without its link (see :func:`unretryable_failed`); the user asks for a new one.
    """
    t = m.Notification
    statement = (
        update(t)
        .where(t.failed_at.is_not(None))
        .values(failed_at=None, next_attempt_at=now, attempts=0)
        .execution_options(synchronize_session=False)
    )
    if ids:
        statement = statement.where(t.id.in_(list(ids)))
    if stale := await unretryable_failed(session, ids=ids):
        statement = statement.where(t.id.not_in(stale))
    result = await session.execute(statement)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def unretryable_failed(session: AsyncSession, *, ids: Sequence[int] | None = None) -> list[int]:
    """The FAILED notifications (all, or among those named) whose one-time secret was erased: never retried."""
    t = m.Notification
    secret_kinds = [kind.value for kind, spec in KINDS.items() if spec.secret]
    statement = select(t.id, t.kind, t.payload).where(t.failed_at.is_not(None), t.kind.in_(secret_kinds))
    if ids:
        statement = statement.where(t.id.in_(list(ids)))
    return [
        row.id
        for row in await session.execute(statement)
        if any(field not in (row.payload or {}) for field in KINDS[Kind(row.kind)].secret)
    ]
