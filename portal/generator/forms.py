"""A GOV.UK Frontend form for each mutation input the role may send.

The markup carries what the runtime needs in ``data-`` attributes: ``data-path`` is the
GraphQL input path of a value (``input.pricing[0].weeklyFee``, the same path the API
names in a ``MutationError.field``), ``data-kind`` how to read it, ``data-options`` where
its choices come from, and ``<template>`` rows for lists a person adds to or removes from.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLInputField

from portal.generator.queries import Selection, Views
from portal.generator.schema import FILE_FIELDS, OptionSource, Schema, Shape, humanise, words

LONG_TEXT = re.compile(
    r"(answer|question|statement|narrative|justification|reason|comment|summary|note|feedback|body|text|description)s?$",
    re.IGNORECASE,
)
NUMERIC_KINDS = {"Int": "numeric", "Float": "decimal", "Decimal": "decimal", "Pence": "decimal"}
MAX_RADIOS = 5
OPTIONS_PAGE = 100


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def control_id(path: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")


def money_hint(description: str) -> str:
    text = re.sub(r",?\s*in pence\b", "", description).strip()
    return (text + " " if text else "") + "In pounds and pence, for example 1250.50."


@dataclass
class Form:
    """One mutation's form and what its runtime needs."""

    schema: Schema
    views: Views
    operation: str
    input_type: str = ""
    context_field: str | None = None
    context_types: list[str] = field(default_factory=list)
    sources: dict[str, OptionSource] = field(default_factory=dict)
    paired: dict[str, str] = field(default_factory=dict)
    version_prefilled: bool = False
    upload: bool = False
    # record types it acts on besides those its ID input names (journeys.yaml's `acts`: a type the
    # schema's description does not list yet)
    also: tuple[str, ...] = ()
    # questions whose choices journeys.yaml gives (`choices`): a select even when no list of the schema offers them
    chosen: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        gql_field = self.schema.mutations[self.operation]
        self.input_type = Shape.of(gql_field.args["input"].type).name
        for name, input_field in self.schema.input_fields(self.input_type):
            shape = Shape.of(input_field.type)
            if shape.name == "ID" and shape.required and not shape.is_list:
                targets = self.schema.id_targets(self.operation, name, input_field.description)
                if targets:
                    self.context_field = name
                    self.context_types = [*targets, *(t for t in self.also if t not in targets)]
                    break
        names = {name for name, _ in self.schema.input_fields(self.input_type)}
        self.upload = set(FILE_FIELDS) <= names

    @property
    def context(self) -> str | None:
        """The one record type the form acts on, when there is exactly one."""
        return self.context_types[0] if len(self.context_types) == 1 else None

    @property
    def confirm(self) -> bool:
        """Submissions get a "check your answers" page first."""
        return words(self.operation)[0] == "submit"

    # -- the whole form ---------------------------------------------------------------------

    def html(self) -> str:
        parts = [
            f'<form class="app-form" novalidate data-operation="{esc(self.operation)}">',
        ]
        fields = [
            self.field(name, f, f"input.{name}", top=True) for name, f in self.schema.input_fields(self.input_type)
        ]
        visible = [f for f in fields if f and "govuk-form-group" in f]
        if any("data-required" in f for f in visible):
            parts.append('<p class="govuk-body">Every question needs an answer unless it says (optional).</p>')
        parts.extend(f for f in fields if f)
        if self.upload:
            parts.append(
                '<div class="govuk-form-group app-upload-progress" data-upload-progress hidden>'
                f'<label class="govuk-label" for="{control_id("upload-progress")}">Upload progress</label>'
                f'<progress class="app-progress" id="{control_id("upload-progress")}" max="100" value="0"></progress>'
                '<p class="govuk-body" aria-live="polite" data-upload-status></p></div>'
            )
        button = "Continue" if self.confirm else humanise(self.operation)
        parts.append(
            '<div class="govuk-button-group">'
            f'<button type="submit" class="govuk-button" data-module="govuk-button">{esc(button)}</button>'
            '<a class="govuk-link" href="#" data-cancel>Cancel</a></div></form>'
        )
        return "".join(parts)

    # -- one field --------------------------------------------------------------------------------

    def field(
        self, name: str, input_field: GraphQLInputField, path: str, *, top: bool = False, row: bool = False
    ) -> str:
        shape = Shape.of(input_field.type)
        description = input_field.description or ""
        default = self.schema.default(input_field)
        required = shape.required and default is ...
        if top and name == self.context_field:
            return self.hidden(path, "ID", "id")
        if top and name == "version":
            if self.prefill_version(description):
                return self.hidden(path, "Int", "version")
            if not required:
                # another record's concurrency token (a report's, on its call-off's form): blank, so
                # the API starts afresh, unless the form starts from that record's saved values
                return f'<input type="hidden" name="{esc(path)}" data-path="{esc(path)}" data-kind="Int" data-fixed>'
            # the version of the record whose page the form is opened from (a funding split's, when one of its
            # contributions is agreed): never asked, filled in from that record (see journeys.yaml, `for`)
            return (
                f'<input type="hidden" name="{esc(path)}" data-path="{esc(path)}" data-kind="Int" '
                'data-within="version" data-fixed>'
            )
        if self.upload and top and name in FILE_FIELDS:
            return self.file_control() if name == FILE_FIELDS[0] else ""
        # the question and its hint as content.yaml words them (defaults: the name humanised, a plain description)
        text = self.schema.input_text(input_field, name)
        if text.hidden and not required:
            return ""
        spec = Control(path=path, label=text.label, hint=text.hint, required=required, default=default)
        if text.format == "percent":  # a percentage: "%" after its box
            spec.suffix = "%"
        if shape.name == "ID":
            return self.id_field(name, shape, spec, row=row, description=description)
        if self.schema.is_enum(shape.name):
            options = self.schema.enum_options(shape.name)
            if shape.is_list:
                return spec.choices("checkbox", options, kind="enum")
            if not row and len(options) <= MAX_RADIOS:
                return spec.choices("radio", options, kind="enum")
            return spec.select(options, kind="enum")
        if self.schema.is_input(shape.name):
            if shape.is_list:
                return self.rows(name, shape, spec)
            return self.group(shape.name, spec)
        if shape.is_list:
            return self.scalar_rows(name, shape, spec)
        if shape.name == "Boolean":
            return spec.choices("radio", [("true", "Yes", ""), ("false", "No", "")], kind="Boolean", inline=True)
        if shape.name == "Date":
            return spec.date()
        return spec.text(shape.name, long=shape.name == "String" and bool(LONG_TEXT.search(name)))

    def hidden(self, path: str, kind: str, context: str) -> str:
        return (
            f'<input type="hidden" name="{esc(path)}" data-path="{esc(path)}" data-kind="{kind}" '
            f'data-context="{context}" data-fixed>'
        )

    def prefill_version(self, description: str) -> bool:
        """The context's version fills ``version`` unless the description says it is another record's."""
        if not self.context_types or not all("version" in self.schema.type(t).fields for t in self.context_types):
            return False
        said = set(re.findall(r"[a-z]+", description.lower()))
        others = [t for t in self.schema.node_types if t not in self.context_types and words(t)[-1].lower() in said]
        own = [t for t in self.context_types if words(t)[-1].lower() in said]
        return bool(own) or not others

    def file_control(self) -> str:
        fields = dict(self.schema.input_fields(self.input_type))
        hint = fields["mediaType"].description or ""
        path = "input.file"
        cid = control_id(path)
        aliases = " ".join(f"input.{n}" for n in FILE_FIELDS) + " file"
        return (
            f'<div class="govuk-form-group" data-group="{path}">'
            f'<label class="govuk-label govuk-label--s" for="{cid}">File</label>'
            f'<div class="govuk-hint" id="{cid}-hint">{esc(hint)}</div>'
            f'<input class="govuk-file-upload" id="{cid}" name="file" type="file" data-path="{path}" data-kind="File" '
            f'data-label="File" data-required data-aliases="{esc(aliases)}" aria-describedby="{cid}-hint"></div>'
        )

    def source(self, target: str) -> OptionSource | None:
        found = self.schema.option_source(self.context, target)
        if found is not None:
            self.sources[found.key] = found
        return found

    def id_field(self, name: str, shape: Shape, spec: Control, *, row: bool, description: str | None = None) -> str:
        targets = self.schema.id_targets(self.operation, name, spec.hint if description is None else description)
        found = self.source(targets[0]) if len(targets) == 1 else None
        if found is None and name in self.chosen and not shape.is_list:
            return spec.select([], kind="ID")  # filled in from journeys.yaml's `choices` (a provider's lots)
        if found is None:
            if shape.is_list:
                return self.scalar_rows(name, shape, spec)
            return spec.text("ID")
        if shape.is_list:
            return spec.choices("checkbox", [], kind="ID", source=found.key)
        return spec.select([], kind="ID", source=found.key)

    def group(self, type_name: str, spec: Control) -> str:
        """A nested input object: a fieldset of its fields."""
        inner = "".join(self.field(n, f, f"{spec.path}.{n}") for n, f in self.schema.input_fields(type_name))
        return spec.fieldset(inner, size="m")

    def rows(self, name: str, shape: Shape, spec: Control) -> str:
        """A list of input objects: one row per choice when an ID picks it, else rows to add and remove."""
        fields = list(self.schema.input_fields(shape.name))
        noun = humanise(shape.name.removesuffix("Input"))
        chooser = self.chooser(fields)
        item = f"{spec.path}[__i__]"
        if chooser is not None:
            id_name, found = chooser
            inner = self.hidden_option(f"{item}.{id_name}") + "".join(
                self.field(n, f, f"{item}.{n}", row=True) for n, f in fields if n != id_name
            )
            template = (
                f'<div class="app-row" data-row data-row-path="{esc(item)}">'
                '<fieldset class="govuk-fieldset">'
                '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s" data-option-label></legend>'
                f"{inner}</fieldset></div>"
            )
            body = (
                f'<div data-each="{esc(found.key)}" data-list-path="{esc(spec.path)}"></div>'
                f'<template data-template="{esc(spec.path)}">{template}</template>'
            )
            return spec.fieldset(body, size="m")
        inner = "".join(self.field(n, f, f"{item}.{n}", row=True) for n, f in fields)
        return spec.fieldset(self.row_list(spec, noun, inner, initial=1 if shape.required else 0), size="m")

    def chooser(self, fields: list[tuple[str, GraphQLInputField]]) -> tuple[str, OptionSource] | None:
        ids = [(n, f) for n, f in fields if Shape.of(f.type).name == "ID" and not Shape.of(f.type).is_list]
        if len(ids) != 1 or len(fields) < 2:
            return None
        name, input_field = ids[0]
        targets = self.schema.id_targets(self.operation, name, input_field.description)
        found = self.source(targets[0]) if len(targets) == 1 else None
        return (name, found) if found else None

    def hidden_option(self, path: str) -> str:
        return (
            f'<input type="hidden" name="{esc(path)}" data-path="{esc(path)}" data-kind="ID" '
            "data-option-value data-fixed>"
        )

    def scalar_rows(self, name: str, shape: Shape, spec: Control) -> str:
        """A list of values: one per item of a paired list on the context, or rows to add and remove."""
        item = f"{spec.path}[__i__]"
        noun = humanise(name).removesuffix("s")
        paired = self.schema.paired_list(self.context, name)
        kind = shape.name
        long = kind == "String" and bool(LONG_TEXT.search(name))
        control = Control(path=item, label=noun, hint="", required=True, default=...)
        if paired is not None:
            self.paired[name] = paired
            control.label_attr = "data-option-label"
            template = (
                f'<div class="app-row" data-row data-row-path="{esc(item)}">{control.text(kind, long=long)}</div>'
            )
            body = (
                f'<div data-each="paired:{esc(paired)}" data-list-path="{esc(spec.path)}"></div>'
                f'<template data-template="{esc(spec.path)}">{template}</template>'
            )
            return spec.fieldset(body, size="m")
        control.label = f"{noun} __n__"
        return spec.fieldset(self.row_list(spec, noun, control.text(kind, long=long), initial=1), size="m")

    def row_list(self, spec: Control, noun: str, inner: str, *, initial: int) -> str:
        item = f"{spec.path}[__i__]"
        template = (
            f'<div class="app-row" data-row data-row-path="{esc(item)}">'
            '<fieldset class="govuk-fieldset">'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{esc(noun)} '
            "<span data-row-number>__n__</span></legend>"
            f"{inner}"
            '<button type="button" class="govuk-button govuk-button--secondary app-row__remove" data-remove-row>'
            f'Remove<span class="govuk-visually-hidden"> {esc(noun.lower())} <span data-row-number>__n__</span>'
            "</span></button></fieldset></div>"
        )
        return (
            f'<div data-rows="{esc(spec.path)}" data-initial="{initial}"></div>'
            f'<template data-template="{esc(spec.path)}">{template}</template>'
            f'<button type="button" class="govuk-button govuk-button--secondary" data-add-row="{esc(spec.path)}">'
            f"Add another {esc(noun.lower())}</button>"
        )

    # -- what the runtime needs besides the markup --------------------------------------------

    def context_document(self) -> str | None:
        """The query that fetches the context record, its version and every list of choices."""
        html_text = self.html()  # fills sources and pairings
        del html_text
        context = Selection()
        viewer = Selection()
        queries: dict[str, Selection] = {}
        if self.context_field:
            for type_name in self.context_types:
                on = context.on(type_name)
                self.views.select_label(type_name, on)
                if "version" in self.schema.type(type_name).fields:
                    on.scalar("version")
        for found in self.sources.values():
            if found.origin == "query":
                sel = queries.setdefault(found.path[0], Selection())
                self.views.select_label(found.target, sel)
                continue
            base = context.on(self.context) if found.origin == "context" and self.context else viewer
            for step in found.path:
                base = base.child(step)
            self.views.select_label(found.target, base)
        for paired in self.paired.values():
            if self.context:
                context.on(self.context).scalar(paired)
        parts = []
        if self.context_field:
            parts.append(f"  context: node(id: $id) {{\n    __typename\n    id\n{_inner(context, 2)}  }}\n")
        if viewer.fields:
            parts.append(f"  viewer {viewer.render(2)}\n")
        for name, sel in queries.items():
            parts.append(f"  {name}(first: {OPTIONS_PAGE}) {{\n    nodes {sel.render(3)}\n  }}\n")
        if not parts:
            return None
        title = self.operation[:1].upper() + self.operation[1:]
        variables = "($id: ID!)" if self.context_field else ""
        return f"query {title}Context{variables} {{\n" + "".join(parts) + "}\n"

    def next_field(self) -> str | None:
        """The payload's first record: where the person goes after success."""
        for spec in self.views.payload_fields(self.operation):
            if spec["kind"] == "ref" and not spec["list"]:
                return str(spec["name"])
        return None

    def definition(self) -> dict[str, Any]:
        gql_field = self.schema.mutations[self.operation]
        markup = self.html()
        definition: dict[str, Any] = {
            "name": self.operation,
            "title": humanise(self.operation),
            "description": gql_field.description or "",
            "inputType": self.input_type,
            "context": {"field": self.context_field, "types": self.context_types} if self.context_field else None,
            "confirm": self.confirm,
            "document": self.views.result_document(self.operation, self.input_type),
            "contextDocument": self.context_document(),
            "sources": {
                key: {"origin": s.origin, "path": list(s.path), "type": s.target} for key, s in self.sources.items()
            },
            "next": self.next_field(),
            "payload": self.views.payload_fields(self.operation),
            "html": markup,
        }
        if self.upload:
            confirm = "confirm" + self.operation.removeprefix("request")
            if confirm in self.schema.mutations:
                confirm_input = Shape.of(self.schema.mutations[confirm].args["input"].type).name
                definition["upload"] = {
                    "confirm": confirm,
                    "document": self.views.result_document(confirm, confirm_input),
                }
        return definition


