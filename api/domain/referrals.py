"""Referrals: an authority's pseudonymised request for a placement, from draft to invitation.

1. :func:`create_referral` records a DRAFT: the lot, the child's profile (the
   authority's own reference, never a name), the dates, the mode, the quality
   questions and the weights of quality and price.
2. :func:`update_referral` changes a draft; every value is checked again.
3. :func:`open_referral` invites the providers of eligible matches (all of
   them, or a chosen few), writing one invitation per provider and, through
   :func:`api.domain.notifications.notify`, a notification to each of its users
   in the same transaction: the notifications are an outbox.
4. :func:`cancel_referral` stops a referral, with a reason, until it is awarded.

Only a commissioner of the referring authority does any of this, and every
change is audited.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, matching, notices, notifications, regimes
from api.domain import status as st
from api.domain.children import neutral_reference
from api.domain.errors import DeadlinePassed, Forbidden, InvalidTransition, NotFound, ValidationError
from api.domain.notification_kinds import Kind, global_id
from api.domain.queries import rows_by_id
from api.domain.systems import camel, checked_text
from api.domain.versions import expect_version
from db import models as m
from db.enums import DirectAwardGround, Gender, NeedCode, ReferralMode

INVITED = Kind.REFERRAL_INVITED.value
CANCELLED = Kind.REFERRAL_CANCELLED.value
MAX_QUESTIONS = 10
MAX_SECONDARY_NEEDS = 2
MAX_SUMMARY = 4000
DEFAULT_WEIGHTS = (60, 40)
PERSONAL = frozenset({"child_reference", "home_latitude", "home_longitude", "needs_summary"})
WITHHELD = "(withheld)"

_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_UK = {"latitude": (49.8, 60.9), "longitude": (-8.7, 1.8)}

FIELDS = (
    "lot_id",
    "child_reference",
    "age_at_start",
    "nc_year_at_start",
    "gender",
    "primary_need",
    "secondary_need_1",
    "secondary_need_2",
    "home_postcode_district",
    "home_latitude",
    "home_longitude",
    "needs_summary",
    "start_by",
    "offer_deadline",
    "mode",
    "quality_questions",
    "quality_weight",
    "price_weight",
)


# -- inputs ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChildProfile:
    """The child as the authority describes it: no name, ever."""

    reference: str
    age_at_start: int
    gender: Gender
    primary_need: NeedCode
    home_postcode_district: str
    home_latitude: float
    home_longitude: float
    needs_summary: str
    secondary_needs: Sequence[NeedCode] = ()
    nc_year_at_start: int | None = None


@dataclass(frozen=True)
class ReferralDetails:
    """Everything a commissioner states in a referral."""

    lot_id: int
    child: ChildProfile
    start_by: dt.date
    offer_deadline: dt.datetime
    mode: ReferralMode
    quality_questions: Sequence[str] = ()
    quality_weight: int = DEFAULT_WEIGHTS[0]
    price_weight: int = DEFAULT_WEIGHTS[1]


@dataclass(frozen=True)
class ReferralChanges:
    """New values for a draft; ``None`` leaves a value as it is."""

    lot_id: int | None = None
    child: ChildProfile | None = None
    start_by: dt.date | None = None
    offer_deadline: dt.datetime | None = None
    mode: ReferralMode | None = None
    quality_questions: Sequence[str] | None = None
    quality_weight: int | None = None
    price_weight: int | None = None


# -- checks ------------------------------------------------------------------------


def _commissioner(actor: Actor) -> int:
    """The authority of a commissioner; nobody else raises or changes referrals."""
    if not actor.has_role(Role.AUTHORITY_COMMISSIONER) or actor.authority_id is None:
        raise Forbidden("Only a commissioner of an authority raises and manages its referrals")
    return actor.authority_id


async def _lot(session: AsyncSession, *, actor: Actor, now: dt.datetime, lot_id: int, authority_id: int) -> m.Lot:
    """A lot of a live purchasing system that the authority buys through."""
    lot = (await rows_by_id(session, actor=actor, now=now, model=m.Lot, ids=[lot_id])).get(lot_id)
    if lot is None:
        raise NotFound("No lot with this ID exists", field="input.lot")
    system = await session.get(m.PurchasingSystem, lot.system_id)
    if system is None or st.system_status(system) is not st.SystemStatus.ACTIVE:
        raise ValidationError("The lot's purchasing system is not live", field="input.lot")
    if await session.get(m.SystemMember, (system.id, authority_id)) is None:
        raise ValidationError("Your authority does not buy through this lot's purchasing system", field="input.lot")
    return lot


def _child(child: ChildProfile, lot: m.Lot) -> dict[str, Any]:
    """The child's profile as columns, each value checked; field paths under ``input.child``."""
    path = "input.child"
    reference = child.reference.strip()
    if not _REFERENCE.match(reference) or not any(c.isdigit() for c in reference):
        raise ValidationError(
            "Give your authority's own reference for the child, e.g. CE-2026-0147: letters, digits and - / _ . "
            "with at least one digit. Never the child's name.",
            field=f"{path}.reference",
        )
    age = child.age_at_start
    if not lot.age_min <= age <= lot.age_max:
        raise ValidationError(
            f"Lot {lot.code} serves ages {lot.age_min} to {lot.age_max}; the child will be {age}",
            field=f"{path}.ageAtStart",
        )
    year = child.nc_year_at_start
    if year is not None:
        expected = min(age - 5, 14)
        if not -2 <= year <= 14 or abs(year - expected) > 1:
            raise ValidationError(
                f"A child of {age} is in national curriculum year {expected}, give or take one (-2 to 14)",
                field=f"{path}.ncYearAtStart",
            )
    secondary = list(child.secondary_needs)
    if len(secondary) > MAX_SECONDARY_NEEDS:
        raise ValidationError("Name at most two secondary needs", field=f"{path}.secondaryNeeds")
    seen = {child.primary_need}
    for index, need in enumerate(secondary):
        if need in seen:
            raise ValidationError(
                "Each need is named once: a secondary need differs from the primary need and the other secondary",
                field=f"{path}.secondaryNeeds[{index}]",
            )
        seen.add(need)
    district = re.sub(r"\s+", "", child.home_postcode_district).upper()
    if not _DISTRICT.match(district):
        raise ValidationError(
            "Give the outward code of the home postcode only, e.g. CW1 or M14", field=f"{path}.homePostcodeDistrict"
        )
    for name, value in (("latitude", child.home_latitude), ("longitude", child.home_longitude)):
        low, high = _UK[name]
        if not low <= value <= high:
            raise ValidationError(
                f"The home {name} must be in the United Kingdom ({low} to {high})",
                field=f"{path}.home{name.capitalize()}",
            )
    return {
        "child_reference": reference,
        "age_at_start": age,
        "nc_year_at_start": year,
        "gender": child.gender,
        "primary_need": child.primary_need,
        "secondary_need_1": secondary[0] if secondary else None,
        "secondary_need_2": secondary[1] if len(secondary) > 1 else None,
        "home_postcode_district": district,
        "home_latitude": child.home_latitude,
        "home_longitude": child.home_longitude,
        "needs_summary": checked_text(
            child.needs_summary,
            field=f"{path}.needsSummary",
            label="summary of needs",
            max_length=MAX_SUMMARY,
            multiline=True,
        ),
    }


