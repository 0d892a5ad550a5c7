"""What of a referred child's profile each reader may see.

The referring authority (and auditors) see the profile as recorded. Anyone
else who may read the referral, an invited provider, sees it pseudonymised:
the authority's own reference is replaced by the referral's neutral
reference, and the home location is coarsened.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from db import models as m
from db.enums import Gender, NeedCode

COARSE_DECIMALS = 2


@dataclass(frozen=True)
class ChildView:
    """A child's profile as one reader may see it."""

    reference: str
    pseudonymised: bool
    age_at_start: int
    gender: Gender
    primary_need: NeedCode
    secondary_needs: list[NeedCode]
    home_postcode_district: str
    home_latitude: float
    home_longitude: float
    needs_summary: str


def sees_child_as_recorded(referral: m.Referral, actor: Actor) -> bool:
    """Whether ``actor`` belongs to the referring authority, or audits."""
    if actor.has_role(Role.AUDITOR):
        return True
    return actor.has_role(*AUTHORITY_ROLES, Role.LEAD_ADMIN) and actor.authority_id == referral.authority_id


def neutral_reference(referral: m.Referral) -> str:
    """The reference providers know a referral by; it reveals nothing of the child."""
    return f"NWR-{referral.id:06d}"


def child_view(referral: m.Referral, actor: Actor) -> ChildView:
    """The profile of the child in ``referral`` as ``actor`` may see it."""
    full = sees_child_as_recorded(referral, actor)
    latitude, longitude = referral.home_latitude, referral.home_longitude
    return ChildView(
        reference=referral.child_reference if full else neutral_reference(referral),
        pseudonymised=not full,
        age_at_start=referral.age_at_start,
        gender=referral.gender,
        primary_need=referral.primary_need,
        secondary_needs=[n for n in (referral.secondary_need_1, referral.secondary_need_2) if n is not None],
        home_postcode_district=referral.home_postcode_district,
        home_latitude=latitude if full else round(latitude, COARSE_DECIMALS),
        home_longitude=longitude if full else round(longitude, COARSE_DECIMALS),
        needs_summary=referral.needs_summary,
    )
