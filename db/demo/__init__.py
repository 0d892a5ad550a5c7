"""A deterministic, realistic demo data set for the North West SEND FPS.

``seed_demo`` fills an empty, migrated database with authorities, the
purchasing system and its lots, providers and establishments, two
application rounds, lot memberships, referrals, call-offs with fee
amendments, and termly outcome reports. Every date is derived from the
``today`` argument, so the demo stays current whenever it is seeded; all
randomness comes from fixed seeds, so the same ``today`` always gives the
same rows. It only adds rows and flushes: the caller commits.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.demo import data
from db.demo.data import AuthorityDef, EstablishmentDef, LotDef, MeasureDef, ProviderDef
from db.demo.reviews import seed_reviews
from db.demo.successor import seed_successor
from db.enums import (
    AdmissionMode,
    AmendmentReason,
    AuthorityRole,
    CallOffType,
    CostElement,
    EndingKind,
    EndingReason,
    FundingStream,
    Gender,
    GendersAdmitted,
    IdentifierScheme,
    InspectionFramework,
    Inspectorate,
    LotDecision,
    MeasureDirection,
    MeasureFrequency,
    MeasureScale,
    NeedCode,
    NoticeParty,
    OfstedGrade,
    PlacementType,
    PricingBand,
    ProviderStatus,
    QuestionKind,
    ReferralMode,
    Regime,
    ReportCardArea,
    ReportCardGrade,
    Term,
)
from db.fees import FEE_ELEMENTS, fee_column_name
from db.models import (
    ApplicationRound,
    Authority,
    Bid,
    BidAnswer,
    BidLot,
    BidLotEstablishment,
    CallOff,
    CriterionScore,
    Establishment,
    EstablishmentNeed,
    Evaluation,
    FeeAmendment,
    FundingContribution,
    FundingSplit,
    Inspection,
    InspectionJudgement,
    IntegratedCareBoard,
    Lot,
    LotMembership,
    MembershipEstablishment,
    ModeratedScore,
    Moderation,
    Offer,
    OutcomeMeasure,
    OutcomeReport,
    OutcomeValue,
    PricingLine,
    Provider,
    ProviderIdentifier,
    PurchasingSystem,
    RateCardLine,
    Referral,
    ReferralInvitation,
    RoundEvaluator,
    RoundLot,
    RoundQuestion,
    Specification,
    SystemMember,
    TermPeriod,
    standard_weekly_total,
)
from db.models.funding import SHARE_SCALE, share_column_name, share_out

__all__ = ["database_is_empty", "seed_demo"]

UTC = dt.UTC
DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)

Fees = dict[CostElement, int]
RateCard = dict[tuple[PricingBand, CostElement], int]

INDIVIDUAL_PLACEMENTS = 232
BLOCK_CONTRACTS = 10
TERMINATIONS = 4
REPORTS_PER_CALL_OFF = 6
FIRST_START = dt.date(2021, 9, 1)


async def database_is_empty(session: AsyncSession) -> bool:
    """True when no authority has been stored yet."""
    count = await session.scalar(select(func.count()).select_from(Authority))
    return not count


async def seed_demo(session: AsyncSession, *, today: dt.date) -> None:
    """Add the demo data set as it stands on ``today``, and flush."""
    await _Seeder(session, today).run()


# --------------------------------------------------------------------------
# Small pure helpers
# --------------------------------------------------------------------------


def _at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A UTC timestamp on ``day``."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def _day(day: dt.date) -> str:
    """A date in words, e.g. 3 December 2026."""
    return f"{day.day} {day:%B %Y}"


_REPORT_CARD_AREAS = tuple(
    a for a in ReportCardArea if a not in (ReportCardArea.EARLY_YEARS, ReportCardArea.SIXTH_FORM)
)


def _pence(pounds: float, step: int = 5) -> int:
    """Pounds rounded to a ``step`` of whole pounds, in pence."""
    return int(round(pounds / step)) * step * 100


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _academic_year(day: dt.date) -> int:
    """The starting year of the academic year a placement starting on ``day`` belongs to."""
    return day.year if day.month >= 6 else day.year - 1


def _price_index(day: dt.date) -> float:
    """Fee inflation since the system opened, about 3.5% a year."""
    years = max(0.0, (day - data.SYSTEM_TERM[0]).days / 365.25)
    return 1.035**years


def _fee_columns(fees: Fees, prefix: str = "") -> dict[str, int]:
    return {fee_column_name(e, prefix): fees.get(e, 0) for e in FEE_ELEMENTS}


def _elements_for(lot: LotDef) -> list[CostElement]:
    return list(data.LOT_PRICE_RANGES[lot.code])


def _price_schedule(lot: LotDef, rng: random.Random) -> RateCard:
    """A pricing schedule for a lot: a weekly fee per band and relevant element."""
    schedule: RateCard = {}
    for element, (low, high) in data.LOT_PRICE_RANGES[lot.code].items():
        standard = rng.uniform(low, high)
        schedule[(PricingBand.STANDARD, element)] = _pence(standard)
        for band in (PricingBand.ENHANCED, PricingBand.COMPLEX):
            factor = data.BAND_MULTIPLIERS[band.value][element] * rng.uniform(0.98, 1.02)
            schedule[(band, element)] = _pence(standard * factor)
    return schedule


@dataclass(frozen=True)
class _TermDates:
    academic_year: int
    term: Term
    starts: dt.date
    ends: dt.date
    due: dt.datetime


def _term_dates(academic_year: int, term: Term) -> _TermDates:
    """Term dates and the report deadline: 15 Jan, 15 Apr and 31 Jul."""
    y = academic_year
    if term is Term.AUTUMN:
        return _TermDates(y, term, dt.date(y, 9, 1), dt.date(y, 12, 19), _at(dt.date(y + 1, 1, 15), 17))
    if term is Term.SPRING:
        return _TermDates(y, term, dt.date(y + 1, 1, 5), dt.date(y + 1, 3, 31), _at(dt.date(y + 1, 4, 15), 17))
    return _TermDates(y, term, dt.date(y + 1, 4, 15), dt.date(y + 1, 7, 21), _at(dt.date(y + 1, 7, 31), 17))


def _half_terms(academic_year: int) -> list[tuple[str, dt.date, dt.date]]:
    """A plausible English school year: six half terms, each from a weekday to a Friday."""
    y = academic_year

    def monday(day: dt.date) -> dt.date:
        """The Monday of ``day``'s week, or the next one for a weekend day."""
        return day + dt.timedelta(days=7 - day.weekday() if day.weekday() >= 5 else -day.weekday())

    def friday(day: dt.date) -> dt.date:
        return day - dt.timedelta(days=(day.weekday() - 4) % 7)

    first_day = dt.date(y, 9, 3)
    while first_day.weekday() > 4:
        first_day += dt.timedelta(days=1)
    return [
        ("Autumn 1", first_day, friday(dt.date(y, 10, 24))),
        ("Autumn 2", monday(dt.date(y, 11, 3)), friday(dt.date(y, 12, 19))),
        ("Spring 1", monday(dt.date(y + 1, 1, 5)), friday(dt.date(y + 1, 2, 13))),
        ("Spring 2", monday(dt.date(y + 1, 2, 23)), friday(dt.date(y + 1, 3, 27))),
        ("Summer 1", monday(dt.date(y + 1, 4, 13)), friday(dt.date(y + 1, 5, 22))),
        ("Summer 2", monday(dt.date(y + 1, 6, 1)), friday(dt.date(y + 1, 7, 21))),
    ]


def _end_of_next_term(day: dt.date) -> dt.date | None:
    """The last day of the term after the one ``day`` is in (in the holidays, the one just ended), by the demo's
    regional half terms: one term's notice given on ``day``."""
    year = _academic_year(day)
    terms: dict[tuple[int, str], tuple[dt.date, dt.date]] = {}
    for academic_year in (year - 1, year, year + 1):
        for name, first, last in _half_terms(academic_year):
            key = (academic_year, name.split()[0])
            begun, ended = terms.get(key, (first, last))
            terms[key] = (min(begun, first), max(ended, last))
    spans = sorted(terms.values())
    current = max((i for i, (first, _) in enumerate(spans) if first <= day), default=None)
    return None if current is None or current + 1 >= len(spans) else spans[current + 1][1]


def _terms_between(first: dt.date, last: dt.date) -> list[_TermDates]:
    """Every term that ended on or before ``last`` and overlapped ``first`` by four weeks."""
    terms = []
    for year in range(first.year - 1, last.year + 1):
        for term in Term:
            dates = _term_dates(year, term)
            overlap = (min(dates.ends, last) - max(dates.starts, first)).days
            if dates.ends <= last and overlap >= 28:
                terms.append(dates)
    return terms


# --------------------------------------------------------------------------
# Records kept while seeding
# --------------------------------------------------------------------------


@dataclass(eq=False)
class _EstRec:
    defn: EstablishmentDef
    row: Establishment
    inspected: dt.date | None = None  # the date of its legacy-grade inspection, when it has one


@dataclass(eq=False)
class _ProviderRec:
    defn: ProviderDef
    row: Provider
    establishments: list[_EstRec] = field(default_factory=list)

    def offering(self, lot_code: str) -> list[_EstRec]:
        return [e for e in self.establishments if lot_code in e.defn.lots]


@dataclass(eq=False)
class _Member:
    """A lot membership with what is needed to call off from it."""

    provider: _ProviderRec
    lot: LotDef
    lot_row: Lot
    row: LotMembership
    establishments: list[_EstRec]
    rates: RateCard

    def open_at(self, moment: dt.datetime) -> bool:
        return self.row.suspended_at is None or moment < self.row.suspended_at


@dataclass
class _Child:
    reference: str = ""
    age: int = 0
    gender: Gender = Gender.OTHER
    primary: NeedCode = NeedCode.ASD
    secondary: tuple[NeedCode, ...] = ()
    district: tuple[str, float, float] = ("", 0.0, 0.0)
    summary: str = ""


