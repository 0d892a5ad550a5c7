"""The portal generator: ``schema.graphql`` in, ES modules for the portal's runtime out.

For the portal's roles (``PROVIDER_USER``, a provider's staff, and ``ICB_COMMISSIONER``, an
integrated care board's people) it picks the operations whose ``@access`` directive admits any of
them, and writes under ``portal/generated/``:

- ``manifest.js``: the lists, record types, actions, labels, enum wording and OAuth scopes, and
  which roles each list, form and action is for (the runtime offers each person their role's own);
- ``forms/<mutation>.js``: the GOV.UK form of each mutation input, its GraphQL documents, and
  where the choices of its ID fields come from;
- ``lists/<query>.js`` and ``types/<Type>.js``: the query and the columns or fields of each
  list and record page.

Run ``python -m portal.generator`` (``--check`` fails when the files are out of date).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphql import GraphQLInputObjectType, GraphQLObjectType, GraphQLUnionType, get_named_type

from portal.generator.forms import Form
from portal.generator.journeys import PLACEHOLDER, Journeys, load
from portal.generator.queries import Views
from portal.generator.schema import ROLES, Content, Schema, Shape

ROOT = Path(__file__).resolve().parent.parent.parent
SCHEMA_FILE = ROOT / "schema.graphql"
OUTPUT_DIR = ROOT / "portal" / "generated"
PAGE_SIZE = 20
HEADER = "// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.\n"


def module(value: Any) -> str:
    return HEADER + "export default " + json.dumps(value, indent=1, ensure_ascii=False) + ";\n"


def reachable_records(schema: Schema) -> list[str]:
    """Record (Node) types the roles can reach from their queries and mutation payloads."""
    start = [get_named_type(f.type) for f in [*schema.queries.values(), *schema.mutations.values()]]
    seen: set[str] = set()
    queue = [t for t in start if t is not None]
    while queue:
        gql_type = queue.pop()
        if gql_type.name in seen:
            continue
        seen.add(gql_type.name)
        if isinstance(gql_type, GraphQLUnionType):
            queue.extend(gql_type.types)
        elif isinstance(gql_type, GraphQLObjectType):
            queue.extend(get_named_type(f.type) for f in gql_type.fields.values())
    return sorted(seen & schema.node_types)


def related_lists(schema: Schema, views: Views, records: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Per record type, the list queries that filter by such a record: a round's bids, a provider's call-offs.

    A filter's ID field names its record type (``round``, ``provider``); one that names none
    (``owner``: "owned by this object") takes any record. Lists the record already has as a
    field are left out.
    """
    found: dict[str, list[dict[str, Any]]] = {}
    for name, node in schema.connections.items():
        argument = schema.queries[name].args.get("filter")
        if argument is None:
            continue
        for field_name, input_field in schema.input_fields(Shape.of(argument.type).name):
            shape = Shape.of(input_field.type)
            if shape.name != "ID" or shape.is_list:
                continue
            targets = [t for t in schema.id_targets(name, field_name, input_field.description) if t != node]
            for owner in targets or records:
                if owner not in records:
                    continue
                fields = schema.type(owner).fields.values()
                if any(Shape.of(f.type).is_list and Shape.of(f.type).name == node for f in fields):
                    continue
                document, columns = views.related_query(name, field_name, node, owner, PAGE_SIZE)
                title = schema.text("Query", name).label
                found.setdefault(owner, []).append(
                    {"title": title, "query": name, "type": node, "document": document, "columns": columns}
                )
    return found


