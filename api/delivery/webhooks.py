"""Webhooks: one JSON event POSTed to an organisation's endpoint, signed per the Standard Webhooks specification.

Each request carries three headers (https://www.standardwebhooks.com/):

- ``webhook-id``: the notification's id, the same on every attempt, so a receiver drops a repeat;
- ``webhook-timestamp``: when this attempt was signed, in Unix seconds;
- ``webhook-signature``: ``v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`` under the secret's
  bytes (a secret is ``whsec_<base64>``); space-separated, one per secret, while a rotated secret's
  overlap lasts.

The URL was registered by an organisation, so every request is bounded (see ``docs/security.md``, API7):
``https`` only, unless ``allow_private_addresses`` (development, for loopback receivers); outside
development a host that resolves to a loopback, private, link-local or otherwise non-public address
is refused before any connection; no redirect is followed (a 3xx is a permanent failure naming the
status); the whole exchange has a time limit (``WEBHOOK_TIMEOUT``); at most ``max_response_bytes``
of the answer are read, and only its status and the first words of it are kept.

Outcomes: 2xx is delivered; 408, 429, 5xx, a timeout or a connection error is :class:`Retryable`;
any other answer (3xx, 4xx) or a refused URL is :class:`Permanent`.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import ipaddress
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from api.delivery.base import Delivered, Permanent, Retryable

SECRET_PREFIX = "whsec_"
MAX_RESPONSE_BYTES = 64 * 1024
USER_AGENT = "nwsend-webhooks/1"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

Resolver = Callable[[str, int], Awaitable[Sequence[str]]]
"""Names the addresses a host resolves to (``getaddrinfo``)."""


@dataclass(frozen=True)
class WebhookMessage:
    """One event for one endpoint: its stable id, the JSON body as sent, and the secrets to sign it with."""

    reference: str
    kind: str
    url: str
    body: bytes
    secrets: tuple[str, ...]


def secret_bytes(secret: str) -> bytes:
    """The key bytes of a ``whsec_<base64>`` secret."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("a webhook secret starts with whsec_")
    return base64.b64decode(secret[len(SECRET_PREFIX) :])


def sign(secret: str, *, msg_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256>`` of ``{msg_id}.{timestamp}.{body}`` under the secret."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(message: WebhookMessage, *, timestamp: int) -> dict[str, str]:
    """The Standard Webhooks headers of one attempt, with one signature per secret."""
    signatures = " ".join(
        sign(s, msg_id=message.reference, timestamp=timestamp, body=message.body) for s in message.secrets
    )
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": message.reference,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signatures,
    }


def is_public_address(address: str) -> bool:
    """Whether an IP address is one on the public internet (not loopback, private, link-local, reserved…)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class WebhookChannel:
    """POSTs each event to its endpoint and tells delivered, retryable and permanent failures apart."""

    name = "webhook"

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        allow_private_addresses: bool = False,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        resolve: Resolver | None = None,
    ) -> None:
        self.timeout = timeout
        self.allow_private_addresses = allow_private_addresses
        self.max_response_bytes = max_response_bytes
        self.resolve = resolve or _resolve

    async def deliver(self, message: WebhookMessage) -> Delivered:  # type: ignore[override]
        try:
            async with asyncio.timeout(self.timeout):
                return await self._deliver(message)
        except TimeoutError:
            raise Retryable(f"the endpoint did not answer within {self.timeout:g} seconds") from None

    async def _deliver(self, message: WebhookMessage) -> Delivered:
        await self._check_destination(message.url)
        headers = signed_headers(message, timestamp=int(_now()))
        try:
            async with (
                httpx.AsyncClient(follow_redirects=False, timeout=self.timeout, trust_env=False) as client,
                client.stream("POST", message.url, content=message.body, headers=headers) as response,
            ):
                head = await _read_at_most(response, self.max_response_bytes)
                status = response.status_code
        except httpx.TimeoutException as exc:
            raise Retryable(f"the endpoint did not answer in time: {type(exc).__name__}") from exc
        except httpx.HTTPError as exc:
            raise Retryable(f"could not reach the endpoint: {type(exc).__name__}: {exc}") from exc
        except OSError as exc:
            raise Retryable(f"could not reach the endpoint: {type(exc).__name__}: {exc}") from exc
        if 200 <= status < 300:
            return Delivered(provider_message_id=f"HTTP {status}", status_code=status)
        words = _words(head)
        text = f"the endpoint answered {status}" + (f": {words}" if words else "")
        if 300 <= status < 400:
            raise Permanent(f"{text} (a redirect, which is not followed: register the final URL)", status_code=status)
        if status in (408, 429) or status >= 500:
            raise Retryable(text, status_code=status)
        raise Permanent(text, status_code=status)

    async def _check_destination(self, url: str) -> None:
        """Refuse, before connecting, a URL that is not https or (outside development) a non-public host."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.username or parts.password or not host:
            raise Permanent("the endpoint's URL is not one that may be called")
        if self.allow_private_addresses:
            if parts.scheme == "https" or (parts.scheme == "http" and host in LOOPBACK_HOSTS):
                return
            raise Permanent("the endpoint's URL must be https (or http on loopback, in development)")
        if parts.scheme != "https":
            raise Permanent("the endpoint's URL must be https")
        try:
            addresses = await self.resolve(host, parts.port or 443)
        except OSError as exc:
            raise Retryable(f"could not resolve {host}: {exc}") from exc
        refused = [a for a in addresses if not is_public_address(a)]
        if not addresses or refused:
            raise Permanent(f"{host} resolves to an address that is not public ({', '.join(refused) or 'none'})")


async def _resolve(host: str, port: int) -> Sequence[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _now() -> float:
    return time.time()


async def _read_at_most(response: httpx.Response, limit: int) -> bytes:
    """The first ``limit`` bytes of the answer; the rest is never read."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_raw():
        chunks.append(chunk[: limit - size])
        size += len(chunks[-1])
        if size >= limit:
            break
    return b"".join(chunks)


def _words(body: bytes) -> str:
    """The start of an answer, printable, for the delivery log."""
    text = body[:300].decode("utf-8", "replace")
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:200]
