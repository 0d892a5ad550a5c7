// The form runtime: fills a generated form with its choices, reads it into GraphQL variables,
// posts it, and shows "errors as data" next to the field each error names.
//
// The generated markup says everything schema-specific: ``data-path`` is the input path of a
// value (the path a MutationError.field names), ``data-kind`` how to read it, ``data-options``
// where its choices come from, and ``<template>`` holds the rows a list adds and removes.

import manifest from "/portal/generated/manifest.js";
import { graphql, query } from "./graphql.js";
import { holds, itemsFor } from "./journeys.js";
import { loadRecord, recordHtml } from "./records.js";
import { enumLabel, esc, formatDate, formatDateTime, formatMoney, label, record, recordPath, summary, table, valueAt } from "./render.js";

const drafts = new Map(); // the form being filled in, per page, kept for "check your answers"

export function forgetDrafts() {
  drafts.clear();
}

export async function loadForm(operation) {
  return (await import(`/portal/generated/forms/${operation}.js`)).default;
}

export function controlId(path) {
  return "f-" + path.replace(/[^A-Za-z0-9_]+/g, "-").replace(/^-+|-+$/g, "");
}

// -- filling the form in --------------------------------------------------------------------

function choices(def, data, key) {
  if (key.startsWith("paired:")) return data.context?.[key.slice(7)] ?? [];
  const source = def.sources[key];
  if (!source) return [];
  if (source.origin === "query") return data[source.path[0]]?.nodes ?? [];
  let found = source.origin === "context" ? data.context : data.viewer;
  for (const step of source.path) found = found?.[step];
  return (found ?? []).filter(Boolean);
}

function fillOptions(element, items) {
  if (element.tagName === "SELECT") {
    for (const item of items) element.add(new Option(label(item), item.id));
    return;
  }
  const type = element.classList.contains("govuk-checkboxes") ? "checkbox" : "radio";
  const module = type === "checkbox" ? "govuk-checkboxes" : "govuk-radios";
  const name = element.dataset.path;
  element.parentElement?.querySelector(":scope > .app-nothing")?.remove();
  if (!items.length) {
    element.insertAdjacentHTML("beforebegin", '<p class="govuk-body app-nothing">There is nothing to choose from.</p>');
  }
  element.innerHTML = items
    .map((item, i) => {
      const id = i === 0 ? element.dataset.id : `${element.dataset.id}-${i + 1}`;
      return (
        `<div class="${module}__item"><input class="${module}__input" id="${esc(id)}" name="${esc(name)}" ` +
        `type="${type}" value="${esc(item.id)}"><label class="govuk-label ${module}__label" for="${esc(id)}">` +
        `${esc(label(item))}</label></div>`
      );
    })
    .join("");
}

function instantiate(template, index) {
  const holder = document.createElement("div");
  holder.innerHTML = template.innerHTML.replaceAll("__i__", String(index)).replaceAll("__n__", String(index + 1));
  return holder.firstElementChild;
}

function templateFor(form, listPath) {
  return form.querySelector(`template[data-template="${CSS.escape(listPath)}"]`);
}

function fillEach(form, container, items) {
  const template = templateFor(form, container.dataset.listPath);
  items.forEach((item, i) => {
    const row = instantiate(template, i);
    const value = row.querySelector("[data-option-value]");
    if (value) value.value = item.id;
    const title = row.querySelector("[data-option-label]");
    if (title) title.textContent = typeof item === "string" ? item : label(item);
    container.append(row);
  });
  const group = container.closest("[data-group]");
  if (!items.length && group) leaveOut(group, true); // no questions to answer: not asked (an empty list is still sent)
}

export function addRow(form, listPath, { focus = false } = {}) {
  const container = form.querySelector(`[data-rows="${CSS.escape(listPath)}"]`);
  const index = container.querySelectorAll(":scope > [data-row]").length;
  const row = instantiate(templateFor(form, listPath), index);
  container.append(row);
  if (focus) row.querySelector("input:not([type=hidden]), select, textarea")?.focus();
  return row;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const RENAMED = ["id", "name", "for", "aria-describedby", "data-path", "data-row-path", "data-id", "data-group", "data-group-path"];

/** After a row is removed, the rows after it move up: their paths and ids follow. */
function renumber(container, listPath) {
  const idPrefix = escapeRegExp(controlId(listPath));
  container.querySelectorAll(":scope > [data-row]").forEach((row, index) => {
    const old = row.dataset.rowPath.slice(listPath.length + 1, -1);
    if (old === String(index)) return;
    const byPath = new RegExp(`${escapeRegExp(listPath)}\\[${old}\\]`, "g");
    const byId = new RegExp(`${idPrefix}-${old}(?=-|$|\\s)`, "g");
    for (const element of [row, ...row.querySelectorAll("*")]) {
      for (const attribute of RENAMED) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(byPath, `${listPath}[${index}]`).replace(byId, `${controlId(listPath)}-${index}`));
      }
    }
    row.querySelectorAll("[data-row-number]").forEach((n) => (n.textContent = String(index + 1)));
  });
}

function removeRow(button) {
  const row = button.closest("[data-row]");
  const container = row.parentElement;
  const listPath = container.dataset.rows;
  row.remove();
  renumber(container, listPath);
  const rows = container.querySelectorAll(":scope > [data-row]");
  const next = rows.length ? rows[rows.length - 1].querySelector("input:not([type=hidden]), select, textarea") : null;
  (next || container.parentElement.querySelector(`[data-add-row="${CSS.escape(listPath)}"]`))?.focus();
}

async function prepare(def, contextId) {
  const holder = document.createElement("div");
  holder.innerHTML = def.html;
  const form = holder.querySelector("form");
  const data = def.contextDocument ? await query(def.contextDocument, def.context ? { id: contextId } : {}) : {};
  if (def.context && !data.context) return null;
  for (const element of form.querySelectorAll("[data-context]")) {
    element.value = element.dataset.context === "id" ? contextId : String(data.context?.version ?? "");
  }
  for (const element of form.querySelectorAll("[data-options]")) fillOptions(element, choices(def, data, element.dataset.options));
  for (const element of form.querySelectorAll("[data-each]")) fillEach(form, element, choices(def, data, element.dataset.each));
  for (const element of form.querySelectorAll("[data-rows]")) {
    for (let i = 0; i < Number(element.dataset.initial || 0); i++) addRow(form, element.dataset.rows);
  }
  return { def, form, context: data.context ?? null, contextId };
}

// -- a list asked as a table ---------------------------------------------------------------

function choicesOf(template, part) {
  const select = template.content.querySelector(`[data-path$=".${CSS.escape(part)}"]`);
  return [...select.options].filter((option) => option.value).map((option) => [option.value, option.textContent]);
}

/**
 * Ask a list of (row choice, column choice, value) as one table: a money input per cell, each a
 * row of the list with its two choices fixed. A blank cell is left out; a blank cell of a required
 * column is an error in words ("Enter the weekly fee for enhanced level of need, education").
 */
function gridify(form, grid) {
  const path = `input.${grid.field}`;
  const container = form.querySelector(`[data-rows="${CSS.escape(path)}"]`);
  const template = templateFor(form, path);
  if (!container || !template) return;
  const rows = choicesOf(template, grid.rows);
  const columns = choicesOf(template, grid.columns);
  container.dataset.grid = "";
  container.dataset.initial = "0";
  container.replaceChildren();
  container.parentElement.querySelector(`[data-add-row="${CSS.escape(path)}"]`)?.remove();
  const head = columns.map(([value, text]) => `<th scope="col" class="govuk-table__header" data-column="${esc(value)}">${esc(text)}</th>`);
  const table = document.createElement("div");
  table.className = "app-table-wrapper";
  table.setAttribute("role", "region");
  table.setAttribute("aria-label", "Weekly fees");
  table.tabIndex = 0;
  table.innerHTML =
    '<table class="govuk-table app-grid"><thead class="govuk-table__head"><tr class="govuk-table__row">' +
    `<td class="govuk-table__header"></td>${head.join("")}</tr></thead><tbody class="govuk-table__body"></tbody></table>`;
  const body = table.querySelector("tbody");
  let index = 0;
  for (const [rowValue, rowText] of rows) {
    const tr = document.createElement("tr");
    tr.className = "govuk-table__row";
    tr.innerHTML = `<th scope="row" class="govuk-table__header">${esc(rowText)}</th>`;
    for (const [columnValue, columnText] of columns) {
      const cell = instantiate(template, index++);
      cell.classList.remove("app-row");
      cell.querySelector("legend")?.remove();
      cell.querySelector("[data-remove-row]")?.remove();
      for (const [part, value] of [[grid.rows, rowValue], [grid.columns, columnValue]]) {
        const choice = cell.querySelector(`[data-path$=".${CSS.escape(part)}"]`);
        choice.value = value;
        choice.dataset.fixed = "";
        choice.closest("[data-group]").hidden = true;
      }
      const input = cell.querySelector(`[data-path$=".${CSS.escape(grid.value)}"]`);
      const words = `${rowText}, ${columnText.toLowerCase()}`;
      const labelled = input.closest("[data-group]").querySelector("label");
      labelled.textContent = words;
      labelled.classList.add("govuk-visually-hidden");
      input.closest("[data-group]").querySelector(".govuk-hint")?.remove();
      input.removeAttribute("aria-describedby");
      input.removeAttribute("aria-required");
      delete input.dataset.required;
      input.dataset.label = `The weekly fee for ${words.charAt(0).toLowerCase()}${words.slice(1)}`;
      input.dataset.missing = `Enter the weekly fee for ${words.charAt(0).toLowerCase()}${words.slice(1)}`;
      if (grid.required.includes(columnValue) || grid.only[columnValue]) input.dataset.gridRequired = "";
      const td = document.createElement("td");
      td.className = "govuk-table__cell";
      td.dataset.column = columnValue;
      td.append(cell);
      tr.append(td);
    }
    body.append(tr);
  }
  container.insertAdjacentHTML("beforeend", '<p class="govuk-hint app-scroll-hint">Scroll the table sideways to see every cost.</p>');
  container.append(table);
}

