"""Find a Tender, where Procurement Act 2023 notices are published: one notice's OCDS release, POSTed.

The relay (:mod:`api.domain.relay`) hands this channel a :class:`NoticeMessage`: the release of one notice
wrapped in an OCDS release package, as JSON. It is POSTed to ``FIND_A_TENDER_URL`` with the CDP API key in the
``CDP-Api-Key`` header (``FIND_A_TENDER_API_KEY``), and nothing else: no cookie, no redirect followed, no proxy
from the environment.

- A 2xx answer naming the notice (``noticeId``, else ``submission_id``, else ``id``) is :class:`Delivered`, with
  that id as ``provider_message_id``; a 2xx that names none is :class:`Permanent` (the service may have taken
  it: someone checks there before it is sent again).
- 408, 429, a 5xx, a timeout or no connection is :class:`Retryable`, with the service's own words.
- Any other answer (a 4xx: the notice refused, the key wrong; a redirect) is :class:`Permanent`, carrying the
  service's message (its ``message``, ``error`` or ``errors``), trimmed.

The service's documented submission API takes a base64 reception-schema XML notice as a form field; this
channel sends the OCDS JSON the notice is kept as. Point ``FIND_A_TENDER_URL`` at an endpoint taking that.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import httpx

from api.config import Settings
from api.delivery.base import Channel, Delivered, Permanent, Retryable

CHANNEL = "FIND_A_TENDER"
"""The outbox channel of notices (``Notification.channel``)."""
API_KEY_HEADER = "CDP-Api-Key"
USER_AGENT = "nwsend-find-a-tender/1"
MAX_RESPONSE_BYTES = 64 * 1024
MAX_MESSAGE = 500
"""Characters of the service's message kept on a failure (the notice's ``last_error``)."""
ID_FIELDS = ("noticeId", "submission_id", "id")


@dataclass(frozen=True)
class NoticeMessage:
    """One notice for Find a Tender: the notification's id, the release's id, and the JSON body as sent."""

    reference: str
    release_id: str
    body: bytes


class FindATenderChannel:
    """POSTs each notice's release package to the configured URL and reads the notice's id from the answer."""

    name = "find-a-tender"

    def __init__(
        self,
        *,
        url: str,
        api_key: str,
        timeout: float = 30.0,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.url = url
        self.api_key = api_key
        self.timeout = timeout
        self.max_response_bytes = max_response_bytes
        self.transport = transport

    async def deliver(self, message: NoticeMessage) -> Delivered:  # type: ignore[override]
        try:
            async with asyncio.timeout(self.timeout):
                return await self._post(message)
        except TimeoutError:
            raise Retryable(f"Find a Tender did not answer within {self.timeout:g} seconds") from None

    async def _post(self, message: NoticeMessage) -> Delivered:
        headers = {
            API_KEY_HEADER: self.api_key,
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
        }
        try:
            async with (
                httpx.AsyncClient(
                    follow_redirects=False, timeout=self.timeout, trust_env=False, transport=self.transport
                ) as client,
                client.stream("POST", self.url, content=message.body, headers=headers) as response,
            ):
                head = await _read_at_most(response, self.max_response_bytes)
                status = response.status_code
        except httpx.TimeoutException as exc:
            raise Retryable(f"Find a Tender did not answer in time: {type(exc).__name__}") from exc
        except (httpx.HTTPError, OSError) as exc:
            raise Retryable(f"could not reach Find a Tender: {type(exc).__name__}: {_trimmed(str(exc))}") from exc
        answer = _json(head)
        if 200 <= status < 300:
            notice_id = _notice_id(answer)
            if notice_id is None:
                raise Permanent(
                    f"Find a Tender answered {status} but named no notice (no {', '.join(ID_FIELDS)}): check there "
                    "whether the notice was taken before queueing it again",
                    status_code=status,
                )
            return Delivered(provider_message_id=notice_id, status_code=status)
        words = service_message(answer, head)
        text = f"Find a Tender answered {status}" + (f": {words}" if words else "")
        if 300 <= status < 400:
            raise Permanent(f"{text} (a redirect, which is not followed: set FIND_A_TENDER_URL to the final URL)")
        if status in (408, 429) or status >= 500:
            raise Retryable(text, status_code=status)
        raise Permanent(text, status_code=status)


def find_a_tender_channels(settings: Settings) -> dict[str, Channel]:
    """``{"FIND_A_TENDER": channel}`` when ``FIND_A_TENDER_URL`` is set, else nothing: the relay takes no notice."""
    if not settings.find_a_tender_url:
        return {}
    return {
        CHANNEL: FindATenderChannel(  # type: ignore[dict-item]
            url=settings.find_a_tender_url,
            api_key=settings.find_a_tender_api_key or "",
            timeout=settings.notify_delivery_timeout,
        )
    }


def _notice_id(answer: Any) -> str | None:
    if not isinstance(answer, dict):
        return None
    for name in ID_FIELDS:
        value = answer.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()[:200]
    return None


def service_message(answer: Any, raw: bytes = b"") -> str:
    """The service's own words from an error answer: its ``message``, ``error`` and ``errors``, on one line."""
    parts: list[str] = []
    if isinstance(answer, dict):
        for name in ("message", "error", "errors"):
            parts.extend(_texts(answer.get(name)))
        for name in ("detail", "title"):
            if not parts:
                parts.extend(_texts(answer.get(name)))
    elif answer is not None:
        parts.extend(_texts(answer))
    if not parts and raw:
        parts.append(raw[:2000].decode("utf-8", "replace"))
    return _trimmed("; ".join(dict.fromkeys(p for p in parts if p)))


def _texts(value: Any) -> list[str]:
    """The strings in a ``message``/``errors`` value: a string, a list of them, or objects naming a message."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, str | int | float):
        return [str(value)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        for name in ("message", "error", "description", "detail"):
            if isinstance(value.get(name), str):
                where = value.get("path") or value.get("field") or value.get("location")
                return [f"{where}: {value[name]}" if isinstance(where, str) and where else value[name]]
        return [f"{key}: {text}" for key, item in value.items() for text in _texts(item)]
    return []


def _trimmed(text: str, limit: int = MAX_MESSAGE) -> str:
    """Printable, on one line, at most ``limit`` characters."""
    line = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _json(body: bytes) -> Any:
    try:
        return json.loads(body) if body.strip() else None
    except (ValueError, UnicodeDecodeError):
        return None


async def _read_at_most(response: httpx.Response, limit: int) -> bytes:
    """The first ``limit`` bytes of the answer; the rest is never read."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk[: limit - size])
        size += len(chunks[-1])
        if size >= limit:
            break
    return b"".join(chunks)
