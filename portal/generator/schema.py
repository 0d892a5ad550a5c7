"""Reading the exported schema: who may use what, how types are labelled, and what an ID field refers to.

Everything the portal shows is decided here from ``schema.graphql`` alone: the ``@access``
directive on root fields says which operations admit the role, descriptions become
labels and hints, and naming conventions link ID inputs to the types they identify.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
    get_named_type,
    is_required_argument,
    value_from_ast,
)
from graphql.execution.values import get_directive_values

ROLE = "PROVIDER_USER"
ACCESS_DIRECTIVE = "access"

# Fields that name a record for people: a short prefix (code, number) and a main text.
LABEL_PREFIX = ("code", "number", "reference")
LABEL_MAIN = ("name", "title", "legalName", "text", "fileName", "period")

# The inputs of a presigned upload, all worked out from the chosen file.
FILE_FIELDS = ("fileName", "mediaType", "size", "sha256")

_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def words(name: str) -> list[str]:
    """``weeklyFeesOn`` → ``["weekly", "fees", "on"]``; ``ADDITIONAL_STAFFING`` → ``["additional", "staffing"]``."""
    if name.isupper() or "_" in name:
        return [w.lower() for w in name.split("_") if w]
    return [w if w.isupper() and len(w) > 1 else w.lower() for w in _WORD.findall(name)]


def humanise(name: str) -> str:
    """A name as people write it: ``callOffs`` → ``Call offs``, ``ADDITIONAL_STAFFING`` → ``Additional staffing``."""
    text = " ".join(words(name))
    return text[:1].upper() + text[1:]


def first_sentence(text: str | None) -> str:
    if not text:
        return ""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence.rstrip(".")


@dataclass(frozen=True)
class Shape:
    """A field's type without its wrappers: the named type, and whether it is a list and required."""

    name: str
    is_list: bool
    required: bool
    items_required: bool

    @classmethod
    def of(cls, gql_type: object) -> Shape:
        required = isinstance(gql_type, GraphQLNonNull)
        inner = gql_type.of_type if required else gql_type  # type: ignore[attr-defined]
        is_list = isinstance(inner, GraphQLList)
        items_required = False
        if is_list:
            item = inner.of_type  # type: ignore[attr-defined]
            items_required = isinstance(item, GraphQLNonNull)
        return cls(get_named_type(gql_type).name, is_list, required, items_required)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Access:
    public: bool
    scope: str | None
    roles: tuple[str, ...]

    def admits(self, role: str) -> bool:
        return self.public or role in self.roles


@dataclass
class OptionSource:
    """Where the choices for an ID field come from: the context record, the viewer, or a list query."""

    origin: str  # "context", "viewer" or "query"
    path: tuple[str, ...]
    target: str

    @property
    def key(self) -> str:
        return f"{self.origin}:{'.'.join(self.path)}"