def _questions(questions: Sequence[str]) -> list[str]:
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(f"Ask at most {MAX_QUESTIONS} quality questions", field="input.qualityQuestions")
    return [
        checked_text(q, field=f"input.qualityQuestions[{i}]", label="quality question", max_length=1000)
        for i, q in enumerate(questions)
    ]


def _weights(quality: int, price: int) -> None:
    for name, value in (("qualityWeight", quality), ("priceWeight", price)):
        if not 0 <= value <= 100:
            raise ValidationError("A weight is a percentage from 0 to 100", field=f"input.{name}")
    if quality + price != 100:
        raise ValidationError(
            f"The quality and price weights must add up to 100; they add up to {quality + price}",
            field="input.priceWeight",
        )


def _dates(start_by: dt.date, offer_deadline: dt.datetime, now: dt.datetime) -> None:
    if offer_deadline.tzinfo is None:
        raise ValidationError("Give the offer deadline with its time zone", field="input.offerDeadline")
    if offer_deadline <= now:
        raise ValidationError("The offer deadline must be in the future", field="input.offerDeadline")
    if start_by < offer_deadline.astimezone(dt.UTC).date():
        raise ValidationError("The placement cannot start before offers close", field="input.startBy")


async def _checked(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, details: ReferralDetails, authority_id: int
) -> dict[str, Any]:
    """A referral's columns from ``details``, every value checked."""
    lot = await _lot(session, actor=actor, now=now, lot_id=details.lot_id, authority_id=authority_id)
    values = _child(details.child, lot)
    _dates(details.start_by, details.offer_deadline, now)
    _weights(details.quality_weight, details.price_weight)
    return {
        "lot_id": lot.id,
        **values,
        "start_by": details.start_by,
        "offer_deadline": details.offer_deadline.astimezone(dt.UTC),
        "mode": details.mode,
        "quality_questions": _questions(details.quality_questions),
        "quality_weight": details.quality_weight,
        "price_weight": details.price_weight,
    }


