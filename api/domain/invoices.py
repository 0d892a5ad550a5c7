"""Invoices: a provider bills a call-off for a stretch of days; the placing authority checks, approves or disputes
it, and records payment; each approved invoice is shared out to the placement's funders.

- **Submitting.** A provider invoices its own call-off for days it ran (from its start to its end), with its
  own reference (unique among its invoices) and one line per cost element: a quantity of days or weeks, a
  rate (its working) and the amount, in pence. An element of days already
  invoiced for the call-off, on an invoice not disputed, is refused as a duplicate, as is a reference used
  before (:class:`Duplicate`); education and care may be billed on separate invoices. What the agreement says is
  due for each element is worked out at once (:func:`api.domain.terms.amount_due`) and kept with each line,
  so that the difference of every line shows. An invoice may bill days to come (termly in advance): its
  30 days still run from receipt.
- **The 30-day clock** (Procurement Act 2023 s.68-70): payment is due 30 days after the invoice is received.
  An invoice received on a weekend or an England and Wales bank holiday, or after 17:00 UK time, counts as
  received on the next working day.
- **Deciding.** The placing authority's commissioners and finance users approve an invoice (it is then shared
  out to the funders by the funding split in force on its first day, per element, by the split's own rounding
  rule), or dispute it with a reason for at least one line (the provider then sends a corrected invoice), and
  record the payment of an approved one (the day paid, the payment's reference). Each is one transaction
  guarded by the invoice's version: of two people approving at once, one approves and the other is told it
  changed.
- **Payment performance**, per authority per half year (1 April to 30 September, 1 October to 31 March, as
  payments compliance notices report): of the invoices paid in the half year, the share paid within 30 days
  of receipt and the average days from receipt to payment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit, notifications
from api.domain import funding as splits
from api.domain.clock import UK
from api.domain.errors import Duplicate, Forbidden, InvalidTransition, NotFound, Problems, ValidationError
from api.domain.fees import INPUT_NAMES, MAX_WEEKLY_FEE_PENCE, pounds
from api.domain.notification_kinds import Kind, global_id
from api.domain.queries import rows_by_id
from api.domain.rounds import clean_text
from api.domain.terms import check_span, due_for
from api.domain.versions import expect_version
from api.domain.working_days import working_day_on_or_after
from db import models as m
from db.enums import CostElement, InvoiceStatus, InvoiceUnit
from db.models.funding import share_out

PAYMENT_DAYS = 30
"""Days from receipt within which a valid invoice is paid."""

CUT_OFF_HOUR = 17
"""An invoice received at or after 17:00 UK time counts as received on the next working day."""

MAX_REFERENCE = 60
MAX_REASON = 2000
MAX_LINE_PENCE = 100 * MAX_WEEKLY_FEE_PENCE
"""The most one line may bill: a hundred weeks of the largest weekly fee."""


# -- the clock --------------------------------------------------------------------------------------


def received_on(received_at: dt.datetime) -> dt.date:
    """The working day an invoice counts as received: its UK date, or the next working day if that is not one or
    it came at or after 17:00."""
    local = received_at.astimezone(UK)
    day = local.date() + dt.timedelta(days=1 if local.hour >= CUT_OFF_HOUR else 0)
    return working_day_on_or_after(day)


def due_on(received_at: dt.datetime) -> dt.date:
    """The day payment is due: 30 days after the day the invoice counts as received."""
    return received_on(received_at) + dt.timedelta(days=PAYMENT_DAYS)


def status_of(row: m.Invoice) -> InvoiceStatus:
    if row.paid_on is not None:
        return InvoiceStatus.PAID
    if row.approved_at is not None:
        return InvoiceStatus.APPROVED
    if row.disputed_at is not None:
        return InvoiceStatus.DISPUTED
    return InvoiceStatus.SUBMITTED


# -- submitting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A line as the provider gives it."""

    element: CostElement
    quantity: Decimal
    unit: InvoiceUnit
    rate: int
    amount: int


