"""Explained matching: which lot members could take a referred child, and why or why not.

Every establishment through which an ACTIVE member provides the referral's
lot is a candidate. Each candidate is judged on need, age, gender, vacancies
for the lot's placement type and Ofsted grade, and is placed by its distance
from the child's home. Every judgement is kept as a reason for or against,
so a commissioner can see why a school was, or was not, put forward.

One SQL statement fetches the candidates with their needs and rate-card
cost; the judging is plain Python. The number of statements does not grow
with the number of establishments.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Date, Float, Integer, Select, String, and_, bindparam, func, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from api.domain import status as st
from api.domain.errors import NotFound, ValidationError
from api.domain.queries import rows_by_id
from db import models as m
from db.enums import DescribedEnum, Gender, GendersAdmitted, NeedCode, OfstedGrade, PlacementType, PricingBand

EARTH_RADIUS_KM = 6371.0088
"""The mean radius of the Earth (IUGG), for great-circle distances."""

COST_BAND = PricingBand.STANDARD
"""The rate-card band whose weekly total is a candidate's cost."""


class MatchCriterion(DescribedEnum):
    NEEDS = "NEEDS", "The child's primary need must be one the establishment caters for."
    SECONDARY_NEEDS = "SECONDARY_NEEDS", "The child's secondary needs, noted where they are or are not catered for."
    AGE = "AGE", "The child's age at the start must be within the establishment's age range."
    GENDER = "GENDER", "The establishment must be mixed, or admit the child's gender."
    VACANCIES = "VACANCIES", "The establishment must have a vacancy of the lot's placement type (day or residential)."
    OFSTED = (
        "OFSTED",
        "Outstanding or good speaks for it; requires improvement or an unknown grade is noted against it; "
        "inadequate rules it out unless allowed.",
    )
    PROVIDER = "PROVIDER", "The provider must be ACTIVE: not suspended or excluded."
    DISTANCE = "DISTANCE", "The distance from the child's home, for information."


class MatchSort(DescribedEnum):
    DISTANCE = "DISTANCE", "Nearest to the child's home first."
    COST = "COST", "Lowest weekly STANDARD-band rate-card total first; members without one last."


class Reason(NamedTuple):
    """One judgement about a candidate: for it, or against it, and whether it rules the candidate out."""

    criterion: MatchCriterion
    supports: bool
    blocking: bool
    explanation: str


