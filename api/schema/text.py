"""Text inputs: no NUL character (U+0000) gets past validation.

PostgreSQL cannot store it in text, and no person types it: a query literal or a
variable holding one is refused with a validation error naming where it is,
before anything runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, StringValueNode, ValidationRule
from strawberry.extensions import SchemaExtension

NUL = "\x00"
MESSAGE = "may not contain the NUL character (U+0000)"


class RefuseNulCharacters(SchemaExtension):
    """Adds a validation rule that sees this operation's variables as well as its literals."""

    def on_operation(self) -> Iterator[None]:
        rule = _rule(self.execution_context.variables)
        self.execution_context.validation_rules = (*self.execution_context.validation_rules, rule)
        yield


def _rule(variables: dict[str, Any] | None) -> type[ValidationRule]:
    class NoNulCharacters(ValidationRule):
        def enter_document(self, *_: Any) -> None:
            where = _nul_in(variables or {}, "$")
            if where is not None:
                self.report_error(GraphQLError(f"{where}: text {MESSAGE}", extensions=_extensions(where)))

        def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
            if NUL in node.value:
                self.report_error(GraphQLError(f"Text {MESSAGE}", node, extensions=_extensions(None)))

    return NoNulCharacters


def _extensions(field: str | None) -> dict[str, Any]:
    return {"code": "VALIDATION_ERROR", **({"field": field} if field else {})}


def _nul_in(value: Any, path: str) -> str | None:
    """Where in a variable value a NUL character is, if anywhere (keys included)."""
    if isinstance(value, str):
        return path if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{path}{'' if path == '$' else '.'}{key}"
            if NUL in str(key):
                return inner
            found = _nul_in(item, inner)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_in(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None
