"""Documents: who may attach what to which record, and the verified upload flow.

1. :func:`request_upload` checks the owner, the caller's right to write to it
   and the declared file, records a pending document and signs an upload
   limited to exactly that key, type and size.
2. :func:`confirm_upload` checks what actually arrived: size, SHA-256 and the
   type the bytes show (never the name). Only then is the document
   AVAILABLE; otherwise the file is deleted and the document REJECTED.

Documents on a submitted bid, a published specification or a signed
call-off can never be replaced, and a confirmed document's bytes never
change: confirmation seals the upload (``api/storage/base.py``), copying its
bytes to a key no upload link can write, and verifies and serves that copy.

No transaction is ever open while storage is called: storage may be slow or
not answer at all, and a transaction held meanwhile would hold a database
connection (and its locks) for as long. Signing an upload happens before
anything is read; a confirmation reads, ends its transaction, calls storage,
then checks again and records the outcome in a new transaction; a download
reads, ends its transaction, then checks the stored bytes and signs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.actor import Actor, Role
from api.domain import audit
from api.domain import status as st
from api.domain.errors import (
    DeadlinePassed,
    DomainError,
    Forbidden,
    InvalidTransition,
    NotFound,
    StorageUnavailable,
    UploadRejected,
    ValidationError,
)
from api.domain.queries import rows_by_id
from api.domain.wording import listed, state, words
from api.storage.base import DocumentStorage, ObjectChanged, PresignedUpload, StorageError
from api.storage.sniff import ALLOWED_MEDIA_TYPES, sniff
from db import models as m
from db.enums import Confidentiality, DocumentType

MiB = 1024 * 1024
PENDING_GRACE = dt.timedelta(hours=1)

OWNER_MODELS: dict[str, type] = {
    "Specification": m.Specification,
    "Bid": m.Bid,
    "Offer": m.Offer,
    "CallOff": m.CallOff,
    "OutcomeReport": m.OutcomeReport,
    "Provider": m.Provider,
    "BidLot": m.BidLot,
    "Invoice": m.Invoice,
    "UpliftRequest": m.UpliftRequest,
    "AnnualReview": m.AnnualReview,
}

TYPES_BY_OWNER: dict[str, frozenset[DocumentType]] = {
    "Specification": frozenset({DocumentType.SPECIFICATION, DocumentType.OTHER}),
    "Bid": frozenset(
        {DocumentType.INSURANCE, DocumentType.SAFEGUARDING_POLICY, DocumentType.OFSTED_REPORT, DocumentType.OTHER}
    ),
    "Offer": frozenset({DocumentType.OFSTED_REPORT, DocumentType.OTHER}),
    "CallOff": frozenset({DocumentType.SIGNED_IPA, DocumentType.OTHER}),
    "OutcomeReport": frozenset({DocumentType.OUTCOME_EVIDENCE}),
    "Provider": frozenset(
        {DocumentType.INSURANCE, DocumentType.SAFEGUARDING_POLICY, DocumentType.OFSTED_REPORT, DocumentType.OTHER}
    ),
    "BidLot": frozenset({DocumentType.EVALUATION_REPORT}),
    "Invoice": frozenset({DocumentType.INVOICE}),
    "UpliftRequest": frozenset({DocumentType.UPLIFT_EVIDENCE}),
    "AnnualReview": frozenset({DocumentType.REVIEW_REPORT}),
}


def types_for(owner_type: str) -> list[DocumentType]:
    """The kinds of document a record of ``owner_type`` takes, in the enum's order; none for any other type."""
    allowed = TYPES_BY_OWNER.get(owner_type, frozenset())
    return [kind for kind in DocumentType if kind in allowed]


CONFIDENTIALITY_BY_OWNER: dict[str, Confidentiality] = {
    "Specification": Confidentiality.PUBLIC,
    "Bid": Confidentiality.BUYER_ONLY,
    "Offer": Confidentiality.BUYER_ONLY,
    "CallOff": Confidentiality.PERSONAL,
    "OutcomeReport": Confidentiality.PERSONAL,
    "Provider": Confidentiality.BUYER_ONLY,
    "BidLot": Confidentiality.BUYER_ONLY,
    "Invoice": Confidentiality.BUYER_ONLY,
    "UpliftRequest": Confidentiality.BUYER_ONLY,
    "AnnualReview": Confidentiality.PERSONAL,
}

