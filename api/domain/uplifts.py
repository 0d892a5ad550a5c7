"""Fee-uplift requests: a provider asks, the authorities decide, and an agreed uplift becomes fee amendments.

- **Asking.** A provider asks for an uplift at one of its establishments on a lot: for each cost element a
  percentage (at most :data:`api.domain.fees.MAX_ANNUAL_UPLIFT_PERCENT`, the bound of an annual uplift) or a
  new weekly fee per place (never below an affected placement's fee, which would be a reduction, not an
  uplift, nor beyond that bound above it), from an effective date at least the purchasing system's notice
  after the request (84 days, one term, unless the system sets another), with its reasons; evidence
  documents attach to the request. It covers every placement of the provider at that establishment on that
  lot that runs on the effective date, or only the call-offs it names. Every authority with an affected
  placement is told.
- **Deciding.** The lead authority may decide for the region, once, while no authority has decided: its
  decision applies to every affected call-off of every authority. Otherwise each authority with an affected
  placement decides for its own: accept, accept in part (a smaller uplift) or refuse with a reason.
- **Applying.** A decision that accepts, in full or in part, amends the fees of each of its call-offs from the
  effective date, reason ``ANNUAL_UPLIFT``: each element's new fee, or its weekly fee × (1 + percent/100),
  rounded half-up to the penny. All of them in the decision's one transaction, each audited, the provider
  told. A call-off that can no longer take the amendment (ended by then, or with a later amendment or split)
  refuses the whole decision, naming it.
- **Who sees.** The provider its own requests; the buying side (every authority's people, the lead
  authority, auditors) every request and every decision, so that each authority sees how the others decided
  on the same establishment. Decisions say percentages, never another provider's prices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, calloffs, notifications
from api.domain.errors import Forbidden, InvalidTransition, NotFound, Problems, ValidationError
from api.domain.fees import (
    INPUT_NAMES,
    MAX_ANNUAL_UPLIFT_PERCENT,
    MAX_WEEKLY_FEE_PENCE,
    WeeklyFees,
    check_amendment_reason,
    pounds,
)
from api.domain.notification_kinds import Kind, global_id
from api.domain.queries import rows_by_id
from api.domain.rounds import clean_text
from api.domain.versions import expect_version
from db import models as m
from db.enums import AmendmentReason, CostElement, UpliftOutcome
from db.fees import FEE_ELEMENTS
from db.models.uplift import percent_column_name, rate_column_name

MAX_REASONS = 4000
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Uplift:
    """An uplift per cost element: a new weekly fee per place where one is given, else a percentage (0: none)."""

    percents: Mapping[CostElement, Decimal]
    rates: Mapping[CostElement, int | None]

    @classmethod
    def of(cls, row: object) -> Uplift:
        return cls(
            {e: Decimal(getattr(row, percent_column_name(e))) for e in FEE_ELEMENTS},
            {e: getattr(row, rate_column_name(e)) for e in FEE_ELEMENTS},
        )

    @classmethod
    def none(cls) -> Uplift:
        return cls(dict.fromkeys(FEE_ELEMENTS, Decimal(0)), dict.fromkeys(FEE_ELEMENTS))

    def percent(self, element: CostElement) -> Decimal:
        return self.percents.get(element, Decimal(0))

    def rate(self, element: CostElement) -> int | None:
        return self.rates.get(element)

    def columns(self) -> dict[str, object]:
        return {
            **{percent_column_name(e): self.percent(e) for e in FEE_ELEMENTS},
            **{rate_column_name(e): self.rate(e) for e in FEE_ELEMENTS},
        }

    def applied(self, fees: WeeklyFees) -> WeeklyFees:
        """The fees after the uplift: each element's new fee, or × (1 + percent/100) rounded half-up to the penny."""
        after = {}
        for element, pence in fees.by_element.items():
            rate = self.rate(element)
            if rate is not None:
                after[element] = rate
            else:
                grown = Decimal(pence) * (HUNDRED + self.percent(element)) / HUNDRED
                after[element] = int(grown.quantize(Decimal(1), ROUND_HALF_UP))
        return WeeklyFees(after)

    def words(self) -> str:
        """E.g. ``education 4.5%, care £1,050.00 a week``."""
        parts = []
        for e in FEE_ELEMENTS:
            rate = self.rate(e)
            if rate is not None:
                parts.append(f"{INPUT_NAMES[e]} {pounds(rate)} a week")
            elif self.percent(e):
                parts.append(f"{INPUT_NAMES[e]} {self.percent(e)}%")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {
            INPUT_NAMES[e]: (self.rate(e) if self.rate(e) is not None else str(self.percent(e))) for e in FEE_ELEMENTS
        }


