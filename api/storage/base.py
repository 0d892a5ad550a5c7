"""The document storage interface. No file bytes pass through GraphQL.

Clients upload straight to storage with a presigned POST and download with a
short-lived presigned GET; the API only signs, checks and records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol


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
    """Storage could not be reached or refused the operation."""


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

    async def presign_download(self, key: str, *, file_name: str, media_type: str, expires_in: int) -> str:
        """A URL that serves the object as an attachment named ``file_name`` until it expires."""
        ...
