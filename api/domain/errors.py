"""Typed domain errors. Resolvers turn them into GraphQL errors or error payloads."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the caller can act on. ``code`` is stable; ``field`` names the input."""

    code = "DOMAIN_ERROR"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    code = "NOT_FOUND"


class Forbidden(DomainError):
    code = "FORBIDDEN"


class ValidationError(DomainError):
    code = "VALIDATION_ERROR"
