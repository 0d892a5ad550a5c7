"""Webhook endpoints: organisations register URLs, and receive signed events for the kinds they choose.

Who manages an organisation's endpoints: for a provider, its administrators (``is_provider_admin``,
signed in as themselves); for an authority, its commissioners. Nobody else sees them, on any path
(the ``WebhookEndpoint`` rule in :mod:`api.domain.visibility`): a lookup outside it is ``NotFound``.

**Registering** (:func:`create_endpoint`) checks the URL without ever fetching it (:func:`checked_url`):
``https``, no credentials, no fragment; ``http`` only on loopback (``127.0.0.1``, ``localhost``,
``[::1]``) and only in development. The host is read as the resolver reads it (``127.1``, ``0x7f.0.0.1``,
``0177.0.0.1``, a trailing dot; IPv6 embedding IPv4 is judged by the IPv4 address,
:func:`api.delivery.webhooks.is_public_address`): an IP literal must be public (in development, loopback
too; never another private range); no ``localhost``/``*.localhost`` (outside development), no
single-label name and no internal-only suffix (``.internal``, ``.local``, …). Then the name is resolved
once, within :data:`RESOLVE_SECONDS` (:func:`checked_resolution`): if it resolves, every address must
pass the same rule (a name that does not resolve yet is accepted; delivery resolves and checks again,
and connects only to the address it checked). The kinds must be the registry's kinds addressed to organisations
(:func:`checked_kinds`). The signing secret (``whsec_<base64 of 32 random bytes>``) is returned once.

**Secrets at rest**: a secret must sign, so it cannot be kept as a hash. It is encrypted with
AES-256-GCM under a key derived from the server's token signing key (:func:`secret_key`, as the
audit trail's digest key is), which the app puts in each database session's ``info``
(:data:`CONFIG`). A database copy alone does not give the secrets away. After the signing key is
rotated, the keys derived from ``OAUTH_PREVIOUS_SIGNING_KEY_FILES`` still open older secrets.

**Rotation** (:func:`rotate_secret`): a new secret, shown once; the previous one is kept for
``WEBHOOK_SECRET_OVERLAP_SECONDS`` (a day by default). An event written before the overlap ends is
signed with both (Standard Webhooks allows several space-separated signatures), so a receiver can
switch to the new secret at any moment within the day.

**Delivery**: :func:`api.domain.notifications.notify` writes one ``WEBHOOK`` row per enabled endpoint
of the addressed organisation subscribed to the kind (:func:`subscribed`); the relay delivers it
(:func:`target`, :func:`event_body`) and logs each attempt (:func:`log_attempt`), which the owner reads.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.config import Settings
from api.delivery.webhooks import Resolver, ip_literal, is_loopback_address, is_public_address, resolve_host
from api.domain import audit
from api.domain.errors import Forbidden, NotFound, ValidationError
from api.domain.notification_kinds import KINDS, Kind
from api.domain.visibility import visible
from db import models as m

WEBHOOK = "WEBHOOK"
CONFIG = "webhooks"
"""Where a database session carries the :class:`WebhookConfig` (``session.info``)."""
MAX_URL = 2000
MAX_DESCRIPTION = 200
MAX_ENDPOINTS = 10
"""Enabled endpoints one organisation may have."""
RECENT_DELIVERIES = 20
SECRET_BYTES = 32
_AAD = b"nwsend webhook endpoint secret v1"
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
INTERNAL_SUFFIXES = frozenset(
    {"internal", "local", "localdomain", "lan", "home", "corp", "intranet", "private", "arpa", "invalid"}
)
"""Top-level labels only ever meaning a private network (``metadata.google.internal``, ``printer.local``…)."""
RESOLVE_SECONDS = 2.0


@dataclass(frozen=True)
class WebhookConfig:
    """What the webhooks need from the server: keys to keep secrets with, and whether this is development."""

    keys: tuple[bytes, ...] = ()
    """The key to encrypt with first, then older ones that still decrypt."""
    allow_loopback: bool = False
    secret_overlap: dt.timedelta = dt.timedelta(days=1)


def secret_key(private_key_pem: bytes) -> bytes:
    """The key webhook secrets are encrypted with, derived from the server's private signing key."""
    return hmac.new(private_key_pem, b"webhook-endpoint-secrets", hashlib.sha256).digest()