async def submit_invoice(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    call_off_id: int,
    reference: str,
    period_start: dt.date,
    period_end: dt.date,
    lines: Sequence[Line],
) -> m.Invoice:
    """A provider's invoice for its call-off; refused whole when anything is wrong. See the module."""
    if not actor.has_role(Role.PROVIDER_USER) or actor.provider_id is None:
        raise Forbidden("Only the provider of a placement invoices it")
    call_off = (await rows_by_id(session, actor=actor, now=now, model=m.CallOff, ids=[call_off_id])).get(call_off_id)
    if call_off is None or call_off.provider_id != actor.provider_id:
        raise NotFound("No placement of your organisation has this ID", field="input.callOff")
    problems = Problems()
    cleaned = problems.check(
        clean_text, reference, field="input.reference", label="reference", max_length=MAX_REFERENCE
    )
    problems.check(check_span, period_start, period_end, field="input.periodEnd")
    if period_start < call_off.start_date:
        problems.add(f"The placement starts on {call_off.start_date.isoformat()}", field="input.periodStart")
    if call_off.end_date is not None and period_end > call_off.end_date:
        problems.add(f"The placement ends on {call_off.end_date.isoformat()}", field="input.periodEnd")
    _check_lines(problems, lines, days=(period_end - period_start).days + 1)
    problems.settle()
    assert cleaned is not None
    elements = [line.element for line in lines]
    await _refuse_duplicates(
        session, call_off=call_off, reference=cleaned, start=period_start, end=period_end, elements=elements
    )
    due = await _due(session, call_off, period_start, period_end)
    invoice = m.Invoice(
        call_off_id=call_off.id,
        provider_id=call_off.provider_id,
        authority_id=call_off.authority_id,
        provider_reference=cleaned,
        period_start=period_start,
        period_end=period_end,
        received_at=now,
        due_on=due_on(now),
        total_pence=sum(line.amount for line in lines),
        expected_pence=sum(due.get(element, 0) for element in elements),
        submitted_by=actor.reference,
    )
    session.add(invoice)
    try:
        await session.flush()
    except IntegrityError as exc:  # the same reference, sent at the same moment
        if "unique" not in str(exc.orig).lower():
            raise
        raise Duplicate(f"You have already sent invoice {cleaned}", field="input.reference") from None
    session.add_all(
        m.InvoiceLine(
            invoice_id=invoice.id,
            position=i,
            element=line.element,
            quantity=line.quantity,
            unit=line.unit,
            rate_pence=line.rate,
            amount_pence=line.amount,
            expected_pence=due.get(line.element, 0),
        )
        for i, line in enumerate(lines)
    )
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="invoice.submitted",
        entity_type="Invoice",
        entity_id=invoice.id,
        diff={"before": None, "after": _snapshot(invoice, lines, due)},
    )
    await notifications.notify(
        session,
        now=now,
        kind=Kind.INVOICE_SUBMITTED,
        to=notifications.To.payers(call_off.authority_id),
        subject_type="Invoice",
        subject_id=invoice.id,
        payload={
            "callOff": call_off.reference,
            "invoiceId": global_id("Invoice", invoice.id),
            "total": pounds(invoice.total_pence),
            "dueOn": invoice.due_on.isoformat(),
        },
    )
    return invoice


def _check_lines(problems: Problems, lines: Sequence[Line], *, days: int) -> None:
    """One line per element, each within sane bounds and no more days or weeks than the period holds; and something
    billed. The quantity and rate are the provider's working (a fee that changed within the period has two
    rates): the amount is what is compared with what is due."""
    if not lines:
        problems.add("Give at least one line", field="input.lines")
        return
    seen: set[CostElement] = set()
    for i, line in enumerate(lines):
        path = f"input.lines[{i}]"
        if line.element in seen:
            problems.add(f"One line for {INPUT_NAMES[line.element]}: add its days up", field=f"{path}.element")
        seen.add(line.element)
        most = Decimal(days) if line.unit is InvoiceUnit.DAY else (Decimal(days) / 5).quantize(Decimal("0.01"))
        unit = "days" if line.unit is InvoiceUnit.DAY else "weeks"
        if line.quantity != line.quantity.quantize(Decimal("0.01")) or line.quantity < 0:
            problems.add("A quantity is 0 or more, to at most 2 decimal places", field=f"{path}.quantity")
        elif line.quantity > most:
            problems.add(f"The period has {days} days: at most {most} {unit}", field=f"{path}.quantity")
        if not 0 <= line.rate <= MAX_WEEKLY_FEE_PENCE:
            problems.add(f"A rate is from 0 to {MAX_WEEKLY_FEE_PENCE:,} pence", field=f"{path}.rate")
        if not 0 <= line.amount <= MAX_LINE_PENCE:
            problems.add(f"An amount is from 0 to {MAX_LINE_PENCE:,} pence", field=f"{path}.amount")
    if not problems and not any(line.amount for line in lines):
        problems.add("An invoice bills something: every amount is 0", field="input.lines")


