"""The outbox: one message to one addressee, written in the same transaction as its cause.

A row is written by :func:`api.domain.notifications.notify` and delivered later by
the relay (:mod:`api.domain.relay`), which records every attempt on the row itself.
Its status is derived from the timestamps, never stored:

- PENDING: ``next_attempt_at`` is set (the relay takes it once that time has come);
- SENT: ``sent_at`` (``provider_message_id`` names it at the channel);
- FAILED: ``failed_at`` (``last_error`` says why); ``retry-notifications`` makes it pending again;
- SKIPPED: ``skipped_at`` with ``skip_reason`` (no verified address, the user turned the kind off,
  nobody at the organisation to send to).

``payload`` holds personalisation only (the referral's neutral ``NWR-…`` reference, the lot, a
deadline, a link's path), never a child's details. ``recipient_type``/``recipient_id`` name the
organisation (``Provider``, ``Authority``) or ``User`` the message is for, ``user_id`` the person.
``dedupe_key`` is unique when given: a reminder written twice (two workers, a restart) is written once.
``read_at`` is for the in-app inbox.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Identified

CHANNELS = ("EMAIL", "WEBHOOK", "FIND_A_TENDER")
"""How a row is delivered: by e-mail (Notify, SMTP or files), to a webhook endpoint (``webhook_endpoint_id``), or
to Find a Tender (a procurement notice, the row's subject)."""


class Notification(Identified, Base):
    """One message of one kind to one addressee over one channel, and what became of it."""

    __tablename__ = "notification"
    __table_args__ = (
        CheckConstraint("channel IN ('EMAIL', 'WEBHOOK', 'FIND_A_TENDER')", name="channel"),
        CheckConstraint("attempts >= 0", name="attempts_gte_0"),
        CheckConstraint(
            "(CASE WHEN sent_at IS NULL THEN 0 ELSE 1 END) + (CASE WHEN failed_at IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN skipped_at IS NULL THEN 0 ELSE 1 END) <= 1",
            name="one_outcome",
        ),
        CheckConstraint(
            "next_attempt_at IS NULL OR (sent_at IS NULL AND failed_at IS NULL AND skipped_at IS NULL)",
            name="pending_until_settled",
        ),
        CheckConstraint("(skipped_at IS NULL) = (skip_reason IS NULL)", name="skipped_with_reason"),
        # the relay's claim: due rows in the order they fell due
        Index("ix_notification_due", "next_attempt_at", "id"),
        Index("ix_notification_failed", "failed_at", "id"),
        Index("ix_notification_subject", "subject_type", "subject_id"),
        Index("ix_notification_recipient", "recipient_type", "recipient_id"),
    )

    created_at: Mapped[dt.datetime]
    kind: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(16), default="EMAIL", server_default="EMAIL")
    recipient_type: Mapped[str] = mapped_column(String(40))
    recipient_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict] = mapped_column(JSON)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_message_id: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[dt.datetime | None]
    failed_at: Mapped[dt.datetime | None]
    skipped_at: Mapped[dt.datetime | None]
    skip_reason: Mapped[str | None] = mapped_column(String(40))
    read_at: Mapped[dt.datetime | None]
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    webhook_endpoint_id: Mapped[int | None] = mapped_column(
        ForeignKey("webhook_endpoint.id", ondelete="CASCADE"), index=True
    )
    """The endpoint a ``WEBHOOK`` row goes to (null for e-mail)."""
