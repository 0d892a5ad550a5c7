"""Documents: who may attach what to which record, and the verified upload flow.

1. :func:`request_upload` checks the owner, the caller's right to write to it
   and the declared file, records a pending document and signs an upload
   limited to exactly that key, type and size.
2. :func:`confirm_upload` checks what actually arrived: size, SHA-256 and the
   type the bytes show (never the name). Only then is the document
   AVAILABLE; otherwise the file is deleted and the document REJECTED.

Documents on a submitted bid, a published specification or a signed
call-off can never be replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
    Forbidden,
    InvalidTransition,
    NotFound,
    StorageUnavailable,
    UploadRejected,
    ValidationError,
)
from api.domain.queries import rows_by_id
from api.storage.base import DocumentStorage, PresignedUpload, StorageError
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
}

CONFIDENTIALITY_BY_OWNER: dict[str, Confidentiality] = {
    "Specification": Confidentiality.PUBLIC,
    "Bid": Confidentiality.BUYER_ONLY,
    "Offer": Confidentiality.BUYER_ONLY,
    "CallOff": Confidentiality.PERSONAL,
    "OutcomeReport": Confidentiality.PERSONAL,
    "Provider": Confidentiality.BUYER_ONLY,
    "BidLot": Confidentiality.BUYER_ONLY,
}

OCDS_DOCUMENT_TYPES: dict[DocumentType, str | None] = {
    DocumentType.SPECIFICATION: "technicalSpecifications",
    DocumentType.INSURANCE: "submissionDocuments",
    DocumentType.SAFEGUARDING_POLICY: "submissionDocuments",
    DocumentType.OFSTED_REPORT: "submissionDocuments",
    DocumentType.EVALUATION_REPORT: "evaluationReports",
    DocumentType.SIGNED_IPA: "contractSigned",
    DocumentType.OUTCOME_EVIDENCE: "physicalProgressReport",
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
    DocumentType.OTHER: 20 * MiB,
}

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


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
    """Record a pending document and sign its upload."""
    _check_declaration(request, rules)
    owner = await _owner(session, actor=actor, now=now, owner_type=request.owner_type, owner_id=request.owner_id)
    await _check_may_attach(session, actor=actor, now=now, owner_type=request.owner_type, owner=owner)
    if request.document_type not in TYPES_BY_OWNER[request.owner_type]:
        allowed = ", ".join(sorted(t.value for t in TYPES_BY_OWNER[request.owner_type]))
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
        storage_key=f"documents/{request.owner_type.lower()}/{request.owner_id}/{uuid.uuid4().hex}",
        uploaded_by=actor.reference,
        upload_expires_at=now + dt.timedelta(seconds=rules.upload_ttl),
        version_of_id=previous.id if previous is not None else None,
    )
    session.add(document)
    await session.flush()
    try:
        upload = await storage.presign_upload(
            document.storage_key,
            media_type=request.media_type,
            min_size=request.size,
            max_size=request.size,
            expires_in=rules.upload_ttl,
        )
    except StorageError as exc:
        raise StorageUnavailable("Document storage cannot be reached; nothing was recorded. Try again.") from exc
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

    The caller commits even on rejection, so the REJECTED state and its audit
    event are kept; the file is already gone.
    """
    document = await _visible_document(session, actor=actor, now=now, document_id=document_id)
    if document.uploaded_at is not None or document.rejected_at is not None:
        raise InvalidTransition(
            f"This document is already {st.document_status(document).value}; only a pending upload can be confirmed",
            field="input.id",
        )
    owner = await _owner(session, actor=actor, now=now, owner_type=document.owner_type, owner_id=document.owner_id)
    await _check_may_attach(session, actor=actor, now=now, owner_type=document.owner_type, owner=owner)
    try:
        stored = await storage.stat(document.storage_key)
        data = None if stored is None else await storage.read(document.storage_key, limit=document.size_bytes)
    except StorageError as exc:
        raise StorageUnavailable("Document storage cannot be reached; the upload is still pending. Try again.") from exc
    if stored is None or data is None:
        if now > document.upload_expires_at:
            raise DeadlinePassed(
                "Nothing was uploaded before the upload link expired; request a new upload",
                deadline=document.upload_expires_at,
            )
        raise ValidationError("Nothing has been uploaded for this document yet", field="input.id")
    problem = _verification_problem(document, data)
    if problem is not None:
        await _reject(session, actor=actor, now=now, document=document, reason=problem, storage=storage)
        raise UploadRejected(f"The upload was refused and deleted: {problem}", field="file")
    document.uploaded_at = now
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


