"""Upload and download routes of the local document storage, shaped like S3's.

``POST /storage/uploads`` takes the presigned fields then the file, as an S3
presigned POST does; ``GET /storage/objects/{key}`` serves a file for a signed,
expiring link. With the S3 backend clients talk to S3 directly and both
routes answer 404.

An upload link is closed once its document is confirmed (403). A download
link carries the document's SHA-256, and a file whose bytes no longer match is
refused (409) and logged as an error. A disk that is full, read-only or does
not answer in time is 503 ``storage_unavailable`` with ``Retry-After``.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import IO, Any

from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from api.storage import LocalStorage, StorageError
from api.storage.local import LinkClosed, PolicyRefused, UploadPolicy, attachment_disposition

FORM_OVERHEAD = 64 * 1024
"""Room for the fields and boundaries beside the file; also the most read before the file starts."""

DOWNLOAD_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"}
STORAGE_UNAVAILABLE = "The file could not be stored or read: document storage is unavailable. Try again later."

log = logging.getLogger("api.documents")


class Refused(Exception):
    """An upload refused with an HTTP status, an error code and a message for people."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message

    def response(self) -> JSONResponse:
        return error_response(self.status, self.error, self.message)


def error_response(status: int, error: str, message: str) -> JSONResponse:
    headers = {"Cache-Control": "no-store"}
    if status == 503:
        headers["Retry-After"] = "5"
    return JSONResponse({"error": error, "message": message}, status_code=status, headers=headers)


def unavailable(exc: StorageError) -> JSONResponse:
    log.warning("document storage unavailable: %s", exc)
    return error_response(503, "storage_unavailable", STORAGE_UNAVAILABLE)


class KeyRoute(Route):
    """A route whose ``{key}`` may contain "/", keeping ``{key}`` in its described path."""

    def __init__(self, path: str, endpoint: Any, **kwargs: Any) -> None:
        super().__init__(path.replace("{key}", "{key:path}"), endpoint, **kwargs)
        self.path = path
        # any key reaches the endpoint, which refuses a bad one with its JSON error (a newline too)
        self.path_regex = re.compile(self.path_regex.pattern, re.DOTALL)


def _too_large(policy: UploadPolicy) -> Refused:
    return Refused(400, "entity_too_large", f"The file is larger than the {policy.max_size} bytes allowed.")


def _local(request: Request) -> LocalStorage | None:
    storage = getattr(request.app.state, "storage", None)
    return storage if isinstance(storage, LocalStorage) else None


def _not_here() -> JSONResponse:
    return error_response(404, "not_found", "Documents are not stored by this server; use the URL you were given.")


# -- upload ----------------------------------------------------------------------------


async def receive_upload(request: Request) -> Response:
    """Store the form's file under the key its signed policy allows."""
    storage = _local(request)
    if storage is None:
        return _not_here()
    form = UploadForm(storage, request)
    try:
        await form.receive()
        policy = form.finish()
    except Refused as refused:
        form.discard()
        return refused.response()
    except ClientDisconnect:
        form.discard()
        return Response(status_code=400)
    except StorageError as exc:
        form.discard()
        return unavailable(exc)
    except BaseException:
        form.discard()
        raise
    try:
        await storage.commit(form.incoming, policy.key, content_type=policy.content_type)
    except LinkClosed as exc:
        return error_response(403, "access_denied", str(exc))
    except StorageError as exc:
        return unavailable(exc)
    return Response(status_code=204)


