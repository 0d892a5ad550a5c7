"""Document storage on local disk, for development and single-server installs.

Uploads and downloads go through the API's own ``/storage`` routes with
signed, expiring parameters shaped like S3's, so clients treat both backends
alike: POST the presigned ``fields`` then the ``file``; GET the download URL.

Sealing an upload (at confirmation) hard-links its file under ``sealed/`` and
makes the folder ``sealed/<key>``, whose existence closes the upload link: the
routes refuse any further upload to that key. Download links carry the
document's SHA-256, and a file whose bytes no longer match is not served.
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
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar
from urllib.parse import quote, urlencode

from api.storage.base import (
    DEFAULT_TIMEOUT,
    ObjectChanged,
    PresignedUpload,
    StorageError,
    StoredObject,
    bounded,
    is_sealed,
    new_sealed_key,
    sealed_folder,
)

T = TypeVar("T")
MAX_KEY_LENGTH = 1024
_INCOMING = ".incoming"
_META = ".meta"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MEDIA_TYPE = re.compile(r"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$")


class PolicyRefused(Exception):
    """A signed upload policy or download URL that is forged, tampered with, expired or misused."""


class LinkClosed(PolicyRefused):
    """An upload to a key that has been sealed: its document was confirmed (or refused) and never changes."""

    def __init__(self) -> None:
        super().__init__("This upload link is closed: its document has been confirmed and its file never changes.")


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
    sha256: str | None = None


class LocalStorage:
    """Files under ``directory``, one per key; a key's content type is kept beside it."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        base_url: str,
        secret: bytes,
        now: Callable[[], float] = time.time,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if len(secret) < 16:
            raise ValueError("the local storage secret must be at least 16 bytes")
        self.directory = Path(directory).resolve()
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._upload_key = hmac.new(secret, b"upload", hashlib.sha256).digest()
        self._download_key = hmac.new(secret, b"download", hashlib.sha256).digest()
        self._now = now

    # -- the DocumentStorage interface ------------------------------------------------

    async def presign_upload(
        self, key: str, *, media_type: str, min_size: int, max_size: int, expires_in: int
    ) -> PresignedUpload:
        check_key(key)
        check_media_type(media_type)
        if is_sealed(key):
            raise ValueError("a sealed key is never uploaded to")
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
        return await self.call(lambda: self._stat(key), "look up a document")

    async def read(self, key: str, *, limit: int) -> bytes:
        """At most ``limit + 1`` bytes; StorageError when nothing is stored at ``key``."""
        return await self.call(lambda: self._read(key, limit), "read a document")

    async def delete(self, key: str) -> None:
        await self.call(lambda: self._delete(key), "delete a document")

    async def presign_download(
        self, key: str, *, file_name: str, media_type: str, expires_in: int, sha256: str | None = None
    ) -> str:
        check_key(key)
        check_media_type(media_type)
        expires = int(self._now()) + expires_in
        fields: dict[str, str | int] = {"expires": expires, "filename": file_name, "type": media_type}
        if sha256 is not None:
            fields["sha256"] = sha256
        fields["signature"] = self._sign_download(key, expires, file_name, media_type, sha256)
        return f"{self.base_url}/storage/objects/{quote(key, safe='/')}?{urlencode(fields)}"

    async def seal(self, key: str) -> str | None:
        check_key(key)
        if is_sealed(key):
            raise ValueError("a sealed key cannot be sealed again")
        return await self.call(lambda: self._seal(key), "seal an upload")

    async def verify(self, key: str, *, size: int, sha256: str) -> None:
        digest = await self.call(lambda: self.digest(key), "check a document")
        if digest is None or digest != (size, sha256):
            raise ObjectChanged(f"the bytes stored at {key!r} are not the ones verified")

    def digest(self, key: str) -> tuple[int, str] | None:
        """The size and SHA-256 of the object ``key``, or None when it is gone (blocking: run it in a thread)."""
        hasher = hashlib.sha256()
        size = 0
        try:
            with self.path_for(key).open("rb") as file:
                while chunk := file.read(1024 * 1024):
                    hasher.update(chunk)
                    size += len(chunk)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        return size, hasher.hexdigest()

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
        self, key: str, *, expires: str, file_name: str, media_type: str, signature: str, sha256: str | None = None
    ) -> DownloadGrant:
        """The grant, if this storage signed the URL and it has not expired; PolicyRefused otherwise."""
        if not expires.isdigit():
            raise PolicyRefused("The download link is not valid.")
        expected = self._sign_download(key, int(expires), file_name, media_type, sha256)
        if not hmac.compare_digest(signature.encode(), expected.encode()):
            raise PolicyRefused("The download link is not valid.")
        if int(expires) < self._now():
            raise PolicyRefused("The download link has expired; ask for a new one.")
        try:
            check_key(key)
            check_media_type(media_type)
        except ValueError as exc:
            raise PolicyRefused("The download link is not valid.") from exc
        return DownloadGrant(key=key, file_name=file_name, media_type=media_type, sha256=sha256)

    def path_for(self, key: str) -> Path:
        """Where the object ``key`` lives on disk."""
        return self.directory / check_key(key)

    def open_incoming(self) -> tuple[IO[bytes], Path]:
        """A new temporary file for an upload in progress, on the same filesystem as the objects."""
        incoming = self.directory / _INCOMING
        incoming.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=incoming, prefix="upload-")
        return os.fdopen(fd, "wb"), Path(name)

    async def start_upload(self) -> tuple[IO[bytes], Path]:
        """:meth:`open_incoming` in a worker thread, bounded; a full or read-only disk is StorageError."""
        return await self.call(self.open_incoming, "store an upload")

    async def write_upload(self, file: IO[bytes], data: bytes) -> None:
        """Append to an upload in progress; a full disk is StorageError."""
        await self.call(lambda: file.write(data), "store an upload")

    async def upload_closed(self, key: str) -> bool:
        """Whether ``key`` was sealed, so that its upload link is closed."""
        return await self.call(lambda: self._closed(key), "look up an upload")

    async def commit(self, incoming: Path, key: str, *, content_type: str) -> None:
        """Move a completed upload into place as ``key``, atomically; LinkClosed once ``key`` is sealed."""
        await self.call(lambda: self._commit(incoming, key, content_type), "store an upload")

    # -- internals -------------------------------------------------------------------------

    async def call(self, function: Callable[[], T], action: str) -> T:
        """Run a blocking ``function`` on this storage's disk in a worker thread, bounded by the timeout."""
        return await bounded(function, timeout=self.timeout, action=action)

    def _meta_path(self, key: str) -> Path:
        return self.directory / _META / f"{check_key(key)}.json"

    def _closed(self, key: str) -> bool:
        return self.path_for(sealed_folder(key)).is_dir()

    def _seal(self, key: str) -> str | None:
        source, folder = self.path_for(key), self.path_for(sealed_folder(key))
        if source.is_file():
            folder.mkdir(parents=True, exist_ok=True)  # from now on the upload link is closed
            sealed = new_sealed_key(key)
            target = self.path_for(sealed)
            try:
                _link_or_copy(source, target)
            except FileNotFoundError:
                pass  # sealed at this moment by another confirmation: use its copy
            else:
                meta = self._meta_path(key)
                if meta.exists():
                    self._meta_path(sealed).parent.mkdir(parents=True, exist_ok=True)
                    _write_atomically(self._meta_path(sealed), meta.read_bytes())
                source.unlink(missing_ok=True)
                meta.unlink(missing_ok=True)
                return sealed
        if not folder.is_dir():
            return None
        copies = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        return f"{sealed_folder(key)}/{copies[-1]}" if copies else None

    def _commit(self, incoming: Path, key: str, content_type: str) -> None:
        target, meta = self.path_for(key), self._meta_path(key)
        if self._closed(key):
            incoming.unlink(missing_ok=True)
            raise LinkClosed()
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

    def _sign_download(self, key: str, expires: int, file_name: str, media_type: str, sha256: str | None) -> str:
        signed: list[object] = [key, expires, file_name, media_type]
        if sha256 is not None:
            signed.append(sha256)
        message = json.dumps(signed, separators=(",", ":")).encode()
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


def _link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a second name of ``source``'s bytes (uploads replace a file, never rewrite it), else a copy."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:  # a filesystem without hard links
        _copy_atomically(source, target)


def _copy_atomically(source: Path, target: Path) -> None:
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    os.close(fd)
    try:
        shutil.copyfile(source, name)
        os.replace(name, target)
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