/**
 * Ask a list as one table (journeys.yaml's `table`): a row per choice of one of its fields (a cost
 * element, from its select's options; or a record, the rows already filled in for each, such as an
 * invoice's lines) and a column per other question. Each question's label is kept for screen readers
 * and messages ("Enter rate for education"); a row left blank is not sent, a row begun must be finished.
 */
function tabulate(form, spec) {
  const path = `input.${spec.field}`;
  const template = templateFor(form, path);
  const each = form.querySelector(`[data-each][data-list-path="${CSS.escape(path)}"]`);
  const container = each ?? form.querySelector(`[data-rows="${CSS.escape(path)}"]`);
  if (!container || !template) return;
  const chooser = `[data-path$=".${CSS.escape(spec.rows)}"]`;
  let rows;
  if (each) {
    rows = [...each.querySelectorAll(":scope > [data-row]")].map((row) => [row, row.querySelector("[data-option-label]")?.textContent ?? ""]);
  } else {
    container.dataset.initial = "0";
    container.parentElement.querySelector(`[data-add-row="${CSS.escape(path)}"]`)?.remove();
    rows = choicesOf(template, spec.rows).map(([value, text], i) => {
      const row = instantiate(template, i);
      const choice = row.querySelector(chooser);
      choice.value = value;
      choice.dataset.fixed = "";
      return [row, text];
    });
  }
  container.replaceChildren();
  if (!rows.length) return;
  const questions = (row) => [...row.querySelectorAll("[data-group]")].filter((group) => !group.querySelector(chooser));
  const nameOf = (group) => group.querySelector("label, legend")?.textContent.replace(" (optional)", "").trim() ?? "";
  const columns = questions(rows[0][0]).map(nameOf);
  const wrapper = document.createElement("div");
  wrapper.className = "app-table-wrapper";
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", spec.title || spec.heading);
  wrapper.tabIndex = 0;
  wrapper.dataset.table = "";
  wrapper.innerHTML =
    '<table class="govuk-table app-grid app-table-form"><thead class="govuk-table__head"><tr class="govuk-table__row">' +
    `<th scope="col" class="govuk-table__header">${esc(spec.heading)}</th>` +
    columns.map((c) => `<th scope="col" class="govuk-table__header">${esc(c)}</th>`).join("") +
    '</tr></thead><tbody class="govuk-table__body"></tbody></table>';
  const body = wrapper.querySelector("tbody");
  for (const [row, text] of rows) {
    const tr = document.createElement("tr");
    tr.className = "govuk-table__row";
    tr.dataset.row = "";
    tr.dataset.rowPath = row.dataset.rowPath;
    const th = document.createElement("th");
    th.scope = "row";
    th.className = "govuk-table__header";
    th.dataset.optionLabel = "";
    th.dataset.name = text;
    th.textContent = text;
    // the row's choice (a cost element, a line), fixed and not shown
    for (const fixed of row.querySelectorAll("[data-fixed]")) {
      const holder = fixed.closest("[data-group]") ?? fixed;
      if (holder !== fixed) holder.hidden = true;
      th.append(holder);
    }
    tr.append(th);
    const words = text.charAt(0).toLowerCase() + text.slice(1);
    questions(row).forEach((group, i) => {
      const td = document.createElement("td");
      td.className = "govuk-table__cell";
      const named = group.querySelector("label, legend");
      if (named) {
        named.textContent = `${columns[i]} for ${words}`;
        named.classList.add("govuk-visually-hidden");
      }
      group.querySelector(".govuk-hint")?.remove();
      for (const input of group.querySelectorAll("[data-path]")) {
        input.removeAttribute("aria-describedby");
        input.dataset.label = `${columns[i]} for ${words}`;
        if (input.tagName === "TEXTAREA") input.rows = 2;
      }
      td.append(group);
      tr.append(td);
    });
    body.append(tr);
  }
  container.append(wrapper);
}

/** A table's answers on "check your answers": the rows filled in, each with what was answered. */
function describeTable(group) {
  const table = group.querySelector("[data-table] table");
  const head = table.querySelector("thead").outerHTML;
  const rows = [...table.querySelectorAll("tbody > [data-row]")]
    .map((row) => {
      const cells = [...row.querySelectorAll(":scope > td")].map((td) => leaves(td).filter((el) => !("fixed" in el.dataset)).map(describeLeaf).join(" "));
      if (cells.every((c) => !c)) return "";
      const name = row.querySelector(":scope > th").dataset.name;
      return `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${esc(name)}</th>${cells.map((c) => `<td class="govuk-table__cell">${esc(c)}</td>`).join("")}</tr>`;
    })
    .filter(Boolean);
  if (!rows.length) return "Not given";
  return `<table class="govuk-table govuk-!-font-size-16 govuk-!-margin-bottom-0 app-table-check">${head}<tbody class="govuk-table__body">${rows.join("")}</tbody></table>`;
}

/** Show a column under `only` when the record chosen for its field has one of the values. */
async function gridColumns(form, grid) {
  for (const [column, condition] of Object.entries(grid.only)) {
    const chosen = form.querySelector(`[data-path="input.${CSS.escape(condition.field)}"]`)?.value;
    let shown = false;
    if (chosen) {
      const { record } = await query(condition.document, { id: chosen });
      shown = Object.entries(condition.when).every(([field, values]) => values.includes(record?.[field]));
    }
    form.querySelectorAll(`[data-column="${CSS.escape(column)}"]`).forEach((cell) => (cell.hidden = !shown));
  }
}

// -- each row on the scale of what it is about ------------------------------------------------

/** Ask each row of a list on its record's own scale (an outcome measure's yes/no, rating, percentage or count). */
async function scaleRows(draft, spec) {
  const { record } = await query(spec.document, { id: draft.contextId });
  const measures = new Map((spec.from.split(".").reduce((v, step) => v?.[step], record) || []).map((m) => [m.id, m]));
  const list = draft.form.querySelector(`[data-each][data-list-path="input.${CSS.escape(spec.field)}"]`);
  for (const row of list?.querySelectorAll(":scope > [data-row]") ?? []) {
    const measure = measures.get(row.querySelector("[data-option-value]")?.value);
    const input = row.querySelector(`[data-path="${CSS.escape(row.dataset.rowPath)}.${CSS.escape(spec.value)}"]`);
    if (!measure || !input) continue;
    for (const [field, values] of Object.entries(spec.only ?? {})) {
      const needs = values[measure[field]];
      if (needs) row.dataset.only = JSON.stringify(needs);
    }
    const control = spec.controls[measure[spec.scale]] ?? {};
    const group = input.closest("[data-group]");
    const hintText = [measure.description?.replace(/\.$/, ""), control.hint].filter(Boolean).join(". ");
    if (measure.name) input.dataset.label = measure.name;
    if (control.label) group.querySelector("label").textContent = control.label; // "Percentage", not "Value"
    let hint = group.querySelector(".govuk-hint");
    if (hint) hint.textContent = hintText;
    if (control.radios) {
      const id = input.id;
      const label = group.querySelector("label").textContent;
      const named = measure.name ?? label;
      const items = control.radios
        .map(([value, text], i) => {
          const itemId = i ? `${id}-${i + 1}` : id;
          return `<div class="govuk-radios__item"><input class="govuk-radios__input" id="${esc(itemId)}" name="${esc(input.name)}" type="radio" value="${esc(value)}">` +
            `<label class="govuk-label govuk-radios__label" for="${esc(itemId)}">${esc(text)}</label></div>`;
        })
        .join("");
      group.innerHTML =
        `<fieldset class="govuk-fieldset"${hintText ? ` aria-describedby="${esc(id)}-hint"` : ""}><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${esc(label)}</legend>` +
        (hintText ? `<div class="govuk-hint" id="${esc(id)}-hint">${esc(hintText)}</div>` : "") +
        `<div class="govuk-radios govuk-radios--inline" data-module="govuk-radios" data-path="${esc(input.dataset.path)}" data-kind="Float" data-label="${esc(named)}">${items}</div></fieldset>`;
      continue;
    }
    if (control.min !== undefined) input.dataset.min = control.min;
    if (control.max !== undefined) input.dataset.max = control.max;
    if (control.whole) input.dataset.kind = "Int";
    if (control.suffix && !group.querySelector(".govuk-input__suffix")) {
      const wrapper = document.createElement("div");
      wrapper.className = "govuk-input__wrapper";
      input.replaceWith(wrapper);
      wrapper.append(input);
      wrapper.insertAdjacentHTML("beforeend", `<div class="govuk-input__suffix" aria-hidden="true">${esc(control.suffix)}</div>`);
    }
  }
}

