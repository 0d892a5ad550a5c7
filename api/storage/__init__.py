"""Document storage: the interface, its two backends, and the one chosen by the settings."""

from __future__ import annotations

import hashlib
import hmac

from api.config import Settings
from api.storage.base import DocumentStorage, ObjectChanged, PresignedUpload, StorageError, StoredObject
from api.storage.local import LocalStorage
from api.storage.s3 import S3Storage

__all__ = [
    "DocumentStorage",
    "LocalStorage",
    "ObjectChanged",
    "PresignedUpload",
    "S3Storage",
    "StorageError",
    "StoredObject",
    "local_storage_secret",
    "storage_from_settings",
]


def local_storage_secret(private_key_pem: bytes) -> bytes:
    """The key that signs local storage URLs, derived from the app's private signing key."""
    return hmac.new(private_key_pem, b"local-document-storage", hashlib.sha256).digest()


def storage_from_settings(settings: Settings, *, private_key_pem: bytes) -> DocumentStorage:
    """The backend named by ``settings.document_storage``: "local" or "s3"."""
    if settings.document_storage == "local":
        return LocalStorage(
            settings.document_dir,
            base_url=settings.public_url,
            secret=local_storage_secret(private_key_pem),
            timeout=settings.storage_timeout,
        )
    if settings.document_storage == "s3":
        if not settings.s3_bucket:
            raise ValueError("DOCUMENT_STORAGE is s3 but no S3_BUCKET is set")
        return S3Storage(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            timeout=settings.storage_timeout,
        )
    raise ValueError(f"DOCUMENT_STORAGE must be local or s3, not {settings.document_storage!r}")
