"""Provider onboarding: registration, verification, colleagues' invitations and establishment details.

1. :func:`register_provider` lets anyone register an organisation with its
   identifiers, its establishments and its first administrator. The provider
   is ACTIVE but unverified.
2. :func:`verify_provider` is the lead authority's check of the registration;
   a provider must be verified before it may bid (:func:`ensure_may_bid`).
3. :func:`invite_user` lets a provider's administrator invite a colleague,
   who is e-mailed a one-time link where they set a password (:func:`accept_invitation`),
   which also verifies their address. The administrator may be given an e-mail address,
   which is sent a verification link (:func:`api.domain.notifications.set_email`).
4. :func:`update_establishment` keeps an establishment's places, inspection
   and needs current; every change is audited, so the audit trail is its history.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from api.auth.actor import Actor, Role
from api.auth.passwords import hash_password
from api.domain import audit, notifications
from api.domain.errors import DeadlinePassed, Forbidden, InvalidTransition, NotFound, Problems, ValidationError
from api.domain.notification_kinds import Kind
from api.domain.queries import rows_by_id, scoped
from api.domain.systems import camel, changed, checked_text, snapshot
from api.domain.versions import expect_version
from api.domain.wording import state, words
from db import models as m
from db.enums import (
    EstablishmentType,
    GendersAdmitted,
    IdentifierScheme,
    NeedCode,
    ProviderStatus,
    UserRole,
)

INVITATION_LIFETIME = dt.timedelta(days=7)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
MAX_PLACES = 5000
MAX_AGE = 25

IDENTIFIER_FORMATS: dict[IdentifierScheme, tuple[re.Pattern[str], str]] = {
    IdentifierScheme.GB_COH: (
        re.compile(r"^(?:\d{8}|[A-Z]{2}\d{6})$"),
        "A Companies House number is 8 characters: 8 digits, or 2 letters and 6 digits (e.g. 01234567, SC123456)",
    ),
    IdentifierScheme.GB_CHC: (
        re.compile(r"^\d{6,8}$"),
        "A Charity Commission number is 6 to 8 digits (e.g. 1123456)",
    ),
    IdentifierScheme.GB_PPON: (
        re.compile(r"^P[A-Z]{3}-\d{4}-[A-Z]{4}$"),
        "A Public Procurement Organisation Number looks like PABC-1234-DEFG",
    ),
}
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{2,99}$")
_URN = re.compile(r"^\d{6}$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$")

ESTABLISHMENT_FIELDS = (
    "host_authority",
    "day_capacity",
    "residential_capacity",
    "day_vacancies",
    "residential_vacancies",
    "age_min",
    "age_max",
)


# -- inputs --------------------------------------------------------------------


@dataclass(frozen=True)
class Identifier:
    """An org-id.guide identifier as given."""

    scheme: IdentifierScheme
    identifier: str


@dataclass(frozen=True)
class NewEstablishment:
    """An establishment as its provider registers it."""

    urn: str
    name: str
    type_code: EstablishmentType
    postcode: str
    latitude: float
    longitude: float
    age_min: int
    age_max: int
    genders: GendersAdmitted
    needs: Sequence[NeedCode]
    day_capacity: int = 0
    residential_capacity: int = 0
    day_vacancies: int = 0
    residential_vacancies: int = 0
    host_authority: str | None = None


@dataclass(frozen=True)
class Administrator:
    """The first user of a provider, who may invite colleagues."""

    username: str
    display_name: str
    password: str
    email: str | None = None


@dataclass(frozen=True)
class Registration:
    """Everything a provider states when it registers."""

    legal_name: str
    identifiers: Sequence[Identifier]
    establishments: Sequence[NewEstablishment]
    administrator: Administrator


@dataclass(frozen=True)
class EstablishmentChanges:
    """New values for an establishment's details; ``None`` (left out) leaves a value, or the list of needs, as it is.

    Inspections are not among them: the lead authority records those (:mod:`api.domain.inspections`).
    """

    host_authority: str | None = None
    day_capacity: int | None = None
    residential_capacity: int | None = None
    day_vacancies: int | None = None
    residential_vacancies: int | None = None
    needs: Sequence[NeedCode] | None = None
    age_min: int | None = None
    age_max: int | None = None


# -- registration ------------------------------------------------------------------


async def register_provider(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, registration: Registration
) -> tuple[m.Provider, m.User]:
    """Register a provider, its identifiers, establishments and first administrator. Open to anyone.

    Everything at fault in the registration is refused at once, in input order.
    """
    problems = Problems()
    legal_name = problems.check(
        checked_text, registration.legal_name, field="input.legalName", label="legal name", max_length=200
    )
    identifiers = await _checked_identifiers(session, problems, registration.identifiers)
    establishments = await _checked_establishments(session, problems, registration.establishments, today=now.date())
    admin = registration.administrator
    username = await problems.check_async(_new_username(session, admin.username, field="input.administrator.username"))
    display_name = problems.check(
        checked_text, admin.display_name, field="input.administrator.displayName", label="display name", max_length=200
    )
    problems.check(
        check_password, admin.password, username=username or admin.username, field="input.administrator.password"
    )
    if admin.email is not None:
        problems.check(notifications.checked_email, admin.email, field="input.administrator.email")
    problems.settle()
    assert legal_name is not None and username is not None and display_name is not None

    provider = m.Provider(legal_name=legal_name, status=ProviderStatus.ACTIVE, status_reason=None, verified_at=None)
    session.add(provider)
    await session.flush()
    session.add_all(m.ProviderIdentifier(provider_id=provider.id, scheme=s, identifier=i) for s, i in identifiers)
    rows = [m.Establishment(provider_id=provider.id, **fields) for fields, _needs in establishments]
    session.add_all(rows)
    await session.flush()
    session.add_all(
        m.EstablishmentNeed(establishment_id=row.id, need_code=need)
        for row, (_fields, needs) in zip(rows, establishments)
        for need in needs
    )
    user = m.User(
        username=username,
        display_name=display_name,
        password_hash=await asyncio.to_thread(hash_password, admin.password),
        role=UserRole.PROVIDER_USER,
        provider_id=provider.id,
        is_provider_admin=True,
        active=True,
    )
    session.add(user)
    await session.flush()
    if admin.email is not None:
        await notifications.set_email(session, now=now, user=user, email=admin.email, field="input.administrator.email")

    await audit.record(
        session,
        actor=actor,
        now=now,
        action="provider.registered",
        entity_type="Provider",
        entity_id=provider.id,
        diff={
            "before": None,
            "after": {
                "legalName": legal_name,
                "status": ProviderStatus.ACTIVE.value,
                "identifiers": [f"{s.value}-{i}" for s, i in identifiers],
                "establishments": [row.urn for row in rows],
            },
        },
    )
    for row, (fields, needs) in zip(rows, establishments):
        await audit.record(
            session,
            actor=actor,
            now=now,
            action="establishment.registered",
            entity_type="Establishment",
            entity_id=row.id,
            diff={"before": None, "after": {**camel(fields), "needs": sorted(n.value for n in needs)}},
        )
    await _record_user(session, actor=actor, now=now, user=user, action="user.registered")
    return provider, user


async def _checked_identifiers(
    session: AsyncSession, problems: Problems, given: Sequence[Identifier]
) -> list[tuple[IdentifierScheme, str]]:
    if not given:
        problems.add("Give at least one identifier: a company, charity or PPON number", field="input.identifiers")
        return []
    checked: list[tuple[IdentifierScheme, str]] = []
    for index, item in enumerate(given):
        field = f"input.identifiers[{index}]"
        value = re.sub(r"\s+", "", item.identifier).upper()
        pattern, explanation = IDENTIFIER_FORMATS[item.scheme]
        if not pattern.match(value):
            problems.add(explanation, field=f"{field}.identifier")
            continue
        if any(scheme is item.scheme for scheme, _ in checked):
            problems.add(f"Give one {words(item.scheme)} only", field=f"{field}.scheme")
            continue
        taken = await session.scalar(
            select(m.ProviderIdentifier.id).where(
                m.ProviderIdentifier.scheme == item.scheme, m.ProviderIdentifier.identifier == value
            )
        )
        if taken is not None:
            problems.add(
                f"{words(item.scheme)} {value} is already registered to a provider; ask its administrator "
                "to invite you instead",
                field=f"{field}.identifier",
            )
            continue
        checked.append((item.scheme, value))
    return checked


async def _checked_establishments(
    session: AsyncSession, problems: Problems, given: Sequence[NewEstablishment], *, today: dt.date
) -> list[tuple[dict[str, Any], list[NeedCode]]]:
    """The establishments registered; what is wrong with each is kept in ``problems``, in input order."""
    if not given:
        problems.add("Register at least one school or college", field="input.establishments")
        return []
    checked: list[tuple[dict[str, Any], list[NeedCode]]] = []
    seen: set[str] = set()
    for index, item in enumerate(given):
        field = f"input.establishments[{index}]"
        urn = item.urn.strip()
        if not _URN.match(urn):
            problems.add("A DfE URN is six digits", field=f"{field}.urn")
        elif urn in seen or await session.scalar(select(m.Establishment.id).where(m.Establishment.urn == urn)):
            problems.add(f"URN {urn} is already registered", field=f"{field}.urn")
        seen.add(urn)
        name = problems.check(
            checked_text, item.name, field=f"{field}.name", label="establishment name", max_length=200
        )
        postcode = problems.check(_postcode, item.postcode, field=f"{field}.postcode")
        host = None
        if item.host_authority is not None and item.host_authority.strip():
            host = problems.check(
                checked_text,
                item.host_authority,
                field=f"{field}.hostAuthority",
                label="host authority",
                max_length=100,
            )
        if not -90 <= item.latitude <= 90:
            problems.add("Latitude is between -90 and 90", field=f"{field}.latitude")
        if not -180 <= item.longitude <= 180:
            problems.add("Longitude is between -180 and 180", field=f"{field}.longitude")
        values: dict[str, Any] = {
            "day_capacity": item.day_capacity,
            "residential_capacity": item.residential_capacity,
            "day_vacancies": item.day_vacancies,
            "residential_vacancies": item.residential_vacancies,
            "age_min": item.age_min,
            "age_max": item.age_max,
        }
        _check_ages(problems, values, field=field)
        needs = problems.check(_checked_needs, item.needs, field=f"{field}.needs")
        before = len(problems)
        _check_places(problems, values, field=field)
        if len(problems) == before and values["day_capacity"] + values["residential_capacity"] == 0:
            problems.add("Give the number of day or residential places", field=f"{field}.dayCapacity")
        fields: dict[str, Any] = {
            "urn": urn,
            "name": name,
            "type_code": item.type_code,
            "postcode": postcode,
            "host_authority": host,
            "latitude": item.latitude,
            "longitude": item.longitude,
            "genders": item.genders,
        }
        checked.append(({**fields, **values}, needs or []))
    return checked


def _postcode(value: str, *, field: str) -> str:
    match = _POSTCODE.match(re.sub(r"\s+", " ", value.strip().upper()))
    if match is None:
        raise ValidationError("Give a UK postcode, e.g. OL16 1XU", field=field)
    return f"{match.group(1)} {match.group(2)}"


def _checked_needs(needs: Sequence[NeedCode], *, field: str) -> list[NeedCode]:
    if not needs:
        raise ValidationError("Name at least one need catered for", field=field)
    twice = sorted({words(need) for need in needs if list(needs).count(need) > 1})
    if twice:
        raise ValidationError(f"Name each need once: {', '.join(twice)} is named more than once", field=field)
    return list(needs)


_PLACES = {
    "day_capacity": "dayCapacity",
    "residential_capacity": "residentialCapacity",
    "day_vacancies": "dayVacancies",
    "residential_vacancies": "residentialVacancies",
}


def _check_places(problems: Problems, values: dict[str, Any], *, field: str) -> None:
    """Places and vacancies as they would become, each of the four inputs at most once in ``problems``."""
    wrong = set()
    for name, label in _PLACES.items():
        if not 0 <= values[name] <= MAX_PLACES:
            problems.add(f"Give a number of places from 0 to {MAX_PLACES}", field=f"{field}.{label}")
            wrong.add(name)
    for kind in ("day", "residential"):
        vacancies, capacity = f"{kind}_vacancies", f"{kind}_capacity"
        if not {vacancies, capacity} & wrong and values[vacancies] > values[capacity]:
            problems.add(
                f"There cannot be more {kind} vacancies ({values[vacancies]}) than {kind} places ({values[capacity]})",
                field=f"{field}.{_PLACES[vacancies]}",
            )


def _check_ages(problems: Problems, values: dict[str, Any], *, field: str) -> None:
    """The age range as it would become."""
    youngest = 0 <= values["age_min"] <= MAX_AGE
    oldest = 0 <= values["age_max"] <= MAX_AGE
    if not youngest:
        problems.add(f"The youngest age admitted is between 0 and {MAX_AGE}", field=f"{field}.ageMin")
    if not oldest:
        problems.add(f"The oldest age admitted is between 0 and {MAX_AGE}", field=f"{field}.ageMax")
    if youngest and oldest and values["age_min"] > values["age_max"]:
        problems.add("The oldest age admitted must not be below the youngest", field=f"{field}.ageMax")


# -- users -----------------------------------------------------------------------------


async def _new_username(session: AsyncSession, value: str, *, field: str) -> str:
    username = value.strip().lower()
    if not _USERNAME.match(username):
        raise ValidationError(
            "A username is 3 to 100 characters: letters, digits and . _ @ + - (an email address will do)",
            field=field,
        )
    if await session.scalar(select(m.User.id).where(m.User.username == username)) is not None:
        raise ValidationError("This username is taken; choose another", field=field)
    return username


def check_password(password: str, *, username: str, field: str) -> None:
    """A password of at least 12 characters that is not the username."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters", field=field)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(f"Choose a password of at most {MAX_PASSWORD_LENGTH} characters", field=field)
    if password.strip().lower() == username.lower():
        raise ValidationError("Choose a password that is not your username", field=field)