/** Rows asked only when another answer has one of some values (annual measures in the summer term). */
function applyOnly(form) {
  for (const row of form.querySelectorAll("[data-row][data-only]")) {
    const needs = JSON.parse(row.dataset.only);
    row.hidden = !Object.entries(needs).every(([field, values]) => {
      const chosen = form.querySelector(`[data-path="input.${CSS.escape(field)}"]`);
      return values.includes(chosen ? read(chosen) : null);
    });
  }
}

// -- questions asked only sometimes ------------------------------------------------------------

/** Leave a question out (hidden, and not sent), or ask it again. */
function leaveOut(group, out) {
  group.hidden = out;
  if (out) group.dataset.unasked = "";
  else delete group.dataset.unasked;
}

/** Leave out the questions the form's record does not call for (care on a day lot). */
async function askOnly(draft, asks) {
  const { record } = await query(asks.document, { id: draft.contextId });
  for (const [path, when] of Object.entries(asks.when)) {
    const group = draft.form.querySelector(`[data-group="input.${CSS.escape(path)}"]`);
    if (group && !holds(when, record)) leaveOut(group, true);
  }
}

/** Make an optional question one that needs an answer. */
function mustAnswer(group) {
  for (const element of leaves(group)) {
    element.dataset.required = "";
    element.setAttribute("aria-required", "true");
  }
  const label = group.querySelector("label, legend");
  if (label) label.textContent = label.textContent.replace(/ \(optional\)$/, "");
}

function camel(code) {
  return code.toLowerCase().replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
}

/** Whether a journey page is asked, given the answers so far (a justification only above the rate card). */
async function asked(draft, page) {
  const rule = page.above;
  if (!rule) return true;
  const input = serialize(draft.form).variables.input ?? {};
  const fees = input[rule.fees];
  if (!fees || !input[rule.match]) return false;
  draft.limits ??= (await query(rule.document, { id: draft.contextId })).record;
  const item = (draft.limits?.[rule.from] ?? []).find((i) => i[rule.match]?.id === input[rule.match]);
  const card = new Map(
    (rule.card.split(".").reduce((v, step) => v?.[step], item) ?? [])
      .filter((line) => line.band === input[rule.band])
      .map((line) => [camel(line.element), line.weeklyFee]),
  );
  return Object.entries(fees).some(([element, pence]) => pence > (card.get(element) ?? 0));
}

/** Whether a page has a question that needs an answer and has none. */
function unanswered(draft, page) {
  return serialize(draft.form).problems.some((problem) => page.fields.includes(fieldOf(problem.element.dataset.path)));
}

/** The next page asked after ``at`` (or -1 before it, going back); pages passed by are left out. */
async function nextAsked(draft, at, step = 1) {
  const pages = draft.journey.pages;
  let i = at + step;
  while (i >= 0 && i < pages.length) {
    const ask = step < 0 ? !draft.skipped.has(pages[i].slug) : await asked(draft, pages[i]);
    if (step > 0) {
      draft.skipped[ask ? "delete" : "add"](pages[i].slug);
      const groups = topGroups(draft.form).filter((g) => pages[i].fields.includes(g.dataset.group.slice(6)));
      groups.forEach((g) => leaveOut(g, !ask));
      if (pages[i].above) groups.forEach(mustAnswer); // asked only when needed: then it needs an answer
    }
    if (ask) return i;
    i += step;
  }
  return i;
}

// -- only choices that can be valid --------------------------------------------------------

function picked(list, spec) {
  return (list || [])
    .filter((item) => Object.entries(spec.when || {}).every(([field, values]) => values.includes(item[field])))
    .map((item) => item[spec.pick])
    .filter(Boolean);
}

/** The records a question of an operation may offer for a record, narrowed to those that can be valid. */
export async function validChoices(spec, contextId) {
  if (spec.query) return (await query(spec.document, { id: contextId })).list.nodes;
  const { record } = await query(spec.document, { id: contextId });
  if (spec.answers) return record?.[spec.from] ?? [];
  const taken = new Set(spec.except ? picked(valueAt(record, spec.except.from), spec.except).map((r) => r.id) : []);
  return [...new Map(picked(valueAt(record, spec.from), spec).filter((r) => !taken.has(r.id)).map((r) => [r.id, r])).values()];
}

/** Narrow a question's choices to records that can be valid; say so, and offer no way on, when none can. */
async function narrowChoices(draft, choices) {
  for (const [field, spec] of Object.entries(choices)) {
    if (spec.answers) {
      await answerChoices(draft, field, spec);
      continue;
    }
    if (spec.values) {
      // the values the form's record allows (the kinds of document it takes)
      const { values } = await query(spec.document, { id: draft.contextId });
      const element = draft.form.querySelector(`[data-path="input.${CSS.escape(field)}"]`);
      for (const option of element?.querySelectorAll("option[value]:not([value='']), .govuk-radios__item") ?? []) {
        const value = option.value ?? option.querySelector("input").value;
        if (!values.includes(value)) option.remove();
      }
      if (element?.tagName === "SELECT" && values.length === 1) element.value = values[0];
      continue;
    }
    if (spec.of) {
      // the records of another answer's record: offered once that answer is known, and again when it changes
      (draft.chosen ??= []).push(() => chosenChoices(draft, field, spec));
      continue;
    }
    const allowed = await validChoices(spec, draft.contextId);
    const element = draft.form.querySelector(`[data-path="input.${CSS.escape(field)}"]`);
    if (!element) continue;
    if (element.tagName === "SELECT") {
      element.replaceChildren(element.options[0]);
      fillOptions(element, allowed);
    } else {
      fillOptions(element, allowed);
    }
    if (!allowed.length && spec.none) {
      draft.blocked = spec.none;
    } else if (!allowed.length) {
      leaveOut(element.closest("[data-group]"), true); // an optional question with nothing to choose is not asked
    } else if (allowed.length === 1 && element.tagName === "SELECT") {
      element.value = allowed[0].id; // the only choice, already made
    }
  }
}

/** Offer the records listed on the record chosen for another question, keeping those already chosen. */
async function chosenChoices(draft, field, spec) {
  const chooser = draft.form.querySelector(`[data-path="input.${CSS.escape(spec.of)}"]`);
  const element = draft.form.querySelector(`[data-path="input.${CSS.escape(field)}"]`);
  if (!chooser || !element) return;
  const refill = async () => {
    const id = read(chooser);
    const items = id ? ((await query(spec.document, { id })).record?.[spec.from] ?? []) : [];
    const kept = new Set([read(element)].flat());
    if (element.tagName === "SELECT") element.replaceChildren(element.options[0]);
    fillOptions(element, items);
    element.querySelectorAll("input").forEach((box) => (box.checked = kept.has(box.value)));
    if (element.tagName === "SELECT" && kept.size) element.value = [...kept][0];
  };
  chooser.addEventListener("change", refill);
  await refill();
}

/**
 * One question whose choices each answer several (a term to report on: its academic year and
 * term). The questions' own controls become hidden inputs the chosen radio fills in.
 */
