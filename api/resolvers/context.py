"""The per-request context handed to every resolver."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor

T = TypeVar("T")


@dataclass
class Context:
    """Who is asking, the request's database session, and the request's time.

    graphql-core resolves sibling fields concurrently, but one session cannot
    run two statements at once, so every database call goes through
    :meth:`run`, which serialises them.
    """

    session: AsyncSession
    actor: Actor
    now: dt.datetime
    request_id: str
    response: Any = None
    storage: Any = None
    document_rules: Any = None
    public_url: str = ""
    committed: set[str] = field(default_factory=set)
    """The response keys of the mutations whose transaction committed, so errors after it never say "nothing
    was saved"."""
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _loaders: Any = None

    def challenge(self, description: str) -> None:
        """Answer this request with 401 and an RFC 6750 challenge: a token is needed."""
        if self.response is not None:
            self.response.status_code = 401
            self.response.headers["WWW-Authenticate"] = (
                f'Bearer error="invalid_token", error_description="{description}"'
            )

    @property
    def today(self) -> dt.date:
        return self.now.date()

    async def run(self, fn: Callable[..., Awaitable[T]], /, *args: Any, **kwargs: Any) -> T:
        """Call a domain function with this request's session, actor and time."""
        async with self._lock:
            return await fn(self.session, *args, actor=self.actor, now=self.now, **kwargs)

    async def execute(self, fn: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """Run ``fn(session)`` under the same lock, for calls that take no actor."""
        async with self._lock:
            return await fn(self.session)

    @property
    def loaders(self) -> Loaders:
        if self._loaders is None:
            self._loaders = Loaders(self)
        return self._loaders


from api.resolvers.loaders import Loaders  # noqa: E402  (circular by design: loaders use the context)
