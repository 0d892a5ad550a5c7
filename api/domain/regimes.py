"""The legal regime a purchasing system runs under, as one policy object per regime.

A purchasing system's ``regime`` selects a :class:`RegimePolicy` (:func:`policy_of`); the domain asks the policy
for every rule that differs between regimes, and nothing else reads ``regime``:

- **PCR 2015, light-touch regime** (``PCR2015_LIGHT_TOUCH``): the flexible purchasing system as it always was.
  Admission in rounds or continuous, as the lead authority chose; no standstill on call-offs; no notices sent
  to Find a Tender from here.
- **Procurement Act 2023 dynamic market** (``PA2023_DYNAMIC_MARKET``, ss.34-40): admission at any time
  (continuous, never rounds); each application decided within the market's decision period (30 days unless
  set); the conditions of membership (its lots and its specification) fixed once the market is established;
  applicants and members checked against the debarment list and the lead authority's excluded-supplier list
  (an excluded member is removed); no cap on membership; dynamic market notices (UK13-UK16).
- **Procurement Act 2023 open framework** (``PA2023_OPEN_FRAMEWORK``, s.49): admission only at the reopening
  points it sets, the first no later than 3 years after it starts and then at least every 5 years, over a
  term of at most 8 years; excluded suppliers are checked as in a dynamic market.

Under either Act regime a call-off awarded after a competition among members, or directly on a Schedule 5
ground, has a standstill of 8 working days (s.51) from the award decision before it is entered into, and its
notices (UK4, UK5, UK6, UK7, UK10, UK11) are generated as it happens (:mod:`api.domain.notices`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from api.domain import working_days
from api.domain.errors import ConditionsFixed, InvalidTransition, Problems, ValidationError
from api.domain.review_clock import add_months
from db.enums import AdmissionMode, DirectAwardGround, NoticeType, Regime


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus ``years`` (29 February to 28 February)."""
    return add_months(day, 12 * years)


LEGAL_BASIS_PA2023 = {"scheme": "UKPGA", "id": "2023/54"}
"""How Find a Tender names the Procurement Act 2023 in a notice's ``tender.legalBasis``."""


class _System(Protocol):
    regime: Regime
    admission_mode: AdmissionMode
    term_start: dt.date
    term_end: dt.date
    activated_at: dt.datetime | None
    reopening_dates: list[str] | None


