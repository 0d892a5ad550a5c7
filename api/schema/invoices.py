"""Invoices: submitted by providers, checked line by line against the agreement, approved, disputed and paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import invoices, listings
from api.domain.errors import Duplicate, Forbidden, InvalidTransition, NotFound, StaleVersion, ValidationError
from api.domain.visibility import reads_column
from api.resolvers import load
from api.resolvers.relay import require_id
from api.schema import errors as e
from api.schema import filters as f
from api.schema.base import Node, Pence, PenceDifference, RowBacked, field, node_type
from api.schema.enums import CostElement, InvoiceStatus, InvoiceUnit
from api.schema.funding import Funder
from api.schema.lists import connection_field
from api.schema.market import Authority, Provider
from api.schema.mutation import mutation, result
from api.schema.permissions import public, requires
from api.schema.placements import CallOff
from db import models as m
from db.enums import CostElement as DbCostElement
from db.enums import InvoiceUnit as DbInvoiceUnit

SEND = requires("invoices:write", R.PROVIDER_USER)
DECIDE = requires("invoices:write", R.AUTHORITY_COMMISSIONER, R.AUTHORITY_FINANCE)
READERS = (
    R.PROVIDER_USER,
    R.AUTHORITY_COMMISSIONER,
    R.AUTHORITY_ANALYST,
    R.AUTHORITY_FINANCE,
    R.LEAD_ADMIN,
    R.AUDITOR,
)


@node_type(m.InvoiceLine)
@strawberry.type(description="One line of an invoice, beside what the agreement says is due for its cost element.")
class InvoiceLine(Node, RowBacked):
    sources = {"rate": "rate_pence", "amount": "amount_pence", "expected": "expected_pence"}

    element: CostElement = field("The cost element billed.")
    quantity: Decimal = field("How many days or weeks.")
    unit: InvoiceUnit = field("DAY or WEEK.")
    rate: Pence = field("The rate per day or week, in pence.")
    amount: Pence = field("The amount billed, in pence.")
    expected: Pence = field(
        "What the agreement says is due for this element over the invoice's days, in pence (see `AmountDue`)."
    )
    dispute_reason: str | None = field("Why the authority disputes this line; null unless it does.")

    @field("Amount minus what is due, in pence: positive when billed above the agreement, negative below.")
    def difference(self) -> PenceDifference:
        return PenceDifference(self.row.amount_pence - self.row.expected_pence)


@strawberry.type(description="What one funder pays of an approved invoice.")
class InvoiceShare:
    amount: Pence = field("The funder's part, in pence.")
    funder: Funder = field("Who pays it.")

    @classmethod
    def of(cls, row: m.InvoiceShare) -> InvoiceShare:
        return cls(
            amount=Pence(row.amount_pence),
            funder=Funder(stream=row.stream, authority_id=row.authority_id, board_id=row.integrated_care_board_id),
        )


@node_type(m.Invoice)
@strawberry.type(
    description=(
        "A provider's invoice for one placement and a stretch of days. Payment is due 30 days after it is "
        "received (one received on a weekend, a bank holiday or after 17:00 counts from the next working day)."
    )
)
class Invoice(Node, RowBacked):
    sources = {"reference": "provider_reference", "total": "total_pence", "expected": "expected_pence"}

    reference: str = field("The provider's own reference for it.")
    period_start: dt.date = field("The first day billed.")
    period_end: dt.date = field("The last day billed.")
    received_at: dt.datetime = field("When it was received.")
    due_on: dt.date = field("The day payment is due.")
    total: Pence = field("The sum of its lines, in pence.")
    expected: Pence = field("What the agreement says is due for its days, for the elements it bills, in pence.")
    approved_at: dt.datetime | None = field("When the authority approved it.")
    disputed_at: dt.datetime | None = field("When the authority disputed it.")
    paid_on: dt.date | None = field("The day it was paid.")
    payment_reference: str | None = field("The payment's reference.")
    version: int = field("The version, for optimistic locking: send it back with a decision.")

    @field("SUBMITTED, APPROVED, DISPUTED or PAID.")
    def status(self) -> InvoiceStatus:
        return invoices.status_of(self.row)

    @field("Total minus what is due for the elements billed, in pence: positive when billed above the agreement.")
    def difference(self) -> PenceDifference:
        return PenceDifference(self.row.total_pence - self.row.expected_pence)

    @field("Whether payment is overdue today: not paid nor disputed, past the day it was due.")
    def overdue(self, info: Info) -> bool:
        r = self.row
        return r.paid_on is None and r.disputed_at is None and r.due_on < info.context.today

    @field("Whether it was paid after the day it was due; null until paid.")
    def paid_late(self) -> bool | None:
        return None if self.row.paid_on is None else self.row.paid_on > self.row.due_on

    @field("Who approved it. Shown to the buying side only; null for providers.")
    def approved_by(self, info: Info) -> str | None:
        return self.row.approved_by if reads_column(m.Invoice, "approved_by", info.context.actor) else None

    @field("The lines, in order.")
    @load.relation
    def lines(self, info: Info) -> list[InvoiceLine]:
        line = m.InvoiceLine
        return load.related_children(info, line, line.invoice_id, self.row.id, InvoiceLine.from_rows, (line.position,))

    @field("What each funder pays of it, once approved; empty before, and for providers.")
    @load.relation
    def shares(self, info: Info) -> list[InvoiceShare]:
        s = m.InvoiceShare
        return load.related_children(
            info, s, s.invoice_id, self.row.id, lambda rows: [InvoiceShare.of(r) for r in rows], (s.position,)
        )

    @field("The placement invoiced.")
    @load.relation
    def call_off(self, info: Info) -> CallOff | None:
        return load.related(info, m.CallOff, self.row.call_off_id, CallOff.from_optional)

    @field("The provider that sent it.")
    @load.relation
    def provider(self, info: Info) -> Provider:
        return load.related(info, m.Provider, self.row.provider_id, Provider.from_row)

    @field("The authority that pays it.")
    @load.relation
    def authority(self, info: Info) -> Authority:
        return load.related(info, m.Authority, self.row.authority_id, Authority.from_row)


@strawberry.type(
    description=(
        "What a payments compliance notice publishes for one authority and half year: of the invoices paid in it, "
        "how many within 30 days of receipt, and the average days to pay."
    )
)
class PaymentPerformance:
    authority_id: strawberry.Private[int]
    first_day: dt.date = field("The half year's first day: 1 April or 1 October.")
    last_day: dt.date = field("Its last day: 30 September or 31 March.")
    invoices_paid: int = field("Invoices paid in the half year.")
    paid_within_30_days: int = field("Of those, paid within 30 days of receipt.")
    share_paid_within_30_days: Decimal | None = field("That share, in percent to 1 place; null when none was paid.")
    average_days_to_pay: Decimal | None = field("Average days from receipt to payment, to 1 place; null when none.")
    overdue_unpaid: int = field("Invoices not paid nor disputed and past due at the half year's end (or today).")

    @field("The authority.")
    @load.relation
    def authority(self, info: Info) -> Authority:
        return load.related(info, m.Authority, self.authority_id, Authority.from_row)


@strawberry.type(description="Invoices and payment performance.")
class InvoiceQueries:
    invoices = connection_field(
        Invoice,
        f.InvoiceFilter,
        listings.invoices,
        description=(
            "Invoices: a provider's own; an authority's people (its finance users among them) those to their "
            "authority; the lead authority and auditors every one."
        ),
        access=requires("invoices:read", *READERS),
    )

    @strawberry.field(
        description=(
            "An authority's payment performance in a half year, as its payments compliance notice publishes it. Public."
        ),
        extensions=[public()],
    )
    async def payment_performance(
        self,
        info: Info,
        authority: Annotated[strawberry.ID, strawberry.argument(description="The authority.")],
        year: Annotated[int, strawberry.argument(description="The year the half year starts in, e.g. 2026.")],
        half: Annotated[
            int, strawberry.argument(description="1: 1 April to 30 September; 2: 1 October to 31 March after.")
        ],
    ) -> PaymentPerformance:
        authority_id = require_id(authority, "Authority", field="authority")
        found = await info.context.execute(
            lambda session: invoices.payment_performance(
                session, now=info.context.now, authority_id=authority_id, first_year=year, half=half
            )
        )
        return PaymentPerformance(
            authority_id=found.authority_id,
            first_day=found.first_day,
            last_day=found.last_day,
            invoices_paid=found.invoices_paid,
            paid_within_30_days=found.paid_within_30_days,
            share_paid_within_30_days=found.share_within_30_days,
            average_days_to_pay=found.average_days,
            overdue_unpaid=found.overdue_unpaid,
        )


# -- mutations -----------------------------------------------------------------------------------------


@strawberry.input(description="One line of an invoice: one cost element.")
class InvoiceLineInput:
    element: CostElement = field("The cost element; one line each.")
    quantity: Decimal = field("How many days or weeks, to at most 2 places.")
    unit: InvoiceUnit = field("DAY or WEEK.")
    rate: Pence = field("The rate per day or week, in pence.")
    amount: Pence = field("The amount, in pence.")


@strawberry.input(description="An invoice for one of your placements.")
class SubmitInvoiceInput:
    call_off: strawberry.ID = field("Your placement.")
    reference: str = field("Your own reference for the invoice; each used once. Up to 60 characters.")
    period_start: dt.date = field("The first day billed: not before the placement starts.")
    period_end: dt.date = field("The last day billed: not after the placement ends; at most 400 days on.")
    lines: list[InvoiceLineInput] = field("One line per cost element billed.")


@strawberry.input(description="An invoice to approve.")
class ApproveInvoiceInput:
    invoice: strawberry.ID = field("A SUBMITTED invoice to your authority.")
    version: int = field("The invoice's version you read.")


@strawberry.input(description="One line disputed, and why.")
class LineDisputeInput:
    line: strawberry.ID = field("The line.")
    reason: str = field("Why: the provider reads it. Up to 2,000 characters.")


@strawberry.input(description="Dispute an invoice, line by line.")
class DisputeInvoiceInput:
    invoice: strawberry.ID = field("A SUBMITTED invoice to your authority.")
    version: int = field("The invoice's version you read.")
    lines: list[LineDisputeInput] = field("Each line disputed, with its reason; at least one.")


@strawberry.input(description="The payment of an approved invoice.")
class RecordInvoicePaymentInput:
    invoice: strawberry.ID = field("An APPROVED invoice to your authority.")
    version: int = field("The invoice's version you read.")
    paid_on: dt.date = field("The day it was paid: not before it was received, not after today.")
    payment_reference: str = field("The payment's reference in your finance system. Up to 60 characters.")


@strawberry.type(description="The invoice.")
class InvoicePayload:
    invoice: Invoice = field("The invoice as it is now.")


SubmitInvoiceResult = result(
    "SubmitInvoiceResult",
    InvoicePayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.Duplicate,
    description="The invoice received, or why not.",
)
DecideInvoiceResult = result(
    "DecideInvoiceResult",
    InvoicePayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.StaleVersion,
    description="The invoice decided, or why not.",
)
DECISION_ERRORS = (NotFound, Forbidden, ValidationError, InvalidTransition, StaleVersion)


@strawberry.type(description="Send, approve, dispute and pay invoices.")
class InvoiceMutations:
    @mutation(
        description=(
            "Invoice one of your placements for a stretch of days, one line per cost element. What the agreement "
            "says is due is worked out at once and shown beside each line. A reference used before, or days "
            "already invoiced (and not disputed), are refused as a Duplicate. The placing authority is told."
        ),
        access=SEND,
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, Duplicate),
    )
    async def submit_invoice(
        self, info: Info, input: Annotated[SubmitInvoiceInput, strawberry.argument(description="The invoice.")]
    ) -> SubmitInvoiceResult:
        lines = [
            invoices.Line(
                element=DbCostElement(x.element),
                quantity=x.quantity,
                unit=DbInvoiceUnit(x.unit),
                rate=int(x.rate),
                amount=int(x.amount),
            )
            for x in input.lines
        ]
        row = await info.context.run(
            invoices.submit_invoice,
            call_off_id=require_id(input.call_off, "CallOff", field="input.callOff"),
            reference=input.reference,
            period_start=input.period_start,
            period_end=input.period_end,
            lines=lines,
        )
        return InvoicePayload(invoice=Invoice.from_row(row))

    @mutation(
        description=(
            "Approve a SUBMITTED invoice to your authority: it is shared out to the placement's funders by the "
            "funding split in force on its first day, and the provider is told."
        ),
        access=DECIDE,
        errors=DECISION_ERRORS,
    )
    async def approve_invoice(
        self, info: Info, input: Annotated[ApproveInvoiceInput, strawberry.argument(description="The invoice.")]
    ) -> DecideInvoiceResult:
        row = await info.context.run(
            invoices.approve_invoice,
            invoice_id=require_id(input.invoice, "Invoice", field="input.invoice"),
            version=input.version,
        )
        return InvoicePayload(invoice=Invoice.from_row(row))

    @mutation(
        description="Dispute a SUBMITTED invoice to your authority, with the reason for each line disputed.",
        access=DECIDE,
        errors=DECISION_ERRORS,
    )
    async def dispute_invoice(
        self, info: Info, input: Annotated[DisputeInvoiceInput, strawberry.argument(description="The dispute.")]
    ) -> DecideInvoiceResult:
        disputes = [
            invoices.LineDispute(require_id(x.line, "InvoiceLine", field=f"input.lines[{i}].line"), x.reason)
            for i, x in enumerate(input.lines)
        ]
        row = await info.context.run(
            invoices.dispute_invoice,
            invoice_id=require_id(input.invoice, "Invoice", field="input.invoice"),
            version=input.version,
            disputes=disputes,
        )
        return InvoicePayload(invoice=Invoice.from_row(row))

    @mutation(
        description="Record that an APPROVED invoice to your authority was paid: the day, and the payment's reference.",
        access=DECIDE,
        errors=DECISION_ERRORS,
    )
    async def record_invoice_payment(
        self,
        info: Info,
        input: Annotated[RecordInvoicePaymentInput, strawberry.argument(description="The payment.")],
    ) -> DecideInvoiceResult:
        row = await info.context.run(
            invoices.record_payment,
            invoice_id=require_id(input.invoice, "Invoice", field="input.invoice"),
            version=input.version,
            paid_on=input.paid_on,
            payment_reference=input.payment_reference,
        )
        return InvoicePayload(invoice=Invoice.from_row(row))