async def _record_user(session: AsyncSession, *, actor: Actor, now: dt.datetime, user: m.User, action: str) -> None:
    """Audit a new user: who they are and for whom, never a secret."""
    await audit.record(
        session,
        actor=actor,
        now=now,
        action=action,
        entity_type="User",
        entity_id=user.id,
        diff={
            "before": None,
            "after": {
                "username": user.username,
                "displayName": user.display_name,
                "role": user.role.value,
                "provider": user.provider_id,
                "providerAdmin": user.is_provider_admin,
                "invitationExpiresAt": user.invitation_expires_at,
            },
        },
    )


async def _provider_admin(session: AsyncSession, actor: Actor) -> m.User:
    """The caller's own user row, if it administers the provider the caller acts for."""
    user = None
    if actor.has_role(Role.PROVIDER_USER) and actor.subject is not None and actor.provider_id is not None:
        user = await session.scalar(select(m.User).where(m.User.username == actor.subject))
    if user is None or not user.active or not user.is_provider_admin or user.provider_id != actor.provider_id:
        raise Forbidden("Only an administrator of your provider may invite colleagues")
    return user


async def invite_user(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    username: str,
    display_name: str,
    provider_admin: bool,
    email: str,
) -> m.User:
    """Invite a colleague to the caller's provider: the one-time link is e-mailed to ``email``.

    The link (``/invitations/{token}``) goes in a ``user.invited`` message to the address, though it is
    not yet verified: accepting the invitation through it proves the address, which is then marked
    verified. The answer is the same whether or not another account has the address; an invitation to
    an address another account has already verified cannot be accepted (:func:`open_invitation`).
    Only the SHA-256 of the token is kept on the user, and the link works for 7 days; the token in the
    outbox row is erased once the message is sent. The inviter never sees the link.
    """
    wanted = username.strip().lower()
    if not _USERNAME.match(wanted):
        raise ValidationError(
            "A username is 3 to 100 characters: letters, digits and . _ @ + - (an email address will do)",
            field="input.username",
        )
    name = checked_text(display_name, field="input.displayName", label="display name", max_length=200)
    address = notifications.checked_email(email, field="input.email")
    inviter = await _provider_admin(session, actor)
    wanted = await _new_username(session, wanted, field="input.username")
    # Whether another account has the address is neither checked nor told: the invitation is sent to it,
    # and the address is the invited person's only if no other account verified it first (open_invitation).
    token, hashed = notifications.one_time_token()
    user = m.User(
        username=wanted,
        display_name=name,
        password_hash=None,
        invitation_token_hash=hashed,
        invitation_expires_at=now + INVITATION_LIFETIME,
        invited_by=inviter.username,
        role=UserRole.PROVIDER_USER,
        provider_id=inviter.provider_id,
        is_provider_admin=provider_admin,
        active=True,
        email=address,  # unverified until the invitation is accepted through the e-mailed link
    )
    session.add(user)
    await session.flush()
    provider = await session.get(m.Provider, inviter.provider_id)
    await notifications.send_link(
        session,
        now=now,
        user=user,
        kind=Kind.COLLEAGUE_INVITED,
        token=token,
        inviter=inviter.display_name,
        provider=provider.legal_name if provider is not None else "your organisation",
    )
    await _record_user(session, actor=actor, now=now, user=user, action="user.invited")
    return user


