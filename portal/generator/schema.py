"""Reading the exported schema: who may use what, how types are labelled, and what an ID field refers to.

What the portal can do is decided here from ``schema.graphql``: the ``@access`` directive on
root fields says which operations admit each of the portal's roles (:data:`ROLES`), and naming
conventions link ID inputs to the types they identify. What a person reads (type titles, labels,
hints, order, hidden fields, enum wording, how values are formatted) comes from
``portal/content.yaml`` through :class:`Content`, with defaults for whatever it does not list, so
a field added to the schema still appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
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

# The roles the portal serves: a provider's staff, an integrated care board's people (who agree the
# health contributions they are asked to fund), and an authority's finance staff (who check providers'
# invoices against the agreements, decide them and record payment). Operations are kept when their
# ``@access`` admits any of them; the manifest says which roles each list, form and action is for.
ROLES = ("PROVIDER_USER", "ICB_COMMISSIONER", "AUTHORITY_FINANCE")
ACCESS_DIRECTIVE = "access"
READ_SCOPE_DIRECTIVE = "readScope"
CONTENT_FILE = Path(__file__).resolve().parent.parent / "content.yaml"

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


# Descriptions written for API clients, not for people: they never become hints.
API_WORDING = (
    re.compile(r"Public\.|\b(connections?|nodes?|scopes?|tokens?|null|GraphQL|database|optimistic|WGS84|hex)\b", re.I),
    # who may see what is the API's business: "where you may see them", "shown to the buying side only"
    re.compile(r"\b(you may (see|read)|where you may|shown to|visible to|for anyone else)\b", re.I),
    re.compile(r"\bIDs?\b|`|SHA-256|\bOCDS\b|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b"),
)
# Fields nobody needs to read: machine keys, concurrency tokens, hashes, raw JSON, coordinates.
HIDDEN_NAMES = frozenset({"id", "version", "__typename", "pseudonymised"})
HIDDEN_TYPES = frozenset({"ID", "JSON"})
HIDDEN_PATTERN = re.compile(r"((?i:sha256|digest|hash)|[a-z0-9](Latitude|Longitude|Id)|^(latitude|longitude))$")
# Numbers that are names, not amounts: shown without digit grouping ("2026", not "2,026").
PLAIN_NUMBER = re.compile(r"(year|Year|^urn$|Number$)", re.I)
NUMERIC = frozenset({"Int", "Float"})
FORMATS = frozenset(
    {"plain", "number", "year", "academic-year", "percent", "km", "bytes", "difference", "grid", "cards"}
)
FIELD_KEYS = frozenset({"label", "hint", "hidden", "order", "format", "shows", "beside"})
TYPE_KEYS = frozenset({"title", "hint", "name", "fields", "columns"})
NAME_KEYS = frozenset({"prefix", "main", "via", "called"})
ENUM_KEYS = frozenset({"label", "hint"})


def plain_hint(description: str | None, codes: frozenset[str] = frozenset()) -> str:
    """A description fit to show a person, or "" when it is written for API clients."""
    text = (description or "").strip()
    if not text or any(p.search(text) for p in API_WORDING):
        return ""
    if codes and any(word in codes for word in re.findall(r"\b[A-Z][A-Z0-9]+\b", text)):
        return ""
    return text


def hidden_by_default(name: str, type_name: str) -> bool:
    """Machine keys, concurrency tokens, hashes, raw JSON and coordinates are not for people."""
    return name in HIDDEN_NAMES or type_name in HIDDEN_TYPES or bool(HIDDEN_PATTERN.search(name))


def default_format(name: str, type_name: str) -> str | None:
    """Years, URNs and numbers that name something are shown as written; other numbers grouped."""
    if type_name in NUMERIC and PLAIN_NUMBER.search(name):
        return "plain"
    return None


@dataclass(frozen=True)
class Text:
    """What a person reads of one field: its label and hint, whether it is shown, and how its value looks."""

    label: str
    hint: str
    hidden: bool
    format: str | None = None
    shows: tuple[str, ...] = ()  # of another record: the fields of it shown in a section, not just its name
    beside: str | None = None  # a part shown in one table with another part whose fields have the same names


class Content:
    """``portal/content.yaml``: the portal's words, written for providers, in one declarative file.

    ``types`` (output types: a ``title`` for records, a ``hint``, and ``fields``), ``inputs``
    (the ``fields`` of input types: form questions) and ``enums`` (value labels). A field entry
    is a label, or a mapping of ``label``, ``hint``, ``hidden``, ``order`` and ``format``; an
    enum value's entry a label, or a mapping of ``label`` and ``hint``.
    """

    SECTIONS = ("types", "inputs", "enums")

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        data = dict(data or {})
        unknown = set(data) - set(self.SECTIONS)
        if unknown:
            raise ValueError(f"content: unknown sections {sorted(unknown)}; expected {list(self.SECTIONS)}")
        self.types: dict[str, dict[str, Any]] = {n: self._type(n, e) for n, e in (data.get("types") or {}).items()}
        self.inputs: dict[str, dict[str, Any]] = {n: self._type(n, e) for n, e in (data.get("inputs") or {}).items()}
        self.enums: dict[str, dict[str, dict[str, str]]] = {
            n: {v: self._enum_value(n, v, e) for v, e in (values or {}).items()}
            for n, values in (data.get("enums") or {}).items()
        }

    @classmethod
    def load(cls, path: Path = CONTENT_FILE) -> Content:
        return cls(yaml.safe_load(path.read_text()) if path.exists() else None)

    @staticmethod
    def _type(name: str, entry: Any) -> dict[str, Any]:
        entry = dict(entry or {})
        if set(entry) - TYPE_KEYS:
            raise ValueError(f"content: {name} has unknown keys {sorted(set(entry) - TYPE_KEYS)}")
        fields: dict[str, dict[str, Any]] = {}
        for field_name, spec in (entry.get("fields") or {}).items():
            spec = {"label": spec} if isinstance(spec, str) else dict(spec or {})
            if set(spec) - FIELD_KEYS:
                raise ValueError(f"content: {name}.{field_name} has unknown keys {sorted(set(spec) - FIELD_KEYS)}")
            if spec.get("format") not in (None, *FORMATS):
                raise ValueError(f"content: {name}.{field_name} format must be one of {sorted(FORMATS)}")
            if not isinstance(spec.get("shows", []), list) or not isinstance(spec.get("beside", ""), str):
                raise ValueError(f"content: {name}.{field_name}: `shows` is a list of fields, `beside` a field")
            fields[field_name] = spec
        entry["fields"] = fields
        if set(entry.get("name") or {}) - NAME_KEYS:
            raise ValueError(f"content: {name}.name takes only {sorted(NAME_KEYS)}")
        if not isinstance(entry.get("columns", []), list):
            raise ValueError(f"content: {name}.columns is a list of fields (paths allowed)")
        return entry

    @staticmethod
    def _enum_value(name: str, value: str, entry: Any) -> dict[str, str]:
        entry = {"label": entry} if isinstance(entry, str) else dict(entry or {})
        if set(entry) - ENUM_KEYS or not entry.get("label"):
            raise ValueError(f"content: {name}.{value} needs a label, and only a label and a hint")
        return entry

    def section(self, is_input: bool) -> dict[str, dict[str, Any]]:
        return self.inputs if is_input else self.types

    def fields(self, type_name: str, *, is_input: bool = False) -> dict[str, dict[str, Any]]:
        return (self.section(is_input).get(type_name) or {}).get("fields") or {}


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

    def of(self, roles: tuple[str, ...]) -> list[str]:
        """The roles of ``roles`` it admits, in their order."""
        return [role for role in roles if self.admits(role)]


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
    """The exported schema, seen from the portal's roles."""

    graphql: GraphQLSchema
    roles: tuple[str, ...] = ROLES
    content: Content = field(default_factory=Content.load)
    _label_cache: dict[str, Label] = field(default_factory=dict)

    @classmethod
    def parse(cls, sdl: str, roles: tuple[str, ...] | str = ROLES, content: Content | None = None) -> Schema:
        roles = (roles,) if isinstance(roles, str) else tuple(roles)
        return cls(build_schema(sdl), roles, content if content is not None else Content.load())

    # -- access ----------------------------------------------------------------------

    def access(self, gql_field: GraphQLField) -> Access | None:
        directive = self.graphql.get_directive(ACCESS_DIRECTIVE)
        if directive is None or gql_field.ast_node is None:
            return None
        values = get_directive_values(directive, gql_field.ast_node)
        if values is None:
            return None
        return Access(bool(values["public"]), values.get("scope"), tuple(values.get("roles") or ()))

    def roles_of(self, gql_field: GraphQLField) -> list[str]:
        """The portal's roles whose people may use a root field (or a field of what one returns)."""
        access = self.access(gql_field)
        return [] if access is None else access.of(self.roles)

    def admitted(self, gql_field: GraphQLField) -> bool:
        return bool(self.roles_of(gql_field))

    def operation_roles(self, name: str) -> list[str]:
        """The roles a mutation is for."""
        return self.roles_of(self.mutations[name])

    def query_roles(self, name: str) -> list[str]:
        """The roles a query (a list page) is for."""
        return self.roles_of(self.queries[name])

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
        """The OAuth scopes the roles' operations need: the portal asks for them all, and the server grants
        each person those of their own role."""
        return sorted({scope for role in self.roles for scope in self.role_scopes(role)})

    def role_scopes(self, role: str) -> list[str]:
        """The OAuth scopes one role's operations need."""
        found = set()
        fields = [f for f in [*self.queries.values(), *self.mutations.values()] if role in self.roles_of(f)]
        # fields of what the queries return may declare access too (``viewer { notifications }``)
        for gql_field in self.queries.values():
            returned = get_named_type(gql_field.type)
            if isinstance(returned, GraphQLObjectType):
                fields.extend(f for f in returned.fields.values() if role in self.roles_of(f))
        for gql_field in fields:
            access = self.access(gql_field)
            if access and access.scope and not access.public:
                found.add(access.scope)
        return sorted(found)

    def read_scope(self, type_name: str) -> str | None:
        """The scope a token needs to read records of a type (its ``@readScope``), if any."""
        directive = self.graphql.get_directive(READ_SCOPE_DIRECTIVE)
        node = self.type(type_name).ast_node
        if directive is None or node is None:
            return None
        values = get_directive_values(directive, node)
        return values.get("scope") if values else None

    def record_roles(self, type_name: str) -> list[str]:
        """The roles whose people may read records of a type: those whose operations need its read scope."""
        scope = self.read_scope(type_name)
        return [role for role in self.roles if scope is None or scope in self.role_scopes(role)]

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

    # -- content: what people read -------------------------------------------------------------

    def title(self, type_name: str) -> str:
        """A type's name for people: ``CallOff`` is a "Placement"."""
        return str((self.content.types.get(type_name) or {}).get("title") or humanise(type_name))

    def type_hint(self, type_name: str) -> str:
        entry = self.content.types.get(type_name) or {}
        if "hint" in entry:
            return str(entry["hint"] or "")
        return plain_hint(self.type(type_name).description, self.enum_codes)

    @cached_property
    def enum_codes(self) -> frozenset[str]:
        """Every enum value of the schema: a description that spells one out is written for API clients."""
        return frozenset(
            value
            for t in self.graphql.type_map.values()
            if isinstance(t, GraphQLEnumType) and not t.name.startswith("__")
            for value in t.values
        )

    def text(self, type_name: str, field_name: str) -> Text:
        """The label, hint, visibility and format of a field of an output or input type."""
        gql_type = self.type(type_name)
        is_input = isinstance(gql_type, GraphQLInputObjectType)
        gql_field = gql_type.fields[field_name]
        entry = self.content.fields(type_name, is_input=is_input).get(field_name, {})
        shape = Shape.of(gql_field.type)
        # a field content.yaml lists says exactly what it is given; the defaults are for the others
        hint = str(entry.get("hint") or "") if entry else plain_hint(gql_field.description, self.enum_codes)
        if "hidden" in entry:
            hidden = bool(entry["hidden"])
        else:
            hidden = not is_input and hidden_by_default(field_name, shape.name)
        return Text(
            label=str(entry.get("label") or humanise(field_name)),
            hint=hint,
            hidden=hidden,
            format=entry.get("format") or default_format(field_name, shape.name),
            shows=tuple(entry.get("shows") or ()),
            beside=entry.get("beside"),
        )

    def input_text(self, input_field: GraphQLInputField, name: str) -> Text:
        """The text of an input field, found by the field itself: form code knows fields, not their types."""
        owner = self._input_owners.get(id(input_field))
        if owner is None:
            return Text(humanise(name), plain_hint(input_field.description, self.enum_codes), False, None)
        return self.text(*owner)

    @cached_property
    def _input_owners(self) -> dict[int, tuple[str, str]]:
        return {
            id(f): (t.name, n)
            for t in self.graphql.type_map.values()
            if isinstance(t, GraphQLInputObjectType)
            for n, f in t.fields.items()
        }

    def ordered_fields(self, type_name: str) -> list[tuple[str, GraphQLField]]:
        """An output type's fields: those content lists first, in its order (or their ``order``), then the rest."""
        fields = list(self.type(type_name).fields.items())
        listed = self.content.fields(type_name)
        places = {name: i for i, name in enumerate(listed)}

        def key(item: tuple[int, tuple[str, GraphQLField]]) -> tuple[int, float, int]:
            index, (name, _) = item
            if name in places:
                return (0, float(listed[name].get("order", places[name])), places[name])
            return (1, 0.0, index)

        return [f for _, f in sorted(enumerate(fields), key=key)]

    def path_shape(self, type_name: str, path: str) -> Shape | None:
        """The shape at the end of a dotted path of fields (``child.reference``), or None."""
        shape = None
        for step in path.split("."):
            gql_type = self.graphql.type_map.get(type_name)
            if not isinstance(gql_type, GraphQLObjectType | GraphQLInterfaceType) or step not in gql_type.fields:
                return None
            if shape is not None and shape.is_list:
                return None
            shape = Shape.of(gql_type.fields[step].type)
            type_name = shape.name
        return shape

    def content_problems(self) -> list[str]:
        """What ``content.yaml`` names that the schema does not have, or hides that a form cannot do without."""
        problems = []
        for section, is_input in (("types", False), ("inputs", True)):
            for type_name, entry in self.content.section(is_input).items():
                gql_type = self.graphql.type_map.get(type_name)
                wanted = GraphQLInputObjectType if is_input else (GraphQLObjectType, GraphQLInterfaceType)
                if not isinstance(gql_type, wanted):
                    problems.append(f"{section}.{type_name}: no such {'input' if is_input else 'output'} type")
                    continue
                for part, paths in (entry.get("name") or {}).items():
                    if part == "called":  # words, not a path: what goes before the prefix
                        continue
                    # a list of paths: the first with a value names the record (a board, or else an authority)
                    for path in paths if isinstance(paths, list) else [paths]:
                        found = self.path_shape(type_name, path) if path else None
                        wanted_node = part == "via"
                        if path and (found is None or found.is_list or self.is_node(found.name) != wanted_node):
                            kind = "a record" if wanted_node else "a value"
                            problems.append(f"{section}.{type_name}.name.{part}: {path!r} is not {kind} of {type_name}")
                for path in entry.get("columns") or []:
                    found = self.path_shape(type_name, path)
                    if found is None or found.is_list:
                        problems.append(f"{section}.{type_name}.columns: {path!r} is not one value of {type_name}")
                for field_name, spec in entry["fields"].items():
                    if field_name not in gql_type.fields:
                        problems.append(f"{section}.{type_name}.{field_name}: no such field")
                        continue
                    target = Shape.of(gql_type.fields[field_name].type)
                    for shown in spec.get("shows") or []:
                        if not self.is_node(target.name) or shown not in self.type(target.name).fields:
                            problems.append(f"{section}.{type_name}.{field_name}.shows: {target.name} has no {shown!r}")
                    beside = spec.get("beside")
                    if beside and (beside not in gql_type.fields or not self.is_object(target.name)):
                        problems.append(
                            f"{section}.{type_name}.{field_name}.beside: no part {beside!r} to show it with"
                        )
                    if is_input and spec.get("hidden"):
                        input_field = gql_type.fields[field_name]
                        if Shape.of(input_field.type).required and self.default(input_field) is ...:
                            problems.append(f"{section}.{type_name}.{field_name}: a required input cannot be hidden")
        for enum_name, values in self.content.enums.items():
            gql_type = self.graphql.type_map.get(enum_name)
            if not isinstance(gql_type, GraphQLEnumType):
                problems.append(f"enums.{enum_name}: no such enum")
                continue
            problems += [f"enums.{enum_name}.{v}: no such value" for v in values if v not in gql_type.values]
        return problems

    # -- labels ---------------------------------------------------------------------------

    def label(self, type_name: str) -> Label:
        """How a record of this type is named for people."""
        if type_name not in self._label_cache:
            gql_type = self.type(type_name)
            fields = gql_type.fields if isinstance(gql_type, GraphQLObjectType) else {}

            def scalar(name: str) -> bool:
                return name in fields and not Shape.of(fields[name].type).is_list

            named = (self.content.types.get(type_name) or {}).get("name") or {}
            prefix = named.get("prefix", next((n for n in LABEL_PREFIX if scalar(n)), None))
            main = named.get("main", next((n for n in LABEL_MAIN if scalar(n)), None))
            via = named.get("via")
            if prefix is None and main is None and "via" not in named:
                for name, gql_field in fields.items():
                    shape = Shape.of(gql_field.type)
                    if shape.is_list or not self.is_node(shape.name) or shape.name == type_name:
                        continue
                    target = self.type(shape.name)
                    if any(n in target.fields for n in (*LABEL_PREFIX, *LABEL_MAIN)):
                        via = name
                        break
            called = named.get("called")
            # a part of the name that is a choice of values reads as its label ("Health", not its code)
            enums = {}
            for paths in (prefix, main):
                for path in paths if isinstance(paths, list) else [paths]:
                    shape = self.path_shape(type_name, path) if path else None
                    if shape is not None and self.is_enum(shape.name):
                        enums[path] = shape.name
            self._label_cache[type_name] = Label(type_name, self.title(type_name), prefix, main, via, called, enums)
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
        """(value, label, hint) per enum value: as ``content.yaml`` words it, or else the description's
        first sentence when it is short and plain, or else the value humanised."""
        gql_type = self.type(name)
        written = self.content.enums.get(name, {})
        options = []
        for value, definition in gql_type.values.items():
            if value in written:
                options.append((value, written[value]["label"], written[value].get("hint", "")))
                continue
            description = plain_hint(definition.description, self.enum_codes - {value})
            sentence = first_sentence(description)
            if sentence and len(sentence) <= 60:
                options.append((value, sentence, ""))
            else:
                options.append((value, humanise(value), description))
        return options

    def input_fields(self, name: str) -> Iterator[tuple[str, GraphQLInputField]]:
        yield from self.type(name).fields.items()