@dataclass(frozen=True)
class RegimePolicy:
    """What one legal regime asks of a purchasing system and of the contracts called off it."""

    regime: Regime
    procurement_method_details: str
    arrangement: str
    """What the regime calls the arrangement: a flexible purchasing system, a dynamic market, an open framework."""
    admission_modes: tuple[AdmissionMode, ...]
    """The admission modes the regime allows; the first is the one it takes when none is chosen."""
    default_decision_period_days: int
    """Days to decide an application for admission, unless the system sets its own."""
    conditions_fixed_once_live: bool
    """Whether lots and the specification (the conditions of membership) are fixed once the system is live."""
    checks_exclusions: bool
    """Whether applicants, members and awarded suppliers are checked against the debarment and excluded lists."""
    reopens: bool
    """Whether admission happens only at reopening points the system sets (an open framework)."""
    max_term_years: int | None
    first_reopening_within_years: int | None
    reopening_every_years: int | None
    standstill_working_days: int
    """Working days of standstill between a call-off's award decision and entering into it (0: none)."""
    publishes_notices: bool
    """Whether the regime's notices are generated and sent to Find a Tender."""
    market_notices: bool
    """Whether the system itself has dynamic market notices (intended, established, modified, ceased)."""
    contract_change_threshold_percent: int | None = None
    """A fee amendment changing a call-off's annual cost by at least this much needs a contract change notice."""

    @property
    def title(self) -> str:
        """The regime's name, as the public OCDS publication gives it (``procurementMethodDetails``)."""
        return self.regime.description

    @property
    def legal_basis(self) -> dict[str, str] | None:
        """The legal basis a notice names, where the regime publishes notices."""
        return dict(LEGAL_BASIS_PA2023) if self.publishes_notices else None

    def techniques(self) -> dict[str, object]:
        """The OCDS ``tender.techniques`` of a live system: an open framework, or a dynamic purchasing system."""
        if self.reopens:
            return {"hasFrameworkAgreement": True, "frameworkAgreement": {"isOpenFrameworkScheme": True}}
        return {"hasDynamicPurchasingSystem": True, "dynamicPurchasingSystem": {"type": "closed", "status": "active"}}

    # -- setting up -----------------------------------------------------------------------------

    def admission_mode(self, chosen: AdmissionMode | None) -> AdmissionMode:
        """The admission mode a new system takes: ``chosen`` if the regime allows it, else a ValidationError."""
        if chosen is None:
            return self.admission_modes[0]
        if chosen not in self.admission_modes:
            allowed = " or ".join(mode.value for mode in self.admission_modes)
            raise ValidationError(
                f"Under {self.procurement_method_details} admission is {allowed}, not {chosen.value}",
                field="input.admissionMode",
            )
        return chosen

    def check_term(
        self, problems: Problems, *, term_start: dt.date, term_end: dt.date, reopening_dates: Sequence[dt.date]
    ) -> list[dt.date] | None:
        """The reopening dates a new system keeps (sorted), adding to ``problems`` what the regime refuses."""
        if self.max_term_years is not None and term_end >= add_years(term_start, self.max_term_years):
            last = add_years(term_start, self.max_term_years) - dt.timedelta(days=1)
            problems.add(
                f"An open framework lasts at most {self.max_term_years} years: end the term by {last.isoformat()}",
                field="input.termEnd",
            )
        if not self.reopens:
            if reopening_dates:
                problems.add("Only an open framework has reopening dates", field="input.reopeningDates")
            return None
        dates = sorted(set(reopening_dates))
        if not dates:
            problems.add(
                f"Give the reopening dates: the first within {self.first_reopening_within_years} years of the start",
                field="input.reopeningDates",
            )
            return dates
        assert self.first_reopening_within_years is not None and self.reopening_every_years is not None
        if dates[0] <= term_start or dates[-1] >= term_end:
            problems.add("Each reopening date falls within the term, after its start", field="input.reopeningDates")
        elif dates[0] > add_years(term_start, self.first_reopening_within_years):
            problems.add(
                f"The first reopening is no later than {self.first_reopening_within_years} years after the start: "
                f"by {add_years(term_start, self.first_reopening_within_years).isoformat()}",
                field="input.reopeningDates",
            )
        else:
            for before, after in zip(dates, [*dates[1:], term_end], strict=True):
                if after > add_years(before, self.reopening_every_years):
                    problems.add(
                        f"After the reopening of {before.isoformat()} the framework reopens within "
                        f"{self.reopening_every_years} years, or ends",
                        field="input.reopeningDates",
                    )
                    break
        return dates

    # -- while it runs --------------------------------------------------------------------------

    def ensure_conditions_open(self, system: _System, what: str, *, field: str | None = None) -> None:
        """Refuse a change to the conditions of membership once they are fixed (a live dynamic market)."""
        if self.conditions_fixed_once_live and system.activated_at is not None:
            raise ConditionsFixed(
                f"The conditions of membership of a dynamic market are fixed once it is established: {what} "
                "cannot change (Procurement Act 2023, s.35). Set up a new market to change them",
                field=field,
            )

    def ensure_round_allowed(self, system: _System, opens_on: dt.date, *, field: str = "input.opensAt") -> None:
        """Refuse an application round the regime does not allow on this date."""
        if system.admission_mode is AdmissionMode.CONTINUOUS:
            return
        if not self.reopens or system.activated_at is None:
            return  # before an open framework starts, its first round admits its first members
        allowed = [dt.date.fromisoformat(day) for day in system.reopening_dates or ()]
        if opens_on not in allowed:
            listed = ", ".join(day.isoformat() for day in allowed) or "none"
            raise InvalidTransition(
                f"An open framework admits new members only at its reopening dates ({listed}); a round must open "
                "on one of them",
                field=field,
            )

    def standstill_ends_at(self, decided_at: dt.datetime) -> dt.datetime | None:
        """When a call-off awarded at ``decided_at`` may be entered into; None where there is no standstill."""
        if not self.standstill_working_days:
            return None
        return working_days.end_of_working_days(decided_at, self.standstill_working_days)

    def opening_notice(self, *, direct: bool) -> NoticeType | None:
        """The notice a call-off's process opens with: a tender notice (competition) or a transparency notice."""
        if not self.publishes_notices:
            return None
        return NoticeType.TRANSPARENCY if direct else NoticeType.TENDER

    def direct_award_ground(
        self, ground: DirectAwardGround | None, *, direct: bool, field: str = "input.directAwardGround"
    ) -> DirectAwardGround | None:
        """The Schedule 5 ground a direct award is recorded with: required under the Act, never for a competition."""
        if not direct:
            if ground is not None:
                raise ValidationError("Only a direct award has a direct award ground", field=field)
            return None
        if not self.publishes_notices:
            if ground is not None:
                raise ValidationError(
                    f"A Schedule 5 ground is given only under the Procurement Act 2023, not under {self.title}",
                    field=field,
                )
            return None
        if ground is None and self.publishes_notices:
            raise ValidationError(
                "Give the ground of Schedule 5 to the Procurement Act 2023 this placement is awarded directly on",
                field=field,
            )
        return ground

    def market_notice(self, event: NoticeType) -> NoticeType | None:
        """``event`` (a dynamic market notice) if the system gives market notices, else None."""
        return event if self.market_notices else None

    def change_needs_notice(self, before_pence: int, after_pence: int) -> bool:
        """Whether a change of annual cost from ``before_pence`` to ``after_pence`` needs a contract change notice."""
        if self.contract_change_threshold_percent is None or not self.publishes_notices:
            return False
        if before_pence == 0:
            return after_pence != 0
        return abs(after_pence - before_pence) * 100 >= self.contract_change_threshold_percent * before_pence


