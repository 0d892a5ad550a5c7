"""Explained matching: which lot members could take a referred child, and why or why not.

Every establishment through which an ACTIVE member provides the referral's
lot is a candidate. Each candidate is judged on need, age, gender, vacancies
for the lot's placement type and any inspection concern, and is placed by its distance
from the child's home. Every judgement is kept as a reason for or against,
so a commissioner can see why a school was, or was not, put forward.

One SQL statement finds the candidates and decides, for each, its distance,
its rate-card cost and whether it is eligible, in the order asked for. The
reasons are worked out in Python from the same facts when they are read,
once per distinct fact. The number of statements does not grow with the
number of establishments.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    Float,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import AUTHORITY_ROLES, Actor, Role
from api.domain import status as st
from api.domain.children import SHOWN_LOCATION_DECIMALS
from api.domain.errors import NotFound, ValidationError
from api.domain.queries import rows_by_id
from api.domain.wording import words
from db import models as m
from db.enums import (
    DescribedEnum,
    Gender,
    GendersAdmitted,
    NeedCode,
    PlacementType,
    ProviderStatus,
)

EARTH_RADIUS_KM = 6371.0088
"""The mean radius of the Earth (IUGG), for great-circle distances."""


class MatchCriterion(DescribedEnum):
    NEEDS = "NEEDS", "The child's primary need must be one the establishment caters for."
    SECONDARY_NEEDS = "SECONDARY_NEEDS", "The child's secondary needs, noted where they are or are not catered for."
    AGE = "AGE", "The child's age at the start must be within the establishment's age range."
    GENDER = "GENDER", "The establishment must be mixed, or admit the child's gender."
    VACANCIES = "VACANCIES", "The establishment must have a vacancy of the lot's placement type (day or residential)."
    OFSTED = (
        "OFSTED",
        "Inspection: an establishment flagged after an inspection that gave cause for concern (Ofsted, ISI or "
        "CQC) is ruled out, unless allowed or included by the commissioner for the referral.",
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


def _column(index: int, doc: str | None = None) -> Any:
    """A match's value from its row."""
    return property(lambda match: match._row[index], doc=doc)