async def _refuse_duplicates(
    session: AsyncSession,
    *,
    call_off: m.CallOff,
    reference: str,
    start: dt.date,
    end: dt.date,
    elements: Sequence[CostElement],
) -> None:
    """Refuse a reference used before by this provider, or an element of days already invoiced for it and not
    disputed (education and care may come on separate invoices, each once).

    The call-off's row is written first (changing nothing), so that two invoices for it sent at once are
    settled one after the other: PostgreSQL locks the row; SQLite takes its one write lock.
    """
    table = m.CallOff.__table__
    await session.execute(update(table).where(table.c.id == call_off.id).values(id=table.c.id))
    i, line = m.Invoice, m.InvoiceLine
    used = await session.scalar(
        select(i.id).where(i.provider_id == call_off.provider_id, func.lower(i.provider_reference) == reference.lower())
    )
    if used is not None:
        raise Duplicate(f"You have already sent invoice {reference}", field="input.reference")
    overlapping = await session.execute(
        select(i.provider_reference, i.period_start, i.period_end, line.element)
        .join(line, line.invoice_id == i.id)
        .where(
            i.call_off_id == call_off.id,
            i.disputed_at.is_(None),
            i.period_start <= end,
            i.period_end >= start,
            line.element.in_(list(elements)),
        )
        .limit(1)
    )
    found = overlapping.first()
    if found is not None:
        what = INPUT_NAMES[found.element].capitalize()
        raise Duplicate(
            f"{what} for these days is already invoiced: {found.provider_reference}, "
            f"{found.period_start.isoformat()} to {found.period_end.isoformat()}",
            field="input.periodStart",
        )


async def _due(session: AsyncSession, call_off: m.CallOff, start: dt.date, end: dt.date) -> dict[CostElement, int]:
    amendments = list(await session.scalars(select(m.FeeAmendment).where(m.FeeAmendment.call_off_id == call_off.id)))
    due = await due_for(session, call_off, start, end, amendments=amendments)
    if not due.complete:
        years_missing = ", ".join(f"{y}/{(y + 1) % 100:02d}" for y in due.missing_years)
        raise InvalidTransition(
            f"There are no term dates for {years_missing} yet, so what is due cannot be checked: the lead "
            "authority sets them first",
            field="input.periodEnd",
        )
    return due.by_element


def _snapshot(invoice: m.Invoice, lines: Sequence[Line], due: dict[CostElement, int]) -> dict[str, object]:
    return {
        "reference": invoice.provider_reference,
        "periodStart": invoice.period_start.isoformat(),
        "periodEnd": invoice.period_end.isoformat(),
        "total": invoice.total_pence,
        "expected": invoice.expected_pence,
        "dueOn": invoice.due_on.isoformat(),
        "lines": [
            {
                "element": INPUT_NAMES[line.element],
                "quantity": str(line.quantity),
                "unit": line.unit.value,
                "rate": line.rate,
                "amount": line.amount,
                "expected": due.get(line.element, 0),
            }
            for line in lines
        ],
    }


# -- deciding ---------------------------------------------------------------------------------------


def _payer_of(actor: Actor) -> int:
    if not actor.has_role(Role.AUTHORITY_COMMISSIONER, Role.AUTHORITY_FINANCE) or actor.authority_id is None:
        raise Forbidden("Only the placing authority's commissioners and finance users decide on its invoices")
    return actor.authority_id


async def _own_invoice(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, invoice_id: int, version: int | None
) -> m.Invoice:
    authority_id = _payer_of(actor)
    row = (await rows_by_id(session, actor=actor, now=now, model=m.Invoice, ids=[invoice_id])).get(invoice_id)
    if row is None or row.authority_id != authority_id:
        raise NotFound("No invoice to your authority has this ID", field="input.invoice")
    expect_version(row, version)
    return row


async def lines_of(session: AsyncSession, invoice_id: int) -> list[m.InvoiceLine]:
    l_ = m.InvoiceLine
    return list(await session.scalars(select(l_).where(l_.invoice_id == invoice_id).order_by(l_.position)))