@dataclass(eq=False)
class _Placement:
    """A planned call-off, before any row is written."""

    kind: CallOffType
    authority: tuple[AuthorityDef, Authority]
    member: _Member
    establishment: _EstRec
    band: PricingBand
    start: dt.date
    end: dt.date | None
    awarded_at: dt.datetime
    fees: Fees
    places: int = 1
    child: _Child | None = None
    opened_at: dt.datetime | None = None
    offer_deadline: dt.datetime | None = None
    mode: ReferralMode = ReferralMode.COMPETITION
    terminated_at: dt.datetime | None = None
    termination_reason: str | None = None
    reference: str = ""
    ending: tuple[EndingKind, EndingReason] | None = None
    notice: tuple[dt.date, NoticeParty] | None = None
    end_reason: str | None = None


@dataclass(eq=False)
class _OpenReferral:
    """A referral that has not (or not yet) led to a call-off."""

    state: str
    authority: tuple[AuthorityDef, Authority]
    lot: LotDef
    child: _Child
    members: list[tuple[_Member, _EstRec]]
    opened_at: dt.datetime | None
    offer_deadline: dt.datetime
    start_by: dt.date


# --------------------------------------------------------------------------
# The seeder
# --------------------------------------------------------------------------


class _Seeder:
    """Builds the demo rows section by section, flushing parents before children."""

    def __init__(self, session: AsyncSession, today: dt.date) -> None:
        self.session = session
        self.today = today
        self.now = _at(today, 0)
        self.latest = self.now - HOUR
        self.authorities: list[tuple[AuthorityDef, Authority]] = []
        self.lots: list[tuple[LotDef, Lot]] = []
        self.measures: list[tuple[MeasureDef, OutcomeMeasure]] = []
        self.providers: list[_ProviderRec] = []
        self.members: list[_Member] = []
        self.system: PurchasingSystem | None = None
        self.schedules: dict[int, RateCard] = {}
        self.used_identifiers: set[str] = set()
        self.round_one_bid_lots: list[tuple[_ProviderRec, BidLot]] = []
        due = [t for t in _terms_between(today - dt.timedelta(days=400), today - DAY) if t.due <= self.now]
        self.latest_due_term = due[-1] if due else None

    async def run(self) -> None:
        await self._authorities()
        await self._term_dates()
        await self._system()
        await self._providers()
        round_one = await self._round_one()
        await self._memberships(round_one)
        await self._round_two()
        await self._placements()
        await seed_reviews(self.session, today=self.today)
        await seed_successor(self.session, predecessor=self.system, today=self.today)

    async def _save(self, rows: Iterable[Any]) -> None:
        self.session.add_all(list(rows))
        await self.session.flush()

    def _sub_rng(self, salt: int) -> random.Random:
        """An independent stream per section, so one section's changes leave the others alone."""
        return random.Random(data.SEED * 100 + salt)

    # -- authorities and the system -----------------------------------------

    async def _authorities(self) -> None:
        rng = self._sub_rng(1)
        for defn in data.AUTHORITIES:
            lead = defn.gss_code == data.LEAD_GSS_CODE
            joined = data.SYSTEM_TERM[0] + dt.timedelta(days=0 if lead else rng.randint(7, 180))
            row = Authority(
                gss_code=defn.gss_code,
                name=defn.name,
                role=AuthorityRole.LEAD if lead else AuthorityRole.MEMBER,
                joined_on=joined,
                active=True,
            )
            self.authorities.append((defn, row))
        await self._save(row for _, row in self.authorities)
        self.boards: dict[str, IntegratedCareBoard] = {}
        for ods_code, name, prefixes in data.INTEGRATED_CARE_BOARDS:
            board = IntegratedCareBoard(ods_code=ods_code, name=name, active=True)
            for prefix in prefixes:
                self.boards[prefix] = board
        await self._save({id(b): b for b in self.boards.values()}.values())

    async def _term_dates(self) -> None:
        """The regional term dates of every academic year of the demo, and the next one: six half terms."""
        last = _academic_year(self.today) + 1
        await self._save(
            TermPeriod(
                academic_year=year,
                name=name,
                first_day=first,
                last_day=end,
                set_at=_at(dt.date(year, 7, 1)),
                set_by="demo",
            )
            for year in range(FIRST_START.year - 1, last + 1)
            for name, first, end in _half_terms(year)
        )

    async def _system(self) -> None:
        lead = next(row for defn, row in self.authorities if defn.gss_code == data.LEAD_GSS_CODE)
        system = PurchasingSystem(
            title=data.SYSTEM_TITLE,
            reference=data.SYSTEM_REFERENCE,
            ocid=data.SYSTEM_OCID,
            description=data.SYSTEM_DESCRIPTION,
            regime=Regime.PCR2015_LIGHT_TOUCH,
            admission_mode=AdmissionMode.ROUNDS,
            term_start=data.SYSTEM_TERM[0],
            term_end=data.SYSTEM_TERM[1],
            lead_authority_id=lead.id,
            activated_at=data.SYSTEM_ACTIVATED_AT,
        )
        await self._save([system])
        self.system = system
        members = [
            SystemMember(system_id=system.id, authority_id=row.id, joined_on=row.joined_on)
            for _, row in self.authorities
        ]
        self.lots = [
            (
                lot,
                Lot(
                    system_id=system.id,
                    code=lot.code,
                    title=lot.title,
                    placement_type=lot.placement_type,
                    weeks_per_year=lot.weeks_per_year,
                    age_min=lot.age_min,
                    age_max=lot.age_max,
                    position=i,
                ),
            )
            for i, lot in enumerate(data.LOTS, start=1)
        ]
        self.measures = [
            (
                m,
                OutcomeMeasure(
                    system_id=system.id,
                    code=m.code,
                    name=m.name,
                    description=m.description,
                    domain=m.domain,
                    scale=m.scale,
                    direction=m.direction,
                    frequency=m.frequency,
                ),
            )
            for m in data.MEASURES
        ]
        specifications = [
            Specification(
                system_id=system.id,
                version_number=1,
                title=data.SPECIFICATION_TITLE,
                body=data.SPECIFICATION_V1,
                published_at=data.SPECIFICATION_V1_PUBLISHED_AT,
            ),
            Specification(
                system_id=system.id,
                version_number=2,
                title=data.SPECIFICATION_TITLE,
                body=data.SPECIFICATION_V2,
                published_at=None,
            ),
        ]
        await self._save([*members, *(r for _, r in self.lots), *(r for _, r in self.measures), *specifications])

    def _lot_row(self, code: str) -> tuple[LotDef, Lot]:
        return next(pair for pair in self.lots if pair[0].code == code)

    # -- providers and establishments ----------------------------------------

    async def _providers(self) -> None:
        rng = self._sub_rng(2)
        for defn in data.PROVIDERS:
            if defn.round_one is not None:
                verified = _at(dt.date(2021, 1, 11) + dt.timedelta(days=rng.randint(0, 50)), 11)
            else:
                verified = _at(self.today - dt.timedelta(days=rng.randint(30, 400)), 11)
            status = ProviderStatus.SUSPENDED if defn.suspended else ProviderStatus.ACTIVE
            reason = (
                "Suspended pending a safeguarding review after an inadequate inspection." if defn.suspended else None
            )
            row = Provider(legal_name=defn.legal_name, status=status, status_reason=reason, verified_at=verified)
            self.providers.append(_ProviderRec(defn, row))
        await self._save(p.row for p in self.providers)

        identifiers: list[ProviderIdentifier] = []
        for rec in self.providers:
            identifiers.extend(self._identifiers(rec, rng))
            for est in rec.defn.establishments:
                row, inspected = self._establishment(rec.row, est, rng)
                rec.establishments.append(_EstRec(est, row, inspected))
        await self._save([*identifiers, *(e.row for p in self.providers for e in p.establishments)])
        await self._inspections()
        await self._save(
            EstablishmentNeed(establishment_id=e.row.id, need_code=need)
            for p in self.providers
            for e in p.establishments
            for need in e.defn.needs
        )

    def _unique(self, make: Callable[[], str]) -> str:
        while True:
            value = make()
            if value not in self.used_identifiers:
                self.used_identifiers.add(value)
                return value

    def _identifiers(self, rec: _ProviderRec, rng: random.Random) -> list[ProviderIdentifier]:
        """A company number for every provider; charity numbers and PPONs where they have them."""
        wanted: list[tuple[IdentifierScheme, Callable[[], str]]] = [
            (IdentifierScheme.GB_COH, lambda: f"{rng.randint(3_000_000, 13_999_999):08d}")
        ]
        if rec.defn.charity:
            wanted.append((IdentifierScheme.GB_CHC, lambda: str(rng.randint(1_020_000, 1_199_999))))
        if rec.defn.ppon:
            wanted.append((IdentifierScheme.GB_PPON, lambda: _ppon(rng)))
        return [
            ProviderIdentifier(provider_id=rec.row.id, scheme=scheme, identifier=self._unique(make))
            for scheme, make in wanted
        ]

    def _establishment(
        self, provider: Provider, est: EstablishmentDef, rng: random.Random
    ) -> tuple[Establishment, dt.date | None]:
        """The establishment, and the date of the inspection that gave its grade (see :meth:`_inspections`)."""
        if est.grade is None:
            inspected = None
        elif est.grade is OfstedGrade.INADEQUATE:
            inspected = self.today - dt.timedelta(days=55)
        else:
            inspected = self.today - dt.timedelta(days=rng.randint(45, 1080))
        concern = inspected if est.grade is OfstedGrade.INADEQUATE else None
        row = Establishment(
            provider_id=provider.id,
            urn=est.urn,
            name=est.name,
            type_code=est.type_code,
            concern_since=concern,
            concern_reason=None if concern is None else f"Ofsted graded inspection, {_day(concern)}: judged inadequate",
            postcode=est.postcode,
            host_authority=_host_authority(est.latitude, est.longitude),
            latitude=est.latitude,
            longitude=est.longitude,
            age_min=est.age_min,
            age_max=est.age_max,
            genders=est.genders,
            day_capacity=est.day_capacity,
            residential_capacity=est.residential_capacity,
            day_vacancies=rng.randint(0, min(est.day_capacity, 5)),
            residential_vacancies=rng.randint(0, min(est.residential_capacity, 3)),
        )
        return row, inspected

    async def _inspections(self) -> None:
        """Each graded establishment's inspection history: its legacy Ofsted grade and, for a few, a report card.

        The inadequate one is flagged (see :meth:`_establishment`); every other establishment's latest
        inspection is fine, so recording an inadequate one later shows the flag and its alerts.
        """
        graded = [e for p in self.providers for e in p.establishments if e.inspected is not None]
        rows: list[Inspection] = []
        cards: list[tuple[Inspection, dict[ReportCardArea, ReportCardGrade]]] = []
        for index, est in enumerate(graded):
            assert est.inspected is not None and est.defn.grade is not None
            rows.append(
                Inspection(
                    establishment_id=est.row.id,
                    inspectorate=Inspectorate.OFSTED,
                    framework=InspectionFramework.LEGACY_GRADE,
                    inspected_on=est.inspected,
                    published_on=min(est.inspected + dt.timedelta(days=24), self.today),
                    report_url=f"https://reports.ofsted.gov.uk/provider/21/{est.defn.urn}",
                    overall_grade=est.defn.grade,
                    recorded_at=self.now,
                )
            )
            # Every seventh graded school, inspected long enough ago, has since had a report card.
            long_ago = est.inspected < self.today - 400 * DAY
            if index % 7 == 3 and est.defn.grade is not OfstedGrade.INADEQUATE and long_ago:
                card = Inspection(
                    establishment_id=est.row.id,
                    inspectorate=Inspectorate.OFSTED,
                    framework=InspectionFramework.REPORT_CARD,
                    inspected_on=self.today - dt.timedelta(days=20 + index % 30),
                    published_on=self.today - dt.timedelta(days=index % 7),
                    report_url=f"https://reports.ofsted.gov.uk/provider/21/{est.defn.urn}",
                    safeguarding_met=True,
                    recorded_at=self.now,
                )
                grades = (ReportCardGrade.STRONG, ReportCardGrade.EXPECTED, ReportCardGrade.EXPECTED)
                cards.append((card, {area: grades[(index + n) % 3] for n, area in enumerate(_REPORT_CARD_AREAS)}))
        await self._save([*rows, *(card for card, _ in cards)])
        await self._save(
            InspectionJudgement(inspection_id=card.id, area=area, grade=grade)
            for card, judged in cards
            for area, grade in judged.items()
        )

    # -- round one: concluded ------------------------------------------------

    async def _round_one(self) -> ApplicationRound:
        rng = self._sub_rng(3)
        assert self.system is not None
        rnd = ApplicationRound(
            system_id=self.system.id,
            number=1,
            opens_at=_at(dt.date(2021, 2, 1), 9),
            clarification_deadline=_at(dt.date(2021, 3, 1), 12),
            closes_at=_at(dt.date(2021, 3, 15), 12),
            standstill_ends_at=_at(dt.date(2021, 4, 20), 0),
            evaluation_started_at=_at(dt.date(2021, 3, 16), 9),
            decisions_issued_at=_at(dt.date(2021, 4, 9), 10),
            concluded_at=_at(dt.date(2021, 4, 21), 9),
        )
        questions = await self._round_frame(rnd)
        bidders = [p for p in self.providers if p.defn.round_one is not None]
        bids = [
            Bid(
                round_id=rnd.id,
                provider_id=p.row.id,
                submitted_at=_at(
                    dt.date(2021, 2, 22) + dt.timedelta(days=rng.randint(0, 20)), rng.randint(9, 16), rng.randint(0, 59)
                ),
            )
            for p in bidders
        ]
        await self._save(bids)

        bid_lots: list[tuple[_ProviderRec, BidLot]] = []
        for rec, bid in zip(bidders, bids):
            for lot_code in self._lots_offered(rec):
                refused = rec.defn.round_one == "REJECTED" or lot_code in rec.defn.rejected_lots
                bid_lots.append(
                    (
                        rec,
                        BidLot(
                            bid_id=bid.id,
                            lot_id=self._lot_row(lot_code)[1].id,
                            decision=LotDecision.REJECTED if refused else LotDecision.ADMITTED,
                            decided_at=rnd.decisions_issued_at,
                            feedback="",  # written from the moderated result below
                        ),
                    )
                )
        await self._save(bl for _, bl in bid_lots)

        children: list[Any] = []
        evaluations: list[tuple[Evaluation, dict[int, int]]] = []
        moderations: list[tuple[Moderation, dict[int, int]]] = []
        for rec, bid in zip(bidders, bids):
            children.extend(self._answers(bid, rec, questions, strong=rec.defn.round_one == "ADMITTED"))
        for rec, bid_lot in bid_lots:
            children.extend(self._bid_lot_details(rec, bid_lot, rng))
            assessed, moderated = self._evaluations(rec, bid_lot, rnd, questions, rng)
            evaluations.extend(assessed)
            moderations.append(moderated)
        await self._save([*children, *(e for e, _ in evaluations), *(mod for mod, _ in moderations)])
        selection = [q for q in questions if q.kind is QuestionKind.SELECTION]
        await self._save(
            [
                *(
                    CriterionScore(evaluation_id=ev.id, question_id=qid, score=score, comment=_SCORE_COMMENTS[score])
                    for ev, scores in evaluations
                    for qid, score in scores.items()
                ),
                *(
                    CriterionScore(evaluation_id=ev.id, question_id=q.id, passed=bool(ev.passed) or q.number != 2)
                    for ev, _ in evaluations
                    for q in selection
                ),
                *(
                    ModeratedScore(moderation_id=mod.id, question_id=qid, score=score)
                    for mod, consensus in moderations
                    for qid, score in consensus.items()
                ),
            ]
        )
        self.round_one_bid_lots = bid_lots
        return rnd

    async def _round_frame(self, rnd: ApplicationRound) -> list[RoundQuestion]:
        """Save a round with every lot and the standard questions."""
        await self._save([rnd])
        questions = [
            RoundQuestion(round_id=rnd.id, number=i, kind=kind, text=text, weight=weight)
            for i, (kind, text, weight) in enumerate(data.ROUND_QUESTIONS, start=1)
        ]
        evaluators = [RoundEvaluator(round_id=rnd.id, evaluator_ref=ref) for ref in data.EVALUATORS]
        await self._save([*(RoundLot(round_id=rnd.id, lot_id=row.id) for _, row in self.lots), *questions, *evaluators])
        return questions

    def _lots_offered(self, rec: _ProviderRec, only: Sequence[str] | None = None) -> list[str]:
        codes = [lot.code for lot, _ in self.lots if rec.offering(lot.code)]
        return [c for c in codes if only is None or c in only]

    def _answers(
        self, bid: Bid, rec: _ProviderRec, questions: list[RoundQuestion], *, strong: bool, limit: int | None = None
    ) -> list[BidAnswer]:
        answers = []
        urns = ", ".join(f"{e.defn.name} (URN {e.defn.urn})" for e in rec.establishments)
        award_index = 0
        for q in questions[:limit]:
            if q.kind is QuestionKind.SELECTION:
                text = data.SELECTION_ANSWERS[(q.number - 1) % len(data.SELECTION_ANSWERS)]
                if q.number == 1:
                    text = f"{text} Establishments offered: {urns}."
            else:
                text = data.AWARD_ANSWERS[award_index] if strong else data.WEAK_AWARD_ANSWER
                award_index += 1
            answers.append(BidAnswer(bid_id=bid.id, question_id=q.id, answer=text))
        return answers

    def _bid_lot_details(
        self, rec: _ProviderRec, bid_lot: BidLot, rng: random.Random, bands: Sequence[PricingBand] = tuple(PricingBand)
    ) -> list[Any]:
        """The establishments and pricing schedule of one bid lot."""
        lot = next(defn for defn, row in self.lots if row.id == bid_lot.lot_id)
        schedule = _price_schedule(lot, rng)
        self.schedules[bid_lot.id] = schedule
        rows: list[Any] = [
            BidLotEstablishment(bid_lot_id=bid_lot.id, establishment_id=e.row.id) for e in rec.offering(lot.code)
        ]
        rows.extend(
            PricingLine(bid_lot_id=bid_lot.id, band=band, element=element, weekly_fee_pence=fee)
            for (band, element), fee in schedule.items()
            if band in bands
        )
        return rows

    def _evaluations(
        self,
        rec: _ProviderRec,
        bid_lot: BidLot,
        rnd: ApplicationRound,
        questions: list[RoundQuestion],
        rng: random.Random,
    ) -> tuple[list[tuple[Evaluation, dict[int, int]]], tuple[Moderation, dict[int, int]]]:
        """Two evaluators' assessments, and the moderated consensus they lead to."""
        award = [q for q in questions if q.kind is QuestionKind.AWARD]
        admitted = bid_lot.decision is LotDecision.ADMITTED
        failed_selection = rec.defn.selection_failed
        consensus = {} if failed_selection else _consensus_scores(award, admitted, rng)
        score = None if failed_selection else round(sum((q.weight or 0) * consensus[q.id] for q in award) / 5, 2)
        feedback = _evaluation_feedback(admitted, failed_selection, score, award, consensus)
        assert rnd.evaluation_started_at is not None and rnd.decisions_issued_at is not None
        pair = 1 + 2 * (bid_lot.lot_id % 3)
        results = []
        for evaluator in (f"evaluator-{pair}", f"evaluator-{pair + 1}"):
            scores = {qid: max(0, min(5, s + rng.choice((-1, 0, 0, 0, 1)))) for qid, s in consensus.items()}
            completed = rnd.evaluation_started_at + dt.timedelta(hours=rng.randint(24, 14 * 24))
            results.append(
                (
                    Evaluation(
                        bid_lot_id=bid_lot.id,
                        evaluator_ref=evaluator,
                        passed=not failed_selection,
                        feedback=feedback,
                        completed_at=completed,
                    ),
                    scores,
                )
            )
        bid_lot.feedback = feedback
        moderation = Moderation(
            bid_lot_id=bid_lot.id,
            moderator_ref="lead.admin",
            moderated_at=rnd.decisions_issued_at - dt.timedelta(days=rng.randint(1, 4)),
            rationale="Evaluators' marks compared question by question and agreed at the moderation meeting.",
            passed_selection=not failed_selection,
            score=score,
        )
        return results, (moderation, consensus)

    # -- lot memberships -------------------------------------------------------

    async def _memberships(self, round_one: ApplicationRound) -> None:
        assert round_one.concluded_at is not None
        since = round_one.concluded_at.date()
        admitted = [(rec, bl) for rec, bl in self.round_one_bid_lots if bl.decision is LotDecision.ADMITTED]
        for rec, bid_lot in admitted:
            lot, lot_row = next(pair for pair in self.lots if pair[1].id == bid_lot.lot_id)
            schedule = self.schedules[bid_lot.id]
            row = LotMembership(
                provider_id=rec.row.id,
                lot_id=lot_row.id,
                bid_lot_id=bid_lot.id,
                since=since,
                until=None,
                standard_weekly_fee_pence=standard_weekly_total((band, fee) for (band, _), fee in schedule.items()),
            )
            if rec.defn.suspended:
                row.suspended_at = _at(self.today - dt.timedelta(days=40), 14)
                row.suspension_reason = (
                    "Suspended from new call-offs after an inadequate Ofsted judgement at "
                    f"{rec.establishments[0].defn.name}, pending an agreed improvement plan."
                )
            self.members.append(_Member(rec, lot, lot_row, row, rec.offering(lot.code), schedule))
        await self._save(m.row for m in self.members)
        rows: list[Any] = []
        for m in self.members:
            rows.extend(
                MembershipEstablishment(membership_id=m.row.id, establishment_id=e.row.id) for e in m.establishments
            )
            rows.extend(
                RateCardLine(membership_id=m.row.id, band=band, element=element, weekly_fee_pence=fee)
                for (band, element), fee in m.rates.items()
            )
        await self._save(rows)

    # -- round two: open now ----------------------------------------------------

    async def _round_two(self) -> None:
        rng = self._sub_rng(4)
        assert self.system is not None
        opens = _at(self.today - dt.timedelta(days=14), 9)
        rnd = ApplicationRound(
            system_id=self.system.id,
            number=2,
            opens_at=opens,
            clarification_deadline=_at(self.today + dt.timedelta(days=7), 12),
            closes_at=_at(self.today + dt.timedelta(days=21), 12),
            standstill_ends_at=_at(self.today + dt.timedelta(days=45), 0),
        )
        questions = await self._round_frame(rnd)
        bidders = [p for p in self.providers if p.defn.round_two is not None]
        bids = []
        for rec in bidders:
            submitted = None
            if rec.defn.round_two == "SUBMITTED":
                submitted = min(opens + dt.timedelta(days=rng.randint(2, 12), hours=rng.randint(1, 7)), self.latest)
            bids.append(Bid(round_id=rnd.id, provider_id=rec.row.id, submitted_at=submitted))
        await self._save(bids)
        bid_lots = [
            (rec, bid, BidLot(bid_id=bid.id, lot_id=self._lot_row(code)[1].id))
            for rec, bid in zip(bidders, bids)
            for code in self._lots_offered(rec, rec.defn.round_two_lots)
        ]
        await self._save(bl for _, _, bl in bid_lots)
        rows: list[Any] = []
        for rec, bid in zip(bidders, bids):
            draft = bid.submitted_at is None
            rows.extend(self._answers(bid, rec, questions, strong=True, limit=6 if draft else None))
        for rec, bid, bid_lot in bid_lots:
            bands = (PricingBand.STANDARD,) if bid.submitted_at is None else tuple(PricingBand)
            rows.extend(self._bid_lot_details(rec, bid_lot, rng, bands))
        await self._save(rows)

    # -- placements: referrals, offers, call-offs ------------------------------

    async def _placements(self) -> None:
        rng = self._sub_rng(5)
        plans = [self._individual_plan(rng) for _ in range(INDIVIDUAL_PLACEMENTS)]
        plans += [self._block_plan(rng) for _ in range(BLOCK_CONTRACTS)]
        self._terminate_some(plans, rng)
        self._give_notice(plans)
        plans.sort(key=lambda p: (p.awarded_at, p.start))
        for number, plan in enumerate(plans, start=1):
            plan.reference = f"NWFPS-CO-{number:06d}"
        others = self._other_referrals(rng)
        self._assign_child_references(plans, others, rng)

        individual = [p for p in plans if p.kind is CallOffType.INDIVIDUAL_PLACEMENT]
        referrals = {id(p): self._referral_for_plan(p) for p in individual}
        other_rows = [self._referral_for_open(o) for o in others]
        await self._save([*referrals.values(), *other_rows])

        accepted: dict[int, Offer] = {}
        rows: list[Any] = []
        for plan in individual:
            invitations, offers = self._invitations_and_offers(plan, referrals[id(plan)], rng)
            accepted[id(plan)] = offers[0]
            rows.extend([*invitations, *offers])
        for other, row in zip(others, other_rows):
            rows.extend(self._open_invitations_and_offers(other, row, rng))
        await self._save(rows)

        amendments = {id(p): self._amendment_plan(p, rng) for p in plans}
        call_offs = [self._call_off(p, referrals.get(id(p)), accepted.get(id(p))) for p in plans]
        await self._save(call_offs)
        rows = [
            FeeAmendment(call_off_id=co.id, **amendment)
            for co, p in zip(call_offs, plans)
            for amendment in amendments[id(p)]
        ]
        reports: list[tuple[OutcomeReport, dict[int, float]]] = []
        for co, plan in zip(call_offs, plans):
            if plan.kind is CallOffType.INDIVIDUAL_PLACEMENT:
                reports.extend(self._reports(co, plan, rng))
        await self._save([*rows, *(r for r, _ in reports)])
        await self._funding(call_offs, plans, amendments)
        await self._save(
            OutcomeValue(report_id=report.id, measure_id=measure_id, value=value)
            for report, values in reports
            for measure_id, value in values.items()
        )

    async def _funding(
        self, call_offs: list[CallOff], plans: list[_Placement], amendments: dict[int, list[dict[str, Any]]]
    ) -> None:
        """A funding split from each call-off's start and from each amendment, by the same shares.

        About a third of individual placements are funded three ways: education from the placing authority's
        High Needs budget, residential care from its social care budget, health and half the therapies from the
        integrated care board of its area, and additional staffing shared 40/30/30. Their board agreed within a
        fortnight, except for placements awarded in the last month, still waiting. The rest are the default:
        care from social care, everything else from education.
        """
        rng = self._sub_rng(9)
        splits, parts = [], []
        for co, plan in zip(call_offs, plans):
            defn, authority = plan.authority
            board = self.boards[defn.prefix]
            three_way = plan.kind is CallOffType.INDIVIDUAL_PLACEMENT and rng.random() < 0.35
            funders = _demo_funders(authority.id, board.id, three_way, plan.fees)
            pending = three_way and plan.awarded_at > self.now - dt.timedelta(days=30)
            agreed = plan.awarded_at + dt.timedelta(days=rng.randint(1, 14))
            periods = [(plan.start, plan.awarded_at, None)]
            periods += [(a["effective_from"], a["agreed_at"], a) for a in amendments[id(plan)]]
            for effective_from, proposed_at, amendment in periods:
                fees = _fees_of(amendment, "after_") if amendment else _first_fees(plan, amendments[id(plan)])
                split = FundingSplit(
                    call_off_id=co.id, effective_from=effective_from, proposed_at=proposed_at, proposed_by="demo"
                )
                splits.append(split)
                parts.append((split, fees, funders, pending, max(agreed, proposed_at)))
        await self._save(splits)
        rows = []
        for split, fees, funders, pending, agreed in parts:
            pence = {e: share_out(fees.get(e, 0), [f[3].get(e, 0) for f in funders]) for e in FEE_ELEMENTS}
            for position, (stream, authority_id, board_id, shares) in enumerate(funders):
                waiting = pending and board_id is not None
                rows.append(
                    FundingContribution(
                        split_id=split.id,
                        position=position,
                        stream=stream,
                        authority_id=authority_id,
                        integrated_care_board_id=board_id,
                        agreed_at=None if waiting else agreed,
                        agreed_by=None if waiting else "demo",
                        **{share_column_name(e): shares.get(e, 0) for e in FEE_ELEMENTS},
                        **{fee_column_name(e): pence[e][position] for e in FEE_ELEMENTS},
                    )
                )
        await self._save(rows)

    # planning ------------------------------------------------------------------

    def _members_on(self, lot_code: str, moment: dt.datetime) -> list[_Member]:
        return [m for m in self.members if m.lot.code == lot_code and m.open_at(moment)]

    def _pick_authority(self, rng: random.Random, moment: dt.datetime) -> tuple[AuthorityDef, Authority]:
        """A weighted choice among the authorities that existed at ``moment``."""
        existing = [
            pair for pair in self.authorities if pair[0].established is None or pair[0].established <= moment.date()
        ]
        return rng.choices(existing, weights=[d.weight for d, _ in existing])[0]

    def _start_date(self, rng: random.Random) -> dt.date:
        """A start date from September 2021 to 60 days ahead, more of them recent, many in September."""
        last = self.today + dt.timedelta(days=60)
        if rng.random() < 0.025:
            return _monday_on_or_after(self.today + dt.timedelta(days=rng.randint(3, 50)))
        span = (last - FIRST_START).days
        day = FIRST_START + dt.timedelta(days=int(span * rng.random() ** 0.6))
        if rng.random() < 0.4:
            september = _monday_on_or_after(dt.date(_academic_year(day), 9, 1))
            if FIRST_START <= september <= last:
                return september
        return min(_monday_on_or_after(day), last)

    def _individual_plan(self, rng: random.Random) -> _Placement:
        while True:
            lot_code = rng.choices(list(data.LOT_PLACEMENT_WEIGHTS), weights=list(data.LOT_PLACEMENT_WEIGHTS.values()))[
                0
            ]
            start = self._start_date(rng)
            awarded_at = self._award_time(start, rng)
            candidates = self._members_on(lot_code, awarded_at)
            if not candidates:
                continue
            member = rng.choice(candidates)
            est = rng.choice(member.establishments)
            child = self._child(member.lot, est, rng)
            if child is None:
                continue
            band = _band_for(child, rng)
            plan = _Placement(
                kind=CallOffType.INDIVIDUAL_PLACEMENT,
                authority=self._pick_authority(rng, awarded_at - 30 * DAY),
                member=member,
                establishment=est,
                band=band,
                start=start,
                end=self._end_date(member.lot, start, child.age, rng),
                awarded_at=awarded_at,
                fees=self._fees(member.rates, member.lot, band, start, child, rng),
                child=child,
                mode=ReferralMode.DIRECT_AWARD if rng.random() < 0.15 else ReferralMode.COMPETITION,
            )
            deadline_day = awarded_at.date() - dt.timedelta(days=rng.randint(1, 5))
            plan.offer_deadline = _at(deadline_day, 17)
            plan.opened_at = _at(deadline_day - dt.timedelta(days=rng.randint(5, 10)), 9, rng.randint(0, 59))
            return plan

    def _award_time(self, start: dt.date, rng: random.Random) -> dt.datetime:
        day = start - dt.timedelta(days=rng.randint(14, 70))
        if day >= self.today:
            day = self.today - dt.timedelta(days=rng.randint(1, 20))
        return _at(day, rng.randint(10, 16), rng.randint(0, 59))

    def _end_date(self, lot: LotDef, start: dt.date, age: int, rng: random.Random) -> dt.date:
        year = _academic_year(start)
        if lot.code in ("L6", "L7"):
            return start + dt.timedelta(days=rng.randint(90, 400))
        if lot.age_min >= 16:
            return dt.date(year + rng.randint(1, 3), 7, 31)
        years_left = max(1, 16 - age)
        if rng.random() < 0.2:
            years_left = rng.randint(1, years_left)
        return dt.date(year + years_left, 7, 31)

    def _child(self, lot: LotDef, est: _EstRec, rng: random.Random) -> _Child | None:
        """A pseudonymous child profile that fits the lot and the establishment."""
        low = max(lot.age_min, est.defn.age_min, 5)
        high = min(lot.age_max, est.defn.age_max, 19 if lot.age_min >= 16 else 15)
        if lot.code in ("L6", "L7"):
            low = max(low, 9)
        if low > high:
            return None
        ages = list(range(low, high + 1))
        age = rng.choices(
            ages, weights=[1 + min(i, len(ages) - 1 - i) + (2 if a in (11, 16) else 0) for i, a in enumerate(ages)]
        )[0]
        primary = rng.choices(est.defn.needs, weights=[3, 2, 1, 1][: len(est.defn.needs)])[0]
        secondary = _secondary_needs(primary, rng)
        gender = _gender_for(est.defn.genders, primary, rng)
        who = "young person" if age >= 16 else ("pupil" if age >= 11 else "child")
        summary = rng.choice(data.NEED_SUMMARIES[primary]).format(who=who, Who=who.capitalize())
        if secondary:
            summary += f" Secondary needs: {', '.join(n.description.lower().rstrip('.') for n in secondary)}."
        summary += " " + rng.choice(data.REFERRAL_CONTEXTS)
        return _Child(age=age, gender=gender, primary=primary, secondary=secondary, summary=summary)

    def _fees(
        self, rates: RateCard, lot: LotDef, band: PricingBand, start: dt.date, child: _Child | None, rng: random.Random
    ) -> Fees:
        """An offer's weekly fees: the rate card band, indexed and varied."""
        index = _price_index(start) / _price_index(dt.date(2021, 3, 1))
        wanted = {CostElement.EDUCATION, CostElement.CARE}
        if rng.random() < 0.85:
            wanted.add(CostElement.THERAPIES)
        medical = child is not None and child.primary in (NeedCode.PMLD, NeedCode.PD, NeedCode.OTH)
        if rng.random() < (0.7 if medical else 0.3):
            wanted.add(CostElement.HEALTH)
        if rng.random() < _STAFFING_CHANCE[band]:
            wanted.add(CostElement.ADDITIONAL_STAFFING)
        fees: Fees = {}
        for element in _elements_for(lot):
            if element in wanted:
                fees[element] = _pence(rates[(band, element)] / 100 * index * rng.uniform(0.95, 1.08), 1)
        return fees

    def _block_plan(self, rng: random.Random) -> _Placement:
        big = [pair for pair in self.authorities if pair[0].weight >= 4 and pair[0].established is None]
        while True:
            lot_code = rng.choice(("L1", "L1", "L3", "L4", "L6"))
            year = rng.randint(2021, _academic_year(self.today + dt.timedelta(days=60)))
            start = _monday_on_or_after(dt.date(year, 9, 1))
            if start > self.today + dt.timedelta(days=60):
                continue
            awarded_at = self._award_time(start, rng)
            candidates = self._members_on(lot_code, awarded_at)
            if not candidates:
                continue
            member = rng.choice(candidates)
            band = rng.choice((PricingBand.STANDARD, PricingBand.ENHANCED))
            return _Placement(
                kind=CallOffType.BLOCK,
                authority=rng.choice(big),
                member=member,
                establishment=rng.choice(member.establishments),
                band=band,
                start=start,
                end=dt.date(year + rng.choice((2, 3)), 7, 31),
                awarded_at=awarded_at,
                fees=self._fees(member.rates, member.lot, band, start, None, rng),
                places=rng.randint(2, 6),
            )

    def _terminate_some(self, plans: list[_Placement], rng: random.Random) -> None:
        """End a few placements early: one after the inadequate judgement, the rest at random."""

        def running(p: _Placement, since: dt.date) -> bool:
            return (
                p.kind is CallOffType.INDIVIDUAL_PLACEMENT
                and p.start + dt.timedelta(days=90) < since
                and (p.end is None or p.end > since + dt.timedelta(days=30))
                and p.terminated_at is None
            )

        suspended = [
            p for p in plans if p.member.row.suspended_at is not None and running(p, p.member.row.suspended_at.date())
        ]
        chosen: list[tuple[_Placement, dt.date, str]] = []
        if suspended:
            plan = suspended[0]
            assert plan.member.row.suspended_at is not None
            chosen.append(
                (plan, plan.member.row.suspended_at.date() + dt.timedelta(days=12), data.SUSPENSION_TERMINATION_REASON)
            )
        taken = [plan for plan, _, _ in chosen]
        pool = [p for p in plans if running(p, self.today - dt.timedelta(days=60)) and all(p is not t for t in taken)]
        wanted = min(len(pool), TERMINATIONS - len(chosen))
        for plan, reason in zip(rng.sample(pool, wanted), data.TERMINATION_REASONS):
            last = min(plan.end or self.today, self.today - dt.timedelta(days=7))
            day = plan.start + dt.timedelta(days=rng.randint(60, (last - plan.start).days))
            chosen.append((plan, day, reason))
        for plan, day, reason in chosen:
            plan.end = day
            plan.terminated_at = _at(day, 12)
            plan.termination_reason = reason
            plan.ending = (EndingKind.UNPLANNED, data.TERMINATION_ENDINGS.get(reason, EndingReason.OTHER))

    def _give_notice(self, plans: list[_Placement]) -> None:
        """A Cheshire East placement its provider has given notice on, a fortnight or so ago, so that it ends within
        the next months (``placementsEnding`` lists it): one term's notice, to the end of the term after the one it
        was given in, by the regional term dates."""
        window = (self.today + dt.timedelta(days=21), self.today + dt.timedelta(days=180))
        candidates = sorted(
            (
                p
                for p in plans
                if p.kind is CallOffType.INDIVIDUAL_PLACEMENT
                and p.authority[0].gss_code == "E06000049"
                and p.terminated_at is None
                and p.start < self.today - dt.timedelta(days=200)
                and (p.end is None or p.end > window[1])
            ),
            key=lambda p: (p.start, p.awarded_at),
        )
        if not candidates:
            return
        plan = candidates[0]
        for weeks_ago in range(2, 30, 2):
            given = self.today - dt.timedelta(weeks=weeks_ago)
            end = _end_of_next_term(given)
            if end is not None and window[0] <= end <= window[1]:
                plan.end = end
                plan.notice = (given, NoticeParty.PROVIDER)
                plan.ending = (EndingKind.UNPLANNED, EndingReason.NEEDS_CHANGED)
                plan.end_reason = data.NOTICE_REASON
                return

    def _other_referrals(self, rng: random.Random) -> list[_OpenReferral]:
        """Open, closed, draft, cancelled and unsuccessful referrals with no call-off."""
        t = self.today
        specs: list[tuple[str, int | None, int]] = [
            ("OPEN", rng.randint(1, 6), rng.randint(2, 10)) for _ in range(10)
        ] + [
            ("CLOSED", 20, -6),
            ("CLOSED", 16, -3),
            ("DRAFT", None, 14),
            ("DRAFT", None, 21),
            ("CANCELLED", 30, -22),
            ("UNSUCCESSFUL", 45, -35),
        ]
        result = []
        for state, opened_ago, deadline_in in specs:
            while True:
                lot_code = rng.choices(
                    list(data.LOT_PLACEMENT_WEIGHTS), weights=list(data.LOT_PLACEMENT_WEIGHTS.values())
                )[0]
                members = self._members_on(lot_code, self.latest)
                lead = rng.choice(members)
                est = rng.choice(lead.establishments)
                child = self._child(lead.lot, est, rng)
                if child is not None:
                    break
            fitting = [(m, e) for m in members for e in m.establishments if _fits(e, child)]
            rng.shuffle(fitting)
            chosen: list[tuple[_Member, _EstRec]] = []
            for m, e in fitting:
                if all(m.provider is not c.provider for c, _ in chosen):
                    chosen.append((m, e))
            invited = chosen[: 1 if state == "OPEN" and rng.random() < 0.2 else rng.randint(2, 4)]
            opened = None
            if opened_ago is not None:
                opened = _at(t - dt.timedelta(days=opened_ago), 9, rng.randint(0, 59))
            result.append(
                _OpenReferral(
                    state=state,
                    authority=self._pick_authority(rng, self.latest),
                    lot=lead.lot,
                    child=child,
                    members=invited if opened else [],
                    opened_at=opened,
                    offer_deadline=_at(t + dt.timedelta(days=deadline_in), 17),
                    start_by=t + dt.timedelta(days=rng.randint(21, 70) + max(0, deadline_in)),
                )
            )
        return result

    def _assign_child_references(
        self, plans: list[_Placement], others: list[_OpenReferral], rng: random.Random
    ) -> None:
        """Pseudonymous references such as ``CE-2023-0147``, in order of referral per authority."""
        entries: list[tuple[dt.datetime, AuthorityDef, _Child]] = []
        for p in plans:
            if p.child is not None and p.opened_at is not None:
                entries.append((p.opened_at, p.authority[0], p.child))
        for o in others:
            entries.append((o.opened_at or self.latest, o.authority[0], o.child))
        counters: dict[tuple[str, int], int] = {}
        for opened, authority, child in sorted(entries, key=lambda e: (e[0], e[1].gss_code)):
            key = (authority.prefix, opened.year)
            counters[key] = counters.get(key, rng.randint(20, 140)) + rng.randint(1, 7)
            child.reference = f"{authority.prefix}-{opened.year}-{counters[key]:04d}"

    # rows --------------------------------------------------------------------------

    def _referral_row(self, authority: Authority, lot: Lot, child: _Child, **fields: Any) -> Referral:
        district, lat, lon = child.district
        return Referral(
            authority_id=authority.id,
            lot_id=lot.id,
            child_reference=child.reference,
            age_at_start=child.age,
            gender=child.gender,
            primary_need=child.primary,
            secondary_need_1=child.secondary[0] if child.secondary else None,
            secondary_need_2=child.secondary[1] if len(child.secondary) > 1 else None,
            home_postcode_district=district,
            home_latitude=lat,
            home_longitude=lon,
            needs_summary=child.summary,
            quality_weight=60,
            price_weight=40,
            **fields,
        )

    def _with_home(self, authority: AuthorityDef, child: _Child, rng: random.Random) -> _Child:
        district, lat, lon = rng.choice(authority.districts)
        child.district = (district, round(lat + rng.uniform(-0.01, 0.01), 4), round(lon + rng.uniform(-0.01, 0.01), 4))
        return child

    def _referral_for_plan(self, plan: _Placement) -> Referral:
        assert plan.child is not None and plan.opened_at is not None and plan.offer_deadline is not None
        rng = random.Random(f"{data.SEED}:{plan.reference}")
        self._with_home(plan.authority[0], plan.child, rng)
        return self._referral_row(
            plan.authority[1],
            plan.member.lot_row,
            plan.child,
            start_by=plan.start + dt.timedelta(days=rng.randint(0, 10)),
            offer_deadline=plan.offer_deadline,
            mode=plan.mode,
            opened_at=plan.opened_at,
            awarded_at=plan.awarded_at,
        )

    def _referral_for_open(self, o: _OpenReferral) -> Referral:
        rng = random.Random(f"{data.SEED}:{o.child.reference}")
        self._with_home(o.authority[0], o.child, rng)
        lot_row = self._lot_row(o.lot.code)[1]
        fields: dict[str, Any] = {}
        if o.state == "CANCELLED" and o.opened_at is not None:
            fields["cancelled_at"] = o.opened_at + 5 * DAY
            fields["cancel_reason"] = "The child's annual review named a maintained special school."
        if o.state == "UNSUCCESSFUL":
            fields["closed_unsuccessful_at"] = o.offer_deadline + dt.timedelta(days=5)
        mode = ReferralMode.DIRECT_AWARD if len(o.members) == 1 else ReferralMode.COMPETITION
        return self._referral_row(
            o.authority[1],
            lot_row,
            o.child,
            start_by=o.start_by,
            offer_deadline=o.offer_deadline,
            mode=mode,
            opened_at=o.opened_at,
            **fields,
        )

    def _invitations_and_offers(
        self, plan: _Placement, referral: Referral, rng: random.Random
    ) -> tuple[list[ReferralInvitation], list[Offer]]:
        """Invitations to the winner and one or two others; the winner's accepted offer first."""
        assert plan.opened_at is not None and plan.offer_deadline is not None and plan.child is not None
        invited_at = plan.opened_at + dt.timedelta(minutes=5)
        invitations = [
            ReferralInvitation(referral_id=referral.id, provider_id=plan.member.provider.row.id, invited_at=invited_at)
        ]
        offers = [
            self._offer(referral, plan.member, plan.establishment, plan.fees, plan, rng, accepted_at=plan.awarded_at)
        ]
        if plan.mode is ReferralMode.DIRECT_AWARD:
            return invitations, offers
        rivals = [
            m for m in self._members_on(plan.member.lot.code, plan.opened_at) if m.provider is not plan.member.provider
        ]
        rng.shuffle(rivals)
        rivals = rivals[: rng.randint(1, 2)]
        invitations += [
            ReferralInvitation(referral_id=referral.id, provider_id=m.provider.row.id, invited_at=invited_at)
            for m in rivals
        ]
        rival = rivals[0] if rivals else None
        est = next((e for e in rival.establishments if _fits(e, plan.child)), None) if rival else None
        if rival and est and rng.random() < 0.45:
            fees = self._fees(rival.rates, rival.lot, plan.band, plan.start, plan.child, rng)
            offers.append(self._offer(referral, rival, est, fees, plan, rng, declined_at=plan.awarded_at))
        return invitations, offers

    def _offer(
        self,
        referral: Referral,
        member: _Member,
        est: _EstRec,
        fees: Fees,
        plan: _Placement,
        rng: random.Random,
        **outcome: Any,
    ) -> Offer:
        assert plan.opened_at is not None and plan.offer_deadline is not None
        window = (plan.offer_deadline - plan.opened_at).total_seconds() / 3600
        return Offer(
            referral_id=referral.id,
            provider_id=member.provider.row.id,
            establishment_id=est.row.id,
            weeks_per_year=member.lot.weeks_per_year,
            start_date=plan.start,
            quality_statement=_quality_statement(est, member.lot, rng),
            submitted_at=plan.opened_at + dt.timedelta(hours=rng.uniform(2, max(3.0, window - 1))),
            **_fee_columns(fees),
            **outcome,
        )

    def _open_invitations_and_offers(self, o: _OpenReferral, referral: Referral, rng: random.Random) -> list[Any]:
        """Invitations, and offers as the referral's state allows: withdrawn, declined or pending."""
        if o.opened_at is None:
            return []
        rows: list[Any] = [
            ReferralInvitation(
                referral_id=referral.id, provider_id=m.provider.row.id, invited_at=o.opened_at + dt.timedelta(minutes=5)
            )
            for m, _ in o.members
        ]
        band = _band_for(o.child, rng)
        for i, (member, est) in enumerate(o.members):
            outcome: dict[str, Any] = {}
            if o.state in ("OPEN", "CLOSED"):
                if i > 0 and rng.random() < 0.3:
                    continue
                last = min(o.offer_deadline, self.latest) - dt.timedelta(minutes=30)
                submitted = self._between(o.opened_at + HOUR, last, rng)
            elif i > 0:
                continue
            elif o.state == "CANCELLED":
                submitted = o.opened_at + DAY
                outcome["withdrawn_at"] = o.opened_at + 2 * DAY
                # chosen by the referral, not drawn from ``rng``: the draws after it stay as they were
                reasons = data.OFFER_WITHDRAWAL_REASONS
                outcome["withdrawal_reason"] = reasons[referral.id % len(reasons)]
            else:
                submitted = o.opened_at + 3 * DAY
                outcome["declined_at"] = o.offer_deadline + 5 * DAY
            fees = self._fees(member.rates, member.lot, band, o.start_by, o.child, rng)
            rows.append(
                Offer(
                    referral_id=referral.id,
                    provider_id=member.provider.row.id,
                    establishment_id=est.row.id,
                    weeks_per_year=member.lot.weeks_per_year,
                    start_date=o.start_by,
                    quality_statement=_quality_statement(est, member.lot, rng),
                    submitted_at=submitted,
                    **_fee_columns(fees),
                    **outcome,
                )
            )
        return rows

    def _amendment_plan(self, plan: _Placement, rng: random.Random) -> list[dict[str, Any]]:
        """Annual uplifts each April and the odd change of need, applied in date order.

        The plan is left holding the fees current after the last amendment.
        """
        last = min(plan.end or self.today, self.today)
        events: list[tuple[dt.date, AmendmentReason]] = []
        for year in range(plan.start.year, last.year + 1):
            april = dt.date(year, 4, 1)
            if plan.start + dt.timedelta(days=60) < april <= last:
                events.append((april, AmendmentReason.ANNUAL_UPLIFT))
        span = (last - plan.start).days
        if plan.kind is CallOffType.INDIVIDUAL_PLACEMENT and span > 150 and rng.random() < 0.12:
            change = plan.start + dt.timedelta(days=rng.randint(60, span - 30))
            events.append((change, AmendmentReason.NEEDS_CHANGE))
            if span - (change - plan.start).days > 150 and rng.random() < 0.3:
                events.append((change + dt.timedelta(days=120), AmendmentReason.PROVISION_CHANGE))
        fees = dict(plan.fees)
        amendments = []
        for day, reason in sorted(events, key=lambda e: e[0]):
            after, note = _amended(fees, reason, day, rng)
            agreed = _at(day - dt.timedelta(days=rng.randint(5, 25)), 11)
            amendments.append(
                {
                    "effective_from": day,
                    "reason": reason,
                    "note": note,
                    "agreed_at": max(agreed, plan.awarded_at + DAY),
                    **_fee_columns(fees, "before_"),
                    **_fee_columns(after, "after_"),
                }
            )
            fees = after
        plan.fees = fees
        return amendments

    def _call_off(self, plan: _Placement, referral: Referral | None, offer: Offer | None) -> CallOff:
        """The call-off row, holding the fees current after every amendment."""
        ending = plan.ending or _ended(plan, self.today)
        return CallOff(
            reference=plan.reference,
            type=plan.kind,
            authority_id=plan.authority[1].id,
            provider_id=plan.member.provider.row.id,
            establishment_id=plan.establishment.row.id,
            lot_id=plan.member.lot_row.id,
            referral_id=referral.id if referral else None,
            offer_id=offer.id if offer else None,
            places=plan.places,
            weeks_per_year=plan.member.lot.weeks_per_year,
            start_date=plan.start,
            end_date=plan.end,
            awarded_at=plan.awarded_at,
            entered_into_at=plan.awarded_at,
            terminated_at=plan.terminated_at,
            termination_reason=plan.termination_reason,
            end_reason=plan.end_reason,
            ending_kind=ending[0] if ending else None,
            ending_reason=ending[1] if ending else None,
            notice_given_on=plan.notice[0] if plan.notice else None,
            notice_given_by=plan.notice[1] if plan.notice else None,
            **_fee_columns(plan.fees),
        )

    # outcome reports ---------------------------------------------------------------

    def _reports(
        self, call_off: CallOff, plan: _Placement, rng: random.Random
    ) -> list[tuple[OutcomeReport, dict[int, float]]]:
        """The last few termly reports of a placement, each with its values by measure id."""
        assert plan.child is not None
        last = min(plan.end or self.today, self.today - DAY)
        trajectory = _Trajectory(plan, rng)
        reports = []
        for term in _terms_between(plan.start, last)[-REPORTS_PER_CALL_OFF:]:
            stamps = self._report_stamps(term, term == self.latest_due_term, rng)
            if stamps is None:
                continue
            age = plan.child.age + term.academic_year - _academic_year(plan.start)
            values = self._term_values(trajectory, term, age)
            by_code = {m.code: values[row.id] for m, row in self.measures if row.id in values}
            reports.append(
                (
                    OutcomeReport(
                        call_off_id=call_off.id,
                        academic_year=term.academic_year,
                        term=term.term,
                        due_at=term.due,
                        narrative=_narrative(term, by_code, age, rng),
                        **stamps,
                    ),
                    values,
                )
            )
        return reports

    def _term_values(self, trajectory: _Trajectory, term: _TermDates, age: int) -> dict[int, float]:
        """Values for the measures due this term: termly ones always, annual ones in summer."""
        t = trajectory.term_index(term)
        values: dict[int, float] = {}
        for measure, row in self.measures:
            if measure.min_age > age:
                continue
            if measure.frequency is MeasureFrequency.ANNUALLY and term.term is not Term.SUMMER:
                continue
            values[row.id] = trajectory.value(measure, t)
        return values

    def _report_stamps(self, term: _TermDates, latest_due: bool, rng: random.Random) -> dict[str, Any] | None:
        """Submission, acceptance and query times for one report; None when it is missing."""
        roll = rng.random()
        earliest = _at(term.ends + DAY, 10)
        if term.due > self.now:
            if roll < 0.55:
                return {}
            return {"submitted_at": self._between(earliest, self.latest, rng)}
        if latest_due:
            if roll < 0.1:
                return None
            if roll < 0.2:
                return {}
            submitted = self._submitted(term, earliest, rng)
            return {"submitted_at": submitted} if roll < 0.6 else self._accepted(submitted, rng)
        submitted = self._submitted(term, earliest, rng)
        if roll < 0.05:
            queried = submitted + dt.timedelta(days=rng.randint(3, 14))
            if queried < self.latest:
                return {
                    "submitted_at": submitted,
                    "queried_at": queried,
                    "query_comment": rng.choice(data.QUERY_COMMENTS),
                }
        if roll < 0.09:
            queried = submitted + dt.timedelta(days=rng.randint(3, 10))
            resubmitted = queried + dt.timedelta(days=rng.randint(2, 10))
            if resubmitted < self.latest:
                return {
                    **self._accepted(resubmitted, rng),
                    "queried_at": queried,
                    "query_comment": rng.choice(data.QUERY_COMMENTS),
                }
        if roll < 0.12:
            return {"submitted_at": submitted}
        return self._accepted(submitted, rng)

    def _between(self, first: dt.datetime, last: dt.datetime, rng: random.Random) -> dt.datetime:
        if last <= first:
            return last
        return first + dt.timedelta(seconds=int(rng.uniform(0, (last - first).total_seconds())))

    def _submitted(self, term: _TermDates, earliest: dt.datetime, rng: random.Random) -> dt.datetime:
        if rng.random() < 0.88:
            moment = term.due - dt.timedelta(days=rng.randint(0, 12), hours=rng.randint(1, 6))
        else:
            moment = term.due + dt.timedelta(days=rng.randint(1, 20))
        return min(max(moment, earliest), self.latest)

    def _accepted(self, submitted: dt.datetime, rng: random.Random) -> dict[str, Any]:
        accepted = submitted + dt.timedelta(days=rng.randint(2, 21), hours=rng.randint(0, 5))
        if accepted > self.latest:
            return {"submitted_at": submitted}
        return {"submitted_at": submitted, "accepted_at": accepted}


