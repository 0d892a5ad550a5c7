"""Codes for the values a request gets wrong: a negative ``Pence``, a date that is no date, a missing field.

GraphQL refuses such a value before anything runs, written in the query or
given in a variable, with a message naming it but no ``extensions.code`` and no
field. Here each is given the code ``VALIDATION_ERROR`` and ``extensions.field``,
the path of the value from the argument it is given to, as the domain's own
refusals name it (``input.weeklyFees.education``, ``input.qualityAnswers[0]``).
A required field left out is named itself (``input.reason``), not the object
missing it. A variable used in no argument is named by itself (``$input.weeklyFees``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    ListValueNode,
    ObjectValueNode,
    ValueNode,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    is_input_type,
    type_from_ast,
    visit,
)
from graphql.utilities.validate_input_value import validate_input_value

CODE = "VALIDATION_ERROR"

_MISSING = re.compile(r"to include required field '(\w+)'")
"""How graphql-core words a required input field left out, in a variable's value or in a literal."""

Path = list[str | int]


def code_input_errors(
    errors: list[GraphQLError],
    *,
    schema: GraphQLSchema | None,
    document: DocumentNode | None,
    variables: Mapping[str, Any] | None,
) -> list[GraphQLError]:
    """``errors``, those refusing a value given in the request with their code and field."""
    wrong: dict[str, list[Path]] = {}
    for error in errors:
        if error.path is not None or (error.extensions or {}).get("code") or not error.nodes or document is None:
            continue
        node = error.nodes[0]
        if isinstance(node, VariableDefinitionNode):
            name = node.variable.name.value
            if name not in wrong:  # GraphQL reports a variable's wrong values in the order they are found here
                wrong[name] = _wrong_values(node, schema, variables or {})
            inner = wrong[name].pop(0) if wrong[name] else []
            path: Path | None = [*_variable_use(name, document), *inner]
        elif isinstance(node, ValueNode) and not isinstance(node, VariableNode):
            path = _literal_path(node, document)
            if path is not None:
                path = _named(error, path)
        else:
            continue
        error.extensions = {**(error.extensions or {}), "code": CODE, **({"field": dotted(path)} if path else {})}
    return errors


def dotted(path: Path) -> str:
    """``["input", "qualityAnswers", 0]`` as ``input.qualityAnswers[0]``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _arguments(document: DocumentNode) -> Iterator[ArgumentNode]:
    found: list[ArgumentNode] = []

    class Arguments(Visitor):
        def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
            found.append(node)

    visit(document, Arguments())
    return iter(found)


def _find(value: ValueNode, target: Any, path: Path) -> Path | None:
    """The path from ``value`` to ``target`` (a node within it, or a variable named so), if it is there."""
    if value is target or (isinstance(target, str) and isinstance(value, VariableNode) and value.name.value == target):
        return path
    if isinstance(value, ObjectValueNode):
        for item in value.fields:
            found = _find(item.value, target, [*path, item.name.value])
            if found is not None:
                return found
    if isinstance(value, ListValueNode):
        for index, element in enumerate(value.values):
            found = _find(element, target, [*path, index])
            if found is not None:
                return found
    return None


def _literal_path(node: ValueNode, document: DocumentNode) -> Path | None:
    for argument in _arguments(document):
        found = _find(argument.value, node, [argument.name.value])
        if found is not None:
            return found
    return None


def _variable_use(name: str, document: DocumentNode) -> Path:
    """Where a variable is given: its first use in an argument, else the variable itself."""
    for argument in _arguments(document):
        found = _find(argument.value, name, [argument.name.value])
        if found is not None:
            return found
    return [f"${name}"]


def _wrong_values(
    definition: VariableDefinitionNode, schema: GraphQLSchema | None, variables: Mapping[str, Any]
) -> list[Path]:
    """The paths of the values within a variable that its type refuses, in order."""
    name = definition.variable.name.value
    type_ = type_from_ast(schema, definition.type) if schema is not None else None  # type: ignore[arg-type]
    wrong: list[Path] = []
    if type_ is not None and is_input_type(type_) and name in variables:
        validate_input_value(variables[name], type_, lambda error, path: wrong.append(_named(error, path)))  # type: ignore[arg-type]
    return wrong


def _named(error: GraphQLError, path: Any) -> Path:
    """The path of a value at fault: for a required field left out, the field's own."""
    missing = _MISSING.search(error.message)
    return [*path, missing[1]] if missing is not None else list(path)
