"""The purchasing system, its member authorities and its lots."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type
from db.enums import AdmissionMode, PlacementType, Regime


class PurchasingSystem(Aggregate, Base):
    """A flexible purchasing system, dynamic market or open framework.

    Its status is derived: DRAFT until ``activated_at``, CLOSED from ``closed_at``.
    """

    __tablename__ = "purchasing_system"
    __table_args__ = (
        CheckConstraint("term_start <= term_end", name="term_ordered"),
        CheckConstraint("decision_period_days BETWEEN 1 AND 90", name="decision_period_range"),
        CheckConstraint("closed_at IS NULL OR activated_at IS NOT NULL", name="closed_only_after_activation"),
    )

    title: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(60), unique=True)
    ocid: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    regime: Mapped[Regime] = mapped_column(enum_type(Regime))
    admission_mode: Mapped[AdmissionMode] = mapped_column(enum_type(AdmissionMode))
    term_start: Mapped[dt.date] = mapped_column(Date)
    term_end: Mapped[dt.date] = mapped_column(Date)
    lead_authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"), index=True)
    decision_period_days: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    # The least notice of a fee uplift: its effective date is at least this many days after the request.
    uplift_notice_days: Mapped[int] = mapped_column(Integer, default=84, server_default="84")
    activated_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    # An open framework's reopening dates, in order (ISO dates); null for other regimes.
    reopening_dates: Mapped[list[str] | None] = mapped_column(JSON)


class SystemMember(Base):
    """An authority that has opted in to a purchasing system."""

    __tablename__ = "system_member"

    system_id: Mapped[int] = mapped_column(ForeignKey("purchasing_system.id", ondelete="RESTRICT"), primary_key=True)
    authority_id: Mapped[int] = mapped_column(
        ForeignKey("authority.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    joined_on: Mapped[dt.date] = mapped_column(Date)


class Lot(Base):
    """A lot of a purchasing system: a kind of placement with an age band."""

    __tablename__ = "lot"
    __table_args__ = (
        UniqueConstraint("system_id", "code"),
        CheckConstraint("weeks_per_year IN (38, 39, 52)", name="weeks_per_year_allowed"),
        CheckConstraint("age_min <= age_max", name="age_band_ordered"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("purchasing_system.id", ondelete="RESTRICT"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    placement_type: Mapped[PlacementType] = mapped_column(enum_type(PlacementType))
    weeks_per_year: Mapped[int] = mapped_column(Integer)
    age_min: Mapped[int] = mapped_column(Integer)
    age_max: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The ages at the end of whose academic year a placement's agreement ends (null: 11, 16 and 18).
    phase_end_ages: Mapped[list[int] | None] = mapped_column(JSON)
