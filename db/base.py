"""Declarative base, column types and mixins shared by every model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Enum, Index, Integer, MetaData, func, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from db.enums import DescribedEnum

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware timestamp, always stored and returned in UTC.

    Naive datetimes are refused on the way in, so a local time can never be
    stored by accident. SQLite keeps no zone, so values read back are tagged
    as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: timestamps must be timezone-aware")
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def enum_type(enum_cls: type[DescribedEnum], name: str | None = None) -> Enum:
    """A portable enum column: a VARCHAR with a named CHECK constraint.

    ``name`` names the constraint where one table has two columns of one enum.
    """
    return Enum(
        enum_cls,
        name=name or _snake(enum_cls.__name__),
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def _snake(name: str) -> str:
    out = [name[0].lower()]
    for ch in name[1:]:
        out.append("_" + ch.lower() if ch.isupper() else ch)
    return "".join(out)


def non_negative(*columns: str) -> tuple[CheckConstraint, ...]:
    """CHECK constraints that keep money and counts at zero or above."""
    return tuple(CheckConstraint(f"{c} >= 0", name=f"{c}_gte_0") for c in columns)


def unique_where(name: str, *columns: str, where: str) -> Index:
    """A partial unique index: ``columns`` are unique among rows matching ``where``."""
    condition = text(where)
    return Index(name, *columns, unique=True, sqlite_where=condition, postgresql_where=condition)


class Base(DeclarativeBase):
    """Base of every model. Constraint names follow one convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime()}


class Identified:
    """An integer surrogate primary key."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class Timestamped:
    """Creation and last-change times, set by the database."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), server_default=func.current_timestamp())
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), server_default=func.current_timestamp(), onupdate=func.current_timestamp()
    )


class Versioned:
    """An aggregate root with an optimistic-locking version counter.

    SQLAlchemy increments ``version`` on every UPDATE and adds it to the WHERE
    clause, so a write based on a stale read fails instead of overwriting.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


class Aggregate(Identified, Timestamped, Versioned):
    """An aggregate root: identified, timestamped and versioned."""