def _check_uplift(problems: Problems, uplift: Uplift, *, field: str) -> None:
    """Each element a percentage within an annual uplift's bound, or a new weekly fee, not both; one at least."""
    for element in FEE_ELEMENTS:
        name = INPUT_NAMES[element]
        value, rate = uplift.percent(element), uplift.rate(element)
        if rate is not None:
            if value:
                problems.add("Give a percentage or a new weekly fee, not both", field=f"{field}.newRates.{name}")
            elif not 0 <= rate <= MAX_WEEKLY_FEE_PENCE:
                problems.add(
                    f"A weekly fee is from 0 to {MAX_WEEKLY_FEE_PENCE:,} pence", field=f"{field}.newRates.{name}"
                )
            continue
        path = f"{field}.uplift.{name}"
        if value < 0:
            problems.add("An uplift raises fees: a reduction of a fee is a change of needs or provision", field=path)
        elif value > MAX_ANNUAL_UPLIFT_PERCENT:
            problems.add(f"An annual uplift is at most {MAX_ANNUAL_UPLIFT_PERCENT}%", field=path)
        elif value != value.quantize(Decimal("0.01")):
            problems.add("Give a percentage to at most 2 decimal places", field=path)
    if all(not uplift.percent(e) and uplift.rate(e) is None for e in FEE_ELEMENTS):
        problems.add("Give the uplift of at least one element", field=f"{field}.uplift")


def _check_fits(problems: Problems, uplift: Uplift, call_offs: Sequence[m.CallOff], *, field: str) -> None:
    """Refuse an uplift that would lower, or raise beyond an annual uplift's bound, any placement's fees."""
    for call_off in call_offs:
        fees = WeeklyFees.of(call_off)
        after = uplift.applied(fees)
        if after.columns() == fees.columns():
            continue
        for _path, message in check_amendment_reason(AmendmentReason.ANNUAL_UPLIFT, fees, after, field=field):
            problems.add(f"For placement {call_off.reference}: {message}", field=field)


# -- asking ---------------------------------------------------------------------------------------


async def affected_call_offs(session: AsyncSession, request: m.UpliftRequest) -> list[m.CallOff]:
    """The call-offs a request covers: those it names, or the provider's placements at its establishment on its
    lot running on its effective date; never one terminated."""
    return (await affected_by_request(session, [request.id])).get(request.id, [])


async def affected_by_request(session: AsyncSession, request_ids: Sequence[int]) -> dict[int, list[m.CallOff]]:
    """:func:`affected_call_offs` of many requests, in two queries, each list in authority and call-off order."""
    r, c, n = m.UpliftRequest, m.CallOff, m.UpliftRequestCallOff
    found: dict[int, list[m.CallOff]] = {}
    if not request_ids:
        return found
    by_rule = (
        select(r.id, c)
        .join(
            c,
            and_(
                c.provider_id == r.provider_id,
                c.establishment_id == r.establishment_id,
                c.lot_id == r.lot_id,
                c.start_date <= r.effective_from,
                or_(c.end_date.is_(None), c.end_date >= r.effective_from),
            ),
        )
        .where(r.id.in_(list(request_ids)), ~exists().where(n.request_id == r.id), c.terminated_at.is_(None))
    )
    by_name = (
        select(n.request_id, c)
        .join(c, c.id == n.call_off_id)
        .where(n.request_id.in_(list(request_ids)), c.terminated_at.is_(None))
    )
    for stmt in (by_rule, by_name):
        for request_id, call_off in (await session.execute(stmt)).all():
            found.setdefault(request_id, []).append(call_off)
    for rows in found.values():
        rows.sort(key=lambda row: (row.authority_id, row.id))
    return found