async def open_invitation(session: AsyncSession, *, now: dt.datetime, token_hash: str) -> m.User:
    """The invited user a link's token belongs to; NotFound when unknown or used, DeadlinePassed when expired.

    InvalidTransition (:data:`api.domain.notifications.ADDRESS_TAKEN`) when the invitation's address,
    still unverified, has since been verified by another account: the first to verify owns it.
    """
    user = await session.scalar(select(m.User).where(m.User.invitation_token_hash == token_hash))
    if user is None or not user.active:
        raise NotFound("This invitation link is not valid, or it has already been used")
    expires = user.invitation_expires_at
    if expires is None or now >= expires:
        raise DeadlinePassed(
            "This invitation has expired; ask your administrator to invite you again", deadline=expires or now
        )
    if (
        user.email is not None
        and user.email_verified_at is None
        and await notifications.verified_elsewhere(session, user_id=user.id, address=user.email)
    ):
        raise InvalidTransition(notifications.ADDRESS_TAKEN)
    return user


async def accept_invitation(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, token_hash: str, password: str
) -> m.User:
    """Set the invited user's password and clear the invitation, so the link works once."""
    user = await open_invitation(session, now=now, token_hash=token_hash)
    check_password(password, username=user.username, field="password")
    user.password_hash = await asyncio.to_thread(hash_password, password)
    user.invitation_token_hash = None
    user.invitation_expires_at = None
    verified = user.email is not None and user.email_verified_at is None
    if verified:  # the link came by e-mail to this address: following it proves the address
        user.email_verified_at = now
        user.email_verification_token_hash = None
        user.email_verification_expires_at = None
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as refusal:  # verified elsewhere at the same moment: the unique index decided
        raise InvalidTransition(notifications.ADDRESS_TAKEN) from refusal
    invited = Actor(subject=user.username, roles=frozenset({Role.PROVIDER_USER}), provider_id=user.provider_id)
    await audit.record(
        session,
        actor=invited,
        now=now,
        action="user.invitation_accepted",
        entity_type="User",
        entity_id=user.id,
        diff={
            "before": {"invitation": "open"},
            "after": {"invitation": "accepted", "password": "set", **({"emailVerified": True} if verified else {})},
        },
    )
    return user