class Match(NamedTuple):
    """A candidate establishment for a referral, with its verdict and the reasons for it."""

    establishment_id: int
    provider_id: int
    membership_id: int
    distance_km: float
    weekly_cost_pence: int | None
    eligible: bool
    verdicts: tuple[tuple[Reason, ...], ...]
    """The reasons on each criterion but distance; candidates alike on a criterion share them."""
    home: str
    """The home postcode district, for the distance reason."""

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every reason, criterion by criterion, the distance last."""
        where = Reason(MatchCriterion.DISTANCE, True, False, f"{self.distance_km:.1f} km from {self.home}")
        return (*(r for verdict in self.verdicts for r in verdict), where)

    @property
    def reasons_for(self) -> list[Reason]:
        return [r for r in self.reasons if r.supports]

    @property
    def reasons_against(self) -> list[Reason]:
        return [r for r in self.reasons if not r.supports]


@dataclass(frozen=True, slots=True)
class Options:
    """How to match: an optional distance limit, the order, and whether to keep ineligible candidates."""

    max_distance_km: float | None = None
    sort_by: MatchSort = MatchSort.DISTANCE
    eligible_only: bool = False
    allow_inadequate: bool = False


def sees_matches(actor: Actor, referral: m.Referral) -> bool:
    """Only the referring authority sees who matched: providers never see their competitors."""
    return actor.has_role(*AUTHORITY_ROLES, Role.LEAD_ADMIN) and actor.authority_id == referral.authority_id


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# -- the one statement -------------------------------------------------------------


@functools.cache
def candidates_statement(*, boxed: bool) -> Select[Any]:
    """Every establishment of an ACTIVE member of a lot, with its needs and the member's weekly cost.

    Needs are aggregated per establishment into one comma-separated string
    (``string_agg`` on PostgreSQL, ``group_concat`` on SQLite) and the cost per
    member of the lot (its STANDARD-band total), each in a grouped derived
    table joined by hash rather than a subquery per row. The needs of every
    establishment are aggregated unless the box limits them: there are only a
    few thousand establishments nationally, and one pass over their needs
    costs less than first working out which are the lot's. When ``boxed``, a
    latitude/longitude box keeps far establishments out.

    The statement is built once; :func:`parameters` gives the values for one
    search. They are written into the SQL text when it runs rather than
    bound, so that PostgreSQL plans each search for its own lot, day and box
    instead of reusing a generic plan for the prepared statement, which for a
    box is many times slower.
    """
    e, ms, me, lot, p = m.Establishment, m.LotMembership, m.MembershipEstablishment, m.Lot, m.Provider
    need, line = m.EstablishmentNeed, m.RateCardLine
    lot_id = _inline("lot_id", Integer)
    box = (
        and_(
            e.latitude.between(_inline("south", Float), _inline("north", Float)),
            e.longitude.between(_inline("west", Float), _inline("east", Float)),
        )
        if boxed
        else None
    )
    lot_is = ms.lot_id == lot_id
    active = st.membership_is(st.MembershipStatus.ACTIVE, _inline("today", Date))
    members = select(ms.id).where(lot_is, active)
    needs = select(
        need.establishment_id, func.aggregate_strings(type_coerce(need.need_code, String), ",").label("codes")
    )
    if box is not None:
        needs = needs.where(need.establishment_id.in_(select(e.id).where(box)))
    needs = needs.group_by(need.establishment_id).subquery("needs")
    cost = (
        select(line.membership_id, func.sum(line.weekly_fee_pence).label("weekly"))
        .where(line.band == COST_BAND, line.membership_id.in_(members))
        .group_by(line.membership_id)
        .subquery("cost")
    )
    stmt = (
        select(
            e.id,
            e.provider_id,
            ms.id,
            e.latitude,
            e.longitude,
            e.age_min,
            e.age_max,
            type_coerce(e.genders, String),
            type_coerce(e.ofsted_grade, String),
            e.day_vacancies,
            e.residential_vacancies,
            select(type_coerce(lot.placement_type, String)).where(lot.id == lot_id).scalar_subquery(),
            type_coerce(p.status, String),
            cost.c.weekly,
            needs.c.codes,
        )
        .select_from(ms)
        .join(me, me.membership_id == ms.id)
        .join(e, e.id == me.establishment_id)
        .join(p, p.id == e.provider_id)
        .outerjoin(needs, needs.c.establishment_id == e.id)
        .outerjoin(cost, cost.c.membership_id == ms.id)
        .where(lot_is, active)
    )
    return stmt if box is None else stmt.where(box)


def _inline(name: str, type_: Any) -> Any:
    """A parameter written into the SQL text when the statement runs."""
    return bindparam(name, type_=type_, literal_execute=True)


def parameters(
    lot_id: int, today: dt.date, *, near: tuple[float, float] | None = None, within_km: float | None = None
) -> dict[str, Any]:
    """The values of :func:`candidates_statement` for one search; with a box when ``within_km`` is given.

    The box holds the whole circle of ``within_km`` (plus the rounding of
    distances) around ``near``.
    """
    values: dict[str, Any] = {"lot_id": lot_id, "today": today}
    if near is None or within_km is None:
        return values
    (lat, lon), reach = near, within_km + 0.1
    dlat = math.degrees(reach / EARTH_RADIUS_KM)
    spread = math.sin(min(reach / EARTH_RADIUS_KM, math.pi / 2)) / max(math.cos(math.radians(lat)), 1e-9)
    dlon = 180.0 if spread >= 1 or abs(lat) + dlat >= 90 else math.degrees(math.asin(spread)) * 1.001
    return {**values, "south": lat - dlat, "north": lat + dlat, "west": lon - dlon, "east": lon + dlon}


# -- judging -------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """What matching needs to know of the referred child."""

    age: int
    gender: Gender
    primary_need: NeedCode
    secondary_needs: tuple[NeedCode, ...]
    latitude: float
    longitude: float
    district: str

    @classmethod
    def of(cls, referral: m.Referral) -> Profile:
        secondary = tuple(n for n in (referral.secondary_need_1, referral.secondary_need_2) if n is not None)
        return cls(
            age=referral.age_at_start,
            gender=referral.gender,
            primary_need=referral.primary_need,
            secondary_needs=secondary,
            latitude=referral.home_latitude,
            longitude=referral.home_longitude,
            district=referral.home_postcode_district,
        )


_ADMITS = {GendersAdmitted.BOYS.value: Gender.MALE, GendersAdmitted.GIRLS.value: Gender.FEMALE}
_GRADE_NAMES = {g.value: g.name.replace("_", " ").lower() for g in OfstedGrade}
_GOOD_GRADES = {OfstedGrade.OUTSTANDING.value, OfstedGrade.GOOD.value}
_RESIDENTIAL = PlacementType.RESIDENTIAL.value
MAX_SECONDARY = 2

Verdict = tuple[tuple[Reason, ...], bool]
"""Reasons about one aspect of a candidate, and whether any of them rules it out."""


def _verdict(*reasons: Reason) -> Verdict:
    return reasons, any(r.blocking for r in reasons)


class Judge:
    """Judges candidate rows for one child.

    Each verdict depends on a few values (which of the child's needs are
    catered for, the age range, …) that many establishments share, so it is
    made once per distinct value and reused: explaining costs little more
    than answering yes or no.
    """

    def __init__(self, profile: Profile, *, allow_inadequate: bool) -> None:
        self.profile = profile
        self.allow_inadequate = allow_inadequate
        secondary = [n.value for n in profile.secondary_needs]
        self._wanted = (profile.primary_need.value, *secondary, *([None] * (MAX_SECONDARY - len(secondary))))

    def needs(self, catered: int) -> Verdict:
        """The verdict on needs; bit i of ``catered`` says whether the child's i-th need (primary first) is met."""
        primary, *secondary = self._wanted
        reasons = [
            Reason(MatchCriterion.NEEDS, True, False, f"Caters for the primary need, {primary}")
            if catered & 1
            else Reason(MatchCriterion.NEEDS, False, True, f"Does not cater for the primary need, {primary}")
        ]
        for bit, need in enumerate(secondary, start=1):
            found = bool(catered >> bit & 1)
            if need is None:
                continue
            if found:
                text = f"Also caters for {need} (secondary)"
            else:
                text = f"Does not list {need} (secondary); check how it would be met"
            reasons.append(Reason(MatchCriterion.SECONDARY_NEEDS, found, False, text))
        return _verdict(*reasons)

    def age(self, low: int, high: int) -> Verdict:
        fits = low <= self.profile.age <= high
        text = f"Admits ages {low} to {high}; the child is {self.profile.age}"
        return _verdict(Reason(MatchCriterion.AGE, fits, not fits, text))

    def gender(self, genders: str) -> Verdict:
        admitted = _ADMITS.get(genders)
        if admitted is None:
            return _verdict(Reason(MatchCriterion.GENDER, True, False, "Mixed: admits all genders"))
        who = "boys" if admitted is Gender.MALE else "girls"
        if admitted is self.profile.gender:
            return _verdict(Reason(MatchCriterion.GENDER, True, False, f"Admits {who}"))
        return _verdict(Reason(MatchCriterion.GENDER, False, True, f"Admits {who} only"))

    def vacancies(self, placement: str, free: int) -> Verdict:
        kind = "residential" if placement == _RESIDENTIAL else "day"
        if free > 0:
            text = f"{free} {kind} {'place' if free == 1 else 'places'} free"
            return _verdict(Reason(MatchCriterion.VACANCIES, True, False, text))
        return _verdict(Reason(MatchCriterion.VACANCIES, False, True, f"No {kind} places free"))

    def ofsted(self, grade: str | None) -> Verdict:
        if grade is None:
            return _verdict(
                Reason(MatchCriterion.OFSTED, False, False, "No Ofsted grade recorded; check before placing")
            )
        name = _GRADE_NAMES[grade]
        if grade == OfstedGrade.INADEQUATE.value:
            text = f"Ofsted grade {grade}, {name}: placing authorities must be alerted"
            return _verdict(Reason(MatchCriterion.OFSTED, False, not self.allow_inadequate, text))
        good = grade in _GOOD_GRADES
        return _verdict(Reason(MatchCriterion.OFSTED, good, False, f"Ofsted grade {grade}, {name}"))

    def provider(self, status: str) -> Verdict:
        if status == "ACTIVE":
            return (), False
        return _verdict(Reason(MatchCriterion.PROVIDER, False, True, f"The provider is {status.lower()}"))

    def judge_all(self, rows: Iterable[Sequence[Any]]) -> list[Match]:
        """Judge every row of :func:`candidates_statement`.

        The loop runs once per establishment, so it is kept tight: which of the
        child's needs an establishment caters for is read off the aggregated
        codes by substring, each verdict is made once per distinct value and
        then looked up by a plain key, and the home's haversine terms are
        worked out once.
        """
        n0, n1, n2 = (f",{need}," if need else "\0" for need in self._wanted)
        needs: dict[int, Verdict] = {}
        ages: dict[int, Verdict] = {}
        genders: dict[str, Verdict] = {}
        places: dict[int, Verdict] = {}
        grades: dict[str | None, Verdict] = {}
        providers: dict[str, Verdict] = {}
        home = self.profile.district
        sin, cos, asin, sqrt, radians = math.sin, math.cos, math.asin, math.sqrt, math.radians
        lat0, lon0 = radians(self.profile.latitude), radians(self.profile.longitude)
        cos0, diameter = cos(lat0), 2 * EARTH_RADIUS_KM
        found = []
        for eid, pid, mid, lat, lon, low, high, admits, grade, day, res, placement, status, cost, codes in rows:
            listed = f",{codes or ''},"
            catered = (n0 in listed) | (n1 in listed) << 1 | (n2 in listed) << 2
            if (n := needs.get(catered)) is None:
                n = needs[catered] = self.needs(catered)
            if (a := ages.get(low * 100 + high)) is None:
                a = ages[low * 100 + high] = self.age(low, high)
            if (g := genders.get(admits)) is None:
                g = genders[admits] = self.gender(admits)
            free = res if placement == _RESIDENTIAL else day
            if (v := places.get(free)) is None:  # one lot, so one placement type, per statement
                v = places[free] = self.vacancies(placement, free)
            if (o := grades.get(grade)) is None:
                o = grades[grade] = self.ofsted(grade)
            if (p := providers.get(status)) is None:
                p = providers[status] = self.provider(status)
            p2 = radians(lat)
            h = sin((p2 - lat0) / 2) ** 2 + cos0 * cos(p2) * sin((radians(lon) - lon0) / 2) ** 2
            km = round(diameter * asin(sqrt(min(1.0, h))), 1)
            eligible = not (n[1] or a[1] or g[1] or v[1] or o[1] or p[1])
            verdicts = (n[0], a[0], g[0], v[0], o[0], p[0])
            found.append(Match(eid, pid, mid, km, None if cost is None else int(cost), eligible, verdicts, home))
        return found