def _inner(sel: Selection, indent: int) -> str:
    """A selection's lines without its braces."""
    text = sel.render(indent + 1)
    return text[2:].rsplit("\n", 1)[0] + "\n" if text.strip() != "{\n}" else ""


@dataclass
class Control:
    """The GOV.UK markup of one question."""

    path: str
    label: str
    hint: str
    required: bool
    default: object
    label_attr: str = ""
    suffix: str = ""  # after the box: "%"

    @property
    def cid(self) -> str:
        return control_id(self.path)

    def _label_text(self) -> str:
        return esc(self.label) + ("" if self.required else " (optional)")

    def _hint(self, text: str | None = None) -> tuple[str, str]:
        text = self.hint if text is None else text
        if not text:
            return "", ""
        return f'<div class="govuk-hint" id="{self.cid}-hint">{esc(text)}</div>', f"{self.cid}-hint"

    def _data(self, kind: str, *, source: str | None = None, is_list: bool = False) -> str:
        attrs = f'data-path="{esc(self.path)}" data-kind="{kind}" data-label="{esc(self.label)}"'
        if self.required:
            attrs += " data-required"
        if source:
            attrs += f' data-options="{esc(source)}"'
        if is_list:
            attrs += " data-list"
        return attrs

    def text(self, kind: str, *, long: bool = False) -> str:
        hint_text = money_hint(self.hint) if kind == "Pence" else self.hint
        if kind == "DateTime":
            hint_text = (hint_text + " " if hint_text else "") + "For example, 27 3 2026 14:30."
        hint, hint_id = self._hint(hint_text)
        described = f' aria-describedby="{hint_id}"' if hint_id else ""
        label_extra = f" {self.label_attr}" if self.label_attr else ""
        label = f'<label class="govuk-label govuk-label--s" for="{self.cid}"{label_extra}>{self._label_text()}</label>'
        required = ' aria-required="true"' if self.required else ""
        common = f'id="{self.cid}" name="{esc(self.path)}" {self._data(kind)}{described}{required}'
        if long:
            control = f'<textarea class="govuk-textarea" rows="5" {common}></textarea>'
        elif kind == "DateTime":
            control = f'<input class="govuk-input govuk-input--width-20" type="datetime-local" {common}>'
        else:
            mode = NUMERIC_KINDS.get(kind)
            width = " govuk-input--width-10" if mode else ""
            extra = f' inputmode="{mode}"' if mode else ""
            extra += ' spellcheck="false"' if kind in ("ID", "JSON") or mode else ""
            control = f'<input class="govuk-input{width}" type="text" {common}{extra}>'
            if kind == "Pence":
                control = (
                    '<div class="govuk-input__wrapper"><div class="govuk-input__prefix" aria-hidden="true">£</div>'
                    f"{control}</div>"
                )
            elif self.suffix:
                control = (
                    f'<div class="govuk-input__wrapper">{control}'
                    f'<div class="govuk-input__suffix" aria-hidden="true">{esc(self.suffix)}</div></div>'
                )
        return f'<div class="govuk-form-group" data-group="{esc(self.path)}">{label}{hint}{control}</div>'

    def select(self, options: list[tuple[str, str, str]], *, kind: str, source: str | None = None) -> str:
        hint, hint_id = self._hint()
        required = ' aria-required="true"' if self.required else ""
        described = f' aria-describedby="{hint_id}"' if hint_id else ""
        items = [f'<option value="">Choose {esc(self.label.lower())}</option>']
        items += [
            f'<option value="{esc(v)}"{" selected" if v == self.default else ""}>{esc(label)}</option>'
            for v, label, _ in options
        ]
        return (
            f'<div class="govuk-form-group" data-group="{esc(self.path)}">'
            f'<label class="govuk-label govuk-label--s" for="{self.cid}">{self._label_text()}</label>{hint}'
            f'<select class="govuk-select" id="{self.cid}" name="{esc(self.path)}" '
            f"{self._data(kind, source=source)}{described}{required}>{''.join(items)}</select></div>"
        )

    def choices(
        self,
        control: str,
        options: list[tuple[str, str, str]],
        *,
        kind: str,
        source: str | None = None,
        inline: bool = False,
    ) -> str:
        """Radios or checkboxes in a fieldset; dynamic choices are filled in by the runtime."""
        prefilled = self.default is not ... and self.default is not None
        if prefilled:
            self.required = True  # a preselected answer is an answer
        hint, hint_id = self._hint()
        module = "govuk-radios" if control == "radio" else "govuk-checkboxes"
        classes = f"{module} {module}--small" + (f" {module}--inline" if inline else "")
        items = []
        for i, (value, label, item_hint) in enumerate(options):
            item_id = self.cid if i == 0 else f"{self.cid}-{i + 1}"
            checked = value == str(self.default).lower() if kind == "Boolean" else value == self.default
            if isinstance(self.default, list):
                checked = value in self.default
            described = f' aria-describedby="{item_id}-item-hint"' if item_hint else ""
            items.append(
                f'<div class="{module}__item"><input class="{module}__input" id="{item_id}" name="{esc(self.path)}" '
                f'type="{control}" value="{esc(value)}"{" checked" if checked else ""}{described}>'
                f'<label class="govuk-label {module}__label" for="{item_id}">{esc(label)}</label>'
                + (
                    f'<div id="{item_id}-item-hint" class="govuk-hint {module}__hint">{esc(item_hint)}</div>'
                    if item_hint
                    else ""
                )
                + "</div>"
            )
        described = f' aria-describedby="{hint_id}"' if hint_id else ""
        data = self._data(kind, source=source, is_list=control == "checkbox")
        return (
            f'<div class="govuk-form-group" data-group="{esc(self.path)}">'
            f'<fieldset class="govuk-fieldset"{described}>'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{self._label_text()}</legend>{hint}'
            f'<div class="{classes}" data-module="{module}" data-id="{self.cid}" {data}>{"".join(items)}</div>'
            "</fieldset></div>"
        )

    def date(self) -> str:
        hint_text = (self.hint + " " if self.hint else "") + "For example, 27 3 2026."
        hint, hint_id = self._hint(hint_text)
        parts = []
        for part, width in (("day", 2), ("month", 2), ("year", 4)):
            parts.append(
                '<div class="govuk-date-input__item"><div class="govuk-form-group">'
                f'<label class="govuk-label govuk-date-input__label" for="{self.cid}-{part}">{part.title()}</label>'
                f'<input class="govuk-input govuk-date-input__input govuk-input--width-{width}" id="{self.cid}-{part}" '
                f'name="{esc(self.path)}-{part}" type="text" inputmode="numeric" data-part="{part}"></div></div>'
            )
        return (
            f'<div class="govuk-form-group" data-group="{esc(self.path)}">'
            f'<fieldset class="govuk-fieldset" role="group" aria-describedby="{hint_id}">'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{self._label_text()}</legend>{hint}'
            f'<div class="govuk-date-input" id="{self.cid}" {self._data("Date")}>{"".join(parts)}</div>'
            "</fieldset></div>"
        )

    def fieldset(self, inner: str, *, size: str) -> str:
        hint, hint_id = self._hint()
        described = f' aria-describedby="{hint_id}"' if hint_id else ""
        marker = f' data-group-path="{esc(self.path)}" data-label="{esc(self.label)}"'
        return (
            f'<div class="govuk-form-group" data-group="{esc(self.path)}"{marker}>'
            f'<fieldset class="govuk-fieldset"{described}>'
            f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--{size}">'
            f'<h2 class="govuk-fieldset__heading">{self._label_text()}</h2></legend>{hint}{inner}</fieldset></div>'
        )
