"""Webhooks: one JSON event POSTed to an organisation's endpoint, signed per the Standard Webhooks specification.

Each request carries three headers (https://www.standardwebhooks.com/):

- ``webhook-id``: the notification's id, the same on every attempt, so a receiver drops a repeat;
- ``webhook-timestamp``: when this attempt was signed, in Unix seconds;
- ``webhook-signature``: ``v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`` under the secret's
  bytes (a secret is ``whsec_<base64>``); space-separated, one per secret, while a rotated secret's
  overlap lasts.

The URL was registered by an organisation, so every request is bounded (see ``docs/security.md``, API7):
``https`` only (``http`` only in development, and only when the host is loopback). The host is resolved
**once** (a literal read as the resolver reads it: ``127.1``, ``0x7f.0.0.1``, ``0177.0.0.1``…), every
address is checked, and the connection goes to a checked address: the request is sent to that IP while
its URL's host stays in the ``Host`` header and in TLS (``sni_hostname``: the certificate is verified
against the registered host name). A name that answers differently the second time (DNS rebinding) is
never asked twice. Outside development every address must be public (:func:`is_public_address`: not
loopback, private, link-local, reserved or multicast, nor an IPv6 address embedding such an IPv4 one:
mapped, compatible, 6to4, Teredo, NAT64); in development (``allow_private_addresses``) an address may
also be loopback, never another private range. Otherwise nothing is sent. No redirect is followed (a
3xx is a permanent failure naming the status); the whole exchange has a time limit
(``WEBHOOK_TIMEOUT``); at most ``max_response_bytes`` of the answer are read.

What the delivery log keeps (the owner reads it, so it must not let an organisation probe the network
the relay runs in): the status, and a generic reason; never a resolved address, never the text of a
connection error; the first 200 characters of an answer only when it came from a public address (so
never from a loopback receiver in development).

Outcomes: 2xx is delivered; 408, 429, 5xx, a timeout or a connection error is :class:`Retryable`;
any other answer (3xx, 4xx) or a refused URL is :class:`Permanent`.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from api.delivery.base import Delivered, Permanent, Retryable

SECRET_PREFIX = "whsec_"
MAX_RESPONSE_BYTES = 64 * 1024
USER_AGENT = "nwsend-webhooks/1"

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


_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_PART = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def ip_literal(host: str) -> IPAddress | None:
    """The address a host names literally, read as the system's resolver reads it; None for a name.

    IPv6 with or without brackets (a zone is dropped); IPv4 in every ``inet_aton`` form: one to four
    parts, each decimal, octal (``0177``) or hex (``0x7f``), the last filling the remaining bytes
    (``127.1`` is ``127.0.0.1``, ``2130706433`` too), and one trailing dot allowed.
    """
    text = host.strip().lower()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text.split("%", 1)[0])
        except ValueError:
            return None
    text = text.removesuffix(".")
    parts = text.split(".")
    if not 1 <= len(parts) <= 4 or not all(_IPV4_PART.fullmatch(p) for p in parts):
        return None
    values = [int(p[2:] or "0", 16) if p.startswith("0x") else int(p, 8 if p.startswith("0") else 10) for p in parts]
    *head, last = values
    if any(v > 255 for v in head) or last >= 1 << (8 * (4 - len(head))):
        return None
    number = 0
    for v in head:
        number = (number << 8) | v
    return ipaddress.IPv4Address((number << (8 * (4 - len(head)))) | last)


def embedded_ipv4(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 one carries: mapped, compatible (``::a.b.c.d``), NAT64, 6to4, Teredo."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    low = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if int(ip) >> 32 == 0 or ip in _NAT64:  # IPv4-compatible (and :: and ::1), NAT64 64:ff9b::/96
        return [low]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)
    return []


def _address(address: str | IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address):
        return address
    return ipaddress.ip_address(address.split("%", 1)[0])


def is_public_address(address: str | IPAddress) -> bool:
    """Whether an IP address is one on the public internet (not loopback, private, link-local, reserved…).

    An IPv6 address that embeds an IPv4 one is judged by the IPv4 one(s) it embeds.
    """
    ip = _address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip in _LOCAL_NAT64:
        return False
    embedded = embedded_ipv4(ip)
    if embedded:
        return all(e.is_global and not e.is_multicast for e in embedded)
    return ip.is_global and not ip.is_multicast


def is_loopback_address(address: str | IPAddress) -> bool:
    """``127.0.0.0/8``, ``::1`` or ``::ffff:127.x.y.z``: this machine, which development may call."""
    ip = _address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


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
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.timeout = timeout
        self.allow_private_addresses = allow_private_addresses
        self.max_response_bytes = max_response_bytes
        self.resolve = resolve or resolve_host
        self.verify = verify
        """How TLS certificates are verified (the system's authorities unless a test gives its own)."""

    async def deliver(self, message: WebhookMessage) -> Delivered:  # type: ignore[override]
        try:
            async with asyncio.timeout(self.timeout):
                return await self._deliver(message)
        except TimeoutError:
            raise Retryable(f"the endpoint did not answer within {self.timeout:g} seconds") from None

    async def _deliver(self, message: WebhookMessage) -> Delivered:
        addresses = await self.checked_addresses(message.url)
        headers = signed_headers(message, timestamp=int(_now()))
        for address in addresses[:-1]:
            try:
                return await self._post(message, headers, address)
            except _Unreachable:
                continue  # not connected, so nothing was sent: the next checked address
        try:
            return await self._post(message, headers, addresses[-1])
        except _Unreachable as exc:
            raise Retryable(f"could not reach the endpoint: {exc.reason}") from None

    async def _post(self, message: WebhookMessage, headers: dict[str, str], address: str) -> Delivered:
        """POST to the URL with the connection pinned to ``address`` (Host and TLS keep the URL's host)."""
        try:
            url = httpx.URL(message.url)
            pinned = url.copy_with(host=address.split("%", 1)[0])
        except httpx.InvalidURL:
            raise Permanent("the endpoint's URL is not one that may be called") from None
        extensions = {"sni_hostname": url.raw_host.decode("ascii")} if ip_literal(url.host) is None else {}
        try:
            async with (
                httpx.AsyncClient(
                    follow_redirects=False, timeout=self.timeout, trust_env=False, verify=self.verify
                ) as client,
                client.stream(
                    "POST",
                    pinned,
                    content=message.body,
                    headers={**headers, "host": url.netloc.decode("ascii")},
                    extensions=extensions,
                ) as response,
            ):
                head = await _read_at_most(response, self.max_response_bytes)
                status = response.status_code
        except httpx.ConnectError as exc:
            raise _Unreachable(type(exc).__name__) from exc
        except httpx.TimeoutException as exc:
            raise Retryable(f"the endpoint did not answer in time: {type(exc).__name__}") from exc
        except (httpx.HTTPError, OSError) as exc:  # never the text: it may name the address
            raise Retryable(f"could not reach the endpoint: {type(exc).__name__}") from exc
        if 200 <= status < 300:
            return Delivered(provider_message_id=f"HTTP {status}", status_code=status)
        words = _words(head) if is_public_address(address) else ""
        text = f"the endpoint answered {status}" + (f": {words}" if words else "")
        if 300 <= status < 400:
            raise Permanent(f"{text} (a redirect, which is not followed: register the final URL)", status_code=status)
        if status in (408, 429) or status >= 500:
            raise Retryable(text, status_code=status)
        raise Permanent(text, status_code=status)

    async def checked_addresses(self, url: str) -> list[str]:
        """Resolve the URL's host once and check every address; the addresses to connect to, or Permanent.

        Never names an address in what it raises: the delivery log is read by the endpoint's owner.
        """
        parts = urlsplit(url)
        try:
            host = (parts.hostname or "").lower()
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise Permanent("the endpoint's URL is not one that may be called") from None
        if parts.username or parts.password or not host or parts.scheme not in ("https", "http"):
            raise Permanent("the endpoint's URL is not one that may be called")
        if parts.scheme != "https" and not self.allow_private_addresses:
            raise Permanent("the endpoint's URL must be https")
        literal = ip_literal(host)
        if literal is not None:
            addresses: Sequence[str] = [str(literal)]
        else:
            try:
                addresses = await self.resolve(host, port)
            except OSError:
                raise Retryable("could not resolve the endpoint's host") from None
        if not addresses:
            raise Retryable("could not resolve the endpoint's host")
        if self.allow_private_addresses:
            allowed = all(is_public_address(a) or is_loopback_address(a) for a in addresses)
            if parts.scheme == "http" and not all(is_loopback_address(a) for a in addresses):
                raise Permanent("the endpoint's URL must be https (or http on loopback, in development)")
        else:
            allowed = all(is_public_address(a) for a in addresses)
        if not allowed:
            raise Permanent("the endpoint's host resolves to an address that is not public")
        return list(addresses)


class _Unreachable(Exception):
    """No connection to one address (so nothing was sent to it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


async def resolve_host(host: str, port: int) -> Sequence[str]:
    """Every address ``getaddrinfo`` gives the host (the system's resolver, as a connection would use)."""
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