@dataclass
class Schema:
    """The exported schema, seen from one role."""

    graphql: GraphQLSchema
    role: str = ROLE
    _label_cache: dict[str, Label] = field(default_factory=dict)

    @classmethod
    def parse(cls, sdl: str, role: str = ROLE) -> Schema:
        return cls(build_schema(sdl), role)

    # -- access ----------------------------------------------------------------------

    def access(self, gql_field: GraphQLField) -> Access | None:
        directive = self.graphql.get_directive(ACCESS_DIRECTIVE)
        if directive is None or gql_field.ast_node is None:
            return None
        values = get_directive_values(directive, gql_field.ast_node)
        if values is None:
            return None
        return Access(bool(values["public"]), values.get("scope"), tuple(values.get("roles") or ()))

    def admitted(self, gql_field: GraphQLField) -> bool:
        access = self.access(gql_field)
        return access is not None and access.admits(self.role)

    @cached_property
    def mutations(self) -> dict[str, GraphQLField]:
        root = self.graphql.mutation_type
        return {name: f for name, f in (root.fields.items() if root else ()) if self.admitted(f)}

    @cached_property
    def queries(self) -> dict[str, GraphQLField]:
        root = self.graphql.query_type
        return {name: f for name, f in (root.fields.items() if root else ()) if self.admitted(f)}

    @cached_property
    def connections(self) -> dict[str, str]:
        """Admitted list queries: the query field → the type of its nodes."""
        found = {}
        for name, gql_field in self.queries.items():
            node = self.connection_node(gql_field)
            if node is not None:
                found[name] = node
        return found

    def connection_node(self, gql_field: GraphQLField) -> str | None:
        target = get_named_type(gql_field.type)
        if not isinstance(target, GraphQLObjectType) or "edges" not in target.fields or "nodes" not in target.fields:
            return None
        return Shape.of(target.fields["nodes"].type).name

    @cached_property
    def scopes(self) -> list[str]:
        """The OAuth scopes the role's operations need."""
        found = set()
        fields = [*self.queries.values(), *self.mutations.values()]
        # fields of what the role's queries return may declare access too (``viewer { notifications }``)
        for gql_field in self.queries.values():
            returned = get_named_type(gql_field.type)
            if isinstance(returned, GraphQLObjectType):
                fields.extend(f for f in returned.fields.values() if self.admitted(f))
        for gql_field in fields:
            access = self.access(gql_field)
            if access and access.scope and not access.public:
                found.add(access.scope)
        return sorted(found)

    # -- types -------------------------------------------------------------------------

    def type(self, name: str):  # type: ignore[no-untyped-def]
        return self.graphql.type_map[name]

    @cached_property
    def node_types(self) -> set[str]:
        node = self.graphql.type_map.get("Node")
        if not isinstance(node, GraphQLInterfaceType):
            return set()
        return {t.name for t in self.graphql.get_implementations(node).objects}

    def is_node(self, name: str) -> bool:
        return name in self.node_types

    def is_object(self, name: str) -> bool:
        return isinstance(self.graphql.type_map.get(name), GraphQLObjectType)

    def is_abstract(self, name: str) -> bool:
        return isinstance(self.graphql.type_map.get(name), GraphQLInterfaceType | GraphQLUnionType)

    def is_enum(self, name: str) -> bool:
        return isinstance(self.graphql.type_map.get(name), GraphQLEnumType)

    def is_input(self, name: str) -> bool:
        return isinstance(self.graphql.type_map.get(name), GraphQLInputObjectType)

    def error_types(self) -> list[str]:
        """Object types implementing the MutationError interface."""
        interface = self.graphql.type_map.get("MutationError")
        if not isinstance(interface, GraphQLInterfaceType):
            return []
        return sorted(t.name for t in self.graphql.get_implementations(interface).objects)

    def title(self, type_name: str) -> str:
        return humanise(type_name)

    # -- labels ---------------------------------------------------------------------------

    def label(self, type_name: str) -> Label:
        """How a record of this type is named for people."""
        if type_name not in self._label_cache:
            gql_type = self.type(type_name)
            fields = gql_type.fields if isinstance(gql_type, GraphQLObjectType) else {}

            def scalar(name: str) -> bool:
                return name in fields and not Shape.of(fields[name].type).is_list

            prefix = next((n for n in LABEL_PREFIX if scalar(n)), None)
            main = next((n for n in LABEL_MAIN if scalar(n)), None)
            via = None
            if prefix is None and main is None:
                for name, gql_field in fields.items():
                    shape = Shape.of(gql_field.type)
                    if shape.is_list or not self.is_node(shape.name) or shape.name == type_name:
                        continue
                    target = self.type(shape.name)
                    if any(n in target.fields for n in (*LABEL_PREFIX, *LABEL_MAIN)):
                        via = name
                        break
            self._label_cache[type_name] = Label(type_name, self.title(type_name), prefix, main, via)
        return self._label_cache[type_name]

    # -- ID inputs -------------------------------------------------------------------------

    def id_targets(self, operation: str, field_name: str, description: str | None) -> list[str]:
        """The record types an ID input identifies, from its name, its operation or its description."""
        if field_name == "id":
            # ``updateEstablishment(input: {id})``: the longest record type named in the operation.
            named = [t for t in self.node_types if t in _pascal(operation)]
            return sorted(named, key=len, reverse=True)[:1]
        stem = _singular(_pascal(field_name))
        exact = [t for t in self.node_types if t == stem]
        if exact:
            return exact
        suffix = [t for t in self.node_types if t.endswith(stem)]
        if len(suffix) == 1:
            return suffix
        text = description or ""
        mentioned = [t for t in self.node_types if re.search(rf"\b{t}\b", text)]
        if mentioned:
            return sorted(mentioned, key=text.index)
        # "One of your withdrawn bids": the first record type named in plain words.
        for word in re.findall(r"[A-Za-z]+", text.lower()):
            named = [t for t in self.node_types if word in (t.lower(), t.lower() + "s")]
            if named:
                return named
        return []

    def option_source(self, context: str | None, target: str) -> OptionSource | None:
        """Where to find the records a person may choose for an ID input of type ``target``.

        First a list reached from the context record through single records (``Bid.round.lots``),
        then one reached from the viewer (``viewer.provider.establishments``), then a list query.
        """
        viewer = isinstance(self.graphql.type_map.get("Viewer"), GraphQLObjectType) and "viewer" in self.queries
        # Near paths first, the context before the viewer: ``Referral.callOff.provider.establishments``
        # is three steps away, and the viewer's own establishments two.
        for depth in (2, 3):
            if context is not None:
                path = self._list_path(context, target, depth)
                if path:
                    return OptionSource("context", path, target)
            if viewer:
                path = self._list_path("Viewer", target, depth)
                if path:
                    return OptionSource("viewer", path, target)
        for name, node in self.connections.items():
            if node == target:
                return OptionSource("query", (name,), target)
        return None

    def _list_path(self, start: str, target: str, max_depth: int = 3) -> tuple[str, ...] | None:
        frontier: list[tuple[str, tuple[str, ...]]] = [(start, ())]
        seen = {start}
        for _ in range(max_depth):
            following: list[tuple[str, tuple[str, ...]]] = []
            for type_name, path in frontier:
                gql_type = self.type(type_name)
                for name, gql_field in gql_type.fields.items():
                    if any(is_required_argument(a) for a in gql_field.args.values()):
                        continue
                    shape = Shape.of(gql_field.type)
                    if shape.is_list and shape.name == target:
                        return (*path, name)
                    if not shape.is_list and self.is_object(shape.name) and shape.name not in seen:
                        seen.add(shape.name)
                        following.append((shape.name, (*path, name)))
            frontier = following
        return None

    def paired_list(self, context: str | None, field_name: str) -> str | None:
        """A list of strings on the context whose items a list input answers one by one.

        ``qualityAnswers`` pairs with ``Referral.qualityQuestions``: same first word, both lists of strings.
        """
        if context is None:
            return None
        head = words(field_name)[0]
        for name, gql_field in self.type(context).fields.items():
            shape = Shape.of(gql_field.type)
            if name != field_name and shape.is_list and shape.name == "String" and words(name)[0] == head:
                return name
        return None

    def default(self, input_field: GraphQLInputField) -> object:
        """The field's default value, or ``...`` when it has none."""
        node = input_field.ast_node
        if node is None or node.default_value is None:
            return ...
        return value_from_ast(node.default_value, input_field.type)

    def enum_options(self, name: str) -> list[tuple[str, str, str]]:
        """(value, label, hint) per enum value: the description's first sentence names it when short."""
        gql_type = self.type(name)
        options = []
        for value, definition in gql_type.values.items():
            sentence = first_sentence(definition.description)
            if sentence and len(sentence) <= 60:
                options.append((value, sentence, ""))
            else:
                options.append((value, humanise(value), definition.description or ""))
        return options

    def input_fields(self, name: str) -> Iterator[tuple[str, GraphQLInputField]]:
        yield from self.type(name).fields.items()


@dataclass(frozen=True)
class Label:
    """A type's naming rule: ``prefix – main``, or the type's title and a referenced record's label."""

    type_name: str
    title: str
    prefix: str | None
    main: str | None
    via: str | None

    def as_json(self) -> dict[str, object]:
        return {"title": self.title, "prefix": self.prefix, "main": self.main, "via": self.via}


def _pascal(name: str) -> str:
    return name[:1].upper() + name[1:]


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name