def _withheld(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` for the audit trail: what could single out a child is marked, not copied.

    The trail is read beyond the referring authority (the lead authority,
    auditors), so it says that the reference, home or summary changed, never
    what they are.
    """
    return {k: (WITHHELD if k in PERSONAL and v is not None else v) for k, v in values.items()}


def _snapshot(row: m.Referral) -> dict[str, Any]:
    return {name: getattr(row, name) for name in FIELDS}


def _profile_of(row: m.Referral) -> ChildProfile:
    return ChildProfile(
        reference=row.child_reference,
        age_at_start=row.age_at_start,
        nc_year_at_start=row.nc_year_at_start,
        gender=row.gender,
        primary_need=row.primary_need,
        secondary_needs=[n for n in (row.secondary_need_1, row.secondary_need_2) if n is not None],
        home_postcode_district=row.home_postcode_district,
        home_latitude=row.home_latitude,
        home_longitude=row.home_longitude,
        needs_summary=row.needs_summary,
    )


async def _referral(session: AsyncSession, *, actor: Actor, now: dt.datetime, referral_id: int) -> m.Referral:
    """A referral of the commissioner's own authority."""
    authority_id = _commissioner(actor)
    found = (await rows_by_id(session, actor=actor, now=now, model=m.Referral, ids=[referral_id])).get(referral_id)
    if found is None or found.authority_id != authority_id:
        raise NotFound("No referral with this ID exists, or you may not see it", field="input.referral")
    return found


async def _record(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, action: str, row: m.Referral, diff: dict[str, Any]
) -> None:
    await session.flush()
    await audit.record(
        session, actor=actor, now=now, action=action, entity_type="Referral", entity_id=row.id, diff=diff
    )


# -- the lifecycle -------------------------------------------------------------------


async def create_referral(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, details: ReferralDetails
) -> m.Referral:
    """Record a DRAFT referral for the commissioner's authority."""
    authority_id = _commissioner(actor)
    values = await _checked(session, actor=actor, now=now, details=details, authority_id=authority_id)
    row = m.Referral(authority_id=authority_id, **values)
    session.add(row)
    await _record(
        session,
        actor=actor,
        now=now,
        action="referral.created",
        row=row,
        diff={"before": None, "after": camel(_withheld({**values, "authority_id": authority_id}))},
    )
    return row


async def update_referral(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    referral_id: int,
    version: int | None,
    changes: ReferralChanges,
) -> m.Referral:
    """Change a DRAFT referral. The values it would have are checked together, as at creation."""
    row = await _referral(session, actor=actor, now=now, referral_id=referral_id)
    expect_version(row, version)
    if st.referral_status(row, now) is not st.ReferralStatus.DRAFT:
        raise InvalidTransition("Only a draft referral can be changed; this one has been sent to providers or closed")
    current = ReferralDetails(
        lot_id=row.lot_id,
        child=_profile_of(row),
        start_by=row.start_by,
        offer_deadline=row.offer_deadline,
        mode=row.mode,
        quality_questions=list(row.quality_questions or []),
        quality_weight=row.quality_weight,
        price_weight=row.price_weight,
    )
    given = {f.name: getattr(changes, f.name) for f in fields(changes) if getattr(changes, f.name) is not None}
    values = await _checked(
        session, actor=actor, now=now, details=replace(current, **given), authority_id=row.authority_id
    )
    before = _snapshot(row)
    for name, value in values.items():
        setattr(row, name, value)
    keys = [k for k in values if before.get(k) != values[k]]
    diff = {
        "before": camel(_withheld({k: before.get(k) for k in keys})),
        "after": camel(_withheld({k: values[k] for k in keys})),
    }
    if diff["after"]:
        await _record(session, actor=actor, now=now, action="referral.updated", row=row, diff=diff)
    return row


async def open_referral(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    referral_id: int,
    provider_ids: Sequence[int] | None,
    max_distance_km: float | None = None,
    version: int | None = None,
    direct_award_ground: DirectAwardGround | None = None,
) -> tuple[m.Referral, list[m.ReferralInvitation]]:
    """Send a draft to providers: every provider with an eligible match, or the ones chosen.

    Each chosen provider must have an eligible establishment (within the
    distance, if one is given). A direct award invites exactly one provider.
    One invitation per provider, and a notification to each of its users (:mod:`api.domain.notifications`).
    """
    row = await _referral(session, actor=actor, now=now, referral_id=referral_id)
    expect_version(row, version)
    if st.referral_status(row, now) is not st.ReferralStatus.DRAFT:
        raise InvalidTransition("Only a draft referral can be sent to providers")
    if row.offer_deadline <= now:
        raise DeadlinePassed(
            "The offer deadline has passed: move it before sending the referral",
            deadline=row.offer_deadline,
            field="input.referral",
        )
    if max_distance_km is not None and not 0 <= max_distance_km <= 2000:
        raise ValidationError("The maximum distance is 0 to 2000 km", field="input.maxDistanceKm")
    options = matching.Options(max_distance_km=max_distance_km, eligible_only=True)
    eligible = await matching.candidates(session, now=now, referral=row, options=options)
    by_provider: dict[int, list[matching.Match]] = {}
    for match in eligible:
        by_provider.setdefault(match.provider_id, []).append(match)
    chosen = _chosen(provider_ids, by_provider)
    if row.mode is ReferralMode.DIRECT_AWARD and len(chosen) != 1:
        raise ValidationError(
            f"A direct award invites exactly one provider; {len(chosen)} would be invited. Name the one.",
            field="input.providers",
        )
    lot = await session.get(m.Lot, row.lot_id)
    assert lot is not None
    system = await session.get(m.PurchasingSystem, lot.system_id)
    assert system is not None
    rules = regimes.policy_of(system)
    direct = row.mode is ReferralMode.DIRECT_AWARD
    row.direct_award_ground = rules.direct_award_ground(direct_award_ground, direct=direct)
    row.opened_at = now
    invitations = [m.ReferralInvitation(referral_id=row.id, provider_id=pid, invited_at=now) for pid in chosen]
    session.add_all(invitations)
    await session.flush()
    for pid in chosen:  # one call per provider: each is told of its own eligible establishments only
        await notifications.notify(
            session,
            now=now,
            kind=Kind.REFERRAL_INVITED,
            to=notifications.To.provider(pid),
            subject_type="Referral",
            subject_id=row.id,
            payload=_invitation_payload(row, lot, by_provider[pid]),
        )
    await _record(
        session,
        actor=actor,
        now=now,
        action="referral.opened",
        row=row,
        diff={
            "before": {"status": st.ReferralStatus.DRAFT.value},
            "after": {
                "status": st.ReferralStatus.OPEN.value,
                "openedAt": now,
                "invitedProviders": chosen,
                "maxDistanceKm": max_distance_km,
                "directAwardGround": row.direct_award_ground,
            },
        },
    )
    if (notice_type := rules.opening_notice(direct=direct)) is not None:
        await notices.issue(session, now=now, notice_type=notice_type, system=system, referral=row)
    return row, invitations


def _chosen(provider_ids: Sequence[int] | None, eligible: dict[int, list[matching.Match]]) -> list[int]:
    if provider_ids is None:
        if not eligible:
            raise InvalidTransition(
                "No member of the lot is eligible for this referral: review the child's profile, or the distance"
            )
        return sorted(eligible)
    if not provider_ids:
        raise ValidationError("Name a provider, or leave the list out to invite all", field="input.providers")
    seen: set[int] = set()
    for index, pid in enumerate(provider_ids):
        if pid in seen:
            raise ValidationError("Each provider is invited once", field=f"input.providers[{index}]")
        if pid not in eligible:
            raise ValidationError(
                "This provider has no eligible establishment for this referral", field=f"input.providers[{index}]"
            )
        seen.add(pid)
    return list(provider_ids)


def _invitation_payload(row: m.Referral, lot: m.Lot, matches: Sequence[matching.Match]) -> dict[str, Any]:
    """What the invited provider is told: no child data beyond the neutral reference."""
    return {
        "referral": neutral_reference(row),
        "referralId": global_id("Referral", row.id),
        "lot": lot.code,
        "mode": row.mode.value,
        "offerDeadline": row.offer_deadline.astimezone(dt.UTC).isoformat(),
        "startBy": row.start_by.isoformat(),
        "establishments": sorted(x.establishment_id for x in matches),
    }


async def cancel_referral(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, referral_id: int, reason: str, version: int | None
) -> m.Referral:
    """Cancel a referral that has not been decided, with a reason; invited providers are told."""
    row = await _referral(session, actor=actor, now=now, referral_id=referral_id)
    expect_version(row, version)
    status = st.referral_status(row, now)
    if status in (st.ReferralStatus.AWARDED, st.ReferralStatus.UNSUCCESSFUL, st.ReferralStatus.CANCELLED):
        raise InvalidTransition(f"The referral is {status.value.lower()}: it can no longer be cancelled")
    why = checked_text(reason, field="input.reason", label="reason", max_length=1000, multiline=True)
    row.cancelled_at, row.cancel_reason = now, why
    if row.opened_at is not None:
        invited = await _invited(session, row.id)
        lot = await session.get(m.Lot, row.lot_id)
        # the reason is the commissioner's free text, and may name the child: it stays in the portal
        await notifications.notify(
            session,
            now=now,
            kind=Kind.REFERRAL_CANCELLED,
            to=[notifications.To.provider(pid) for pid in invited],
            subject_type="Referral",
            subject_id=row.id,
            payload={
                "referral": neutral_reference(row),
                "referralId": global_id("Referral", row.id),
                "lot": lot.code if lot else "",
            },
        )
    await _record(
        session,
        actor=actor,
        now=now,
        action="referral.cancelled",
        row=row,
        diff={"before": {"status": status.value}, "after": {"status": "CANCELLED", "cancelReason": why}},
    )
    return row


async def _invited(session: AsyncSession, referral_id: int) -> list[int]:
    """The providers invited to a referral."""
    rows = await session.scalars(
        select(m.ReferralInvitation.provider_id)
        .where(m.ReferralInvitation.referral_id == referral_id)
        .order_by(m.ReferralInvitation.provider_id)
    )
    return list(rows)