class Match:
    """A candidate establishment for a referral, with its verdict; the reasons for it are worked out when read.

    It wraps one row of :func:`candidates_statement`: the verdict first, then
    the facts it rests on, so that a page of matches is explained without
    explaining all of them.
    """

    __slots__ = ("_row", "_judge")

    def __init__(self, row: Sequence[Any], judge: Judge) -> None:
        self._row, self._judge = row, judge

    establishment_id = _column(0, "The establishment.")
    provider_id = _column(1, "The provider that runs it.")
    membership_id = _column(2, "The lot membership it is offered through.")
    distance_km = _column(3, "From the child's home, in km to 1 decimal.")
    weekly_cost_pence = _column(4, "The member's STANDARD-band weekly total, if it has one.")
    eligible = _column(5, "Whether no reason against rules it out.")
    catered = _column(6, "Bit i set when it caters for the child's i-th need, the primary first.")
    age_min = _column(7)
    age_max = _column(8)
    genders = _column(9)
    concern_since = _column(10, "Since when it is flagged after an inspection; None when it is not.")
    concern_reason = _column(11)
    included = _column(12, "The commissioner's reason for including it for this referral despite its flag, if any.")
    vacancies = _column(13, "Free places of the lot's placement type.")
    placement = _column(14)
    provider_status = _column(15)

    @property
    def facts(self) -> tuple[Any, ...]:
        """What the reasons rest on, but the distance: matches alike in these are explained alike."""
        return tuple(self._row[6:16])

    def __repr__(self) -> str:
        return f"Match(establishment_id={self.establishment_id}, eligible={self.eligible})"

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every reason, criterion by criterion, the distance last."""
        return self._judge.reasons(self)

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


@dataclass(frozen=True, slots=True)
class Shape:
    """What decides the text of the statement: the parameters fill in the rest."""

    secondary_needs: int = 0
    boxed: bool = False
    one_provider: bool = False
    allow_inadequate: bool = False
    sort_by: MatchSort = MatchSort.DISTANCE


@functools.cache
def candidates_statement(shape: Shape) -> Select[Any]:
    """Every establishment of an ACTIVE member of a lot, judged and ordered, in one statement.

    The database works out the verdict of each candidate (its distance from
    the child's home, which of the child's needs it caters for, eligibility)
    and the order; Python only explains the candidates that are read.

    The needs are summed into a bit mask per establishment over the child's
    needs only, in a grouped derived table joined by hash rather than a
    subquery per row; the cost is the STANDARD-band total kept on each
    membership. A distance search adds a latitude/longitude box around the
    circle, so far establishments are not read; the circle itself and the
    ``eligible_only`` option are applied in Python, because as filters they
    make PostgreSQL expect one row and choose nested loops.

    The statement is built once per :class:`Shape`; :func:`parameters` gives
    the values for one search. They are written into the SQL text when it
    runs rather than bound, so that PostgreSQL plans each search for its own
    lot, day and box instead of reusing a generic plan for the prepared
    statement, which for a box is many times slower.
    """
    e, ms, me, lot, p = m.Establishment, m.LotMembership, m.MembershipEstablishment, m.Lot, m.Provider
    need, override = m.EstablishmentNeed, m.ReferralMatchOverride
    lot_id = _inline("lot_id", Integer)
    lot_is = ms.lot_id == lot_id
    active = st.membership_is(st.MembershipStatus.ACTIVE, _inline("today", Date))

    wanted = [_inline(f"need_{i}", String) for i in range(1 + shape.secondary_needs)]
    code = type_coerce(need.need_code, String)
    bits = case(*((code == w, 1 << i) for i, w in enumerate(wanted)), else_=0)
    box = and_(
        e.latitude.between(_inline("south", Float), _inline("north", Float)),
        e.longitude.between(_inline("west", Float), _inline("east", Float)),
    )
    needs = select(need.establishment_id, func.sum(bits).label("catered")).where(code.in_(wanted))
    if shape.boxed:
        needs = needs.where(need.establishment_id.in_(select(e.id).where(box)))
    needs = needs.group_by(need.establishment_id).subquery("needs")
    catered = func.coalesce(needs.c.catered, 0)
    placement = type_coerce(lot.placement_type, String)
    free = case((placement == _RESIDENTIAL, e.residential_vacancies), else_=e.day_vacancies)
    genders = type_coerce(e.genders, String)
    child_age = _inline("age", Integer)
    eligible = and_(
        catered % 2 == 1,
        e.age_min <= child_age,
        e.age_max >= child_age,
        or_(genders == GendersAdmitted.MIXED.value, genders == _inline("same_sex", String)),
        free > 0,
        p.status == ProviderStatus.ACTIVE,
        *(() if shape.allow_inadequate else (or_(e.concern_since.is_(None), override.reason.is_not(None)),)),
    )
    km = _distance_km(e.latitude, e.longitude)

    stmt = (
        select(
            e.id,
            e.provider_id,
            ms.id,
            km,
            ms.standard_weekly_fee_pence,
            type_coerce(eligible, Boolean),
            catered,
            e.age_min,
            e.age_max,
            genders,
            e.concern_since,
            e.concern_reason,
            override.reason,
            free,
            placement,
            type_coerce(p.status, String),
        )
        .select_from(ms)
        .join(lot, lot.id == ms.lot_id)
        .join(me, me.membership_id == ms.id)
        .join(e, e.id == me.establishment_id)
        .join(p, p.id == e.provider_id)
        .outerjoin(needs, needs.c.establishment_id == e.id)
        .outerjoin(
            override, and_(override.referral_id == _inline("referral_id", Integer), override.establishment_id == e.id)
        )
        .where(lot_is, active)
    )
    if shape.boxed:
        stmt = stmt.where(box)  # the circle and eligibility are left to Python: as filters they mislead the planner
    if shape.one_provider:
        stmt = stmt.where(e.provider_id == _inline("provider_id", Integer))
    if shape.sort_by is MatchSort.COST:
        return stmt.order_by(ms.standard_weekly_fee_pence.asc().nulls_last(), km, e.id)
    return stmt.order_by(km, e.id)


def _distance_km(latitude: Any, longitude: Any) -> ColumnElement[float]:
    """The haversine distance from the home (given in radians by the parameters), rounded to 0.1 km."""
    to_radians = math.pi / 180
    lat = latitude * to_radians
    half_dlat = func.sin((lat - _inline("home_lat", Float)) / 2)
    half_dlon = func.sin((longitude * to_radians - _inline("home_lon", Float)) / 2)
    h = half_dlat * half_dlat + _inline("home_cos", Float) * func.cos(lat) * half_dlon * half_dlon
    angle = 2 * func.asin(func.sqrt(case((h > 1, 1.0), else_=h)))
    return func.round(angle * (EARTH_RADIUS_KM * 10)) / 10.0


def _inline(name: str, type_: Any) -> Any:
    """A parameter written into the SQL text when the statement runs."""
    return bindparam(name, type_=type_, literal_execute=True)


_SAME_SEX = {Gender.MALE: GendersAdmitted.BOYS.value, Gender.FEMALE: GendersAdmitted.GIRLS.value}


def parameters(lot_id: int, today: dt.date, profile: Profile, *, within_km: float | None = None) -> dict[str, Any]:
    """The values of :func:`candidates_statement` for one child; with a box when ``within_km`` is given.

    The box holds the whole circle of ``within_km`` (plus the rounding of
    distances) around the home.
    """
    lat, lon = profile.latitude, profile.longitude
    values: dict[str, Any] = {
        "lot_id": lot_id,
        "today": today,
        "age": profile.age,
        "same_sex": _SAME_SEX.get(profile.gender, "NONE"),
        "home_lat": math.radians(lat),
        "home_lon": math.radians(lon),
        "home_cos": math.cos(math.radians(lat)),
        **{f"need_{i}": n.value for i, n in enumerate((profile.primary_need, *profile.secondary_needs))},
    }
    if within_km is None:
        return values
    reach = within_km + 0.1
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

    def coarsened(self) -> Profile:
        """The profile with the home located as a provider sees it (see :mod:`api.domain.children`)."""
        return replace(
            self,
            latitude=round(self.latitude, SHOWN_LOCATION_DECIMALS),
            longitude=round(self.longitude, SHOWN_LOCATION_DECIMALS),
        )


_ADMITS = {GendersAdmitted.BOYS.value: Gender.MALE, GendersAdmitted.GIRLS.value: Gender.FEMALE}
_RESIDENTIAL = PlacementType.RESIDENTIAL.value
MAX_SECONDARY = 2

Verdict = tuple[tuple[Reason, ...], bool]
"""Reasons about one aspect of a candidate, and whether any of them rules it out."""


def _date(value: dt.date | str) -> str:
    """A date in words, e.g. 3 December 2026 (SQLite answers dates of a Core statement as text)."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def _verdict(*reasons: Reason) -> Verdict:
    return reasons, any(r.blocking for r in reasons)


