// The form runtime: fills a generated form with its choices, reads it into GraphQL variables,
// posts it, and shows "errors as data" next to the field each error names.
//
// The generated markup says everything schema-specific: ``data-path`` is the input path of a
// value (the path a MutationError.field names), ``data-kind`` how to read it, ``data-options``
// where its choices come from, and ``<template>`` holds the rows a list adds and removes.

import manifest from "/portal/generated/manifest.js";
import { graphql, query } from "./graphql.js";
import { loadRecord, recordHtml } from "./records.js";
import { enumLabel, esc, formatDate, formatDateTime, formatMoney, label, recordPath } from "./render.js";

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
  if (!items.length) {
    element.insertAdjacentHTML("beforebegin", '<p class="govuk-body">There is nothing to choose from.</p>');
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
  if (!items.length) container.innerHTML = '<p class="govuk-body">There is nothing to answer.</p>';
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
    rows.filter((row) => leaves(row).filter((el) => !("fixed" in el.dataset)).every((el) => blank(read(el)))),
  );
  const inDropped = (element) => rows.some((row) => dropped.has(row) && row.contains(element));
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
    if (inDropped(element)) continue;
    const raw = read(element);
    const path = translate(element.dataset.path);
    if (Array.isArray(raw)) {
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
  const items = problems.map((problem, index) => {
    const target = problem.element || (problem.path && scope.querySelector("form") ? locate(scope.querySelector("form"), problem.path) : null);
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
    let message = result.message;
    if (result.deadline) message += `. The deadline was ${formatDateTime(result.deadline)}.`;
    return [{ message: message.replace(/\.\./g, "."), path: result.field ? toPage(result.field) : null }];
  }
  return [];
}

// -- check your answers ---------------------------------------------------------------------------

function describeLeaf(element) {
  const raw = read(element);
  if (Array.isArray(raw)) {
    return raw.map((v) => element.querySelector(`input[value="${CSS.escape(v)}"]`)?.labels[0]?.textContent.trim() ?? v).join(", ");
  }
  if (blank(raw)) return "";
  if (element.tagName === "SELECT") return element.selectedOptions[0]?.textContent ?? raw;
  if (element.classList.contains("govuk-radios")) return element.querySelector("input:checked")?.labels[0]?.textContent.trim() ?? raw;
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
  const rowElements = [...group.querySelectorAll("[data-row]")];
  if (rowElements.length || group.querySelector("[data-rows], [data-each]")) {
    const described = rowElements
      .map((row) => {
        const title = row.querySelector("[data-option-label]");
        const parts = leaves(row).filter((el) => !("fixed" in el.dataset)).map(describeLeaf).filter(Boolean);
        if (!parts.length) return "";
        const heading = title && !title.matches("label") ? `${title.textContent}: ` : "";
        return `<li>${esc(heading + parts.join(" · "))}</li>`;
      })
      .filter(Boolean);
    return described.length ? `<ul class="govuk-list">${described.join("")}</ul>` : "None";
  }
  const inner = leaves(group).filter((el) => !("fixed" in el.dataset));
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

async function checkPage(shell, draft, paths) {
  const { def, form } = draft;
  const groups = topGroups(form);
  let answers = "";
  if (groups.length) {
    const rows = groups.map((group) => {
      const name = group.dataset.label || group.querySelector("label, legend")?.textContent.replace(" (optional)", "").trim();
      const target = focusable(group)?.id || "";
      return (
        `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(name)}</dt>` +
        `<dd class="govuk-summary-list__value">${describeGroup(group)}</dd>` +
        `<dd class="govuk-summary-list__actions"><a class="govuk-link" href="${esc(paths.form)}" data-change="${esc(target)}">` +
        `Change<span class="govuk-visually-hidden"> ${esc(name.toLowerCase())}</span></a></dd></div>`
      );
    });
    answers = `<dl class="govuk-summary-list">${rows.join("")}</dl>`;
  } else if (draft.context) {
    answers = recordHtml(await loadRecord(draft.context.__typename, draft.contextId));
  }
  const action = def.title.toLowerCase();
  shell.render(
    `<span class="govuk-caption-l">${esc(def.title)}${draft.context ? ` – ${esc(label(draft.context))}` : ""}</span>` +
      '<h1 class="govuk-heading-l">Check your answers</h1>' +
      answers +
      `<h2 class="govuk-heading-m">Now ${esc(action)}</h2>` +
      `<p class="govuk-body">By choosing “${esc(def.title)}” you confirm that, to the best of your knowledge, these details are correct.</p>` +
      `<div class="govuk-button-group"><button type="button" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true" data-send>${esc(def.title)}</button>` +
      `<a class="govuk-link" href="${esc(paths.form)}">Go back and change your answers</a></div>`,
    { title: "Check your answers" },
  );
  shell.main.querySelector("[data-send]").addEventListener("click", () => send(shell, draft, paths));
  shell.main.querySelectorAll("[data-change]").forEach((anchor) =>
    anchor.addEventListener("click", (event) => {
      event.preventDefault();
      shell.navigate(paths.form, { focus: anchor.dataset.change });
    }),
  );
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
      outcome = found.length ? found : success(def, body.data.result, draft);
    }
    if (Array.isArray(outcome)) {
      const onForm = topGroups(form).length > 0;
      if (onForm && !shell.onPath(paths.form)) await shell.navigate(paths.form, { replace: true });
      showProblems(shell, shell.main, outcome);
      return;
    }
    drafts.delete(paths.form);
    shell.flash(outcome.done);
    if (outcome.go) return shell.navigate(outcome.go);
    return resultPage(shell, def, outcome.result);
  } finally {
    if (button) button.disabled = false;
  }
}

