"""Sample files and the upload round trip, shared by the document tests."""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any

import httpx

from tests.support import Api

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    + b"\x00" * 40
)
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 44
    + b"\x80\x00\x00\x00"
    + b"\x00" * 64
    + b"PE\x00\x00"
    + b"\x00" * 200
)


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


REQUEST = """mutation($input: RequestDocumentUploadInput!) {
  requestDocumentUpload(input: $input) {
    __typename
    ... on RequestDocumentUploadPayload {
      document { id status confidentiality }
      upload { url fields { name value } expiresAt maxSize }
    }
    ... on MutationError { message code field }
  }
}"""

CONFIRM = """mutation($id: ID!) {
  confirmDocumentUpload(input: {id: $id}) {
    __typename
    ... on ConfirmDocumentUploadPayload { document { id status mediaType downloadUrl previousVersion { id status } } }
    ... on MutationError { message code field }
  }
}"""


def request_upload(
    api: Api,
    token: str,
    owner: str,
    data: bytes,
    *,
    document_type: str = "INSURANCE",
    media_type: str = "application/pdf",
    file_name: str = "insurance.pdf",
    replaces: str | None = None,
    size: int | None = None,
    digest: str | None = None,
) -> dict[str, Any]:
    variables = {
        "input": {
            "owner": owner,
            "documentType": document_type,
            "fileName": file_name,
            "mediaType": media_type,
            "size": len(data) if size is None else size,
            "sha256": sha256(data) if digest is None else digest,
            "replaces": replaces,
        }
    }
    return api.gql(REQUEST, variables, token=token)["requestDocumentUpload"]


def upload(instructions: dict[str, Any], data: bytes, *, media_type: str = "application/pdf") -> httpx.Response:
    """POST the file the way a browser form would: every signed field, then the file."""
    fields = [(f["name"], (None, f["value"])) for f in instructions["fields"]]
    return httpx.post(instructions["url"], files=[*fields, ("file", ("upload", data, media_type))], timeout=30)


def confirm(api: Api, token: str, document_id: str) -> dict[str, Any]:
    return api.gql(CONFIRM, {"id": document_id}, token=token)["confirmDocumentUpload"]


def attach(api: Api, token: str, owner: str, data: bytes, **kwargs: Any) -> dict[str, Any]:
    """Request, upload and confirm; returns the confirmation result."""
    requested = request_upload(api, token, owner, data, **kwargs)
    assert requested["__typename"] == "RequestDocumentUploadPayload", requested
    response = upload(requested["upload"], data, media_type=kwargs.get("media_type", "application/pdf"))
    assert response.status_code in (200, 201, 204), response.text
    return confirm(api, token, requested["document"]["id"])
