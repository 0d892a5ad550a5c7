"""Relay plumbing: global IDs, cursors and keyset pages."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Select

from api.domain import queries
from api.domain.queries import MAX_PAGE_SIZE
from api.resolvers.context import Context
from api.resolvers.errors import ClientError

MAX_ID_CHARS = 200
"""The longest global ID or cursor read: far longer than any real one (type name, colon, up to 19 digits)."""

MAX_PK = 2**31 - 1
"""The largest primary key of a row: PostgreSQL ``integer``."""

WIDE_PK_TYPES: dict[str, int] = {"AuditEvent": 2**63 - 1}
"""Types whose rows have ``bigint`` keys, and their largest key."""


def to_global_id(type_name: str, pk: int) -> str:
    """The opaque global ID of a row: base64 of ``Type:pk``."""
    return base64.urlsafe_b64encode(f"{type_name}:{pk}".encode()).decode().rstrip("=")


def from_global_id(value: str, *, field: str = "id") -> tuple[str, int]:
    """Decode a global ID into its type name and primary key.

    An ID longer than :data:`MAX_ID_CHARS`, or whose key is beyond what its type's key column holds, is
    ``INVALID_ID`` here, before any query: no row could have it.
    """
    shown = value if len(value) <= 60 else f"{value[:60]}…"
    try:
        if len(value) > MAX_ID_CHARS:
            raise ValueError(value)
        padded = value + "=" * (-len(value) % 4)
        type_name, _, pk = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        if not type_name or not pk.isascii() or not pk.isdigit():
            raise ValueError(value)
        if int(pk) > WIDE_PK_TYPES.get(type_name, MAX_PK):
            raise ValueError(value)
        return type_name, int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ClientError(f"{field}: '{shown}' is not a valid ID", code="INVALID_ID", field=field) from None


def _a(name: str) -> str:
    """The type's name after "a" or "an"."""
    return f"{'an' if name[:1] in 'AEIOU' else 'a'} {name}"


def expect_id(value: str | None, type_name: str, *, field: str) -> int | None:
    """The primary key in a global ID that must be of ``type_name``."""
    if value is None:
        return None
    found, pk = from_global_id(value, field=field)
    if found != type_name:
        raise ClientError(
            f"{field}: expected the ID of {_a(type_name)}, got the ID of {_a(found)}",
            code="INVALID_ID",
            field=field,
        )
    return pk


def require_id(value: str, type_name: str, *, field: str) -> int:
    """The primary key in a required global ID that must be of ``type_name``."""
    pk = expect_id(value, type_name, field=field)
    if pk is None:  # pragma: no cover - GraphQL refuses a null for a required ID first
        raise ClientError(f"{field}: an ID is required", code="INVALID_ID", field=field)
    return pk


def _cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"cursor:{pk}".encode()).decode().rstrip("=")


def _from_cursor(value: str | None, field: str, *, max_pk: int = MAX_PK) -> int | None:
    if value is None:
        return None
    shown = value if len(value) <= 60 else f"{value[:60]}…"
    try:
        if len(value) > MAX_ID_CHARS:
            raise ValueError(value)
        decoded = base64.urlsafe_b64decode((value + "=" * (-len(value) % 4)).encode()).decode()
        prefix, _, pk = decoded.partition(":")
        if prefix != "cursor" or not pk.isascii() or not pk.isdigit() or int(pk) > max_pk:
            raise ValueError(value)
        return int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ClientError(f"{field}: '{shown}' is not a valid cursor", code="INVALID_CURSOR", field=field) from None


def _max_pk(id_column: Any) -> int:
    """The largest key ``id_column`` holds: ``bigint`` columns more than ``integer`` ones."""
    return 2**63 - 1 if isinstance(getattr(id_column, "type", None), BigInteger) else MAX_PK


@dataclass
class PageResult:
    """A page of rows with what a Relay connection needs to describe it."""

    rows: list[Any]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    context: Context
    statement: Select[Any]

    async def total_count(self) -> int:
        """How many rows match the filters, across all pages."""
        return await self.context.execute(lambda session: queries.count(session, self.statement))


async def page(
    context: Context,
    statement: Select[Any],
    *,
    id_column: Any,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> PageResult:
    """Validate Relay arguments and fetch one keyset page of ``statement``."""
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
            raise ClientError(f"{name}: must be between 0 and {MAX_PAGE_SIZE}", code="VALIDATION_ERROR", field=name)
    if first is not None and last is not None:
        raise ClientError("first and last cannot be used together", code="VALIDATION_ERROR", field="last")
    result = await context.execute(
        lambda session: queries.keyset_page(
            session,
            statement,
            id_column=id_column,
            first=first,
            after=_from_cursor(after, "after", max_pk=_max_pk(id_column)),
            last=last,
            before=_from_cursor(before, "before", max_pk=_max_pk(id_column)),
        )
    )
    model = getattr(id_column, "class_", None)
    if model is not None and result.rows:
        # The page's rows are what the row loader would find for their ids (same actor, same time):
        # a field of a row on this page that loads the row again by id is answered without a query.
        context.loaders.by_id(model).prime_many({row.id: row for row in result.rows})
    return PageResult(
        rows=result.rows,
        cursors=[_cursor(row.id) for row in result.rows],
        has_next=result.has_next,
        has_previous=result.has_previous,
        context=context,
        statement=statement,
    )
