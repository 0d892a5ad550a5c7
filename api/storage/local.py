"""Document storage on local disk, for development and single-server installs.

Uploads and downloads go through the API's own ``/storage`` routes with
signed, expiring parameters shaped like S3's, so clients treat both backends
alike: POST the presigned ``fields`` then the ``file``; GET the download URL.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import quote, urlencode

from anyio import to_thread

from api.storage.base import PresignedUpload, StorageError, StoredObject

MAX_KEY_LENGTH = 1024
_INCOMING = ".incoming"
_META = ".meta"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MEDIA_TYPE = re.compile(r"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$")


class PolicyRefused(Exception):
    """A signed upload policy or download URL that is forged, tampered with, expired or misused."""


def check_key(key: str) -> str:
    """``key`` if it is a safe relative object name; ValueError otherwise.

    Segments are separated by "/"; none may be empty, start with "." (so no
    "..") or hold backslashes or control characters.
    """
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError("an object key must be 1 to 1024 characters long")
    if "\\" in key or _CONTROL.search(key) or key.startswith("/"):
        raise ValueError(f"unsafe object key {key!r}")
    if any(not part or part.startswith(".") for part in key.split("/")):
        raise ValueError(f"unsafe object key {key!r}")
    return key


def check_media_type(media_type: str) -> str:
    """``media_type`` if it is a bare ``type/subtype``; ValueError otherwise."""
    if not _MEDIA_TYPE.match(media_type):
        raise ValueError(f"not a media type: {media_type!r}")
    return media_type


def attachment_disposition(file_name: str) -> str:
    """A ``Content-Disposition: attachment`` value: an ASCII fallback plus the RFC 5987 UTF-8 name."""
    name = _CONTROL.sub("", file_name).replace("/", "_").replace("\\", "_").strip() or "download"
    fallback = "".join(c if " " <= c <= "~" and c not in '"%' else "_" for c in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@dataclass(frozen=True)
class UploadPolicy:
    """What a signed upload policy allows."""

    key: str
    content_type: str
    min_size: int
    max_size: int
    expires: int


@dataclass(frozen=True)
class DownloadGrant:
    """What a signed download URL allows."""

    key: str
    file_name: str
    media_type: str


class LocalStorage:
    """Files under ``directory``, one per key; a key's content type is kept beside it."""

    def __init__(
        self, directory: str | os.PathLike[str], *, base_url: str, secret: bytes, now: Callable[[], float] = time.time
    ) -> None:
        if len(secret) < 16:
            raise ValueError("the local storage secret must be at least 16 bytes")
        self.directory = Path(directory).resolve()
        self.base_url = base_url.rstrip("/")
        self._upload_key = hmac.new(secret, b"upload", hashlib.sha256).digest()
        self._download_key = hmac.new(secret, b"download", hashlib.sha256).digest()
        self._now = now

    # -- the DocumentStorage interface ------------------------------------------------

    async def presign_upload(
        self, key: str, *, media_type: str, min_size: int, max_size: int, expires_in: int
    ) -> PresignedUpload:
        check_key(key)
        check_media_type(media_type)
        if not 0 <= min_size <= max_size:
            raise ValueError("expected 0 <= min_size <= max_size")
        expires = int(self._now()) + expires_in
        document = {
            "key": key,
            "content_type": media_type,
            "min_size": min_size,
            "max_size": max_size,
            "expires": expires,
        }
        policy = _b64encode(json.dumps(document, separators=(",", ":"), sort_keys=True).encode())
        return PresignedUpload(
            url=f"{self.base_url}/storage/uploads",
            fields={"key": key, "Content-Type": media_type, "policy": policy, "signature": self._sign_upload(policy)},
            expires_at=dt.datetime.fromtimestamp(expires, dt.UTC),
            max_size=max_size,
            conditions=[{"key": key}, {"Content-Type": media_type}, ["content-length-range", min_size, max_size]],
        )

    async def stat(self, key: str) -> StoredObject | None:
        return await to_thread.run_sync(self._stat, key)

    async def read(self, key: str, *, limit: int) -> bytes:
        """At most ``limit + 1`` bytes; StorageError when nothing is stored at ``key``."""
        return await to_thread.run_sync(self._read, key, limit)

    async def delete(self, key: str) -> None:
        await to_thread.run_sync(self._delete, key)

    async def presign_download(self, key: str, *, file_name: str, media_type: str, expires_in: int) -> str:
        check_key(key)
        check_media_type(media_type)
        expires = int(self._now()) + expires_in
        query = urlencode(
            {
                "expires": expires,
                "filename": file_name,
                "type": media_type,
                "signature": self._sign_download(key, expires, file_name, media_type),
            }
        )
        return f"{self.base_url}/storage/objects/{quote(key, safe='/')}?{query}"

    # -- used by the /storage routes ------------------------------------------------------

    def check_upload(self, policy: str, signature: str) -> UploadPolicy:
        """The policy, if this storage signed it and it has not expired; PolicyRefused otherwise."""
        if not hmac.compare_digest(signature.encode(), self._sign_upload(policy).encode()):
            raise PolicyRefused("The upload policy's signature is not valid.")
        try:
            document = json.loads(_b64decode(policy))
            granted = UploadPolicy(
                key=check_key(document["key"]),
                content_type=str(document["content_type"]),
                min_size=int(document["min_size"]),
                max_size=int(document["max_size"]),
                expires=int(document["expires"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise PolicyRefused("The upload policy is malformed.") from exc
        if granted.expires < self._now():
            raise PolicyRefused("The upload policy has expired; ask for a new upload.")
        return granted

    def check_download(
        self, key: str, *, expires: str, file_name: str, media_type: str, signature: str
    ) -> DownloadGrant:
        """The grant, if this storage signed the URL and it has not expired; PolicyRefused otherwise."""
        if not expires.isdigit():
            raise PolicyRefused("The download link is not valid.")
        expected = self._sign_download(key, int(expires), file_name, media_type)
        if not hmac.compare_digest(signature.encode(), expected.encode()):
            raise PolicyRefused("The download link is not valid.")
        if int(expires) < self._now():
            raise PolicyRefused("The download link has expired; ask for a new one.")
        try:
            check_key(key)
            check_media_type(media_type)
        except ValueError as exc:
            raise PolicyRefused("The download link is not valid.") from exc
        return DownloadGrant(key=key, file_name=file_name, media_type=media_type)

    def path_for(self, key: str) -> Path:
        """Where the object ``key`` lives on disk."""
        return self.directory / check_key(key)

    def open_incoming(self) -> tuple[IO[bytes], Path]:
        """A new temporary file for an upload in progress, on the same filesystem as the objects."""
        incoming = self.directory / _INCOMING
        incoming.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=incoming, prefix="upload-")
        return os.fdopen(fd, "wb"), Path(name)

    async def commit(self, incoming: Path, key: str, *, content_type: str) -> None:
        """Move a completed upload into place as ``key``, atomically."""
        await to_thread.run_sync(self._commit, incoming, key, content_type)

    # -- internals -------------------------------------------------------------------------

    def _meta_path(self, key: str) -> Path:
        return self.directory / _META / f"{check_key(key)}.json"

    def _commit(self, incoming: Path, key: str, content_type: str) -> None:
        target, meta = self.path_for(key), self._meta_path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            meta.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(meta, json.dumps({"content_type": content_type}).encode())
            os.replace(incoming, target)
        except OSError as exc:
            incoming.unlink(missing_ok=True)
            raise StorageError(f"could not store the upload: {exc.strerror or exc}") from exc

    def _stat(self, key: str) -> StoredObject | None:
        try:
            size = self.path_for(key).stat().st_size
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise StorageError(f"could not read document storage: {exc.strerror or exc}") from exc
        try:
            content_type = json.loads(self._meta_path(key).read_bytes()).get("content_type")
        except (OSError, ValueError):
            content_type = None
        return StoredObject(size=size, content_type=content_type)

    def _read(self, key: str, limit: int) -> bytes:
        try:
            with self.path_for(key).open("rb") as file:
                return file.read(limit + 1)
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise StorageError(f"nothing is stored at {key!r}") from exc
        except OSError as exc:
            raise StorageError(f"could not read document storage: {exc.strerror or exc}") from exc

    def _delete(self, key: str) -> None:
        try:
            self.path_for(key).unlink(missing_ok=True)
            self._meta_path(key).unlink(missing_ok=True)
        except NotADirectoryError:
            return
        except OSError as exc:
            raise StorageError(f"could not delete from document storage: {exc.strerror or exc}") from exc

    def _sign_upload(self, policy: str) -> str:
        return _b64encode(hmac.new(self._upload_key, policy.encode(), hashlib.sha256).digest())

    def _sign_download(self, key: str, expires: int, file_name: str, media_type: str) -> str:
        message = json.dumps([key, expires, file_name, media_type], separators=(",", ":")).encode()
        return _b64encode(hmac.new(self._download_key, message, hashlib.sha256).digest())


def _write_atomically(path: Path, data: bytes) -> None:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64url") from exc
