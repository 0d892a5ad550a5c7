"""Typed domain errors. Mutations return them as data; queries raise them as GraphQL errors."""

from __future__ import annotations

import datetime as dt


class DomainError(Exception):
    """A refusal the caller can act on. ``code`` is stable; ``field`` names the input at fault.

    A refusal normally undoes everything the mutation did; one whose
    ``keeps_changes`` is true was recorded on purpose (e.g. a rejected upload).
    """

    code = "DOMAIN_ERROR"
    keeps_changes = False

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """No such object, or the caller may not see it."""

    code = "NOT_FOUND"


class Forbidden(DomainError):
    """The caller may see the object but not do this to it."""

    code = "FORBIDDEN"


class ValidationError(DomainError):
    """An input value is wrong; ``field`` is its path, e.g. ``input.sha256``."""

    code = "VALIDATION_ERROR"


class InvalidTransition(DomainError):
    """The object's state does not allow this, e.g. changing a submitted bid."""

    code = "INVALID_TRANSITION"


class DeadlinePassed(DomainError):
    """The deadline for this action has passed."""

    code = "DEADLINE_PASSED"

    def __init__(self, message: str, *, deadline: dt.datetime, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.deadline = deadline


class StaleVersion(DomainError):
    """The object changed since the caller read it; read it again and retry."""

    code = "STALE_VERSION"

    def __init__(
        self, message: str, *, current_version: int | None = None, field: str | None = "input.version"
    ) -> None:
        super().__init__(message, field=field)
        self.current_version = current_version


class UploadRejected(DomainError):
    """The uploaded file failed verification and was deleted; the rejection is recorded."""

    code = "UPLOAD_REJECTED"
    keeps_changes = True


class StorageUnavailable(DomainError):
    """Document storage could not be reached; nothing was changed. Try again later."""

    code = "STORAGE_UNAVAILABLE"