async def request_uplift(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    establishment_id: int,
    lot_id: int,
    effective_from: dt.date,
    uplift: Uplift,
    reasons: str,
    call_off_ids: Sequence[int] = (),
) -> m.UpliftRequest:
    """A provider's request; see the module."""
    if not actor.has_role(Role.PROVIDER_USER) or actor.provider_id is None:
        raise Forbidden("Only a provider asks for an uplift of its fees")
    establishment = (
        await rows_by_id(session, actor=actor, now=now, model=m.Establishment, ids=[establishment_id])
    ).get(establishment_id)
    if establishment is None or establishment.provider_id != actor.provider_id:
        raise NotFound("No establishment of your organisation has this ID", field="input.establishment")
    lot = (await rows_by_id(session, actor=actor, now=now, model=m.Lot, ids=[lot_id])).get(lot_id)
    if lot is None:
        raise NotFound("No lot has this ID", field="input.lot")
    system = await session.get(m.PurchasingSystem, lot.system_id)
    assert system is not None
    problems = Problems()
    _check_uplift(problems, uplift, field="input")
    earliest = now.date() + dt.timedelta(days=system.uplift_notice_days)
    if effective_from < earliest:
        problems.add(
            f"The purchasing system asks {system.uplift_notice_days} days' notice of an uplift: the earliest "
            f"effective date is {earliest.isoformat()}",
            field="input.effectiveFrom",
        )
    cleaned = problems.check(clean_text, reasons, field="input.reasons", label="reasons", max_length=MAX_REASONS)
    named = list(dict.fromkeys(call_off_ids))
    if named:
        found = await rows_by_id(session, actor=actor, now=now, model=m.CallOff, ids=named)
        for i, cid in enumerate(call_off_ids):
            row = found.get(cid)
            if row is None or row.establishment_id != establishment_id or row.lot_id != lot_id:
                problems.add("Name your placements at this establishment on this lot", field=f"input.callOffs[{i}]")
    problems.settle()
    request = m.UpliftRequest(
        provider_id=actor.provider_id,
        establishment_id=establishment_id,
        lot_id=lot_id,
        effective_from=effective_from,
        reasons=cleaned,
        submitted_at=now,
        submitted_by=actor.reference,
        **uplift.columns(),
    )
    session.add(request)
    await session.flush()
    session.add_all(m.UpliftRequestCallOff(request_id=request.id, call_off_id=cid) for cid in named)
    await session.flush()
    affected = await affected_call_offs(session, request)
    if not affected:
        raise ValidationError(
            "None of your placements would be uplifted: none at this establishment on this lot runs on that date",
            field="input.effectiveFrom",
        )
    problems = Problems()
    _check_fits(problems, uplift, affected, field="input.newRates")
    problems.settle()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="uplift.requested",
        entity_type="UpliftRequest",
        entity_id=request.id,
        diff={"before": None, "after": _request_snapshot(request, affected)},
    )
    await notifications.notify(
        session,
        now=now,
        kind=Kind.UPLIFT_REQUESTED,
        to=[notifications.To.authority(a) for a in sorted({c.authority_id for c in affected})],
        subject_type="UpliftRequest",
        subject_id=request.id,
        payload={
            "establishment": establishment.name,
            "lot": lot.code,
            "effectiveFrom": effective_from.isoformat(),
            "requestId": global_id("UpliftRequest", request.id),
        },
    )
    return request


def _request_snapshot(request: m.UpliftRequest, affected: Sequence[m.CallOff]) -> dict[str, object]:
    return {
        "establishment": request.establishment_id,
        "lot": request.lot_id,
        "effectiveFrom": request.effective_from.isoformat(),
        "uplift": Uplift.of(request).as_dict(),
        "callOffs": [c.id for c in affected],
    }


# -- deciding -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    outcome: UpliftOutcome
    uplift: Uplift | None
    reason: str | None


async def decide_uplift(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    request_id: int,
    version: int | None,
    regional: bool,
    decision: Decision,
) -> m.UpliftDecision:
    """An authority's decision for its own placements, or (``regional``) the lead authority's for every one."""
    request = (await rows_by_id(session, actor=actor, now=now, model=m.UpliftRequest, ids=[request_id])).get(request_id)
    if request is None:
        raise NotFound("No uplift request you may see has this ID", field="input.request")
    if regional:
        if not actor.has_role(Role.LEAD_ADMIN):
            raise Forbidden("Only the lead authority decides for the region", field="input.regional")
        authority_id = None
    else:
        if not actor.has_role(Role.AUTHORITY_COMMISSIONER) or actor.authority_id is None:
            raise Forbidden("An authority's commissioners decide for its placements", field="input.request")
        authority_id = actor.authority_id
    expect_version(request, version)
    request.updated_at = now  # the request's version moves: two deciding at once, one is stale
    await session.flush()
    d = m.UpliftDecision
    earlier = list(await session.scalars(select(d).where(d.request_id == request.id)))
    if any(e.authority_id is None for e in earlier):
        raise InvalidTransition("The lead authority has decided this for the region", field="input.request")
    if regional and earlier:
        raise InvalidTransition("Authorities have already decided for their own placements", field="input.regional")
    if any(e.authority_id == authority_id for e in earlier):
        raise InvalidTransition("Your authority has decided this already", field="input.request")
    affected = [c for c in await affected_call_offs(session, request) if regional or c.authority_id == authority_id]
    if not affected:
        raise Forbidden("None of your authority's placements is affected by this request", field="input.request")
    agreed, reason = _decided(request, decision, affected)
    row = m.UpliftDecision(
        request_id=request.id,
        authority_id=authority_id,
        outcome=decision.outcome,
        reason=reason,
        decided_at=now,
        decided_by=actor.reference,
        **agreed.columns(),
    )
    session.add(row)
    await session.flush()
    if decision.outcome is not UpliftOutcome.REFUSED:
        row.amended = await _apply(session, actor=actor, now=now, request=request, call_offs=affected, uplift=agreed)
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="uplift.decided",
        entity_type="UpliftRequest",
        entity_id=request.id,
        diff={
            "before": None,
            "after": {
                "authority": authority_id,
                "outcome": decision.outcome.value,
                "uplift": agreed.as_dict(),
                "reason": reason,
                "callOffs": [c.id for c in affected],
            },
        },
    )
    await notifications.notify(
        session,
        now=now,
        kind=Kind.UPLIFT_DECIDED,
        to=notifications.To.provider(request.provider_id),
        subject_type="UpliftRequest",
        subject_id=request.id,
        payload={
            "outcome": decision.outcome.description.rstrip("."),
            "effectiveFrom": request.effective_from.isoformat(),
            "requestId": global_id("UpliftRequest", request.id),
        },
    )
    return row


