"""The local document backend on a disk that fills up or turns read-only.

The documents folder is a small tmpfs of its own: filled to the last byte, then remounted read-only.
Uploads are answered 503 ``storage_unavailable`` with ``Retry-After`` (never a plain 500), a confirmation
is ``StorageUnavailable`` and leaves the upload pending, and all is well once the disk is. Mounting needs
the privilege to mount; without it these tests are skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.domain.clock import FixedClock
from tests.conftest import _migrate_and_seed
from tests.documents_support import PDF, confirm, request_upload, upload
from tests.support import DEMO_NOW, Api, fresh_database, serve
from tests.test_documents import Docs, _docs

STATUS = "query($id: ID!) { node(id: $id) { ... on Document { status } } }"


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        raise OSError(done.stderr.strip())


@contextlib.contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``path``, unmounted afterwards; skip when mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path))
    except (OSError, FileNotFoundError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot mount a small disk here: {exc}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=10)


@pytest.fixture(scope="module")
def disk_docs(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Docs, Path]]:
    directory = tmp_path_factory.mktemp(f"disk-{backend}")
    with small_disk(directory / "documents", "256k") as disk, fresh_database(backend, directory) as url:
        asyncio.run(_migrate_and_seed(url))
        clock = FixedClock(DEMO_NOW)
        live = serve(url, directory, clock=clock)
        try:
            with httpx.Client(base_url=live.base_url, timeout=30) as http:
                api = Api(live=live, http=http, backend=backend)
                yield _docs(api, clock, live.app.state.storage), disk
        finally:
            live.stop()


def _fill(disk: Path) -> Path:
    """Write to ``disk`` until it is full; the file that filled it."""
    filler = disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as file:
        for _ in range(1024):
            file.write(b"\0" * 4096)
            file.flush()
    return filler


def _unavailable(answer: httpx.Response) -> None:
    assert answer.status_code == 503, (answer.status_code, answer.text)
    assert answer.json()["error"] == "storage_unavailable" and answer.headers["retry-after"]


def test_a_full_disk_is_storage_unavailable_not_a_500(disk_docs: tuple[Docs, Path]) -> None:
    docs, disk = disk_docs
    requested = request_upload(docs.api, docs.owner, docs.bid, PDF)
    filler = _fill(disk)
    try:
        _unavailable(upload(requested["upload"], PDF))
        assert confirm(docs.api, docs.owner, requested["document"]["id"])["__typename"] == "ValidationError"
    finally:
        filler.unlink()
    assert upload(requested["upload"], PDF).status_code == 204
    confirmed = confirm(docs.api, docs.owner, requested["document"]["id"])
    assert confirmed["__typename"] == "ConfirmDocumentUploadPayload", confirmed


def test_a_read_only_disk_is_storage_unavailable_and_the_upload_stays_pending(disk_docs: tuple[Docs, Path]) -> None:
    docs, disk = disk_docs
    waiting = request_upload(docs.api, docs.owner, docs.bid, PDF)
    assert upload(waiting["upload"], PDF).status_code == 204
    requested = request_upload(docs.api, docs.owner, docs.bid, PDF)
    _mount("-o", "remount,ro", str(disk))
    try:
        _unavailable(upload(requested["upload"], PDF))
        refused = confirm(docs.api, docs.owner, waiting["document"]["id"])
        assert refused["__typename"] == "StorageUnavailable" and "pending" in refused["message"], refused
        status = docs.api.gql(STATUS, {"id": waiting["document"]["id"]}, token=docs.owner)["node"]["status"]
        assert status == "PENDING_UPLOAD"
    finally:
        _mount("-o", "remount,rw", str(disk))
    assert confirm(docs.api, docs.owner, waiting["document"]["id"])["__typename"] == "ConfirmDocumentUploadPayload"
    assert upload(requested["upload"], PDF).status_code == 204
