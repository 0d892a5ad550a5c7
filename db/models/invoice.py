"""Providers' invoices against call-offs: their lines, the authority's decision, payment, and who pays what.

Money is pence in 64-bit columns: an invoice may bill more than a 32-bit integer holds. Statuses are
derived from timestamps: PAID once ``paid_on`` is set, else APPROVED or DISPUTED by their
times, else SUBMITTED. Money is integer pence. What the agreement says is due is kept with each line
(``expected_pence``) as worked out when the invoice was received.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, Identified, enum_type
from db.enums import CostElement, FundingStream, InvoiceUnit


class Invoice(Aggregate, Base):
    """A provider's invoice for one call-off and one stretch of days."""

    __tablename__ = "invoice"
    __table_args__ = (
        UniqueConstraint("provider_id", "provider_reference"),
        CheckConstraint("period_start <= period_end", name="period_ordered"),
        CheckConstraint("approved_at IS NULL OR disputed_at IS NULL", name="approved_or_disputed"),
        CheckConstraint("(approved_at IS NULL) = (approved_by IS NULL)", name="approved_by_someone"),
        CheckConstraint("(disputed_at IS NULL) = (disputed_by IS NULL)", name="disputed_by_someone"),
        CheckConstraint("paid_on IS NULL OR approved_at IS NOT NULL", name="paid_once_approved"),
        CheckConstraint("(paid_on IS NULL) = (payment_reference IS NULL)", name="payment_has_reference"),
        CheckConstraint("total_pence >= 0 AND expected_pence >= 0", name="amounts_gte_0"),
    )

    call_off_id: Mapped[int] = mapped_column(ForeignKey("call_off.id", ondelete="RESTRICT"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)
    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"), index=True)
    provider_reference: Mapped[str] = mapped_column(String(60))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    received_at: Mapped[dt.datetime]
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    total_pence: Mapped[int] = mapped_column(BigInteger)
    expected_pence: Mapped[int] = mapped_column(BigInteger)
    submitted_by: Mapped[str] = mapped_column(String(100))
    approved_at: Mapped[dt.datetime | None]
    approved_by: Mapped[str | None] = mapped_column(String(100))
    disputed_at: Mapped[dt.datetime | None]
    disputed_by: Mapped[str | None] = mapped_column(String(100))
    paid_on: Mapped[dt.date | None] = mapped_column(Date)
    payment_reference: Mapped[str | None] = mapped_column(String(60))


class InvoiceLine(Identified, Base):
    """One line of an invoice: a cost element, a quantity of days or weeks at a rate, the amount, and what the
    agreement says is due for that element."""

    __tablename__ = "invoice_line"
    __table_args__ = (
        UniqueConstraint("invoice_id", "element"),
        UniqueConstraint("invoice_id", "position"),
        CheckConstraint("quantity >= 0 AND rate_pence >= 0 AND amount_pence >= 0", name="amounts_gte_0"),
        CheckConstraint("expected_pence >= 0", name="expected_gte_0"),
    )

    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    element: Mapped[CostElement] = mapped_column(enum_type(CostElement))
    quantity: Mapped[Decimal] = mapped_column(Numeric(9, 2))
    unit: Mapped[InvoiceUnit] = mapped_column(enum_type(InvoiceUnit))
    rate_pence: Mapped[int] = mapped_column(BigInteger)
    amount_pence: Mapped[int] = mapped_column(BigInteger)
    expected_pence: Mapped[int] = mapped_column(BigInteger)
    dispute_reason: Mapped[str | None] = mapped_column(Text)


class InvoiceShare(Identified, Base):
    """What one funder pays of an approved invoice, by the funding split in force on its first day."""

    __tablename__ = "invoice_share"
    __table_args__ = (
        UniqueConstraint("invoice_id", "position"),
        CheckConstraint("amount_pence >= 0", name="amount_gte_0"),
        CheckConstraint("(stream = 'HEALTH') = (integrated_care_board_id IS NOT NULL)", name="health_from_a_board"),
    )

    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    stream: Mapped[FundingStream] = mapped_column(enum_type(FundingStream))
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"))
    integrated_care_board_id: Mapped[int | None] = mapped_column(
        ForeignKey("integrated_care_board.id", ondelete="RESTRICT")
    )
    amount_pence: Mapped[int] = mapped_column(BigInteger)
