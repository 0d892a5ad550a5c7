"""Providers of placements and the establishments they run."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type, non_negative
from db.enums import (
    EstablishmentType,
    GendersAdmitted,
    IdentifierScheme,
    NeedCode,
    ProviderStatus,
)


class Provider(Aggregate, Base):
    """An organisation that runs independent or non-maintained special schools."""

    __tablename__ = "provider"
    __table_args__ = (
        CheckConstraint("status = 'ACTIVE' OR status_reason IS NOT NULL", name="status_change_has_reason"),
    )

    legal_name: Mapped[str] = mapped_column(String(200))
    status: Mapped[ProviderStatus] = mapped_column(enum_type(ProviderStatus))
    status_reason: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[dt.datetime | None]


class ProviderIdentifier(Base):
    """An org-id.guide identifier of a provider (company, charity or PPON number)."""

    __tablename__ = "provider_identifier"
    __table_args__ = (UniqueConstraint("scheme", "identifier"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="CASCADE"), index=True)
    scheme: Mapped[IdentifierScheme] = mapped_column(enum_type(IdentifierScheme))
    identifier: Mapped[str] = mapped_column(String(40))


class Establishment(Aggregate, Base):
    """A school or college run by a provider, identified by its DfE URN."""

    __tablename__ = "establishment"
    __table_args__ = (
        CheckConstraint("length(urn) = 6", name="urn_six_digits"),
        CheckConstraint("age_min <= age_max", name="age_range_ordered"),
        CheckConstraint("age_min >= 0 AND age_max <= 25", name="age_range_bounds"),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        CheckConstraint("day_vacancies <= day_capacity", name="day_vacancies_within_capacity"),
        CheckConstraint(
            "residential_vacancies <= residential_capacity",
            name="residential_vacancies_within_capacity",
        ),
        *non_negative("day_capacity", "residential_capacity", "day_vacancies", "residential_vacancies"),
        CheckConstraint("(concern_since IS NULL) = (concern_reason IS NULL)", name="concern_has_reason"),
        CheckConstraint("(closing_on IS NULL) = (closing_reason IS NULL)", name="closing_has_reason"),
    )

    provider_id: Mapped[int] = mapped_column(ForeignKey("provider.id", ondelete="RESTRICT"), index=True)
    urn: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    type_code: Mapped[EstablishmentType] = mapped_column(enum_type(EstablishmentType))
    postcode: Mapped[str] = mapped_column(String(8))
    # The local authority whose area the site is in, as Get Information about Schools names it ("LA (name)"):
    # the census's "Host Authority". Unknown for establishments registered before it was asked.
    host_authority: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    age_min: Mapped[int] = mapped_column(Integer)
    age_max: Mapped[int] = mapped_column(Integer)
    genders: Mapped[GendersAdmitted] = mapped_column(enum_type(GendersAdmitted))
    day_capacity: Mapped[int] = mapped_column(Integer, default=0)
    residential_capacity: Mapped[int] = mapped_column(Integer, default=0)
    day_vacancies: Mapped[int] = mapped_column(Integer, default=0)
    residential_vacancies: Mapped[int] = mapped_column(Integer, default=0)
    # Set when an inspection gives cause for concern (inadequate, urgent improvement, safeguarding or standards
    # not met) and cleared by a later inspection that does not: matching then rules the establishment out.
    concern_since: Mapped[dt.date | None] = mapped_column(Date)
    concern_reason: Mapped[str | None] = mapped_column(Text)
    closing_on: Mapped[dt.date | None] = mapped_column(Date)
    closing_reason: Mapped[str | None] = mapped_column(Text)


class EstablishmentNeed(Base):
    """A need an establishment caters for."""

    __tablename__ = "establishment_need"

    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishment.id", ondelete="CASCADE"), primary_key=True)
    need_code: Mapped[NeedCode] = mapped_column(enum_type(NeedCode), primary_key=True)
