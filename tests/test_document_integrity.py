"""A confirmed document's bytes never change, and bytes that changed anyway are never served.

Confirmation seals the upload: its bytes are copied to a key no upload link can write, and on local
disk the upload link is closed. A second upload through the same link, of other bytes of the same size,
is refused (local) or lands where nothing reads it (S3); either way what is served is what was verified.
Bytes changed behind the API's back (on disk, or in the bucket) are refused at download and logged.

Runs against local disk and a real S3-protocol server, on SQLite and PostgreSQL.
"""

# ruff: noqa: F811  (the fixtures imported from tests/test_documents.py are taken as arguments by name)

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import httpx
import pytest

from api.storage import LocalStorage
from tests.documents_support import PDF, confirm, request_upload, upload
from tests.test_documents import Docs, _clock_back, _storage_key, docs  # noqa: F401  (the fixtures)

OTHER = PDF.replace(b"612 792", b"612 793")
assert len(OTHER) == len(PDF) and OTHER != PDF

DOWNLOAD_URL = "query($id: ID!) { node(id: $id) { ... on Document { status downloadUrl } } }"


def _confirmed(docs: Docs) -> tuple[str, dict[str, object]]:
    requested = request_upload(docs.api, docs.owner, docs.bid, PDF)
    assert requested["__typename"] == "RequestDocumentUploadPayload", requested
    assert upload(requested["upload"], PDF).status_code in (200, 201, 204)
    confirmed = confirm(docs.api, docs.owner, requested["document"]["id"])
    assert confirmed["__typename"] == "ConfirmDocumentUploadPayload", confirmed
    return requested["document"]["id"], requested["upload"]


def _served(docs: Docs, document: str) -> httpx.Response:
    """The file as the REST download route serves it to the owner: the redirect, followed."""
    redirect = docs.api.http.get(f"/documents/{document}/download", headers={"Authorization": f"Bearer {docs.owner}"})
    if redirect.status_code != 302:
        return redirect
    return httpx.get(redirect.headers["location"], timeout=10)


def test_a_confirmed_documents_upload_link_cannot_replace_its_bytes(docs: Docs) -> None:
    document, instructions = _confirmed(docs)

    again = upload(instructions, OTHER)  # the same signed link, other bytes of the same size
    if isinstance(docs.storage, LocalStorage):
        assert again.status_code == 403, again.text
        assert again.json()["error"] == "access_denied" and "closed" in again.json()["message"]
    else:
        assert again.status_code in (200, 201, 204, 403), again.text  # S3 cannot revoke a signed POST

    served = _served(docs, document)
    assert served.status_code == 200 and served.content == PDF
    url = docs.api.gql(DOWNLOAD_URL, {"id": document}, token=docs.owner)["node"]["downloadUrl"]
    assert httpx.get(url, timeout=10).content == PDF
    key = asyncio.run(_storage_key(docs, document))
    assert key.startswith("sealed/documents/")  # a key of its own, for which no upload is ever signed
    assert confirm(docs.api, docs.owner, document)["__typename"] == "InvalidTransition"


def test_bytes_changed_in_storage_are_refused_at_download_and_reported(
    docs: Docs, caplog: pytest.LogCaptureFixture
) -> None:
    document, _ = _confirmed(docs)
    key = asyncio.run(_storage_key(docs, document))
    assert _served(docs, document).content == PDF
    url = docs.api.gql(DOWNLOAD_URL, {"id": document}, token=docs.owner)["node"]["downloadUrl"]

    # someone with access to the disk or the bucket rewrites the file, same size, other bytes
    if isinstance(docs.storage, LocalStorage):
        Path(docs.storage.path_for(key)).write_bytes(OTHER)
    else:
        docs.storage.client().put_object(Bucket=docs.storage.bucket, Key=key, Body=OTHER)

    with caplog.at_level(logging.ERROR, logger="api"):
        refused = docs.api.http.get(
            f"/documents/{document}/download", headers={"Authorization": f"Bearer {docs.owner}"}
        )
        assert refused.status_code == 409, refused.text
        assert refused.json()["error"] == "DOCUMENT_CHANGED" and "reported" in refused.json()["message"]
        if isinstance(docs.storage, LocalStorage):  # a link signed before the change serves nothing either
            direct = httpx.get(url, timeout=10)
            assert direct.status_code == 409 and direct.json()["error"] == "document_changed"
            assert OTHER not in direct.content
    reported = [r for r in caplog.records if r.levelno >= logging.ERROR and "no longer match" in r.getMessage()]
    assert reported, caplog.text
