"""Stored documents and their metadata."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type
from db.enums import Confidentiality, DocumentType


class Document(Aggregate, Base):
    """A file held in document storage, owned by one entity.

    Status is derived: PENDING_UPLOAD until ``uploaded_at``, SUPERSEDED from
    ``superseded_at``, otherwise AVAILABLE.
    """

    __tablename__ = "document"
    __table_args__ = (
        CheckConstraint("size_bytes > 0", name="size_positive"),
        CheckConstraint("length(sha256) = 64", name="sha256_hex"),
        Index("ix_document_owner", "owner_type", "owner_id"),
    )

    owner_type: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(Integer)
    document_type: Mapped[DocumentType] = mapped_column(enum_type(DocumentType))
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    confidentiality: Mapped[Confidentiality] = mapped_column(enum_type(Confidentiality))
    storage_key: Mapped[str] = mapped_column(String(255), unique=True)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[dt.datetime | None]
    superseded_at: Mapped[dt.datetime | None]
    version_of_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="RESTRICT"))