class Judge:
    """Explains matches for one child, in the same terms as the statement's verdict.

    Each verdict depends on a few values (which of the child's needs are
    catered for, the age range, …) that many establishments share, so it is
    made once per distinct value and reused.
    """

    def __init__(self, profile: Profile, *, allow_inadequate: bool, shows_inclusion_reason: bool = True) -> None:
        self.profile = profile
        self.allow_inadequate = allow_inadequate
        self.shows_inclusion_reason = shows_inclusion_reason
        secondary = [n.value for n in profile.secondary_needs]
        self._wanted = (profile.primary_need.value, *secondary, *([None] * (MAX_SECONDARY - len(secondary))))
        # Each verdict depends on one or two values that many establishments share: make it once per value.
        self._needs = functools.cache(self.needs)
        self._age = functools.cache(self.age)
        self._gender = functools.cache(self.gender)
        self._vacancies = functools.cache(self.vacancies)
        self._inspection = functools.cache(self.inspection)
        self._provider = functools.cache(self.provider)
        self._judged: dict[tuple[Any, ...], tuple[Reason, ...]] = {}  # by the facts of a match

    def needs(self, catered: int) -> Verdict:
        """The verdict on needs; bit i of ``catered`` says whether the child's i-th need (primary first) is met."""
        primary, *secondary = (None if code is None else words(NeedCode(code)) for code in self._wanted)
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

    def inspection(self, since: dt.date | None, reason: str | None, included: str | None) -> Verdict:
        """The verdict on the establishment's concern flag: none when it is not flagged.

        A flagged establishment is ruled out unless allowed, or included for this referral by its
        commissioner, whose reason then speaks for it (a provider is told only that it was included).
        """
        if since is None:
            return (), False
        text = f"Flagged after inspection since {_date(since)}: {reason}"
        if included is None:
            return _verdict(Reason(MatchCriterion.OFSTED, False, not self.allow_inadequate, text))
        why = f": {included}" if self.shows_inclusion_reason else ""
        kept = f"Included by the commissioner despite the inspection concern{why}"
        return _verdict(
            Reason(MatchCriterion.OFSTED, False, False, text), Reason(MatchCriterion.OFSTED, True, False, kept)
        )

    def provider(self, status: str) -> Verdict:
        if status == "ACTIVE":
            return (), False
        return _verdict(Reason(MatchCriterion.PROVIDER, False, True, f"The provider is {status.lower()}"))

    def reasons(self, match: Match) -> tuple[Reason, ...]:
        """The reasons for and against ``match``, criterion by criterion, the distance last."""
        facts = match.facts
        judged = self._judged.get(facts)
        if judged is None:
            catered, age_min, age_max, genders, since, concern, included, vacancies, placement, provider_status = facts
            verdicts = (
                self._needs(catered),
                self._age(age_min, age_max),
                self._gender(genders),
                self._vacancies(placement, vacancies),
                self._inspection(since, concern, included),
                self._provider(provider_status),
            )
            judged = self._judged[facts] = tuple(r for verdict in verdicts for r in verdict[0])
        where = Reason(MatchCriterion.DISTANCE, True, False, f"{match.distance_km:.1f} km from {self.profile.district}")
        return (*judged, where)

    def matches(self, rows: Iterable[Sequence[Any]]) -> list[Match]:
        """The rows of :func:`candidates_statement` as matches this judge explains."""
        return [Match(row, self) for row in rows]


