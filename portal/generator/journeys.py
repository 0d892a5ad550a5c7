"""The arrangement of the portal's work, read from ``portal/journeys.yaml`` and checked against the schema.

The file says what the schema cannot: each role's home page and service name, the navigation,
which actions a record offers and when, the question pages of a journey, a record's task list,
and what an action says when it is done. Every name in it is checked here, so a renamed field
fails generation rather than a page; a field added to an input and placed on no page is asked
on the journey's last. Each link and action records the roles it is for: those the ``@access``
of what it leads to admits, or fewer when the file says so (a public list is for anyone, but
only providers are offered application rounds).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from graphql import GraphQLObjectType

from portal.generator.forms import Form
from portal.generator.queries import Selection, Views
from portal.generator.schema import Schema, Shape

JOURNEYS_FILE = Path(__file__).resolve().parent.parent / "journeys.yaml"
SHELL_PAGES = {"messages"}
# a value of the record an action leads to, named in its confirmation's "what happens next": ``{dueOn}``
PLACEHOLDER = re.compile(r"\{([A-Za-z][A-Za-z0-9.]*)\}")


class JourneyError(ValueError):
    """``journeys.yaml`` names something the schema does not have."""


def load(path: Path = JOURNEYS_FILE) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


class Journeys:
    """The checked arrangement, as the manifest's ``journeys`` entry."""

    def __init__(
        self,
        schema: Schema,
        views: Views,
        spec: dict[str, Any],
        visible_inputs: dict[str, list[str]],
        contexts: dict[str, list[str]],
    ) -> None:
        self.schema = schema
        self.views = views
        self.spec = spec
        self.visible_inputs = visible_inputs  # per operation, the input fields its form asks
        self.contexts = contexts  # per operation, the record types its form acts on

    def fail(self, where: str, message: str) -> JourneyError:
        return JourneyError(f"portal/journeys.yaml, {where}: {message}")

    # -- checks ------------------------------------------------------------------------

    def offered(self, name: str, where: str) -> bool:
        """Whether a role may use an operation; one the schema does not have at all is a mistake in the file."""
        root = self.schema.graphql.mutation_type
        if root is None or name not in root.fields:
            raise self.fail(where, f"no operation {name!r}")
        return name in self.schema.mutations

    def record_type(self, name: str, where: str) -> GraphQLObjectType:
        if name not in self.schema.node_types:
            raise self.fail(where, f"no record type {name!r}")
        return self.schema.type(name)  # type: ignore[no-any-return]

    def path_type(self, type_name: str, path: str, where: str) -> tuple[str, bool]:
        """The named type at the end of a dotted path from a type, and whether a list was crossed."""
        current, crossed = type_name, False
        for step in path.split("."):
            gql_type = self.schema.type(current)
            if not isinstance(gql_type, GraphQLObjectType) or step not in gql_type.fields:
                raise self.fail(where, f"{current} has no field {step!r} (in {path!r})")
            shape = Shape.of(gql_type.fields[step].type)
            crossed = crossed or shape.is_list
            current = shape.name
        return current, crossed

    def list_type(self, type_name: str, path: str, where: str) -> str:
        """The item type of a list reached by a dotted path; a path that crosses no list is a mistake."""
        item, crossed = self.path_type(type_name, path, where)
        if not crossed:
            raise self.fail(where, f"{path!r} is not a list")
        return item

    def select(self, type_name: str, path: str, sel: Selection, *, label: bool = False) -> None:
        """Add a dotted path to a selection; records at its end get what names them."""
        steps = path.split(".")
        current = type_name
        for i, step in enumerate(steps):
            shape = Shape.of(self.schema.type(current).fields[step].type)
            current = shape.name
            if i == len(steps) - 1 and not self.schema.is_object(current):
                sel.scalar(step)
                return
            sel = sel.child(step)
        if label:
            self.views.select_label(current, sel)
        else:
            sel.scalar("__typename")
            if "id" in self.schema.type(current).fields:
                sel.scalar("id")

    def condition(self, type_name: str, when: dict[str, list[str]] | None, where: str, sel: Selection) -> dict:
        if not when:
            return {}
        for field_name, values in when.items():
            enum, _ = self.path_type(type_name, field_name, where)
            if enum == "Boolean":  # yes or no: `yoursToAgree: [true]`
                if set(values) - {True, False, None}:
                    raise self.fail(where, f"{field_name!r} is true or false, not {values}")
                self.select(type_name, field_name, sel)
                continue
            if not self.schema.is_enum(enum):
                # any other field is tested for being empty: `queries.answeredAt: [null]`, a query not yet answered
                if values != [None]:
                    raise self.fail(where, f"{field_name!r} is not a choice of values; only [null] tests it")
                self.select(type_name, field_name, sel)
                continue
            known = set(self.schema.type(enum).values) | {None}
            unknown = set(values) - known
            if unknown:
                raise self.fail(where, f"{enum} has no value {sorted(unknown)}")
            self.select(type_name, field_name, sel)
        return dict(when)

    # -- the manifest entry ----------------------------------------------------------------

    def roles_for(self, entry: dict[str, Any], admitted: list[str], where: str) -> list[str]:
        """The roles a link or action is for: those ``admitted`` (by the ``@access`` of what it leads to), or
        the fewer the file names (``roles``)."""
        if "roles" not in entry:
            return list(admitted)
        named = list(entry["roles"])
        unknown = set(named) - set(self.schema.graphql.type_map["Role"].values)
        if unknown:
            raise self.fail(where, f"Role has no value {sorted(unknown)}")
        refused = [r for r in named if r in self.schema.roles and r not in admitted]
        if refused:
            raise self.fail(where, f"{refused} may not use what it leads to")
        return [r for r in self.schema.roles if r in named]

    def fixed_filter(self, name: str, spec: dict[str, Any], where: str) -> dict[str, Any]:
        """A list's filter the link always applies (``{yoursToAgree: true}``), checked against the list's filter."""
        argument = self.schema.queries[name].args.get("filter")
        fields = dict(self.schema.input_fields(Shape.of(argument.type).name)) if argument else {}
        for key, value in spec.items():
            if key not in fields:
                raise self.fail(where, f"{name} cannot be filtered by {key!r}")
            kind = Shape.of(fields[key].type).name
            if kind == "Boolean" and isinstance(value, bool):
                continue
            if not self.schema.is_enum(kind) or value not in self.schema.type(kind).values:
                raise self.fail(where, f"{key!r} of {name} cannot be {value!r}")
        return dict(spec)

    def links(self, key: str) -> list[dict[str, Any]]:
        """Links to list pages (the shell's own pages, forms), each with its title and the roles it is for."""
        found = []
        viewer = self.schema.graphql.type_map.get("Viewer")
        everyone = list(self.schema.roles)
        for i, entry in enumerate(self.spec.get(key) or []):
            where = f"{key}[{i}]"
            if "viewer" in entry:  # a record of the signed-in person's own (their organisation)
                if not isinstance(viewer, GraphQLObjectType) or entry["viewer"] not in viewer.fields:
                    raise self.fail(key, f"the viewer has no {entry['viewer']!r}")
                found.append({**entry, "roles": self.roles_for(entry, everyone, where)})
                continue
            if "operation" in entry:
                if self.offered(entry["operation"], key):
                    admitted = self.schema.operation_roles(entry["operation"])
                    found.append({**entry, "roles": self.roles_for(entry, admitted, where)})
                continue
            if entry["list"] in SHELL_PAGES:
                found.append({**entry, "roles": self.roles_for(entry, everyone, where)})
                continue
            if entry["list"] not in self.schema.connections:
                continue  # a list no role can see (e.g. not yet in the schema) is simply not offered
            if "own" in entry:  # kept to the provider's own records by a filter of the list
                argument = self.schema.queries[entry["list"]].args.get("filter")
                fields = dict(self.schema.input_fields(Shape.of(argument.type).name)) if argument else {}
                if entry["own"] not in fields or Shape.of(fields[entry["own"]].type).name != "ID":
                    raise self.fail(key, f"{entry['list']} cannot be filtered by {entry['own']!r}")
            shown = {**entry, "roles": self.roles_for(entry, self.schema.query_roles(entry["list"]), where)}
            if "filter" in entry:  # a list kept to some of its records (those waiting for you)
                shown["filter"] = self.fixed_filter(entry["list"], entry["filter"], where)
            found.append(shown)
        return found

    def homes(self) -> dict[str, dict[str, Any]]:
        """Per role: the service's name, the words of its sign-in page, and what its home page lists first
        (``viewer``: what needs a provider's attention; or a list, kept to some records by a filter)."""
        found = {}
        spec = self.spec.get("roles") or {}
        missing = [r for r in self.schema.roles if r not in spec]
        if missing:
            raise self.fail("roles", f"no home page for {missing}")
        for role, entry in spec.items():
            where = f"roles.{role}"
            if role not in self.schema.graphql.type_map["Role"].values:
                raise self.fail(where, f"Role has no value {role!r}")
            if role not in self.schema.roles:
                continue  # a role the portal is not generated for
            unknown = set(entry) - {"service", "signIn", "about", "attention"}
            if unknown:
                raise self.fail(where, f"unknown keys {sorted(unknown)}")
            home = {k: entry[k] for k in ("service", "signIn", "about") if k in entry}
            attention = entry.get("attention")
            if attention == "viewer":
                home["attention"] = "viewer"
            elif attention:
                name = attention["list"]
                if name not in self.schema.connections or role not in self.schema.query_roles(name):
                    raise self.fail(f"{where}.attention", f"no list {name!r} that {role} may see")
                filtered = self.fixed_filter(name, attention.get("filter") or {}, f"{where}.attention")
                home["attention"] = {**attention, "filter": filtered}
            found[role] = home
        return found

    def attention_links(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Per kind of attention item and record type, the form where it is dealt with."""
        found: dict[str, dict[str, dict[str, Any]]] = {}
        viewer = self.schema.graphql.type_map.get("Viewer")
        if not isinstance(viewer, GraphQLObjectType) or "attention" not in viewer.fields:
            return found
        item = self.schema.type(Shape.of(viewer.fields["attention"].type).name)
        kinds = Shape.of(item.fields["kind"].type).name
        for kind, by_type in (self.spec.get("attention") or {}).items():
            where = f"attention.{kind}"
            if kind not in self.schema.type(kinds).values:
                raise self.fail(where, f"{kinds} has no value {kind!r}")
            for type_name, link in by_type.items():
                if not self.offered(link["operation"], where):
                    continue
                if type_name not in self.contexts.get(link["operation"], []):
                    raise self.fail(where, f"{link['operation']} does not act on a {type_name}")
                unknown = set(link.get("params") or []) - set(item.fields)
                if unknown:
                    raise self.fail(where, f"attention items have no {sorted(unknown)}")
                found.setdefault(kind, {})[type_name] = dict(link)
        return found

    def attention_document(self, records: list[str]) -> str | None:
        """The home page's query: what needs attention, each item naming and linking to its record."""
        viewer = self.schema.graphql.type_map.get("Viewer")
        if not isinstance(viewer, GraphQLObjectType) or "attention" not in viewer.fields:
            return None
        item = Shape.of(viewer.fields["attention"].type).name
        sel = Selection()
        for name, gql_field in self.schema.type(item).fields.items():
            if not self.schema.is_object(Shape.of(gql_field.type).name):
                sel.scalar(name)
        record = sel.child("record")
        record.scalar("__typename")
        record.scalar("id")
        for type_name in records:
            self.views.select_label(type_name, record.on(type_name))
        return f"query Attention {{\n  viewer {{\n    attention {sel.render(3)}\n  }}\n}}\n"

    def operations(self) -> dict[str, dict[str, Any]]:
        found = {}
        for name, entry in (self.spec.get("operations") or {}).items():
            if not self.offered(name, f"operations.{name}"):
                continue
            unknown = set(entry) - {
                *("title", "button", "done", "warning", "confirmation"),
                *("prefill", "grid", "table", "scales", "choices", "asks", "about", "shows", "acts"),
            }
            if unknown:
                raise self.fail(f"operations.{name}", f"unknown keys {sorted(unknown)}")
            found[name] = dict(entry)
            extra = set(entry.get("confirmation") or {}) - {"title", "next", "view", "reference"}
            if extra:
                raise self.fail(f"operations.{name}.confirmation", f"unknown keys {sorted(extra)}")
            if "reference" in (entry.get("confirmation") or {}):
                found[name]["confirmation"] = {**entry["confirmation"], "reference": self.reference(name, entry)}
            if PLACEHOLDER.search(str((entry.get("confirmation") or {}).get("next") or "")):
                found[name]["confirmation"] = {
                    **found[name]["confirmation"],
                    "values": self.placeholders(name, entry["confirmation"]["next"]),
                }
            if "acts" in entry:  # record types the form acts on that its ID input's description does not name yet
                unknown = [t for t in entry["acts"] if t not in self.schema.node_types]
                if unknown:
                    raise self.fail(f"operations.{name}.acts", f"no record types {unknown}")
                found[name].pop("acts")
            if "shows" in entry:  # fields of the form's record shown above it: what is agreed
                context = self.context_of(name, f"operations.{name}.shows")
                fields = self.schema.type(context).fields
                unknown = [f for f in entry["shows"] if f not in fields]
                if unknown:
                    raise self.fail(f"operations.{name}.shows", f"{context} has no {unknown}")
                found[name]["shows"] = list(entry["shows"])
                # and what the form is for, in content.yaml's words: the action's hint
                found[name]["hint"] = self.schema.text("Mutation", name).hint
            if "grid" in entry:
                found[name]["grid"] = self.grid(name, entry["grid"])
            if "table" in entry:
                found[name]["table"] = self.table(name, entry["table"])
            if "scales" in entry:
                found[name]["scales"] = self.scales(name, entry["scales"])
            if "choices" in entry:
                found[name]["choices"] = self.choices(name, entry["choices"])
            if "prefill" in entry:
                found[name]["prefill"] = self.prefill(name, entry["prefill"] or {})
            if "asks" in entry:
                found[name]["asks"] = self.asks(name, entry["asks"])
            if "about" in entry:
                found[name]["about"] = self.about(name, entry["about"])
        return found

    def reference(self, operation: str, entry: dict[str, Any]) -> dict[str, str]:
        """The reference a confirmation's panel shows: a path that names the record the action leads to (its
        placement's reference), and the words before it."""
        where = f"operations.{operation}.confirmation.reference"
        spec = entry["confirmation"]["reference"]
        if set(spec) != {"field", "label"}:
            raise self.fail(where, "give the `field` that holds the reference, and its `label`")
        made = [s["type"] for s in self.views.payload_fields(operation) if s["kind"] == "ref" and not s["list"]]
        found = self.schema.path_shape(made[0], spec["field"]) if made else None
        if found is None or found.is_list or self.schema.is_object(found.name):
            raise self.fail(where, f"{spec['field']!r} is not a value of the record {operation} leads to")
        return dict(spec)

    def placeholders(self, operation: str, text: str) -> dict[str, str]:
        """The values a confirmation's "what happens next" names (``{dueOn}``), each a value of the record the
        action leads to, with its type: how the runtime shows it (a date reads "5 March 2027")."""
        where = f"operations.{operation}.confirmation.next"
        made = [s["type"] for s in self.views.payload_fields(operation) if s["kind"] == "ref" and not s["list"]]
        found = {}
        for path in PLACEHOLDER.findall(text):
            shape = self.schema.path_shape(made[0], path) if made else None
            if shape is None or shape.is_list or self.schema.is_object(shape.name):
                raise self.fail(where, f"{path!r} is not a value of the record {operation} leads to")
            found[path] = shape.name
        return found

    def context_of(self, operation: str, where: str) -> str:
        contexts = self.contexts.get(operation) or []
        if len(contexts) != 1:
            raise self.fail(where, f"{operation} acts on no single record type")
        return contexts[0]

    def input_path(self, operation: str, path: str, where: str) -> None:
        """Check a dotted path into an operation's input (``weeklyFees.care``)."""
        fields = dict(self.schema.input_fields(Shape.of(self.schema.mutations[operation].args["input"].type).name))
        steps = path.split(".")
        if steps[0] not in self.visible_inputs.get(operation, []):
            raise self.fail(where, f"{operation} asks no field {steps[0]!r}")
        for step in steps:
            if step not in fields:
                raise self.fail(where, f"{operation}'s input has no {path!r}")
            inner = Shape.of(fields[step].type).name
            fields = dict(self.schema.input_fields(inner)) if self.schema.is_input(inner) else {}

    @staticmethod
    def facts(context: str, sel: Selection, name: str) -> str:
        return (
            f"query {context}{name}($id: ID!) {{\n  record: node(id: $id) {{\n    __typename\n"
            f"    ... on {context} {sel.render(3)}\n  }}\n}}\n"
        )

    def asks(self, operation: str, spec: dict[str, Any]) -> dict[str, Any]:
        """Questions asked only when the form's record has some values (care only on a residential lot)."""
        where = f"operations.{operation}.asks"
        context = self.context_of(operation, where)
        sel = Selection()
        when = {}
        for path, condition in spec.items():
            self.input_path(operation, path, where)
            when[path] = self.condition(context, condition, where, sel)
        return {"when": when, "document": self.facts(context, sel, "Asks")}

    def about(self, operation: str, spec: dict[str, Any]) -> dict[str, Any]:
        """What on the form's record the form answers (the council's query), shown above the questions."""
        where = f"operations.{operation}.about"
        context = self.context_of(operation, where)
        item = self.list_type(context, spec["from"], where)
        sel = Selection()
        inner = sel.child(spec["from"])
        for name in (spec["text"], spec.get("at")):
            if name:
                self.path_type(item, name, where)
                inner.scalar(name)
        for name in spec.get("when") or {}:
            kind, _ = self.path_type(item, name, where)
            if kind != "Boolean" and not self.schema.is_enum(kind):
                raise self.fail(where, f"{item}.{name} is not a choice of values")
            inner.scalar(name)
        return {**spec, "document": self.facts(context, sel, "About")}

    def above(self, operation: str, spec: dict[str, Any], where: str) -> dict[str, Any]:
        """A page asked only when a fee answered is above its limit on the rate card the answers choose.

        ``from`` lists, on the form's record, the items whose ``match`` record is the one chosen for
        the input of that name; ``card`` leads from that item to its price lines, and the lines of
        the ``band`` answered are compared, element by element, with the ``fees`` answered.
        """
        context = self.context_of(operation, where)
        for name in (spec["fees"], spec["band"], spec["match"]):
            self.input_path(operation, name, where)
        item = self.list_type(context, spec["from"], where)
        line = self.list_type(item, spec["card"], where)
        line_fields = self.schema.type(line).fields
        for part in ("band", "element", "weeklyFee"):
            if part not in line_fields:
                raise self.fail(where, f"{line} has no {part!r}")
        fees_input = dict(self.schema.input_fields(Shape.of(self.schema.mutations[operation].args["input"].type).name))
        fee_fields = dict(self.schema.input_fields(Shape.of(fees_input[spec["fees"]].type).name))
        elements = self.schema.type(Shape.of(line_fields["element"].type).name).values
        for element in elements:  # each cost element is the fee field of the same name, in camelCase
            head, *rest = element.lower().split("_")
            if head + "".join(part.title() for part in rest) not in fee_fields:
                raise self.fail(where, f"{spec['fees']} has no fee for {element}")
        sel = Selection()
        inner = sel.child(spec["from"])
        self.select(item, spec["match"], inner)
        lines = inner
        for step in spec["card"].split("."):
            lines = lines.child(step)
        for part in ("band", "element", "weeklyFee"):
            lines.scalar(part)
        return {**spec, "document": self.facts(context, sel, "Limits")}

    def journeys(self) -> dict[str, dict[str, Any]]:
        found = {}
        for name, entry in (self.spec.get("journeys") or {}).items():
            where = f"journeys.{name}"
            if not self.offered(entry["operation"], where):
                continue
            operation = entry["operation"]
            asked = self.visible_inputs.get(operation, [])
            pages, placed = [], set()
            for page in entry["pages"]:
                for field_name in page["fields"]:
                    if field_name not in asked:
                        raise self.fail(where, f"{operation} asks no field {field_name!r}")
                    placed.add(field_name)
                shown = {"slug": page["slug"], "title": page["title"], "fields": list(page["fields"])}
                if "above" in page:
                    shown["above"] = self.above(operation, page["above"], f"{where}.{page['slug']}")
                pages.append(shown)
            # "Only arranges": a journey over a whole input asks every field; one that names
            # itself a subset (a title of its own, e.g. "Update vacancies") asks only its fields.
            if "title" not in entry:
                pages[-1]["fields"].extend(f for f in asked if f not in placed)
            found[name] = {"operation": operation, "title": entry.get("title"), "pages": pages}
        return found

    def grid(self, operation: str, spec: dict[str, Any]) -> dict[str, Any]:
        """A list of (row choice, column choice, value) inputs asked as one table, checked against the input."""
        where = f"operations.{operation}.grid"
        input_type = Shape.of(self.schema.mutations[operation].args["input"].type).name
        inputs = dict(self.schema.input_fields(input_type))
        if spec["field"] not in inputs or not Shape.of(inputs[spec["field"]].type).is_list:
            raise self.fail(where, f"{operation} has no list {spec['field']!r}")
        item = dict(self.schema.input_fields(Shape.of(inputs[spec["field"]].type).name))
        for part in ("rows", "columns", "value"):
            if spec[part] not in item:
                raise self.fail(where, f"{spec['field']} items have no {spec[part]!r}")
        columns = Shape.of(item[spec["columns"]].type).name
        known = set(self.schema.type(columns).values)
        only = {}
        for column, condition in (spec.get("only") or {}).items():
            chosen = condition["field"]
            targets = self.schema.id_targets(operation, chosen, inputs[chosen].description) if chosen in inputs else []
            if len(targets) != 1:
                raise self.fail(where, f"{chosen!r} names no one record type")
            sel = Selection()
            self.condition(targets[0], condition["when"], where, sel)
            document = self.facts(targets[0], sel, "Facts")
            only[column] = {"field": chosen, "when": condition["when"], "document": document}
        unknown = (set(spec.get("required") or []) | set(only)) - known
        if unknown:
            raise self.fail(where, f"{columns} has no value {sorted(unknown)}")
        return {**spec, "required": list(spec.get("required") or []), "only": only}

    def table(self, operation: str, spec: dict[str, Any]) -> dict[str, Any]:
        """A list of inputs asked as one table: a row per choice of one of its fields (``rows``: an invoice's
        cost elements, or a disputed invoice's lines), a column per other field (days or weeks, rate, amount;
        a reason). A row left blank is not sent; a row begun must be finished."""
        where = f"operations.{operation}.table"
        unknown = set(spec) - {"field", "rows", "title"}
        if unknown:
            raise self.fail(where, f"unknown keys {sorted(unknown)}")
        input_type = Shape.of(self.schema.mutations[operation].args["input"].type).name
        inputs = dict(self.schema.input_fields(input_type))
        if spec.get("field") not in inputs or not Shape.of(inputs[spec["field"]].type).is_list:
            raise self.fail(where, f"{operation} has no list {spec.get('field')!r}")
        if spec["field"] not in self.visible_inputs.get(operation, []):
            raise self.fail(where, f"{operation} asks no field {spec['field']!r}")
        item_type = Shape.of(inputs[spec["field"]].type).name
        item = dict(self.schema.input_fields(item_type))
        if spec.get("rows") not in item:
            raise self.fail(where, f"{spec['field']} items have no {spec.get('rows')!r}")
        chooser = Shape.of(item[spec["rows"]].type)
        if chooser.is_list or not (chooser.name == "ID" or self.schema.is_enum(chooser.name)):
            raise self.fail(where, f"{spec['rows']!r} is not one choice")
        heading = self.schema.input_text(item[spec["rows"]], spec["rows"]).label
        return {"field": spec["field"], "rows": spec["rows"], "heading": heading, "title": spec.get("title") or ""}

    def scales(self, operation: str, spec: dict[str, Any]) -> dict[str, Any]:
        """Rows of a list input asked each on the scale of the record it is about (an outcome measure)."""
        where = f"operations.{operation}.scales"
        contexts = self.contexts.get(operation) or []
        if len(contexts) != 1:
            raise self.fail(where, f"{operation} acts on no single record type")
        input_type = Shape.of(self.schema.mutations[operation].args["input"].type).name
        inputs = dict(self.schema.input_fields(input_type))
        if spec["field"] not in inputs:
            raise self.fail(where, f"{operation} has no field {spec['field']!r}")
        item = dict(self.schema.input_fields(Shape.of(inputs[spec["field"]].type).name))
        for part in ("choice", "value"):
            if spec[part] not in item:
                raise self.fail(where, f"{spec['field']} items have no {spec[part]!r}")
        measure, _ = self.path_type(contexts[0], spec["from"], where)
        sel = Selection()
        self.select(contexts[0], spec["from"], sel)
        inner = sel
        for step in spec["from"].split("."):
            inner = inner.child(step)
        for name in [spec["scale"], *(spec.get("only") or {})]:
            self.condition(measure, {name: list(self._values(measure, name, where))}, where, inner)
        scale_enum, _ = self.path_type(measure, spec["scale"], where)
        unknown = set(spec["controls"]) - set(self.schema.type(scale_enum).values)
        if unknown:
            raise self.fail(where, f"{scale_enum} has no value {sorted(unknown)}")
        for name, values in (spec.get("only") or {}).items():
            enum, _ = self.path_type(measure, name, where)
            for value, needs in values.items():
                if value not in self.schema.type(enum).values:
                    raise self.fail(where, f"{enum} has no value {value!r}")
                for field_name in needs:
                    if field_name not in inputs:
                        raise self.fail(where, f"{operation} has no field {field_name!r}")
        for words in ("name", "description"):  # what it is called in errors, and its hint
            if words in self.schema.type(measure).fields:
                inner.scalar(words)
        document = self.facts(contexts[0], sel, "Scales")
        return {**spec, "document": document}

    def filtered(self, type_name: str, spec: dict[str, Any], where: str, sel: Selection) -> str:
        """Select a list on a record, the record each item names, and the fields its condition reads."""
        item = self.list_type(type_name, spec["from"], where)
        picked, _ = self.path_type(item, spec["pick"], where)
        inner = sel
        for step in spec["from"].split("."):  # a path to the list: `provider.memberships`
            inner = inner.child(step)
        self.views.select_label(picked, inner.child(spec["pick"]))
        for name, values in (spec.get("when") or {}).items():
            kind, _ = self.path_type(item, name, where)
            allowed = {"true", "false"} if kind == "Boolean" else set(self._values(item, name, where))
            if {str(v).lower() if isinstance(v, bool) else v for v in values} - allowed:
                raise self.fail(where, f"{item}.{name} has no value among {values}")
            inner.scalar(name)
        return picked

    def choices(self, operation: str, spec: dict[str, Any]) -> dict[str, Any]:
        """The records a question offers, narrowed to those that can be valid, from lists on the form's record."""
        where = f"operations.{operation}.choices"
        contexts = self.contexts.get(operation) or []
        found = {}
        for field_name, entry in spec.items():
            if field_name not in self.visible_inputs.get(operation, []):
                raise self.fail(where, f"{operation} asks no field {field_name!r}")
            if "values" in entry:  # values a query gives for the form's record (the document types it takes)
                found[field_name] = {**entry, "document": self.value_choices(operation, field_name, entry, where)}
                continue
            if len(contexts) != 1:
                raise self.fail(where, f"{operation} acts on no single record type")
            if "query" in entry:  # a list query, filtered by the form's record (a round's withdrawn bids)
                found[field_name] = {**entry, "document": self.list_choices(entry, where)}
                continue
            if "of" in entry:  # records of the record chosen for another answer (a lot's establishments)
                found[field_name] = {**entry, "document": self.chosen_choices(operation, entry, where)}
                continue
            if "answers" in entry:  # one choice answering several questions (a term: its year and term)
                found[field_name] = {**entry, "document": self.answer_choices(operation, contexts[0], entry, where)}
                continue
            sel = Selection()
            self.filtered(contexts[0], entry, where, sel)
            if "except" in entry:
                self.filtered(contexts[0], entry["except"], where, sel)
            document = self.facts(contexts[0], sel, "Choices")
            found[field_name] = {**entry, "document": document}
        return found

    def value_choices(self, operation: str, field_name: str, entry: dict[str, Any], where: str) -> str:
        """A root query that takes the form's record's ID and gives the values the question may have."""
        name = entry["values"]
        root = self.schema.graphql.query_type
        found = root.fields.get(name) if root else None
        inputs = dict(self.schema.input_fields(Shape.of(self.schema.mutations[operation].args["input"].type).name))
        wanted = Shape.of(inputs[field_name].type).name
        ids = [a for a, arg in (found.args if found else {}).items() if Shape.of(arg.type).name == "ID"]
        if found is None or Shape.of(found.type).name != wanted or not Shape.of(found.type).is_list or len(ids) != 1:
            raise self.fail(where, f"no query {name!r} giving {wanted} values for a record's ID")
        return f"query {name[:1].upper() + name[1:]}Choices($id: ID!) {{\n  values: {name}({ids[0]}: $id)\n}}\n"

    def chosen_choices(self, operation: str, entry: dict[str, Any], where: str) -> str:
        """A list on the record chosen for another of the form's questions."""
        inputs = dict(self.schema.input_fields(Shape.of(self.schema.mutations[operation].args["input"].type).name))
        chosen = entry["of"]
        is_id = chosen in inputs and Shape.of(inputs[chosen].type).name == "ID"
        targets = self.schema.id_targets(operation, chosen, inputs[chosen].description) if is_id else []
        if len(targets) != 1:
            raise self.fail(where, f"{chosen!r} names no one record type")
        item = self.list_type(targets[0], entry["from"], where)
        sel = Selection()
        self.views.select_label(item, sel.child(entry["from"]))
        return self.facts(targets[0], sel, "Choices")

    def answer_choices(self, operation: str, context: str, entry: dict[str, Any], where: str) -> str:
        """Items of a list on the form's record, each answering the questions of the same names."""
        item = self.list_type(context, entry["from"], where)
        sel = Selection()
        inner = sel.child(entry["from"])
        for name in entry["answers"]:
            self.input_path(operation, name, where)
            self.path_type(item, name, where)
            inner.scalar(name)
        for part in ("label", "due"):
            if part in entry:
                self.path_type(item, entry[part], where)
                inner.scalar(entry[part])
        if "draft" in entry:  # the answer's saved record, if any, with its status
            saved, _ = self.path_type(item, entry["draft"], where)
            self.select(item, entry["draft"], inner)
            if "status" in self.schema.type(saved).fields:
                inner.child(entry["draft"]).scalar("status")
        return self.facts(context, sel, "Choices")

    def list_choices(self, entry: dict[str, Any], where: str) -> str:
        name = entry["query"]
        if name not in self.schema.connections:
            raise self.fail(where, f"no list {name!r} the portal's roles may see")
        argument = self.schema.queries[name].args.get("filter")
        fields = dict(self.schema.input_fields(Shape.of(argument.type).name)) if argument else {}
        parts = []
        for key, value in (entry.get("filter") or {}).items():
            if key not in fields:
                raise self.fail(where, f"{name} cannot be filtered by {key!r}")
            if value == "$record":
                parts.append(f"{key}: $id")
            else:
                enum = Shape.of(fields[key].type).name
                if not self.schema.is_enum(enum) or value not in self.schema.type(enum).values:
                    raise self.fail(where, f"{enum} has no value {value!r}")
                parts.append(f"{key}: {value}")
        sel = Selection()
        self.views.select_label(self.schema.connections[name], sel)
        return (
            f"query {name[:1].upper() + name[1:]}Choices($id: ID!) {{\n"
            f"  list: {name}(first: 100, filter: {{{', '.join(parts)}}}) {{\n    nodes {sel.render(3)}\n  }}\n}}\n"
        )

    def _values(self, type_name: str, field_name: str, where: str) -> list[str]:
        enum, _ = self.path_type(type_name, field_name, where)
        if not self.schema.is_enum(enum):
            raise self.fail(where, f"{field_name!r} is not a choice of values")
        return list(self.schema.type(enum).values)

    def prefill(self, operation: str, spec: dict[str, Any]) -> dict[str, Any]:
        """What a form starts from: the saved values of its record (or of one item of a list on it).

        Input fields take the record's fields of the same name unless ``fields`` maps them
        (``pricing: pricingSchedule``); ``from`` and ``key`` pick the item of a list whose
        ``key`` is the record chosen for the input of that name (a bid's lot).
        """
        where = f"operations.{operation}.prefill"
        contexts = self.contexts.get(operation) or []
        if len(contexts) != 1:
            raise self.fail(where, f"{operation} acts on no single record type")
        context = contexts[0]
        sel = Selection()
        base, inner = context, sel
        if "from" in spec:
            base, _ = self.path_type(context, spec["from"], where)
            inner = sel.child(spec["from"])
            if "key" in spec:
                inner.child(spec["key"]).scalar("id")
            for name in spec.get("match") or []:  # the item whose fields equal these answers
                self.path_type(base, name, where)
                inner.scalar(name)

        input_type = Shape.of(self.schema.mutations[operation].args["input"].type).name
        inputs = dict(self.schema.input_fields(input_type))
        mapped = spec.get("fields") or {}
        fields = {}
        for name in self.visible_inputs.get(operation, []):
            output = mapped.get(name, name)
            if output not in self.schema.type(base).fields or name == spec.get("key"):
                continue
            self._prefill_selection(Shape.of(inputs[name].type).name, base, output, inner)
            fields[name] = output
        if "version" in mapped and "version" in inputs:
            # the saved item's concurrency token, for a form that changes it rather than starting afresh
            inner.scalar(mapped["version"])
            fields["version"] = mapped["version"]
        unknown = set(mapped) - set(fields)
        if unknown:
            raise self.fail(where, f"cannot fill {sorted(unknown)} from {base}")
        title = operation[:1].upper() + operation[1:]
        document = (
            f"query {title}Saved($id: ID!) {{\n  record: node(id: $id) {{\n    __typename\n"
            f"    ... on {context} {sel.render(3)}\n  }}\n}}\n"
        )
        return {
            "document": document,
            "from": spec.get("from"),
            "key": spec.get("key"),
            "match": list(spec.get("match") or []),
            "fields": fields,
        }

    def _prefill_selection(self, input_name: str, output_type: str, output: str, sel: Selection) -> None:
        """Select an output field the way its input takes it back: records as ``{ id }``, parts by name."""
        target = Shape.of(self.schema.type(output_type).fields[output].type).name
        if input_name == "ID":
            sel.child(output).scalar("id")
        elif self.schema.is_input(input_name) and self.schema.is_object(target):
            child = sel.child(output)
            for part, part_field in self.schema.input_fields(input_name):
                if part in self.schema.type(target).fields:
                    self._prefill_selection(Shape.of(part_field.type).name, target, part, child)
        elif not self.schema.is_object(target):
            sel.scalar(output)

    def actions(self, journeys: dict[str, Any]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Selection]]:
        found: dict[str, list[dict[str, Any]]] = {}
        states: dict[str, Selection] = {}
        for type_name, entries in (self.spec.get("actions") or {}).items():
            self.record_type(type_name, f"actions.{type_name}")
            sel = states.setdefault(type_name, Selection())
            found.setdefault(type_name, [])  # an empty list: the record offers nothing
            for i, entry in enumerate(entries):
                where = f"actions.{type_name}[{i}]"
                if "open" in entry:  # a link to a related record, when there is one
                    target, crossed = self.path_type(type_name, entry["open"], where)
                    if crossed or not self.schema.is_node(target):
                        raise self.fail(where, f"{entry['open']!r} is not one record")
                    if target not in self.schema.node_types:
                        continue
                    self.select(type_name, entry["open"], sel)
                    roles = self.roles_for(entry, self.schema.record_roles(target), where)  # who may read it
                    opened = {"open": entry["open"], "title": entry["title"], "when": {}, "unless": {}, "roles": roles}
                    found.setdefault(type_name, []).append(opened)
                    continue
                if not self.offered(entry["operation"], where):
                    continue
                operation = entry["operation"]
                roles = self.roles_for(entry, self.schema.operation_roles(operation), where)
                if "for" in entry:  # one action per item of a list on the record, acting on the item
                    found.setdefault(type_name, []).append(
                        self.each_action(type_name, entry, journeys, sel, roles, where)
                    )
                    continue
                acts_on, via = type_name, entry.get("via")
                if via:
                    acts_on, crossed = self.path_type(type_name, via, where)
                    if crossed or not self.schema.is_node(acts_on):
                        raise self.fail(where, f"{via!r} is not one record")
                    self.select(type_name, via, sel)
                for name in entry.get("params") or []:
                    self.path_type(type_name, name, where)
                    self.select(type_name, name, sel)
                if acts_on not in self.contexts.get(operation, []):
                    raise self.fail(where, f"{operation} does not act on a {acts_on}")
                journey = entry.get("journey") or (operation if operation in journeys else None)
                if journey and journey not in journeys:
                    raise self.fail(where, f"no journey {journey!r}")
                if "own" in entry:  # only on the signed-in provider's own records
                    owner, crossed = self.path_type(type_name, entry["own"], where)
                    if crossed or owner != "Provider":
                        raise self.fail(where, f"{entry['own']!r} is not the provider of a {type_name}")
                    self.select(type_name, entry["own"], sel)
                found.setdefault(type_name, []).append(
                    {
                        "operation": operation,
                        "title": entry["title"],
                        "journey": journey,
                        **({"own": entry["own"]} if "own" in entry else {}),
                        "when": self.condition(type_name, entry.get("when"), where, sel),
                        "unless": self.condition(type_name, entry.get("unless"), where, sel),
                        **({"via": via, "params": list(entry.get("params") or [])} if via else {}),
                        "roles": roles,
                    }
                )
        return found, states

    def each_action(
        self,
        type_name: str,
        entry: dict[str, Any],
        journeys: dict[str, Any],
        sel: Selection,
        roles: list[str],
        where: str,
    ) -> dict[str, Any]:
        """An action offered on a record for each item of one of its lists (``for``) that ``where`` holds for,
        acting on the item: agreeing one contribution of a funding split. The form's address is the record's
        (``/portal/FundingSplit/<id>/agreeFundingContribution?contribution=<item>``), so that it goes back there;
        a ``version`` the item does not have is the record's own (the split's, which agreeing moves on)."""
        operation = entry["operation"]
        item = self.list_type(type_name, entry["for"], where)
        if item not in self.contexts.get(operation, []):
            raise self.fail(where, f"{operation} does not act on a {item}")
        if "via" in entry or "own" in entry or "journey" in entry:
            raise self.fail(where, "an action for each item takes no `via`, `own` or `journey`")
        inner = sel.child(entry["for"])
        self.views.select_label(item, inner)
        where_items = self.condition(item, entry.get("where"), where, inner)
        input_type = Shape.of(self.schema.mutations[operation].args["input"].type).name
        inputs = dict(self.schema.input_fields(input_type))
        version = "version" in inputs and "version" not in self.schema.type(item).fields
        if version:
            if "version" not in self.schema.type(type_name).fields:
                raise self.fail(where, f"{operation} needs a version that neither a {item} nor a {type_name} has")
            sel.scalar("version")
        form = Form(self.schema, self.views, operation)
        return {
            "operation": operation,
            "title": entry["title"],
            "journey": operation if operation in journeys else None,
            "when": self.condition(type_name, entry.get("when"), where, sel),
            "unless": self.condition(type_name, entry.get("unless"), where, sel),
            "for": entry["for"],
            "where": where_items,
            "param": form.context_field,  # the input that names the item
            "version": version,  # the record's version fills the form's
            "roles": roles,
        }

    def task_lists(self, states: dict[str, Selection]) -> dict[str, dict[str, Any]]:
        found = {}
        for type_name, entry in (self.spec.get("taskLists") or {}).items():
            where = f"taskLists.{type_name}"
            self.record_type(type_name, where)
            sel = states.setdefault(type_name, Selection())
            when = self.condition(type_name, entry.get("when"), where, sel)
            deadline = entry.get("deadline")
            if deadline:
                self.path_type(type_name, deadline["field"], where)
                self.select(type_name, deadline["field"], sel)
            sections = []
            for section in entry["sections"]:
                tasks = []
                for task in section["tasks"]:
                    if not self.offered(task["operation"], where):
                        continue
                    done = task.get("done") or {}
                    for key in ("count", "of", "in"):
                        if key in done:
                            self.path_type(type_name, done[key], where)
                            self.select(type_name, done[key], sel)
                    if "by" in done:
                        item_type, _ = self.path_type(type_name, done["in"], where)
                        self.path_type(item_type, done["by"], where)
                        self.select(type_name, f"{done['in']}.{done['by']}", sel)
                    shows = task.get("shows")
                    if (
                        shows
                        and shows not in self.schema.type(type_name).fields
                        and shows not in self.schema.connections
                    ):
                        raise self.fail(where, f"{type_name} has no field or list {shows!r}")
                    if "each" in task:
                        self.path_type(type_name, task["each"], where)
                        self.select(type_name, task["each"], sel, label=True)
                    tasks.append(dict(task))
                sections.append({"title": section["title"], "tasks": tasks})
            found[type_name] = {
                "title": entry["title"],
                "when": when,
                "deadline": deadline,
                "sections": sections,
                "check": self.check_views(
                    type_name, [t["shows"] for s in sections for t in s["tasks"] if "shows" in t]
                ),
            }
        return found

    def check_views(self, type_name: str, shown: list[str]) -> dict[str, Any]:
        """What "check your answers" shows of each task: the record's fields in full, as table rows."""
        sel = Selection()
        specs = {}
        fields = self.schema.type(type_name).fields
        for name in shown:
            if name not in fields:
                continue  # a list of records about it (documents): the record page's related list
            shape = Shape.of(fields[name].type)
            if not self.schema.is_object(shape.name):
                sel.scalar(name)
                specs[name] = {"name": name, "kind": "scalar", "type": shape.name, "list": shape.is_list}
                continue
            child = sel.child(name)
            if self.schema.is_node(shape.name):
                columns = self.views.row(shape.name, child, depth=1, parent=type_name)
            else:  # parts of the record (a bid's answers): their fields, nothing to link to
                columns = self.views.parts(shape.name, child, depth=1, parent=type_name)
            specs[name] = {
                "name": name,
                "kind": "object",
                "type": shape.name,
                "list": shape.is_list,
                "link": self.schema.is_node(shape.name),
                "fields": columns,
            }
        if not specs:
            return {}
        document = (
            f"query {type_name}Check($id: ID!) {{\n  record: node(id: $id) {{\n    __typename\n    id\n"
            f"    ... on {type_name} {sel.render(3)}\n  }}\n}}\n"
        )
        return {"document": document, "specs": specs}

    def manifest(self, records: list[str]) -> dict[str, Any]:
        journeys = self.journeys()
        actions, states = self.actions(journeys)
        task_lists = self.task_lists(states)
        documents = {}
        for type_name, sel in states.items():
            if sel.fields:
                self.views.select_label(type_name, sel)
                documents[type_name] = (
                    f"query {type_name}State($id: ID!) {{\n  record: node(id: $id) {{\n    __typename\n    id\n"
                    f"    ... on {type_name} {sel.render(3)}\n  }}\n}}\n"
                )
        return {
            "roles": self.homes(),
            "navigation": self.links("navigation"),
            "services": self.links("services"),
            "attention": self.attention_document(records),
            "attentionLinks": self.attention_links(),
            "operations": self.operations(),
            "journeys": journeys,
            "actions": actions,
            "taskLists": task_lists,
            "stateDocuments": documents,
        }