OCDS_DOCUMENT_TYPES: dict[DocumentType, str | None] = {
    DocumentType.SPECIFICATION: "technicalSpecifications",
    DocumentType.INSURANCE: "submissionDocuments",
    DocumentType.SAFEGUARDING_POLICY: "submissionDocuments",
    DocumentType.OFSTED_REPORT: "submissionDocuments",
    DocumentType.EVALUATION_REPORT: "evaluationReports",
    DocumentType.SIGNED_IPA: "contractSigned",
    DocumentType.OUTCOME_EVIDENCE: "physicalProgressReport",
    DocumentType.INVOICE: None,
    DocumentType.UPLIFT_EVIDENCE: None,
    DocumentType.REVIEW_REPORT: None,
    DocumentType.OTHER: None,
}

DEFAULT_MAX_BYTES: dict[DocumentType, int] = {
    DocumentType.SPECIFICATION: 50 * MiB,
    DocumentType.INSURANCE: 10 * MiB,
    DocumentType.SAFEGUARDING_POLICY: 20 * MiB,
    DocumentType.OFSTED_REPORT: 20 * MiB,
    DocumentType.EVALUATION_REPORT: 20 * MiB,
    DocumentType.SIGNED_IPA: 10 * MiB,
    DocumentType.OUTCOME_EVIDENCE: 20 * MiB,
    DocumentType.INVOICE: 10 * MiB,
    DocumentType.UPLIFT_EVIDENCE: 20 * MiB,
    DocumentType.REVIEW_REPORT: 20 * MiB,
    DocumentType.OTHER: 20 * MiB,
}

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
log = logging.getLogger("api.documents")
_MAX_CLEANUP_COPIES = 20


