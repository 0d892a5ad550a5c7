"""Document storage in S3 or any S3-compatible store.

Credentials come from the standard AWS chain. boto3 is synchronous, so every
call runs in a worker thread and the event loop never waits on the network.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import boto3
from anyio import to_thread
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from api.storage.base import PresignedUpload, StorageError, StoredObject
from api.storage.local import attachment_disposition, check_key, check_media_type

T = TypeVar("T")
_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3Storage:
    """Objects in one bucket. The client is made on first use, so building the app connects to nothing."""

    def __init__(self, bucket: str, *, endpoint_url: str | None = None, region: str | None = None) -> None:
        if not bucket:
            raise ValueError("an S3 bucket name is required")
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self.region = region
        self._client: Any = None
        self._lock = threading.Lock()

    def client(self) -> Any:
        """The boto3 S3 client: signature v4, path-style addressing for a custom endpoint."""
        with self._lock:
            if self._client is None:
                config = Config(
                    signature_version="s3v4",
                    s3={"addressing_style": "path"} if self.endpoint_url else {},
                    connect_timeout=5,
                    read_timeout=30,
                    retries={"mode": "standard", "max_attempts": 3},
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

    async def presign_download(self, key: str, *, file_name: str, media_type: str, expires_in: int) -> str:
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
        """Run ``function`` in a worker thread; S3 and connection failures become StorageError."""
        try:
            return await to_thread.run_sync(function)
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