# -- entry points ---------------------------------------------------------------------


def _check(options: Options) -> None:
    limit = options.max_distance_km
    if limit is not None and not (math.isfinite(limit) and limit >= 0):
        raise ValidationError("The maximum distance is a number of km, 0 or more", field="maxDistanceKm")


async def match_referral(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, referral: m.Referral, options: Options = Options()
) -> list[Match]:
    """The explained matches of a referral already loaded for ``actor``.

    The referring authority sees every candidate. A provider, which can load
    the referral only when invited, sees its own establishments alone, judged
    on the child's profile as shown to it (the home coarsened): never its
    competitors. Anyone else gets an empty list.
    """
    if sees_matches(actor, referral):
        return await candidates(session, now=now, referral=referral, options=options)
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None:
        profile = Profile.of(referral).coarsened()
        return await candidates(
            session, now=now, referral=referral, options=options, profile=profile, provider_id=actor.provider_id
        )
    return []


async def candidates(
    session: AsyncSession,
    *,
    now: dt.datetime,
    referral: m.Referral,
    options: Options = Options(),
    profile: Profile | None = None,
    provider_id: int | None = None,
) -> list[Match]:
    """The explained matches of a referral, in one statement, with no tenancy check: callers make it.

    ``profile`` is the child as judged (by default as recorded); ``provider_id`` keeps one provider's
    establishments only.
    """
    _check(options)
    profile = profile or Profile.of(referral)
    limit = options.max_distance_km
    shape = Shape(
        secondary_needs=len(profile.secondary_needs),
        boxed=limit is not None,
        one_provider=provider_id is not None,
        allow_inadequate=options.allow_inadequate,
        sort_by=options.sort_by,
    )
    values = parameters(referral.lot_id, now.date(), profile, within_km=limit)
    values["referral_id"] = referral.id
    if provider_id is not None:
        values["provider_id"] = provider_id
    connection = await session.connection()  # a Core statement: no ORM processing of thousands of rows
    rows = (await connection.execute(candidates_statement(shape), values)).all()
    judge = Judge(profile, allow_inadequate=options.allow_inadequate, shows_inclusion_reason=provider_id is None)
    found = judge.matches(rows)
    if limit is None and not options.eligible_only:
        return found
    return [x for x in found if (limit is None or x.distance_km <= limit) and (x.eligible or not options.eligible_only)]


async def matches(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, referral_id: int, options: Options = Options()
) -> list[Match]:
    """The explained matches of a referral the actor may see."""
    referral = (await rows_by_id(session, actor=actor, now=now, model=m.Referral, ids=[referral_id])).get(referral_id)
    if referral is None:
        raise NotFound("No referral with this ID exists, or you may not see it", field="referral")
    return await match_referral(session, actor=actor, now=now, referral=referral, options=options)
