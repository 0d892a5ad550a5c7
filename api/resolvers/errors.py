"""GraphQL errors meant for the caller: a stable code and, where it applies, the field."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from api.domain.errors import DomainError


class ClientError(GraphQLError):
    """An error the caller caused and can fix. Never masked."""

    def __init__(self, message: str, *, code: str, field: str | None = None) -> None:
        extensions: dict[str, Any] = {"code": code}
        if field is not None:
            extensions["field"] = field
        super().__init__(message, extensions=extensions)


def from_domain(error: DomainError) -> ClientError:
    """The GraphQL form of a domain refusal."""
    return ClientError(error.message, code=error.code, field=error.field)