async function answerChoices(draft, field, spec) {
  const items = await validChoices(spec, draft.contextId);
  if (!items.length) {
    draft.blocked = spec.none;
    return;
  }
  const form = draft.form;
  const group = form.querySelector(`[data-group="input.${CSS.escape(field)}"]`);
  const id = `f-input-${field}`;
  const legend = spec.question;
  const hidden = spec.answers.map((name) => {
    const input = document.createElement("input");
    const old = form.querySelector(`[data-path="input.${CSS.escape(name)}"]`);
    Object.assign(input, { type: "hidden", name: `input.${name}` });
    Object.assign(input.dataset, { path: `input.${name}`, kind: old?.dataset.kind ?? "String", label: legend });
    if (name === field) Object.assign(input.dataset, { required: "", missing: `Select the ${legend.toLowerCase()}` });
    if (name !== field) old?.closest("[data-group]")?.remove();
    return input;
  });
  const radios = items
    .map((item, i) => {
      const itemId = i ? `${id}-${i + 1}` : id;
      const started = spec.draft && item[spec.draft];
      const due = [
        spec.due && item[spec.due] ? `Due ${formatDateTime(item[spec.due])}` : "",
        started?.status ? `Report status: ${enumLabel(`${started.__typename}Status`, started.status).toLowerCase()}` : "",
      ]
        .filter(Boolean)
        .join(". ");
      return (
        `<div class="govuk-radios__item"><input class="govuk-radios__input" id="${itemId}" name="${id}-choice" type="radio" value="${i}"` +
        `${due ? ` aria-describedby="${itemId}-hint"` : ""}><label class="govuk-label govuk-radios__label" for="${itemId}">${esc(item[spec.label])}</label>` +
        `${due ? `<div id="${itemId}-hint" class="govuk-hint govuk-radios__hint">${esc(due)}</div>` : ""}</div>`
      );
    })
    .join("");
  group.innerHTML =
    `<fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${esc(legend)}</legend>` +
    `<div class="govuk-radios" data-module="govuk-radios" data-answers>${radios}</div></fieldset>`;
  group.dataset.label = legend;
  group.append(...hidden);
  const choose = (item) => spec.answers.forEach((name, i) => (hidden[i].value = item ? String(item[name]) : ""));
  group.querySelectorAll("input[type=radio]").forEach((radio) =>
    radio.addEventListener("change", () => {
      choose(items[Number(radio.value)]);
      fillValue(form, "input.version", ""); // a report of another term is not this one's draft
      startFromSaved(draft, presentation(draft.def.name), new URLSearchParams());
    }),
  );
  draft.answered = () => {
    // the radio of the answers already given (by a link, or a saved report)
    const at = items.findIndex((item) => spec.answers.every((name, i) => hidden[i].value === String(item[name])));
    group.querySelectorAll("input[type=radio]").forEach((radio) => (radio.checked = Number(radio.value) === at));
    if (items.length === 1 && at < 0) {
      group.querySelector("input[type=radio]").checked = true; // the only choice, already made
      choose(items[0]);
    }
  };
}

// -- starting from what is saved -----------------------------------------------------------

/** A choice made by the way the person came (the lot of the task they chose) is shown, not asked again. */
function settled(form, params) {
  for (const name of params.keys()) {
    const select = form.querySelector(`select[data-path="input.${CSS.escape(name)}"]`);
    if (!select?.value) continue;
    const group = select.closest("[data-group]");
    group.hidden = true;
    group.dataset.settled = ""; // still sent: only its question is not asked again
    group.insertAdjacentHTML(
      "beforebegin",
      `<p class="govuk-body"><strong>${esc(select.dataset.label)}:</strong> ${esc(select.selectedOptions[0]?.textContent ?? "")}</p>`,
    );
  }
}

/** Put one saved value back into the form at ``path``, the way the form asks for it. */
function fillValue(form, path, value) {
  if (value === null || value === undefined) return;
  const quoted = CSS.escape(path);
  if (Array.isArray(value)) {
    const rows = form.querySelector(`[data-rows="${quoted}"]`);
    if (rows && "grid" in rows.dataset) {
      for (const item of value) {
        const cell = [...rows.querySelectorAll("[data-row]")].find((row) =>
          Object.entries(item).every(([key, part]) => {
            const choice = row.querySelector(`[data-path="${CSS.escape(row.dataset.rowPath)}.${CSS.escape(key)}"]`);
            return !("fixed" in (choice?.dataset ?? {})) || choice.value === part;
          }),
        );
        if (cell) for (const [key, part] of Object.entries(item)) fillValue(form, `${cell.dataset.rowPath}.${key}`, part);
      }
      return;
    }
    if (rows) {
      rows.replaceChildren();
      value.forEach((item, i) => {
        addRow(form, path);
        for (const [key, part] of Object.entries(item)) fillValue(form, `${path}[${i}].${key}`, part);
      });
      return;
    }
    const each = form.querySelector(`[data-each][data-list-path="${quoted}"]`);
    if (each) {
      for (const item of value) {
        const chosen = Object.entries(item).find(([, part]) => part && typeof part === "object" && "id" in part);
        const row = [...each.querySelectorAll(":scope > [data-row]")].find(
          (r) => r.querySelector("[data-option-value]")?.value === chosen?.[1].id,
        );
        if (!row) continue;
        for (const [key, part] of Object.entries(item)) if (key !== chosen[0]) fillValue(form, `${row.dataset.rowPath}.${key}`, part);
      }
      return;
    }
    const ids = new Set(value.map((item) => (item && typeof item === "object" ? item.id : item)));
    form.querySelectorAll(`[data-path="${quoted}"] input[type=checkbox]`).forEach((box) => (box.checked = ids.has(box.value)));
    return;
  }
  const element = form.querySelector(`[data-path="${quoted}"]`);
  if (typeof value === "object" && !("id" in value)) {
    for (const [key, part] of Object.entries(value)) fillValue(form, `${path}.${key}`, part);
    return;
  }
  if (!element) return;
  const raw = typeof value === "object" ? value.id : value;
  if (element.classList.contains("govuk-radios")) {
    const text = String(raw);
    element.querySelectorAll("input").forEach((radio) => (radio.checked = radio.value === text));
  } else if (element.dataset.kind === "Date") {
    const [year, month, day] = String(raw).split("-");
    Object.entries({ day, month, year }).forEach(([part, text]) => {
      element.querySelector(`[data-part="${part}"]`).value = String(Number(text));
    });
  } else if (element.dataset.kind === "Pence") {
    element.value = (Number(raw) / 100).toFixed(2);
  } else {
    element.value = String(raw);
  }
}

/** Fill the form with the values saved on its record, and with choices given in the address. */
async function startFromSaved(draft, words, params) {
  for (const [name, value] of params) fillValue(draft.form, `input.${name}`, value);
  const spec = words.prefill;
  if (!spec || !draft.contextId) return;
  const { record } = await query(spec.document, { id: draft.contextId });
  let saved = record;
  if (spec.from) {
    const answer = (name) => params.get(name) || draft.form.querySelector(`[data-path="input.${CSS.escape(name)}"]`)?.value;
    saved = (record?.[spec.from] || []).find(
      (item) => (!spec.key || item[spec.key]?.id === answer(spec.key)) && spec.match.every((name) => String(item[name]) === answer(name)),
    );
  }
  if (!saved) return;
  for (const [input, output] of Object.entries(spec.fields)) fillValue(draft.form, `input.${input}`, saved[output]);
}

// -- reading it into variables -------------------------------------------------------------

function read(element) {
  if (element.dataset.kind === "Date") {
    const part = (name) => element.querySelector(`[data-part="${name}"]`).value.trim();
    const parts = { day: part("day"), month: part("month"), year: part("year") };
    return parts.day || parts.month || parts.year ? parts : "";
  }
  if (element.dataset.kind === "File") return element.files?.[0] ?? "";
  if (element.classList.contains("govuk-checkboxes")) {
    return [...element.querySelectorAll("input:checked")].map((input) => input.value);
  }
  if (element.classList.contains("govuk-radios")) return element.querySelector("input:checked")?.value ?? "";
  return element.value.trim();
}

function blank(raw) {
  return raw === "" || raw === null || raw === undefined;
}

const WHOLE = /^-?\d+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** A value as the API takes it, or a message saying what is wrong with it. */
function convert(element, raw) {
  const converted = convertKind(element, raw);
  const { min, max } = element.dataset;
  if (converted.error || (min === undefined && max === undefined)) return converted;
  const value = Number(converted.value);
  if ((min !== undefined && value < Number(min)) || (max !== undefined && value > Number(max))) {
    const range = max === undefined ? `${min} or more` : `between ${min} and ${max}`;
    return { error: `${element.dataset.label} must be ${range}` };
  }
  return converted;
}