# -- verification ------------------------------------------------------------------------


async def _provider(session: AsyncSession, *, actor: Actor, now: dt.datetime, provider_id: int) -> m.Provider:
    found = (await rows_by_id(session, actor=actor, now=now, model=m.Provider, ids=[provider_id])).get(provider_id)
    if found is None:
        raise NotFound("No provider with this ID exists", field="input.id")
    return found


async def verify_provider(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, provider_id: int, version: int | None
) -> m.Provider:
    """The lead authority has checked the registration: the provider may now bid."""
    if not actor.has_role(Role.LEAD_ADMIN):
        raise Forbidden("Only the lead authority verifies providers")
    provider = await _provider(session, actor=actor, now=now, provider_id=provider_id)
    expect_version(provider, version)
    if provider.verified_at is not None:
        raise InvalidTransition(f"This provider was already verified on {provider.verified_at:%d %B %Y}")
    if provider.status is ProviderStatus.EXCLUDED:
        raise InvalidTransition("An excluded provider cannot be verified")
    provider.verified_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="provider.verified",
        entity_type="Provider",
        entity_id=provider.id,
        diff={"before": {"verifiedAt": None}, "after": {"verifiedAt": now}},
    )
    return provider


def ensure_may_bid(provider: m.Provider) -> None:
    """Refuse a bid from a provider that is unverified, suspended or excluded."""
    if provider.status is not ProviderStatus.ACTIVE:
        raise InvalidTransition(f"This provider {state(provider.status)} and may not bid")
    if provider.verified_at is None:
        raise InvalidTransition("The lead authority must verify this provider's registration before it can bid")


