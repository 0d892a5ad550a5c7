"""Channels: how a rendered message leaves the system. Nothing here knows the domain or the database.

Each channel is one small class with ``async deliver(message) -> Delivered`` that raises
:class:`Retryable` (try again later: a network error, a 5xx, a timeout) or :class:`Permanent`
(never: a refused address, a Notify 400). The relay (:mod:`api.domain.relay`) is given a channel
per notification channel (``EMAIL`` today) and records the outcome on the outbox row.

- :class:`~api.delivery.files.FileChannel`, the embedded default: each message an ``.eml`` file
  under ``MAIL_DIR`` (``var/mail``), its subject logged;
- :class:`~api.delivery.smtp.SmtpChannel`: ``SMTP_URL`` (``smtp://`` with STARTTLS, required with credentials,
  ``smtps://`` for TLS from the start) through ``aiosmtplib``;
- :class:`~api.delivery.notify.NotifyChannel`: GOV.UK Notify through its Python client, one template
  per kind (``NOTIFY_TEMPLATES``), personalisation fields only;
- :class:`~api.delivery.webhooks.WebhookChannel`: a signed JSON event POSTed to an organisation's
  registered endpoint (Standard Webhooks), the ``WEBHOOK`` channel; :func:`webhook_channel` builds it.

**Adding a channel** (webhooks, say): write a class with ``deliver`` here, taking a message type of
its own if an e-mail is the wrong shape (a webhook needs the endpoint's URL and secret, and a JSON
body), raise the two failures as above, and give it to the relay under its channel name
(``Notification.channel``). :func:`email_channel` chooses the e-mail channel from the settings.
"""

from __future__ import annotations

from api.config import Settings
from api.delivery.base import Channel, Delivered, DeliveryFailure, Message, Permanent, Retryable, email_message
from api.delivery.files import FileChannel
from api.delivery.notify import NotifyChannel
from api.delivery.smtp import SmtpChannel
from api.delivery.webhooks import WebhookChannel, WebhookMessage

__all__ = [
    "Channel",
    "Delivered",
    "DeliveryFailure",
    "FileChannel",
    "Message",
    "NotifyChannel",
    "Permanent",
    "Retryable",
    "SmtpChannel",
    "WebhookChannel",
    "WebhookMessage",
    "email_channel",
    "email_message",
    "webhook_channel",
]


def email_channel(settings: Settings) -> Channel:
    """GOV.UK Notify when ``NOTIFY_API_KEY`` is set, else SMTP when ``SMTP_URL`` is, else files under ``MAIL_DIR``."""
    if settings.notify_api_key:
        return NotifyChannel(
            api_key=settings.notify_api_key,
            base_url=settings.notify_base_url,
            templates=dict(settings.notify_templates),
            timeout=settings.notify_delivery_timeout,
        )
    if settings.smtp_url:
        return SmtpChannel(
            settings.smtp_url,
            mail_from=settings.mail_from,
            timeout=settings.notify_delivery_timeout,
            require_tls=settings.smtp_require_tls,
        )
    return FileChannel(settings.mail_dir, mail_from=settings.mail_from)


def webhook_channel(settings: Settings) -> WebhookChannel:
    """The webhook channel: ``WEBHOOK_TIMEOUT``; loopback and private addresses only in development."""
    return WebhookChannel(timeout=settings.webhook_timeout, allow_private_addresses=settings.is_development)