PCR2015 = RegimePolicy(
    regime=Regime.PCR2015_LIGHT_TOUCH,
    procurement_method_details="the Public Contracts Regulations 2015 (light-touch regime)",
    arrangement="flexible purchasing system",
    admission_modes=(AdmissionMode.ROUNDS, AdmissionMode.CONTINUOUS),
    default_decision_period_days=10,
    conditions_fixed_once_live=False,
    checks_exclusions=False,
    reopens=False,
    max_term_years=None,
    first_reopening_within_years=None,
    reopening_every_years=None,
    standstill_working_days=0,
    publishes_notices=False,
    market_notices=False,
)
DYNAMIC_MARKET = RegimePolicy(
    regime=Regime.PA2023_DYNAMIC_MARKET,
    procurement_method_details="a dynamic market under the Procurement Act 2023",
    arrangement="dynamic market",
    admission_modes=(AdmissionMode.CONTINUOUS,),
    default_decision_period_days=30,
    conditions_fixed_once_live=True,
    checks_exclusions=True,
    reopens=False,
    max_term_years=None,
    first_reopening_within_years=None,
    reopening_every_years=None,
    standstill_working_days=8,
    publishes_notices=True,
    market_notices=True,
    contract_change_threshold_percent=10,
)
OPEN_FRAMEWORK = RegimePolicy(
    regime=Regime.PA2023_OPEN_FRAMEWORK,
    procurement_method_details="an open framework under the Procurement Act 2023",
    arrangement="open framework",
    admission_modes=(AdmissionMode.ROUNDS,),
    default_decision_period_days=30,
    conditions_fixed_once_live=False,
    checks_exclusions=True,
    reopens=True,
    max_term_years=8,
    first_reopening_within_years=3,
    reopening_every_years=5,
    standstill_working_days=8,
    publishes_notices=True,
    market_notices=False,
    contract_change_threshold_percent=10,
)
POLICIES: dict[Regime, RegimePolicy] = {p.regime: p for p in (PCR2015, DYNAMIC_MARKET, OPEN_FRAMEWORK)}


def policy(regime: Regime) -> RegimePolicy:
    """The policy of ``regime``."""
    return POLICIES[regime]


def policy_of(system: _System) -> RegimePolicy:
    """The policy of the regime ``system`` runs under."""
    return POLICIES[system.regime]
