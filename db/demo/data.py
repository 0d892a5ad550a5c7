"""Static reference data for the demo seed.

Everything here is fictional except the authorities (names and GSS codes),
the postcodes and their approximate coordinates. Provider and establishment
names are invented; any resemblance to a real organisation is accidental.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from db.enums import (
    CostElement,
    EndingReason,
    EstablishmentType,
    GendersAdmitted,
    MeasureDirection,
    MeasureFrequency,
    MeasureScale,
    NeedCode,
    OfstedGrade,
    OutcomeDomain,
    PlacementType,
    QuestionKind,
)

SEED = 20210201
"""The fixed random seed: the date the purchasing system opened."""

# --------------------------------------------------------------------------
# Authorities
# --------------------------------------------------------------------------

District = tuple[str, float, float]
"""A postcode district with the approximate latitude and longitude of its centre."""


@dataclass(frozen=True)
class AuthorityDef:
    """A North West local authority, with the districts its children live in."""

    gss_code: str
    name: str
    prefix: str
    weight: int
    districts: tuple[District, ...]
    established: dt.date | None = None
    """Set for the councils created after the system opened; they place no child before it."""


LEAD_GSS_CODE = "E06000049"

INTEGRATED_CARE_BOARDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "QYG",
        "NHS Cheshire and Merseyside Integrated Care Board",
        ("CE", "CWC", "HAL", "WAR", "KNO", "LIV", "STH", "SEF", "WIR"),
    ),
    (
        "QOP",
        "NHS Greater Manchester Integrated Care Board",
        ("BOL", "BUR", "MCR", "OLD", "ROC", "SAL", "STK", "TAM", "TRA", "WIG"),
    ),
    ("QE1", "NHS Lancashire and South Cumbria Integrated Care Board", ("BWD", "BPL", "WAF", "LCC")),
    ("QHM", "NHS North East and North Cumbria Integrated Care Board", ("CMB",)),
)
"""The North West's integrated care boards (ODS code, name) and the authorities, by prefix, in each one's area.
The ODS codes are as published, unverified here: they are data, changed like any other row."""

AUTHORITIES: tuple[AuthorityDef, ...] = (
    AuthorityDef(
        "E06000049",
        "Cheshire East",
        "CE",
        9,
        (
            ("CW1", 53.097, -2.440),
            ("SK10", 53.262, -2.128),
            ("CW12", 53.163, -2.211),
            ("SK9", 53.328, -2.229),
            ("CW5", 53.068, -2.522),
            ("CW11", 53.146, -2.366),
        ),
    ),
    AuthorityDef(
        "E06000050",
        "Cheshire West and Chester",
        "CWC",
        5,
        (
            ("CH1", 53.192, -2.891),
            ("CH2", 53.214, -2.882),
            ("CH65", 53.278, -2.902),
            ("CW9", 53.260, -2.517),
            ("CW7", 53.192, -2.522),
        ),
    ),
    AuthorityDef(
        "E06000006",
        "Halton",
        "HAL",
        2,
        (
            ("WA8", 53.364, -2.729),
            ("WA7", 53.332, -2.700),
        ),
    ),
    AuthorityDef(
        "E06000007",
        "Warrington",
        "WAR",
        3,
        (
            ("WA1", 53.391, -2.585),
            ("WA2", 53.408, -2.590),
            ("WA5", 53.397, -2.630),
            ("WA4", 53.370, -2.565),
        ),
    ),
    AuthorityDef(
        "E06000008",
        "Blackburn with Darwen",
        "BWD",
        3,
        (
            ("BB1", 53.752, -2.470),
            ("BB2", 53.740, -2.500),
            ("BB3", 53.697, -2.465),
        ),
    ),
    AuthorityDef(
        "E06000009",
        "Blackpool",
        "BPL",
        2,
        (
            ("FY1", 53.815, -3.050),
            ("FY3", 53.822, -3.025),
            ("FY4", 53.792, -3.035),
        ),
    ),
    AuthorityDef(
        "E06000063",
        "Cumberland",
        "CMB",
        3,
        (
            ("CA1", 54.890, -2.920),
            ("CA2", 54.880, -2.950),
            ("CA14", 54.640, -3.550),
            ("CA28", 54.545, -3.585),
        ),
        dt.date(2023, 4, 1),
    ),
    AuthorityDef(
        "E06000064",
        "Westmorland and Furness",
        "WAF",
        2,
        (
            ("LA9", 54.326, -2.745),
            ("LA14", 54.115, -3.225),
            ("CA11", 54.664, -2.752),
            ("LA12", 54.195, -3.092),
        ),
        dt.date(2023, 4, 1),
    ),
    AuthorityDef(
        "E10000017",
        "Lancashire",
        "LCC",
        14,
        (
            ("PR1", 53.760, -2.700),
            ("PR2", 53.785, -2.705),
            ("LA1", 54.047, -2.800),
            ("BB11", 53.787, -2.248),
            ("PR7", 53.650, -2.630),
            ("BB5", 53.753, -2.367),
            ("FY8", 53.752, -3.020),
            ("L39", 53.566, -2.884),
            ("PR25", 53.692, -2.692),
            ("LA4", 54.070, -2.865),
        ),
    ),
    AuthorityDef(
        "E08000001",
        "Bolton",
        "BOL",
        4,
        (
            ("BL1", 53.582, -2.440),
            ("BL3", 53.565, -2.435),
            ("BL4", 53.550, -2.400),
        ),
    ),
    AuthorityDef(
        "E08000002",
        "Bury",
        "BUR",
        3,
        (
            ("BL9", 53.592, -2.290),
            ("BL8", 53.600, -2.325),
            ("M45", 53.553, -2.295),
        ),
    ),
    AuthorityDef(
        "E08000003",
        "Manchester",
        "MCR",
        9,
        (
            ("M13", 53.460, -2.220),
            ("M14", 53.448, -2.225),
            ("M22", 53.380, -2.263),
            ("M40", 53.510, -2.200),
            ("M9", 53.522, -2.212),
            ("M11", 53.478, -2.180),
        ),
    ),
    AuthorityDef(
        "E08000004",
        "Oldham",
        "OLD",
        3,
        (
            ("OL1", 53.545, -2.113),
            ("OL4", 53.543, -2.080),
            ("OL8", 53.528, -2.120),
        ),
    ),
    AuthorityDef(
        "E08000005",
        "Rochdale",
        "ROC",
        3,
        (
            ("OL16", 53.612, -2.150),
            ("OL11", 53.603, -2.170),
            ("OL10", 53.592, -2.220),
        ),
    ),
    AuthorityDef(
        "E08000006",
        "Salford",
        "SAL",
        3,
        (
            ("M5", 53.480, -2.282),
            ("M6", 53.490, -2.305),
            ("M30", 53.483, -2.338),
        ),
    ),
    AuthorityDef(
        "E08000007",
        "Stockport",
        "STK",
        4,
        (
            ("SK1", 53.409, -2.155),
            ("SK2", 53.395, -2.130),
            ("SK4", 53.422, -2.180),
        ),
    ),
    AuthorityDef(
        "E08000008",
        "Tameside",
        "TAM",
        3,
        (
            ("OL6", 53.490, -2.090),
            ("SK14", 53.450, -2.070),
            ("M34", 53.456, -2.118),
        ),
    ),
    AuthorityDef(
        "E08000009",
        "Trafford",
        "TRA",
        3,
        (
            ("M32", 53.450, -2.308),
            ("M33", 53.425, -2.320),
            ("WA14", 53.388, -2.350),
        ),
    ),
    AuthorityDef(
        "E08000010",
        "Wigan",
        "WIG",
        4,
        (
            ("WN1", 53.548, -2.628),
            ("WN2", 53.540, -2.590),
            ("WN7", 53.497, -2.518),
        ),
    ),
    AuthorityDef(
        "E08000011",
        "Knowsley",
        "KNO",
        2,
        (
            ("L36", 53.412, -2.840),
            ("L34", 53.428, -2.800),
            ("L33", 53.481, -2.890),
        ),
    ),
    AuthorityDef(
        "E08000012",
        "Liverpool",
        "LIV",
        6,
        (
            ("L15", 53.398, -2.920),
            ("L4", 53.437, -2.960),
            ("L8", 53.389, -2.968),
            ("L11", 53.440, -2.920),
        ),
    ),
    AuthorityDef(
        "E08000013",
        "St. Helens",
        "STH",
        2,
        (
            ("WA10", 53.453, -2.745),
            ("WA9", 53.440, -2.710),
        ),
    ),
    AuthorityDef(
        "E08000014",
        "Sefton",
        "SEF",
        3,
        (
            ("L20", 53.450, -2.995),
            ("PR8", 53.640, -3.005),
            ("L23", 53.490, -3.030),
        ),
    ),
    AuthorityDef(
        "E08000015",
        "Wirral",
        "WIR",
        4,
        (
            ("CH41", 53.392, -3.030),
            ("CH44", 53.420, -3.050),
            ("CH46", 53.402, -3.110),
        ),
    ),
)

# --------------------------------------------------------------------------
# The purchasing system, its lots and specification
# --------------------------------------------------------------------------

SYSTEM_TITLE = "North West SEND Flexible Purchasing System"
SYSTEM_REFERENCE = "NW-SEND-FPS-2021"
SYSTEM_OCID = "ocds-h6vhtk-nwsendfps2021"
SYSTEM_TERM = (dt.date(2021, 2, 1), dt.date(2030, 1, 31))
SYSTEM_ACTIVATED_AT = dt.datetime(2021, 2, 1, 9, 0, tzinfo=dt.UTC)
SYSTEM_DESCRIPTION = (
    "A flexible purchasing system for placements of children and young people with special "
    "educational needs and disabilities in independent and non-maintained special schools, "
    "specialist post-16 institutions and alternative provision. Cheshire East Council is the "
    "lead authority; the arrangement is run day to day by Placements North West on behalf of "
    "the member authorities. Each member authority awards its own call-offs, either as an "
    "Individual Placement Agreement under the National Schools and Colleges Contract or as a "
    "block contract. The system reopens to new providers in application rounds."
)


@dataclass(frozen=True)
class LotDef:
    """A lot: a kind of placement with an age band."""

    code: str
    title: str
    placement_type: PlacementType
    weeks_per_year: int
    age_min: int
    age_max: int


LOTS: tuple[LotDef, ...] = (
    LotDef("L1", "0-16 day", PlacementType.DAY, 39, 4, 16),
    LotDef("L2", "0-16 38-week residential", PlacementType.RESIDENTIAL, 38, 4, 16),
    LotDef("L3", "0-16 52-week residential", PlacementType.RESIDENTIAL, 52, 4, 16),
    LotDef("L4", "16+ day", PlacementType.DAY, 39, 16, 25),
    LotDef("L5", "16+ residential", PlacementType.RESIDENTIAL, 52, 16, 25),
    LotDef("L6", "Alternative Provision (registered)", PlacementType.DAY, 39, 5, 16),
    LotDef("L7", "Alternative Provision (unregistered)", PlacementType.DAY, 39, 5, 16),
)

LOT_PLACEMENT_WEIGHTS: dict[str, int] = {"L1": 36, "L2": 8, "L3": 13, "L4": 17, "L5": 6, "L6": 13, "L7": 7}
"""How often each lot is called off, relative to the others."""

SPECIFICATION_TITLE = "Core Service Specification: SEND Placements"

SPECIFICATION_V1 = """\
1. Purpose
This specification sets out the core requirements that apply to every placement called off \
the North West SEND Flexible Purchasing System. It applies to day, 38-week residential and \
52-week residential placements in independent and non-maintained special schools, to \
specialist post-16 institutions and to alternative provision. It sits alongside the \
National Schools and Colleges Contract and each Individual Placement Agreement.

