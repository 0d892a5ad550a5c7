"""SMTP through ``aiosmtplib``: ``SMTP_URL`` is ``smtp://[user:password@]host[:port]`` or ``smtps://…``.

``smtps://`` (port 465 by default) speaks TLS from the first byte. ``smtp://`` (port 25 by default;
587 for submission) upgrades with STARTTLS: required when TLS is (``SMTP_REQUIRE_TLS``, on by
default whenever the URL carries credentials, so that a password and the one-time links in the
messages never cross the network in clear); otherwise only when the server offers it. A server that
does not offer STARTTLS when it is required gets no credentials and no message: the delivery fails
:class:`Retryable` ("the SMTP server does not offer STARTTLS…"), since it is a configuration or a
network to fix (or an attack to stop), not a fault of the message; the row waits and goes once TLS
works, or is left FAILED after ``NOTIFY_MAX_ATTEMPTS``. Credentials in the URL are percent-decoded.
A 5xx reply refusing the sender, a recipient or the content is :class:`Permanent`; anything else
(unreachable, timed out, a 4xx) is :class:`Retryable`.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import aiosmtplib

from api.delivery.base import Delivered, Message, Permanent, Retryable, email_message, message_id


def parse_smtp_url(url: str, *, require_tls: bool | None = None) -> dict[str, object]:
    """The connection arguments ``aiosmtplib.send`` takes, from ``SMTP_URL``; ValueError when it is not one.

    ``require_tls``: None (``SMTP_REQUIRE_TLS`` unset) requires TLS when the URL carries credentials.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(f"SMTP_URL must be smtp://[user:password@]host[:port] or smtps://…, not {url!r}")
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"SMTP_URL has a port that is not one: {url!r}") from None
    implicit_tls = parts.scheme == "smtps"
    if require_tls is None:
        require_tls = bool(parts.username or parts.password)
    return {
        "hostname": parts.hostname,
        "port": port or (465 if implicit_tls else 25),
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "use_tls": implicit_tls,
        # True: STARTTLS or nothing; None: STARTTLS when the server offers it
        "start_tls": False if implicit_tls else (True if require_tls else None),
    }


class SmtpChannel:
    """One connection per message; the server's reply is kept beside our Message-ID."""

    name = "smtp"

    def __init__(self, url: str, *, mail_from: str, timeout: float = 30.0, require_tls: bool | None = None) -> None:
        self.connection = parse_smtp_url(url, require_tls=require_tls)
        self.mail_from = mail_from
        self.timeout = timeout

    async def deliver(self, message: Message) -> Delivered:
        mail = email_message(message, mail_from=self.mail_from)
        try:
            refused, reply = await aiosmtplib.send(mail, timeout=self.timeout, **self.connection)  # type: ignore[arg-type]
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [error.code for error in exc.recipients]
            failure = Permanent if codes and all(500 <= c < 600 for c in codes) else Retryable
            raise failure(f"the SMTP server refused {message.to}: {'; '.join(map(str, exc.recipients))}") from exc
        except aiosmtplib.SMTPResponseException as exc:
            failure = Permanent if 500 <= exc.code < 600 else Retryable
            raise failure(f"the SMTP server answered {exc.code} {exc.message}") from exc
        except aiosmtplib.SMTPException as exc:
            if self.connection["start_tls"] is True and "STARTTLS" in str(exc):
                raise Retryable(
                    "the SMTP server does not offer STARTTLS and TLS is required (SMTP_REQUIRE_TLS, or credentials "
                    "in SMTP_URL): nothing was sent"
                ) from exc
            raise Retryable(f"could not reach the SMTP server: {type(exc).__name__}: {exc}") from exc
        except (OSError, TimeoutError) as exc:
            raise Retryable(f"could not reach the SMTP server: {type(exc).__name__}: {exc}") from exc
        if refused:
            raise Permanent(f"the SMTP server refused {message.to}: {refused}")
        return Delivered(provider_message_id=f"{message_id(message.reference, self.mail_from)} {reply}"[:200])
