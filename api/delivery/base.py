"""The one interface every channel implements, the message it delivers, and its two ways of failing."""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol


@dataclass(frozen=True)
class Message:
    """One rendered e-mail to one address.

    ``reference`` is the notification's id: it travels with the message (Notify's ``reference``,
    the ``X-Notification-Id`` header and the Message-ID), so a receiver can drop a repeat.
    ``personalisation`` is what a Notify template is filled with; ``subject`` and ``body`` (plain
    text) are what the other channels send as they are.
    """

    reference: str
    kind: str
    to: str
    subject: str
    body: str
    personalisation: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Delivered:
    """The channel took the message; ``provider_message_id`` is its own name for it."""

    provider_message_id: str
    status_code: int | None = None
    """The HTTP status the channel was answered with, where there is one (webhooks)."""


class DeliveryFailure(Exception):
    """The message was not delivered; ``message`` says why, in words an administrator can act on."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


class Retryable(DeliveryFailure):
    """Worth trying again later: the server was unreachable, busy, or answered 5xx or 4xx-temporary."""


class Permanent(DeliveryFailure):
    """Will never succeed as it is: a refused address, a missing template, a Notify 400. Not retried."""


class Channel(Protocol):
    """Delivers one message, or raises :class:`Retryable` or :class:`Permanent`."""

    name: str

    async def deliver(self, message: Message) -> Delivered: ...


def message_id(reference: str, mail_from: str) -> str:
    """A Message-ID derived from the reference, so a repeat delivery carries the same one."""
    domain = email.utils.parseaddr(mail_from)[1].rpartition("@")[2] or "localhost"
    return f"<notification-{reference}@{domain}>"


def email_message(message: Message, *, mail_from: str) -> EmailMessage:
    """The message as an RFC 5322 e-mail: plain text, with the reference in its headers."""
    mail = EmailMessage()
    mail["From"] = mail_from
    mail["To"] = message.to
    mail["Subject"] = message.subject
    mail["Message-ID"] = message_id(message.reference, mail_from)
    mail["Date"] = email.utils.formatdate(localtime=False, usegmt=True)
    mail["X-Notification-Id"] = message.reference
    mail["X-Notification-Kind"] = message.kind
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(message.body)
    return mail
