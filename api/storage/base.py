"""The document storage interface. No file bytes pass through GraphQL.

Clients upload straight to storage with a presigned POST and download with a
short-lived presigned GET; the API only signs, checks and records.

A confirmed document's bytes never change. Confirmation first *seals* the
upload: its bytes are copied to a key of their own under ``sealed/``, which no
upload link can ever name, and the upload key is retired (on local disk its
link is refused from then on). The copy is what is verified and what is served.

Every call that may wait on a disk or the network is bounded by a timeout and
fails with :class:`StorageError`: a store that accepts connections but never
answers costs the caller seconds, not a hung request.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import anyio
from anyio import to_thread

T = TypeVar("T")

DEFAULT_TIMEOUT = 10.0
"""Seconds any one storage call may take before it fails with StorageError (``STORAGE_TIMEOUT``)."""

SEALED = "sealed"
"""The prefix of the keys confirmed documents are served from. No upload link is ever signed for one."""


@dataclass(frozen=True)
class PresignedUpload:
    """An HTML-form style upload: POST ``fields`` plus the file (as ``file``, last) to ``url``.

    ``conditions`` are the policy conditions the storage enforces: the exact
    key, the content type, and a ``content-length-range``.
    """

    url: str
    fields: dict[str, str]
    expires_at: dt.datetime
    max_size: int
    conditions: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class StoredObject:
    """What storage knows of an uploaded object."""

    size: int
    content_type: str | None


class StorageError(Exception):
    """Storage could not be reached, did not answer in time, or refused the operation (a full disk too)."""


class ObjectChanged(StorageError):
    """The stored bytes of a sealed document no longer match what was verified: never serve them."""


def sealed_folder(key: str) -> str:
    """Where the sealed copies of the upload ``key`` live: ``sealed/<key>``."""
    return f"{SEALED}/{key}"


def new_sealed_key(key: str) -> str:
    """A key no one has used: a sealed copy of ``key``. Copies sort by the time they were made."""
    return f"{sealed_folder(key)}/{time.time_ns():020d}-{uuid.uuid4().hex[:12]}"


def is_sealed(key: str) -> bool:
    return key == SEALED or key.startswith(f"{SEALED}/")


async def bounded(function: Callable[[], T], *, timeout: float, action: str, limiter: Any = None) -> T:
    """Run ``function`` in a worker thread for at most ``timeout`` seconds.

    A thread cannot be stopped: on timeout it is abandoned (its result ignored) and the caller gets
    StorageError at once. Disk errors (full, read-only, I/O) become StorageError too.
    """
    try:
        with anyio.fail_after(timeout):
            return await to_thread.run_sync(function, abandon_on_cancel=True, limiter=limiter)
    except TimeoutError as exc:
        raise StorageError(f"document storage did not answer within {timeout:g} s to {action}") from exc
    except OSError as exc:
        raise StorageError(f"document storage failed to {action}: {exc.strerror or exc}") from exc


class DocumentStorage(Protocol):
    """Where document files live: S3 (or any S3-compatible store) or local disk."""

    async def presign_upload(
        self, key: str, *, media_type: str, min_size: int, max_size: int, expires_in: int
    ) -> PresignedUpload:
        """Sign a POST that can create exactly ``key``, of this type and size, until it expires."""
        ...

    async def stat(self, key: str) -> StoredObject | None:
        """The object's size and type, or None when nothing was uploaded."""
        ...

    async def read(self, key: str, *, limit: int) -> bytes:
        """The object's bytes; at most ``limit + 1`` are read, so oversize objects are caught cheaply."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the object; removing a missing object is not an error."""
        ...

    async def presign_download(
        self, key: str, *, file_name: str, media_type: str, expires_in: int, sha256: str | None = None
    ) -> str:
        """A URL that serves the object as an attachment named ``file_name`` until it expires.

        Signing needs no network. Where the backend serves files itself, a link given ``sha256``
        refuses to serve bytes that no longer have that digest.
        """
        ...

    async def seal(self, key: str) -> str | None:
        """Freeze what was uploaded at ``key``: its bytes, copied to a new key no upload can write.

        Returns the new key, or None when nothing was uploaded. Sealing an upload already sealed
        returns its latest copy, so a confirmation that failed after sealing can be retried.
        """
        ...

    async def verify(self, key: str, *, size: int, sha256: str) -> None:
        """Raise :class:`ObjectChanged` if the object is gone or no longer has this size and digest
        (as far as the backend can tell without reading it all)."""
        ...
