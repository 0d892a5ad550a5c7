"""Document storage in S3 or any S3-compatible store.

Credentials come from the standard AWS chain. boto3 is synchronous, so every
call runs in a worker thread and the event loop never waits on the network.
Each call is bounded by ``timeout`` seconds: boto3's own connect and read
timeouts, and a deadline on the whole call (retries included). A call that
overruns abandons its thread, which runs out its boto3 timeouts on a limiter of
its own, so that a brownout of S3 cannot take every worker thread.

Sealing copies the upload, server side, to a new key under ``sealed/`` with an
SHA-256 checksum that S3 computes and keeps; :meth:`S3Storage.verify` compares
it (and the size) before a download is signed.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import datetime as dt
import json
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import boto3
from anyio import CapacityLimiter
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

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
from api.storage.local import attachment_disposition, check_key, check_media_type

T = TypeVar("T")
_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3Storage:
    """Objects in one bucket. The client is made on first use, so building the app connects to nothing."""

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_threads: int = 16,
    ) -> None:
        if not bucket:
            raise ValueError("an S3 bucket name is required")
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self.region = region
        self.timeout = timeout
        self._client: Any = None
        self._lock = threading.Lock()
        self._limiters: weakref.WeakKeyDictionary[Any, CapacityLimiter] = weakref.WeakKeyDictionary()
        self._max_threads = max_threads

    def client(self) -> Any:
        """The boto3 S3 client: signature v4, path-style addressing for a custom endpoint."""
        with self._lock:
            if self._client is None:
                config = Config(
                    signature_version="s3v4",
                    s3={"addressing_style": "path"} if self.endpoint_url else {},
                    connect_timeout=min(5.0, self.timeout),
                    read_timeout=self.timeout,
                    retries={"mode": "standard", "max_attempts": 2},
                )
                self._client = boto3.session.Session().client(
                    "s3", endpoint_url=self.endpoint_url, region_name=self.region, config=config
                )
            return self._client

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

        def sign() -> dict[str, Any]:
            return self.client().generate_presigned_post(
                Bucket=self.bucket,
                Key=key,
                Fields={"Content-Type": media_type},
                Conditions=[{"Content-Type": media_type}, ["content-length-range", min_size, max_size]],
                ExpiresIn=expires_in,
            )

        signed = await self._call(sign, "sign an upload")
        policy = json.loads(base64.b64decode(signed["fields"]["policy"]))
        expires_at = dt.datetime.strptime(policy["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        return PresignedUpload(
            url=signed["url"],
            fields=dict(signed["fields"]),
            expires_at=expires_at,
            max_size=max_size,
            conditions=policy["conditions"],
        )

    async def stat(self, key: str) -> StoredObject | None:
        check_key(key)

        def head() -> StoredObject | None:
            try:
                found = self.client().head_object(Bucket=self.bucket, Key=key)
            except ClientError as exc:
                if _missing(exc):
                    return None
                raise
            return StoredObject(size=int(found["ContentLength"]), content_type=found.get("ContentType"))

        return await self._call(head, "look up a document")

    async def read(self, key: str, *, limit: int) -> bytes:
        """At most ``limit + 1`` bytes; StorageError when nothing is stored at ``key``."""
        check_key(key)

        def get() -> bytes:
            try:
                found = self.client().get_object(Bucket=self.bucket, Key=key, Range=f"bytes=0-{limit}")
            except ClientError as exc:
                if _missing(exc):
                    raise StorageError(f"nothing is stored at {key!r}") from exc
                if _code(exc) == "InvalidRange":  # an empty object has no byte 0
                    return b""
                raise
            with found["Body"] as body:
                return body.read(limit + 1)

        return await self._call(get, "read a document")

    async def delete(self, key: str) -> None:
        check_key(key)

        def remove() -> None:
            self.client().delete_object(Bucket=self.bucket, Key=key)

        await self._call(remove, "delete a document")

    async def seal(self, key: str) -> str | None:
        check_key(key)
        if is_sealed(key):
            raise ValueError("a sealed key cannot be sealed again")
        sealed = new_sealed_key(key)

        def copy() -> str | None:
            client = self.client()
            try:
                client.copy_object(
                    Bucket=self.bucket,
                    Key=sealed,
                    CopySource={"Bucket": self.bucket, "Key": key},
                    ChecksumAlgorithm="SHA256",
                    MetadataDirective="COPY",
                )
            except ClientError as exc:
                if not _missing(exc):
                    raise
                listed = client.list_objects_v2(Bucket=self.bucket, Prefix=f"{sealed_folder(key)}/")
                copies = sorted(item["Key"] for item in listed.get("Contents", []))
                return copies[-1] if copies else None  # sealed before; or nothing was uploaded
            client.delete_object(Bucket=self.bucket, Key=key)
            return sealed

        return await self._call(copy, "seal an upload")

    async def verify(self, key: str, *, size: int, sha256: str) -> None:
        check_key(key)
        try:
            expected = base64.b64encode(binascii.unhexlify(sha256)).decode("ascii")
        except (binascii.Error, ValueError) as exc:
            raise ValueError("expected an SHA-256 in hex") from exc

        def head() -> tuple[int, str | None] | None:
            try:
                found = self.client().head_object(Bucket=self.bucket, Key=key, ChecksumMode="ENABLED")
            except ClientError as exc:
                if _missing(exc):
                    return None
                raise
            return int(found["ContentLength"]), found.get("ChecksumSHA256")

        found = await self._call(head, "check a document")
        if found is None:
            raise ObjectChanged(f"nothing is stored at {key!r} any more")
        stored_size, checksum = found
        # a sealed copy is always written with its SHA-256; one without was written by something else.
        # An object stored before sealing existed has none: its size is all S3 can tell of it.
        if checksum is None and is_sealed(key):
            raise ObjectChanged(f"the object at {key!r} was rewritten without the checksum it was sealed with")
        if stored_size != size or (checksum is not None and checksum != expected):
            raise ObjectChanged(f"the bytes stored at {key!r} are not the ones verified")

    async def presign_download(
        self, key: str, *, file_name: str, media_type: str, expires_in: int, sha256: str | None = None
    ) -> str:
        check_key(key)
        check_media_type(media_type)

        def sign() -> str:
            return self.client().generate_presigned_url(
                "get_object",
                Params={
                    "Bucket": self.bucket,
                    "Key": key,
                    "ResponseContentDisposition": attachment_disposition(file_name),
                    "ResponseContentType": media_type,
                },
                ExpiresIn=expires_in,
            )

        return await self._call(sign, "sign a download")

    # -- internals -------------------------------------------------------------------------

    async def _call(self, function: Callable[[], T], action: str) -> T:
        """Run ``function`` in a worker thread, bounded; S3, connection failures and timeouts become StorageError."""
        loop = asyncio.get_running_loop()
        limiter = self._limiters.get(loop)
        if limiter is None:
            limiter = self._limiters[loop] = CapacityLimiter(self._max_threads)
        try:
            return await bounded(function, timeout=self.timeout, action=action, limiter=limiter)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code, message = error.get("Code", "unknown"), error.get("Message", "")
            raise StorageError(f"S3 refused to {action} in bucket {self.bucket!r}: {code} {message}".strip()) from exc
        except BotoCoreError as exc:
            raise StorageError(f"could not reach S3 to {action}: {exc}") from exc


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code"))


def _missing(exc: ClientError) -> bool:
    return _code(exc) in _MISSING