function convertKind(element, raw) {
  switch (element.dataset.kind) {
    case "Int":
      return WHOLE.test(raw) ? { value: Number.parseInt(raw, 10) } : { error: `${element.dataset.label} must be a whole number, like 12` };
    case "Float":
      return NUMBER.test(raw) ? { value: Number(raw) } : { error: `${element.dataset.label} must be a number, like 12.5` };
    case "Decimal":
      return NUMBER.test(raw) ? { value: raw } : { error: `${element.dataset.label} must be a number, like 12.5` };
    case "Pence": {
      const cleaned = raw.replace(/^£/, "").replace(/,/g, "").replace(/\s/g, "");
      const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
      if (!match) return { error: `${element.dataset.label} must be an amount in pounds and pence, like 1250.50` };
      return { value: Number(match[1]) * 100 + Number((match[2] || "0").padEnd(2, "0")) };
    }
    case "Boolean":
      return { value: raw === "true" };
    case "Date": {
      const [d, m, y] = [raw.day, raw.month, raw.year].map(Number);
      const date = new Date(Date.UTC(y, m - 1, d));
      const real = [raw.day, raw.month].every((p) => /^\d{1,2}$/.test(p)) && /^\d{4}$/.test(raw.year) &&
        date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
      if (!real) return { error: `${element.dataset.label} must be a real date` };
      return { value: `${raw.year}-${raw.month.padStart(2, "0")}-${raw.day.padStart(2, "0")}` };
    }
    case "DateTime": {
      const date = new Date(raw);
      return Number.isNaN(date.getTime()) ? { error: `${element.dataset.label} must be a real date and time` } : { value: date.toISOString() };
    }
    case "JSON":
      try {
        return { value: JSON.parse(raw) };
      } catch {
        return { error: `${element.dataset.label} must be valid JSON` };
      }
    default:
      return { value: raw };
  }
}

function missing(element) {
  if (element.dataset.missing) return element.dataset.missing;
  const name = (element.dataset.label || "a value").toLowerCase();
  if (element.dataset.kind === "File") return "Select a file";
  if (element.dataset.kind === "Date") return `Enter ${name}`;
  if (element.tagName === "SELECT" || element.classList.contains("govuk-radios")) return `Select ${name}`;
  return `Enter ${name}`;
}

function setPath(target, path, value) {
  const keys = path.match(/[^.[\]]+/g);
  let node = target;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(keys[i + 1]);
    if (last) node[key] = value;
    else node = node[key] ??= nextIsIndex ? [] : {};
  });
}

function leaves(scope) {
  return [...scope.querySelectorAll("[data-path]")];
}

/** The form as GraphQL variables, the problems found, and how sent paths map back to the page. */
export function serialize(form) {
  const variables = {};
  const problems = [];
  const rows = [...form.querySelectorAll("[data-row]")];
  const dropped = new Set(
    rows.filter((row) => row.hidden || leaves(row).filter((el) => !("fixed" in el.dataset)).every((el) => blank(read(el)))),
  );
  const inDropped = (element) => rows.some((row) => dropped.has(row) && row.contains(element));
  for (const row of dropped) {
    const needed = row.querySelector("[data-grid-required]");
    if (needed && !needed.closest("[hidden]")) problems.push({ element: needed, message: needed.dataset.missing });
  }
  const sent = new Map(); // row path on the page → row path sent
  const counters = new Map();
  const translate = (path) => {
    let best = "";
    for (const key of sent.keys()) if (path.startsWith(key) && key.length > best.length) best = key;
    return best ? sent.get(best) + path.slice(best.length) : path;
  };
  for (const row of rows) {
    if (inDropped(row)) continue;
    const listPath = translate(row.dataset.rowPath.replace(/\[\d+\]$/, ""));
    const index = counters.get(listPath) ?? 0;
    counters.set(listPath, index + 1);
    sent.set(row.dataset.rowPath, `${listPath}[${index}]`);
  }
  for (const container of form.querySelectorAll("[data-rows], [data-each]")) {
    const listPath = container.dataset.rows || container.dataset.listPath;
    if (!counters.has(translate(listPath))) setPath(variables, translate(listPath), []);
  }
  for (const element of leaves(form)) {
    if (inDropped(element) || element.closest("[data-unasked]")) continue;
    const raw = read(element);
    const path = translate(element.dataset.path);
    if (Array.isArray(raw)) {
      if (!raw.length && "required" in element.dataset && element.classList.contains("govuk-checkboxes")) {
        problems.push({ element, message: element.dataset.missing || `Select at least one of the ${element.dataset.label.toLowerCase()}` });
      }
      setPath(variables, path, raw);
      continue;
    }
    if (blank(raw)) {
      if ("required" in element.dataset) problems.push({ element, message: missing(element) });
      continue;
    }
    if (element.dataset.kind === "File") {
      setPath(variables, path, raw);
      continue;
    }
    const converted = convert(element, raw);
    if (converted.error) problems.push({ element, message: converted.error });
    else setPath(variables, path, converted.value);
  }
  const back = new Map([...sent].map(([page, path]) => [path, page]));
  const toPage = (path) => {
    let best = "";
    for (const key of back.keys()) {
      if (path.startsWith(key) && /^($|[.[])/.test(path.slice(key.length)) && key.length > best.length) best = key;
    }
    return best ? back.get(best) + path.slice(best.length) : path;
  };
  return { variables, problems, toPage };
}

// -- showing errors next to their fields ---------------------------------------------------------

function locate(form, path) {
  let current = path;
  while (current) {
    const quoted = CSS.escape(current);
    const found = form.querySelector(
      `[data-path="${quoted}"], [data-row-path="${quoted}"], [data-group="${quoted}"], [data-aliases~="${quoted}"]`,
    );
    if (found) return found;
    const shorter = current.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    if (shorter === current || shorter === "input") break;
    current = shorter;
  }
  return null;
}

function clearErrors(scope) {
  scope.querySelectorAll(".govuk-error-summary, .govuk-error-message").forEach((e) => e.remove());
  scope.querySelectorAll(".govuk-form-group--error").forEach((e) => e.classList.remove("govuk-form-group--error"));
  for (const cls of ["govuk-input--error", "govuk-select--error", "govuk-textarea--error", "govuk-file-upload--error"]) {
    scope.querySelectorAll(`.${cls}`).forEach((e) => e.classList.remove(cls));
  }
  scope.querySelectorAll("[data-error-described]").forEach((e) => {
    const ids = (e.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.endsWith("-error"));
    if (ids.length) e.setAttribute("aria-describedby", ids.join(" "));
    else e.removeAttribute("aria-describedby");
    delete e.dataset.errorDescribed;
  });
}

function focusable(scope) {
  return scope.querySelector("input:not([type=hidden]), select, textarea, button");
}

function markField(target, message, index) {
  const group = target.matches("[data-row]") ? target : target.closest("[data-group]") || target;
  const control = focusable(target) || focusable(group);
  const errorId = `${control?.id || `problem-${index}`}-error`;
  group.classList.add("govuk-form-group--error");
  const container = group.querySelector(":scope > fieldset") || group;
  const anchor = container.querySelector(":scope > .govuk-hint") || container.querySelector(":scope > legend, :scope > label");
  const text = `<p class="govuk-error-message" id="${esc(errorId)}"><span class="govuk-visually-hidden">Error:</span> ${esc(message)}</p>`;
  if (anchor) anchor.insertAdjacentHTML("afterend", text);
  else container.insertAdjacentHTML("afterbegin", text);
  const classes = { INPUT: "govuk-input--error", SELECT: "govuk-select--error", TEXTAREA: "govuk-textarea--error" };
  for (const element of group.querySelectorAll(":scope input, :scope select, :scope textarea")) {
    if (element.closest("[data-group]") !== group.closest("[data-group]")) continue;
    if (element.type === "file") element.classList.add("govuk-file-upload--error");
    else if (element.type !== "radio" && element.type !== "checkbox" && element.type !== "hidden") element.classList.add(classes[element.tagName]);
  }
  const described = container.matches("fieldset") ? container : control;
  if (described) {
    described.setAttribute("aria-describedby", `${described.getAttribute("aria-describedby") || ""} ${errorId}`.trim());
    described.dataset.errorDescribed = "";
  }
  return control?.id;
}

/** The GOV.UK error summary, and each message beside its field. */
export function showProblems(shell, scope, problems) {
  clearErrors(scope);
  // in the order of the page, as a person reads it
  const before = (a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
  if (problems.every((p) => p.element)) problems = [...problems].sort(before);
  const items = problems.map((problem, index) => {
    const located = problem.element || (problem.path && scope.querySelector("form") ? locate(scope.querySelector("form"), problem.path) : null);
    // a value never asked (the record, its version: hidden, in no question's group) is said, not marked
    const target = located?.matches("input[type=hidden]") && !located.closest("[data-group]") ? null : located;
    const id = target ? markField(target, problem.message, index) : null;
    return id ? `<li><a href="#${esc(id)}">${esc(problem.message)}</a></li>` : `<li>${esc(problem.message)}</li>`;
  });
  shell.main.insertAdjacentHTML(
    "afterbegin",
    '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">' +
      '<h2 class="govuk-error-summary__title">There is a problem</h2><div class="govuk-error-summary__body">' +
      `<ul class="govuk-list govuk-error-summary__list">${items.join("")}</ul></div></div></div>`,
  );
  shell.markError();
  shell.errorSummary(shell.main.querySelector(".govuk-error-summary"));
}

function problemsFrom(body, toPage) {
  if (body.errors?.length) {
    return body.errors.map((error) => {
      const at = /at '([^']+)'/.exec(error.message);
      return { message: error.message, path: at ? toPage(at[1]) : null };
    });
  }
  const result = body.data?.result;
  if (result && manifest.errorTypes.includes(result.__typename)) {
    if (result.problems?.length > 1) {
      return result.problems.map((p) => ({ message: p.message, path: p.field ? toPage(p.field) : null }));
    }
    let message = result.message;
    if (result.deadline) message += `. The deadline was ${formatDateTime(result.deadline)}.`;
    return [{ message: message.replace(/\.\./g, "."), path: result.field ? toPage(result.field) : null }];
  }
  return [];
}

