"""Both document storage backends over real HTTP: local disk behind the app's routes, and S3 (moto's server)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import socket
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from api.app import create_app, document_storage
from api.config import Settings
from api.storage import (
    DocumentStorage,
    LocalStorage,
    ObjectChanged,
    PresignedUpload,
    S3Storage,
    StorageError,
    StoredObject,
    local_storage_secret,
)
from api.storage.local import attachment_disposition
from tests.conftest import S3Server
from tests.support import LiveServer

PDF = b"%PDF-1.4\n" + b"0123456789" * 50 + b"\n%%EOF\n"
PDF_TYPE = "application/pdf"
FILE_NAME = 'Zoë\'s care plan "v2".pdf'
REGION = "eu-west-2"


@dataclass
class Store:
    name: str
    storage: DocumentStorage
    http: httpx.Client
    prefix: str

    def key(self, name: str = "file.pdf") -> str:
        return f"{self.prefix}/{name}"


def upload(
    http: httpx.Client,
    presigned: PresignedUpload,
    data: bytes,
    *,
    fields: dict[str, str] | None = None,
    with_file: bool = True,
) -> httpx.Response:
    """What a browser form does: the presigned fields first, then the file."""
    form = {**presigned.fields, **(fields or {})}
    files = {"file": ("upload.pdf", data, "application/octet-stream")} if with_file else None
    if files is None:
        # httpx sends url-encoded data without files; force multipart with an empty extra part.
        files = {"note": (None, b"")}  # type: ignore[dict-item]
    return http.post(presigned.url, data=form, files=files)


@pytest.fixture(scope="module")
def local_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real app with local storage, its URLs pointing at where it is served."""
    directory = tmp_path_factory.mktemp("local-storage")
    settings = Settings(
        database_url=f"sqlite:///{directory / 'db.sqlite3'}",
        signing_key_file=str(directory / "signing-key.pem"),
        document_dir=str(directory / "documents"),
    )
    live = LiveServer(create_app(settings)).start()
    live.app.state.storage = document_storage(replace(settings, oauth_issuer=live.base_url))
    try:
        yield live
    finally:
        live.stop()


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    storage: DocumentStorage
    if request.param == "local":
        storage = request.getfixturevalue("local_server").app.state.storage
    else:
        s3: S3Server = request.getfixturevalue("s3_server")
        storage = S3Storage(s3.bucket, endpoint_url=s3.endpoint_url, region=s3.region)
    with httpx.Client(timeout=30) as http:
        yield Store(request.param, storage, http, f"tests/{uuid.uuid4().hex}")


@pytest.fixture()
def local(local_server: LiveServer) -> Iterator[tuple[LocalStorage, httpx.Client]]:
    with httpx.Client(timeout=30) as http:
        yield local_server.app.state.storage, http


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def leftovers(storage: LocalStorage) -> list[Path]:
    """Partial uploads left behind."""
    incoming = storage.directory / ".incoming"
    return list(incoming.iterdir()) if incoming.exists() else []


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


# -- both backends ------------------------------------------------------------------------


async def test_upload_stat_read_and_download(store: Store) -> None:
    key = store.key("care/plan.pdf")
    presigned = await store.storage.presign_upload(key, media_type=PDF_TYPE, min_size=1, max_size=10_000, expires_in=60)
    response = upload(store.http, presigned, PDF)
    assert response.status_code == 204, response.text

    assert await store.storage.stat(key) == StoredObject(size=len(PDF), content_type=PDF_TYPE)
    assert await store.storage.read(key, limit=10_000) == PDF
    assert await store.storage.read(key, limit=4) == PDF[:5]

    url = await store.storage.presign_download(key, file_name=FILE_NAME, media_type=PDF_TYPE, expires_in=60)
    got = store.http.get(url)
    assert got.status_code == 200, got.text
    assert got.content == PDF
    assert got.headers["content-type"] == PDF_TYPE
    disposition = got.headers["content-disposition"]
    assert disposition == attachment_disposition(FILE_NAME)
    assert disposition.startswith('attachment; filename="Zo_\'s care plan _v2_.pdf"')
    assert "filename*=UTF-8''Zo%C3%AB%27s%20care%20plan%20%22v2%22.pdf" in disposition


