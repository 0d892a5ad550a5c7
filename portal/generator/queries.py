"""GraphQL documents and view specifications: what each page asks for, and how the runtime shows it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLObjectType, GraphQLUnionType, get_named_type, is_required_argument

from portal.generator.schema import Schema, Shape

# How deep a detail page reaches into values that are not records of their own.
MAX_DEPTH = 3
# Columns of a list page besides the record's name.
LIST_COLUMNS = 5
# Texts too long for a table cell: a record's own page shows them.
LONG_TEXT = re.compile(r"(body|narrative|statement|description|summary|rationale|working)$", re.IGNORECASE)


@dataclass
class Selection:
    """A selection set under construction; fields merge when added twice."""

    fields: dict[str, Selection | None] = field(default_factory=dict)
    fragments: dict[str, Selection] = field(default_factory=dict)

    def scalar(self, name: str) -> None:
        self.fields.setdefault(name, None)

    def child(self, name: str) -> Selection:
        existing = self.fields.get(name)
        if existing is None:
            existing = self.fields[name] = Selection()
        return existing

    def on(self, type_name: str) -> Selection:
        return self.fragments.setdefault(type_name, Selection())

    def render(self, indent: int = 1) -> str:
        pad = "  " * indent
        lines = []
        for name, sub in self.fields.items():
            lines.append(f"{pad}{name}" if sub is None else f"{pad}{name} {sub.render(indent + 1)}")
        for type_name, sub in self.fragments.items():
            lines.append(f"{pad}... on {type_name} {sub.render(indent + 1)}")
        return "{\n" + "\n".join(lines) + "\n" + "  " * (indent - 1) + "}"


class Views:
    """Builds the selection and the matching view specification of each page."""

    def __init__(self, schema: Schema, references: dict[str, list[str]] | None = None) -> None:
        self.schema = schema
        self.listed = set(schema.connections.values())
        # per operation, a path on the record it leads to that its confirmation quotes (journeys.yaml)
        self.references = references or {}

    # -- labels --------------------------------------------------------------------------

    def select_label(self, type_name: str, sel: Selection, depth: int = 0) -> None:
        """Select what the runtime needs to name and link to a record."""
        sel.scalar("__typename")
        sel.scalar("id")
        if not self.schema.is_object(type_name):
            return
        label = self.schema.label(type_name)
        # content.yaml may name a record by a path into it: ``child.reference``
        for path in label.paths:
            *steps, last = path.split(".")
            inner = sel
            for step in steps:
                inner = inner.child(step)
            inner.scalar(last)
        if label.via and depth < 2:
            shape = self.schema.path_shape(type_name, label.via)
            inner = sel
            for step in label.via.split("."):
                inner = inner.child(step)
            if shape is not None:
                self.select_label(shape.name, inner, depth + 1)

    # -- view specifications -----------------------------------------------------------------

    def detail(self, type_name: str, sel: Selection) -> list[dict[str, Any]]:
        """Every field of a record for its own page: owned parts expanded, other records linked.

        The fields that name the record are its page's heading, so not repeated below it.
        """
        self.select_label(type_name, sel)
        label = self.schema.label(type_name)
        named = set(label.paths)
        return [s for s in self._fields(type_name, sel, depth=0, parent=type_name) if s["name"] not in named]

    def row(self, type_name: str, sel: Selection, depth: int = 1, parent: str | None = None) -> list[dict[str, Any]]:
        """The columns of a table row: scalars, enums and links; small value lists."""
        self.select_label(type_name, sel)
        return self._fields(type_name, sel, depth=depth, parent=parent)

    def parts(self, type_name: str, sel: Selection, depth: int = 1, parent: str | None = None) -> list[dict[str, Any]]:
        """The fields of a value that is part of a record (a bid's answer): no name or link of its own."""
        return self._fields(type_name, sel, depth=depth, parent=parent)

    def _fields(
        self, type_name: str, sel: Selection, *, depth: int, parent: str | None, only: tuple[str, ...] = ()
    ) -> list[dict[str, Any]]:
        specs: list[dict[str, Any]] = []
        # in the order content.yaml gives; hidden fields are neither shown nor asked for
        for name, gql_field in self.schema.ordered_fields(type_name):
            if any(is_required_argument(a) for a in gql_field.args.values()):
                continue
            if only and name not in only:
                continue
            if name in ("id", "__typename"):
                continue
            if name == "version":
                sel.scalar(name)
                continue
            text = self.schema.text(type_name, name)
            if text.hidden:
                continue
            shape = Shape.of(gql_field.type)
            spec: dict[str, Any] = {
                "name": name,
                "label": text.label,
                "list": shape.is_list,
            }
            target = self.schema.type(shape.name)
            if self.schema.is_enum(shape.name):
                sel.scalar(name)
                specs.append({**spec, "kind": "enum", "type": shape.name})
            elif not isinstance(target, GraphQLObjectType) and not self.schema.is_abstract(shape.name):
                if depth > 0 and shape.name == "String" and LONG_TEXT.search(name) and self.schema.is_node(type_name):
                    continue  # a table row of a record with a page of its own: long texts are read there
                sel.scalar(name)
                formatted = {"format": text.format} if text.format else {}
                specs.append({**spec, "kind": "scalar", "type": shape.name, **formatted})
            elif self.schema.is_abstract(shape.name):
                if isinstance(target, GraphQLUnionType):
                    continue
                child = sel.child(name)
                child.scalar("__typename")
                if "id" in target.fields:
                    child.scalar("id")
                specs.append({**spec, "kind": "ref", "type": shape.name})
            elif self.schema.is_node(shape.name):
                if shape.name == parent and depth > 0:
                    continue  # the way back to the record the table belongs to
                expand = depth == 0 and (shape.is_list or shape.name not in self.listed)
                child = sel.child(name)
                hint = {"hint": text.hint} if text.hint and depth == 0 else {}
                formatted = {"format": text.format} if text.format else {}
                if text.shows and depth == 0 and not shape.is_list:
                    # another record shown by some of its fields, in a section of its own, linked by its name
                    self.select_label(shape.name, child)
                    found = self._fields(shape.name, child, depth=1, parent=type_name, only=text.shows)
                    shown = {s["name"]: s for s in found}
                    columns = [shown[n] for n in text.shows if n in shown]
                    shows = {"kind": "object", "type": shape.name, "link": True, "fields": columns, "shows": True}
                    specs.append({**spec, **shows, **hint})
                elif expand and shape.name in self.listed:
                    # records with pages of their own: the few columns of their list page
                    columns_sel, columns = self.list_columns(shape.name, exclude=type_name)
                    sel.fields[name] = columns_sel
                    specs.append(
                        {**spec, "kind": "object", "type": shape.name, "link": True, "fields": columns, **hint}
                    )
                elif expand:
                    columns = self.row(shape.name, child, depth=1, parent=type_name)
                    specs.append(
                        {
                            **spec,
                            **{"kind": "object", "type": shape.name, "link": True, "fields": columns},
                            **hint,
                            **formatted,
                        }
                    )
                else:
                    self.select_label(shape.name, child)
                    specs.append({**spec, "kind": "ref", "type": shape.name})
            else:
                if depth >= MAX_DEPTH:
                    continue
                child = sel.child(name)
                columns = self._fields(shape.name, child, depth=depth + 1, parent=type_name)
                if not child.fields:
                    del sel.fields[name]
                    continue
                hint = {"hint": text.hint} if text.hint and depth == 0 else {}
                formatted = {"format": text.format} if text.format else {}
                if text.beside:  # shown in one table with another part of the record
                    formatted["beside"] = text.beside
                if text.format == "grid" and not (
                    shape.is_list and len([c for c in columns if c["kind"] == "enum"]) == 2 and len(columns) == 3
                ):
                    raise ValueError(
                        f"content: {type_name}.{name} is shown as a grid: a list of two choices and a value"
                    )
                specs.append({**spec, "kind": "object", "type": shape.name, "fields": columns, **hint, **formatted})
        return specs

    # -- documents ---------------------------------------------------------------------------

    def detail_query(self, type_name: str) -> tuple[str, list[dict[str, Any]]]:
        sel = Selection()
        view = self.detail(type_name, sel)
        document = f"query {type_name}Page($id: ID!) {{\n  record: node(id: $id) {{\n    __typename\n    id\n"
        document += f"    ... on {type_name} {sel.render(3)}\n  }}\n}}\n"
        return document, view

    def list_columns(self, node: str, exclude: str | None = None) -> tuple[Selection, list[dict[str, Any]]]:
        """A few telling columns for a list of records; the record's own name links to it.

        ``exclude``: the type of the record whose page shows the list; a column naming it says nothing.
        Content may choose the columns (``columns``: fields, or paths into related records).
        """
        chosen_paths = (self.schema.content.types.get(node) or {}).get("columns")
        if chosen_paths:
            return self.path_columns(node, chosen_paths, exclude)
        columns = [s for s in self.row(node, Selection(), depth=1, parent=None) if s["type"] != exclude]
        label = self.schema.label(node)
        own = label.names
        budget = {"status": 1, "ref": 2, "when": 3, "enum": 1}

        def kind(spec: dict[str, Any]) -> str | None:
            if spec["name"] in own or spec["kind"] == "object" or spec["list"]:
                return None
            if spec["kind"] == "enum":
                return "status" if spec["name"] == "status" else "enum"
            if spec["kind"] == "ref":
                return "ref"
            return "when" if spec["type"] in ("Date", "DateTime", "Pence") else None

        chosen = []
        for spec in columns:
            group = kind(spec)
            if group and budget[group] > 0 and len(chosen) < LIST_COLUMNS:
                budget[group] -= 1
                chosen.append(spec)
        sel = Selection()
        self.select_label(node, sel)
        for spec in chosen:
            if spec["kind"] == "ref":
                self.select_label(spec["type"], sel.child(spec["name"]))
            else:
                sel.scalar(spec["name"])
        return sel, chosen

    def path_columns(
        self, node: str, paths: list[str], exclude: str | None = None
    ) -> tuple[Selection, list[dict[str, Any]]]:
        """Columns named by content, each a field of the record or a path into records it links to
        (``callOff.establishment``): the column is named by the last field's label."""
        sel = Selection()
        self.select_label(node, sel)
        chosen = []
        for path in paths:
            *steps, last = path.split(".")
            owner, inner = node, sel
            for step in steps:
                owner = Shape.of(self.schema.type(owner).fields[step].type).name
                inner = inner.child(step)
            shape = Shape.of(self.schema.type(owner).fields[last].type)
            if shape.name == exclude:
                continue
            spec: dict[str, Any] = {"name": path, "label": self.schema.text(owner, last).label, "list": False}
            if self.schema.is_enum(shape.name):
                inner.scalar(last)
                chosen.append({**spec, "kind": "enum", "type": shape.name})
            elif self.schema.is_node(shape.name):
                self.select_label(shape.name, inner.child(last))
                chosen.append({**spec, "kind": "ref", "type": shape.name})
            elif not self.schema.is_object(shape.name):
                inner.scalar(last)
                text = self.schema.text(owner, last)
                formatted = {"format": text.format} if text.format else {}
                chosen.append({**spec, "kind": "scalar", "type": shape.name, **formatted})
        return sel, chosen

    def list_filters(self, query_field: str) -> tuple[str | None, list[dict[str, Any]]]:
        """The list's filter input type, and its single-choice enum fields: what a person filters by."""
        argument = self.schema.queries[query_field].args.get("filter")
        if argument is None:
            return None, []
        filter_type = Shape.of(argument.type).name
        filters = []
        for name, input_field in self.schema.input_fields(filter_type):
            shape = Shape.of(input_field.type)
            if self.schema.is_enum(shape.name) and not shape.is_list:
                text = self.schema.text(filter_type, name)
                filters.append({"name": name, "label": text.label, "type": shape.name, "hint": text.hint})
        return filter_type, filters

    def list_query(self, query_field: str, node: str, page_size: int) -> tuple[str, list[dict[str, Any]]]:
        sel, columns = self.list_columns(node)
        name = query_field[:1].upper() + query_field[1:]
        filter_type, _ = self.list_filters(query_field)
        # newest first: the last page of the list's stable order, read backwards
        variables = "$before: String" + (f", $filter: {filter_type}" if filter_type else "")
        arguments = f"last: {page_size}, before: $before" + (", filter: $filter" if filter_type else "")
        document = (
            f"query {name}List({variables}) {{\n"
            f"  list: {query_field}({arguments}) {{\n"
            "    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n"
            f"    nodes {sel.render(3)}\n  }}\n}}\n"
        )
        return document, columns

    def related_query(
        self, query_field: str, filter_field: str, node: str, owner: str, page_size: int
    ) -> tuple[str, list[dict[str, Any]]]:
        """The records of a list query filtered by one record: ``bids(filter: {round: $id})``."""
        sel, columns = self.list_columns(node, exclude=owner)
        name = query_field[:1].upper() + query_field[1:]
        document = (
            f"query {name}Of{owner}($id: ID!) {{\n"
            f"  list: {query_field}(first: {page_size}, filter: {{{filter_field}: $id}}) {{\n"
            f"    totalCount\n    nodes {sel.render(3)}\n  }}\n}}\n"
        )
        return document, columns

    def payload_selection(self, type_name: str, sel: Selection, depth: int = 0) -> None:
        """A mutation payload: records as links, values in full."""
        for name, gql_field in self.schema.type(type_name).fields.items():
            if any(is_required_argument(a) for a in gql_field.args.values()):
                continue
            shape = Shape.of(gql_field.type)
            if self.schema.is_node(shape.name):
                self.select_label(shape.name, sel.child(name))
                if "version" in self.schema.type(shape.name).fields:
                    sel.child(name).scalar("version")
            elif self.schema.is_object(shape.name):
                if depth < 2:
                    self.payload_selection(shape.name, sel.child(name), depth + 1)
            elif not self.schema.is_abstract(shape.name):
                sel.scalar(name)

    def result_document(self, operation: str, input_type: str) -> str:
        gql_field = self.schema.mutations[operation]
        result = get_named_type(gql_field.type)
        sel = Selection()
        sel.scalar("__typename")
        errors = set(self.schema.error_types())
        members = result.types if isinstance(result, GraphQLUnionType) else [result]
        if "MutationError" in self.schema.graphql.type_map:
            error = sel.on("MutationError")
            for name in ("message", "code", "field"):
                error.scalar(name)
        for member in members:
            if member.name in errors:
                for name, member_field in member.fields.items():
                    if name in ("message", "code", "field"):
                        continue
                    inner = Shape.of(member_field.type).name
                    if not self.schema.is_object(inner):
                        sel.on(member.name).scalar(name)
                    elif Shape.of(member_field.type).is_list:  # every problem at once: ``problems { message field }``
                        listed = sel.on(member.name).child(name)
                        for part in self.schema.type(inner).fields:
                            listed.scalar(part)
            else:
                self.payload_selection(member.name, sel.on(member.name) if len(members) > 1 else sel)
                self.select_reference(operation, member.name, sel.on(member.name) if len(members) > 1 else sel)
        title = operation[:1].upper() + operation[1:]
        return f"mutation {title}($input: {input_type}!) {{\n  result: {operation}(input: $input) {sel.render(2)}\n}}\n"

    def select_reference(self, operation: str, payload: str, sel: Selection) -> None:
        """What the confirmation quotes, on the payload's first record: its reference (a split's placement's)
        and the values its "what happens next" names (``{dueOn}``: the day an invoice's payment is due)."""
        paths = self.references.get(operation) or []
        record = next(
            (n for n, f in self.schema.type(payload).fields.items() if self.schema.is_node(Shape.of(f.type).name)), None
        )
        if not paths or record is None:
            return
        target = Shape.of(self.schema.type(payload).fields[record].type).name
        for path in paths:
            if self.schema.path_shape(target, path) is None:
                continue  # journeys.yaml's check says why
            inner = sel.child(record)
            *steps, last = path.split(".")
            for step in steps:
                inner = inner.child(step)
            inner.scalar(last)

    def payload_fields(self, operation: str) -> list[dict[str, Any]]:
        """The success payload's fields, to show when it names no record to go to."""
        result = get_named_type(self.schema.mutations[operation].type)
        errors = set(self.schema.error_types())
        members = result.types if isinstance(result, GraphQLUnionType) else [result]
        payload = next((m for m in members if m.name not in errors), None)
        if payload is None:
            return []
        specs = []
        for name, gql_field in payload.fields.items():
            shape = Shape.of(gql_field.type)
            kind = "ref" if self.schema.is_node(shape.name) else "enum" if self.schema.is_enum(shape.name) else None
            if kind is None and not self.schema.is_object(shape.name):
                kind = "scalar"
            text = self.schema.text(payload.name, name)
            if kind and not (text.hidden and kind != "ref"):
                specs.append(
                    {"name": name, "label": text.label, "kind": kind, "type": shape.name, "list": shape.is_list}
                )
        return specs