# --------------------------------------------------------------------------
# Pure helpers used by the seeder
# --------------------------------------------------------------------------


def _host_authority(latitude: float, longitude: float) -> str:
    """The demo authority with the district nearest a site: its host authority, near enough for the demo."""
    return min(
        ((lat - latitude) ** 2 + (lon - longitude) ** 2, a.name)
        for a in data.AUTHORITIES
        for _, lat, lon in a.districts
    )[1]


_Funder = tuple[FundingStream, int | None, int | None, dict[CostElement, int]]


def _demo_funders(authority_id: int, board_id: int, three_way: bool, fees: Fees) -> list[_Funder]:
    """The funders of a demo placement and their shares (see ``_Seeder._funding``)."""
    whole = SHARE_SCALE
    if three_way:
        return [
            (
                FundingStream.EDUCATION,
                authority_id,
                None,
                {
                    CostElement.EDUCATION: whole,
                    CostElement.THERAPIES: whole // 2,
                    CostElement.ADDITIONAL_STAFFING: 4000,
                },
            ),
            (
                FundingStream.SOCIAL_CARE,
                authority_id,
                None,
                {CostElement.CARE: whole, CostElement.ADDITIONAL_STAFFING: 3000},
            ),
            (
                FundingStream.HEALTH,
                None,
                board_id,
                {CostElement.HEALTH: whole, CostElement.THERAPIES: whole // 2, CostElement.ADDITIONAL_STAFFING: 3000},
            ),
        ]
    if not fees.get(CostElement.CARE):
        return [(FundingStream.EDUCATION, authority_id, None, dict.fromkeys(FEE_ELEMENTS, whole))]
    return [
        (FundingStream.EDUCATION, authority_id, None, {e: whole for e in FEE_ELEMENTS if e is not CostElement.CARE}),
        (FundingStream.SOCIAL_CARE, authority_id, None, {CostElement.CARE: whole}),
    ]


def _fees_of(amendment: dict[str, Any], prefix: str) -> Fees:
    return {e: amendment[fee_column_name(e, prefix)] for e in FEE_ELEMENTS}


def _first_fees(plan: _Placement, amendments: list[dict[str, Any]]) -> Fees:
    """The fees a placement started on: before its first amendment, or its fees if it has none."""
    return _fees_of(amendments[0], "before_") if amendments else dict(plan.fees)


_STAFFING_CHANCE = {PricingBand.STANDARD: 0.05, PricingBand.ENHANCED: 0.3, PricingBand.COMPLEX: 0.7}
"""How often an offer in each band includes additional 1:1 or 2:1 staffing."""

_SCORE_COMMENTS = {
    0: "No relevant response.",
    1: "Poor: largely unevidenced.",
    2: "Limited: significant gaps in evidence.",
    3: "Acceptable: meets the requirement with some gaps.",
    4: "Good: well evidenced and specific to the lot.",
    5: "Excellent: fully evidenced, with clear examples of impact.",
}


def _ppon(rng: random.Random) -> str:
    """A Public Procurement Organisation Number such as ``PXMN-1234-ABCD``."""
    letters = "ABCDEFGHJKLMNPQRSTVWXYZ"
    head = "".join(rng.choice(letters) for _ in range(3))
    tail = "".join(rng.choice(letters) for _ in range(4))
    return f"P{head}-{rng.randint(1000, 9999)}-{tail}"


def _consensus_scores(award: list[RoundQuestion], admitted: bool, rng: random.Random) -> dict[int, int]:
    """Moderated scores per AWARD question: 60+ overall for admitted bids, under 55 otherwise."""
    quality = rng.uniform(3.3, 4.6) if admitted else rng.uniform(1.6, 2.4)
    scores = {q.id: max(1, min(5, round(rng.gauss(quality, 0.6)))) for q in award}

    def total() -> float:
        return sum((q.weight or 0) * scores[q.id] for q in award) / 5

    while admitted and total() < 60:
        low = min(award, key=lambda q: scores[q.id])
        scores[low.id] += 1
    while not admitted and total() >= 55:
        high = max(award, key=lambda q: scores[q.id])
        scores[high.id] -= 1
    return scores


def _evaluation_feedback(
    admitted: bool, failed_selection: bool, score: float | None, award: list[RoundQuestion], consensus: dict[int, int]
) -> str:
    if failed_selection:
        return (
            "The bid failed selection question 2: the insurance evidence did not show the required "
            "levels of cover, so the award questions were not scored."
        )
    assert score is not None
    best = max(award, key=lambda q: (consensus[q.id], -q.number))
    worst = min(award, key=lambda q: (consensus[q.id], q.number))
    if admitted:
        return (
            f"Moderated score {score:.2f}. Strongest response on question {best.number}; "
            f"question {worst.number} would benefit from more evidence of impact."
        )
    return (
        f"Moderated score {score:.2f}, below the quality threshold of 55. Responses, particularly to "
        f"question {worst.number}, lacked specific evidence for this lot."
    )


def _fits(est: _EstRec, child: _Child) -> bool:
    d = est.defn
    gender_ok = (
        d.genders is GendersAdmitted.MIXED
        or (d.genders is GendersAdmitted.BOYS and child.gender is Gender.MALE)
        or (d.genders is GendersAdmitted.GIRLS and child.gender is Gender.FEMALE)
    )
    return gender_ok and d.age_min <= child.age <= d.age_max and child.primary in d.needs


def _secondary_needs(primary: NeedCode, rng: random.Random) -> tuple[NeedCode, ...]:
    options = [n for n in data.SECONDARY_NEEDS.get(primary, ()) if n is not primary]
    roll = rng.random()
    count = 2 if roll < 0.2 else 1 if roll < 0.75 else 0
    return tuple(rng.sample(options, min(count, len(options))))


def _gender_for(admitted: GendersAdmitted, primary: NeedCode, rng: random.Random) -> Gender:
    if admitted is GendersAdmitted.BOYS:
        return Gender.MALE
    if admitted is GendersAdmitted.GIRLS:
        return Gender.FEMALE
    male = 0.72 if primary in (NeedCode.ASD, NeedCode.SEMH) else 0.55
    roll = rng.random()
    return Gender.OTHER if roll < 0.02 else Gender.MALE if roll < male else Gender.FEMALE


def _band_for(child: _Child, rng: random.Random) -> PricingBand:
    complex_need = child.primary in (NeedCode.PMLD, NeedCode.MSI, NeedCode.OTH)
    weights = (2, 4, 4) if complex_need else (5, 3, 1.5)
    return rng.choices(list(PricingBand), weights=weights)[0]


def _quality_statement(est: _EstRec, lot: LotDef, rng: random.Random) -> str:
    setting = "residential" if lot.placement_type is PlacementType.RESIDENTIAL else "day"
    return (
        f"{est.defn.name} can meet the provision in section F of the plan through a {setting} place "
        f"from the proposed start date, with a {rng.choice((4, 6, 8))}-week transition plan, "
        f"an in-house therapy team and a named key worker. We have capacity in a class of "
        f"{rng.choice((5, 6, 7, 8))} and will attend the first review after six weeks."
    )


def _amended(fees: Fees, reason: AmendmentReason, day: dt.date, rng: random.Random) -> tuple[Fees, str]:
    """The fees after one amendment, with its note."""
    after = dict(fees)
    if reason is AmendmentReason.ANNUAL_UPLIFT:
        percent = data.ANNUAL_UPLIFT_PERCENT.get(day.year, 3.0) + rng.choice((-0.5, -0.25, 0, 0, 0.25, 0.5))
        after = {e: round(v * (1 + percent / 100)) for e, v in fees.items()}
        return after, f"Annual uplift of {percent:.2f}% from 1 April {day.year}, as agreed regionally."
    if reason is AmendmentReason.PROVISION_CHANGE:
        staffing = after.get(CostElement.ADDITIONAL_STAFFING, 0)
        if staffing:
            after[CostElement.ADDITIONAL_STAFFING] = staffing // 2
            return after, data.PROVISION_CHANGE_NOTE
        after[CostElement.THERAPIES] = after.get(CostElement.THERAPIES, 0) * 3 // 4
        return after, data.THERAPY_REDUCTION_NOTE
    note = rng.choice(data.NEEDS_CHANGE_NOTES)
    if "therapy" in note:
        after[CostElement.THERAPIES] = after.get(CostElement.THERAPIES, 0) + _pence(rng.uniform(100, 300))
    elif "Nursing" in note:
        after[CostElement.HEALTH] = after.get(CostElement.HEALTH, 0) + _pence(rng.uniform(150, 400))
    else:
        after[CostElement.ADDITIONAL_STAFFING] = after.get(CostElement.ADDITIONAL_STAFFING, 0) + _pence(
            rng.uniform(450, 1200)
        )
    return after, note


class _Trajectory:
    """A child's outcome values over time: a baseline per measure and a gentle trend."""

    def __init__(self, plan: _Placement, rng: random.Random) -> None:
        assert plan.child is not None
        self.rng = rng
        self.start = plan.start
        self.struggling = plan.child.primary is NeedCode.SEMH or plan.member.lot.code in ("L6", "L7")
        self.improving = rng.random() < 0.8
        self.params: dict[str, tuple[float, float]] = {}

    def term_index(self, term: _TermDates) -> int:
        """Terms since the placement started (0 for the first)."""
        return max(0, round((term.ends - self.start).days / 122))

    def _param(self, measure: MeasureDef) -> tuple[float, float]:
        if measure.code not in self.params:
            rng = self.rng
            if measure.scale is MeasureScale.PERCENT and measure.code == "ATT1":
                base = rng.uniform(58, 86) if self.struggling else rng.uniform(82, 96)
                slope = rng.uniform(0.5, 3.0)
            elif measure.scale is MeasureScale.PERCENT:
                base, slope = rng.uniform(72, 96), rng.uniform(0, 1.5)
            elif measure.scale is MeasureScale.RATING_1_5:
                base, slope = rng.uniform(1.8, 3.2), rng.uniform(0.05, 0.3)
            elif measure.scale is MeasureScale.YES_NO:
                base, slope = rng.uniform(0.2, 0.6), rng.uniform(0.05, 0.15)
            elif measure.direction is MeasureDirection.LOWER_IS_BETTER:
                base = rng.uniform(2, 10) if self.struggling else rng.uniform(0, 2.5)
                slope = rng.uniform(0.7, 0.95)
            else:
                base, slope = rng.uniform(1, 7), rng.uniform(0.1, 0.6)
            if not self.improving:
                slope = 1.0 if measure.direction is MeasureDirection.LOWER_IS_BETTER else slope * -0.3
            self.params[measure.code] = (base, slope)
        return self.params[measure.code]

    def value(self, measure: MeasureDef, t: int) -> float:
        base, slope = self._param(measure)
        rng = self.rng
        if measure.scale is MeasureScale.PERCENT:
            return round(max(0.0, min(100.0, base + slope * t + rng.gauss(0, 2.5))), 1)
        if measure.scale is MeasureScale.RATING_1_5:
            return float(max(1, min(5, round(base + slope * t + rng.gauss(0, 0.4)))))
        if measure.scale is MeasureScale.YES_NO:
            return 1.0 if rng.random() < min(0.95, max(0.05, base + slope * t)) else 0.0
        if measure.direction is MeasureDirection.LOWER_IS_BETTER:
            return float(max(0, round(base * slope**t + rng.gauss(0, 1.0))))
        return float(max(0, round(base + slope * t + rng.gauss(0, 1.2))))


def _narrative(term: _TermDates, values: dict[str, float], age: int, rng: random.Random) -> str:
    """A short report narrative built from the reported values; it never names the child."""
    who = "The young person" if age >= 16 else "The pupil"
    year = f"{term.academic_year}/{(term.academic_year + 1) % 100:02d}"
    parts = [f"{term.term.value.capitalize()} term {year}."]
    if "ATT1" in values:
        parts.append(f"Attendance was {values['ATT1']:.1f}%.")
    progress = values.get("EDU1", 3)
    if progress >= 4:
        parts.append(f"{who} has made strong progress towards the education outcomes in the plan.")
    elif progress >= 3:
        parts.append(f"{who} is making expected progress towards the education outcomes in the plan.")
    else:
        parts.append(f"{who} has found this term difficult and progress has been slower than planned.")
    incidents = values.get("WEL2", 0)
    if incidents == 0:
        parts.append("There were no incidents needing physical intervention.")
    else:
        if incidents == 1:
            parts.append(
                "There was 1 incident needing physical intervention; it was reviewed and the "
                "behaviour support plan updated."
            )
        else:
            parts.append(
                f"There were {int(incidents)} incidents needing physical intervention; each was "
                "reviewed and the behaviour support plan updated."
            )
    parts.append(
        rng.choice(
            (
                "Next term the focus is on communication and self-regulation targets.",
                "Next term the focus is on independence skills and community access.",
                "Next term the focus is on preparing for the annual review.",
                "Therapy input continues as set out in section F.",
            )
        )
    )
    return " ".join(parts)


def _ended(plan: _Placement, today: dt.date) -> tuple[EndingKind, EndingReason] | None:
    """How a placement that has run its course ended: at the end of its phase, or, for a third of the short
    placements (by their start day, so the demo's other figures do not move), unplanned when it broke down."""
    if plan.end is None or plan.end >= today or plan.kind is not CallOffType.INDIVIDUAL_PLACEMENT:
        return None
    if plan.member.lot.code in ("L6", "L7"):
        if plan.start.toordinal() % 3 == 0:
            return EndingKind.UNPLANNED, EndingReason.PLACEMENT_BREAKDOWN
        return EndingKind.PLANNED, EndingReason.PHASE_TRANSFER
    return EndingKind.PLANNED, EndingReason.PHASE_END