class DocumentChanged(DomainError):
    """The stored bytes of a verified document no longer match its SHA-256: they are not served."""

    code = "DOCUMENT_CHANGED"


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f/\\\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Slashes, control characters, and the bidirectional controls that can show a name ending ``.exe`` as ``.pdf``."""


@dataclass(frozen=True)
class DocumentRules:
    """Size limits per document type, and how long signed URLs live."""

    max_bytes: Mapping[DocumentType, int] = field(default_factory=lambda: dict(DEFAULT_MAX_BYTES))
    upload_ttl: int = 900
    download_ttl: int = 300

    @classmethod
    def with_overrides(cls, overrides: Mapping[str, int], *, upload_ttl: int, download_ttl: int) -> DocumentRules:
        limits = dict(DEFAULT_MAX_BYTES)
        for name, value in overrides.items():
            limits[DocumentType[name]] = value
        return cls(max_bytes=limits, upload_ttl=upload_ttl, download_ttl=download_ttl)


@dataclass(frozen=True)
class UploadRequest:
    """A document the caller is about to upload, as they describe it."""

    owner_type: str
    owner_id: int
    document_type: DocumentType
    file_name: str
    media_type: str
    size: int
    sha256: str
    replaces_id: int | None = None


async def request_upload(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    request: UploadRequest,
    storage: DocumentStorage,
    rules: DocumentRules,
) -> tuple[m.Document, PresignedUpload]:
    """Sign an upload, then record the pending document.

    The upload is signed first, before the database is touched, so that no transaction is open while
    storage is called. A refusal afterwards leaves a signed link no one is ever given.
    """
    _check_declaration(request, rules)
    _check_owner_type(request.owner_type)
    await end_reads(session)
    storage_key = f"documents/{request.owner_type.lower()}/{request.owner_id}/{uuid.uuid4().hex}"
    try:
        upload = await storage.presign_upload(
            storage_key,
            media_type=request.media_type,
            min_size=request.size,
            max_size=request.size,
            expires_in=rules.upload_ttl,
        )
    except StorageError as exc:
        raise StorageUnavailable("Document storage cannot be reached; nothing was recorded. Try again.") from exc
    owner = await _owner(session, actor=actor, now=now, owner_type=request.owner_type, owner_id=request.owner_id)
    await _check_may_attach(session, actor=actor, now=now, owner_type=request.owner_type, owner=owner)
    if request.document_type not in TYPES_BY_OWNER[request.owner_type]:
        allowed = listed(sorted(words(t) for t in TYPES_BY_OWNER[request.owner_type]))
        raise ValidationError(
            f"A {request.owner_type} takes these document types: {allowed}", field="input.documentType"
        )
    previous = None
    if request.replaces_id is not None:
        previous = await _replaceable(session, actor=actor, now=now, request=request)
    elif request.document_type is DocumentType.SIGNED_IPA and await _signed(session, request.owner_id):
        raise InvalidTransition("This call-off is already signed; its signed agreement cannot be replaced")
    document = m.Document(
        owner_type=request.owner_type,
        owner_id=request.owner_id,
        document_type=request.document_type,
        file_name=request.file_name,
        media_type=request.media_type,
        size_bytes=request.size,
        sha256=request.sha256,
        confidentiality=CONFIDENTIALITY_BY_OWNER[request.owner_type],
        storage_key=storage_key,
        uploaded_by=actor.reference,
        upload_expires_at=now + dt.timedelta(seconds=rules.upload_ttl),
        version_of_id=previous.id if previous is not None else None,
    )
    session.add(document)
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="document.upload_requested",
        entity_type="Document",
        entity_id=document.id,
        diff={
            "owner": f"{request.owner_type}:{request.owner_id}",
            "documentType": request.document_type.value,
            "size": request.size,
            "sha256": request.sha256,
            "replaces": request.replaces_id,
        },
    )
    return document, upload


@dataclass(frozen=True)
class _Pending:
    """What a confirmation needs of a pending document, read before storage is called."""

    id: int
    version: int
    storage_key: str
    size: int
    sha256: str
    media_type: str
    upload_expires_at: dt.datetime


async def confirm_upload(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    document_id: int,
    storage: DocumentStorage,
    rules: DocumentRules,
) -> m.Document:
    """Verify what was uploaded. Raises :class:`UploadRejected` after recording the rejection.

    Three steps, so that no transaction is open while storage is called:

    1. Read: the document is pending and the caller may attach to its owner. The transaction, which
       only read, ends.
    2. Storage only: the upload is sealed (its bytes copied to a key no upload link can write; the
       local backend closes the link) and the copy's size, SHA-256 and type are checked. A copy that
       fails is deleted. :class:`StorageUnavailable` if storage fails or does not answer in time:
       nothing was recorded and the upload is still pending.
    3. A new transaction: the document is locked and checked again (still pending, at the version
       read, the caller still allowed), then the outcome is recorded with its audit event.

    The caller commits even on rejection, so the REJECTED state and its audit event are kept.
    """
    pending = await _pending(session, actor=actor, now=now, document_id=document_id)
    await end_reads(session)

    try:
        sealed = await storage.seal(pending.storage_key)
        data = None if sealed is None else await storage.read(sealed, limit=pending.size)
    except StorageError as exc:
        raise StorageUnavailable("Document storage cannot be reached; the upload is still pending. Try again.") from exc
    if sealed is None or data is None:
        if now > pending.upload_expires_at:
            raise DeadlinePassed(
                "Nothing was uploaded before the upload link expired; request a new upload",
                deadline=pending.upload_expires_at,
            )
        raise ValidationError("Nothing has been uploaded for this document yet", field="input.id")
    problem = _verification_problem(pending, data)
    if problem is not None:
        try:
            await storage.delete(sealed)
        except StorageError as exc:
            raise StorageUnavailable("Document storage cannot be reached; the upload is still pending.") from exc

    document = await _locked(session, document_id)
    again = await _pending(session, actor=actor, now=now, document_id=document_id)
    if document is None or again.version != pending.version:
        raise InvalidTransition(
            "This document changed while its upload was being checked; read it again", field="input.id"
        )
    if problem is not None:
        await _reject(session, actor=actor, now=now, document=document, reason=problem)
        raise UploadRejected(f"The upload was refused and deleted: {problem}", field="file")
    document.uploaded_at = now
    document.storage_key = sealed
    if document.version_of_id is not None:
        previous = await session.get(m.Document, document.version_of_id)
        if previous is not None and previous.superseded_at is None:
            previous.superseded_at = now
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="document.confirmed",
        entity_type="Document",
        entity_id=document.id,
        diff={"status": "AVAILABLE", "supersedes": document.version_of_id},
    )
    return document


async def end_reads(session: AsyncSession) -> None:
    """End a transaction that only read, before a call to storage, so that no connection is held meanwhile.

    What it loaded is let go (keeping its values), so that the next transaction reads everything afresh.
    """
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("changes are pending: a transaction that wrote must not be ended before storage is called")
    if session.in_transaction():
        await session.commit()
    session.expunge_all()


async def download_url(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    document_id: int,
    storage: DocumentStorage,
    rules: DocumentRules,
) -> str:
    """A short-lived link to the file, for a caller who may read the document.

    The stored bytes are checked first, outside any transaction: a file that no longer matches its
    verified size and SHA-256 is refused with :class:`DocumentChanged`, and logged as an error.
    """
    exists = await session.scalar(select(m.Document.id).where(m.Document.id == document_id))
    if exists is None:
        raise NotFound("No such document", field="id")
    document = (await rows_by_id(session, actor=actor, now=now, model=m.Document, ids=[document_id])).get(document_id)
    if document is None:
        raise Forbidden("You may not read this document", field="id")
    if document.uploaded_at is None:
        raise InvalidTransition("This document has no verified file to download", field="id")
    await end_reads(session)
    try:
        await storage.verify(document.storage_key, size=document.size_bytes, sha256=document.sha256)
    except ObjectChanged as exc:
        log.error("document %s: download refused, its stored file no longer matches: %s", document.id, exc)
        raise DocumentChanged(
            "The stored file no longer matches the one that was verified, so it is not served. This has been reported.",
            field="id",
        ) from exc
    except StorageError as exc:
        raise StorageUnavailable("Document storage cannot be reached. Try again.") from exc
    return await signed_link(document, storage=storage, rules=rules)


async def signed_link(document: m.Document, *, storage: DocumentStorage, rules: DocumentRules) -> str:
    """Sign a download of a document the caller may already read. Signing needs no network."""
    if document.uploaded_at is None:
        raise InvalidTransition("This document has no verified file to download", field="id")
    try:
        return await storage.presign_download(
            document.storage_key,
            file_name=document.file_name,
            media_type=document.media_type,
            expires_in=rules.download_ttl,
            sha256=document.sha256,
        )
    except StorageError as exc:
        raise StorageUnavailable("Document storage cannot be reached. Try again.") from exc


async def expire_pending_uploads(session: AsyncSession, *, now: dt.datetime, storage: DocumentStorage) -> int:
    """Delete pending uploads whose link expired more than an hour ago, and their files.

    Safe to run repeatedly: each run removes only what is still there. The rows are read, that
    transaction ends, the files are deleted, then the rows still pending are deleted.
    """
    cutoff = now - PENDING_GRACE
    stale = [
        (row.id, row.storage_key)
        for row in await session.execute(
            select(m.Document.id, m.Document.storage_key).where(
                m.Document.uploaded_at.is_(None),
                m.Document.rejected_at.is_(None),
                m.Document.upload_expires_at < cutoff,
            )
        )
    ]
    await end_reads(session)
    for _id, key in stale:
        await storage.delete(key)
        # a confirmation that failed after sealing left a copy: sealing again finds it, until none is left
        for _ in range(_MAX_CLEANUP_COPIES):
            copy = await storage.seal(key)
            if copy is None:
                break
            await storage.delete(copy)
    if stale:
        await session.execute(
            delete(m.Document).where(
                m.Document.id.in_([document_id for document_id, _key in stale]),
                m.Document.uploaded_at.is_(None),
                m.Document.rejected_at.is_(None),
            )
        )
    return len(stale)


def ocds_document_type(document_type: DocumentType) -> str | None:
    """The OCDS ``documentType`` code for a document type, where one fits."""
    return OCDS_DOCUMENT_TYPES[document_type]


# -- checks ---------------------------------------------------------------


def _check_declaration(request: UploadRequest, rules: DocumentRules) -> None:
    name = request.file_name.strip()
    if not name or len(name) > 255 or _UNSAFE_NAME.search(name):
        raise ValidationError(
            "fileName: give a plain file name of 1 to 255 characters, without slashes or control characters",
            field="input.fileName",
        )
    if request.media_type not in ALLOWED_MEDIA_TYPES:
        raise ValidationError(
            "mediaType: only PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), PNG and JPEG files are accepted",
            field="input.mediaType",
        )
    limit = rules.max_bytes[request.document_type]
    if not 0 < request.size <= limit:
        raise ValidationError(
            f"size: a file of this type ({words(request.document_type)}) must be between 1 byte and {limit:,} bytes",
            field="input.size",
        )
    if not _SHA256.match(request.sha256):
        raise ValidationError("sha256: give the file's SHA-256 as 64 lower-case hex digits", field="input.sha256")


async def _owner(session: AsyncSession, *, actor: Actor, now: dt.datetime, owner_type: str, owner_id: int) -> Any:
    model = OWNER_MODELS.get(owner_type)
    if model is None:
        owners = ", ".join(OWNER_MODELS)
        raise ValidationError(f"owner: documents attach to {owners}, not to a {owner_type}", field="input.owner")
    owner = (await rows_by_id(session, actor=actor, now=now, model=model, ids=[owner_id])).get(owner_id)
    if owner is None:
        raise NotFound(f"No {owner_type} with this ID exists, or you may not see it", field="input.owner")
    return owner


async def _check_may_attach(
    session: AsyncSession, *, actor: Actor, now: dt.datetime, owner_type: str, owner: Any
) -> None:
    """Whether ``actor`` may attach documents to ``owner`` now."""
    provider = actor.provider_id if actor.has_role(Role.PROVIDER_USER) else None
    if owner_type == "Specification":
        if not actor.has_role(Role.LEAD_ADMIN):
            raise Forbidden("Only the lead authority attaches documents to a specification", field="input.owner")
        if owner.published_at is not None:
            raise InvalidTransition("A published specification never changes; publish a new version")
    elif owner_type == "Bid":
        if provider is None or owner.provider_id != provider:
            raise Forbidden("Only the bidding provider attaches documents to its bid", field="input.owner")
        if st.bid_status(owner) is not st.BidStatus.DRAFT:
            raise InvalidTransition("Documents on a submitted or withdrawn bid cannot be added or replaced")
        round_ = await session.get(m.ApplicationRound, owner.round_id)
        assert round_ is not None
        if now >= round_.closes_at:
            raise DeadlinePassed("The round has closed", deadline=round_.closes_at)
    elif owner_type == "Offer":
        if provider is None or owner.provider_id != provider:
            raise Forbidden("Only the offering provider attaches documents to its offer", field="input.owner")
        if st.offer_status(owner) is not st.OfferStatus.SUBMITTED:
            raise InvalidTransition("Documents can be added only while the offer awaits a decision")
    elif owner_type == "CallOff":
        buyer = actor.has_role(Role.AUTHORITY_COMMISSIONER) and actor.authority_id == owner.authority_id
        if not buyer and owner.provider_id != provider:
            raise Forbidden(
                "Only the placing authority's commissioners and the provider attach documents to a call-off",
                field="input.owner",
            )
    elif owner_type == "OutcomeReport":
        call_off = await session.get(m.CallOff, owner.call_off_id)
        if provider is None or call_off is None or call_off.provider_id != provider:
            raise Forbidden("Only the reporting provider attaches evidence to an outcome report", field="input.owner")
        if st.report_status(owner) not in (st.OutcomeReportStatus.DRAFT, st.OutcomeReportStatus.QUERIED):
            raise InvalidTransition("Evidence can be added only to a draft or queried report")
    elif owner_type == "Provider":
        if provider is None or owner.id != provider:
            raise Forbidden("Only the provider's own users attach its documents", field="input.owner")
    elif owner_type == "Invoice":
        if provider is None or owner.provider_id != provider:
            raise Forbidden("Only the provider that sent the invoice attaches it", field="input.owner")
        if owner.approved_at is not None or owner.disputed_at is not None:
            raise InvalidTransition("The invoice is decided: send a new invoice instead")
    elif owner_type == "UpliftRequest":
        if provider is None or owner.provider_id != provider:
            raise Forbidden("Only the provider that asked attaches its evidence", field="input.owner")
    elif owner_type == "AnnualReview":
        call_off = await session.get(m.CallOff, owner.call_off_id)
        if provider is None or call_off is None or call_off.provider_id != provider:
            raise Forbidden("Only the placement's provider attaches its annual review report", field="input.owner")
        if owner.held_on is not None:
            raise InvalidTransition("The review meeting has been held: its report can no longer change")
    elif owner_type == "BidLot":
        if not actor.has_role(Role.LEAD_ADMIN):
            raise Forbidden("Only the lead authority attaches evaluation reports", field="input.owner")
        if owner.decided_at is not None:
            raise InvalidTransition("The bid lot is decided; its evaluation report can no longer change")


async def _replaceable(session: AsyncSession, *, actor: Actor, now: dt.datetime, request: UploadRequest) -> m.Document:
    previous = await _visible_document(session, actor=actor, now=now, document_id=request.replaces_id or 0)
    if (previous.owner_type, previous.owner_id) != (request.owner_type, request.owner_id):
        raise ValidationError("replaces: that document belongs to another record", field="input.replaces")
    if previous.document_type is not request.document_type:
        raise ValidationError("replaces: a new version must be of the same document type", field="input.replaces")
    if st.document_status(previous) is not st.DocumentStatus.AVAILABLE:
        raise InvalidTransition("Only the current, available version of a document can be replaced")
    if request.owner_type == "CallOff" and await _signed(session, request.owner_id):
        raise InvalidTransition("Documents on a signed call-off can never be replaced")
    pending = await session.scalar(
        select(m.Document.id).where(
            m.Document.version_of_id == previous.id, m.Document.rejected_at.is_(None), m.Document.uploaded_at.is_(None)
        )
    )
    if pending is not None:
        raise InvalidTransition("A new version of this document is already being uploaded", field="input.replaces")
    return previous


async def _signed(session: AsyncSession, call_off_id: int) -> bool:
    return (
        await session.scalar(
            select(m.Document.id).where(
                m.Document.owner_type == "CallOff",
                m.Document.owner_id == call_off_id,
                m.Document.document_type == DocumentType.SIGNED_IPA,
                m.Document.uploaded_at.is_not(None),
            )
        )
    ) is not None


def _check_owner_type(owner_type: str) -> None:
    if owner_type not in OWNER_MODELS:
        owners = ", ".join(OWNER_MODELS)
        raise ValidationError(f"owner: documents attach to {owners}, not to a {owner_type}", field="input.owner")


async def _pending(session: AsyncSession, *, actor: Actor, now: dt.datetime, document_id: int) -> _Pending:
    """The pending document, if the caller may confirm it now."""
    document = await _visible_document(session, actor=actor, now=now, document_id=document_id)
    if document.uploaded_at is not None or document.rejected_at is not None:
        raise InvalidTransition(
            f"This document {state(st.document_status(document))}; only a pending upload can be confirmed",
            field="input.id",
        )
    owner = await _owner(session, actor=actor, now=now, owner_type=document.owner_type, owner_id=document.owner_id)
    await _check_may_attach(session, actor=actor, now=now, owner_type=document.owner_type, owner=owner)
    return _Pending(
        id=document.id,
        version=document.version,
        storage_key=document.storage_key,
        size=document.size_bytes,
        sha256=document.sha256,
        media_type=document.media_type,
        upload_expires_at=document.upload_expires_at,
    )


async def _locked(session: AsyncSession, document_id: int) -> m.Document | None:
    """The document, read afresh and locked until the transaction ends (on PostgreSQL)."""
    stmt = (
        select(m.Document)
        .where(m.Document.id == document_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return await session.scalar(stmt)


async def _visible_document(session: AsyncSession, *, actor: Actor, now: dt.datetime, document_id: int) -> m.Document:
    document = (await rows_by_id(session, actor=actor, now=now, model=m.Document, ids=[document_id])).get(document_id)
    if document is None:
        raise NotFound("No document with this ID exists, or you may not see it", field="input.id")
    return document


def _verification_problem(document: _Pending, data: bytes) -> str | None:
    if len(data) != document.size:
        return f"its size is {len(data)} bytes, not the {document.size} bytes declared"
    if hashlib.sha256(data).hexdigest() != document.sha256:
        return "its SHA-256 does not match the one declared"
    sniffed = sniff(data)
    if sniffed.media_type is None:
        return f"it is {sniffed.refusal or 'a file type that is not allowed'}, whatever its name says"
    if sniffed.media_type != document.media_type:
        return f"its content is {sniffed.media_type}, not the {document.media_type} declared"
    return None


async def _reject(session: AsyncSession, *, actor: Actor, now: dt.datetime, document: m.Document, reason: str) -> None:
    document.rejected_at = now
    document.rejection_reason = reason
    await session.flush()
    await audit.record(
        session,
        actor=actor,
        now=now,
        action="document.rejected",
        entity_type="Document",
        entity_id=document.id,
        diff={"status": "REJECTED", "reason": reason},
    )
