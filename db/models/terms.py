"""Term dates: the school days of each academic year, by which 38- and 39-week placements are paid.

The lead authority keeps them: a regional calendar (no owner), an authority's own where its schools'
dates differ, and an establishment's own where that school's differ. Each row is one stretch of term
time (a term or a half term), first and last day included; the holidays are the gaps between them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Identified


class TermPeriod(Identified, Base):
    """One stretch of term time in a calendar of an academic year."""

    __tablename__ = "term_period"
    __table_args__ = (
        CheckConstraint("first_day <= last_day", name="days_ordered"),
        CheckConstraint("authority_id IS NULL OR establishment_id IS NULL", name="one_owner"),
        Index("ix_term_period_calendar", "academic_year", "authority_id", "establishment_id", "first_day"),
    )

    academic_year: Mapped[int] = mapped_column(Integer)
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="RESTRICT"))
    establishment_id: Mapped[int | None] = mapped_column(ForeignKey("establishment.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(60))
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    set_at: Mapped[dt.datetime]
    set_by: Mapped[str] = mapped_column(String(100))
