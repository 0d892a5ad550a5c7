"""Typed errors that mutations return as data, next to their success payloads.

Each mutation declares which of these it may return; the union of its
payload and those errors is its result type. Clients switch on ``__typename``
and show ``message`` next to the input ``field`` names; a ``ValidationError``
lists every value at fault in ``problems``, so a form is corrected from one
answer.
"""

from __future__ import annotations

import datetime as dt

import strawberry

from api.domain import errors as domain
from api.schema.base import field


@strawberry.interface(description="A refusal the caller can act on. Nothing was changed unless the error says so.")
class MutationError:
    message: str = field("What went wrong, in words a person can act on.")
    code: str = field("A stable code, e.g. NOT_FOUND or VALIDATION_ERROR.")
    field: str | None = field("The input at fault, as a path, e.g. input.sha256; null when no single input is.")


@strawberry.type(description="No such object, or you may not see it.")
class NotFound(MutationError):
    pass


@strawberry.type(description="You may see the object but not do this to it.")
class Forbidden(MutationError):
    pass


@strawberry.type(
    description=(
        "One input value at fault: what is wrong with it, in words a person can act on, and its path in the input."
    )
)
class FieldProblem:
    message: str = field("What is wrong with the value, in words a person can act on.")
    field: str | None = field(
        "The input at fault, as a path, e.g. input.pricing[2].weeklyFee; null when no single input is."
    )


@strawberry.type(
    description=(
        "Input values are wrong. `problems` lists every one at fault, so a form is corrected from one answer; "
        "`message` and `field` are the first of them."
    )
)
class ValidationError(MutationError):
    problems: list[FieldProblem] = field(
        "Every input value at fault, in input order, each with its own message and path; never empty. The first is "
        "this error's own message and field."
    )


@strawberry.type(description="The object's state does not allow this, e.g. changing a submitted bid.")
class InvalidTransition(MutationError):
    pass


@strawberry.type(
    description="The same thing again: an invoice whose reference was used before, or whose days are already invoiced."
)
class Duplicate(MutationError):
    pass


@strawberry.type(
    description="The law fixes this for the arrangement's life: a dynamic market's conditions of membership, once "
    "it is established. Set up a new market to change them."
)
class ConditionsFixed(MutationError):
    pass


@strawberry.type(
    description="The supplier is on the debarment list or the lead authority's excluded-supplier list, so it may "
    "not apply, be admitted or be awarded a contract under the Procurement Act 2023."
)
class SupplierExcluded(MutationError):
    pass


@strawberry.type(description="The deadline for this has passed.")
class DeadlinePassed(MutationError):
    deadline: dt.datetime = field("The deadline that passed.")


@strawberry.type(description="The object changed since you read it. Read it again and retry.")
class StaleVersion(MutationError):
    current_version: int | None = field("The object's version now.")


@strawberry.type(description="The uploaded file failed verification and was deleted. The rejection is recorded.")
class UploadRejected(MutationError):
    pass


@strawberry.type(description="Document storage could not be reached. Nothing was changed; try again.")
class StorageUnavailable(MutationError):
    pass


GRAPHQL_ERRORS: dict[type[domain.DomainError], type] = {
    domain.NotFound: NotFound,
    domain.Forbidden: Forbidden,
    domain.ValidationError: ValidationError,
    domain.InvalidTransition: InvalidTransition,
    domain.DeadlinePassed: DeadlinePassed,
    domain.Duplicate: Duplicate,
    domain.ConditionsFixed: ConditionsFixed,
    domain.SupplierExcluded: SupplierExcluded,
    domain.StaleVersion: StaleVersion,
    domain.UploadRejected: UploadRejected,
    domain.StorageUnavailable: StorageUnavailable,
}


def as_data(error: domain.DomainError) -> MutationError:
    """The GraphQL error object for a domain refusal."""
    extra: dict[str, object] = {}
    if isinstance(error, domain.DeadlinePassed):
        extra["deadline"] = error.deadline
    if isinstance(error, domain.StaleVersion):
        extra["current_version"] = error.current_version
    if isinstance(error, domain.ValidationError):
        extra["problems"] = [FieldProblem(message=p.message, field=p.field) for p in error.problems]
    return GRAPHQL_ERRORS[type(error)](message=error.message, code=error.code, field=error.field, **extra)
