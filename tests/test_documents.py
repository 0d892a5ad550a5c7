"""Documents end to end over HTTP, against local disk and a real S3-protocol server.

A provider attaches a PDF to its draft bid; the lead authority downloads it
once the round closes; another provider is refused; a renamed executable is
refused. Each backend gets its own demo database, since these tests write.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from api.auth.actor import Role
from api.domain.clock import FixedClock
from api.domain.documents import DEFAULT_MAX_BYTES
from db import models as m
from db.demo import data
from db.engine import create_engine
from db.enums import DocumentType
from tests.conftest import _migrate_and_seed
from tests.documents_support import EXE, PDF, PNG, attach, confirm, docx, request_upload, sha256, upload
from tests.support import DEMO_NOW, Api, fresh_database, serve


def pk(global_id: str) -> int:
    return int(base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode().split(":")[1])


@dataclass
class Docs:
    api: Api
    clock: FixedClock
    storage: Any
    bid: str
    round_closes_at: dt.datetime
    owner: str
    lead: str
    other: str
    other_provider: str

    def after_close(self) -> None:
        self.clock.at = self.round_closes_at + dt.timedelta(hours=1)

    def reset(self) -> None:
        self.clock.at = DEMO_NOW


@pytest.fixture(scope="module", params=["local", "s3"])
def docs(request: pytest.FixtureRequest, backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Docs]:
    directory = tmp_path_factory.mktemp(f"documents-{backend}-{request.param}")
    storage = None
    if request.param == "s3":
        from api.storage.s3 import S3Storage

        s3 = request.getfixturevalue("s3_server")
        storage = S3Storage(s3.bucket, endpoint_url=s3.endpoint_url, region=s3.region)
    with fresh_database(backend, directory) as url:
        asyncio.run(_migrate_and_seed(url))
        clock = FixedClock(DEMO_NOW)
        live = serve(url, directory, clock=clock, storage=storage)
        try:
            with httpx.Client(base_url=live.base_url, timeout=30) as http:
                api = Api(live=live, http=http, backend=backend)
                yield _docs(api, clock, live.app.state.storage)
        finally:
            live.stop()


def _docs(api: Api, clock: FixedClock, storage: Any) -> Docs:
    # bids are sealed until their round closes: find a draft through its own provider
    drafter = next(p.legal_name for p in data.PROVIDERS if p.round_two == "DRAFT")
    listed = api.gql("{ providers(first: 100) { edges { node { id legalName } } } }")["providers"]["edges"]
    owner_id = next(pk(e["node"]["id"]) for e in listed if e["node"]["legalName"] == drafter)
    drafts = api.gql(
        "{ bids(first: 10, filter: {status: DRAFT}) { edges { node { id provider { id } round { closesAt } } } } }",
        token=api.token(Role.PROVIDER_USER, provider_id=owner_id, scopes=_provider_scopes()),
    )["bids"]["edges"]
    bid = drafts[0]["node"]
    providers = api.gql("{ providers(first: 50) { edges { node { id } } } }")["providers"]["edges"]
    other = next(e["node"]["id"] for e in providers if e["node"]["id"] != bid["provider"]["id"])
    return Docs(
        api=api,
        clock=clock,
        storage=storage,
        bid=bid["id"],
        round_closes_at=dt.datetime.fromisoformat(bid["round"]["closesAt"]),
        owner=api.token(Role.PROVIDER_USER, provider_id=pk(bid["provider"]["id"]), scopes=_provider_scopes()),
        lead=api.token(Role.LEAD_ADMIN, authority_id=1),
        other=api.token(Role.PROVIDER_USER, provider_id=pk(other), scopes=_provider_scopes()),
        other_provider=other,
    )


def _provider_scopes() -> tuple[str, ...]:
    from api.auth.scopes import scopes_for

    return scopes_for(Role.PROVIDER_USER)


@pytest.fixture(autouse=True)
def _clock_back(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "docs" in request.fixturenames:
        request.getfixturevalue("docs").reset()


def test_a_provider_attaches_a_pdf_and_the_lead_downloads_it_after_close(docs: Docs) -> None:
    api = docs.api
    result = attach(api, docs.owner, docs.bid, PDF)
    assert result["__typename"] == "ConfirmDocumentUploadPayload", result
    document = result["document"]
    assert document["status"] == "AVAILABLE" and document["mediaType"] == "application/pdf"

    # the owner can fetch it at once
    own = api.http.get(f"/documents/{document['id']}/download", headers={"Authorization": f"Bearer {docs.owner}"})
    assert own.status_code == 302
    assert httpx.get(own.headers["location"]).content == PDF

    asyncio.run(_submit(docs, pk(docs.bid)))
    try:
        # sealed: before the round closes the lead authority may not read it
        sealed = api.http.get(f"/documents/{document['id']}/download", headers={"Authorization": f"Bearer {docs.lead}"})
        assert sealed.status_code == 403

        docs.after_close()
        lead = {"Authorization": f"Bearer {docs.lead}"}
        opened = api.http.get(f"/documents/{document['id']}/download", headers=lead)
        assert opened.status_code == 302
        fetched = httpx.get(opened.headers["location"])
        assert fetched.status_code == 200 and fetched.content == PDF
        assert "attachment" in fetched.headers.get("content-disposition", "")
        url = api.gql(
            "query($id: ID!) { node(id: $id) { ... on Document { downloadUrl } } }",
            {"id": document["id"]},
            token=docs.lead,
        )["node"]["downloadUrl"]
        assert httpx.get(url).content == PDF
    finally:
        asyncio.run(_submit(docs, pk(docs.bid), undo=True))

    # another provider: Forbidden on download, not found through the API
    other = api.http.get(f"/documents/{document['id']}/download", headers={"Authorization": f"Bearer {docs.other}"})
    assert other.status_code == 403
    errors = api.errors("query($id: ID!) { node(id: $id) { id } }", {"id": document["id"]}, token=docs.other)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"
    anonymous = api.http.get(f"/documents/{document['id']}/download")
    assert anonymous.status_code == 401


def test_a_renamed_executable_is_refused_and_deleted(docs: Docs) -> None:
    requested = request_upload(docs.api, docs.owner, docs.bid, EXE, file_name="policy.pdf")
    assert requested["__typename"] == "RequestDocumentUploadPayload"
    assert upload(requested["upload"], EXE).status_code in (200, 201, 204)
    rejected = confirm(docs.api, docs.owner, requested["document"]["id"])
    assert rejected["__typename"] == "UploadRejected"
    assert "executable" in rejected["message"] and rejected["field"] == "file"
    status = docs.api.gql(
        "query($id: ID!) { node(id: $id) { ... on Document { status rejectionReason downloadUrl } } }",
        {"id": requested["document"]["id"]},
        token=docs.owner,
    )["node"]
    assert status["status"] == "REJECTED" and status["downloadUrl"] is None
    key = asyncio.run(_storage_key(docs, requested["document"]["id"]))
    assert asyncio.run(docs.storage.stat(key)) is None


async def _storage_key(docs: Docs, document_id: str) -> str:
    from sqlalchemy import select

    engine = create_engine(docs.api.app.state.settings.database_url)
    try:
        async with engine.connect() as connection:
            return (
                await connection.execute(select(m.Document.storage_key).where(m.Document.id == pk(document_id)))
            ).scalar_one()
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    ("declared", "uploaded", "media_type", "reason"),
    [
        (PDF, PDF.replace(b"612", b"613"), "application/pdf", "SHA-256"),
        (PNG, PNG, "application/pdf", "not the application/pdf declared"),
    ],
    ids=["wrong-hash", "wrong-type"],
)
def test_mismatches_are_rejected(docs: Docs, declared: bytes, uploaded: bytes, media_type: str, reason: str) -> None:
    requested = request_upload(docs.api, docs.owner, docs.bid, declared, media_type=media_type)
    assert requested["__typename"] == "RequestDocumentUploadPayload"
    assert upload(requested["upload"], uploaded, media_type=media_type).status_code in (200, 201, 204)
    rejected = confirm(docs.api, docs.owner, requested["document"]["id"])
    assert rejected["__typename"] == "UploadRejected" and reason in rejected["message"], rejected


def test_declarations_are_checked_before_anything_is_signed(docs: Docs) -> None:
    api = docs.api
    oversize = request_upload(api, docs.owner, docs.bid, PDF, size=200 * 1024 * 1024)
    assert (oversize["__typename"], oversize["field"]) == ("ValidationError", "input.size")
    bad_hash = request_upload(api, docs.owner, docs.bid, PDF, digest="abc")
    assert (bad_hash["__typename"], bad_hash["field"]) == ("ValidationError", "input.sha256")
    html = request_upload(api, docs.owner, docs.bid, b"<html></html>", media_type="text/html", file_name="a.html")
    assert (html["__typename"], html["field"]) == ("ValidationError", "input.mediaType")
    wrong_kind = request_upload(api, docs.owner, docs.bid, PDF, document_type="SIGNED_IPA")
    assert (wrong_kind["__typename"], wrong_kind["field"]) == ("ValidationError", "input.documentType")
    not_an_owner = request_upload(
        api,
        docs.owner,
        api.gql("{ authorities(first: 1) { edges { node { id } } } }")["authorities"]["edges"][0]["node"]["id"],
        PDF,
    )
    assert (not_an_owner["__typename"], not_an_owner["field"]) == ("ValidationError", "input.owner")
    garbage = request_upload(api, docs.owner, "not-an-id", PDF)
    assert (garbage["__typename"], garbage["field"]) == ("ValidationError", "input.owner")


def test_another_provider_cannot_attach_to_a_bid(docs: Docs) -> None:
    refused = request_upload(docs.api, docs.other, docs.bid, PDF)
    assert refused["__typename"] in ("Forbidden", "NotFound"), refused


def test_an_unconfirmed_upload_expires(docs: Docs) -> None:
    requested = request_upload(docs.api, docs.owner, docs.bid, PDF)
    docs.clock.at = DEMO_NOW + dt.timedelta(days=1)  # past the link, before the round closes
    late = confirm(docs.api, docs.owner, requested["document"]["id"])
    assert late["__typename"] == "DeadlinePassed"


def test_new_versions_supersede_and_history_stays_readable(docs: Docs) -> None:
    provider = docs.api.gql("{ viewer { provider { id } } }", token=docs.owner)["viewer"]["provider"]["id"]
    first = attach(docs.api, docs.owner, provider, PDF)["document"]
    second = attach(
        docs.api,
        docs.owner,
        provider,
        docx(),
        replaces=first["id"],
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        file_name="insurance-2026.docx",
    )
    assert second["__typename"] == "ConfirmDocumentUploadPayload", second
    assert second["document"]["previousVersion"] == {"id": first["id"], "status": "SUPERSEDED"}
    listed = docs.api.gql(
        "query($o: ID!) { documents(first: 10, filter: {owner: $o}) { edges { node { id status } } } }",
        {"o": provider},
        token=docs.owner,
    )["documents"]["edges"]
    assert {e["node"]["id"]: e["node"]["status"] for e in listed} == {
        first["id"]: "SUPERSEDED",
        second["document"]["id"]: "AVAILABLE",
    }
    again = request_upload(docs.api, docs.owner, provider, PDF, replaces=first["id"])
    assert again["__typename"] == "InvalidTransition"


def test_documents_on_a_submitted_bid_cannot_be_replaced(docs: Docs) -> None:
    document = attach(docs.api, docs.owner, docs.bid, PDF)["document"]
    asyncio.run(_submit(docs, pk(docs.bid)))
    try:
        replaced = request_upload(docs.api, docs.owner, docs.bid, PDF, replaces=document["id"])
        assert replaced["__typename"] == "InvalidTransition"
        added = request_upload(docs.api, docs.owner, docs.bid, PDF)
        assert added["__typename"] == "InvalidTransition"
    finally:
        asyncio.run(_submit(docs, pk(docs.bid), undo=True))


async def _submit(docs: Docs, bid_id: int, *, undo: bool = False) -> None:
    """Stand-in for the bid submission of the admission workflow: set the submission time."""
    engine = create_engine(docs.api.app.state.settings.database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                update(m.Bid)
                .where(m.Bid.id == bid_id)
                .values(submitted_at=None if undo else DEMO_NOW, version=m.Bid.version + 1)
            )
    finally:
        await engine.dispose()


def test_changes_are_audited(docs: Docs) -> None:
    document = attach(docs.api, docs.owner, docs.bid, PDF)["document"]
    query = "query($e: ID!) { auditEvents(first: 100, filter: {entity: $e}) { edges { node { action actor } } } }"

    def actions() -> list[str]:
        events = docs.api.gql(query, {"e": document["id"]}, token=docs.lead)["auditEvents"]["edges"]
        return [e["node"]["action"] for e in events]

    assert actions() == []  # a document of a sealed bid: its history is sealed with it
    asyncio.run(_submit(docs, pk(docs.bid)))
    docs.after_close()
    try:
        assert actions() == ["document.upload_requested", "document.confirmed"]
    finally:
        docs.reset()
        asyncio.run(_submit(docs, pk(docs.bid), undo=True))


def test_pending_uploads_are_cleaned_up_repeatably(docs: Docs, tmp_path: Path) -> None:
    from api.domain.documents import expire_pending_uploads
    from db.engine import session_factory

    requested = request_upload(docs.api, docs.owner, docs.bid, PDF)
    upload(requested["upload"], PDF)
    key = asyncio.run(_storage_key(docs, requested["document"]["id"]))

    async def sweep(at: dt.datetime) -> int:
        engine = create_engine(docs.api.app.state.settings.database_url)
        try:
            async with session_factory(engine)() as session:
                removed = await expire_pending_uploads(session, now=at, storage=docs.storage)
                await session.commit()
                return removed
        finally:
            await engine.dispose()

    assert asyncio.run(sweep(DEMO_NOW)) == 0
    later = DEMO_NOW + dt.timedelta(days=2)
    assert asyncio.run(sweep(later)) >= 1
    assert asyncio.run(sweep(later)) == 0
    assert asyncio.run(docs.storage.stat(key)) is None
    gone = docs.api.errors(
        "query($id: ID!) { node(id: $id) { id } }", {"id": requested["document"]["id"]}, token=docs.owner
    )
    assert gone[0]["extensions"]["code"] == "NOT_FOUND"
    assert sha256(PDF)


def test_a_published_specification_takes_no_new_documents(docs: Docs) -> None:
    specs = docs.api.gql(
        "{ purchasingSystems(first: 1) { edges { node { specifications { id status } } } } }", token=docs.lead
    )["purchasingSystems"]["edges"][0]["node"]["specifications"]
    published = next(s["id"] for s in specs if s["status"] == "PUBLISHED")
    draft = next(s["id"] for s in specs if s["status"] == "DRAFT")
    refused = request_upload(docs.api, docs.lead, published, PDF, document_type="SPECIFICATION")
    assert refused["__typename"] == "InvalidTransition"
    attached = attach(docs.api, docs.lead, draft, PDF, document_type="SPECIFICATION", file_name="spec-v2.pdf")
    assert attached["document"]["status"] == "AVAILABLE"
    # draft specifications' documents are not public
    public = docs.api.post("query($id: ID!) { node(id: $id) { id } }", {"id": attached["document"]["id"]})
    assert public.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_signed_call_off_keeps_its_agreement(docs: Docs) -> None:
    auditor = docs.api.token(Role.AUDITOR)
    call_off = docs.api.gql(
        "{ callOffs(first: 1, filter: {status: ACTIVE}) "
        "{ edges { node { id authority { id code } provider { id } } } } }",
        token=auditor,
    )["callOffs"]["edges"][0]["node"]
    commissioner = docs.api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(call_off["authority"]["id"]))
    signed = attach(docs.api, commissioner, call_off["id"], PDF, document_type="SIGNED_IPA", file_name="ipa.pdf")
    assert signed["document"]["status"] == "AVAILABLE"
    again = request_upload(docs.api, commissioner, call_off["id"], PDF, document_type="SIGNED_IPA")
    assert again["__typename"] == "InvalidTransition"
    replaced = request_upload(
        docs.api, commissioner, call_off["id"], PDF, document_type="SIGNED_IPA", replaces=signed["document"]["id"]
    )
    assert replaced["__typename"] == "InvalidTransition"

    # personal: the placing authority and the provider read it; another authority does not
    provider = docs.api.token(Role.PROVIDER_USER, provider_id=pk(call_off["provider"]["id"]))
    query = "query($id: ID!) { node(id: $id) { ... on Document { confidentiality } } }"
    assert docs.api.gql(query, {"id": signed["document"]["id"]}, token=provider)["node"] == {
        "confidentiality": "PERSONAL"
    }
    other_authority = docs.api.token(Role.AUTHORITY_COMMISSIONER, authority_id=pk(call_off["authority"]["id"]) % 24 + 1)
    errors = docs.api.errors(query, {"id": signed["document"]["id"]}, token=other_authority)
    assert errors[0]["extensions"]["code"] == "NOT_FOUND"


def test_storage_down_at_confirmation_is_a_clean_refusal(docs: Docs) -> None:
    from api.storage.s3 import S3Storage
    from tests.support import free_port

    requested = request_upload(docs.api, docs.owner, docs.bid, PDF)
    app = docs.api.app
    working = app.state.storage
    app.state.storage = S3Storage("missing", endpoint_url=f"http://127.0.0.1:{free_port()}", region="eu-west-2")
    try:
        down = confirm(docs.api, docs.owner, requested["document"]["id"])
        assert down["__typename"] == "StorageUnavailable"
    finally:
        app.state.storage = working
    status = docs.api.gql(
        "query($id: ID!) { node(id: $id) { ... on Document { status } } }",
        {"id": requested["document"]["id"]},
        token=docs.owner,
    )["node"]["status"]
    assert status == "PENDING_UPLOAD"
    upload(requested["upload"], PDF)
    assert confirm(docs.api, docs.owner, requested["document"]["id"])["__typename"] == "ConfirmDocumentUploadPayload"


# -- hostile files and names -----------------------------------------------------------------------------


def _docx_bomb(size: int) -> bytes:
    """A DOCX whose document inflates to ``size`` bytes of spaces: a few hundred KB uploaded."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(size // (1024 * 1024)):
                member.write(b" " * (1024 * 1024))
    return buffer.getvalue()