// -- check your answers ---------------------------------------------------------------------------

/** A choice's words; by ``for``, as ``input.labels`` is empty once the form is off the page. */
function labelOf(scope, input) {
  if (!input) return null;
  return scope.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent.trim() ?? null;
}

function describeLeaf(element) {
  const raw = read(element);
  if (Array.isArray(raw)) {
    return raw.map((v) => labelOf(element, element.querySelector(`input[value="${CSS.escape(v)}"]`)) ?? v).join(", ");
  }
  if (blank(raw)) return "";
  if (element.tagName === "SELECT") return element.selectedOptions[0]?.textContent ?? raw;
  if (element.classList.contains("govuk-radios")) return labelOf(element, element.querySelector("input:checked")) ?? raw;
  if (element.dataset.kind === "File") return raw.name;
  const converted = convert(element, raw);
  if (converted.error) return raw;
  if (element.dataset.kind === "Pence") return formatMoney(converted.value);
  if (element.dataset.kind === "Date") return formatDate(converted.value);
  if (element.dataset.kind === "DateTime") return formatDateTime(converted.value);
  if (element.dataset.kind === "Boolean") return converted.value ? "Yes" : "No";
  return String(raw);
}

function describeGroup(group) {
  if (group.querySelector("[data-table]")) return describeTable(group);
  const answered = group.querySelector("[data-answers] input:checked"); // one choice answering several questions
  if (answered) return esc(labelOf(group, answered));
  const rowElements = [...group.querySelectorAll("[data-row]")];
  if (rowElements.length || group.querySelector("[data-rows], [data-each]")) {
    const described = rowElements
      .map((row) => {
        const title = row.querySelector("[data-option-label]");
        const parts = leaves(row).filter((el) => !("fixed" in el.dataset)).map(describeLeaf).filter(Boolean);
        if (!parts.length) return "";
        const cell = row.closest("[data-grid]") ? row.querySelector("label") : null; // a table's cell: its row and column
        const heading = cell ? `${cell.textContent}: ` : title && !title.matches("label") ? `${title.textContent}: ` : "";
        return `<li>${esc(heading + parts.join(" · "))}</li>`;
      })
      .filter(Boolean);
    return described.length ? `<ul class="govuk-list">${described.join("")}</ul>` : "Not given";
  }
  const inner = leaves(group).filter((el) => !("fixed" in el.dataset) && !el.closest("[data-unasked]"));
  if (inner.length > 1) {
    return inner.map((el) => `${esc(el.dataset.label)}: ${esc(describeLeaf(el) || "Not given")}`).join("<br>");
  }
  return esc(inner.length ? describeLeaf(inner[0]) || "Not given" : "Not given");
}

function topGroups(form) {
  return [...form.querySelectorAll("[data-group]")].filter(
    (group) => /^input\.[^.[\]]+$/.test(group.dataset.group) && !("fixed" in (group.dataset || {})),
  );
}

/** The journey page a top-level input field is asked on, if the form is a journey. */
function pageOf(draft, field) {
  return draft.journey?.pages.find((page) => page.fields.includes(field)) ?? null;
}

function fieldOf(path) {
  return /^input\.([^.[\]]+)/.exec(path || "")?.[1] ?? null;
}

function changeLink(draft, paths, group) {
  const page = pageOf(draft, group.dataset.group.slice(6));
  return page ? paths.step(page.slug) : paths.form;
}

function answerName(group) {
  return group.dataset.label || group.querySelector("label, legend")?.textContent.replace(" (optional)", "").trim();
}

function answerRows(draft, paths, groups) {
  return groups.map((group) => {
    const name = answerName(group);
    const target = focusable(group)?.id || "";
    return (
      `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(name)}</dt>` +
      `<dd class="govuk-summary-list__value">${describeGroup(group)}</dd>` +
      `<dd class="govuk-summary-list__actions"><a class="govuk-link" href="${esc(changeLink(draft, paths, group))}" data-change="${esc(target)}">` +
      `Change<span class="govuk-visually-hidden"> ${esc(name.toLowerCase())}</span></a></dd></div>`
    );
  });
}

async function checkPage(shell, draft, paths, problems = []) {
  const { def, form } = draft;
  const words = presentation(def.name);
  const title = draft.journey?.title ?? words.title ?? def.title; // "Update vacancies", not the whole form's title
  const groups = topGroups(form);
  let answers = "";
  if (draft.journey) {
    answers = draft.journey.pages
      .map((page) => {
        const shown = groups.filter((group) => page.fields.includes(group.dataset.group.slice(6)) && !("unasked" in group.dataset));
        if (!shown.length) return "";
        // a page of one question its title already names ("The child's progress") needs no heading of its own
        const named = shown.length === 1 && answerName(shown[0]) === page.title;
        const heading = draft.journey.pages.length > 1 && !named ? `<h2 class="govuk-heading-m">${esc(page.title)}</h2>` : "";
        return `${heading}<dl class="govuk-summary-list">${answerRows(draft, paths, shown).join("")}</dl>`;
      })
      .join("");
  } else if (groups.length) {
    answers = `<dl class="govuk-summary-list">${answerRows(draft, paths, groups).join("")}</dl>`;
  } else if (draft.context) {
    const loaded = await loadRecord(draft.context.__typename, draft.contextId);
    const tasks = manifest.journeys.taskLists[draft.context.__typename];
    const checked = tasks?.check.document ? (await query(tasks.check.document, { id: draft.contextId })).record : null;
    answers = tasks ? taskCards(tasks, loaded, checked, paths.record) : recordHtml(loaded);
  }
  // with nothing to fill in, going back means going back to the record
  const last = draft.journey ? draft.journey.pages[await nextAsked(draft, draft.journey.pages.length, -1)] : null;
  const back = groups.length ? (last ? paths.step(last.slug) : paths.form) : paths.record;
  const button = words.button ?? def.title;
  shell.render(
    `<a href="${esc(back)}" class="govuk-back-link">Back</a>` +
      `<span class="govuk-caption-l">${esc(title)}${draft.context ? ` – ${esc(label(draft.context))}` : ""}</span>` +
      '<h1 class="govuk-heading-l">Check your answers</h1>' +
      answers +
      // sending something final (not saving a draft) is a declaration
      (words.confirmation
        ? `<h2 class="govuk-heading-m">Now ${esc(button.charAt(0).toLowerCase() + button.slice(1))}</h2>` +
          `<p class="govuk-body">By choosing “${esc(button)}” you confirm that, to the best of your knowledge, these details are correct.</p>`
        : "") +
      `<div class="govuk-button-group"><button type="button" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" data-send>${esc(button)}</button>` +
      `<a class="govuk-link" href="${esc(back)}">${groups.length ? "Go back and change your answers" : "Cancel"}</a></div>`,
    { title: "Check your answers" },
  );
  if (problems.length) showCheckProblems(shell, draft, paths, problems);
  shell.main.querySelector("[data-send]").addEventListener("click", () => send(shell, draft, paths));
  draft.changing = false;
  shell.main.querySelectorAll("[data-change]").forEach((anchor) =>
    anchor.addEventListener("click", (event) => {
      event.preventDefault();
      draft.changing = true;
      shell.navigate(anchor.getAttribute("href"), { focus: anchor.dataset.change });
    }),
  );
}

/** "Check your answers" of a task list: a summary card per task showing its part of the record, with a Change link. */
function taskCards(list, loaded, checked, recordHref) {
  const cards = [];
  for (const section of list.sections) {
    for (const task of section.tasks.filter((t) => t.shows)) {
      const title = task.each ? section.title : task.title;
      const spec = list.check.specs?.[task.shows];
      const related = loaded.related.find(([r]) => r.query === task.shows);
      let content = `<p class="govuk-body">${task.optional ? "Nothing added yet." : "Not given."}</p>`;
      const items = spec ? checked?.[spec.name] : related?.[1]?.nodes;
      if (spec && (spec.list ? items?.length : items != null)) {
        content = spec.list ? table(spec, items, title, "govuk-visually-hidden") : summary(spec.fields ?? [spec], spec.fields ? items : checked);
      } else if (related && items?.length) {
        const [r] = related;
        content = table({ kind: "object", list: true, link: true, type: r.type, fields: r.columns }, items, title, "govuk-visually-hidden");
      }
      const href = task.each ? recordHref : `${recordHref}/${task.operation}`;
      cards.push(
        '<div class="govuk-summary-card"><div class="govuk-summary-card__title-wrapper">' +
          `<h2 class="govuk-summary-card__title">${esc(title)}</h2><ul class="govuk-summary-card__actions"><li class="govuk-summary-card__action">` +
          `<a class="govuk-link" href="${esc(href)}">Change<span class="govuk-visually-hidden"> ${esc(title.toLowerCase())}</span></a></li></ul></div>` +
          `<div class="govuk-summary-card__content">${content}</div></div>`,
      );
    }
  }
  return cards.join("");
}