def _decided(request: m.UpliftRequest, decision: Decision, affected: Sequence[m.CallOff]) -> tuple[Uplift, str | None]:
    """The uplift a decision agrees (none when refused), and its reason, checked. In part, it leaves each
    placement's fees no higher than the uplift asked for would, and not all the same."""
    problems = Problems()
    asked = Uplift.of(request)
    reason = None
    if decision.reason is not None and decision.reason.strip():
        reason = problems.check(
            clean_text, decision.reason, field="input.reason", label="reason", max_length=MAX_REASONS
        )
    if decision.outcome is UpliftOutcome.REFUSED:
        if reason is None and not problems:
            problems.add("Say why the uplift is refused: the provider reads it", field="input.reason")
        problems.settle()
        return Uplift.none(), reason
    if decision.outcome is UpliftOutcome.ACCEPTED:
        problems.settle()
        return asked, reason
    given = decision.uplift or Uplift.none()
    _check_uplift(problems, given, field="input")
    if not problems:
        _check_fits(problems, given, affected, field="input.newRates")
        same, beyond = True, set()
        for call_off in affected:
            fees = WeeklyFees.of(call_off)
            part, whole = given.applied(fees), asked.applied(fees)
            beyond |= {e for e in FEE_ELEMENTS if part.by_element[e] > whole.by_element[e]}
            same = same and part.columns() == whole.columns()
        for element in (e for e in FEE_ELEMENTS if e in beyond):
            problems.add(
                "Accepting in part agrees less than was asked, never more", field=f"input.uplift.{INPUT_NAMES[element]}"
            )
        if same:
            problems.add("This is the uplift asked for: accept the request instead", field="input.uplift")
    problems.settle()
    return given, reason


async def _apply(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    request: m.UpliftRequest,
    call_offs: Sequence[m.CallOff],
    uplift: Uplift,
) -> int:
    """Amend each call-off's fees from the effective date; any one that cannot take it refuses them all. A
    call-off the percentages leave as it is (only unpriced elements uplifted) is left alone."""
    note = f"Fee uplift agreed on request {request.id}: {uplift.words()}."
    amended = 0
    for call_off in call_offs:
        fees = WeeklyFees.of(call_off)
        after = uplift.applied(fees)
        if after.columns() == fees.columns():
            continue
        try:
            await calloffs.apply_amendment(
                session,
                actor=actor,
                now=now,
                call_off=call_off,
                effective_from=request.effective_from,
                reason=AmendmentReason.ANNUAL_UPLIFT,
                note=note,
                weekly_fees=after,
            )
        except ValidationError as refusal:
            raise InvalidTransition(
                f"Placement {call_off.reference} cannot take this uplift: {refusal.message}", field="input.request"
            ) from None
        amended += 1
    return amended


def yours_to_decide(actor: Actor) -> ColumnElement[bool]:
    """Requests affecting a placement of the caller's authority that it has yet to decide, with no regional
    decision, as a condition on ``UpliftRequest``; nothing for a caller who does not decide for an authority."""
    if not actor.has_role(Role.AUTHORITY_COMMISSIONER) or actor.authority_id is None:
        return false()
    r, c, n, d = m.UpliftRequest, m.CallOff, m.UpliftRequestCallOff, m.UpliftDecision
    mine = c.authority_id == actor.authority_id
    named = exists().where(n.request_id == r.id)
    affects_mine = or_(
        exists().where(n.request_id == r.id, n.call_off_id == c.id, mine, c.terminated_at.is_(None)),
        and_(
            ~named,
            exists().where(
                c.provider_id == r.provider_id,
                c.establishment_id == r.establishment_id,
                c.lot_id == r.lot_id,
                c.start_date <= r.effective_from,
                or_(c.end_date.is_(None), c.end_date >= r.effective_from),
                c.terminated_at.is_(None),
                mine,
            ),
        ),
    )
    decided = exists().where(d.request_id == r.id, or_(d.authority_id.is_(None), d.authority_id == actor.authority_id))
    return and_(affects_mine, ~decided)
