"""What of a referred child's profile each reader may see.

The referring authority (and auditors) see the profile as recorded. Anyone
else who may read the referral, an invited provider, sees it pseudonymised:
the authority's own reference is replaced by the referral's neutral
reference. Where the child lives is the postcode district for everyone but
the referring authority's own people: no one else, auditors included, is
given the home's coordinates, and the distances an invited provider's matches
show are worked out from the home rounded to :data:`SHOWN_LOCATION_DECIMALS`
places, so that they cannot place it more finely than its district.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from db import models as m
from db.enums import Gender, NeedCode

COARSE_DECIMALS = 2

SHOWN_LOCATION_DECIMALS = 1
"""How finely anyone but the referring authority's own people may locate a child's home, in decimal places of
a degree: distances shown to them (an invited provider's matches) are worked out from the home rounded to
this, a cell of about 11 km by 7 km in the North West, coarser than a postcode district. Finer, the
distances to two or three establishments would place the home within a few hundred metres."""


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
    home_latitude: float | None
    home_longitude: float | None
    needs_summary: str


def sees_child_as_recorded(referral: m.Referral, actor: Actor) -> bool:
    """Whether ``actor`` belongs to the referring authority, or audits."""
    if actor.has_role(Role.AUDITOR):
        return True
    return actor.has_role(*AUTHORITY_ROLES, Role.LEAD_ADMIN) and actor.authority_id == referral.authority_id


def sees_home_location(referral: m.Referral, actor: Actor) -> bool:
    """Whether ``actor`` may see where the child lives: the referring authority's own people alone.

    Everyone else, auditors and invited providers included, sees the postcode district only.
    """
    return actor.has_role(*AUTHORITY_ROLES, Role.LEAD_ADMIN) and actor.authority_id == referral.authority_id


def neutral_reference(referral: m.Referral) -> str:
    """The reference providers know a referral by; it reveals nothing of the child."""
    return f"NWR-{referral.id:06d}"


def child_view(referral: m.Referral, actor: Actor) -> ChildView:
    """The profile of the child in ``referral`` as ``actor`` may see it."""
    full = sees_child_as_recorded(referral, actor)
    located = sees_home_location(referral, actor)
    return ChildView(
        reference=referral.child_reference if full else neutral_reference(referral),
        pseudonymised=not full,
        age_at_start=referral.age_at_start,
        gender=referral.gender,
        primary_need=referral.primary_need,
        secondary_needs=[n for n in (referral.secondary_need_1, referral.secondary_need_2) if n is not None],
        home_postcode_district=referral.home_postcode_district,
        home_latitude=referral.home_latitude if located else None,
        home_longitude=referral.home_longitude if located else None,
        needs_summary=referral.needs_summary,
    )