/** Every problem the API found, on the check page, each linking to the question page it is about. */
function showCheckProblems(shell, draft, paths, problems) {
  const items = problems.map((problem) => {
    const field = fieldOf(problem.path);
    const page = field ? pageOf(draft, field) : null;
    const element = problem.path ? locate(draft.form, problem.path) : null;
    const control = element ? focusable(element) || focusable(element.closest("[data-group]") || element) : null;
    if (!page) return `<li>${esc(problem.message)}</li>`;
    return `<li><a href="${esc(paths.step(page.slug))}" data-change="${esc(control?.id || "")}">${esc(problem.message)}</a></li>`;
  });
  shell.main.insertAdjacentHTML(
    "afterbegin",
    '<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">' +
      '<h2 class="govuk-error-summary__title">There is a problem</h2><div class="govuk-error-summary__body">' +
      `<ul class="govuk-list govuk-error-summary__list">${items.join("")}</ul></div></div></div>`,
  );
  draft.problems = problems;
  shell.markError();
  shell.errorSummary(shell.main.querySelector(".govuk-error-summary"));
}

// -- sending ------------------------------------------------------------------------------------

async function sha256(file) {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function uploadFile(instructions, file, onProgress) {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", instructions.url);
    const body = new FormData();
    for (const field of instructions.fields) body.append(field.name, field.value);
    body.append("file", file);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    request.addEventListener("load", () => {
      let message = "";
      try {
        message = JSON.parse(request.responseText || "{}").message || "";
      } catch {
        message = "";
      }
      resolve({ ok: request.status >= 200 && request.status < 300, message });
    });
    request.addEventListener("error", () => resolve({ ok: false, message: "The upload did not reach the server." }));
    request.send(body);
  });
}

async function sendUpload(shell, draft, variables, toPage) {
  const { def, form } = draft;
  const file = variables.input.file;
  delete variables.input.file;
  Object.assign(variables.input, {
    fileName: file.name,
    mediaType: file.type || "application/octet-stream",
    size: file.size,
    sha256: await sha256(file),
  });
  const requested = await graphql(def.document, variables);
  const problems = problemsFrom(requested, toPage);
  if (problems.length) return problems;
  const { document, upload } = requested.data.result;
  const box = form.querySelector("[data-upload-progress]");
  const bar = box.querySelector("progress");
  const status = box.querySelector("[data-upload-status]");
  box.hidden = false;
  let announced = -25;
  const sent = await uploadFile(upload, file, (percent) => {
    bar.value = percent;
    if (percent - announced >= 25 || percent === 100) {
      announced = percent;
      status.textContent = `Uploaded ${percent}%`;
    }
  });
  if (!sent.ok) {
    box.hidden = true;
    return [{ path: "file", message: sent.message || "The file could not be uploaded. Try again." }];
  }
  status.textContent = "Upload complete. Checking the file…";
  const confirmed = await graphql(def.upload.document, { input: { id: document.id } });
  const rejected = problemsFrom(confirmed, (path) => path);
  if (rejected.length) box.hidden = true;
  return rejected.length ? rejected : { done: `${file.name} is uploaded`, go: draft.context ? recordPath(draft.context) : recordPath(document) };
}

async function send(shell, draft, paths) {
  const { def, form } = draft;
  const { variables, problems, toPage } = serialize(form);
  if (problems.length) {
    if (draft.journey) return checkPage(shell, draft, paths, problems.map((p) => ({ message: p.message, path: p.element.dataset.path })));
    if (!shell.onPath(paths.form)) await shell.navigate(paths.form, { replace: true });
    showProblems(shell, shell.main, problems);
    return;
  }
  clearErrors(shell.main);
  const button = shell.main.querySelector("button[type=submit], [data-send]");
  if (button) button.disabled = true;
  try {
    let outcome;
    if (def.upload) {
      outcome = await sendUpload(shell, draft, variables, toPage);
    } else {
      const body = await graphql(def.document, variables);
      const found = problemsFrom(body, toPage);
      outcome = found.length ? found : success(def, body.data.result, draft, paths);
    }
    if (Array.isArray(outcome)) {
      if (draft.journey) return checkPage(shell, draft, paths, outcome);
      const onForm = topGroups(form).length > 0;
      if (onForm && !shell.onPath(paths.form)) await shell.navigate(paths.form, { replace: true });
      showProblems(shell, shell.main, outcome);
      return;
    }
    drafts.delete(paths.form);
    if (outcome.confirmation) {
      confirmations.set(paths.form, outcome.confirmation);
      return shell.navigate(`${paths.form}/done`, { replace: true });
    }
    shell.flash(outcome.done);
    if (outcome.go) return shell.navigate(outcome.go);
    return resultPage(shell, def, outcome.result);
  } finally {
    if (button) button.disabled = false;
  }
}

const confirmations = new Map(); // the confirmation page of a journey just finished, by its form's path

function success(def, result, draft, paths) {
  const words = presentation(def.name);
  const done = words.done ?? "Your changes have been saved";
  const next = def.next ? result[def.next] : null;
  const go = next?.__typename && manifest.records.includes(next.__typename) ? recordPath(next) : paths.record;
  if (words.confirmation) return { confirmation: { ...words.confirmation, record: next ?? draft.context, go } };
  if (next?.__typename && manifest.records.includes(next.__typename)) return { done, go };
  if (!def.payload.some((spec) => spec.kind !== "ref")) return { done, go: paths.record };
  return { done, result };
}

/** The GOV.UK confirmation page: a panel, what happens next, and the way on. */
function confirmationPage(shell, confirmation) {
  // a reference to quote: the one journeys.yaml names (the placement's), or else the record's own code or number
  const rule = confirmation.record ? manifest.labels[confirmation.record.__typename] : null;
  const named = confirmation.reference;
  const found = named ? valueAt(confirmation.record, named.field) : rule?.prefix ? confirmation.record[rule.prefix] : null;
  const reference = found != null ? String(found) : "";
  const words = named?.label ?? "Your reference";
  // "Payment is due by {dueOn}": the values of the record it names, as people read them
  const shown = (path) => {
    const found = valueAt(confirmation.record, path);
    const type = confirmation.values?.[path];
    if (found == null) return "";
    if (type === "Date") return formatDate(found);
    if (type === "DateTime") return formatDateTime(found);
    if (type === "Pence") return formatMoney(found);
    return String(found);
  };
  const next = String(confirmation.next ?? "").replace(/\{([A-Za-z][A-Za-z0-9.]*)\}/g, (_, path) => shown(path));
  shell.render(
    '<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">' +
      `<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${esc(confirmation.title)}</h1>` +
      (reference ? `<div class="govuk-panel__body">${esc(words)}<br><strong>${esc(reference)}</strong></div>` : "") +
      "</div>" +
      `<h2 class="govuk-heading-m">What happens next</h2><p class="govuk-body">${esc(next)}</p>` +
      `<p class="govuk-body"><a class="govuk-link" href="${esc(confirmation.go)}">${esc(confirmation.view ?? "View it")}</a></p>` +
      '<p class="govuk-body"><a class="govuk-link" href="/portal/">Go to your home page</a></p></div></div>',
    { title: confirmation.title },
  );
}

function resultPage(shell, def, result) {
  const rows = def.payload
    .filter((spec) => result[spec.name] !== null && result[spec.name] !== undefined && spec.kind !== "ref")
    .map(
      (spec) =>
        `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(spec.label)}</dt>` +
        `<dd class="govuk-summary-list__value">${esc(spec.kind === "enum" ? enumLabel(spec.type, result[spec.name]) : result[spec.name])}</dd></div>`,
    );
  const title = presentation(def.name).title ?? def.title;
  shell.render(`<h1 class="govuk-heading-l">${esc(title)}</h1><dl class="govuk-summary-list">${rows.join("")}</dl>` +
    '<p class="govuk-body"><a class="govuk-link" href="/portal/">Go to your home page</a></p>', { title });
}

// -- the page -----------------------------------------------------------------------------------------

/** What journeys.yaml says about an operation: its title, button, success message, warning, confirmation. */
export function presentation(operation) {
  return manifest.journeys?.operations?.[operation] ?? {};
}

