"""GOV.UK Notify, the service UK public bodies send e-mail with, through ``notifications-python-client``.

Notify sends from templates kept in the service's account: one per kind of message
(``NOTIFY_TEMPLATES``: ``referral.invited=<template id>,…``, or the path of a file of such lines).
Each template uses the kind's personalisation fields, e.g. ``((referral))``, ``((deadline))``,
``((link))`` (listed per kind in :mod:`api.domain.notification_kinds`). The notification's id goes as
Notify's ``reference``.

The client is synchronous: each call runs in a thread, with the client's own timeout. A 400 or
403 (a bad template, a bad address, a wrong key) is :class:`Permanent` and shows Notify's own
message; 429, 5xx and network errors are :class:`Retryable`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from api.delivery.base import Delivered, Message, Permanent, Retryable

NOTIFY_BASE_URL = "https://api.notifications.service.gov.uk"


class NotifyChannel:
    """Sends each message with the template of its kind."""

    name = "notify"

    def __init__(
        self, *, api_key: str, templates: Mapping[str, str], base_url: str = NOTIFY_BASE_URL, timeout: float = 30.0
    ) -> None:
        self.client = NotificationsAPIClient(api_key, base_url=base_url, timeout=timeout)
        self.templates = dict(templates)

    async def deliver(self, message: Message) -> Delivered:
        template = self.templates.get(message.kind)
        if template is None:
            raise Permanent(f"no GOV.UK Notify template for {message.kind}: add it to NOTIFY_TEMPLATES")
        try:
            answer: dict[str, Any] = await asyncio.to_thread(
                self.client.send_email_notification,
                email_address=message.to,
                template_id=template,
                personalisation=dict(message.personalisation),
                reference=message.reference,
            )
        except APIError as exc:
            text = f"GOV.UK Notify answered {exc.status_code}: {_words(exc.message)}"
            if exc.status_code in (400, 403):
                raise Permanent(text) from exc
            raise Retryable(text) from exc
        except Exception as exc:  # the client's transport, outside its own error types
            raise Retryable(f"could not reach GOV.UK Notify: {type(exc).__name__}: {exc}") from exc
        return Delivered(provider_message_id=str(answer.get("id", "")))


def _words(message: Any) -> str:
    """Notify's ``errors`` list (``[{"error": …, "message": …}]``) as one line."""
    if isinstance(message, list):
        return "; ".join(str(item.get("message", item)) if isinstance(item, dict) else str(item) for item in message)
    return str(message)