def configured(settings: Settings, private_key_pems: Sequence[bytes]) -> WebhookConfig:
    """The webhooks' configuration from the settings and the signing keys' PEMs (current first)."""
    return WebhookConfig(
        keys=tuple(secret_key(pem) for pem in private_key_pems),
        allow_loopback=settings.is_development,
        secret_overlap=dt.timedelta(seconds=settings.webhook_secret_overlap_seconds),
    )


def config(session: AsyncSession) -> WebhookConfig:
    found = session.info.get(CONFIG)
    return found if isinstance(found, WebhookConfig) else WebhookConfig()


def seal(cfg: WebhookConfig, secret: str) -> str:
    """The secret encrypted under the first key: ``v1.<base64 nonce + ciphertext>``."""
    if not cfg.keys:
        raise RuntimeError("no key to keep webhook secrets with: the app configures it from the signing key")
    nonce = os.urandom(12)
    sealed = AESGCM(cfg.keys[0]).encrypt(nonce, secret.encode(), _AAD)
    return "v1." + base64.b64encode(nonce + sealed).decode()


def unseal(cfg: WebhookConfig, stored: str) -> str:
    """The secret back, under whichever key sealed it; ValueError when none does."""
    raw = base64.b64decode(stored.removeprefix("v1."))
    for key in cfg.keys:
        try:
            return AESGCM(key).decrypt(raw[:12], raw[12:], _AAD).decode()
        except InvalidTag:
            continue
    raise ValueError("no key this server has opens the endpoint's secret (was the signing key replaced?)")


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


# -- checks ------------------------------------------------------------------------------------


def checked_url(value: str, *, allow_loopback: bool, field: str = "input.url") -> str:
    """A URL events may be sent to, checked without fetching it; ValidationError naming ``field``."""
    url = value.strip()

    def refuse(why: str) -> ValidationError:
        return ValidationError(why, field=field)

    if not url or len(url) > MAX_URL or any(c.isspace() or not c.isprintable() for c in url):
        raise refuse(f"Enter a URL of at most {MAX_URL} characters, without spaces")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise refuse("Enter a URL like https://example.org/webhooks") from None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if scheme not in ("https", "http") or not host or not parts.netloc:
        raise refuse("Enter an https URL, like https://example.org/webhooks")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise refuse("The URL must not carry a username or password: events are signed instead")
    if parts.fragment or url.endswith("#"):
        raise refuse("The URL must not have a fragment (#…)")
    if port == 0:
        raise refuse("The URL's port must be 1 to 65535")
    name = host.removesuffix(".")
    literal = ip_literal(host)
    loopback = host in LOOPBACK or (literal is not None and is_loopback_address(literal))
    if scheme == "http" and not (loopback and allow_loopback):
        raise refuse(
            "The URL must be https" + (" (http only for 127.0.0.1, localhost or [::1])" if allow_loopback else "")
        )
    if literal is not None:
        if not (is_public_address(literal) or (allow_loopback and loopback)):
            raise refuse("The URL must name a public address, not a private, loopback or reserved one")
        return url
    labels = name.split(".")
    if name == "localhost" or name.endswith(".localhost"):
        if not allow_loopback:
            raise refuse("The URL must name a host on the internet, not this machine")
        return url
    if not all(labels) or len(labels) < 2 or labels[-1] in INTERNAL_SUFFIXES or labels[-1][:1].isdigit():
        raise refuse("The URL must name a host on the internet, like example.org")
    return url