function success(def, result, draft) {
  const done = `${def.title}: done`;
  const next = def.next ? result[def.next] : null;
  if (next?.__typename && manifest.records.includes(next.__typename)) return { done, go: recordPath(next) };
  if (!def.payload.some((spec) => spec.kind !== "ref")) return { done, go: draft.context ? recordPath(draft.context) : "/portal/" };
  return { done, result };
}

function resultPage(shell, def, result) {
  const rows = def.payload.map(
    (spec) =>
      `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${esc(spec.label)}</dt>` +
      `<dd class="govuk-summary-list__value">${esc(spec.kind === "enum" ? enumLabel(spec.type, result[spec.name]) : result[spec.name] ?? "None")}</dd></div>`,
  );
  shell.render(`<h1 class="govuk-heading-l">${esc(def.title)}</h1><dl class="govuk-summary-list">${rows.join("")}</dl>` +
    '<p class="govuk-body"><a class="govuk-link" href="/portal/">Back to the start</a></p>', { title: def.title });
}

// -- the page -----------------------------------------------------------------------------------------

/** A mutation's form, or its "check your answers" page. */
export async function formPage(shell, { operation, contextId, check, paths }) {
  const def = await loadForm(operation);
  let draft = drafts.get(paths.form);
  // A draft lives for the round trip between the form and its check page; anywhere else, start afresh.
  const returning = shell.previous === paths.check || shell.previous === paths.form;
  if (draft && !check && !returning) {
    drafts.delete(paths.form);
    draft = null;
  }
  if (!draft || draft.contextId !== contextId) {
    if (check) return shell.navigate(paths.form, { replace: true });
    draft = await prepare(def, contextId);
    if (!draft) return shell.notFound();
    drafts.set(paths.form, draft);
    draft.form.addEventListener("click", (event) => {
      const add = event.target.closest("[data-add-row]");
      if (add) addRow(draft.form, add.dataset.addRow, { focus: true });
      const remove = event.target.closest("[data-remove-row]");
      if (remove) removeRow(remove);
      const cancel = event.target.closest("[data-cancel]");
      if (cancel) {
        event.preventDefault();
        drafts.delete(paths.form);
        shell.navigate(draft.context ? recordPath(draft.context) : "/portal/");
      }
    });
    draft.form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const { problems } = serialize(draft.form);
      if (problems.length) return showProblems(shell, shell.main, problems);
      if (def.confirm) return shell.navigate(paths.check);
      return send(shell, draft, paths);
    });
  }
  if (check) return checkPage(shell, draft, paths);
  clearErrors(draft.form);
  const caption = draft.context ? `<span class="govuk-caption-l">${esc(label(draft.context))}</span>` : "";
  shell.render(
    `${caption}<h1 class="govuk-heading-l">${esc(def.title)}</h1><p class="govuk-body">${esc(def.description)}</p>`,
    { title: def.title },
  );
  shell.main.append(draft.form);
  if (def.confirm && !topGroups(draft.form).length) {
    // nothing to fill in: straight on to checking the record itself
    return shell.navigate(paths.check, { replace: true });
  }
  if (!draft.initialised) {
    draft.initialised = true;
    shell.initGovuk(draft.form);
  }
}
