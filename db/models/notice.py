"""Procurement Act 2023 notices, and the lists of suppliers that may not take part."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Identified, enum_type
from db.enums import ExclusionList, IdentifierScheme, NoticeType


class ProcurementNotice(Identified, Base):
    """One notice of a contracting process, as the OCDS release sent to Find a Tender.

    Its status is derived from the timestamps: DRAFT until ``queued_at`` (``problems`` says what stops it
    validating), then QUEUED, PUBLISHED from ``published_at`` (``fts_notice_id`` names it there), FAILED from
    ``failed_at`` (``last_error`` holds the service's message). Its outbox row is the ``FIND_A_TENDER``
    notification whose subject it is.
    """

    __tablename__ = "procurement_notice"
    __table_args__ = (
        CheckConstraint("published_at IS NULL OR queued_at IS NOT NULL", name="published_after_queued"),
        CheckConstraint("failed_at IS NULL OR queued_at IS NOT NULL", name="failed_after_queued"),
        CheckConstraint("published_at IS NULL OR failed_at IS NULL", name="one_outcome"),
        CheckConstraint("(published_at IS NULL) = (fts_notice_id IS NULL)", name="published_with_id"),
        Index("ix_procurement_notice_system", "system_id", "id"),
        Index("ix_procurement_notice_call_off", "call_off_id", "id"),
    )

    notice_type: Mapped[NoticeType] = mapped_column(enum_type(NoticeType))
    system_id: Mapped[int] = mapped_column(ForeignKey("purchasing_system.id", ondelete="RESTRICT"))
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="RESTRICT"), index=True)
    call_off_id: Mapped[int | None] = mapped_column(ForeignKey("call_off.id", ondelete="RESTRICT"))
    ocid: Mapped[str] = mapped_column(String(120))
    release_id: Mapped[str] = mapped_column(String(160), unique=True)
    release: Mapped[dict] = mapped_column(JSON)
    problems: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime]
    queued_at: Mapped[dt.datetime | None]
    published_at: Mapped[dt.datetime | None]
    failed_at: Mapped[dt.datetime | None]
    fts_notice_id: Mapped[str | None] = mapped_column(String(200))
    last_error: Mapped[str | None] = mapped_column(Text)


class ExcludedSupplier(Identified, Base):
    """A supplier on the debarment list (``authority_id`` null) or on a lead authority's excluded-supplier list.

    A supplier is named by an organisation identifier, matched against providers' identifiers. An entry applies
    from ``listed_on`` until ``ends_on`` (open-ended when null).
    """

    __tablename__ = "excluded_supplier"
    __table_args__ = (
        CheckConstraint("(list = 'DEBARMENT') = (authority_id IS NULL)", name="debarment_is_national"),
        CheckConstraint("ends_on IS NULL OR listed_on <= ends_on", name="period_ordered"),
        Index("ix_excluded_supplier_identifier", "scheme", "identifier"),
    )

    list: Mapped[ExclusionList] = mapped_column(enum_type(ExclusionList))
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"), index=True)
    scheme: Mapped[IdentifierScheme] = mapped_column(enum_type(IdentifierScheme))
    identifier: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    listed_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime]