async def checked_resolution(
    url: str,
    *,
    allow_loopback: bool,
    resolve: Resolver = resolve_host,
    timeout: float = RESOLVE_SECONDS,
    field: str = "input.url",
) -> str:
    """The URL, once its host's addresses (if it resolves within ``timeout``) are all ones it may be sent to.

    Public, or (``allow_loopback``, development) loopback. The refusal never names an address.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if ip_literal(host) is not None:
        return url  # judged by checked_url
    try:
        async with asyncio.timeout(timeout):
            addresses = await resolve(host, parts.port or 443)
    except (OSError, TimeoutError):
        return url  # not resolvable yet: delivery resolves, checks and pins
    for address in addresses:
        if not (is_public_address(address) or (allow_loopback and is_loopback_address(address))):
            raise ValidationError(
                "The URL's host resolves to an address that is not public (private, loopback or reserved)",
                field=field,
            )
    return url


def checked_kinds(kinds: Iterable[str], *, field: str = "input.kinds") -> list[str]:
    wanted = list(dict.fromkeys(k.strip() for k in kinds))
    if not wanted:
        raise ValidationError("Choose at least one kind of event", field=field)
    known = webhook_kinds()
    for kind in wanted:
        if kind not in known:
            raise ValidationError(
                f"{kind!r} is not a kind of event an endpoint may receive; choose from {', '.join(known)}",
                field=field,
            )
    return wanted


def webhook_kinds() -> tuple[str, ...]:
    """The kinds an endpoint may subscribe to: those sent to organisations, never one carrying a secret link,
    nor one that only goes to another service (a notice for Find a Tender)."""
    return tuple(
        kind.value for kind, spec in KINDS.items() if spec.emailed and not spec.secret and not spec.to_unverified
    )


@dataclass(frozen=True)
class Owner:
    provider_id: int | None = None
    authority_id: int | None = None


async def _owner(session: AsyncSession, actor: Actor) -> Owner:
    """The organisation the caller manages endpoints for: its provider (administrators) or authority."""
    if actor.has_role(Role.AUTHORITY_COMMISSIONER) and actor.authority_id is not None:
        return Owner(authority_id=actor.authority_id)
    if actor.has_role(Role.PROVIDER_USER) and actor.provider_id is not None and actor.subject is not None:
        user = await session.scalar(select(m.User).where(m.User.username == actor.subject))
        if user is not None and user.active and user.is_provider_admin and user.provider_id == actor.provider_id:
            return Owner(provider_id=actor.provider_id)
    raise Forbidden("Only a provider's administrators or an authority's commissioners manage its webhook endpoints")


async def _own_endpoint(session: AsyncSession, actor: Actor, now: dt.datetime, endpoint_id: int) -> m.WebhookEndpoint:
    t = m.WebhookEndpoint
    endpoint = await session.scalar(select(t).where(t.id == endpoint_id, visible(t, actor, now)).with_for_update())
    if endpoint is None:  # another organisation's, as much as one that never was
        raise NotFound("No webhook endpoint with this ID exists, or it is not your organisation's", field="input.id")
    await _owner(session, actor)
    return endpoint


# -- what owners do ----------------------------------------------------------------------------


async def create_endpoint(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    url: str,
    kinds: Sequence[str],
    description: str | None = None,
) -> tuple[m.WebhookEndpoint, str]:
    """Register an endpoint for the caller's organisation; the endpoint and its secret (shown once)."""
    cfg = config(session)
    checked = checked_url(url, allow_loopback=cfg.allow_loopback)
    checked = await checked_resolution(checked, allow_loopback=cfg.allow_loopback)
    wanted = checked_kinds(kinds)
    text = (description or "").strip() or None
    if text is not None and (len(text) > MAX_DESCRIPTION or not text.isprintable()):
        raise ValidationError(
            f"Describe it in at most {MAX_DESCRIPTION} printable characters", field="input.description"
        )
    owner = await _owner(session, actor)
    t = m.WebhookEndpoint
    mine = t.provider_id == owner.provider_id if owner.provider_id else t.authority_id == owner.authority_id
    enabled = list(await session.scalars(select(t.id).where(mine, t.disabled_at.is_(None))))
    if len(enabled) >= MAX_ENDPOINTS:
        raise ValidationError(
            f"Your organisation has {MAX_ENDPOINTS} endpoints already: disable one first", field="input.url"
        )
    secret = new_secret()
    endpoint = m.WebhookEndpoint(
        provider_id=owner.provider_id,
        authority_id=owner.authority_id,
        url=checked,
        description=text,
        kinds=wanted,
        secret_encrypted=seal(cfg, secret),
        created_at=now,
        created_by=actor.reference,
    )
    session.add(endpoint)
    await session.flush()
    await _record(session, actor, now, "webhook_endpoint.created", endpoint, None, _summary(endpoint))
    return endpoint, secret


