"""Records: documents and the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.auth.actor import Role as R
from api.domain import audit, documents
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
from api.resolvers import load
from api.resolvers.errors import from_domain
from api.resolvers.relay import expect_id, from_global_id, to_global_id
from api.schema import errors as e
from api.schema.base import NODE_TYPES, Node, RowBacked, field, node_type
from api.schema.enums import Confidentiality, DocumentStatus, DocumentType
from api.schema.mutation import mutation, result
from api.schema.permissions import requires
from db import models as m


@node_type(m.Document)
@strawberry.type(description="A stored document's metadata. The file itself is fetched through a short-lived link.")
class Document(Node, RowBacked):
    sources = {"size": "size_bytes"}

    document_type: DocumentType = field("The kind of document.")
    file_name: str = field("The file name given at upload; never used to decide the file's type.")
    media_type: str = field("The media type, verified from the file's content at confirmation.")
    size: int = field("The file's size in bytes.")
    sha256: str = field("The SHA-256 of the file's content, in hex.")
    confidentiality: Confidentiality = field("Who may read it: follows from what it is attached to.")
    uploaded_by: str = field("Who uploaded it: a user or client reference.")
    upload_expires_at: dt.datetime = field("Until when the file may be uploaded, while pending.")
    uploaded_at: dt.datetime | None = field("When the upload was verified.")
    rejected_at: dt.datetime | None = field("When the upload failed verification.")
    rejection_reason: str | None = field("Why the upload failed verification.")
    superseded_at: dt.datetime | None = field("When a newer version replaced it.")
    version: int = field("The version of this record, for optimistic locking.")

    @field("PENDING_UPLOAD, AVAILABLE, REJECTED or SUPERSEDED.")
    def status(self) -> DocumentStatus:
        return st.document_status(self.row)

    @field("The OCDS documentType code for this document, where one fits.")
    def ocds_document_type(self) -> str | None:
        return documents.ocds_document_type(self.row.document_type)

    @field("The ID of the record it is attached to.")
    def owner_id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(self.row.owner_type, self.row.owner_id))

    @field("The record it is attached to, where you may see it.")
    async def owner(self, info: Info) -> Node | None:
        model, node_cls = NODE_TYPES[self.row.owner_type]
        return node_cls.from_optional(await load.one(info, model, self.row.owner_id))

    @field("The version this one replaced, where you may see it.")
    @load.relation
    def previous_version(self, info: Info) -> Document | None:
        return load.related(info, m.Document, self.row.version_of_id, Document.from_optional)

    @field("A link to download the file, valid for a few minutes; null until the upload is verified.")
    async def download_url(self, info: Info) -> str | None:
        if self.row.uploaded_at is None or self.row.rejected_at is not None:
            return None
        ctx = info.context
        try:
            return await documents.signed_link(self.row, storage=ctx.storage, rules=ctx.document_rules)
        except StorageUnavailable as exc:
            raise from_domain(exc) from None


@node_type(m.AuditEvent)
@strawberry.type(
    description=(
        "One recorded change, chained to the one before it by hash. Append-only. You read an event only where "
        "you may read the entity it describes."
    )
)
class AuditEvent(Node, RowBacked):
    at: dt.datetime = field("When the change happened.")
    actor: str = field("Who made it: a user or client reference, never a child's details.")
    action: str = field("What was done, e.g. document.confirmed.")
    entity_type: str = field("The kind of entity changed.")
    entity_id: int = field("The database key of the entity changed.")
    request_id: str | None = field("The request that made the change.")

    @field(
        "The hash of the previous event. Shown to auditors only: a hash is over the whole stored event, so "
        "whoever may not read every field of it must not have it to test guesses against."
    )
    def previous_hash(self, info: Info) -> str | None:
        return self.row.previous_hash if info.context.actor.has_role(R.AUDITOR) else None

    @field("This event's hash, over its content and the previous hash. Shown to auditors only, as `previousHash`.")
    def hash(self, info: Info) -> str | None:
        return self.row.hash if info.context.actor.has_role(R.AUDITOR) else None

    @field(
        "The fields changed, as you may read them: a field you could not read on the entity directly (a "
        "child's profile, a price, a digest of sealed content) is shown as (withheld)."
    )
    async def diff(self, info: Info) -> JSON:
        row = self.row
        referral = await load.one(info, m.Referral, row.entity_id) if row.entity_type == "Referral" else None
        return audit.readable_diff(row.entity_type, row.diff, actor=info.context.actor, referral=referral)


@strawberry.input(description="A file you are about to upload, as you describe it. It is checked against this.")
class RequestDocumentUploadInput:
    owner: strawberry.ID = field(
        "The record to attach it to: a Specification, Bid, BidLot, Offer, CallOff, OutcomeReport, Provider, Invoice or "
        "UpliftRequest."
    )
    document_type: DocumentType = field("The kind of document.")
    file_name: str = field("The file's name, for people; its type is judged by its content.")
    media_type: str = field("The file's media type: PDF, DOCX, XLSX, ODT, PNG or JPEG.")
    size: int = field("The file's exact size in bytes.")
    sha256: str = field("The SHA-256 of the file, as 64 lower-case hex digits.")
    replaces: strawberry.ID | None = strawberry.field(
        default=None, description="The document this is a new version of; it is superseded once this is verified."
    )


@strawberry.type(description="A form field to send with the upload.")
class FormField:
    name: str = field("The field's name.")
    value: str = field("The field's value.")


@strawberry.type(
    description=(
        "How to upload the file: POST a multipart form to `url` with every field of `fields`, "
        "then the file as the last field, named `file`, before `expiresAt`."
    )
)
class UploadInstructions:
    url: str = field("Where to POST the form.")
    fields: list[FormField] = field("The form fields to send, in order, before the file.")
    expires_at: dt.datetime = field("The upload must start before this time.")
    max_size: int = field("The exact size in bytes the file must have.")


@strawberry.type(description="The pending document and how to upload its file.")
class RequestDocumentUploadPayload:
    document: Document = field("The pending document; confirm it once the file is uploaded.")
    upload: UploadInstructions = field("How to upload the file.")


@strawberry.input(description="The uploaded document to verify.")
class ConfirmDocumentUploadInput:
    id: strawberry.ID = field("The pending document's ID.")


@strawberry.type(description="The verified, available document.")
class ConfirmDocumentUploadPayload:
    document: Document = field("The document, now AVAILABLE.")


RequestDocumentUploadResult = result(
    "RequestDocumentUploadResult",
    RequestDocumentUploadPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.DeadlinePassed,
    e.StorageUnavailable,
    description="The pending document, or why not.",
)

ConfirmDocumentUploadResult = result(
    "ConfirmDocumentUploadResult",
    ConfirmDocumentUploadPayload,
    e.NotFound,
    e.Forbidden,
    e.ValidationError,
    e.InvalidTransition,
    e.DeadlinePassed,
    e.UploadRejected,
    e.StorageUnavailable,
    description="The verified document, or why not.",
)

WRITERS = (R.PROVIDER_USER, R.LEAD_ADMIN, R.AUTHORITY_COMMISSIONER)


@strawberry.type(description="Attach documents.")
class DocumentMutations:
    @mutation(
        description=(
            "Start attaching a document: checks your right to attach it and what you declare, records a "
            "pending document and returns a signed upload limited to exactly this file's type and size."
        ),
        access=requires("documents:write", *WRITERS),
        errors=(NotFound, Forbidden, ValidationError, InvalidTransition, DeadlinePassed, StorageUnavailable),
    )
    async def request_document_upload(
        self,
        info: Info,
        input: Annotated[RequestDocumentUploadInput, strawberry.argument(description="The file to attach.")],
    ) -> RequestDocumentUploadResult:
        ctx = info.context
        owner_type, owner_id = from_global_id(input.owner, field="input.owner")
        replaces = expect_id(input.replaces, "Document", field="input.replaces")
        request = documents.UploadRequest(
            owner_type=owner_type,
            owner_id=owner_id,
            document_type=input.document_type,
            file_name=input.file_name,
            media_type=input.media_type,
            size=input.size,
            sha256=input.sha256,
            replaces_id=replaces,
        )
        document, upload = await ctx.run(
            documents.request_upload, request=request, storage=ctx.storage, rules=ctx.document_rules
        )
        return RequestDocumentUploadPayload(
            document=Document.from_row(document),
            upload=UploadInstructions(
                url=upload.url,
                fields=[FormField(name=k, value=v) for k, v in upload.fields.items()],
                expires_at=upload.expires_at,
                max_size=upload.max_size,
            ),
        )

    @mutation(
        description=(
            "Finish attaching a document: checks the uploaded file's size, SHA-256 and content type. Only then "
            "is it AVAILABLE; otherwise the file is deleted and the document REJECTED."
        ),
        access=requires("documents:write", *WRITERS),
        errors=(
            NotFound,
            Forbidden,
            ValidationError,
            InvalidTransition,
            DeadlinePassed,
            UploadRejected,
            StorageUnavailable,
        ),
    )
    async def confirm_document_upload(
        self,
        info: Info,
        input: Annotated[ConfirmDocumentUploadInput, strawberry.argument(description="The uploaded document.")],
    ) -> ConfirmDocumentUploadResult:
        ctx = info.context
        document_id = expect_id(input.id, "Document", field="input.id")
        document = await ctx.run(
            documents.confirm_upload, document_id=document_id, storage=ctx.storage, rules=ctx.document_rules
        )
        return ConfirmDocumentUploadPayload(document=Document.from_row(document))
