"""Versioned core service specifications."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, unique_where


class Specification(Aggregate, Base):
    """One version of a purchasing system's service specification.

    Status is derived: DRAFT until ``published_at``, SUPERSEDED from
    ``superseded_at``. At most one version of a system is current.
    """

    __tablename__ = "specification"
    __table_args__ = (
        UniqueConstraint("system_id", "version_number"),
        CheckConstraint("version_number >= 1", name="version_number_positive"),
        CheckConstraint(
            "superseded_at IS NULL OR published_at IS NOT NULL",
            name="superseded_only_after_publication",
        ),
        unique_where(
            "uq_specification_one_current", "system_id", where="published_at IS NOT NULL AND superseded_at IS NULL"
        ),
    )

    system_id: Mapped[int] = mapped_column(ForeignKey("purchasing_system.id", ondelete="RESTRICT"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    published_at: Mapped[dt.datetime | None]
    superseded_at: Mapped[dt.datetime | None]
    # The notice either party gives to end a placement, in weeks (null: one term).
    notice_period_weeks: Mapped[int | None] = mapped_column(Integer)
