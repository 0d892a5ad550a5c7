"""Typed domain errors. Mutations return them as data; queries raise them as GraphQL errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


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


@dataclass(frozen=True)
class Problem:
    """One input value at fault: what is wrong with it, in words, and its path (``None`` when no single input is)."""

    message: str
    field: str | None = None


class ValidationError(DomainError):
    """An input value is wrong; ``field`` is its path, e.g. ``input.sha256``.

    ``problems`` are every value at fault, in input order, the first being
    this error's own message and field: a form's whole set of mistakes comes
    back from one submission (see :class:`Problems`). An error raised on its
    own has one problem, itself.
    """

    code = "VALIDATION_ERROR"

    def __init__(self, message: str, *, field: str | None = None, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message, field=field)
        self.problems: tuple[Problem, ...] = tuple(problems) or (Problem(message, field),)

    @classmethod
    def of(cls, problems: Sequence[Problem]) -> ValidationError:
        """One refusal carrying every problem; its own message and field are the first's."""
        if not problems:
            raise ValueError("a ValidationError needs at least one problem")
        first = problems[0]
        return cls(first.message, field=first.field, problems=problems)


class Problems:
    """The independent checks of one input, collected so that a form learns every mistake at once.

    Run each check through :meth:`check` (or :meth:`check_async`, or inside
    :meth:`catching`), or :meth:`add` a problem found by hand, in input order;
    then :meth:`settle` raises one :class:`ValidationError` carrying them all,
    if there are any. Only ``ValidationError`` is collected: a check that
    refuses otherwise (not found, forbidden, the wrong state, a deadline)
    stops at once, as the checks after it depend on it.
    """

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def __bool__(self) -> bool:
        return bool(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def add(self, message: str, *, field: str | None = None) -> None:
        """Keep one problem."""
        self.found.append(Problem(message, field))

    def keep(self, error: ValidationError) -> None:
        """Keep every problem of a refusal."""
        self.found.extend(error.problems)

    def check(self, check: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """``check(*args, **kwargs)``; ``None`` when it refuses with a ValidationError, whose problems are kept."""
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            self.keep(error)
            return None

    async def check_async(self, check: Awaitable[T]) -> T | None:
        """The awaited ``check``; ``None`` when it refuses with a ValidationError, whose problems are kept."""
        try:
            return await check
        except ValidationError as error:
            self.keep(error)
            return None

    @contextmanager
    def catching(self) -> Iterator[None]:
        """Keep the problems of a ValidationError raised inside the block, and carry on after it."""
        try:
            yield
        except ValidationError as error:
            self.keep(error)

    def settle(self) -> None:
        """Raise every problem kept, at once; nothing when there is none."""
        if self.found:
            raise ValidationError.of(self.found)


class InvalidTransition(DomainError):
    """The object's state does not allow this, e.g. changing a submitted bid."""

    code = "INVALID_TRANSITION"


class Duplicate(DomainError):
    """The same thing again: e.g. an invoice whose reference was used before, or whose days are already invoiced."""

    code = "DUPLICATE"


class ConditionsFixed(DomainError):
    """The law fixes this for the arrangement's life: a dynamic market's conditions of membership, once established."""

    code = "CONDITIONS_FIXED"


class SupplierExcluded(DomainError):
    """The supplier is on the debarment list or the lead authority's excluded-supplier list."""

    code = "SUPPLIER_EXCLUDED"


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