def ranked(matches: list[Match], sort_by: MatchSort) -> list[Match]:
    """``matches`` in the requested order; ties go nearest first, then by establishment.

    Stable sorts on plain item keys, least significant first, are quicker than
    one sort on a composite key.
    """
    ordered = sorted(matches, key=_ESTABLISHMENT)
    ordered.sort(key=_DISTANCE)
    if sort_by is MatchSort.COST:
        ordered.sort(key=lambda x: _NO_COST if x.weekly_cost_pence is None else x.weekly_cost_pence)
    return ordered


_ESTABLISHMENT, _DISTANCE = itemgetter(0), itemgetter(3)
_NO_COST = float("inf")


# -- entry points ---------------------------------------------------------------------


def _check(options: Options) -> None:
    limit = options.max_distance_km
    if limit is not None and not (math.isfinite(limit) and limit >= 0):
        raise ValidationError("The maximum distance is a number of km, 0 or more", field="maxDistanceKm")


async def match_referral(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, referral: m.Referral, options: Options = Options()
) -> list[Match]:
    """The explained matches of a referral already loaded; empty for anyone but the referring authority."""
    if not sees_matches(actor, referral):
        return []
    return await candidates(session, now=now, referral=referral, options=options)


async def candidates(
    session: AsyncSession, *, now: dt.datetime, referral: m.Referral, options: Options = Options()
) -> list[Match]:
    """The explained matches of a referral, in one statement, with no tenancy check: callers make it."""
    _check(options)
    profile = Profile.of(referral)
    limit = options.max_distance_km
    values = parameters(referral.lot_id, now.date(), near=(profile.latitude, profile.longitude), within_km=limit)
    stmt = candidates_statement(boxed=limit is not None)
    connection = await session.connection()  # a Core statement: no ORM processing of thousands of rows
    rows = (await connection.execute(stmt, values)).all()
    found = Judge(profile, allow_inadequate=options.allow_inadequate).judge_all(rows)
    kept = [x for x in found if (limit is None or x.distance_km <= limit) and (x.eligible or not options.eligible_only)]
    return ranked(kept, options.sort_by)


async def matches(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, referral_id: int, options: Options = Options()
) -> list[Match]:
    """The explained matches of a referral the actor may see."""
    referral = (await rows_by_id(session, actor=actor, now=now, model=m.Referral, ids=[referral_id])).get(referral_id)
    if referral is None:
        raise NotFound("No referral with this ID exists, or you may not see it", field="referral")
    return await match_referral(session, actor=actor, now=now, referral=referral, options=options)
