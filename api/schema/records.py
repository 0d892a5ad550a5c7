"""Records: document metadata and the audit trail."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON

from api.domain import status as st
from api.schema.base import Node, RowBacked, field, node_type
from api.schema.enums import Confidentiality, DocumentStatus, DocumentType
from db import models as m


@node_type(m.Document)
@strawberry.type(description="A stored document's metadata. The file itself is fetched through a short-lived link.")
class Document(Node, RowBacked):
    sources = {"size": "size_bytes"}

    owner_type: str = field("The kind of entity that owns the document, e.g. Bid.")
    document_type: DocumentType = field("The kind of document.")
    file_name: str = field("The file name given at upload.")
    media_type: str = field("The verified media type, e.g. application/pdf.")
    size: int = field("The file's size in bytes.")
    sha256: str = field("The SHA-256 of the file's content, in hex.")
    confidentiality: Confidentiality = field("Who may read it.")
    uploaded_at: dt.datetime | None = field("When the upload was verified.")
    version: int = field("The version, for optimistic locking.")

    @field("PENDING_UPLOAD, AVAILABLE or SUPERSEDED.")
    def status(self) -> DocumentStatus:
        return st.document_status(self.row)


@node_type(m.AuditEvent)
@strawberry.type(description="One recorded change, chained to the one before it by hash. Append-only.")
class AuditEvent(Node, RowBacked):
    at: dt.datetime = field("When the change happened.")
    actor: str = field("Who made it: a user or client reference, never a child's details.")
    action: str = field("What was done, e.g. bid.submit.")
    entity_type: str = field("The kind of entity changed.")
    entity_id: int = field("The database key of the entity changed.")
    diff: JSON = field("The fields changed, before and after.")
    request_id: str | None = field("The request that made the change.")
    previous_hash: str | None = field("The hash of the previous event.")
    hash: str = field("This event's hash, over its content and the previous hash.")