async def test_an_empty_file_reads_as_empty(store: Store) -> None:
    key = store.key("empty.pdf")
    presigned = await store.storage.presign_upload(key, media_type=PDF_TYPE, min_size=0, max_size=10, expires_in=60)
    assert upload(store.http, presigned, b"").status_code == 204
    assert await store.storage.stat(key) == StoredObject(size=0, content_type=PDF_TYPE)
    assert await store.storage.read(key, limit=10) == b""


async def test_expired_download_link_is_refused(store: Store) -> None:
    key = store.key()
    presigned = await store.storage.presign_upload(key, media_type=PDF_TYPE, min_size=1, max_size=10_000, expires_in=60)
    assert upload(store.http, presigned, PDF).status_code == 204
    if store.name == "local":
        url = await store.storage.presign_download(key, file_name="a.pdf", media_type=PDF_TYPE, expires_in=-1)
        refused = store.http.get(url)
        assert refused.status_code == 403
        assert refused.json()["error"] == "access_denied"
        assert "expired" in refused.json()["message"]
    else:
        # moto serves expired presigned GETs, so the expiry is checked in the signed URL itself.
        url = await store.storage.presign_download(key, file_name="a.pdf", media_type=PDF_TYPE, expires_in=7)
        params = query(url)
        assert params["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
        assert params["X-Amz-Expires"] == "7"
        signed_at = dt.datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        assert abs((signed_at - dt.datetime.now(dt.UTC)).total_seconds()) < 60
        assert "X-Amz-Signature" in params


async def test_delete_then_stat_is_none(store: Store) -> None:
    key = store.key()
    assert await store.storage.stat(key) is None
    presigned = await store.storage.presign_upload(key, media_type=PDF_TYPE, min_size=1, max_size=10_000, expires_in=60)
    assert upload(store.http, presigned, PDF).status_code == 204
    assert await store.storage.stat(key) is not None
    await store.storage.delete(key)
    assert await store.storage.stat(key) is None
    await store.storage.delete(key)  # deleting what is gone is not an error
    with pytest.raises(StorageError):
        await store.storage.read(key, limit=10)


async def test_upload_policy_conditions(store: Store) -> None:
    key = store.key()
    before = dt.datetime.now(dt.UTC)
    presigned = await store.storage.presign_upload(key, media_type=PDF_TYPE, min_size=10, max_size=2000, expires_in=600)
    assert presigned.fields["key"] == key
    assert presigned.fields["Content-Type"] == PDF_TYPE
    assert presigned.max_size == 2000
    assert presigned.expires_at.tzinfo is not None
    assert before + dt.timedelta(seconds=595) <= presigned.expires_at <= before + dt.timedelta(seconds=605)
    for condition in ({"key": key}, {"Content-Type": PDF_TYPE}, ["content-length-range", 10, 2000]):
        assert condition in presigned.conditions

    policy = presigned.fields["policy"]
    if store.name == "s3":
        document = json.loads(base64.b64decode(policy))
        assert document["expiration"] == presigned.expires_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        for condition in ({"key": key}, {"Content-Type": PDF_TYPE}, ["content-length-range", 10, 2000]):
            assert condition in document["conditions"]
        assert {"x-amz-algorithm": "AWS4-HMAC-SHA256"} in document["conditions"]
    else:
        document = json.loads(base64.urlsafe_b64decode(policy + "=" * (-len(policy) % 4)))
        assert document == {
            "key": key,
            "content_type": PDF_TYPE,
            "min_size": 10,
            "max_size": 2000,
            "expires": int(presigned.expires_at.timestamp()),
        }
        assert presigned.url.endswith("/storage/uploads")


@pytest.mark.parametrize("key", ["../escape.pdf", "a/../../escape.pdf", "/etc/passwd", "a\\b.pdf", "a//b", "", "a/."])
async def test_unsafe_keys_are_refused(store: Store, key: str) -> None:
    with pytest.raises(ValueError):
        await store.storage.presign_upload(key, media_type=PDF_TYPE, min_size=1, max_size=10, expires_in=60)
    with pytest.raises(ValueError):
        await store.storage.presign_download(key, file_name="a.pdf", media_type=PDF_TYPE, expires_in=60)
    with pytest.raises(ValueError):
        await store.storage.stat(key)
    with pytest.raises(ValueError):
        await store.storage.delete(key)


async def test_download_of_a_missing_file(store: Store) -> None:
    url = await store.storage.presign_download(store.key(), file_name="a.pdf", media_type=PDF_TYPE, expires_in=60)
    # S3 answers 403 rather than 404 when the signer may not list the bucket.
    assert store.http.get(url).status_code in ({404} if store.name == "local" else {403, 404})


# -- the local backend enforces its policy ------------------------------------------------------


def tampered(policy: str, **changes: Any) -> str:
    document = json.loads(base64.urlsafe_b64decode(policy + "=" * (-len(policy) % 4)))
    encoded = base64.urlsafe_b64encode(json.dumps({**document, **changes}).encode()).rstrip(b"=")
    return encoded.decode()


@pytest.mark.parametrize(
    ("case", "status", "error"),
    [
        ("oversize", 400, "entity_too_large"),
        ("undersize", 400, "entity_too_small"),
        ("wrong content type", 403, "access_denied"),
        ("tampered policy", 403, "access_denied"),
        ("expired policy", 403, "access_denied"),
        ("other key", 403, "access_denied"),
        ("forged signature", 403, "access_denied"),
        ("no signature", 403, "access_denied"),
        ("no file", 400, "missing_file"),
    ],
)
async def test_local_upload_refusals(
    local: tuple[LocalStorage, httpx.Client], case: str, status: int, error: str
) -> None:
    storage, http = local
    key = f"tests/{uuid.uuid4().hex}/file.pdf"
    presigned = await storage.presign_upload(
        key, media_type=PDF_TYPE, min_size=100, max_size=1000, expires_in=-1 if case == "expired policy" else 60
    )
    data, fields, with_file = PDF, {}, True
    if case == "oversize":
        data = PDF * 3
    elif case == "undersize":
        data = PDF[:99]
    elif case == "wrong content type":
        fields = {"Content-Type": "text/html"}
    elif case == "tampered policy":
        fields = {"policy": tampered(presigned.fields["policy"], max_size=10**9)}
        data = PDF * 3
    elif case == "other key":
        fields = {"key": f"tests/{uuid.uuid4().hex}/other.pdf"}
    elif case == "forged signature":
        fields = {"signature": base64.urlsafe_b64encode(bytes(32)).decode().rstrip("=")}
    elif case == "no signature":
        fields = {"signature": ""}
    elif case == "no file":
        with_file = False

    response = upload(http, presigned, data, fields=fields, with_file=with_file)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == error
    assert body["message"] and "Traceback" not in response.text
    assert await storage.stat(key) is None
    assert await storage.stat(fields.get("key", key)) is None
    assert not leftovers(storage)


async def test_local_refuses_an_oversize_body_before_reading_it(local: tuple[LocalStorage, httpx.Client]) -> None:
    storage, http = local
    key = f"tests/{uuid.uuid4().hex}/big.pdf"
    presigned = await storage.presign_upload(key, media_type=PDF_TYPE, min_size=1, max_size=1000, expires_in=60)
    # Fields first, then a file far over the limit: the declared length is refused as soon as the policy is read.
    try:
        response = upload(http, presigned, b"%PDF-" + bytes(8 * 1024 * 1024))
    except httpx.TransportError:
        pass  # the server may close the connection before the client has sent everything
    else:
        assert response.status_code == 400
        assert response.json()["error"] == "entity_too_large"
    assert await storage.stat(key) is None


async def test_local_refuses_bodies_that_are_not_uploads(local: tuple[LocalStorage, httpx.Client]) -> None:
    storage, http = local
    presigned = await storage.presign_upload("tests/x.pdf", media_type=PDF_TYPE, min_size=1, max_size=10, expires_in=60)
    response = http.post(presigned.url, data=presigned.fields)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
    garbled = http.post(
        presigned.url, content=b"--x\r\nnonsense", headers={"Content-Type": "multipart/form-data; boundary=x"}
    )
    assert garbled.status_code == 400
    assert garbled.json()["error"] in {"bad_request", "missing_file"}


async def test_local_download_links_cannot_be_altered(local: tuple[LocalStorage, httpx.Client]) -> None:
    storage, http = local
    key = f"tests/{uuid.uuid4().hex}/file.pdf"
    presigned = await storage.presign_upload(key, media_type=PDF_TYPE, min_size=1, max_size=10_000, expires_in=60)
    assert upload(http, presigned, PDF).status_code == 204
    url = await storage.presign_download(key, file_name="a.pdf", media_type=PDF_TYPE, expires_in=60)
    ok = http.get(url)
    assert ok.status_code == 200
    assert ok.headers["x-content-type-options"] == "nosniff"
    assert ok.headers["cache-control"] == "private, no-store"
    for name, value in [("type", "text/html"), ("filename", "a.html"), ("expires", str(int(time.time()) + 10**6))]:
        altered = httpx.URL(url).copy_set_param(name, value)
        refused = http.get(altered)
        assert refused.status_code == 403, name
        assert refused.json()["error"] == "access_denied"
    other = url.replace("/file.pdf?", "/other.pdf?")
    assert http.get(other).status_code == 403
    unsigned = url.split("?")[0]
    assert http.get(unsigned).status_code == 403


async def test_local_traversal_through_the_routes_is_refused(local: tuple[LocalStorage, httpx.Client]) -> None:
    storage, http = local
    base = storage.base_url
    # A raw request line: clients would normalise the dots away.
    with socket.create_connection((urlsplit(base).hostname, urlsplit(base).port)) as sock:
        sock.sendall(b"GET /storage/objects/a/../../signing-key.pem HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    assert reply.split(b" ")[1] == b"403"
    assert b"PRIVATE KEY" not in reply
    # Even a correctly signed policy naming a traversal key is refused.
    policy = tampered(
        (await storage.presign_upload("x", media_type=PDF_TYPE, min_size=1, max_size=99, expires_in=60)).fields[
            "policy"
        ],
        key="../escape.pdf",
    )
    forged = PresignedUpload(
        url=f"{base}/storage/uploads",
        fields={
            "key": "../escape.pdf",
            "Content-Type": PDF_TYPE,
            "policy": policy,
            "signature": storage._sign_upload(policy),
        },
        expires_at=dt.datetime.now(dt.UTC),
        max_size=99,
    )
    response = upload(http, forged, PDF[:50])
    assert response.status_code == 403
    assert not (storage.directory.parent / "escape.pdf").exists()


async def test_local_writes_inside_its_directory(local: tuple[LocalStorage, httpx.Client]) -> None:
    storage, http = local
    key = f"tests/{uuid.uuid4().hex}/nested/deeper/file.pdf"
    presigned = await storage.presign_upload(key, media_type=PDF_TYPE, min_size=1, max_size=10_000, expires_in=60)
    assert upload(http, presigned, PDF).status_code == 204
    assert (storage.directory / key).read_bytes() == PDF
    assert not leftovers(storage)


async def test_sealing_freezes_the_bytes_under_a_key_of_their_own(store: Store) -> None:
    key = store.key("sealed-me.pdf")
    presigned = await store.storage.presign_upload(key, media_type=PDF_TYPE, min_size=1, max_size=10_000, expires_in=60)
    assert upload(store.http, presigned, PDF).status_code == 204

    sealed = await store.storage.seal(key)
    assert sealed is not None and sealed.startswith(f"sealed/{key}/")
    assert await store.storage.read(sealed, limit=10_000) == PDF
    assert await store.storage.stat(key) is None  # the upload key is retired
    assert await store.storage.seal(key) == sealed  # sealing again (a retried confirmation) finds the copy
    with pytest.raises(ValueError):
        await store.storage.presign_upload(sealed, media_type=PDF_TYPE, min_size=1, max_size=10, expires_in=60)

    again = upload(store.http, presigned, PDF[::-1])  # the same link, other bytes
    if store.name == "local":
        assert again.status_code == 403 and "closed" in again.json()["message"]
    assert await store.storage.read(sealed, limit=10_000) == PDF  # whatever the link did, the copy is as it was

    digest = hashlib.sha256(PDF).hexdigest()
    await store.storage.verify(sealed, size=len(PDF), sha256=digest)
    with pytest.raises(ObjectChanged):
        await store.storage.verify(sealed, size=len(PDF), sha256="0" * 64)
    assert await store.storage.seal(store.key("never-uploaded.pdf")) is None


async def test_s3_that_never_answers_fails_within_its_timeout(s3_server: S3Server) -> None:
    from tests.reliability import Blackhole

    with Blackhole() as silent:
        storage = S3Storage("nwsend-documents", endpoint_url=silent.url, region=REGION, timeout=1.0)
        for call in (storage.stat("a.pdf"), storage.seal("a.pdf"), storage.read("a.pdf", limit=10)):
            started = time.monotonic()
            with pytest.raises(StorageError, match="did not answer within 1 s"):
                await call
            assert time.monotonic() - started < 2.5


# -- wiring and failures ------------------------------------------------------------------------


async def test_s3_unreachable_raises_storage_error(s3_server: S3Server) -> None:
    storage = S3Storage("nwsend-documents", endpoint_url=f"http://127.0.0.1:{closed_port()}", region=REGION)
    with pytest.raises(StorageError, match="could not reach S3"):
        await storage.stat("a.pdf")
    with pytest.raises(StorageError):
        await storage.read("a.pdf", limit=10)
    with pytest.raises(StorageError):
        await storage.delete("a.pdf")
    # Signing needs no network.
    presigned = await storage.presign_upload("a.pdf", media_type=PDF_TYPE, min_size=1, max_size=10, expires_in=60)
    assert presigned.url.endswith("/nwsend-documents")


async def test_s3_missing_bucket_is_a_storage_error(s3_server: S3Server) -> None:
    storage = S3Storage("no-such-bucket-here", endpoint_url=s3_server.endpoint_url, region=s3_server.region)
    with pytest.raises(StorageError, match="NoSuchBucket"):
        await storage.read("a.pdf", limit=10)


async def test_storage_routes_answer_404_with_s3(tmp_path: Path, s3_server: S3Server) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}", signing_key_file=str(tmp_path / "k.pem"))
    storage = S3Storage(s3_server.bucket, endpoint_url=s3_server.endpoint_url, region=s3_server.region)
    app = create_app(settings, storage=storage)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        for response in (
            await http.post("/storage/uploads", files={"file": ("a.pdf", PDF)}),
            await http.get("/storage/objects/a/b.pdf?expires=1&signature=x"),
        ):
            assert response.status_code == 404
            assert response.json()["error"] == "not_found"


def test_storage_from_settings(tmp_path: Path) -> None:
    settings = Settings(
        signing_key_file=str(tmp_path / "keys" / "signing-key.pem"),
        document_dir=str(tmp_path / "documents"),
        oauth_issuer="https://fps.example",
    )
    local = document_storage(settings)
    assert isinstance(local, LocalStorage)
    assert local.base_url == "https://fps.example"
    assert local.directory == (tmp_path / "documents").resolve()
    assert (tmp_path / "keys" / "signing-key.pem").exists()  # made when absent, as the app does
    again = document_storage(settings)
    assert isinstance(again, LocalStorage)
    assert local_storage_secret(b"key") == local_storage_secret(b"key") != local_storage_secret(b"other")
    assert again._sign_upload("p") == local._sign_upload("p")

    s3 = document_storage(
        replace(settings, document_storage="s3", s3_bucket="docs", s3_endpoint_url="http://s3.test", s3_region=REGION)
    )
    assert isinstance(s3, S3Storage)
    assert (s3.bucket, s3.endpoint_url, s3.region) == ("docs", "http://s3.test", REGION)
    with pytest.raises(ValueError, match="S3_BUCKET"):
        document_storage(replace(settings, document_storage="s3"))
    with pytest.raises(ValueError, match="local or s3"):
        document_storage(replace(settings, document_storage="ftp"))


def test_create_app_uses_the_configured_storage(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        signing_key_file=str(tmp_path / "k.pem"),
        document_dir=str(tmp_path / "documents"),
    )
    assert isinstance(create_app(settings).state.storage, LocalStorage)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"),
        ("a/b\\c.pdf", "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a_b_c.pdf"),
        (
            "bad\r\nSet-Cookie: x.pdf",
            "attachment; filename=\"badSet-Cookie: x.pdf\"; filename*=UTF-8''badSet-Cookie%3A%20x.pdf",
        ),
        ("", "attachment; filename=\"download\"; filename*=UTF-8''download"),
    ],
)
def test_attachment_disposition(name: str, expected: str) -> None:
    assert attachment_disposition(name) == expected