async def download_url(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    document_id: int,
    storage: DocumentStorage,
    rules: DocumentRules,
) -> str:
    """A short-lived link to the file, for a caller who may read the document."""
    exists = await session.scalar(select(m.Document.id).where(m.Document.id == document_id))
    if exists is None:
        raise NotFound("No such document", field="id")
    document = (await rows_by_id(session, actor=actor, now=now, model=m.Document, ids=[document_id])).get(document_id)
    if document is None:
        raise Forbidden("You may not read this document", field="id")
    return await signed_link(document, storage=storage, rules=rules)


async def signed_link(document: m.Document, *, storage: DocumentStorage, rules: DocumentRules) -> str:
    """Sign a download of a document the caller may already read."""
    if document.uploaded_at is None:
        raise InvalidTransition("This document has no verified file to download", field="id")
    try:
        return await storage.presign_download(
            document.storage_key,
            file_name=document.file_name,
            media_type=document.media_type,
            expires_in=rules.download_ttl,
        )
    except StorageError as exc:
        raise StorageUnavailable("Document storage cannot be reached. Try again.") from exc


async def expire_pending_uploads(session: AsyncSession, *, now: dt.datetime, storage: DocumentStorage) -> int:
    """Delete pending uploads whose link expired more than an hour ago, and their files.

    Safe to run repeatedly: each run removes only what is still there.
    """
    cutoff = now - PENDING_GRACE
    stale = list(
        await session.scalars(
            select(m.Document).where(
                m.Document.uploaded_at.is_(None),
                m.Document.rejected_at.is_(None),
                m.Document.upload_expires_at < cutoff,
            )
        )
    )
    for document in stale:
        await storage.delete(document.storage_key)
    if stale:
        await session.execute(delete(m.Document).where(m.Document.id.in_([d.id for d in stale])))
    return len(stale)


def ocds_document_type(document_type: DocumentType) -> str | None:
    """The OCDS ``documentType`` code for a document type, where one fits."""
    return OCDS_DOCUMENT_TYPES[document_type]


# -- checks ---------------------------------------------------------------


def _check_declaration(request: UploadRequest, rules: DocumentRules) -> None:
    name = request.file_name.strip()
    if not name or len(name) > 255 or _UNSAFE_NAME.search(name):
        raise ValidationError(
            "fileName: give a plain file name of 1 to 255 characters, without slashes", field="input.fileName"
        )
    if request.media_type not in ALLOWED_MEDIA_TYPES:
        raise ValidationError(
            "mediaType: only PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), PNG and JPEG files are accepted",
            field="input.mediaType",
        )
    limit = rules.max_bytes[request.document_type]
    if not 0 < request.size <= limit:
        raise ValidationError(
            f"size: a {request.document_type.value} document must be between 1 byte and {limit} bytes",
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


async def _visible_document(session: AsyncSession, *, actor: Actor, now: dt.datetime, document_id: int) -> m.Document:
    document = (await rows_by_id(session, actor=actor, now=now, model=m.Document, ids=[document_id])).get(document_id)
    if document is None:
        raise NotFound("No document with this ID exists, or you may not see it", field="input.id")
    return document


def _verification_problem(document: m.Document, data: bytes) -> str | None:
    if len(data) != document.size_bytes:
        return f"its size is {len(data)} bytes, not the {document.size_bytes} bytes declared"
    if hashlib.sha256(data).hexdigest() != document.sha256:
        return "its SHA-256 does not match the one declared"
    sniffed = sniff(data)
    if sniffed.media_type is None:
        return f"it is {sniffed.refusal or 'a file type that is not allowed'}, whatever its name says"
    if sniffed.media_type != document.media_type:
        return f"its content is {sniffed.media_type}, not the {document.media_type} declared"
    return None


async def _reject(
    session: AsyncSession,
    *,
    actor: Actor,
    now: dt.datetime,
    document: m.Document,
    reason: str,
    storage: DocumentStorage,
) -> None:
    try:
        await storage.delete(document.storage_key)
    except StorageError as exc:
        raise StorageUnavailable("Document storage cannot be reached; the upload is still pending.") from exc
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