2. Meeting the needs in the plan
The provider shall secure the special educational provision set out in section F of the \
child's or young person's Education, Health and Care Plan, and shall contribute to the \
health and social care provision in sections G and H where agreed. The provider shall take \
part in every annual review and in any emergency review, and shall tell the placing \
authority within one working day of any change that puts the placement at risk.

3. Safeguarding and positive behaviour support
The provider shall keep safeguarding policies that follow Keeping Children Safe in \
Education and Working Together to Safeguard Children, shall notify the placing authority \
of every incident involving restraint, a missing episode or a police call-out within 24 \
hours, and shall use restrictive physical intervention only as a last resort and in line \
with the child's positive behaviour support plan.

4. Outcomes and reporting
The provider shall report termly against the outcomes framework of the purchasing system \
within the deadlines published by the lead authority: by 15 January for the autumn term, \
15 April for the spring term and 31 July for the summer term. Attendance shall be reported \
as a percentage of possible sessions.

5. Fees
Fees are agreed as a weekly breakdown of education, care, health, therapies and additional \
staffing, for the weeks per year of the lot. Fees change only through a recorded amendment: \
the annual uplift from 1 April, or a change in need or provision agreed in writing by the \
placing authority. The provider shall not move a child to another establishment without \
the placing authority's written approval.
"""

SPECIFICATION_V2 = (
    SPECIFICATION_V1
    + """
6. Cost transparency (draft for consultation)
From the next application round the provider shall break down each weekly fee element into \
staffing, premises, overheads and surplus on request, so that member authorities can \
benchmark fees against the national price bands. Additional staffing shall state the ratio \
(1:1 or 2:1) and the hours per week it buys.