async def approve_invoice(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, invoice_id: int, version: int | None
) -> m.Invoice:
    """Approve a SUBMITTED invoice, and share it out to the funders."""
    invoice = await _own_invoice(session, actor=actor, now=now, invoice_id=invoice_id, version=version)
    status = status_of(invoice)
    if status is not InvoiceStatus.SUBMITTED:
        raise InvalidTransition(
            f"This invoice is {status.value.lower()}: only a submitted one is approved", field="input.invoice"
        )
    invoice.approved_at, invoice.approved_by = now, actor.reference
    await session.flush()  # the version check: a second approval at the same moment is stale here
    lines = await lines_of(session, invoice.id)
    shares = await _share_out(session, invoice, lines)
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="invoice.approved",
        entity_type="Invoice",
        entity_id=invoice.id,
        diff={"before": {"status": status.value}, "after": {"status": "APPROVED", "shares": shares}},
    )
    await _tell_provider(session, now=now, invoice=invoice, kind=Kind.INVOICE_APPROVED)
    return invoice


async def _share_out(
    session: AsyncSession, invoice: m.Invoice, lines: Sequence[m.InvoiceLine]
) -> list[dict[str, object]]:
    """Each funder's part of the invoice, element by element, by the split in force on its first day."""
    split = await splits.split_in_force(session, invoice.call_off_id, invoice.period_start)
    if split is None:
        return []
    contributions = await splits.contributions_of(session, split.id)
    parts = [0] * len(contributions)
    for line in lines:
        shares = [splits.shares_of(c).get(line.element, 0) for c in contributions]
        for i, pence in enumerate(share_out(line.amount_pence, shares)):
            parts[i] += pence
    session.add_all(
        m.InvoiceShare(
            invoice_id=invoice.id,
            position=i,
            stream=c.stream,
            authority_id=c.authority_id,
            integrated_care_board_id=c.integrated_care_board_id,
            amount_pence=parts[i],
        )
        for i, c in enumerate(contributions)
    )
    await session.flush()
    return [
        {
            "stream": c.stream.value,
            "authority": c.authority_id,
            "integratedCareBoard": c.integrated_care_board_id,
            "amount": parts[i],
        }
        for i, c in enumerate(contributions)
    ]


@dataclass(frozen=True)
class LineDispute:
    line_id: int
    reason: str


async def dispute_invoice(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    invoice_id: int,
    version: int | None,
    disputes: Sequence[LineDispute],
) -> m.Invoice:
    """Dispute a SUBMITTED invoice, with a reason for each line disputed (at least one)."""
    invoice = await _own_invoice(session, actor=actor, now=now, invoice_id=invoice_id, version=version)
    status = status_of(invoice)
    if status is not InvoiceStatus.SUBMITTED:
        raise InvalidTransition(
            f"This invoice is {status.value.lower()}: only a submitted one is disputed", field="input.invoice"
        )
    lines = {line.id: line for line in await lines_of(session, invoice.id)}
    problems = Problems()
    if not disputes:
        problems.add("Say which lines you dispute, and why", field="input.lines")
    reasons: dict[int, str] = {}
    for i, d in enumerate(disputes):
        path = f"input.lines[{i}]"
        if d.line_id not in lines:
            problems.add("This is not a line of the invoice", field=f"{path}.line")
        elif d.line_id in reasons:
            problems.add("Each line is disputed once", field=f"{path}.line")
        reason = problems.check(clean_text, d.reason, field=f"{path}.reason", label="reason", max_length=MAX_REASON)
        if reason is not None and d.line_id in lines:
            reasons[d.line_id] = reason
    problems.settle()
    for line_id, reason in reasons.items():
        lines[line_id].dispute_reason = reason
    invoice.disputed_at, invoice.disputed_by = now, actor.reference
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="invoice.disputed",
        entity_type="Invoice",
        entity_id=invoice.id,
        diff={
            "before": {"status": status.value},
            "after": {"status": "DISPUTED", "lines": {INPUT_NAMES[lines[k].element]: v for k, v in reasons.items()}},
        },
    )
    await _tell_provider(session, now=now, invoice=invoice, kind=Kind.INVOICE_DISPUTED)
    return invoice


async def record_payment(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    invoice_id: int,
    version: int | None,
    paid_on: dt.date,
    payment_reference: str,
) -> m.Invoice:
    """Record that an APPROVED invoice was paid, on a day not before it was received nor after today."""
    invoice = await _own_invoice(session, actor=actor, now=now, invoice_id=invoice_id, version=version)
    status = status_of(invoice)
    if status is not InvoiceStatus.APPROVED:
        raise InvalidTransition(
            f"This invoice is {status.value.lower()}: only an approved one is paid", field="input.invoice"
        )
    problems = Problems()
    received = invoice.received_at.astimezone(UK).date()
    if not received <= paid_on <= now.astimezone(UK).date():
        problems.add(
            f"The day paid is from {received.isoformat()}, when it was received, to today", field="input.paidOn"
        )
    cleaned = problems.check(
        clean_text,
        payment_reference,
        field="input.paymentReference",
        label="payment reference",
        max_length=MAX_REFERENCE,
    )
    problems.settle()
    invoice.paid_on, invoice.payment_reference = paid_on, cleaned
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="invoice.paid",
        entity_type="Invoice",
        entity_id=invoice.id,
        diff={
            "before": {"status": status.value},
            "after": {"status": "PAID", "paidOn": paid_on.isoformat(), "paymentReference": cleaned},
        },
    )
    await _tell_provider(session, now=now, invoice=invoice, kind=Kind.INVOICE_PAID)
    return invoice


