"""Stored documents and their metadata."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Aggregate, Base, enum_type, unique_where
from db.enums import Confidentiality, DocumentType


class Document(Aggregate, Base):
    """A file held in document storage, owned by one entity.

    Status is derived: PENDING_UPLOAD until ``uploaded_at``; REJECTED from
    ``rejected_at`` (the file failed verification and was deleted); SUPERSEDED
    from ``superseded_at``; otherwise AVAILABLE. A document is replaced by at
    most one newer version.
    """

    __tablename__ = "document"
    __table_args__ = (
        CheckConstraint("size_bytes > 0", name="size_positive"),
        CheckConstraint("length(sha256) = 64", name="sha256_hex"),
        CheckConstraint("uploaded_at IS NULL OR rejected_at IS NULL", name="verified_or_rejected"),
        CheckConstraint("(rejected_at IS NULL) = (rejection_reason IS NULL)", name="rejection_has_reason"),
        CheckConstraint("superseded_at IS NULL OR uploaded_at IS NOT NULL", name="superseded_only_after_upload"),
        CheckConstraint("version_of_id IS NULL OR version_of_id <> id", name="not_its_own_version"),
        Index("ix_document_owner", "owner_type", "owner_id"),
        unique_where("uq_document_one_successor", "version_of_id", where="rejected_at IS NULL"),
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
    upload_expires_at: Mapped[dt.datetime]
    uploaded_at: Mapped[dt.datetime | None]
    rejected_at: Mapped[dt.datetime | None]
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    superseded_at: Mapped[dt.datetime | None]
    version_of_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="RESTRICT"))