HOSTILE_UPLOADS = {
    "pdf-javascript": (
        b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n3 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n",
        "application/pdf",
        "a PDF with JavaScript",
    ),
    "pdf-launch": (
        PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/Launch/F(cmd.exe)>>"),
        "application/pdf",
        "starts a program",
    ),
    "pdf-html-polyglot": (
        PDF.replace(b"\n1 0 obj", b"\n%<html><script>alert(1)</script>\n1 0 obj"),
        "application/pdf",
        "HTML",
    ),
    "png-then-html": (b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", "image/png", "HTML"),
    "docx-bomb": (
        _docx_bomb(300 * 1024 * 1024),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "inflates past",
    ),
}


@pytest.mark.parametrize("name", HOSTILE_UPLOADS)
def test_active_polyglot_and_bomb_files_are_rejected_and_deleted(docs: Docs, name: str) -> None:
    data, media_type, reason = HOSTILE_UPLOADS[name]
    requested = request_upload(docs.api, docs.owner, docs.bid, data, media_type=media_type, file_name="policy.pdf")
    assert requested["__typename"] == "RequestDocumentUploadPayload", requested
    assert upload(requested["upload"], data, media_type=media_type).status_code in (200, 201, 204)
    rejected = confirm(docs.api, docs.owner, requested["document"]["id"])
    assert rejected["__typename"] == "UploadRejected" and reason in rejected["message"], rejected
    key = asyncio.run(_storage_key(docs, requested["document"]["id"]))
    assert asyncio.run(docs.storage.stat(key)) is None


@pytest.mark.parametrize(
    "file_name",
    ["invoice\u202efdp.exe", "report\u2067.pdf", "a\u200fb.pdf", "\u202apolicy.pdf", "bell\x85.pdf"],
)
def test_file_names_with_bidirectional_controls_are_refused(docs: Docs, file_name: str) -> None:
    refused = request_upload(docs.api, docs.owner, docs.bid, PDF, file_name=file_name)
    assert (refused["__typename"], refused["field"]) == ("ValidationError", "input.fileName"), refused


@pytest.mark.parametrize("document_type", list(DocumentType), ids=lambda t: t.value)
def test_every_document_type_has_a_size_limit(document_type: DocumentType) -> None:
    """A type with no limit would fail every upload request of it with a server error, not a refusal."""
    assert DEFAULT_MAX_BYTES[document_type] > 0