7. Transition planning (draft for consultation)
For every young person from Year 9 the provider shall keep a preparation for adulthood \
plan covering employment, independent living, friendships and community, and good health, \
and shall share it with the placing authority before each annual review.
"""
)

SPECIFICATION_V1_PUBLISHED_AT = dt.datetime(2021, 2, 1, 9, 0, tzinfo=dt.UTC)

# --------------------------------------------------------------------------
# Outcomes framework
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureDef:
    """A measure of the outcomes framework; ``min_age`` limits who it is reported for."""

    code: str
    name: str
    description: str
    domain: OutcomeDomain
    scale: MeasureScale
    direction: MeasureDirection
    frequency: MeasureFrequency
    min_age: int = 0


_H = MeasureDirection.HIGHER_IS_BETTER
_L = MeasureDirection.LOWER_IS_BETTER
_T = MeasureFrequency.TERMLY
_A = MeasureFrequency.ANNUALLY

MEASURES: tuple[MeasureDef, ...] = (
    MeasureDef(
        "ATT1",
        "Attendance",
        "Percentage of possible sessions attended in the term.",
        OutcomeDomain.ATTENDANCE,
        MeasureScale.PERCENT,
        _H,
        _T,
    ),
    MeasureDef(
        "ATT2",
        "Sessions lost to suspension",
        "Half-day sessions lost to suspension or exclusion in the term.",
        OutcomeDomain.ATTENDANCE,
        MeasureScale.COUNT,
        _L,
        _T,
    ),
    MeasureDef(
        "EDU1",
        "Progress towards EHCP education outcomes",
        "Progress towards the outcomes in section E of the plan: 1 no progress, 3 expected progress, 5 outcomes met.",
        OutcomeDomain.EDUCATION,
        MeasureScale.RATING_1_5,
        _H,
        _T,
    ),
    MeasureDef(
        "EDU2",
        "Progress in literacy and communication",
        "Progress against the individual literacy and communication targets.",
        OutcomeDomain.EDUCATION,
        MeasureScale.RATING_1_5,
        _H,
        _T,
    ),
    MeasureDef(
        "EDU3",
        "Accredited units or qualifications achieved",
        "Accredited units, awards or qualifications achieved in the academic year.",
        OutcomeDomain.EDUCATION,
        MeasureScale.COUNT,
        _H,
        _A,
    ),
    MeasureDef(
        "EMP1",
        "Work experience or supported internship",
        "Took part in a work experience placement or supported internship this year.",
        OutcomeDomain.EMPLOYMENT,
        MeasureScale.YES_NO,
        _H,
        _A,
        14,
    ),
    MeasureDef(
        "EMP2",
        "Employability skills",
        "Progress against the employability targets of the preparation for adulthood plan.",
        OutcomeDomain.EMPLOYMENT,
        MeasureScale.RATING_1_5,
        _H,
        _T,
        14,
    ),
    MeasureDef(
        "IND1",
        "Independent living skills",
        "Progress in self-care, cooking, money and household skills.",
        OutcomeDomain.INDEPENDENT_LIVING,
        MeasureScale.RATING_1_5,
        _H,
        _T,
    ),
    MeasureDef(
        "IND2",
        "Travels independently",
        "Travels independently on at least one familiar route.",
        OutcomeDomain.INDEPENDENT_LIVING,
        MeasureScale.YES_NO,
        _H,
        _A,
        11,
    ),
    MeasureDef(
        "COM1",
        "Community activities",
        "Planned activities in the community taken part in during the term.",
        OutcomeDomain.COMMUNITY,
        MeasureScale.COUNT,
        _H,
        _T,
    ),
    MeasureDef(
        "COM2",
        "Positive relationships with peers",
        "Quality of relationships with peers, from staff observation and pupil voice.",
        OutcomeDomain.COMMUNITY,
        MeasureScale.RATING_1_5,
        _H,
        _T,
    ),
    MeasureDef(
        "HLT1",
        "Annual health review completed",
        "An annual health review or health check took place this year.",
        OutcomeDomain.HEALTH,
        MeasureScale.YES_NO,
        _H,
        _A,
    ),
    MeasureDef(
        "HLT2",
        "Therapy delivered as planned",
        "Percentage of therapy sessions in the plan that were delivered.",
        OutcomeDomain.HEALTH,
        MeasureScale.PERCENT,
        _H,
        _T,
    ),
    MeasureDef(
        "WEL1",
        "Wellbeing self-assessment",
        "The child's or young person's own rating of their wellbeing, supported as needed.",
        OutcomeDomain.WELLBEING,
        MeasureScale.RATING_1_5,
        _H,
        _T,
    ),
    MeasureDef(
        "WEL2",
        "Incidents needing physical intervention",
        "Incidents in the term in which restrictive physical intervention was used.",
        OutcomeDomain.WELLBEING,
        MeasureScale.COUNT,
        _L,
        _T,
    ),
)

# --------------------------------------------------------------------------
# Application rounds
# --------------------------------------------------------------------------

QuestionDef = tuple[QuestionKind, str, int | None]

ROUND_QUESTIONS: tuple[QuestionDef, ...] = (
    (
        QuestionKind.SELECTION,
        "Confirm that each establishment offered is registered with the "
        "Department for Education and, where it provides care, with Ofsted, and give the "
        "registration numbers.",
        None,
    ),
    (
        QuestionKind.SELECTION,
        "Confirm that you hold employer's liability insurance of at least "
        "£10m, public liability of at least £10m and professional indemnity of at least £5m.",
        None,
    ),
    (
        QuestionKind.SELECTION,
        "Provide your safeguarding policy and name your designated safeguarding lead for each establishment.",
        None,
    ),
    (
        QuestionKind.SELECTION,
        "Confirm that none of the mandatory or discretionary grounds for exclusion applies to your organisation.",
        None,
    ),
    (
        QuestionKind.AWARD,
        "Describe your curriculum and how you meet the education provision in section F of an EHCP.",
        25,
    ),
    (
        QuestionKind.AWARD,
        "Describe your approach to safeguarding and positive behaviour support, "
        "including how you reduce restrictive practice.",
        20,
    ),
    (QuestionKind.AWARD, "How do you measure and report outcomes, including preparation for adulthood?", 20),
    (QuestionKind.AWARD, "Describe your therapeutic and health provision and how it is staffed.", 15),
    (
        QuestionKind.AWARD,
        "How do you work with placing authorities, families and other professionals at transition points?",
        10,
    ),
    (QuestionKind.AWARD, "What social value will you deliver in the North West?", 10),
)

SELECTION_ANSWERS: tuple[str, ...] = (
    "Yes. Every establishment offered is registered with the Department for Education under its "
    "URN, and the residential provision is registered with Ofsted as a residential special school.",
    "Yes. Our certificates show employer's liability of £10m, public liability of £10m and "
    "professional indemnity of £5m, renewed each September.",
    "Our safeguarding policy is attached and reviewed annually by the board. Each establishment "
    "has a designated safeguarding lead on the senior leadership team and two trained deputies.",
    "We confirm that no ground for exclusion applies to the organisation, its directors or its trustees.",
)

AWARD_ANSWERS: tuple[str, ...] = (
    "Each pupil follows a personalised pathway built from section F of the plan, taught in classes "
    "of six to eight with a teacher and two teaching assistants. Baseline assessment in the first "
    "six weeks sets termly targets that are reviewed with the family.",
    "All staff are trained in a BILD-accredited positive behaviour support model. Every pupil has a "
    "behaviour support plan; incidents are reviewed within 48 hours and restrictive interventions "
    "have fallen year on year.",
    "We track progress against EHCP outcomes termly and report against the regional outcomes "
    "framework. From Year 9 each young person has a preparation for adulthood plan covering work, "
    "independent living, community and health.",
    "Our in-house team includes speech and language therapists, an occupational therapist and an "
    "assistant psychologist, with sessions timetabled into the school day and reviewed termly.",
    "A transition coordinator leads every admission, with visits, a transition book and a review "
    "after six weeks. We attend every annual review and share reports two weeks in advance.",
    "We recruit locally, offer supported internships with regional employers, and our pupils "
    "volunteer with community groups near each establishment.",
)

WEAK_AWARD_ANSWER = (
    "We follow the national curriculum, adapted where needed. Further detail can be provided on request."
)

# --------------------------------------------------------------------------
# Pricing: standard-band ranges in pounds per week, and band multipliers
# --------------------------------------------------------------------------

E = CostElement
PriceRanges = dict[CostElement, tuple[int, int]]

LOT_PRICE_RANGES: dict[str, PriceRanges] = {
    "L1": {E.EDUCATION: (1200, 1650), E.HEALTH: (60, 200), E.THERAPIES: (150, 330), E.ADDITIONAL_STAFFING: (350, 600)},
    "L2": {
        E.EDUCATION: (1300, 1700),
        E.CARE: (1500, 2100),
        E.HEALTH: (80, 240),
        E.THERAPIES: (170, 340),
        E.ADDITIONAL_STAFFING: (380, 620),
    },
    "L3": {
        E.EDUCATION: (1300, 1700),
        E.CARE: (2150, 2600),
        E.HEALTH: (90, 250),
        E.THERAPIES: (180, 340),
        E.ADDITIONAL_STAFFING: (400, 650),
    },
    "L4": {E.EDUCATION: (1200, 1600), E.HEALTH: (60, 180), E.THERAPIES: (150, 300), E.ADDITIONAL_STAFFING: (350, 580)},
    "L5": {
        E.EDUCATION: (1200, 1600),
        E.CARE: (2000, 2600),
        E.HEALTH: (90, 240),
        E.THERAPIES: (170, 330),
        E.ADDITIONAL_STAFFING: (380, 620),
    },
    "L6": {E.EDUCATION: (620, 950), E.THERAPIES: (150, 240), E.ADDITIONAL_STAFFING: (260, 450)},
    "L7": {E.EDUCATION: (480, 800), E.THERAPIES: (150, 220), E.ADDITIONAL_STAFFING: (240, 420)},
}

BAND_MULTIPLIERS: dict[str, dict[CostElement, float]] = {
    "STANDARD": {e: 1.0 for e in CostElement},
    "ENHANCED": {E.EDUCATION: 1.2, E.CARE: 1.25, E.HEALTH: 1.3, E.THERAPIES: 1.3, E.ADDITIONAL_STAFFING: 1.5},
    "COMPLEX": {E.EDUCATION: 1.4, E.CARE: 1.5, E.HEALTH: 1.8, E.THERAPIES: 1.75, E.ADDITIONAL_STAFFING: 2.2},
}

ANNUAL_UPLIFT_PERCENT: dict[int, float] = {2022: 3.0, 2023: 5.5, 2024: 4.0, 2025: 3.2, 2026: 3.0}
"""The regionally negotiated uplift from 1 April of each year; 3% where none is listed."""

# --------------------------------------------------------------------------
# Providers and establishments
# --------------------------------------------------------------------------

N = NeedCode
T = EstablishmentType
G = OfstedGrade


@dataclass(frozen=True)
class EstablishmentDef:
    """A school, college or centre; ``lots`` are the lots it is offered under."""

    urn: str
    name: str
    type_code: EstablishmentType
    grade: OfstedGrade | None
    postcode: str
    latitude: float
    longitude: float
    age_min: int
    age_max: int
    needs: tuple[NeedCode, ...]
    lots: tuple[str, ...]
    day_capacity: int
    residential_capacity: int = 0
    genders: GendersAdmitted = GendersAdmitted.MIXED


@dataclass(frozen=True)
class ProviderDef:
    """A provider and how it fared in the application rounds.

    ``round_one`` is ADMITTED, REJECTED (every lot) or None (did not bid);
    ``rejected_lots`` lists lots refused to an otherwise admitted bidder;
    ``round_two`` is SUBMITTED, DRAFT or None, with the lots it applies for;
    ``selection_failed`` marks a rejected bidder that failed a SELECTION question.
    """

    legal_name: str
    establishments: tuple[EstablishmentDef, ...]
    charity: bool = False
    ppon: bool = False
    round_one: str | None = "ADMITTED"
    rejected_lots: tuple[str, ...] = ()
    round_two: str | None = None
    round_two_lots: tuple[str, ...] = ()
    suspended: bool = False
    selection_failed: bool = False


def _e(
    urn: str,
    name: str,
    type_code: EstablishmentType,
    grade: OfstedGrade | None,
    place: tuple[str, float, float],
    ages: tuple[int, int],
    needs: tuple[NeedCode, ...],
    lots: tuple[str, ...],
    day: int,
    residential: int = 0,
    genders: GendersAdmitted = GendersAdmitted.MIXED,
) -> EstablishmentDef:
    """Shorthand for an establishment definition."""
    postcode, lat, lon = place
    return EstablishmentDef(
        urn, name, type_code, grade, postcode, lat, lon, ages[0], ages[1], needs, lots, day, residential, genders
    )


PROVIDERS: tuple[ProviderDef, ...] = (
    ProviderDef(
        "Pennine Learning Trust",
        (
            _e(
                "143512",
                "Hollingworth Edge School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("OL16 1XU", 53.6150, -2.1550),
                (7, 16),
                (N.ASD, N.SLCN),
                ("L1",),
                64,
            ),
            _e(
                "138207",
                "Castleshaw House School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("OL12 0NB", 53.6240, -2.1620),
                (8, 18),
                (N.ASD, N.SEMH),
                ("L1", "L2", "L4"),
                30,
                16,
            ),
        ),
        charity=True,
        ppon=True,
    ),
    ProviderDef(
        "Mersey Valley Education Ltd",
        (
            _e(
                "145390",
                "Otterspool Bank School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("L16 9JD", 53.3910, -2.8910),
                (11, 19),
                (N.SEMH, N.MLD),
                ("L1", "L4"),
                72,
            ),
            _e(
                "147118",
                "Mersey Valley College",
                T.SPECIAL_POST_16,
                G.GOOD,
                ("L9 7AL", 53.4670, -2.9330),
                (16, 25),
                (N.MLD, N.ASD, N.SLD),
                ("L4",),
                90,
            ),
        ),
        ppon=True,
    ),
    ProviderDef(
        "Bowland Specialist Schools Ltd",
        (
            _e(
                "131964",
                "Bowland Fell School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("LA1 4YW", 54.0100, -2.7860),
                (9, 18),
                (N.ASD, N.SEMH, N.SLCN),
                ("L1", "L2", "L3"),
                20,
                28,
            ),
            _e(
                "140227",
                "Wyresdale House School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("PR2 9HT", 53.7900, -2.7030),
                (11, 17),
                (N.SEMH,),
                ("L1", "L3"),
                14,
                18,
                GendersAdmitted.BOYS,
            ),
        ),
    ),
    ProviderDef(
        "Weaver Vale Education Ltd",
        (
            _e(
                "144061",
                "Weaver Vale School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("CW1 2BJ", 53.0985, -2.4420),
                (5, 16),
                (N.ASD, N.SLD, N.SLCN),
                ("L1",),
                56,
            ),
            _e(
                "146733",
                "Gresty Brook School",
                T.INDEPENDENT_SPECIAL,
                G.REQUIRES_IMPROVEMENT,
                ("CW2 6EB", 53.0874, -2.4358),
                (11, 16),
                (N.SEMH,),
                ("L1",),
                40,
            ),
        ),
    ),
    ProviderDef(
        "Ribble Valley Children's Services Ltd",
        (
            _e(
                "136455",
                "Longridge Fold School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("PR1 6RU", 53.7720, -2.6880),
                (8, 16),
                (N.SEMH, N.ASD),
                ("L1", "L3"),
                12,
                20,
            ),
            _e(
                "142980",
                "Ribble Lodge School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("PR7 1PP", 53.6410, -2.6380),
                (10, 18),
                (N.SEMH, N.MLD),
                ("L1", "L4"),
                45,
            ),
        ),
    ),
    ProviderDef(
        "Eden Valley Schools Ltd",
        (
            _e(
                "133718",
                "Eden Mount School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("CA11 7QF", 54.6640, -2.7520),
                (8, 18),
                (N.ASD, N.SEMH),
                ("L1", "L2", "L3"),
                10,
                24,
            ),
            _e(
                "145822",
                "Solway View School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("CA2 7HY", 54.8950, -2.9580),
                (7, 16),
                (N.SEMH, N.SLCN),
                ("L1",),
                40,
            ),
        ),
    ),
    ProviderDef(
        "Lakeland Horizons Education Ltd",
        (
            _e(
                "129847",
                "Kentmere House School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("LA9 7RG", 54.3090, -2.7370),
                (10, 19),
                (N.ASD,),
                ("L2", "L3", "L5"),
                8,
                30,
            ),
            _e(
                "148305",
                "Lakeland Horizons College",
                T.SPECIAL_POST_16,
                G.GOOD,
                ("LA9 5AY", 54.3220, -2.7380),
                (16, 25),
                (N.ASD, N.MLD, N.SLD),
                ("L4", "L5"),
                40,
                20,
            ),
        ),
    ),
    ProviderDef(
        "Northern Pathways Care and Education Ltd",
        (
            _e(
                "141276",
                "Brindle Heath School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("M6 8HD", 53.4870, -2.3220),
                (11, 16),
                (N.SEMH,),
                ("L1",),
                50,
            ),
            _e(
                "143889",
                "Pathways House School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("M27 5DA", 53.5140, -2.3390),
                (8, 18),
                (N.SEMH, N.ASD),
                ("L1", "L3"),
                10,
                14,
            ),
            _e(
                "149012",
                "Northern Pathways College",
                T.SPECIAL_POST_16,
                G.GOOD,
                ("M5 4WT", 53.4860, -2.2730),
                (16, 25),
                (N.SEMH, N.ASD, N.MLD),
                ("L4",),
                60,
            ),
        ),
        ppon=True,
    ),
    ProviderDef(
        "Fylde Coast Specialist Education Ltd",
        (
            _e(
                "137640",
                "Marton Mere School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("FY3 8NR", 53.8210, -3.0140),
                (5, 16),
                (N.ASD, N.SLD, N.PMLD),
                ("L1",),
                45,
            ),
            _e(
                "146521",
                "Squires Gate College",
                T.SPECIAL_POST_16,
                G.GOOD,
                ("FY1 6JJ", 53.8050, -3.0480),
                (16, 25),
                (N.SLD, N.PMLD, N.PD),
                ("L4",),
                35,
            ),
        ),
    ),
    ProviderDef(
        "Irwell Bridge School Trust",
        (
            _e(
                "105972",
                "Irwell Bridge School",
                T.NON_MAINTAINED_SPECIAL,
                G.OUTSTANDING,
                ("BL9 7TD", 53.5930, -2.2690),
                (4, 19),
                (N.HI, N.SLCN, N.ASD),
                ("L1", "L2", "L4"),
                50,
                20,
            ),
        ),
        charity=True,
    ),
    ProviderDef(
        "Dee Estuary Learning Ltd",
        (
            _e(
                "139356",
                "Deva Grange School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("CH1 4BJ", 53.2003, -2.8985),
                (7, 16),
                (N.ASD, N.SLCN),
                ("L1",),
                48,
            ),
            _e(
                "144477",
                "Upton Heath School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("CH2 1UL", 53.2130, -2.8970),
                (10, 18),
                (N.SEMH, N.ASD),
                ("L1", "L3"),
                15,
                16,
            ),
        ),
    ),
    ProviderDef(
        "Saddleworth Futures Ltd",
        (
            _e(
                "147965",
                "Saddleworth Futures Learning Centre",
                T.INDEPENDENT,
                G.GOOD,
                ("OL1 2JH", 53.5560, -2.1230),
                (11, 16),
                (N.SEMH,),
                ("L6",),
                40,
            ),
        ),
    ),
    ProviderDef(
        "Calder Brook Education Ltd",
        (
            _e(
                "135128",
                "Calder Brook School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("BB10 2PQ", 53.8060, -2.2230),
                (7, 16),
                (N.SEMH, N.MLD),
                ("L1",),
                50,
            ),
            _e(
                "142314",
                "Cliviger House School",
                T.INDEPENDENT_SPECIAL,
                G.REQUIRES_IMPROVEMENT,
                ("BB11 2DY", 53.7890, -2.2440),
                (11, 18),
                (N.SEMH,),
                ("L1", "L3", "L4"),
                10,
                12,
                GendersAdmitted.BOYS,
            ),
        ),
        rejected_lots=("L4",),
    ),
    ProviderDef(
        "Wyre Estuary Schools Ltd",
        (
            _e(
                "140853",
                "Cartford Point School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("PR1 2HE", 53.7640, -2.7090),
                (6, 16),
                (N.ASD, N.SLCN, N.MLD),
                ("L1",),
                60,
            ),
            _e(
                "143170",
                "Ewood Lodge School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("BB2 4JF", 53.7290, -2.4890),
                (8, 18),
                (N.ASD, N.SEMH),
                ("L2", "L3"),
                6,
                18,
            ),
        ),
    ),
    ProviderDef(
        "Kerridge Hill Schools Ltd",
        (
            _e(
                "134592",
                "Kerridge Hill School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("SK10 3BL", 53.2622, -2.1461),
                (7, 18),
                (N.ASD, N.SLCN),
                ("L1", "L4"),
                55,
            ),
            _e(
                "141647",
                "Bollington Mill School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("SK11 7SP", 53.2432, -2.1271),
                (9, 18),
                (N.ASD, N.SEMH),
                ("L1", "L2", "L3"),
                12,
                22,
            ),
        ),
        ppon=True,
    ),
    ProviderDef(
        "Goyt Valley Education Ltd",
        (
            _e(
                "138841",
                "Goyt Valley School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("SK2 7JE", 53.3850, -2.1310),
                (5, 16),
                (N.SLD, N.PMLD, N.PD),
                ("L1",),
                40,
            ),
            _e(
                "148736",
                "Goyt Valley Learning Centre",
                T.INDEPENDENT,
                G.GOOD,
                ("SK1 3XE", 53.4050, -2.1580),
                (11, 16),
                (N.SEMH,),
                ("L6",),
                30,
            ),
        ),
    ),
    ProviderDef(
        "Tame Valley Learning Ltd",
        (
            _e(
                "145106",
                "Tame Valley School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("SK14 2SB", 53.4520, -2.0720),
                (8, 16),
                (N.SEMH, N.ASD),
                ("L1",),
                45,
            ),
        ),
    ),
    ProviderDef(
        "Beacon Fell Children's Services Ltd",
        (
            _e(
                "137259",
                "Beacon Fell School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("LA1 4RP", 54.0430, -2.8000),
                (10, 18),
                (N.SEMH,),
                ("L1", "L2", "L3"),
                8,
                20,
            ),
            _e(
                "140598",
                "Bleasdale Farm School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("L39 4QP", 53.5590, -2.8710),
                (11, 19),
                (N.ASD, N.SEMH),
                ("L3", "L5"),
                0,
                16,
            ),
        ),
    ),
    ProviderDef(
        "Rivington Moor Schools Ltd",
        (
            _e(
                "142763",
                "Rivington Moor School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("BL1 1RU", 53.5780, -2.4290),
                (7, 16),
                (N.ASD, N.SEMH),
                ("L1",),
                48,
            ),
            _e(
                "147452",
                "Winter Hill College",
                T.SPECIAL_POST_16,
                G.GOOD,
                ("BL3 5AB", 53.5730, -2.4380),
                (16, 25),
                (N.ASD, N.MLD),
                ("L4",),
                55,
            ),
        ),
    ),
    ProviderDef(
        "Hartshead Pike Education Ltd",
        (
            _e(
                "146094",
                "Hartshead Pike School",
                T.INDEPENDENT_SPECIAL,
                G.INADEQUATE,
                ("OL6 9RW", 53.4940, -2.0740),
                (8, 16),
                (N.SEMH,),
                ("L1",),
                40,
            ),
        ),
        suspended=True,
    ),
    ProviderDef(
        "Douglas Valley Education Ltd",
        (
            _e(
                "136982",
                "Douglas Valley School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("WN1 1YN", 53.5450, -2.6320),
                (5, 16),
                (N.ASD, N.MLD, N.SLCN),
                ("L1",),
                60,
            ),
            _e(
                "141905",
                "Standish Lodge School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("WN6 9EP", 53.5620, -2.6500),
                (9, 18),
                (N.SEMH, N.ASD),
                ("L1", "L2", "L3"),
                10,
                18,
            ),
            _e(
                "148119",
                "Douglas Valley College",
                T.SPECIAL_POST_16,
                G.OUTSTANDING,
                ("WN7 4JY", 53.4910, -2.5150),
                (16, 25),
                (N.ASD, N.SLD, N.MLD),
                ("L4", "L5"),
                50,
                14,
            ),
        ),
        rejected_lots=("L5",),
        round_two="SUBMITTED",
        round_two_lots=("L5",),
    ),
    ProviderDef(
        "Sankey Brook Learning Ltd",
        (
            _e(
                "139680",
                "Sankey Brook School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("WA5 1QG", 53.3921, -2.6103),
                (7, 16),
                (N.ASD, N.SEMH),
                ("L1",),
                50,
            ),
            _e(
                "146288",
                "Sankey Brook Sixth Form College",
                T.SPECIAL_POST_16,
                G.GOOD,
                ("WA1 1UH", 53.3905, -2.5975),
                (16, 25),
                (N.ASD, N.MLD),
                ("L4",),
                40,
            ),
        ),
    ),
    ProviderDef(
        "Bollin Valley Specialist Schools Ltd",
        (
            _e(
                "133054",
                "Bollin Valley School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("WA15 8AP", 53.3820, -2.3470),
                (5, 16),
                (N.ASD, N.SLCN),
                ("L1",),
                55,
            ),
            _e(
                "144815",
                "Carrington Moss School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("M32 0TH", 53.4560, -2.2870),
                (11, 18),
                (N.SEMH,),
                ("L1", "L4"),
                40,
            ),
        ),
    ),
    ProviderDef(
        "Dane Valley Education Trust",
        (
            _e(
                "106248",
                "Dane Valley School",
                T.NON_MAINTAINED_SPECIAL,
                G.OUTSTANDING,
                ("CW12 1BN", 53.1631, -2.2129),
                (5, 19),
                (N.PD, N.PMLD, N.MSI),
                ("L1", "L2", "L3", "L4", "L5"),
                40,
                30,
            ),
        ),
        charity=True,
        ppon=True,
    ),
    ProviderDef(
        "Wirral Peninsula Learning Trust",
        (
            _e(
                "105631",
                "Wirral Peninsula School",
                T.NON_MAINTAINED_SPECIAL,
                G.GOOD,
                ("CH63 4JY", 53.3240, -3.0180),
                (5, 19),
                (N.SLD, N.PMLD, N.OTH),
                ("L1", "L3", "L4"),
                40,
                20,
            ),
            _e(
                "147803",
                "Leasowe Shore College",
                T.SPECIAL_POST_16,
                G.GOOD,
                ("CH44 8ED", 53.4160, -3.0290),
                (16, 25),
                (N.SLD, N.PMLD, N.ASD),
                ("L4", "L5"),
                30,
                12,
            ),
        ),
        charity=True,
    ),
    ProviderDef(
        "Red Rose Alternative Education Ltd",
        (
            _e(
                "148452",
                "Red Rose Learning Centre",
                T.INDEPENDENT,
                G.GOOD,
                ("BB1 7DY", 53.7490, -2.4830),
                (11, 16),
                (N.SEMH,),
                ("L6",),
                35,
            ),
            _e(
                "149327",
                "Red Rose Accrington Centre",
                T.INDEPENDENT,
                G.REQUIRES_IMPROVEMENT,
                ("BB5 5BX", 53.7650, -2.3710),
                (11, 16),
                (N.SEMH,),
                ("L6",),
                25,
            ),
        ),
    ),
    ProviderDef(
        "Fresh Horizons Learning CIC",
        (
            _e(
                "147291",
                "Fresh Horizons Learning Centre",
                T.INDEPENDENT,
                G.GOOD,
                ("L14 5AB", 53.4200, -2.8980),
                (11, 16),
                (N.SEMH, N.MLD),
                ("L6",),
                30,
            ),
            _e(
                "149540",
                "Fresh Horizons Outreach St Helens",
                T.INDEPENDENT,
                None,
                ("WA10 1HP", 53.4530, -2.7350),
                (11, 16),
                (N.SEMH,),
                ("L7",),
                20,
            ),
        ),
    ),
    ProviderDef(
        "Next Steps Education CIC",
        (
            _e(
                "148007",
                "Next Steps Wigan",
                T.INDEPENDENT,
                G.GOOD,
                ("WN5 0UZ", 53.5480, -2.6540),
                (11, 16),
                (N.SEMH,),
                ("L6",),
                30,
            ),
            _e(
                "148628",
                "Next Steps Knowsley",
                T.INDEPENDENT,
                G.GOOD,
                ("L36 9YU", 53.4110, -2.8390),
                (11, 16),
                (N.SEMH, N.MLD),
                ("L6",),
                25,
            ),
        ),
    ),
    ProviderDef(
        "Medlock Valley Learning Ltd",
        (
            _e(
                "143324",
                "Medlock Vale School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("M13 9PL", 53.4670, -2.2340),
                (7, 16),
                (N.ASD, N.SEMH),
                ("L1",),
                60,
            ),
            _e(
                "145947",
                "Clayton Brook School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("M11 3FF", 53.4830, -2.2000),
                (11, 19),
                (N.ASD,),
                ("L1", "L4"),
                45,
            ),
        ),
        ppon=True,
    ),
    ProviderDef(
        "Etherow Country Education Ltd",
        (
            _e(
                "139012",
                "Etherow House School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("SK3 9DD", 53.4000, -2.1660),
                (9, 18),
                (N.SEMH, N.ASD),
                ("L1", "L2", "L3"),
                10,
                18,
            ),
        ),
    ),
    ProviderDef(
        "Open Door Outreach CIC",
        (
            _e(
                "149683",
                "Open Door Tuition Centre",
                T.INDEPENDENT,
                None,
                ("M8 5RB", 53.5160, -2.2250),
                (8, 16),
                (N.SEMH, N.ASD),
                ("L7",),
                25,
            ),
        ),
    ),
    ProviderDef(
        "Riverside Tuition Services Ltd",
        (
            _e(
                "149815",
                "Riverside Tuition Centre",
                T.INDEPENDENT,
                None,
                ("WA2 7NE", 53.3950, -2.5970),
                (8, 16),
                (N.SEMH,),
                ("L7",),
                20,
            ),
        ),
    ),
    ProviderDef(
        "Alt Valley Education Ltd",
        (
            _e(
                "138573",
                "Alt Valley School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("L35 5DR", 53.4180, -2.7830),
                (7, 16),
                (N.ASD, N.MLD),
                ("L1",),
                50,
            ),
            _e(
                "144290",
                "Croxteth Lodge School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("L4 4EL", 53.4390, -2.9660),
                (11, 18),
                (N.SEMH,),
                ("L1", "L4"),
                36,
                genders=GendersAdmitted.GIRLS,
            ),
        ),
    ),
    ProviderDef(
        "Sefton Coast Schools Ltd",
        (
            _e(
                "135861",
                "Sefton Coast School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("PR8 6PN", 53.6340, -2.9860),
                (5, 16),
                (N.ASD, N.SLCN),
                ("L1",),
                50,
            ),
            _e(
                "142049",
                "Hightown Dunes School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("L20 7AE", 53.4470, -2.9920),
                (10, 18),
                (N.ASD, N.SEMH),
                ("L1", "L2", "L3"),
                8,
                20,
            ),
        ),
    ),
    ProviderDef(
        "Solway Coast Learning Ltd",
        (
            _e(
                "146907",
                "Solway Coast School",
                T.INDEPENDENT_SPECIAL,
                G.REQUIRES_IMPROVEMENT,
                ("CA14 2DT", 54.6440, -3.5540),
                (8, 16),
                (N.SEMH,),
                ("L1",),
                30,
            ),
        ),
        round_one="REJECTED",
        selection_failed=True,
        round_two="SUBMITTED",
        round_two_lots=("L1",),
    ),
    ProviderDef(
        "Furness Bay Education Ltd",
        (
            _e(
                "147634",
                "Furness Bay School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("LA14 4LF", 54.1370, -3.2060),
                (7, 16),
                (N.ASD, N.SEMH),
                ("L1",),
                35,
            ),
        ),
        round_one="REJECTED",
        round_two="DRAFT",
        round_two_lots=("L1",),
    ),
    ProviderDef(
        "Helvellyn Outdoor Learning Ltd",
        (
            _e(
                "148891",
                "Helvellyn House School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("CA28 8JG", 54.5290, -3.5640),
                (10, 18),
                (N.SEMH,),
                ("L2", "L3"),
                6,
                14,
            ),
        ),
        round_one=None,
        round_two="SUBMITTED",
        round_two_lots=("L2", "L3"),
    ),
    ProviderDef(
        "Lune Valley Schools Ltd",
        (
            _e(
                "149164",
                "Lune Valley School",
                T.INDEPENDENT_SPECIAL,
                G.OUTSTANDING,
                ("LA3 3WP", 54.0620, -2.8690),
                (6, 16),
                (N.ASD, N.SLCN),
                ("L1",),
                45,
            ),
        ),
        round_one=None,
        round_two="SUBMITTED",
        round_two_lots=("L1",),
        ppon=True,
    ),
    ProviderDef(
        "Hodder Valley Children's Services Ltd",
        (
            _e(
                "148275",
                "Hodder Bank School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("BB2 3HH", 53.7350, -2.4630),
                (8, 18),
                (N.SEMH, N.ASD),
                ("L1", "L3"),
                10,
                12,
            ),
        ),
        round_one=None,
        round_two="SUBMITTED",
        round_two_lots=("L1", "L3"),
    ),
    ProviderDef(
        "Pendle Hill Specialist Education Ltd",
        (
            _e(
                "149436",
                "Pendle Hill College",
                T.SPECIAL_POST_16,
                G.GOOD,
                ("BB10 4BX", 53.7890, -2.2300),
                (16, 25),
                (N.ASD, N.MLD),
                ("L4",),
                40,
            ),
        ),
        round_one=None,
        round_two="DRAFT",
        round_two_lots=("L4",),
    ),
    ProviderDef(
        "Arrowe Brook Education Ltd",
        (
            _e(
                "149058",
                "Arrowe Brook School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("CH49 5PE", 53.3710, -3.0980),
                (5, 16),
                (N.SLD, N.ASD),
                ("L1",),
                40,
            ),
        ),
        round_one=None,
        round_two="DRAFT",
        round_two_lots=("L1",),
    ),
    ProviderDef(
        "Borrowdale Care and Education Ltd",
        (
            _e(
                "148544",
                "Borrowdale House School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("CA1 2HH", 54.8900, -2.9300),
                (9, 18),
                (N.SEMH,),
                ("L2", "L3"),
                6,
                12,
            ),
        ),
        round_one=None,
    ),
    ProviderDef(
        "Daresbury Fields Education Ltd",
        (
            _e(
                "149271",
                "Daresbury Fields School",
                T.INDEPENDENT_SPECIAL,
                G.GOOD,
                ("WA7 2DA", 53.3270, -2.6980),
                (7, 16),
                (N.ASD, N.SEMH),
                ("L1",),
                40,
            ),
        ),
        round_one=None,
    ),
    ProviderDef(
        "Moorside Learning Trust",
        (
            _e(
                "147376",
                "Moorside Grange School",
                T.INDEPENDENT_SPECIAL,
                G.REQUIRES_IMPROVEMENT,
                ("WA8 7QF", 53.3630, -2.7310),
                (11, 16),
                (N.SEMH,),
                ("L1",),
                30,
            ),
        ),
        charity=True,
        round_one=None,
    ),
)

# --------------------------------------------------------------------------
# Referral text
# --------------------------------------------------------------------------

NEED_SUMMARIES: dict[NeedCode, tuple[str, ...]] = {
    N.ASD: (
        "Autistic {who} with high anxiety around change; needs a low-arousal environment, "
        "a predictable timetable and visual supports.",
        "Autistic {who} who communicates mainly through a speech-generating device and "
        "needs sensory regulation breaks through the day.",
        "Autistic {who} with demand-avoidant presentation; needs a highly flexible, "
        "relationship-based approach and small group teaching.",
    ),
    N.SEMH: (
        "{Who} with significant social, emotional and mental health needs following "
        "early trauma; needs a therapeutic setting with consistent adults.",
        "{Who} with a history of dysregulated behaviour and several suspensions; needs a "
        "nurturing environment and a positive behaviour support plan.",
        "{Who} experiencing emotionally based school avoidance; needs a gradual "
        "reintegration timetable and mental health support.",
    ),
    N.SLD: (
        "{Who} with severe learning difficulties working at pre-formal levels; needs a "
        "sensory curriculum and support with personal care.",
        "{Who} with severe learning difficulties and limited verbal communication; uses Makaton and symbols.",
    ),
    N.PMLD: (
        "{Who} with profound and multiple learning difficulties and complex health needs; "
        "needs nursing oversight, postural management and hoisting.",
    ),
    N.SLCN: (
        "{Who} with a severe developmental language disorder; needs daily speech and "
        "language therapy integrated into lessons.",
    ),
    N.MLD: (
        "{Who} with moderate learning difficulties working well below age-related "
        "expectations; needs small classes and a practical, life-skills curriculum.",
    ),
    N.HI: (
        "{Who} who is profoundly deaf and uses British Sign Language; needs a signing "
        "environment and a teacher of the deaf.",
    ),
    N.PD: (
        "{Who} with cerebral palsy who uses a powered wheelchair; needs physiotherapy, "
        "occupational therapy and an accessible site.",
    ),
    N.MSI: ("{Who} with multi-sensory impairment; needs an intervenor and a tactile approach to communication.",),
    N.OTH: ("{Who} with complex epilepsy needing rescue medication and nursing cover on site.",),
}

SECONDARY_NEEDS: dict[NeedCode, tuple[NeedCode, ...]] = {
    N.ASD: (N.SLCN, N.SEMH, N.MLD, N.SLD),
    N.SEMH: (N.ASD, N.SLCN, N.MLD, N.SPLD),
    N.SLD: (N.ASD, N.PD, N.SLCN),
    N.PMLD: (N.PD, N.VI, N.HI),
    N.SLCN: (N.ASD, N.MLD, N.SEMH),
    N.MLD: (N.SLCN, N.SEMH, N.SPLD),
    N.HI: (N.SLCN, N.ASD),
    N.PD: (N.SLCN, N.VI, N.MLD),
    N.MSI: (N.PD, N.SLD),
    N.OTH: (N.SLD, N.PD),
}

REFERRAL_CONTEXTS: tuple[str, ...] = (
    "Current placement is no longer able to meet needs as set out at the last annual review.",
    "Transferring at the end of Key Stage 2; no suitable maintained place is available.",
    "Currently out of education after a placement breakdown and receiving home tuition.",
    "Family have moved into the area; the plan has been transferred from another authority.",
    "The tribunal has named an independent specialist setting as the type of provision.",
    "Needs have escalated and the plan has been amended following an emergency review.",
)

TERMINATION_REASONS: tuple[str, ...] = (
    "Placement broke down: the provider served notice after a risk assessment concluded it could "
    "no longer meet the young person's needs safely.",
    "The young person moved out of the region and the plan transferred to the new authority.",
    "Needs escalated and an emergency annual review agreed a move to a more specialist setting.",
    "The authority ended the placement by agreement after the family's appeal named a different setting.",
)

OFFER_WITHDRAWAL_REASONS: tuple[str, ...] = (
    "Our last place for this age group has been taken by a placement agreed with another authority, so we "
    "no longer have a vacancy to offer from the start date.",
    "Having read the full referral, the level of one-to-one support needed through the day is beyond our "
    "current staffing; we would rather withdraw now than offer a place we could not sustain.",
    "Our new teaching block is delayed until the spring term, so we cannot start by the date the referral asks for.",
)
"""Why a provider withdrew an offer, in its own words (no child's details: the council is e-mailed them)."""

SUSPENSION_TERMINATION_REASON = (
    "The authority ended the placement after an inadequate Ofsted judgement at the school, "
    "following a safeguarding review; the child moved to another member's provision."
)

TERMINATION_ENDINGS: dict[str, EndingReason] = {
    TERMINATION_REASONS[0]: EndingReason.PLACEMENT_BREAKDOWN,
    TERMINATION_REASONS[1]: EndingReason.MOVED_AWAY,
    TERMINATION_REASONS[2]: EndingReason.NEEDS_CHANGED,
    TERMINATION_REASONS[3]: EndingReason.FAMILY_CHOICE,
    SUSPENSION_TERMINATION_REASON: EndingReason.INSPECTION,
}
"""Why each demo termination ended the placement, as it is recorded: every one of them unplanned."""

NOTICE_REASON = (
    "The provider gave a term's notice: the young person's sensory needs have grown beyond what the school's "
    "setting can meet, as the last review recorded."
)

QUERY_COMMENTS: tuple[str, ...] = (
    "The attendance figure does not match the register summary we hold; please check and resubmit.",
    "Please add evidence for the progress rating against the communication outcome.",
    "The incident count looks high compared with last term; please explain the context.",
    "Therapy delivery is below the level in section F; please set out the plan to catch up.",
)

NEEDS_CHANGE_NOTES: tuple[str, ...] = (
    "Additional 1:1 support agreed at the annual review to manage escalating sensory needs.",
    "Increased staffing ratio agreed after an emergency review following repeated incidents.",
    "Extra speech and language therapy added to section F at the annual review.",
    "Nursing oversight added after a new diagnosis of epilepsy.",
)

PROVISION_CHANGE_NOTE = "Additional staffing reduced after a successful review of the positive behaviour support plan."

THERAPY_REDUCTION_NOTE = "Therapy input reduced at the annual review: the communication targets in section F were met."


# Evaluators assigned to every round; the seeded evaluations name them.
EVALUATORS: tuple[str, ...] = tuple(f"evaluator-{n}" for n in range(1, 7))
