"""Demo identities for development: one built-in user per role, and two OAuth clients.

Every demo user signs in with the password ``demo-password``, and the machine
client has a fixed, published secret: never seed these into production.
Password hashes are salted, so these rows differ from one seed to the next;
that is why they are seeded apart from the deterministic ``seed_demo``.

Every demo user has a verified address under ``example.org`` (``<username>@example.org``), and
every demo provider has an administrator (``admin.provider-<id>``, same password) with one, so
that opening any demo referral reaches someone: with ``make run`` the mails land in ``var/mail/``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Role
from api.auth.passwords import hash_password
from api.auth.scopes import ALL_SCOPES, scopes_for
from api.domain.matching import candidates
from db.demo import data
from db.enums import UserRole
from db.models import (
    Authority,
    CallOff,
    IntegratedCareBoard,
    OAuthClient,
    Offer,
    Provider,
    Referral,
    ReferralInvitation,
    User,
)

__all__ = [
    "DEMO_PASSWORD",
    "DemoIdentities",
    "DemoUser",
    "demo_email",
    "demo_identities",
    "provider_admin_username",
    "point_demo_portal_at",
    "seed_demo_identities",
]

DEMO_PASSWORD = "demo-password"
DEMO_MAIL_DOMAIN = "example.org"
MACHINE_CLIENT_ID = "bolton-data-team"
MACHINE_CLIENT_SECRET = "bolton-data-team-demo-secret"
PORTAL_CLIENT_ID = "provider-portal"
BOLTON_GSS_CODE = "E08000001"
CHESHIRE_AND_MERSEYSIDE_ODS_CODE = "QYG"

# The portal may ask for any scope; each user's role narrows what is granted.
PORTAL_SCOPES = " ".join(ALL_SCOPES)
ANALYST_SCOPES = " ".join(scopes_for(Role.AUTHORITY_ANALYST))


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: UserRole
    display_name: str
    authority_gss_code: str | None = None
    board_ods_code: str | None = None


@dataclass(frozen=True)
class DemoIdentities:
    """What a developer needs to sign in or get a token in the demo."""

    password: str
    users: tuple[DemoUser, ...]
    machine_client_id: str
    machine_client_secret: str
    portal_client_id: str
    portal_redirect_uris: tuple[str, ...]


USERS: tuple[DemoUser, ...] = (
    DemoUser("lead.admin", UserRole.LEAD_ADMIN, "Lead authority procurement (demo)", data.LEAD_GSS_CODE),
    *(DemoUser(ref, UserRole.EVALUATOR, f"Evaluator {ref.rsplit('-', 1)[1]} (demo)") for ref in data.EVALUATORS),
    DemoUser("ce.commissioner", UserRole.AUTHORITY_COMMISSIONER, "Cheshire East commissioner (demo)", "E06000049"),
    DemoUser("bolton.analyst", UserRole.AUTHORITY_ANALYST, "Bolton analyst (demo)", BOLTON_GSS_CODE),
    DemoUser("ce.finance", UserRole.AUTHORITY_FINANCE, "Cheshire East finance (demo)", "E06000049"),
    DemoUser("provider.user", UserRole.PROVIDER_USER, "Provider staff (demo)"),
    DemoUser("auditor", UserRole.AUDITOR, "Auditor (demo)"),
    DemoUser(
        "icb.commissioner",
        UserRole.ICB_COMMISSIONER,
        "Cheshire and Merseyside ICB commissioner (demo)",
        board_ods_code=CHESHIRE_AND_MERSEYSIDE_ODS_CODE,
    ),
)


def demo_identities(port: int = 8000) -> DemoIdentities:
    """The demo identities as seeded for a server on ``port``."""
    return DemoIdentities(
        password=DEMO_PASSWORD,
        users=USERS,
        machine_client_id=MACHINE_CLIENT_ID,
        machine_client_secret=MACHINE_CLIENT_SECRET,
        portal_client_id=PORTAL_CLIENT_ID,
        portal_redirect_uris=(f"http://127.0.0.1:{port}/portal/callback", f"http://localhost:{port}/portal/callback"),
    )


def _undecided() -> tuple[ColumnElement[bool], ...]:
    """Referrals opened to providers and not yet awarded, cancelled or closed."""
    return (
        Referral.opened_at.is_not(None),
        Referral.awarded_at.is_(None),
        Referral.cancelled_at.is_(None),
        Referral.closed_unsuccessful_at.is_(None),
    )


async def _invite_to_a_referral_to_offer_on(session: AsyncSession, provider_id: int) -> None:
    """So that the demo provider user can make an offer: unless it is invited to an open referral it has
    not offered on, invite its provider to the open referral with the latest deadline that one of its
    establishments is eligible for."""
    live = select(Offer.referral_id).where(Offer.provider_id == provider_id, Offer.withdrawn_at.is_(None))
    invited = select(ReferralInvitation.referral_id).where(ReferralInvitation.provider_id == provider_id)
    referrals = select(Referral).where(*_undecided()).order_by(Referral.offer_deadline.desc(), Referral.id)
    waiting = await session.scalar(
        referrals.where(Referral.id.in_(invited), Referral.id.not_in(live)).with_only_columns(Referral.id).limit(1)
    )
    if waiting is not None:
        return
    for referral in await session.scalars(referrals.where(Referral.id.not_in(invited))):
        assert referral.opened_at is not None
        found = await candidates(session, now=referral.opened_at, referral=referral, provider_id=provider_id)
        if any(match.eligible for match in found):
            invited_at = referral.opened_at + dt.timedelta(minutes=10)
            session.add(ReferralInvitation(referral_id=referral.id, provider_id=provider_id, invited_at=invited_at))
            return


async def seed_demo_identities(session: AsyncSession, *, port: int = 8000) -> DemoIdentities:
    """Add the demo users and clients that are missing, and flush; the caller commits.

    Needs the demo data in place: the provider user works for a provider with
    placements, invited to the open referral with the latest offer deadline
    (else for the provider of the first call-off), and is invited to one more
    it can offer on when it has offered on all of those. The portal redirects to
    loopback on ``port`` only: :func:`point_demo_portal_at` moves it to another.
    """
    identities = demo_identities(port)
    authority_ids = {code: pk for code, pk in await session.execute(select(Authority.gss_code, Authority.id))}
    board_ids = {
        code: pk for code, pk in await session.execute(select(IntegratedCareBoard.ods_code, IntegratedCareBoard.id))
    }
    invited = (
        select(ReferralInvitation.provider_id, func.max(Referral.offer_deadline).label("deadline"))
        .join(Referral, Referral.id == ReferralInvitation.referral_id)
        .where(*_undecided())
        .group_by(ReferralInvitation.provider_id)
        .subquery()
    )
    provider_id = await session.scalar(
        select(CallOff.provider_id)
        .join(invited, invited.c.provider_id == CallOff.provider_id)
        .order_by(invited.c.deadline.desc(), CallOff.id)
        .limit(1)
    )
    provider_id = provider_id or await session.scalar(select(CallOff.provider_id).order_by(CallOff.id).limit(1))
    if provider_id is None:
        raise RuntimeError("seed the demo data first: there is no call-off to attach the provider user to")
    await _invite_to_a_referral_to_offer_on(session, provider_id)
    existing = set(await session.scalars(select(User.username)))
    password_hash = hash_password(DEMO_PASSWORD)  # one salted hash for all: hashing is slow on purpose
    verified_at = dt.datetime.now(dt.UTC)
    session.add_all(
        User(
            username=user.username,
            display_name=user.display_name,
            password_hash=password_hash,
            role=user.role,
            authority_id=authority_ids[user.authority_gss_code] if user.authority_gss_code else None,
            provider_id=provider_id if user.role is UserRole.PROVIDER_USER else None,
            integrated_care_board_id=board_ids[user.board_ods_code] if user.board_ods_code else None,
            is_provider_admin=user.role is UserRole.PROVIDER_USER,  # so the demo can invite colleagues
            active=True,
            email=demo_email(user.username),
            email_verified_at=verified_at,
        )
        for user in identities.users
        if user.username not in existing
    )
    # every provider has an administrator with an address, so that every invitation reaches someone
    providers = list(await session.scalars(select(Provider.id).order_by(Provider.id)))
    session.add_all(
        User(
            username=provider_admin_username(pid),
            display_name=f"Provider administrator {pid} (demo)",
            password_hash=password_hash,
            role=UserRole.PROVIDER_USER,
            provider_id=pid,
            is_provider_admin=True,
            active=True,
            email=demo_email(provider_admin_username(pid)),
            email_verified_at=verified_at,
        )
        for pid in providers
        if provider_admin_username(pid) not in existing
    )

    clients = set(await session.scalars(select(OAuthClient.client_id)))
    if MACHINE_CLIENT_ID not in clients:
        session.add(
            OAuthClient(
                client_id=MACHINE_CLIENT_ID,
                client_secret_hash=hash_password(MACHINE_CLIENT_SECRET),
                name="Bolton Council data team (demo)",
                is_public=False,
                redirect_uris=[],
                grant_types=["client_credentials"],
                scope=ANALYST_SCOPES,
                role=UserRole.AUTHORITY_ANALYST,
                authority_id=authority_ids[BOLTON_GSS_CODE],
            )
        )
    if PORTAL_CLIENT_ID not in clients:
        session.add(
            OAuthClient(
                client_id=PORTAL_CLIENT_ID,
                client_secret_hash=None,
                name="North West SEND portal",
                is_public=True,
                redirect_uris=list(identities.portal_redirect_uris),
                grant_types=["authorization_code", "refresh_token"],
                scope=PORTAL_SCOPES,
            )
        )
    await session.flush()
    return identities


def demo_email(username: str) -> str:
    """A demo user's address: under ``example.org``, reserved for examples, so nothing real receives it."""
    return f"{username}@{DEMO_MAIL_DOMAIN}"


def provider_admin_username(provider_id: int) -> str:
    """The demo administrator of a provider."""
    return f"admin.provider-{provider_id}"


async def point_demo_portal_at(session: AsyncSession, port: int) -> None:
    """Redirect the demo portal client to loopback on ``port`` (and no other port); the caller commits.

    A redirect URI must match exactly, port included, so a demo served on another
    port registers that port's callback instead.
    """
    client = await session.scalar(select(OAuthClient).where(OAuthClient.client_id == PORTAL_CLIENT_ID))
    wanted = list(demo_identities(port).portal_redirect_uris)
    if client is not None and client.redirect_uris != wanted:
        client.redirect_uris = wanted
        await session.flush()