async def disable_endpoint(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, endpoint_id: int
) -> m.WebhookEndpoint:
    """Stop sending to an endpoint: nothing more is written for it, and what waits is skipped. Once done, done."""
    endpoint = await _own_endpoint(session, actor, now, endpoint_id)
    if endpoint.disabled_at is None:
        before = _summary(endpoint)
        endpoint.disabled_at, endpoint.disabled_by = now, actor.reference
        await session.flush()
        await _record(session, actor, now, "webhook_endpoint.disabled", endpoint, before, _summary(endpoint))
    return endpoint


async def rotate_secret(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, endpoint_id: int
) -> tuple[m.WebhookEndpoint, str]:
    """A new secret (shown once); the previous one still signs events written during the overlap."""
    cfg = config(session)
    endpoint = await _own_endpoint(session, actor, now, endpoint_id)
    if endpoint.disabled_at is not None:
        raise ValidationError("This endpoint is disabled: register a new one instead", field="input.id")
    secret = new_secret()
    endpoint.previous_secret_encrypted = endpoint.secret_encrypted
    endpoint.previous_secret_expires_at = now + cfg.secret_overlap
    endpoint.secret_encrypted = seal(cfg, secret)
    endpoint.secret_rotated_at = now
    await session.flush()
    await _record(session, actor, now, "webhook_endpoint.secret_rotated", endpoint, None, _summary(endpoint))
    return endpoint, secret


def _summary(endpoint: m.WebhookEndpoint) -> dict[str, Any]:
    """What the audit trail keeps of an endpoint: never a secret."""
    return {
        "url": endpoint.url,
        "kinds": list(endpoint.kinds),
        "provider": endpoint.provider_id,
        "authority": endpoint.authority_id,
        "enabled": endpoint.disabled_at is None,
        "secretRotatedAt": endpoint.secret_rotated_at,
    }