# -- establishment details ------------------------------------------------------------------


async def update_establishment(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    establishment_id: int,
    version: int | None,
    changes: EstablishmentChanges,
) -> m.Establishment:
    """The provider keeps its establishment's places, needs and ages current; each change audited.

    What the caller leaves out stays as it is, the list of needs included;
    every value at fault is refused at once, in input order.
    """
    establishment = (
        await rows_by_id(session, actor=actor, now=now, model=m.Establishment, ids=[establishment_id])
    ).get(establishment_id)
    if establishment is None:
        raise NotFound("No establishment with this ID exists", field="input.id")
    if not actor.has_role(Role.PROVIDER_USER) or actor.provider_id != establishment.provider_id:
        raise Forbidden("Only the provider that runs this establishment may change its details")
    expect_version(establishment, version)
    before = snapshot(establishment, ESTABLISHMENT_FIELDS)
    after = {name: before[name] if getattr(changes, name) is None else getattr(changes, name) for name in before}
    problems = Problems()
    if changes.host_authority is not None:
        after["host_authority"] = problems.check(
            checked_text, changes.host_authority, field="input.hostAuthority", label="host authority", max_length=100
        )
    _check_places(problems, after, field="input")
    current = await session.scalars(
        select(m.EstablishmentNeed.need_code).where(m.EstablishmentNeed.establishment_id == establishment.id)
    )
    needs_before = sorted(n.value for n in current)
    needs_after = needs_before
    if changes.needs is not None:
        needs = problems.check(_checked_needs, changes.needs, field="input.needs")
        needs_after = sorted(n.value for n in needs or [])
    _check_ages(problems, after, field="input")
    problems.settle()
    diff = changed({**before, "needs": needs_before}, {**after, "needs": needs_after})
    if not diff["after"]:
        return establishment
    for name, value in after.items():
        setattr(establishment, name, value)
    if needs_after != needs_before:
        for row in await session.scalars(
            select(m.EstablishmentNeed).where(m.EstablishmentNeed.establishment_id == establishment.id)
        ):
            if row.need_code.value not in needs_after:
                await session.delete(row)
        session.add_all(
            m.EstablishmentNeed(establishment_id=establishment.id, need_code=NeedCode(code))
            for code in needs_after
            if code not in needs_before
        )
    establishment.updated_at = now
    flag_modified(establishment, "updated_at")  # a change of needs alone still moves the version on
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="establishment.updated",
        entity_type="Establishment",
        entity_id=establishment.id,
        diff=diff,
    )
    return establishment


async def establishment_changes(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, establishment_ids: Sequence[int]
) -> dict[int, list[m.AuditEvent]]:
    """The audit events about each establishment that ``actor`` may see, newest first, in one query."""
    grouped: dict[int, list[m.AuditEvent]] = defaultdict(list)
    if not establishment_ids:
        return grouped
    e = m.AuditEvent
    stmt = (
        scoped(e, actor, now)
        .where(e.entity_type == "Establishment", e.entity_id.in_(set(establishment_ids)))
        .order_by(e.id.desc())
    )
    for event in await session.scalars(stmt):
        grouped[event.entity_id].append(event)
    return grouped
