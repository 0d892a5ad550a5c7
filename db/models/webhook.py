"""Webhook endpoints an organisation registers, and the log of every delivery attempt to them.

An endpoint belongs to exactly one organisation: a provider (``provider_id``) or an authority
(``authority_id``). It receives the kinds of notification listed in ``kinds`` (a JSON list of
:class:`api.domain.notification_kinds.Kind` values) that are addressed to its organisation, as JSON
events signed per the Standard Webhooks specification.

The signing secret must be usable to sign, so it cannot be kept as a hash: it is kept encrypted
(AES-GCM, ``secret_encrypted``) under a key derived from the server's token signing key, and shown
in clear only once, when it is made. After a rotation the previous secret is kept (encrypted) until
``previous_secret_expires_at``: events written before then are signed with both secrets.

``webhook_delivery`` is the delivery log: one row per attempt (its time, the HTTP status code or the
error, and how long it took), kept beside the outbox row (``notification``) that the attempt was for.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Identified


class WebhookEndpoint(Identified, Base):
    """A URL an organisation receives signed events at, and the kinds of event it wants."""

    __tablename__ = "webhook_endpoint"
    __table_args__ = (
        CheckConstraint("(provider_id IS NULL) <> (authority_id IS NULL)", name="one_owner"),
        Index("ix_webhook_endpoint_provider", "provider_id", "id"),
        Index("ix_webhook_endpoint_authority", "authority_id", "id"),
    )

    provider_id: Mapped[int | None] = mapped_column(ForeignKey("provider.id", ondelete="CASCADE"))
    authority_id: Mapped[int | None] = mapped_column(ForeignKey("authority.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(String(200))
    kinds: Mapped[list] = mapped_column(JSON)
    secret_encrypted: Mapped[str] = mapped_column(Text)
    previous_secret_encrypted: Mapped[str | None] = mapped_column(Text)
    previous_secret_expires_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(200))
    secret_rotated_at: Mapped[dt.datetime | None]
    disabled_at: Mapped[dt.datetime | None]
    disabled_by: Mapped[str | None] = mapped_column(String(200))


class WebhookDelivery(Identified, Base):
    """One attempt to deliver one event to one endpoint, and its outcome."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        CheckConstraint("outcome IN ('DELIVERED', 'RETRYING', 'FAILED')", name="outcome"),
        Index("ix_webhook_delivery_endpoint", "endpoint_id", "attempted_at", "id"),
    )

    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoint.id", ondelete="CASCADE"))
    notification_id: Mapped[int] = mapped_column(ForeignKey("notification.id", ondelete="CASCADE"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    attempted_at: Mapped[dt.datetime]
    duration_ms: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))  # DELIVERED, RETRYING or FAILED