async def _record(
    session: AsyncSession,
    actor: Actor,
    now: dt.datetime,
    action: str,
    endpoint: m.WebhookEndpoint,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    await audit.record(
        session,
        actor=actor,
        now=now,
        action=action,
        entity_type="WebhookEndpoint",
        entity_id=endpoint.id,
        diff={"before": before, "after": after},
    )


# -- what owners read --------------------------------------------------------------------------


def listing(actor: Actor, *, now: dt.datetime, include_disabled: bool = True) -> Select[Any]:
    """The caller's organisation's endpoints (nobody else's)."""
    t = m.WebhookEndpoint
    statement = select(t).where(visible(t, actor, now))
    if not include_disabled:
        statement = statement.where(t.disabled_at.is_(None))
    return statement


@dataclass(frozen=True)
class Attempt:
    """One line of the delivery log, with the kind and reference of the notification it was for."""

    row: m.WebhookDelivery
    kind: str
    notification_id: int
    subject_type: str
    subject_id: int
    event: Mapping[str, Any] = field(default_factory=dict)


async def recent_deliveries(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, endpoint_id: int, limit: int = RECENT_DELIVERIES
) -> list[Attempt]:
    """The endpoint's latest delivery attempts, newest first (visible where the endpoint is)."""
    d, n = m.WebhookDelivery, m.Notification
    rows = await session.execute(
        select(d, n.kind, n.subject_type, n.subject_id, n.payload)
        .join(n, n.id == d.notification_id)
        .where(d.endpoint_id == endpoint_id, visible(d, actor, now))
        .order_by(d.attempted_at.desc(), d.id.desc())
        .limit(max(0, min(limit, 100)))
    )
    return [
        Attempt(
            row=r[0],
            kind=r.kind,
            notification_id=r[0].notification_id,
            subject_type=r.subject_type,
            subject_id=r.subject_id,
            event={k: v for k, v in (r.payload or {}).items() if k == "referral"},
        )
        for r in rows
    ]


# -- writing and delivering events --------------------------------------------------------------


async def subscribed(
    session: AsyncSession, *, kind: Kind, organisations: Sequence[tuple[str, int]]
) -> dict[tuple[str, int], list[m.WebhookEndpoint]]:
    """The enabled endpoints of each ``(Provider|Authority, id)`` that want ``kind``, in one query."""
    providers = [i for t, i in organisations if t == "Provider"]
    authorities = [i for t, i in organisations if t == "Authority"]
    if not providers and not authorities:
        return {}
    t = m.WebhookEndpoint
    owned = []
    if providers:
        owned.append(t.provider_id.in_(providers))
    if authorities:
        owned.append(t.authority_id.in_(authorities))
    found: dict[tuple[str, int], list[m.WebhookEndpoint]] = {}
    for endpoint in await session.scalars(select(t).where(or_(*owned), t.disabled_at.is_(None)).order_by(t.id)):
        if kind.value not in (endpoint.kinds or []):
            continue
        key = ("Provider", endpoint.provider_id) if endpoint.provider_id else ("Authority", endpoint.authority_id)
        found.setdefault(key, []).append(endpoint)  # type: ignore[arg-type]
    return found


@dataclass(frozen=True)
class Target:
    """Where and how one event goes: the endpoint's URL and the secrets to sign with (current first)."""

    endpoint_id: int
    url: str
    secrets: tuple[str, ...]
    enabled: bool


async def target(session: AsyncSession, endpoint_id: int, *, written_at: dt.datetime) -> Target | None:
    """The endpoint an event goes to; the previous secret too while its overlap covers ``written_at``."""
    endpoint = await session.get(m.WebhookEndpoint, endpoint_id)
    if endpoint is None:
        return None
    cfg = config(session)
    keys = [unseal(cfg, endpoint.secret_encrypted)]
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret_encrypted and expires is not None and written_at < expires:
        keys.append(unseal(cfg, endpoint.previous_secret_encrypted))
    return Target(endpoint.id, endpoint.url, tuple(keys), endpoint.disabled_at is None)


def event_body(
    *, notification_id: int, kind: str, written_at: dt.datetime, personalisation: Mapping[str, str]
) -> bytes:
    """The event as sent: its ``type``, ``timestamp`` and ``data`` (the message's personalisation fields only)."""
    event = {
        "type": kind,
        "timestamp": written_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "data": {"reference": str(notification_id), **dict(personalisation)},
    }
    return json.dumps(event, separators=(",", ":"), ensure_ascii=False).encode()


async def log_attempt(
    session: AsyncSession,
    *,
    notification_id: int,
    endpoint_id: int,
    attempt: int,
    at: dt.datetime,
    duration_ms: int,
    status_code: int | None,
    error: str | None,
    outcome: str,
) -> None:
    session.add(
        m.WebhookDelivery(
            endpoint_id=endpoint_id,
            notification_id=notification_id,
            attempt=attempt,
            attempted_at=at,
            duration_ms=duration_ms,
            status_code=status_code,
            error=error[:2000] if error else None,
            outcome=outcome,
        )
    )
    await session.flush()