def generate(
    sdl: str,
    roles: tuple[str, ...] | str = ROLES,
    content: Content | None = None,
    *,
    arrangement: dict[str, Any] | None = None,
) -> dict[str, str]:
    """Every generated file, by its path under the output folder.

    The words come from ``content`` (content.yaml), the arrangement from ``arrangement`` (journeys.yaml).
    """
    schema = Schema.parse(sdl, roles, content)
    arrangement = arrangement or load()
    # what each confirmation quotes of the record its action leads to: the reference journeys.yaml names,
    # and the values its "what happens next" names in braces (``{dueOn}``)
    references: dict[str, list[str]] = {}
    for name, entry in (arrangement.get("operations") or {}).items():
        confirmation = entry.get("confirmation") or {}
        if isinstance(confirmation.get("reference"), dict) and "field" in confirmation["reference"]:
            references.setdefault(name, []).append(confirmation["reference"]["field"])
        references.setdefault(name, []).extend(PLACEHOLDER.findall(str(confirmation.get("next") or "")))
    views = Views(schema, references)
    files: dict[str, str] = {}

    # a form acts on the record types its ID input names, and any journeys.yaml adds (`acts`)
    operations = arrangement.get("operations") or {}
    also = {name: tuple(entry.get("acts") or ()) for name, entry in operations.items()}
    chosen = {name: tuple((entry.get("choices") or {}).keys()) for name, entry in operations.items()}
    forms = {
        name: Form(schema, views, name, also=also.get(name, ()), chosen=chosen.get(name, ()))
        for name in sorted(schema.mutations)
    }
    actions: dict[str, list[dict[str, str]]] = {}
    top_actions = []
    for name, form in forms.items():
        definition = form.definition()
        files[f"forms/{name}.js"] = module(definition)
        # what an action is for, in content.yaml's words (``Mutation`` fields), never the API's
        description = schema.text("Mutation", name).hint
        entry = {"operation": name, "title": definition["title"], "description": description}
        if form.context_field is None:
            top_actions.append({**entry, "roles": schema.operation_roles(name)})
        for type_name in form.context_types:
            actions.setdefault(type_name, []).append(entry)

    records = reachable_records(schema)
    related = related_lists(schema, views, records)
    for type_name in records:
        document, view = views.detail_query(type_name)
        files[f"types/{type_name}.js"] = module(
            {
                "type": type_name,
                "title": schema.title(type_name),
                "description": schema.type_hint(type_name),
                "document": document,
                "view": view,
                "actions": actions.get(type_name, []),
                "related": related.get(type_name, []),
            }
        )

    lists = []
    # Public records that new work starts from (a round, where a bid is created) join the navigation.
    starts = set()
    for form in forms.values():
        target = form.next_field()
        payload = views.payload_fields(form.operation)
        made = next((s["type"] for s in payload if s["name"] == target), None)
        if form.context and made and made != form.context:
            starts.add(form.context)
    for name, node in schema.connections.items():
        gql_field = schema.queries[name]
        access = schema.access(gql_field)
        document, columns = views.list_query(name, node, PAGE_SIZE)
        _, filters = views.list_filters(name)
        entry = {
            "name": name,
            "title": schema.text("Query", name).label,
            "description": schema.text("Query", name).hint,
            "type": node,
            "public": bool(access and access.public),
            "nav": bool(access and not access.public) or node in starts,
        }
        lists.append({**entry, "roles": schema.query_roles(name)})
        files[f"lists/{name}.js"] = module({**entry, "document": document, "columns": columns, "filters": filters})

    enums = {
        t.name: {value: label for value, label, _ in schema.enum_options(t.name)}
        for t in schema.graphql.type_map.values()
        if schema.is_enum(t.name) and not t.name.startswith("__")
    }
    asked = {
        name: [n for n, _ in schema.input_fields(form.input_type) if n not in (form.context_field, "version")]
        for name, form in forms.items()
    }
    contexts = {name: form.context_types for name, form in forms.items()}
    journeys = Journeys(schema, views, arrangement, asked, contexts).manifest(records)
    files["manifest.js"] = module(
        {
            "journeys": journeys,
            "roles": list(schema.roles),
            "scopes": schema.scopes,
            "lists": lists,
            "records": records,
            # who may read a record of each type: the roles whose operations need its read scope
            "recordRoles": {t: schema.record_roles(t) for t in records},
            "forms": sorted(forms),
            "formRoles": {name: schema.operation_roles(name) for name in sorted(forms)},
            "topActions": top_actions,
            "labels": {t: schema.label(t).as_json() for t in sorted(schema.node_types)},
            "enums": enums,
            "errorTypes": schema.error_types(),
            "inputs": sorted(t.name for t in schema.graphql.type_map.values() if isinstance(t, GraphQLInputObjectType)),
        }
    )
    return files


def write(files: dict[str, str], out: Path = OUTPUT_DIR) -> list[Path]:
    """Write the files and remove generated files no longer produced; the paths written."""
    written = []
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            written.append(path)
    for stale in out.rglob("*.js"):
        if stale.relative_to(out).as_posix() not in files:
            stale.unlink()
    return written


def differences(files: dict[str, str], out: Path = OUTPUT_DIR) -> list[str]:
    """Generated files that are missing, changed or no longer produced."""
    found = {p.relative_to(out).as_posix() for p in out.rglob("*.js")} if out.exists() else set()
    changed = [name for name, text in files.items() if name not in found or (out / name).read_text() != text]
    return sorted(changed + sorted(found - set(files)))