@dataclass(frozen=True)
class Label:
    """A type's naming rule: ``prefix – main``, or the type's title and a referenced record's label.

    ``prefix`` and ``main`` are paths, or lists of paths of which the first with a value is used (a
    funder is an integrated care board, or else an authority).
    """

    type_name: str
    title: str
    prefix: str | list[str] | None
    main: str | list[str] | None
    via: str | None
    called: str | None = None  # the words before a prefix, when not the type's title ("Application for round")
    enums: dict[str, str] = field(default_factory=dict)  # paths whose values are enum codes, and their enums

    @property
    def paths(self) -> list[str]:
        """Every path read for the prefix and the main part."""
        return [p for part in (self.prefix, self.main) for p in (part if isinstance(part, list) else [part]) if p]

    @property
    def names(self) -> set[str]:
        """The fields (or paths) that name the record, as written: not repeated beside its name."""
        return set(self.paths) | ({self.via} if self.via else set())

    def as_json(self) -> dict[str, object]:
        named = {"called": self.called} if self.called else {}
        enums = {"enums": self.enums} if self.enums else {}
        return {"title": self.title, "prefix": self.prefix, "main": self.main, "via": self.via, **named, **enums}


def _pascal(name: str) -> str:
    return name[:1].upper() + name[1:]


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name