class UploadForm:
    """Streams a multipart form: fields first, checked against the signed policy, then the file to disk.

    Nothing is read past the policy's size limit; fields after the file are ignored, as S3 does.
    """

    def __init__(self, storage: LocalStorage, request: Request) -> None:
        self.storage = storage
        self.request = request
        self.fields: dict[str, str] = {}
        self.policy: UploadPolicy | None = None
        self.incoming: Path = Path()
        self.size = 0
        self._file: IO[bytes] | None = None
        self._part_name = ""
        self._part_headers: dict[bytes, bytes] = {}
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._field = bytearray()
        self._in_file = False
        self._file_started = False
        self._file_ended = False
        self._pending: list[bytes] = []

    async def receive(self) -> None:
        boundary = self._boundary()
        parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._on_part_begin,
                "on_header_field": self._on_header_field,
                "on_header_value": self._on_header_value,
                "on_header_end": self._on_header_end,
                "on_headers_finished": self._on_headers_finished,
                "on_part_data": self._on_part_data,
                "on_part_end": self._on_part_end,
            },
        )
        received = 0
        try:
            async for chunk in self.request.stream():
                received += len(chunk)
                parser.write(chunk)
                if self._file_started and self.policy is None:
                    self.policy = self._authorize()
                    if await self.storage.upload_closed(self.policy.key):
                        raise Refused(403, "access_denied", str(LinkClosed()))
                    self._file, self.incoming = await self.storage.start_upload()
                limit = FORM_OVERHEAD + (self.policy.max_size if self.policy else 0)
                if received > limit:
                    if self.policy is None:
                        raise Refused(400, "bad_request", "The fields before the file are too large.")
                    raise _too_large(self.policy)
                await self._write_pending()
            parser.finalize()
        except FormParserError as exc:
            raise Refused(400, "bad_request", "The body is not a valid multipart form.") from exc
        await self._write_pending()

    def finish(self) -> UploadPolicy:
        """The policy the completed upload satisfies; Refused otherwise."""
        if not self._file_started or self.policy is None:
            raise Refused(400, "missing_file", "The form has no file; send it last, in a field named file.")
        if not self._file_ended:
            raise Refused(400, "bad_request", "The upload is incomplete.")
        if self.size < self.policy.min_size:
            raise Refused(
                400, "entity_too_small", f"The file is smaller than the {self.policy.min_size} bytes allowed."
            )
        try:
            self._close()
        except OSError as exc:  # the last buffered bytes could not be written
            raise StorageError(f"could not store the upload: {exc.strerror or exc}") from exc
        return self.policy

    def discard(self) -> None:
        """Remove a partial upload."""
        try:
            self._close()
        except OSError:  # a full disk fails the last flush too
            pass
        if self.incoming != Path():
            try:
                self.incoming.unlink(missing_ok=True)
            except OSError:
                log.warning("could not remove the partial upload %s", self.incoming)

    def _close(self) -> None:
        if self._file is not None:
            file, self._file = self._file, None
            file.close()

    def _boundary(self) -> bytes:
        media_type, options = parse_options_header(self.request.headers.get("content-type", ""))
        boundary = options.get(b"boundary")
        if media_type != b"multipart/form-data" or not boundary:
            raise Refused(400, "bad_request", "Send the upload as multipart/form-data.")
        return boundary

    def _authorize(self) -> UploadPolicy:
        """The fields before the file must carry a valid policy for exactly this key and type."""
        policy, signature = self.fields.get("policy"), self.fields.get("signature")
        if not policy or not signature:
            raise Refused(403, "access_denied", "The form has no policy or signature; send the presigned fields.")
        try:
            granted = self.storage.check_upload(policy, signature)
        except PolicyRefused as exc:
            raise Refused(403, "access_denied", str(exc)) from exc
        if self.fields.get("key") != granted.key:
            raise Refused(403, "access_denied", "The form's key is not the one the upload policy allows.")
        content_type = next((v for k, v in self.fields.items() if k.lower() == "content-type"), None)
        if content_type != granted.content_type:
            raise Refused(403, "access_denied", "The form's Content-Type is not the one the upload policy allows.")
        declared = self.request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > granted.max_size + FORM_OVERHEAD:
            raise _too_large(granted)
        return granted

    async def _write_pending(self) -> None:
        if not self._pending or self._file is None or self.policy is None:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        self.size += len(data)
        if self.size > self.policy.max_size:
            raise _too_large(self.policy)
        await self.storage.write_upload(self._file, data)

    # -- parser callbacks (synchronous; the async loop acts on what they record) ---------

    def _on_part_begin(self) -> None:
        self._part_name = ""
        self._part_headers = {}
        self._field.clear()
        self._in_file = False

    def _on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _on_header_end(self) -> None:
        self._part_headers[bytes(self._header_name).lower()] = bytes(self._header_value)
        self._header_name.clear()
        self._header_value.clear()

    def _on_headers_finished(self) -> None:
        _, options = parse_options_header(self._part_headers.get(b"content-disposition", b""))
        self._part_name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options and self._part_name == "file" and not self._file_started:
            self._in_file = self._file_started = True

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._in_file:
            self._pending.append(bytes(data[start:end]))
        elif not self._file_started:
            self._field += data[start:end]

    def _on_part_end(self) -> None:
        if self._in_file:
            self._file_ended = True
            self._in_file = False
        elif not self._file_started and self._part_name:
            self.fields.setdefault(self._part_name, self._field.decode("utf-8", "replace"))


# -- download ----------------------------------------------------------------------------


async def serve_object(request: Request) -> Response:
    """Serve a stored file as an attachment, for a signed link that has not expired."""
    storage = _local(request)
    if storage is None:
        return _not_here()
    query = request.query_params
    try:
        grant = storage.check_download(
            request.path_params["key"],
            expires=query.get("expires", ""),
            file_name=query.get("filename", ""),
            media_type=query.get("type", ""),
            signature=query.get("signature", ""),
            sha256=query.get("sha256"),
        )
    except PolicyRefused as exc:
        return error_response(403, "access_denied", str(exc))
    path = storage.path_for(grant.key)
    try:
        stat = await storage.call(lambda: _stat(path), "look up a document")
        digest = (
            None
            if stat is None or grant.sha256 is None
            else await storage.call(lambda: storage.digest(grant.key), "check a document")
        )
    except StorageError as exc:
        return unavailable(exc)
    if stat is None:
        return error_response(404, "not_found", "The file is no longer stored.")
    if grant.sha256 is not None:
        if digest != (stat.st_size, grant.sha256):
            log.error("refused to serve %s: its bytes no longer match the SHA-256 verified at confirmation", grant.key)
            return error_response(
                409,
                "document_changed",
                "The stored file no longer matches the one that was verified, so it is not served. "
                "This has been reported.",
            )
    return FileResponse(
        path,
        media_type=grant.media_type,
        stat_result=stat,
        headers={"Content-Disposition": attachment_disposition(grant.file_name), **DOWNLOAD_HEADERS},
    )


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