/** What on the record the form answers (the council's query), above the questions. */
async function showAbout(shell, about, contextId) {
  const { record } = await query(about.document, { id: contextId });
  const items = (record?.[about.from] ?? []).filter((item) => holds(about.when, item));
  const shown = items.map(
    (item) =>
      `<div class="govuk-inset-text"><h2 class="govuk-heading-s">${esc(about.title)}${item[about.at] ? ` on ${esc(formatDateTime(item[about.at]))}` : ""}</h2>` +
      `<p class="govuk-body app-pre">${esc(item[about.text])}</p></div>`,
  );
  shell.main.insertAdjacentHTML("beforeend", shown.join(""));
}

function showStep(form, page) {
  for (const group of topGroups(form)) {
    const out = "unasked" in group.dataset || "settled" in group.dataset;
    group.hidden = out || (Boolean(page) && !page.fields.includes(group.dataset.group.slice(6)));
  }
  for (const note of form.querySelectorAll(":scope > p.govuk-body")) note.hidden = Boolean(page);
}

function visibleProblems(problems) {
  return problems.filter((problem) => !problem.element.closest("[hidden]"));
}

/**
 * The item of a record's list a form opened from the record's page acts on (``within``: a funding
 * split's contribution, named in the address), with the record; null when it is not one the action is
 * for now (already agreed).
 */
async function withinItem(within, paths) {
  const chosen = new URLSearchParams(location.search).get(within.action.param) ?? drafts.get(paths.form)?.contextId;
  const { record } = await query(manifest.journeys.stateDocuments[within.type], { id: within.id });
  const item = record ? itemsFor(within.action, record).find((i) => i.id === chosen) : null;
  return item ? { item, record } : null;
}

/** What the action is for, and fields of the form's record under its name, above its button: what is agreed. */
async function showRecord(shell, words, def, contextId) {
  const { page, found } = await loadRecord(def.context.types[0], contextId);
  const hint = words.hint ? `<p class="govuk-body">${esc(words.hint)}</p>` : "";
  const view = page.view.filter((f) => words.shows.includes(f.name) || words.shows.some((n) => page.view.find((g) => g.name === n)?.beside === f.name));
  const shown = found ? `<h2 class="govuk-heading-m">${esc(label(found))}</h2>${record(view, found, 3, label(found))}` : "";
  shell.main.insertAdjacentHTML("beforeend", hint + shown);
}

/**
 * A mutation's form, one page of its journey, its "check your answers" page or its confirmation.
 * ``step`` is a journey page's slug, "check" or "done". ``within``: the record whose page the form is
 * opened from when the form acts on an item of one of its lists (``{type, id, action}``).
 */
export async function formPage(shell, { operation, contextId, step, paths, journey = null, within = null }) {
  const def = await loadForm(operation);
  const words = presentation(operation);
  const title = journey?.title ?? words.title ?? def.title;
  paths.step = (slug) => `${paths.form}/${slug}`;
  if (step === "done") {
    const confirmation = confirmations.get(paths.form);
    if (!confirmation) return shell.navigate(paths.record, { replace: true });
    return confirmationPage(shell, confirmation);
  }
  let from = null; // the record the form is opened from, and the item it acts on
  if (within) {
    from = await withinItem(within, paths);
    if (!from) return shell.navigate(paths.record, { replace: true }); // nothing of it to act on now
    contextId = from.item.id;
  }
  const check = step === "check";
  const page = journey ? journey.pages.find((p) => p.slug === step) ?? (check ? null : journey.pages[0]) : null;
  let draft = drafts.get(paths.form);
  // A draft lives while the person moves between its pages; anywhere else, start afresh.
  const returning = Boolean(shell.previous?.startsWith(paths.form));
  if (draft && !returning) {
    drafts.delete(paths.form);
    draft = null;
  }
  if (!draft || draft.contextId !== contextId) {
    if (check) return shell.navigate(paths.form, { replace: true });
    draft = await prepare(def, contextId);
    if (!draft) return shell.notFound();
    // a version the item does not have is the record's it is opened from (a split's)
    if (from) draft.form.querySelectorAll("[data-within]").forEach((e) => (e.value = String(from.record[e.dataset.within] ?? "")));
    draft.within = from?.record ?? null;
    draft.journey = journey;
    draft.skipped = new Set();
    if (words.asks) await askOnly(draft, words.asks);
    if (words.grid) gridify(draft.form, words.grid);
    if (words.table) tabulate(draft.form, words.table);
    if (words.scales) await scaleRows(draft, words.scales);
    if (words.choices) await narrowChoices(draft, words.choices);
    await startFromSaved(draft, words, new URLSearchParams(location.search));
    settled(draft.form, new URLSearchParams(location.search));
    draft.answered?.();
    for (const narrow of draft.chosen ?? []) await narrow();
    if (words.grid) {
      await gridColumns(draft.form, words.grid);
      const chooser = Object.values(words.grid.only).map((c) => draft.form.querySelector(`[data-path="input.${CSS.escape(c.field)}"]`));
      chooser.forEach((element) => element?.addEventListener("change", () => gridColumns(draft.form, words.grid)));
    }
    if (!paths.record) paths.record = draft.context ? recordPath(draft.context) : "/portal/";
    drafts.set(paths.form, draft);
    const submit = draft.form.querySelector("button[type=submit]");
    if (journey) submit.textContent = "Continue";
    else if (def.confirm) submit.textContent = "Continue";
    else if (words.button) submit.textContent = words.button;
    if (words.warning && !journey) submit.classList.add("govuk-button--warning");
    draft.form.addEventListener("click", (event) => {
      const add = event.target.closest("[data-add-row]");
      if (add) addRow(draft.form, add.dataset.addRow, { focus: true });
      const remove = event.target.closest("[data-remove-row]");
      if (remove) removeRow(remove);
      const cancel = event.target.closest("[data-cancel]");
      if (cancel) {
        event.preventDefault();
        drafts.delete(paths.form);
        shell.navigate(paths.record);
      }
    });
    draft.form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const problems = visibleProblems(serialize(draft.form).problems);
      if (problems.length) return showProblems(shell, shell.main, problems);
      if (draft.journey) {
        const pages = draft.journey.pages;
        let next = await nextAsked(draft, pages.indexOf(draft.page));
        // changing an answer from "check your answers" goes back there, unless the change asks a
        // question not yet answered (a justification, once a fee is above the rate card)
        while (draft.changing && next < pages.length && !unanswered(draft, pages[next])) next = await nextAsked(draft, next);
        return shell.navigate(next < pages.length ? paths.step(pages[next].slug) : paths.check);
      }
      if (def.confirm) return shell.navigate(paths.check);
      return send(shell, draft, paths);
    });
  }
  if (check) return checkPage(shell, draft, paths, draft.problems ?? []);
  const pending = (draft.problems ?? []).filter((p) => page && page.fields.includes(fieldOf(p.path)));
  draft.page = page;
  clearErrors(draft.form);
  showStep(draft.form, page);
  applyOnly(draft.form);
  const pages = journey?.pages ?? [];
  const at = pages.indexOf(page);
  if (page && draft.skipped.has(page.slug)) {
    // a page the answers left out (no justification below the rate card): on to the next asked
    const next = await nextAsked(draft, at);
    return shell.navigate(next < pages.length ? paths.step(pages[next].slug) : paths.check, { replace: true });
  }
  const before = at > 0 ? await nextAsked(draft, at, -1) : -1;
  const back = before >= 0 ? paths.step(pages[before].slug) : paths.record;
  const named = draft.within ?? draft.context; // the record the page is about: the one it is opened from, if any
  const caption = named ? `<span class="govuk-caption-l">${esc(journey ? title : label(named))}</span>` : "";
  const heading = page ? page.title : title;
  const warning = words.warning
    ? '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>' +
      `<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${esc(words.warning)}</strong></div>`
    : "";
  shell.render(
    `<a href="${esc(back)}" class="govuk-back-link">Back</a>${caption}<h1 class="govuk-heading-l">${esc(heading)}</h1>${warning}`,
    { title: heading },
  );
  if (draft.blocked) {
    shell.main.insertAdjacentHTML(
      "beforeend",
      `<div class="govuk-inset-text">${esc(draft.blocked)}</div><p class="govuk-body"><a class="govuk-link" href="${esc(paths.record)}">Go back</a></p>`,
    );
    return;
  }
  if (words.about && (!page || page === journey.pages[0])) await showAbout(shell, words.about, draft.contextId);
  if (words.shows && def.context) await showRecord(shell, words, def, draft.contextId);
  shell.main.append(draft.form);
  if (def.confirm && !topGroups(draft.form).length) {
    // nothing to fill in: straight on to checking the record itself
    return shell.navigate(paths.check, { replace: true });
  }
  if (!draft.initialised) {
    draft.initialised = true;
    shell.initGovuk(draft.form);
  }
  // the problems the API found with this page's answers, beside their questions
  if (pending.length) showProblems(shell, shell.main, pending.map((p) => ({ ...p, element: locate(draft.form, p.path) })).filter((p) => p.element));
}