async def _tell_provider(session: AsyncSession, *, now: dt.datetime, invoice: m.Invoice, kind: Kind) -> None:
    call_off = await session.get(m.CallOff, invoice.call_off_id)
    assert call_off is not None
    await notifications.notify(
        session,
        now=now,
        kind=kind,
        to=notifications.To.provider(invoice.provider_id),
        subject_type="Invoice",
        subject_id=invoice.id,
        payload={
            "invoice": invoice.provider_reference,
            "callOff": call_off.reference,
            "invoiceId": global_id("Invoice", invoice.id),
        },
    )


# -- lists ------------------------------------------------------------------------------------------


def status_is(status: InvoiceStatus) -> ColumnElement[bool]:
    i = m.Invoice
    return {
        InvoiceStatus.PAID: i.paid_on.is_not(None),
        InvoiceStatus.APPROVED: and_(i.approved_at.is_not(None), i.paid_on.is_(None)),
        InvoiceStatus.DISPUTED: i.disputed_at.is_not(None),
        InvoiceStatus.SUBMITTED: and_(i.approved_at.is_(None), i.disputed_at.is_(None)),
    }[status]


def unpaid() -> ColumnElement[bool]:
    """Invoices waiting for payment: submitted or approved, not disputed, not paid."""
    i = m.Invoice
    return and_(i.paid_on.is_(None), i.disputed_at.is_(None))


def overdue(today: dt.date) -> ColumnElement[bool]:
    return and_(unpaid(), m.Invoice.due_on < today)


def paid_late() -> ColumnElement[bool]:
    return and_(m.Invoice.paid_on.is_not(None), m.Invoice.paid_on > m.Invoice.due_on)


# -- payment performance ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentPerformance:
    """What a payments compliance notice publishes for one authority and half year."""

    authority_id: int
    first_day: dt.date
    last_day: dt.date
    invoices_paid: int
    paid_within_30_days: int
    average_days: Decimal | None
    overdue_unpaid: int

    @property
    def share_within_30_days(self) -> Decimal | None:
        if not self.invoices_paid:
            return None
        return (Decimal(self.paid_within_30_days) * 100 / self.invoices_paid).quantize(Decimal("0.1"))


def half_year(first_year: int, half: int) -> tuple[dt.date, dt.date]:
    """The half year: 1 (1 April to 30 September of ``first_year``) or 2 (1 October to 31 March after)."""
    if half == 1:
        return dt.date(first_year, 4, 1), dt.date(first_year, 9, 30)
    return dt.date(first_year, 10, 1), dt.date(first_year + 1, 3, 31)


async def payment_performance(
    session: AsyncSession, *, now: dt.datetime, authority_id: int, first_year: int, half: int
) -> PaymentPerformance:
    """Of an authority's invoices paid in a half year: how many within 30 days of receipt, and the average days
    from the day each counts as received to the day it was paid; and its unpaid invoices overdue at the end of
    the half year (or today, if sooner). Public, as the notice is."""
    if half not in (1, 2) or not 2000 <= first_year <= 2100:
        raise ValidationError("A half year is 1 (April to September) or 2 (October to March)", field="half")
    first, last = half_year(first_year, half)
    i = m.Invoice
    rows = (
        await session.execute(
            select(i.received_at, i.paid_on, i.due_on).where(
                i.authority_id == authority_id, i.paid_on >= first, i.paid_on <= last
            )
        )
    ).all()
    days = [(paid - received_on(received)).days for received, paid, _ in rows]
    on_time = sum(1 for _, paid, due in rows if paid <= due)
    until = min(last, now.astimezone(UK).date())
    overdue_count = await session.scalar(
        select(func.count()).select_from(i).where(i.authority_id == authority_id, unpaid(), i.due_on < until)
    )
    average = None if not days else (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"))
    return PaymentPerformance(authority_id, first, last, len(rows), on_time, average, int(overdue_count or 0))
