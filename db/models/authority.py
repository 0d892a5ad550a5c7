"""Local authorities: the councils that buy placements."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Date, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type
from db.enums import AuthorityRole


class Authority(Aggregate, Base):
    """A local authority with education duties, identified by its GSS code."""

    __tablename__ = "authority"
    __table_args__ = (CheckConstraint("length(gss_code) = 9", name="gss_code_length"),)

    gss_code: Mapped[str] = mapped_column(String(9), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[AuthorityRole] = mapped_column(enum_type(AuthorityRole))
    joined_on: Mapped[dt.date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, server_default=true(), default=True)
    # The annual review clocks (SEND Regulations 2014, regs 18-22), configurable per authority.
    review_interval_months: Mapped[int] = mapped_column(Integer, server_default="12", default=12)
    review_report_days: Mapped[int] = mapped_column(Integer, server_default="14", default=14)
    review_decision_days: Mapped[int] = mapped_column(Integer, server_default="28", default=28)
    plan_amendment_days: Mapped[int] = mapped_column(Integer, server_default="56", default=56)
